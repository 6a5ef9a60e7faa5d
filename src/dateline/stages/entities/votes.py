"""An entity's type from all its mentions: spaCy's labels and what the context says.

spaCy's small model labels "Twitter", "Brexit" and "COVID-19" PERSON more often
than not. Each mention votes with its label; the context adds cues:

* a platform: "on Twitter", "via Facebook" after a verb or noun of posting,
  "Twitter account/post/users" → ORG;
* a legal form: "Apple Inc." → ORG; a body's or building's last word
  ("Betty Ford Center", "Labour Party") → ORG or FAC;
* a number as the last word: "Windows 10" → PRODUCT;
* a disease or virus word: "COVID-19", "coronavirus", "H1N1", "Ebola" → DISEASE;
* an event noun it modifies: "Brexit deal", "Brexit vote" → EVENT;
* a person: a title or role stated for it, an honorific ("Mr. Ford"), an age
  ("Lohan, 26,"), a noun for a person applied to it ("actress Tara Reid", "Page,
  the pinup girl"), a verb only a person is the subject of ("Bettie Page has
  died", "married"), a "he"/"she" resolved to it → PERSON.

:func:`decide` reads them in order of strength: person evidence, then the other
cues, then a full PERSON name, then the majority of labels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from dateline.identity.names import CORPORATE_FORMS
from dateline.stages.entities.gender import PERSON_NOUNS
from dateline.stages.entities.lexicon import HONORIFICS, LABEL_PRECEDENCE, place_name

if TYPE_CHECKING:
    from dateline.stages.entities.resolve import Cand

_PRECEDENCE = {label: n for n, label in enumerate((*LABEL_PRECEDENCE, "DISEASE"))}

_DISEASE = re.compile(
    r"(?i)(?:covid|sars|mers|ebola|zika|h\dn\d|hiv|influenza|flu|measles|malaria|cholera|"
    r"dengue|polio|tuberculosis|coronavirus\w*|\w*virus|\w+pox|disease|syndrome|fever)"
    r"(?:-\w+)*[.,;:]?"
)
#: Verbs and nouns of posting that "on X"/"via X" completes with a platform.
_POSTING_VERBS = frozenset(
    """post tweet write say share announce publish upload comment reply respond stream
    broadcast message claim appear reveal confirm deny react criticize criticise attack mock
    slam blast lash praise hail thank apologize apologise accuse vow insist urge demand
    declare promise warn express indicate note refer trend circulate spread go launch join
    sign quit leave ban suspend block follow delete remove show release state describe
    ask livestream""".split()
)
_POSTING_NOUNS = frozenset(
    """video photo account page statement update thread channel profile feed picture image
    clip footage message post tweet comment announcement letter""".split()
)
#: Verbs whose "to X" is a platform ("posted to Twitter", "took to Facebook").
_POSTING_TO = frozenset({"post", "upload", "take", "tweet", "add", "send", "share"})
_PLATFORM_HEADS = frozenset(
    """account accounts post posts page pages user users feed handle profile channel video
    videos livestream tweet tweets followers follower thread story stories message
    messages ban bio fight hashtag trend""".split()
)
_EVENT_NOUNS = frozenset(
    """deal vote referendum talks negotiation negotiations deadline agreement withdrawal
    extension process impasse delay transition day date""".split()
)
_BODY_WORDS = frozenset(
    """center centre centers centres institute foundation organization organisation society
    association agency department ministry council fund trust league""".split()
)
#: Verbs whose subject is a person: bodies and places are not born, do not die or marry.
_PERSON_VERBS = frozenset({"die", "marry", "wed", "divorce", "bear", "retire"})
_PLATFORM_PREPS = frozenset({"on", "via", "through", "across"})
#: Last words that make a name a body or a place, whatever spaCy's label.
_ORG_HEADS = frozenset(
    """bank party council committee commission
    association union agency department ministry institute university college school
    foundation court police army navy league club federation organization organisation
    network group board bureau office service services authority team""".split()
)
_FAC_HEADS = frozenset(
    """center centre clinic hospital rehab prison jail airport stadium arena museum church
    cathedral mosque temple hotel station bridge tower building mall theater theatre
    facility""".split()
)


def cues(doc: Any, first: int, last: int, form: str) -> list[str]:
    """Labels the context of one name mention ``[first, last)`` votes for."""
    out: list[str] = []
    if _disease(form):
        out.append("DISEASE")
    words = form.split()
    last_word = words[-1].lower().strip(".,") if len(words) > 1 else ""
    if place_name(form) is not None:
        last_word = ""  # "Soviet Union" is a country
    tail = doc[last - 1].lower_.rstrip(".")
    after = doc[last].lower_.rstrip(".") if last < len(doc) else ""
    if (last - first > 1 and tail in CORPORATE_FORMS) or (
        after in CORPORATE_FORMS and after not in ("group", "company", "co")
    ):
        out.append("ORG")  # a legal form: "Apple Inc."
    elif last_word in _ORG_HEADS:
        out.append("ORG")
    elif last_word in _FAC_HEADS:
        out.append("FAC")
    elif last_word.isdecimal():
        out.append("PRODUCT")  # "Linux 8", "Galaxy S10": people's names have no numbers
    root = doc[first:last].root
    head = root.head
    if last - first == 1 and _platform(root):
        out.append("ORG")
    elif root.dep_ in ("compound", "nmod", "npadvmod", "amod") and head.i > root.i:
        if head.lower_ in _PLATFORM_HEADS:
            out.append("ORG")
        elif head.lower_ in _EVENT_NOUNS:
            out.append("EVENT")
    if (
        _aged(doc, last)
        or (first > 0 and doc[first - 1].lower_ in HONORIFICS)
        or _person_noun_for(doc, root, first)
        or _person_subject(root)
    ):
        out.append("PERSON")
    return out


def _person_noun_for(doc: Any, root: Any, first: int) -> bool:
    """A noun for a person applied to the name: "actress Tara Reid", "Reid, the actress",
    "Jackman will be the host"."""
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.lower_ in PERSON_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in root.children):
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_NOUNS:
        return True
    verb = root.head
    return root.dep_ == "nsubj" and verb.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in PERSON_NOUNS for c in verb.children
    )


def _person_subject(root: Any) -> bool:
    """The subject of a verb only people do: "Page has died", "Reid married", "was born"."""
    verb = root.head
    if verb.lemma_.lower() not in _PERSON_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() == "bear":
        return root.dep_ == "nsubjpass"  # "X was born", not "X bears the cost"
    if verb.lemma_.lower() == "retire":
        return root.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in verb.children)
    return root.dep_ == "nsubj"


def _platform(root: Any) -> bool:
    """ "on Twitter", "via Facebook" after a verb of posting, "posted to Twitter", "my Twitter"."""
    if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in root.children):
        return True  # "my Twitter": no one says "my Trump"
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in _PLATFORM_PREPS:
        verbs, nouns = _POSTING_VERBS, _POSTING_NOUNS
    elif prep.lower_ == "to":
        verbs, nouns = _POSTING_TO, frozenset()
    else:
        return False
    t = prep
    for _ in range(3):  # "wrote Joshua Wong on Twitter": the phrase may hang on a noun
        if t.head.i == t.i:
            break
        t = t.head
        words = verbs if t.pos_ in ("VERB", "AUX") else nouns if t.pos_ == "NOUN" else ()
        if t.lemma_.lower() in words:
            return True
    return False


def _disease(form: str) -> bool:
    """A disease's name: a disease or virus word at either end of a short name."""
    words = form.split()
    if not words or len(words) > 3 or any(w.lower() in _BODY_WORDS for w in words):
        return False
    return bool(_DISEASE.fullmatch(words[0]) or _DISEASE.fullmatch(words[-1]))


def _aged(doc: Any, last: int) -> bool:
    """ "Lohan, 26,": a name followed by an age between commas."""
    if last + 2 >= len(doc) or doc[last].text != "," or doc[last + 2].text not in (",", ")"):
        return False
    age = doc[last + 1].text
    return age.isdecimal() and 1 <= int(age) <= 120


def decide(members: Iterable[Cand], pronouns: int = 0) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The type of an entity and its votes (label → count, most first).

    Every mention's label counts once, every context cue once, every resolved
    "he"/"she" once for PERSON. The type is the strongest evidence, not always
    the top vote: a stated role or honorific makes a person; so do full names
    labelled PERSON that outnumber the non-person cues; else those cues decide
    ("on Twitter" over five one-word PERSON labels); else the majority of
    labels, ties by :data:`LABEL_PRECEDENCE`.
    """
    labels: Counter[str] = Counter()
    context: Counter[str] = Counter()
    person = False
    full_person = 0
    named = [c for c in members if c.kind != "demonym"] or list(members)
    for c in named:
        labels[c.label] += 1
        context.update(c.cues)
        person = person or c.person or bool(c.honorific)
        full_person += c.label == "PERSON" and len(c.words) >= 2
    if pronouns:
        context["PERSON"] += pronouns
    votes = labels + context
    ranked = tuple(sorted(votes.items(), key=lambda kv: (-kv[1], _PRECEDENCE.get(kv[0], 99))))
    other = Counter({k: v for k, v in context.items() if k != "PERSON"})
    if person or (context["PERSON"] and context["PERSON"] >= sum(other.values())):
        return "PERSON", ranked
    if full_person > sum(other.values()):
        return "PERSON", ranked
    if other:
        return _top(other), ranked
    return _top(labels, person_last=True), ranked


def _top(votes: Counter[str], *, person_last: bool = False) -> str:
    """The most voted label; ties by precedence, PERSON last for names never given in full."""

    def rank(label: str) -> tuple[int, int]:
        order = 100 if person_last and label == "PERSON" else _PRECEDENCE.get(label, 99)
        return -votes[label], order

    return min(votes, key=rank)
