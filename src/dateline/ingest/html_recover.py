"""Paragraphs of the story that trafilatura leaves behind, found again in the page.

News sites cut a long story into several body containers of the same kind, with
ads or embeds between them (``<div class="article-body">`` repeated); trafilatura
scores containers and may keep one. :func:`recover_split_body` finds the container
holding the extracted paragraphs and takes the paragraphs of its like-named
cousins (same tag and class, a common ancestor at most three levels up) back into
the text, in page order. It is a rule of the post-pass (``split_body``), measured
on the benchmark like the others.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dateline.ingest.html_post import Block, block_key, word_count

# A recovered paragraph is prose: at least this many words (teasers and labels are
# shorter).
_MIN_WORDS = 12
# How far up two containers may meet to count as parts of one story.
_MAX_LEVELS = 3


def _text(el: Any) -> str:
    """The paragraph's text, a line break where it has ``<br>`` (the tree is a copy)."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines = (" ".join(line.split()) for line in el.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _ancestors(el: Any, levels: int) -> list[Any]:
    out = []
    for parent in el.iterancestors():
        out.append(parent)
        if len(out) == levels:
            break
    return out


def recover_split_body(blocks: list[Block], tree: Any) -> list[Block]:
    """The blocks with the paragraphs of the story's other body containers added.

    Args:
        blocks: The extracted blocks, in page order.
        tree: The page as parsed, before any extraction pruned it.

    Example:
        >>> from lxml.html import document_fromstring
        >>> part = '<div class="body"><p>{}</p></div>'
        >>> tree = document_fromstring("<html><body><article>" + part.format("A " * 12)
        ...     + "<aside>Ad</aside>" + part.format("B " * 12) + "</article></body></html>")
        >>> got = recover_split_body([Block("p", ("A " * 12).strip())], tree)
        >>> [b.text[0] for b in got]
        ['A', 'B']
    """
    extracted = {block_key(b.text) for b in blocks if b.kind == "p"}
    paragraphs = [p for p in tree.iter("p") if block_key(_text(p)) in extracted]
    if not paragraphs:
        return blocks
    containers = Counter(p.getparent() for p in paragraphs)
    main, _ = containers.most_common(1)[0]
    name = main.get("class")
    if main is None or not name:
        return blocks  # an unnamed container: no way to tell its kin
    ancestors = set(_ancestors(main, _MAX_LEVELS))
    parts = [
        el
        for el in tree.iter(main.tag)
        if el.get("class") == name
        and (el is main or ancestors.intersection(_ancestors(el, _MAX_LEVELS)))
    ]
    if len(parts) < 2:
        return blocks
    # The story's paragraphs in page order, each either extracted already or new.
    positions = {block_key(b.text): i for i, b in enumerate(blocks)}
    inserts: dict[int, list[Block]] = {}
    cursor = -1  # insert before the first block until an extracted paragraph is met
    for part in parts:
        for p in part.iterchildren("p"):
            text = _text(p)
            key = block_key(text)
            if key in positions:
                cursor = positions[key]
            elif word_count(text) >= _MIN_WORDS:
                inserts.setdefault(cursor, []).append(Block("p", text))
                positions[key] = cursor
    if not inserts:
        return blocks
    out = list(inserts.get(-1, []))
    for i, block in enumerate(blocks):
        out.append(block)
        out.extend(inserts.get(i, []))
    return out
