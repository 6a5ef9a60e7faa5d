"""Checks of stored entities that need no gold data: split people, PERSONs that are not people.

Both read a store's SQLite connection (tables ``articles(pk, id, text)``,
``article_entities(article_pk, local_id, entity_id, name)``, ``entities(id,
name, type)``, ``mentions(article_pk, entity_id, start, end)``); the type is the
global entity's. They count symptoms, not certainties: each finding is a place
to look.

**Split people** (:func:`split_people`): in one article, a PERSON entity whose
name is one word that equals a word of another PERSON entity's multi-word name
in the same article ("Biden" beside "Joe Biden", "Lindsay" beside "Lindsay
Lohan"). Within an article a lone surname or first name almost always means the
full name given earlier; a separate entity for it is a missed merge. Words are
compared casefolded, edge punctuation stripped.

**PERSONs that are not people** (:func:`non_people`): a PERSON entity showing at
least one cue that its name is not a person's:

- ``lexicon``: a word of its name is in :data:`NOT_PEOPLE`, a small list of names
  news taggers are known to label PERSON that are never people: online
  platforms, well-known software, diseases and drugs, political processes and
  movements (one category each, chosen as categories, not from any output);
- ``acronym``: all upper-case, three letters or fewer ("UTC", "TED");
- ``digit``: a digit in the name ("COVID-19"): personal names have none;
- ``uncapitalised``: no upper-case letter ("wolf", a word of a script without
  capitals): names of people in English text are capitalised;
- ``context``: at least half of its mentions sit in a platform or event frame,
  right after "on"/"via" ("on Twitter") or right before one of
  :data:`FRAME_AFTER` ("Brexit deal", "Facebook page").

Example:
    >>> store = open_store(db)  # doctest: +SKIP
    >>> len(split_people(store.conn)), len(non_people(store.conn))  # doctest: +SKIP
    (41, 57)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Names that are never people, by category (casefolded words).
NOT_PEOPLE: dict[str, frozenset[str]] = {
    "platform": frozenset(
        {
            "twitter",
            "facebook",
            "youtube",
            "instagram",
            "tiktok",
            "whatsapp",
            "telegram",
            "reddit",
            "snapchat",
            "linkedin",
            "wechat",
            "weibo",
            "skype",
            "zoom",
            "google",
            "wikipedia",
            "wikinews",
            "wikimedia",
            "netflix",
            "spotify",
            "tumblr",
            "flickr",
        }
    ),
    "software": frozenset(
        {
            "linux",
            "windows",
            "android",
            "iphone",
            "ipad",
            "macos",
            "ubuntu",
            "debian",
            "fedora",
            "firefox",
            "chrome",
            "git",
            "github",
            "python",
            "lua",
            "bitcoin",
        }
    ),
    "disease or drug": frozenset(
        {
            "covid",
            "covid-19",
            "coronavirus",
            "sars",
            "sars-cov-2",
            "mers",
            "ebola",
            "zika",
            "hiv",
            "aids",
            "measles",
            "influenza",
            "malaria",
            "cholera",
            "dengue",
            "polio",
            "tuberculosis",
            "fentanyl",
            "marijuana",
            "cannabis",
            "heroin",
            "cocaine",
            "aspirin",
        }
    ),
    "process or movement": frozenset(
        {"brexit", "antifa", "maga", "olympics", "paralympics", "ramadan", "hajj"}
    ),
}
#: Words before a mention that frame it as a platform or channel.
FRAME_BEFORE = frozenset({"on", "via"})
#: Words after a mention that frame it as a platform, an event or a disease.
FRAME_AFTER = frozenset(
    {"deal", "vote", "referendum", "outbreak", "pandemic", "crisis", "vaccine", "cases",
     "account", "accounts", "page", "post", "posts", "feed", "video", "channel", "app"}
)  # fmt: skip
_EDGE = "\"'“”‘’«»`.,;:!?()[]{}"
_WORD = re.compile(r"[\w'’-]+")


def _words(name: str) -> list[str]:
    return [w for w in (w.strip(_EDGE).casefold() for w in name.split()) if w]


@dataclass(frozen=True, slots=True)
class SplitPerson:
    """A one-word PERSON entity beside multi-word PERSON names that contain its word.

    Attributes:
        article: Article id.
        name: The one-word entity's name in that article.
        full: The multi-word names of the same article holding the word.
        entity_id: The one-word entity's global id.
    """

    article: str
    name: str
    full: tuple[str, ...]
    entity_id: int


def split_people(conn: Any) -> list[SplitPerson]:
    """Every split person of the store, in article order (see the module docstring)."""
    rows = conn.execute(
        "SELECT a.id AS article, ae.name, ae.entity_id FROM article_entities ae"
        " JOIN entities e ON e.id = ae.entity_id JOIN articles a ON a.pk = ae.article_pk"
        " WHERE e.type = 'PERSON' ORDER BY a.pk, ae.local_id"
    )
    by_article: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        by_article.setdefault(r["article"], []).append((r["name"], r["entity_id"]))
    found = []
    for article, people in by_article.items():
        multi = [(name, set(_words(name))) for name, _ in people if len(_words(name)) > 1]
        for name, entity_id in people:
            words = _words(name)
            if len(words) != 1:
                continue
            full = tuple(sorted({n for n, ws in multi if words[0] in ws}))
            if full:
                found.append(SplitPerson(article, name, full, entity_id))
    return found


def worst_splits(found: Iterable[SplitPerson], n: int = 10) -> list[tuple[str, str, int]]:
    """The ``n`` most frequent (one-word name, full name) splits, with their article counts."""
    counts = Counter((s.name, full) for s in found for full in s.full)
    return [(name, full, k) for (name, full), k in counts.most_common(n)]


@dataclass(frozen=True, slots=True)
class NonPerson:
    """A PERSON entity with cues that it is not a person.

    Attributes:
        entity_id: Global id.
        name: Its canonical name.
        mentions: Its stored mentions.
        articles: Articles mentioning it.
        cues: Which cues hold (``lexicon:<category>``, ``acronym``, ``digit``,
            ``uncapitalised``, ``context``).
    """

    entity_id: int
    name: str
    mentions: int
    articles: int
    cues: tuple[str, ...]


def name_cues(name: str) -> list[str]:
    """The cues that hold for a name alone (every cue but ``context``).

    Example:
        >>> name_cues("COVID-19"), name_cues("UTC"), name_cues("Joe Biden")
        (['lexicon:disease or drug', 'digit'], ['acronym'], [])
    """
    words = _words(name)
    cues = [f"lexicon:{cat}" for cat, lex in NOT_PEOPLE.items() if any(w in lex for w in words)]
    letters = [c for c in name if c.isalpha()]
    if letters and len(letters) <= 3 and all(c.isupper() for c in letters) and len(words) == 1:
        cues.append("acronym")
    if any(c.isdigit() for c in name):
        cues.append("digit")
    if letters and not any(c.isupper() for c in letters):
        cues.append("uncapitalised")
    return cues


def in_frame(text: str, start: int, end: int) -> bool:
    """Whether the mention ``text[start:end]`` follows "on"/"via" or precedes a frame word."""
    before = _WORD.findall(text[max(0, start - 20) : start])
    after = _WORD.findall(text[end : end + 20])
    return bool(before and before[-1].casefold() in FRAME_BEFORE) or bool(
        after and after[0].casefold() in FRAME_AFTER
    )


def non_people(conn: Any) -> list[NonPerson]:
    """Every PERSON entity with a cue that it is not a person, most mentioned first."""
    rows = conn.execute(
        'SELECT e.id, e.name, m.article_pk, m.start, m."end",'
        " substr(a.text, max(1, m.start - 19), min(m.start, 20)) AS before,"
        ' substr(a.text, m."end" + 1, 20) AS after'
        " FROM entities e JOIN mentions m ON m.entity_id = e.id"
        " JOIN articles a ON a.pk = m.article_pk WHERE e.type = 'PERSON' ORDER BY e.id, m.id"
    )
    names: dict[int, str] = {}
    mentions: Counter[int] = Counter()
    framed: Counter[int] = Counter()
    articles: dict[int, set[int]] = {}
    for r in rows:
        names[r["id"]] = r["name"]
        mentions[r["id"]] += 1
        articles.setdefault(r["id"], set()).add(r["article_pk"])
        window = r["before"] + "\x00" + r["after"]  # \x00 stands for the mention itself
        framed[r["id"]] += in_frame(window, len(r["before"]), len(r["before"]) + 1)
    found = []
    for entity_id, name in names.items():
        cues = name_cues(name)
        if framed[entity_id] * 2 >= mentions[entity_id] and framed[entity_id]:
            cues.append("context")
        if cues:
            found.append(
                NonPerson(
                    entity_id, name, mentions[entity_id], len(articles[entity_id]), tuple(cues)
                )
            )
    return sorted(found, key=lambda p: (-p.mentions, p.name))
