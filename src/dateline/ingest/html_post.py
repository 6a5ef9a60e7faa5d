"""The news post-pass: what trafilatura leaves of a news page's furniture.

trafilatura is a general extractor; news pages as a genre add furniture around
the story that it sometimes keeps: the headline repeated as the body's first
heading, the byline and time stamp, photo captions and credits, and a tail of
"share this", newsletter, "read more" and copyright lines. Each rule here is a
general rule for news pages, applied to the extracted blocks (paragraphs), and has
a name so the benchmark (``bench/html_extraction.py``) can measure it alone; only
rules that help on average there are in :data:`RULES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple


class Block(NamedTuple):
    """One paragraph of extracted text and the kind of element it came from
    (``p``, ``head``, ``item``, ``row``, ``quote``, ``code``)."""

    kind: str
    text: str


def block_key(text: str) -> str:
    """Text compared loosely: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"\w+", folded))


# Ideographs and kana: text in Chinese or Japanese has no spaces between words, so each
# counts as a word (about right for Chinese, generous for Japanese).
_IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """The length of a block in words, for "a short line" tests in any script."""
    return len(text.split()) + len(_IDEOGRAPHIC.findall(text))


# -- rules -----------------------------------------------------------------------
# Each rule takes the blocks and the page's title and author, and returns the blocks
# to keep.

Rule = Callable[[list[Block], str | None, str | None], list[Block]]


def drop_title(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """The headline repeated at the top of the body (the page's ``<h1>``)."""
    if not title:
        return blocks
    key = block_key(title)
    out = list(blocks)
    # Only among the first blocks: the same words later on are the story's own.
    for i, block in enumerate(out[:3]):
        if block_key(block.text) == key:
            del out[i]
            break
    return out


_BYLINE = re.compile(
    r"^(?:by|written by|words by|story by|reporting by|von|par|por|di)\s+\S",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified)\b[\s:]",
    re.IGNORECASE,
)


def drop_byline(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Bylines and time stamps among the first blocks ("By Jane Roe", "Updated 10:41")."""
    author_key = block_key(author) if author else None
    out: list[Block] = []
    for i, block in enumerate(blocks):
        text = block.text
        short = word_count(text) <= 12
        if (
            i < 4
            and short
            and (
                _BYLINE.match(text)
                or _STAMP.match(text)
                or (author_key and block_key(text) == author_key)
            )
        ):
            continue
        out.append(block)
    return out


# A photo's caption or credit: a short block that ends with the credit ("… (AP Photo/
# Jane Roe)", "Photo: Getty Images", "Image copyright Reuters").
_CAPTION = re.compile(
    r"(?:\((?:ap )?(?:photo|image|picture|credit)\b[^)]*\)"
    r"|\b(?:photo(?:graph)?|image|picture)\s*(?:credit|copyright|by)?\s*:?\s*"
    r"(?:getty images|ap|afp|reuters|shutterstock|epa)\b[^.]{0,40}"
    r"|\bgetty images|\bap photo[^.]{0,60}|/(?:reuters|afp|epa))\s*\.?\s*$",
    re.IGNORECASE,
)


def drop_captions(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Photo captions and credits ("… (AP Photo/Jane Roe)", "Photo: Getty Images")."""
    return [b for b in blocks if not (word_count(b.text) <= 40 and _CAPTION.search(b.text))]


# A link to another story or a widget set into the body: a label and a colon ("Related:
# …", "READ MORE: …", "See also: …"), or a call to act ("Click here to get the app",
# "Thanks for signing up!").
_PROMO = re.compile(
    r"^[\[(]?\s*(?:related(?: (?:post|story|stories|articles?|coverage|content|reading))?"
    r"|read (?:more|also|next)|see (?:more|also)|more|also|also read|also see|watch|video"
    r"|photos|gallery|listen|recommended|trending|top stories|latest|most (?:read|popular)"
    r"|leggi anche|lesen sie auch|lire aussi|lea también|leia também|veja também)"
    r"\b\s*(?:[:|\-–—]|\bon\s+\S+\.\w+)"
    r"|\bclick(?:ing)? here\b|^(?:thanks|thank you) for (?:signing up|subscribing)"
    r"|error processing your subscription|^keep an eye on your inbox",
    re.IGNORECASE,
)
# A label over a box of links, alone on the block's first line ("DON'T MISS",
# "You may also like", "Most read in world news").
_PROMO_LABEL = re.compile(
    r"^(?:don'?t miss|you (?:may|might) (?:also )?like|popular on|most (?:read|viewed|popular)"
    r"|more (?:from|on|stories|news)|recommended for you|trending now)\b.{0,60}$",
    re.IGNORECASE,
)


def _promo(text: str) -> bool:
    words = word_count(text)
    first = text.split("\n", 1)[0]
    return (words <= 30 and _PROMO.search(text) is not None) or (
        words <= 80 and _PROMO_LABEL.match(first) is not None
    )


def drop_promos(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Cross-links and widgets inside the body ("Related: …", "READ MORE: …", "Click
    here to get the app", a "DON'T MISS" box of links)."""
    return [b for b in blocks if not _promo(b.text)]


# The tail of a news page. Lines that are furniture whatever their length (up to 40
# words): credits, contact and follow lines, newsletter offers, a bare address.
_TRAILER = re.compile(
    r"^(?:have|got) a (?:news )?tip\b|^sign up\b|^subscribe\b|\bnewsletters?\b"
    r"|^like this (?:story|article)|^source\s*:|^(?:additional |with )?reporting by\b"
    r"|\bediting by\b|\bcontributed (?:to )?(?:this )?report(?:ing)?\b"
    r"|^(?:reach|contact|email|write to) (?:the )?\S+(?: \S+){0,3} at\b"
    r"|\bfollow (?:\S+ ){0,4}on (?:twitter|facebook|instagram|linkedin)\b"
    r"|^\S+@\S+\.\w+$|^(?:https?://|www\.|twitter\.com/|@)\S+$",
    re.IGNORECASE,
)
# Labels that are furniture only as a short line of their own (up to 8 words):
# "Share this article", "Tags: …", "Comments", "Read more".
_TRAILER_LABEL = re.compile(
    r"^(?:share(?: this| on)?|tweet|email|print|follow us|like us|read more|more (?:from|on|about)"
    r"|related|see also|recommended|tags?|topics?|filed under|click here|advertisement"
    r"|comments?)\b(?!-)",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"©|copyright\b|all rights reserved", re.IGNORECASE)


def _trailer(text: str) -> bool:
    words = word_count(text)
    return (words <= 40 and _TRAILER.search(text) is not None) or (
        words <= 8 and _TRAILER_LABEL.match(text) is not None
    )


def drop_trailer(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Trailing furniture: "Share this", "Sign up for our newsletter", "Have a tip? …",
    "Jane Roe contributed reporting", "Follow us on Twitter" lines at the end of the
    body (only the end: the same words inside the story are the story's)."""
    end = len(blocks)
    while end > 1 and _trailer(blocks[end - 1].text):
        end -= 1
    return blocks[:end]


def drop_rights(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """A copyright line at the end ("© 2019 Associated Press. All rights reserved.")."""
    if len(blocks) > 1 and word_count(blocks[-1].text) <= 40 and _RIGHTS.search(blocks[-1].text):
        return blocks[:-1]
    return blocks


_HEADLINE_END = re.compile(r"[.!?…:;\"”’)\]]$")


def drop_tail_links(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """A list of other stories' headlines closing the body: short lines without a
    sentence's final stop, after a label ("You may also like") or at least three."""
    end = len(blocks)
    while end > 1:
        block = blocks[end - 1]
        text = block.text
        if (
            block.kind in ("p", "head")
            and 3 <= word_count(text) <= 15
            and "\n" not in text
            and not _HEADLINE_END.search(text)
        ):
            end -= 1
        else:
            break
    if end == len(blocks):
        return blocks
    before = blocks[end - 1].text
    label = word_count(before) <= 8 and _promo(before)
    if label:
        end -= 1
    elif len(blocks) - end < 3:
        return blocks
    return blocks[: max(end, 1)]


# A time stamp or reading time above the story ("Tempo de leitura: 1 minuto",
# "5:45 AM PST 11/19/2019 by …", "기사입력 :[ 2018-08-25 15:24 ]").
_READING_TIME = re.compile(
    r"\b(?:\d+\s*(?:min(?:ute)?s?|minutos?|minuten)\b.{0,12}\b(?:read|leitura|lectura|lesezeit)"
    r"|(?:reading time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\b)",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?::|h)\d{2}\b|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)


def drop_stamps(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Reading times and time stamps among the first three blocks (short lines that
    give a clock time or numeric date, or the minutes it takes to read)."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        text = block.text
        if (
            i < 3
            and word_count(text) <= 10
            and (_READING_TIME.search(text) or _TIME_OF_DAY.search(text))
        ):
            continue
        out.append(block)
    return out


def drop_lead_heads(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Headings before the first paragraph: kicker and standfirst, not the story."""
    for i, block in enumerate(blocks):
        if block.kind != "head":
            return blocks[i:]
    return blocks


#: Every rule by name, in the order they apply.
ALL_RULES: dict[str, Rule] = {
    "title": drop_title,
    "byline": drop_byline,
    "stamps": drop_stamps,
    "captions": drop_captions,
    "trailer": drop_trailer,
    "rights": drop_rights,
    # After the trailer (which uncovers a list of links) and before promos (which
    # would take away the label that introduces the list).
    "tail_links": drop_tail_links,
    "promos": drop_promos,
    "lead_heads": drop_lead_heads,
}

#: The rules that help on the extraction benchmark (see the module docstring).
#: The rule that recovers a story split over several containers (it reads the page,
#: not the blocks: see :mod:`dateline.ingest.html_recover`).
SPLIT_BODY = "split_body"

#: ``rights`` is measured and left off: the benchmark's annotators kept copyright
#: lines as part of the body, so dropping them costs there (-0.0003 F1).
RULES: tuple[str, ...] = (
    "title", "byline", "stamps", "captions", "trailer", "tail_links", "promos", "lead_heads",
    SPLIT_BODY,
)  # fmt: skip


def clean_blocks(
    blocks: list[Block],
    *,
    title: str | None,
    author: str | None,
    rules: tuple[str, ...] = RULES,
) -> list[str]:
    """Apply the named rules to the extracted blocks and return the paragraphs kept.

    Example:
        >>> body = [Block("head", "Dam opens"), Block("p", "By Ann Lee"),
        ...         Block("p", "The dam opened."), Block("p", "Share this article")]
        >>> clean_blocks(body, title="Dam opens", author="Ann Lee")
        ['The dam opened.']
    """
    for name in ALL_RULES:
        if name in rules:
            blocks = ALL_RULES[name](blocks, title, author)
    return [b.text for b in blocks]
