"""Whether a title states a finding or only names what the slide is about.

A finding makes a claim, which in a title takes one of a few grammatical shapes, whatever its words:
- a clause with its own finite verb ("Misses concentrate in night admissions", "0201 parts account for 8 of
  the 13 escapes"), or one opened by a verb ("Ship the rule to the north region first");
- a measured amount: a percentage, a sum of money, a multiple, a decimal, "8 of 13" ("Recall 0.71, twice the
  rule's");
- a comparison: a comparative not inside a noun phrase ("Lower churn on annual plans"), "than", "as much as",
  "against" a number, an arrow, or a choice set against its alternative ("Rank on audio signals, not on
  complaints");
- a plan: a time relative to now ("Fixtures next month, then a rota trial"), never a calendar period;
- a reason: "because" and what follows argue for what comes before it.
A label has none of these: a noun phrase ("Lapse drivers", "Weekly volume by queue, Q1 2022 - Q2 2024"), a
question, or a clause that a wh-word turns into a noun phrase ("How the model ranks donors") unless it carries an
amount or a comparison ("How we cut false alarms by 40%"). After a colon or a question mark the answer decides
("Feature importance: tenure dominates").
"""

from __future__ import annotations

from .choices import set_against
from .horizon import times
from .lexicon import Lexicon
from .sentences import Sentence
from .tokens import NUMBER_WORDS, Token, is_year
from .words import BASE, NOUN, NUM, VERB, Words

# the first part of a compound that modifies the noun after it, besides a number ("two-stage", "first-week")
_MODIFYING = frozenset(
    {"first", "second", "third", "single", "multi", "half", "full", "part", "day", "week", "month", "year"}
)
_NON_FINITE = frozenset({"be", "been", "being", "having"})
_WH = frozenset({"what", "how", "why", "where", "which", "who", "when", "whether"})


def states_finding(reader: Lexicon, text: str) -> bool:
    """Whether a title (or a figure's title) makes a claim; see the module's docstring."""
    text = text.strip()
    if not text:
        return True  # nothing written is another finding's business (a missing title)
    head, answer = _split(text)
    opener = reader.sentence(head).tokens[:1]
    if answer and (head.endswith("?") or (opener and opener[0].key in _WH)):
        # "Which garages fill first? The three by the stadium", "Where the model fails: first-week players"
        return True
    if answer and (_claims(reader, answer) or _amount(reader, reader.sentence(answer).tokens)):
        return True
    if head.rstrip().endswith("?"):
        return False
    return _claims(reader, head)


def names_section(reader: Lexicon, text: str) -> bool:
    """Whether a title is made of the words a section is called by and nothing else ("Ablation study", "Data and
    approach"): it names its part of the talk on any slide (`titles.sections`)."""
    every = reader.sentence(text).tokens
    if any(t.is_number for t in every):
        return False  # "Results 2024: ..." carries an amount or a date: the claim reader's business
    tokens = [t for t in every if t.is_word or t.text == "&"]
    sections = reader.title_words("sections")
    k = 0
    while k < len(tokens):
        hit = sections.at(tokens, k)
        if hit is None:
            return False
        k += hit[1]
    return bool(tokens)


def _split(text: str) -> tuple[str, str]:
    """Split "Label: answer" or "Question? Answer" at the first colon or question mark that has text after it."""
    for k, char in enumerate(text):
        if char in ":?" and text[k + 1 : k + 2].isspace() and text[k + 1 :].strip():
            return text[: k + 1], text[k + 1 :].strip()
    return text, ""


def _claims(reader: Lexicon, text: str) -> bool:
    sentence = reader.sentence(_uncapitalised(text))
    tokens = sentence.tokens
    words = [t for t in tokens if t.is_word]
    if not words:
        return _amount(reader, tokens)
    if text.rstrip().endswith("?"):
        return False
    # a plan is a claim too: "Fixtures next month, then a rota trial"; a calendar period is a chart's label
    plans = any(t.relative for t in times(reader, sentence))
    # a reason argues for what comes before it: "Forecast from the 6 pm forecast, because that's when ..."
    argued = any(t.key == "because" and len(tokens) - k > 2 for k, t in enumerate(tokens) if k > 1)
    return _has_clause(reader, sentence) or _amount(reader, tokens) or _compares(reader, sentence) or plans or argued


def _uncapitalised(text: str) -> str:
    """A Title Case Title reads as a sentence: lower-case its capitalised words (not acronyms), so a verb is not
    taken for a name ("Churn Falls After Price Cut")."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    capitalised = [w for w in words if w[0].isupper() and not w.isupper()]
    if len(words) < 3 or len(capitalised) * 4 < len(words) * 3:
        return text
    return " ".join(w.lower() if w[:1].isupper() and not w.isupper() else w for w in text.split())


def has_clause(reader: Lexicon, text: str) -> bool:
    """Whether a text holds a clause of its own (see `_has_clause`): "the offer email goes out once a week", not
    "cleaner signal"."""
    return _has_clause(reader, reader.sentence(text))


def _has_clause(reader: Lexicon, sentence: Sentence) -> bool:
    """A clause of the title's own: a verb opening it with its object (an instruction), a modal and its verb,
    or a word that may be a finite verb placed as one (see `_finite`). A subordinator or relative ("who",
    "when", "since") takes the first verb of its stretch, up to a comma: "customers who churn" is a noun
    phrase, "learners who skip the first quiz rarely come back" a claim."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    grammar = reader.words.grammar
    pending = False  # a subordinator whose verb has not come yet
    for k, token in enumerate(tokens):
        if token.text in (",", ";", ":", "(", ")") or token.key == "->":
            pending = False
            continue
        if k == 0 and pos[k] in (BASE, VERB) and "VB" in reader.words.tags(token) and _instructs(reader, tokens):
            return not _points(reader, tokens, k)
        if (
            token.key in grammar.subordinators
            and k > 0
            and token.key not in grammar.prepositions
            and not (token.key == "as" and _gerund_opens(reader, tokens, k))
        ) or (token.key in _WH):
            # "What drives churn", "Where the model fails": a wh-word makes its clause a name
            pending = True
            continue
        verb = (
            (token.key in grammar.modals and _verb_follows(reader, tokens, k))
            or (token.key in grammar.auxiliaries and token.key not in _NON_FINITE)
            or (k > 0 and token.key not in grammar.modals and _finite(reader, sentence, pos, k))
        )
        if not verb:
            continue
        if pending:
            pending = False  # the subordinate clause's own verb ...
            before = tokens[k - 1]
            # ... unless the word before it was that verb, read as a noun: "When the curve peaks tells us ..."
            # (its subject a noun before it: not "What the numbers say", where "numbers" is the subject)
            verb_before = before.is_word and bool(reader.words.tags(before) & {"VBZ", "VBD"})
            if not (k > 2 and pos[k - 1] == NOUN and pos[k - 2] == NOUN and verb_before):
                continue
        # "Here we can see the SHAP values": a modal's verb may be the one that only presents the slide
        shown_at = k + 1 if token.key in grammar.modals and k + 1 < len(tokens) else k
        at = k if _points(reader, tokens, k) else shown_at if _points(reader, tokens, shown_at) else None
        if at is not None:
            # "Here is how ...", "This chart shows weekly covers": the clause points at the slide, and what
            # follows is what it shows, unless "that" brings a claim ("This chart shows that churn falls")
            if at + 1 < len(tokens) and tokens[at + 1].key == "that":
                return _claims(reader, sentence.text[tokens[at + 1].end :])
            return False
        return True
    return False


def _breakdown(tokens: list[Token], pos: list[str], k: int) -> bool:
    """Whether the "by" at ``k`` opens the noun a chart breaks its measure down by, not an amount ("by 3 points")
    or an agent with its determiner ("by the rule")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return nxt is not None and nxt.is_word and pos[k + 1] == NOUN


def _gerund_opens(reader: Lexicon, tokens: list[Token], k: int) -> bool:
    """Whether the "as" at ``k`` belongs to a gerund that opens the title ("Treating bursts as events keeps ..."):
    a preposition of the gerund's phrase, not a clause of its own."""
    return bool(tokens) and "VBG" in reader.words.tags(tokens[0]) and k <= 4


def _points(reader: Lexicon, tokens: list[Token], k: int) -> bool:
    """Whether the verb at ``k`` only presents the slide: a verb of showing whose subject points at it ("Here
    is", "This chart shows", "The table below compares"), or "see" opening the title."""
    if reader.title_words("presenting").at(tokens, k) is None:
        return False
    if k == 0 or all(not t.is_word for t in tokens[:k]):
        return True  # "See the chart below", "Compare the two models"
    pointers = reader.title_words("pointers")
    return any(pointers.at(tokens, j) is not None for j in range(max(0, k - 4), k))


def _modifier(token: Token) -> bool:
    """A compound that modifies the noun after it: "12-month", "two-stage", "first-week"."""
    head, _, rest = token.text.partition("-")
    return bool(rest) and (head[:1].isdigit() or head.lower() in _MODIFYING or head.lower() in NUMBER_WORDS)


def _verb_follows(reader: Lexicon, tokens: list[Token], k: int) -> bool:
    """A modal with its verb: "would fix half the misses", "can't keep up"."""
    for j in range(k + 1, min(k + 4, len(tokens))):
        if tokens[j].key in ("not", "n't", "also", "still", "only", "never", "then"):
            continue
        return "VB" in reader.words.tags(tokens[j]) or tokens[j].key in ("be", "have")
    return False


def _finite(reader: Lexicon, sentence: Sentence, pos: list[str], k: int) -> bool:
    """Whether the word at ``k`` is a finite verb in its place: a word with a present or past reading after its
    subject (a noun, a number or a pronoun, past any adverb). Before an article, a number, a pronoun or a
    gerund it is one ("beats a", "cause the largest misses"); before a preposition, an adjective or a noun it is
    one when it agrees with its subject and the subject is a whole phrase ("the gain holds in", "misses
    concentrate in", "roughly halves"), not the first noun of a compound ("churn rate by month", "model
    results on the test set")."""
    tokens, words = sentence.tokens, reader.words
    grammar = words.grammar
    token = tokens[k]
    readings = words.tags(token)
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    ends = after is None or not (after.is_word or after.is_number)
    before = tokens[k - 1]
    if reader.comparison_markers.at(tokens, k - 1) is not None or _modifier(before):
        return False  # "predicted vs observed load", "12-month spend": a word that names, after one that modifies
    if pos[k - 1] == VERB and before.key not in grammar.auxiliaries and before.key not in grammar.modals:
        return False  # "the score separates shows from no-shows": the word after a verb is its object
    if "NNS" in readings and after is not None and after.key == "by" and _breakdown(tokens, pos, k + 1):
        return False  # "Weekly returns by depot", "pick times by warehouse zone": a measure broken down
    before_tags = words.tags(before) if before.is_word else frozenset()
    modifies = (
        pos[k - 1] == "J"
        or (bool(before_tags & {"JJ"}) and not before_tags & {"NN", "NNS"})
        or (k > 1 and tokens[k - 2].key in grammar.prepositions and before.is_word)  # "by weekly install cohort"
    )
    if pos[k] == VERB and token.key not in grammar.subordinators and not modifies:
        return not (ends and readings & {"NN", "NNS"})  # "the payments funnel": a compound's last noun
    if not readings & {"VBZ", "VBD", "VBP"} or token.key in grammar.function_words:
        return False
    j = k - 1
    while (
        j >= 0
        and tokens[j].is_word
        and (
            (words.tags(tokens[j]) & {"RB"} and not words.tags(tokens[j]) & {"NN", "JJ"})
            or tokens[j].key in grammar.negations
            or tokens[j].key in grammar.connectives  # "only", "also", "still", "already"
        )
    ):
        j -= 1  # "roughly halves", "never finish", "also drops"; not "weekly covers"
    adverb = j < k - 1
    if j > 0 and tokens[j].text == ",":
        # "Early habits, not demographics, separate ...": the subject stands before the aside
        j = next((i - 1 for i in range(j - 1, 0, -1) if tokens[i].text == ","), -1)
    if j < 0:
        return False
    subject = tokens[j]
    if (subject.is_number or subject.key in NUMBER_WORDS) and j > 0 and tokens[j - 1].key in grammar.determiners:
        return False  # "the three candidate models": a count before its noun, no subject
    nominal = pos[j] == NOUN or (pos[j] == "J" and bool(words.tags(subject) & {"NN", "NNS", "VBG"}))
    if not (subject.is_number or nominal or subject.key in grammar.pronouns):
        return False
    if reader.comparison_markers.at(tokens, j) is not None:
        return False  # "Actual vs predicted load": "vs" is no subject
    if ends:
        return adverb
    assert after is not None
    after_tags = words.tags(after) if after.is_word else frozenset()
    if (
        after.is_number
        or after.key in grammar.determiners
        or after.key in grammar.pronouns
        or after.key in grammar.first_person
        or "VBG" in after_tags
    ):
        return True
    start = j
    # the whole noun phrase, its nouns and adjectives and any coordination inside it ("residual and vibration")
    while (
        start > 0
        and tokens[start - 1].is_word
        and (
            pos[start - 1] in (NOUN, "J")
            or (tokens[start - 1].key in ("and", "or") and start > 1 and pos[start - 2] in (NOUN, "J"))
        )
    ):
        start -= 1
    opened = start > 0 and (tokens[start - 1].key in grammar.determiners or tokens[start - 1].is_number)
    # "Confusion between billing and refunds accounts for", "counts per app beat": the verb agrees with the
    # noun a preposition's phrase follows
    head = start - 1 if start > 1 and tokens[start - 1].key in grammar.prepositions else None
    while head is not None and head > 0 and not (pos[head] == NOUN or tokens[head].is_number):
        head -= 1
    agrees = _agrees(words, subject, readings, tokens[:j]) or (
        head is not None and _agrees(words, tokens[head], readings, tokens[:head])
    )
    pronoun = subject.key in grammar.pronouns or subject.key in grammar.first_person
    # a verb of change after a one-noun subject is the verb ("Redemption climbs with every prior loan"), unless
    # "by" and a noun follow, which name a breakdown ("Price increases by region")
    trend = reader.title_words("trends").at(tokens, k) is not None and not (
        after.key == "by" and k + 2 < len(tokens) and not tokens[k + 2].is_number
    )
    # a verb of degree before its amount ("chance lands within 2 pts", "wait drops to 40 minutes"), where a noun
    # before its breakdown reads "model results on the test set"
    amount = after.key in ("within", "by", "to", "under", "over", "above", "below") and any(
        t.is_number for t in tokens[k + 2 : k + 4]
    )
    whole = adverb or opened or pronoun or head is not None or ("VBP" in readings and agrees) or trend or amount
    # a participle before a noun modifies it, as an adjective does: "separate worn gearboxes from hot days"
    named = after_tags & {"NN", "NNS"} or (
        "VBN" in after_tags and k + 2 < len(tokens) and words.tags(tokens[k + 2]) & {"NN", "NNS"}
    )
    if named and after.key not in grammar.prepositions:
        return agrees or adverb  # "the model cuts MAE", "rain halves walk-in bookings", "rarely come back"
    # a preposition, an adverb or adjective, or a clause of its own ("Uplift concentrates where the book is
    # one-sided", "Errors spike when it rains")
    follows = (
        after.key in grammar.prepositions
        or after.key in grammar.subordinators
        or bool(after_tags & {"RB", "RBR", "JJ", "JJR"})
    )
    return (agrees or adverb) and whole and follows


def _agrees(words: Words, subject: Token, readings: frozenset[str], before: list[Token]) -> bool:
    """Whether a verb's readings agree with its subject: "-s" after one thing, the plain form after several
    ("the model cuts", "misses concentrate"); a past tense after either."""
    if subject.is_number:
        return bool(readings & {"VBZ", "VBP", "VBD"})  # "week 7 adds", "3 sites show": a number agrees with either
    tags = words.tags(subject)
    # "savings", "sales": a plural that also names a mass ("a savings account") is plural before its verb
    # a word the table knows only as a verb's "-s" form is that noun's plural when it stands as the subject
    # ("Fetches per year outrank age"): English spells the two alike
    nns = "NNS" in tags or (tags == {"VBZ"} and subject.key.endswith("s"))
    plural = (nns and ("NN" not in tags or subject.key.endswith("s"))) or any(t.key == "and" for t in before)
    return ("VBZ" in readings and not plural) or ("VBP" in readings and plural) or "VBD" in readings


def _instructs(reader: Lexicon, tokens: list[Token]) -> bool:
    """A title opened by a verb with its object ("Ship the rule first", "Retrain it monthly"); a word that may
    also be a noun before a number or a bare noun names a list ("Top 10 features")."""
    grammar = reader.words.grammar
    after = tokens[1] if len(tokens) > 1 else None
    if not reader.words.tags(tokens[0]) & {"NN", "NNS", "JJ"}:
        return True
    return after is not None and (
        after.key in grammar.determiners
        or after.key in grammar.pronouns
        or (after.is_word and bool(reader.words.tags(after) & {"JJ", "JJR"}))
    )


def _amount(reader: Lexicon, tokens: list[Token]) -> bool:
    """A measured amount: a unit (%, pp, x, a currency), a scale, a decimal, or one count out of another."""
    operating = reader.title_words("operating")
    for k, token in enumerate(tokens):
        if not token.is_number:
            continue
        if k > 0 and operating.at(tokens, k - 1) is not None:
            continue  # "at threshold 0.5": a setting of the model
        if k + 1 < len(tokens) and operating.at(tokens, k + 1) is not None:
            continue  # "at the 0.5 threshold", "a 0.3 cut-off": the same setting, named after its number
        if token.unit or token.scale != 1.0 or token.decimals:
            return True
        # "8 of the 13 escapes", "1 ticket in 4", "3 out of 5"
        rest = [t for t in tokens[k + 1 : k + 5] if t.key not in ("the", "a", "out")]
        if any(t.key in ("of", "in") for t in rest[:2]) and any(t.is_number for t in rest[1:3]):
            return True
        before = [t.key for t in tokens[max(0, k - 3) : k] if t.key not in reader.words.grammar.approximators]
        if before and before[-1] in ("by", "to", "from") and not is_year(token):  # "2019 to 2024" is a period
            return True  # "cut by 40", "down to 12 minutes", "from 9,000 to about 3,400": an amount of change
    for k, token in enumerate(tokens[1:], start=1):
        # "by a third", "cut in half", "twice the rule's recall"
        if reader.title_words("amounts").at(tokens, k) is not None and (
            tokens[k - 1].key in ("a", "one", "by", "in", "than") or token.key in ("twice", "double", "triple")
        ):
            return True
    # one count out of another written in words: "Nine calls in ten correct", "three in five breaches"
    for k, token in enumerate(tokens):
        if token.key in NUMBER_WORDS and not token.is_number:
            rest = tokens[k + 1 : k + 5]
            out = next((j for j, t in enumerate(rest) if t.key in ("in", "of")), None)
            whole = rest[out + 1 : out + 3] if out is not None else []
            if any(t.key in NUMBER_WORDS or (t.is_number and not is_year(t)) for t in whole):  # not "of 2024"
                return True
    return False


def _compares(reader: Lexicon, sentence: Sentence) -> bool:
    """A comparative that is not part of a noun phrase ("a closer look"), "than", an arrow between values, or a
    choice set against what it was chosen over ("Rank on audio signals, not on complaints", "instead of")."""
    tokens, pos = sentence.tokens, reader.pos(sentence)
    if set_against(tokens):
        return True
    against = reader.matcher(reader.vocabulary.comparison.set_against)
    determiners = reader.words.grammar.determiners
    for k, token in enumerate(tokens):
        if token.key in ("than", "->"):
            return True
        if token.key == "instead" and k + 1 < len(tokens) and tokens[k + 1].key == "of":
            return True
        if token.key in ("beating", "ahead") and k > 0:
            return True  # "Nine calls in ten correct, beating the early-warning score"
        # "Below the current method in all 9 months": the level is the slide's, set against what follows
        opens_against = k == 0 and token.key in ("below", "above", "behind", "ahead") and len(tokens) > 2
        if opens_against and (tokens[1].key in determiners or tokens[1].key == "of"):
            return True
        if against.at(tokens, k) is not None and any(t.is_number for t in tokens[k + 1 : k + 3]):
            return True  # "Right on 96 days in a hundred, against 91 for the rainfall rule"
        # "matters as much as the snowfall", "twice as likely as"
        between = tokens[k + 1] if k + 2 < len(tokens) and tokens[k + 2].key == "as" else None
        if token.key == "as" and between is not None and reader.words.tags(between) & {"JJ", "RB"}:
            return True
        if token.is_word and reader.words.is_comparative(token) and pos[k] != NUM:
            if k > 0 and tokens[k - 1].key in determiners:
                continue  # "a closer look at", "the better model"
            return True
    return False
