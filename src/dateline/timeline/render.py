"""A timeline written out: plain text, Markdown, JSON, CSV or a standalone HTML page."""

from __future__ import annotations

import calendar
import csv
import html
import io
import json
from collections.abc import Callable

from dateline.timeline.model import Entry, Timeline

FORMATS = ("text", "md", "json", "csv", "html")

#: The CSV format's header: one row per sentence, with the source it comes from.
CSV_COLUMNS = (
    "date", "mod", "sentence", "outlets", "article", "title", "published", "start", "end",
)  # fmt: skip

_MODS = {"START": "early", "MID": "mid-", "END": "late"}


def date_label(entry: Entry) -> str:
    """A reader's form of an entry's date: "1956", "late June 2019", "27 January 1960".

    Example:
        >>> date_label(Entry("2019-06", "END", "", (), ()))
        'late June 2019'
    """
    parts = entry.date.split("-")
    if len(parts) == 3:
        label = f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    elif len(parts) == 2:
        label = f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    else:
        label = parts[0]
    mod = _MODS.get(entry.mod or "")
    if mod:
        label = f"{mod}{label}" if mod.endswith("-") else f"{mod} {label}"
    return label


def _reported(entry: Entry) -> str:
    n = entry.outlets
    return f"reported by {n} outlet{'s' if n != 1 else ''}" if n > 1 else "1 source"


def _text(tl: Timeline) -> str:
    lines = [f"Timeline: {tl.title}", ""]
    for e in tl.entries:
        lines.append(f"{date_label(e)}  ({_reported(e)})")
        for s in e.sentences:
            lines.append(f"  - {s}")
        for src in e.sources:
            lines.append(f"    [{src.article}] {src.title or ''} ({src.published or 'undated'})")
        lines.append("")
    if not tl.entries:
        lines.append("(no dated events match)")
    return "\n".join(lines).rstrip() + "\n"


def _md(tl: Timeline) -> str:
    lines = [f"# Timeline: {tl.title}", ""]
    for e in tl.entries:
        lines.append(f"## {date_label(e)}")
        lines.append("")
        for s in e.sentences:
            lines.append(f"- {s}")
        lines.append("")
        sources = "; ".join(
            f"{src.title or src.article} ({src.published or 'undated'}, `{src.article}`)"
            for src in e.sources
        )
        lines.append(f"*{_reported(e).capitalize()}:* {sources}")
        lines.append("")
    if not tl.entries:
        lines.append("_No dated events match._")
    return "\n".join(lines).rstrip() + "\n"


def _json(tl: Timeline) -> str:
    return json.dumps(tl.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _csv(tl: Timeline) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in tl.entries:
        first = e.sources[0] if e.sources else None
        for i, s in enumerate(e.sentences):
            src = e.sources[i] if i < len(e.sources) else first
            w.writerow([
                e.date, e.mod or "", s, e.outlets,
                src.article if src else "", src.title if src else "",
                src.published if src else "", src.start if src else "", src.end if src else "",
            ])  # fmt: skip
    return out.getvalue()


_STYLE = """
body { font: 16px/1.5 Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #666; font-size: .9rem; margin-bottom: 2rem; }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid #8a9bb0; }
ol.timeline > li { position: relative; margin: 0 0 1.6rem 1.4rem; break-inside: avoid; }
ol.timeline > li::before { content: ""; position: absolute; left: -1.95rem; top: .45rem;
       width: .8rem; height: .8rem; border-radius: 50%; background: #3c5a80; }
time { font-weight: bold; font-family: Helvetica, Arial, sans-serif; color: #3c5a80; }
.sources { font-size: .85rem; color: #555; margin-top: .3rem; }
.sources li { margin: 0; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _html(tl: Timeline) -> str:
    esc = html.escape
    items = []
    for e in tl.entries:
        sentences = "".join(f"<p>{esc(s)}</p>" for s in e.sentences)
        sources = "".join(
            f'<li><span class="title">{esc(src.title or src.article)}</span>'
            f" — {esc(src.published or 'undated')}"
            f"{' — ' + esc(src.outlet) if src.outlet else ''}"
            f" <code>{esc(src.article)}</code></li>"
            for src in e.sources
        )
        items.append(
            f'<li><time datetime="{esc(e.date)}">{esc(date_label(e))}</time>{sentences}'
            f'<div class="sources">{esc(_reported(e).capitalize())}<ul>{sources}</ul></div></li>'
        )
    body = "".join(items) or "<li>No dated events match.</li>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Timeline: {esc(tl.title)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>Timeline: {esc(tl.title)}</h1>"
        f'<div class="meta">{len(tl.entries)} dates · made by dateline</div>'
        f'<ol class="timeline">{body}</ol></body></html>\n'
    )


_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "text": _text,
    "md": _md,
    "json": _json,
    "csv": _csv,
    "html": _html,
}


def render(tl: Timeline, fmt: str = "text") -> str:
    """``tl`` in one of :data:`FORMATS`."""
    try:
        return _RENDERERS[fmt](tl)
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}") from None
