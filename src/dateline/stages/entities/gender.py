"""Grammatical gender and animacy in English news: honorifics and nouns for people.

Pronouns are resolved by agreement, and "he"/"she" agree with what the text says
of a person: an honorific ("Mr.", "Mrs."), a gendered noun for them ("the
actress", "his wife Laci Peterson", "Queen Elizabeth"), or a pronoun already
resolved to them. Nothing is guessed from first names.
"""

from __future__ import annotations

from dateline.stages.entities.lexicon import ROLE_HEADS

#: Honorific (lower case, no dot) → gender.
HONORIFIC_GENDER = {
    "mr": "m", "sir": "m", "lord": "m", "mister": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f",
    "lady": "f", "mme": "f",
}

FEMALE_NOUNS = frozenset(
    """woman women girl lady mother mom mum daughter wife sister aunt niece grandmother
    granddaughter grandma widow bride girlfriend fiancee fiancée actress queen princess duchess
    empress countess baroness spokeswoman chairwoman congresswoman businesswoman sportswoman
    policewoman councilwoman heiress waitress hostess stepmother stepmom stepdaughter nun
    ballerina matriarch landlady songstress sister-in-law mother-in-law daughter-in-law
    schoolgirl housewife""".split()
)

MALE_NOUNS = frozenset(
    """man men boy gentleman father dad son husband brother uncle nephew grandfather grandson
    grandpa widower groom boyfriend fiance king prince duke emperor spokesman chairman
    congressman businessman sportsman policeman fireman councilman stepfather stepson
    stepdad monk patriarch landlord schoolboy brother-in-law father-in-law son-in-law
    pope""".split()
)

#: Nouns that denote a person (singular), for animacy and for unnamed referents.
PERSON_NOUNS = (
    FEMALE_NOUNS
    | MALE_NOUNS
    | ROLE_HEADS
    | frozenset(
        """person child kid teen teenager baby toddler infant victim suspect driver officer
        worker player student resident official lawyer doctor nurse patient witness
        passenger pilot soldier friend neighbor neighbour inmate prisoner publicist
        representative rep agent colleague partner relative survivor gunman shooter killer
        attacker climber swimmer star singer actor director producer rapper musician
        athlete host anchor journalist reporter writer author artist owner fan customer
        employee teacher pupil mayor fighter boxer champion coach quarterback guard
        molester murderer defendant plaintiff detective trooper deputy actor actress
        founder investor analyst economist scientist researcher expert priest pastor
        candidate nominee voter protester protestor activist spokesperson model pitcher
        catcher pin-up socialite""".split()
    )
)


def noun_gender(word: str) -> str | None:
    """``"m"``, ``"f"`` or ``None`` for a lower-case noun ("actress" → ``"f"``)."""
    if word in FEMALE_NOUNS:
        return "f"
    if word in MALE_NOUNS:
        return "m"
    return None


def honorific_gender(word: str | None) -> str | None:
    """The gender an honorific states ("Mrs." → ``"f"``; "Dr." → ``None``)."""
    return HONORIFIC_GENDER.get((word or "").lower().rstrip(".")) if word else None
