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

#: Attitude and speech-act predicates whose argument is attributed content, by the
#: complements that carry it: ``c`` a clause ("knows that …"), ``x`` an infinitive
#: ("vowed to …"), ``o`` a direct object with what follows it ("accused X of …"), and
#: prepositions whose object is the content ("called for …", "talked about …").
FRAMES: dict[str, tuple[str, ...]] = {
    # speech acts
    "ask": ("o", "x", "about"), "urge": ("o", "x"), "call": ("o", "for", "on"),
    "demand": ("o", "c"),
    "propose": ("o", "c", "x"), "announce": ("o", "c"), "confirm": ("o", "c"),
    "deny": ("o", "c"), "mention": ("o", "c"), "cite": ("o",), "describe": ("o", "as"),
    "discuss": ("o",), "warn": ("c", "about", "of", "against"), "complain": ("c", "about", "of"),
    "talk": ("about", "of"), "speak": ("about", "of", "on"), "refer": ("to",),
    "comment": ("on", "c"), "joke": ("c", "about"), "boast": ("c", "about", "of"),
    "brag": ("c", "about"), "insist": ("c", "on"), "respond": ("to", "c"), "reply": ("to", "c"),
    "react": ("to",), "argue": ("c", "for", "against"), "claim": ("c", "o", "x"),
    "acknowledge": ("o", "c"), "admit": ("o", "c"), "concede": ("o", "c"), "recall": ("o", "c"),
    "express": ("o",), "voice": ("o",), "estimate": ("c", "o"), "predict": ("c", "o"),
    "forecast": ("c", "o"), "project": ("c",), "report": ("c", "o"), "reveal": ("c", "o"),
    "disclose": ("c", "o"), "list": ("o",), "repeat": ("o", "c"), "echo": ("o",),
    "dub": ("o",), "label": ("o",), "brand": ("o",),
    # evaluation
    "praise": ("o",), "criticize": ("o",), "criticise": ("o",), "condemn": ("o",),
    "denounce": ("o",), "slam": ("o",), "blast": ("o",), "attack": ("o",), "mock": ("o",),
    "ridicule": ("o",), "blame": ("o",), "accuse": ("o",), "defend": ("o",),
    "applaud": ("o",), "congratulate": ("o",), "thank": ("o", "for"), "hail": ("o",),
    "welcome": ("o",), "reject": ("o",), "dismiss": ("o",), "question": ("o", "c"),
    "challenge": ("o", "x"), "dispute": ("o", "c"), "rebuke": ("o",), "fault": ("o",),
    "lambast": ("o",), "decry": ("o",), "chide": ("o",), "scold": ("o",), "tout": ("o",),
    "endorse": ("o",), "support": ("o",), "back": ("o",), "oppose": ("o",), "favor": ("o",),
    "favour": ("o",), "champion": ("o",), "promote": ("o",), "advocate": ("o", "for"),
    "push": ("for",), "vote": ("for", "against"), "approve": ("o",), "embrace": ("o",),
    # intention and commitment
    "vow": ("x", "c"), "pledge": ("x", "o", "c"), "promise": ("x", "o", "c"),
    "threaten": ("x",), "refuse": ("x",), "decline": ("x",), "agree": ("x", "c", "to", "with"),
    "offer": ("x", "o"), "plan": ("x",), "intend": ("x",), "seek": ("x", "o"), "aim": ("x",),
    "hope": ("x", "c", "for"), "wish": ("x", "c"), "want": ("x", "o"), "decide": ("x", "c"),
    "choose": ("x",), "prefer": ("x", "o"),
    # cognition and feeling
    "know": ("c", "o", "about", "of", "as", "for"), "understand": ("c",), "realize": ("c",),
    "realise": ("c",),
    "recognize": ("c",), "recognise": ("c",), "learn": ("c",), "remember": ("c",),
    "believe": ("c", "in"), "think": ("c", "about", "of"), "doubt": ("c", "o"),
    "consider": ("o", "c"), "see": ("c", "as"), "expect": ("c", "x", "o"), "fear": ("c", "o"),
    "worry": ("c", "about"), "like": ("o", "x"), "love": ("o", "x"), "hate": ("o", "x"),
    "assume": ("c",), "suspect": ("c",), "feel": ("c",), "seem": ("x", "like"), "appear": ("x",),
    "show": ("c", "o"), "find": ("c",), "suggest": ("c", "o"), "indicate": ("c",),
    "wonder": ("c",), "imply": ("c",), "determine": ("c",), "conclude": ("c",),
    # framing and presenting ("cast X as Y", "view X as Y", "focused on …")
    "cast": ("o", "as"), "view": ("o", "as"), "portray": ("o", "as"), "identify": ("o",),
    "characterize": ("o",), "depict": ("o",), "deem": ("o",),
    "lament": ("o", "c"), "highlight": ("o", "c"),
    "remind": ("o", "c"), "assure": ("o", "c"), "rail": ("against",), "quote": ("o",),
    "reference": ("o",), "request": ("o", "x"), "press": ("for", "o"),
    "release": ("o",),
    "ignore": ("o",), "convince": ("o",),
    "nominate": ("o",), "sign": ("o",),
}  # fmt: skip
#: Subjects that cannot hold an attitude: dummies and bare demonstratives.
NON_AGENTS = frozenset("it this that there which what these those".split())
#: Adverbs that stay outside a cue even when they stand right before its verb.
NON_CUE_ADVERBS = frozenset("not n't never so then there here how why when where".split())

#: Verbs that take a stance noun as object, the pair making one cue ("raised concerns
#: about …", "took aim at …", "made the case for …", "offered praise for …").
LIGHT_VERBS = frozenset(
    """
    make take give raise offer express voice issue release deliver have cast draw lay put
    share pose level launch file hold renew repeat reiterate register lodge mount stage
    """.split()
)
#: Objects of a light verb that make it a cue, with the prepositions of the content.
LIGHT_NOUNS = frozenset(
    """
    concern question doubt alarm aim issue shot position stance view statement remark comment
    case argument answer retort assessment hint credit opinion support criticism warning
    objection call plea promise pledge attack speech idea impression feeling message mention
    reference allegation accusation claim observation point suggestion proposal evaluation
    thought praise complaint request demand defense defence note appeal swipe jab dig
    exception issue blame hope fear confidence interest reservation endorsement apology
    """.split()
)
#: Prepositions that hand a light verb's noun its content.
LIGHT_PREPS = frozenset("about on of for against to with at over regarding toward towards".split())
#: Adjectives of attitude after a copula ("is critical of", "was adamant that").
ATTITUDE_ADJS = frozenset(
    """
    critical supportive skeptical sceptical wary confident optimistic pessimistic hopeful
    adamant clear certain sure convinced unsure uncertain doubtful fond proud ashamed angry
    furious upset mad happy glad pleased delighted disappointed frustrated concerned worried
    nervous afraid scared fearful anxious dismissive mistrustful distrustful suspicious
    eager keen willing reluctant unwilling open opposed committed determined aware unaware
    comfortable uncomfortable satisfied dissatisfied unhappy grateful thankful sorry
    enthusiastic excited outspoken vocal quick careful cautious insistent emphatic
    sympathetic hostile receptive resistant tired sick weary surprised shocked
    """.split()
)
#: Prepositions after such an adjective whose object is the content.
ATTITUDE_PREPS = frozenset("of about at on with over to toward towards in for that".split())
#: Nouns that, after "in", name where a clause's claim comes from ("in a new poll, …").
SOURCE_NOUNS = frozenset("poll survey study".split())
