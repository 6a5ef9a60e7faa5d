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


def _key(text: str) -> str:
    """Text compared loosely: case, accents, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"\w+", folded))


def _words(text: str) -> int:
    return len(text.split())


# -- rules -----------------------------------------------------------------------
# Each rule takes the blocks and the page's title and author, and returns the blocks
# to keep.

Rule = Callable[[list[Block], str | None, str | None], list[Block]]


def drop_title(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """The headline repeated at the top of the body (the page's ``<h1>``)."""
    if not title:
        return blocks
    key = _key(title)
    out = list(blocks)
    # Only among the first blocks: the same words later on are the story's own.
    for i, block in enumerate(out[:3]):
        if _key(block.text) == key:
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
    author_key = _key(author) if author else None
    out: list[Block] = []
    for i, block in enumerate(blocks):
        text = block.text
        short = _words(text) <= 12
        if i < 4 and short and (
            _BYLINE.match(text)
            or _STAMP.match(text)
            or (author_key and _key(text) == author_key)
        ):
            continue
        out.append(block)
    return out


# Short lines that credit or caption a photo rather than tell the story.
_CAPTION = re.compile(
    r"(?:^|[\s(\[|])(?:photo(?:graph)?|image|picture|illustration|credit)s?\s*(?:credit)?\s*:"
    r"|\((?:photo|image|picture)\b[^)]*\)\s*$"
    r"|\b(?:getty images|ap photo|afp via getty|reuters/|shutterstock|istock(?:photo)?)\b",
    re.IGNORECASE,
)


def drop_captions(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Photo captions and credits ("Photo: AP", "… (Getty Images)") under 40 words."""
    return [b for b in blocks if not (_words(b.text) <= 40 and _CAPTION.search(b.text))]


# The tail of a news page: sharing, following, newsletters, more stories, rights.
_TRAILER = re.compile(
    r"^(?:share|share this|share on|tweet|email|print|follow(?: us)?|like us"
    r"|sign up|subscribe|get (?:the|our)|newsletter"
    r"|read more|more (?:from|on|about|stories)|related|see also|recommended"
    r"|tags?\b|topics?\b|filed under|click here|advertisement|comments?\b"
    r"|copyright|all rights reserved|©|\(c\)\s*\d{4})",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"©|copyright\b|all rights reserved", re.IGNORECASE)


def drop_trailer(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Trailing furniture: "Share this", "Sign up for our newsletter", "Read more",
    "© 2019 …" lines at the end of the body (only the end: the same words inside the
    story are the story's)."""
    end = len(blocks)
    while end > 1:
        text = blocks[end - 1].text
        if _words(text) <= 25 and (_TRAILER.match(text) or _RIGHTS.search(text)):
            end -= 1
        else:
            break
    return blocks[:end]


def drop_lead_heads(blocks: list[Block], title: str | None, author: str | None) -> list[Block]:
    """Headings before the first paragraph: kicker and standfirst, not the story."""
    for i, block in enumerate(blocks):
        if block.kind != "head":
            return blocks[i:] if i < len(blocks) else blocks
    return blocks


#: Every rule by name, in the order they apply.
ALL_RULES: dict[str, Rule] = {
    "title": drop_title,
    "byline": drop_byline,
    "captions": drop_captions,
    "trailer": drop_trailer,
    "lead_heads": drop_lead_heads,
}

#: The rules that help on the extraction benchmark (see the module docstring).
RULES: tuple[str, ...] = ("title", "byline", "captions", "trailer", "lead_heads")


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
