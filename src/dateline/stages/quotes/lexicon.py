"""Words that introduce statements (cues) and words that tell a speaker's kind."""

from __future__ import annotations

#: Verbs of saying, reporting and stating a belief: they take the statement as a clause.
SPEECH_VERBS = frozenset(
    """
    say tell add note warn stress insist believe state announce claim argue explain declare
    confirm deny report write suggest predict acknowledge admit assert maintain contend allege
    caution emphasise emphasize reiterate recall reply respond answer ask urge estimate think
    feel hope fear vow promise pledge tweet post comment observe remark complain concede
    indicate reveal disclose inform testify point continue conclude show find
    repeat mention describe propose recommend demand contend counter retort affirm
    announce clarify underline underscore signal predict forecast expect worry doubt
    """.split()
)
#: Cues that count only when they take a clause ("believes that ..."), never alone.
CLAUSE_ONLY = frozenset(
    """
    believe think feel hope fear expect worry doubt continue point mention describe show find
    """.split()
)
#: Verbs that need their particle to be a cue ("point out").
PARTICLE_CUES = {"point": "out"}
#: Cues for direct quotes: a quote next to one of these is attributed by it.
DIRECT_VERBS = SPEECH_VERBS | frozenset(
    "joke laugh shout cry exclaim whisper scream yell murmur sigh smile begin go write".split()
)
#: Plain verbs of saying: next to one, even a one-word quote is a statement ("'No,' he said").
SAY_VERBS = frozenset(
    "say tell add reply answer respond write tweet post ask shout exclaim".split()
)
#: Verbs whose direct object is the attributed content ("praised the plan", "said so").
OBJECT_CUES = frozenset(
    """
    say write tweet post praise criticize criticise endorse defend denounce blast mock accuse
    applaud congratulate tout dismiss echo condemn slam decry hail lambast ridicule
    """.split()
)
#: Nouns that carry a statement: "her claim that ...", "in a statement".
SPEECH_NOUNS = frozenset(
    """
    claim statement remark remarks comment comments assertion warning announcement argument
    allegation admission insistence view belief suggestion promise pledge accusation
    """.split()
)
PRONOUNS = {
    "he": "male", "him": "male", "she": "female", "her": "female", "they": "plural",
    "them": "plural", "it": "thing", "i": "self", "we": "self-plural",
}  # fmt: skip
#: Heads of speaker phrases that are documents, not people or organisations.
DOCUMENT_NOUNS = frozenset(
    """
    document memorandum memo report statement letter declaration treaty communique
    communiqué decree resolution agreement study survey poll paper ruling order note
    message filing complaint lawsuit indictment website post tweet book article
    """.split()
)
#: Adverbials that mark a statement as repeated ("has stated many times").
REPEATED = ("many times", "repeatedly", "time and again", "again and again", "often", "frequently",
            "on several occasions", "on many occasions", "consistently")  # fmt: skip
