"""The sentence reader's vocabulary (layouts/reading.yaml) as one typed value: words as lemma sequences.

A term is kept as the sequence of its words' keys (lower case, hyphens and curly apostrophes folded), so
"roll-out", "rollout" and "roll out" are one term; the reader matches each word of a term against every lemma
a word of the text may stand for.

Its records are named tuples, not dataclasses: read once, never changed, and a tenth of the cost to define,
which `deck plan`, run on every save, pays at each start (bench/plan_speed.py).
"""

from typing import Any, NamedTuple

Term = tuple[str, ...]


def key(word: str) -> str:
    """Return how a word is compared: lower case, curly apostrophes straight, no hyphens or dots inside."""
    return word.lower().replace("’", "'").replace("‘", "'").replace("-", "").replace("–", "")


def term(text: str) -> Term:
    """Return a vocabulary entry as the keys of its words ("opt for" -> ("opt", "for"))."""
    keys = [key(w) for w in str(text).split()]
    return tuple(k for k in keys if k)


def terms(words: Any) -> tuple[Term, ...]:
    return tuple(t for t in (term(w) for w in words or []) if t)


class Metric(NamedTuple):
    name: str  # as a slide writes it
    kind: str  # classification, regression, forecasting, ranking, experiment ...
    lower_is_better: bool
    alone_misleads: bool
    misleads_when_rare: bool  # misleads alone only in a talk that says one class is rare (Gini)
    share: bool  # between 0 and 1, or 0% and 100%
    percent: bool  # measured in percent: never a sum of money
    difference: bool  # its number is a gain over something ("a 12% lift"): a change, not a level
    aliases: tuple[Term, ...]


class Grammar(NamedTuple):
    determiners: frozenset[str]
    first_person: frozenset[str]
    first_singular: frozenset[str]
    second_person: frozenset[str]
    pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    modals: frozenset[str]
    prepositions: frozenset[str]
    conjunctions: frozenset[str]
    subordinators: frozenset[str]
    connectives: frozenset[str]
    negations: frozenset[str]
    approximators: frozenset[str]  # "about 3%", "only 0.4%": words that soften a number, not its role

    @property
    def function_words(self) -> frozenset[str]:
        return (
            self.determiners
            | self.first_person
            | self.first_singular
            | self.second_person
            | self.pronouns
            | self.auxiliaries
            | self.modals
            | self.prepositions
            | self.conjunctions
            | self.subordinators
            | self.connectives
            | self.negations
        )


class Comparison(NamedTuple):
    markers: tuple[Term, ...]
    than: tuple[Term, ...]
    change_from: tuple[Term, ...]
    change_to: tuple[Term, ...]
    up_from: tuple[Term, ...]
    contrast: tuple[Term, ...]
    relative: tuple[Term, ...]
    same: frozenset[str]
    conditional: tuple[Term, ...]
    bounds: tuple[Term, ...]
    bounds_after: tuple[Term, ...]
    outdo: tuple[Term, ...]
    by: tuple[Term, ...]
    change_verbs: tuple[Term, ...]
    truth: tuple[Term, ...]  # what an estimate lands near: "within 6 minutes of the actual"
    set_against: tuple[Term, ...]  # what a level right after is set against: "against a 4.1% default rate"


class Choosing(NamedTuple):
    verbs: tuple[Term, ...]
    weak: tuple[Term, ...]
    negative: tuple[Term, ...]
    best: tuple[Term, ...]
    beat: tuple[Term, ...]
    outcome_verbs: tuple[Term, ...]
    purposes: frozenset[str]
    reasons: tuple[Term, ...]
    reasons_before: tuple[Term, ...]
    consequence: tuple[Term, ...]
    reason_next: tuple[Term, ...]
    alternatives: tuple[Term, ...]
    givens: tuple[Term, ...]  # a choice the brief or client made
    parts: tuple[Term, ...]  # parts of a design a line names as chosen ("Model: X")
    scope: tuple[Term, ...]  # a line that puts something out of the work on purpose
    evidence: tuple[Term, ...]  # the test that backs a choice ("after a sweep of five values")
    no_loss: tuple[Term, ...]  # an outcome measured as none: "cost nothing in validation"
    habits: tuple[Term, ...]  # a reason that is habit: "the standard choice", "as the team usually does"
    virtues: tuple[Term, ...]  # a method's general virtues and generic nouns: "robust", "works well"
    method_verbs: tuple[Term, ...]  # verbs that put a method to work ("Used CatBoost", "Oversampled ...")
    roles: tuple[Term, ...]  # what a superlative calls a finding about the data ("the strongest predictor")


class Voice(NamedTuple):
    please: tuple[Term, ...]
    addressee: tuple[Term, ...]
    obligation: tuple[Term, ...]
    assignment: tuple[Term, ...]


class HedgeFamily(NamedTuple):
    """Words that undermine the speaker's own work, of one family (reading.yaml, hedges)."""

    name: str
    terms: tuple[Term, ...]
    predicative: tuple[Term, ...] = ()  # count only said of something: "is a bit naive", "looks decent"
    times: tuple[Term, ...] = ()  # with `scarce` in the clause: "time was tight"
    scarce: tuple[Term, ...] = ()
    epistemic: tuple[Term, ...] = ()  # with `doubted` after it: "probably optimistic"
    doubted: tuple[Term, ...] = ()
    unless_before: tuple[Term, ...] = ()  # a term followed by one of these is not this family's
    unless_after: tuple[Term, ...] = ()  # ... nor one that follows one of these ("needs no tuning")
    negated: tuple[Term, ...] = ()  # count after a negation: "not 100% sure"
    works: tuple[Term, ...] = ()  # what a predicative word must be said of
    discount: tuple[Term, ...] = ()  # with `manner` a few words after: "take the numbers lightly"
    manner: tuple[Term, ...] = ()
    not_before_noun: bool = False  # a term right before a noun names a thing ("apology email")
    at_end: bool = False  # a term counts only where its clause ends
    aside: bool = False  # a one-word term counts as the speaker's aside, not as how something was done
    compound_names: bool = False  # a phrase written as one hyphenated word before a noun names a kind of it
    no_trade: bool = False  # the speaker said to be no practitioner of a trade: "I'm no hydrologist"
    unless_number: bool = False  # a line with a number is a tested choice
    own: bool = False  # counts only in a line that names the speaker; else a note
    unowned: bool = True  # False: a line that names nobody is not judged at all


_HEDGE_WORDS = ("degree", "linking", "reported", "agents", "trusting", "practitioners", "attempts", "attempt_order")


class Vocabulary(NamedTuple):
    grammar: Grammar
    metrics: tuple[Metric, ...]
    correctness: tuple[Term, ...]
    incorrectness: tuple[Term, ...]
    balance: tuple[Term, ...]
    rarity: tuple[Term, ...]  # "the rare late deliveries": a class said to be rare
    amounts: tuple[Term, ...]  # "3% of premium": a share of an amount, not of the cases
    trivial_rules: frozenset[str]  # "approving everyone": after a verb, a rule that gives every case one answer
    current_owners: frozenset[str]  # "today's 10%": the level in use now
    not_class_after: frozenset[str]  # "available for 8% of the book": a share in another role than a class's
    class_words: tuple[Term, ...]
    class_nouns: tuple[Term, ...]
    spread: tuple[Term, ...]
    rate_words: frozenset[str]
    settings: tuple[Term, ...]
    cutoff_words: frozenset[str]
    code_metrics: dict[str, str]
    baselines: tuple[Term, ...]
    methods: tuple[Term, ...]
    generic_nouns: frozenset[str]
    comparison: Comparison
    choice: Choosing
    voice: Voice
    topics: dict[str, tuple[Term, ...]]
    epistemic: frozenset[str]
    stance: frozenset[str]  # verbs that put forward the writer's view: a modal after them is still the point
    looking_ahead: tuple[Term, ...]
    time: dict[str, tuple[Term, ...]]  # units, relative, events, sequence, dates, open_ended, conditions, resources
    titles: dict[str, tuple[Term, ...]]  # amounts, pointers, presenting, operating
    ablation: dict[str, tuple[Term, ...]]  # removals, named: a part taken out and what it did (A004)
    vague: dict[str, tuple[Term, ...]]  # work, objects, fillers: the words of a next step that says nothing
    hedges: tuple[HedgeFamily, ...]
    hedge_words: dict[str, tuple[Term, ...]]  # degree, linking, reported, agents
    # Each way a text writes a metric, to the metric it stands for; the first metric to claim a term keeps it, as
    # the list is ordered. ``named`` adds each metric's own name, which a metric read by structure alone has.
    metric_aliases: dict[Term, Metric]
    named: dict[Term, Metric]

    def metric(self, name: str) -> Metric | None:
        """Return the metric a name (or alias) stands for."""
        return self.named.get(term(name))


def _claimed(metrics: tuple[Metric, ...], with_names: bool) -> dict[Term, Metric]:
    found: dict[Term, Metric] = {}
    for metric in metrics:
        for alias in (*metric.aliases, *((term(metric.name),) if with_names else ())):
            found.setdefault(alias, metric)
    return found


def _hedge_family(name: str, raw: dict[str, Any]) -> HedgeFamily:
    def words(key: str) -> tuple[Term, ...]:
        return terms(raw.get(key))

    return HedgeFamily(
        name=name,
        terms=words("terms"),
        predicative=words("predicative"),
        times=words("times"),
        scarce=words("scarce"),
        epistemic=words("epistemic"),
        doubted=words("doubted"),
        unless_before=words("unless_before"),
        unless_after=words("unless_after"),
        negated=words("negated"),
        works=words("works"),
        discount=words("discount"),
        manner=words("manner"),
        not_before_noun=bool(raw.get("not_before_noun", False)),
        at_end=bool(raw.get("at_end", False)),
        aside=bool(raw.get("aside", False)),
        compound_names=bool(raw.get("compound_names", False)),
        no_trade=bool(raw.get("no_trade", False)),
        unless_number=bool(raw.get("unless_number", False)),
        own=bool(raw.get("own", False)),
        unowned=bool(raw.get("unowned", True)),
    )


def parse_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    """Read reading.yaml."""
    g = raw["grammar"]

    def words(name: str) -> frozenset[str]:
        return frozenset(key(w) for w in g[name])

    metrics = tuple(
        Metric(
            name=str(m["name"]),
            kind=str(m["kind"]),
            lower_is_better=bool(m.get("lower_is_better", False)),
            alone_misleads=bool(m.get("alone_misleads", False)),
            misleads_when_rare=bool(m.get("misleads_when_rare", False)),
            share=bool(m.get("share", False)),
            percent=bool(m.get("percent", False)),
            difference=bool(m.get("difference", False)),
            # a metric read by structure alone ("click rate") has no words of its own to match
            aliases=() if m.get("by_structure") else tuple(dict.fromkeys((term(m["name"]), *terms(m.get("aliases"))))),
        )
        for m in raw["metrics"]
    )
    names = [m.name for m in metrics]
    for metric, code_name in ((v, k) for k, v in raw["code_metrics"].items()):
        if metric not in names:
            raise ValueError(f"reading.yaml: code_metrics.{code_name} names an unknown metric {metric!r}")
    c, ch, v = raw["comparison"], raw["choice"], raw["voice"]
    return Vocabulary(
        grammar=Grammar(**{name: words(name) for name in g}),
        metrics=metrics,
        correctness=terms(raw["correctness"]),
        incorrectness=terms(raw["incorrectness"]),
        balance=terms(raw["balance"]),
        rarity=terms(raw["rarity"]),
        amounts=terms(raw["amounts"]),
        trivial_rules=frozenset(key(w) for w in raw["trivial_rules"]),
        current_owners=frozenset(key(w) for w in raw["current_owners"]),
        not_class_after=frozenset(key(w) for w in raw["not_class_after"]),
        class_words=terms(raw["class_words"]),
        class_nouns=terms(raw["class_nouns"]),
        spread=terms(raw["spread"]),
        rate_words=frozenset(key(w) for w in raw["rate_words"]),
        settings=terms(raw["settings"]),
        cutoff_words=frozenset(key(w) for w in raw["cutoff_words"]),
        code_metrics={str(k): str(val) for k, val in raw["code_metrics"].items()},
        baselines=terms(raw["baselines"]),
        methods=terms(raw["methods"]),
        generic_nouns=frozenset(key(w) for w in raw["generic_nouns"]),
        comparison=Comparison(
            markers=terms(c["markers"]),
            than=terms(c["than"]),
            change_from=terms(c["change_from"]),
            change_to=terms(c["change_to"]),
            up_from=terms(c["up_from"]),
            contrast=terms(c["contrast"]),
            relative=terms(c["relative"]),
            same=frozenset(key(w) for w in c["same"]),
            conditional=terms(c["conditional"]),
            bounds=terms(c["bounds"]) + terms(c["kept_bounds"]),
            bounds_after=terms(c["bounds_after"]),
            outdo=terms(c["outdo"]),
            by=terms(c["by"]),
            change_verbs=terms(c["change_verbs"]),
            truth=terms(c["truth"]),
            set_against=terms(c["set_against"]),
        ),
        choice=Choosing(
            **{name: terms(ch[name]) for name in ch if name != "purposes"},
            purposes=frozenset(key(w) for w in ch["purposes"]),
        ),
        voice=Voice(**{name: terms(v[name]) for name in v}),
        topics={str(k): terms(val) for k, val in raw["topics"].items()},
        epistemic=frozenset(key(w) for w in raw["epistemic"]),
        stance=frozenset(key(w) for w in raw["stance"]),
        looking_ahead=terms(raw["looking_ahead"]),
        time={str(k): terms(val) for k, val in raw["time"].items()},
        titles={str(k): terms(val) for k, val in raw["titles"].items()},
        ablation={str(k): terms(val) for k, val in raw["ablation"].items()},
        vague={str(k): terms(val) for k, val in raw["vague"].items()},
        hedges=tuple(
            _hedge_family(str(name), family) for name, family in raw["hedges"].items() if name not in _HEDGE_WORDS
        ),
        hedge_words={name: terms(raw["hedges"][name]) for name in _HEDGE_WORDS},
        metric_aliases=_claimed(metrics, with_names=False),
        named=_claimed(metrics, with_names=True),
    )
