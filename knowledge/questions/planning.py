"""From a question read to its plan: the query that answers it, the claim a yes/no question
(or a premise) makes, or a greeting; and which of its operator words the plan honours.

The reader (`deciding`) has already found the names, the phrases and the intent. This
module looks at what those leave open: a yes/no form ("did…", "…right?", "¿…?" with no
question word), a club doing something ("Tecos beat UdeG": a claim to check), a word that
negates, quantifies, compares, ranks or places ("not", "both", "bigger", "earliest", "right
above"). Each such word is honoured by the plan or named in a refusal
(`Question.blocked`): a plan never reads as if one were not there.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from operator import attrgetter

from knowledge.models import ChangeEvent, Leg, RoundName, Season
from knowledge.names import folded_words
from knowledge.places import is_from
from knowledge.plans.execute import check, result_rows, run, scope_legs, scope_ties
from knowledge.plans.model import (
    Aggregation,
    Bound,
    Claim,
    ClaimKind,
    Condition,
    Entity,
    Measure,
    Plan,
    Query,
    Scope,
    Test,
)
from knowledge.questions.honesty import Accounting, Use, Word
from knowledge.questions.lexicon import Kind, Lexicon
from knowledge.questions.model import Intent, Operator, OutOfScope, Part, Question
from knowledge.questions.numbers import MAX_RATIO, decimals, ratios
from knowledge.questions.reading import Mark, Reading, Span
from knowledge.questions.slots import (
    PLAYOFFS_WORDS,
    ROUND_BEFORE,
    gone_to,
    reached,
    rounds_said,
    seats_named,
)
from knowledge.questions.words import THANKS

NEAR = 4
"""Words between an operator and what it applies to ("didn't even score", "no tuvo ni un
gol")."""
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|ro|do|er|to|vo|mo|no|o|a)$")
_NUMBER = re.compile(r"^\d{1,3}$")
_CLAUSE_BREAKS = frozenset({"but", "pero", "and", "y", "aunque", "aunq", "though", "although"})

WIN_TESTS = frozenset({Test.WON_TITLE, Test.WENT_THROUGH, Test.WON_LEG})
SIDED_WINS = frozenset({Test.WON_AWAY, Test.WON_HOME})
PREMISE_TESTS = WIN_TESTS | {Test.RELEGATED, Test.PROMOTED}
"""What a question for something may take for granted about a club it names: that it won
("how did Tecos beat UdeG?"), went down ("why did Celaya go down?") or up ("why was San Luis
promoted?")."""
COUNTING_VERBS = frozenset({"counting", "contar", "contando", "including", "incluir", "incluyendo"})
"""After a negation, they leave something out ("not counting", "sin contar"): no test is
negated (`deciding.leave_out`)."""
TIE_TESTS = frozenset({Test.PENALTIES, Test.AWAY_GOALS, Test.HIGHER_SEED, Test.EXTRA_TIME})
PASSING_TESTS = frozenset({Test.WENT_THROUGH, Test.PROMOTED, Test.WON_TITLE})
"""What "who goes through / would have gone up / would have won" asks of a tie."""
LIGUILLA_WORDS = frozenset({"liguilla", "liguillas"})
"""Liguillas with no tournament named: both tournaments' (the promotion final is no liguilla;
"the playoffs" are every tie of the season)."""
PLAYOFF_WORDS = LIGUILLA_WORDS | PLAYOFFS_WORDS


@dataclass(slots=True)
class Sentence:
    """A question as the planner sees it."""

    text: str
    tokens: list[str]
    spans: list[Span]
    reading: Reading
    accounting: Accounting
    lex: Lexicon
    question: Question
    asked_at: frozenset[int] = frozenset()
    """The last word of each sentence closed by "?" ("rangel era de la UAT no? el q anotó…")."""
    honoured: set[int] = field(default_factory=set)
    bound_used: bool = False
    """A "more than"/"above" phrase was honoured (a neighbour, a capacity bound)."""
    extreme_used: bool = False
    """A superlative or comparative phrase was honoured."""
    decimals_used: bool = False
    """A number with decimals (a ratio, "1.1") was read into the plan."""
    false_grant: Claim | None = None
    """What an "if" grants that the data does not bear out: corrected first."""
    decimals_at: frozenset[int] = frozenset()
    """Where a number with decimals lies: its halves are one number (`numbers.py`), read
    once by the reader of scores and kept for the planner."""
    excluded_at: frozenset[int] = frozenset()
    """Negations that left a tournament out of the scope ("not counting", "sin contar"):
    the question's tournaments are already without it (`exclusions`)."""
    apart: tuple[str, ...] = ()
    """Clubs or players set apart ("apart from Necaxa", "aparte de Lojero"): not among the
    question's names; a plan leaves their rows out (`Query.excluded`), or the words block."""
    apart_at: frozenset[int] = frozenset()
    """Where the words that set them apart are."""
    tags: frozenset[int] = field(init=False)
    """Words of a yes/no tag that closes a sentence ("…no?", "…right?", "¿o no?"): they ask
    whether it is so; they never negate it. Found once: every operator lookup reads them."""
    operator_words: tuple[Word, ...] = field(init=False)
    """The accounting's operator words, found once."""
    token_set: frozenset[str] = field(init=False)
    """The words said, for `has` (asked of every question many times)."""
    scope_said: dict[str, object] = field(init=False)
    """The scope the question names, as `Scope` fields (`scope`)."""
    mentions: tuple[tuple[int, str], ...] = field(init=False)
    """Every naming of a club with its position, in order (`club_mentions`)."""

    def __post_init__(self) -> None:
        vocabulary_tags = self.lex.vocabulary.yes_no_tags
        found: set[int] = set()
        for end in {*self.asked_at, len(self.tokens) - 1}:
            for length in (3, 2, 1):
                start = end - length + 1
                if start >= 0 and tuple(self.tokens[start : end + 1]) in vocabulary_tags:
                    found.update(range(start, end + 1))
                    break
        self.tags = frozenset(found)
        self.operator_words = self.accounting.operators
        self.token_set = frozenset(self.tokens)
        self.scope_said = self._scope_said()
        self.mentions = tuple(
            (span.start, span.of(Kind.CLUB)[0].value)
            for span in sorted(self.spans, key=lambda span: span.start)
            if span.of(Kind.CLUB)
            and not span.of(Kind.TOURNAMENT)
            and span.of(Kind.CLUB)[0].value not in self.apart  # "apart from Necaxa"
        )

    # -- what is where --------------------------------------------------------------------

    def clubs_at(self) -> list[tuple[int, str]]:
        """Each club named, with the position of its first word, in order."""
        first: dict[str, int] = {}
        for at, club in self.mentions:
            first.setdefault(club, at)
        return sorted((at, club) for club, at in first.items())

    def club_mentions(self) -> list[tuple[int, str]]:
        """Every naming of a club, in order ("Alebrijes 2-2 UdeG, goleadores de Oaxaca")."""
        return list(self.mentions)

    def named_at(self) -> set[int]:
        """Every position inside a name: a number or a month there is the name's ("Estadio
        10 de Diciembre", "Zacatepec 1948")."""
        return {i for span in self.spans for i in range(span.start, span.end)}

    def marks(self, *, test: bool = False, entity: bool = False) -> list[Mark]:
        return [
            mark
            for mark in self.reading.marks
            if (test and mark.cue.test is not None) or (entity and mark.cue.entity is not None)
        ]

    def operators(self, *kinds: Operator) -> list[int]:
        if not self.operator_words:  # most questions: none, and the planner asks often
            return []
        skipped = self.tags | self.excluded_at
        return [
            w.position
            for w in self.operator_words
            if w.operator in kinds and w.position not in skipped
        ]

    def has(self, *words: str) -> bool:
        return not self.token_set.isdisjoint(words)

    def before(self, position: int, words: Iterable[str], reach: int = 2) -> bool:
        wanted = set(words)
        return any(self.tokens[i] in wanted for i in range(max(0, position - reach), position))

    def scope(self, **changes: object) -> Scope:
        return Scope(**(self.scope_said | changes))  # type: ignore[arg-type]

    def _scope_said(self) -> dict[str, object]:
        """The scope the question names, as `Scope` fields (found once: asked often)."""
        question = self.question
        tournaments = question.tournaments
        round_named = question.round
        if not tournaments and any(token in LIGUILLA_WORDS for token in self.tokens):
            tournaments = self.liguillas()
        elif "liguillas" in self.tokens and not set(tournaments) <= set(self.liguillas()):
            # "las dos liguillas y la final de ascenso": both liguillas, and the promotion
            # final beside them (its "final" names it; it restricts no liguilla to its final).
            others = tuple(t for t in tournaments if t not in self.liguillas())
            tournaments = (*self.liguillas(), *others)
            round_named = None
        values: dict[str, object] = {
            "tournaments": tuple(tournaments),
            "round": round_named,
            "leg": question.leg.number if question.leg is not None else None,
            "score": question.leg.score if question.leg is not None else None,
            "home": question.leg.home if question.leg is not None else None,
            "away": question.leg.away if question.leg is not None else None,
        }
        return values

    def liguillas(self) -> tuple[str, ...]:
        """ "Las dos liguillas", "the playoffs" with no tournament named: every liguilla, and
        the promotion final too when it is counted in ("contando la final de ascenso")."""
        season = self.lex.season
        return tuple(c.id for c in season.competitions if c.kind == "liguilla")


# ---------------------------------------------------------------------------------------------
# The plan


def plan(sentence: Sentence) -> tuple[Plan, tuple[str, ...]]:
    """The question's plan and the operator words it leaves unhonoured (each blocks)."""
    question = sentence.question
    greeting = _greeting(sentence)
    if greeting is not None:
        return Plan(greeting=greeting), ()
    if question.intent is Intent.UNKNOWN:
        return _unread(sentence), ()
    yes_no = _yes_no(sentence)
    claim = _denied_claim(sentence) if yes_no else None
    claim = claim or claim_of(sentence)
    if not yes_no and claim is not None and claim.kind is not ClaimKind.SCORE:
        # A claim with a bare "?" ("¿la temporada empezó el 19 de julio?"); a score names a
        # game as often as it claims one ("goles en el 5-0 al Mérida?"), and a figure asked
        # that the claim does not check asks for it ("celaya relegation points?").
        # A claim stated with no "?" and no question word ("altamira was 11th in the
        # relegation table"): fans check what they believe that way; the verdict leads.
        yes_no = _yes_no(sentence, claimed=True) or _states(sentence)
    if claim is not None and _figure_asked(sentence, claim) and not _opened(sentence):
        claim, yes_no = None, False
    found = Plan()
    if yes_no and claim is not None:
        found = Plan(claim=claim, yes_no=True)
    elif (asked := _rule_asked(sentence) or _rule_if(sentence)) is not None:
        found = Plan(claim=asked)
    else:
        query = query_of(sentence)
        existence = _exists_claim(sentence, query, yes_no=yes_no)
        # "¿Quién pasó, Dorados o Tecos?" offers both: it takes neither for granted.
        premise = (
            premise_of(sentence, asked=yes_no) if query is None and not _choice(sentence) else None
        )
        found = Plan(query=query, claim=premise, premise=premise is not None)
        if yes_no and premise is not None:
            # "Was Oaxaca in the Clausura final?": what a yes/no question takes as so is
            # what it asks; answered Yes or No, not corrected as if told.
            found = Plan(claim=premise, yes_no=True)
        if existence is not None:
            found = Plan(claim=existence, yes_no=True)
    found = _set_apart(sentence, found)
    found = _sided(found, *_goals_side(sentence))
    found = _player_side(sentence, found)
    found = _player_meant(sentence, found)
    _classic_honours(sentence, found)
    sentence.honoured.update(sentence.excluded_at)
    greetings = sentence.lex.vocabulary.greetings
    sentence.honoured.update(  # "hola a todos, ¿quién ganó?": whom the hello is for
        p
        for p in sentence.operators(Operator.EACH)
        if sentence.tokens[p] in EVERYONE and sentence.before(p, greetings, reach=2)
    )
    if sentence.false_grant is not None and not found.yes_no:
        found = replace(found, query=None, claim=sentence.false_grant, premise=True)
    unhonoured = [
        word.text
        for word in sentence.accounting.operators
        if word.position not in sentence.honoured
    ]
    unhonoured += _meanings_left(sentence, found)
    unhonoured += _tournaments_left(sentence, found)
    unhonoured += _rounds_left(sentence, found)
    unhonoured += _places_unread(sentence, found)
    unhonoured += _said_left(sentence, found, yes_no=yes_no)
    unhonoured += _ordinal_left(sentence)
    unhonoured += _unranked_left(sentence, found) + _other_extreme_left(sentence)
    unhonoured += _again_left(sentence, found)
    unhonoured += _sides_left(sentence, found)
    if yes_no and found.query is not None and any(c.negated for c in found.query.conditions):
        # "Ningún equipo ganó los dos torneos, ¿verdad?" asks whether, not which: a list
        # of the clubs that did not is no answer to it (and reads "each" as "both").
        unhonoured += [sentence.tokens[p] for p in sentence.operators(Operator.NEGATION)]
    if not sentence.decimals_used:
        # "¿quién tuvo el 1.1 de cociente?": a ratio said that no plan read blocks; the
        # answer by intent would name the lowest ratio as if it were not there.
        unhonoured += _ratios(sentence)
    return found, tuple(unhonoured)


SEVERAL_TOURNAMENT_INTENTS = frozenset(
    {
        Intent.CHAMPION,
        Intent.FORMAT,
        Intent.SEASON_DATES,
        Intent.PROMOTED,
        Intent.RELEGATED,
        Intent.RELEGATION,
        Intent.STADIUM,
        Intent.STADIUM_EXTREME,
        Intent.CLUB,
        Intent.CLUB_AT,
        Intent.CHANGES,
        Intent.PATH,  # a club's road through each one named
    }
)
TIES_OF_EACH_INTENTS = frozenset({Intent.RESULT, Intent.DECISION})
"""Answered from the ties of every tournament named, when no club is (`common.ties_asked`)."""


def _tournaments_left(sentence: Sentence, found: Plan) -> list[str]:
    """Several tournaments named, of an answer by intent that reads one: "goals in the
    liguillas and the promotion final" answered with the promotion final's would answer
    another question. The words that named the others block. Answers that read them all:
    the plan's queries and claims, titles, the format, the season's dates and tables, the
    ties of each tournament named (`common.ties_asked`), and its legs in a round named."""
    question = sentence.question
    if found.query is not None or found.claim is not None or len(question.tournaments) < 2:
        return []
    intent = question.intent
    if intent in SEVERAL_TOURNAMENT_INTENTS or found.greeting is not None:
        return []
    if not question.clubs and (
        intent in TIES_OF_EACH_INTENTS or (intent is Intent.SCORERS and question.round)
    ):
        return []
    first = question.tournaments[0]
    words = [
        " ".join(sentence.tokens[span.start : span.end])
        for span in sentence.spans
        if any(t.value != first for t in span.of(Kind.TOURNAMENT))
    ]
    playoffs = [t for t in sentence.tokens if t in PLAYOFF_WORDS]
    return words or playoffs or [question.tournaments[1]]


def _set_apart(sentence: Sentence, found: Plan) -> Plan:
    """ "Did anyone win away apart from Necaxa?", "smallest stadium apart from Delfines'":
    the rows named apart are left out of what the plan selects; with no plan to leave them
    out of, the words that set them apart block."""
    if not sentence.apart:
        return found
    if found.query is not None:
        sentence.honoured.update(sentence.apart_at)
        return replace(found, query=replace(found.query, excluded=sentence.apart))
    claim = found.claim
    if claim is not None and claim.subject is None and not claim.query.named:
        sentence.honoured.update(sentence.apart_at)
        query = replace(claim.query, excluded=sentence.apart)
        return replace(found, claim=replace(claim, query=query))
    return found


def _sided(found: Plan, side: str | None, against: str | None) -> Plan:
    """The plan with whose goals are asked; a query of goals that says no side takes it:
    "Oaxaca's first goal vs UdeG" is the first of Oaxaca's goals, not of the game's."""
    found = replace(found, side=side, against=against)
    query = found.query
    if query is None or query.entity is not Entity.GOAL or query.players or not (side or against):
        return found
    if query.side is None and query.against is None:
        found = replace(found, query=replace(query, side=side, against=against))
    return found


SEVERAL_ROUND_INTENTS = frozenset({Intent.PATH, Intent.BRACKET, Intent.FORMAT})
"""Answers that read every round: a club's road, a bracket, the format."""


def _rounds_left(sentence: Sentence, found: Plan) -> list[str]:
    """Two rounds named, not all of them ("goals in the Apertura QF and semis"): a plan or
    an answer reads one round, so the others' words block. Every round named is the whole
    liguilla (`slots.fill_slots`)."""
    rounds = rounds_said(sentence.spans)
    if len(rounds) < 2 or set(rounds) == set(RoundName):
        return []
    if sentence.question.intent in SEVERAL_ROUND_INTENTS:
        return []
    if found.query is not None and {
        c.scope.round for c in found.query.conditions if c.scope is not None
    } >= set(rounds):
        return []  # "scored in the semis and the final": a condition of each round
    return [
        " ".join(sentence.tokens[span.start : span.end])
        for span in sentence.spans
        if span.of(Kind.ROUND)
        and not span.of(Kind.TOURNAMENT)
        and span.of(Kind.ROUND)[0].value != rounds[0].value
    ]


def _said_left(sentence: Sentence, found: Plan, *, yes_no: bool) -> list[str]:
    """The numbers and names a yes/no question says that its answer would not use: each
    blocks.

    "The 4-1: was Lojero's goal in the 90th?" read as "was there a 4-1?" would say Yes to a
    question about a minute; "Ballenas were 14th, right?" answered with Ballenas' ground
    would answer another question. A number is used when the plan, or the slots the answer
    by intent reads (the leg, its score, a capacity bound, a rank), hold it; a name, when the
    claim holds it. (A question for something may say a number as a premise, "why does
    Ballenas only have 28 games": its answer states the fact, so it is not checked here.)"""
    if not yes_no:
        return _ordinals_left(sentence, found) + _filters_left(sentence, found)
    used = _used_values(sentence, found)
    claim = found.claim
    if claim is not None and claim.query.entity is Entity.TABLE_ROW:
        # "Cruz Azul Hidalgo's ratio 86/84, so about 1.02?": the named row's own numbers are
        # what the ratio is made of; the claim checks the ratio.
        rows = sentence.lex.season.relegation.rows
        _values(
            tuple((r.rank, r.points, r.games) for r in rows if r.club in claim.query.named), used
        )
    if claim is not None and claim.each:
        # "Were all 4 games of the semis won at home?": the games the claim ranges over.
        used.add(len(result_rows(run(sentence.lex.season, replace(claim.query, conditions=())))))
    left = [text for text, value in _numbers_said(sentence) if value not in used]
    if claim is not None:
        # "El primer gol … fue de Ibarra?": an ordinal the claim does not hold ("he scored")
        # would answer another question.
        left += [
            " ".join(sentence.tokens[mark.start : mark.end])
            for mark in sentence.reading.marks
            if mark.cue.ordinal is not None
            and mark.cue.ordinal not in used
            and mark.cue.test is None  # "finished first": the leader's test, its own meaning
            and not _opener_checked(claim, mark)
        ]
        # "Went straight to the semis": a bye names the round it leads to, not one it skips.
        bye = any(c.test is Test.BYE for c in claim.query.conditions)
        # "¿Necaxa ganó la final del Apertura?": a liguilla's title is its final won.
        titled = any(c.test is Test.WON_TITLE for c in claim.query.conditions)
        for span in sentence.spans:
            # A round the claim does not hold ("…in every game of the quarters and semis"
            # read over the quarters only) is left out as a club or a player would be.
            rounds = [
                target
                for target in span.of(Kind.ROUND)
                if not bye and not (titled and target.value == RoundName.FINAL.value)
            ]
            named = span.of(Kind.PLAYER) or span.of(Kind.CLUB) or rounds
            if named and not span.of(Kind.TOURNAMENT) and all(t.value not in used for t in named):
                left.append(" ".join(sentence.tokens[span.start : span.end]))
        left += _tests_left(sentence, claim, used)
        left += _places_left(sentence, claim)
    return left


def _opener_checked(claim: Claim, mark: Mark) -> bool:
    """Whether the claim checks the goal the mark puts in order ("opened the scoring": the
    first, which a query's default `nth` of 1 holds without saying so)."""
    query = claim.query
    return (
        mark.cue.measure is Measure.ORDER
        and query.measure is Measure.ORDER
        and query.nth == mark.cue.ordinal
    )


def _sides_left(sentence: Sentence, found: Plan) -> list[str]:
    """ "Which away team won by the biggest margin?": the side a ranking of games is said to
    rank by, when it ranks every game (answered, the biggest home win would answer another
    question). Its words block."""
    query = found.query
    if query is None:
        # The biggest win by intent ranks every game.
        ranks_all = found.claim is None and Part.BIGGEST_WIN in sentence.question.parts
    else:
        ranks_all = (
            query.entity in (Entity.LEG, Entity.TIE)
            and query.aggregation in (Aggregation.MAX, Aggregation.MIN)
            and not (query.scope.home or query.scope.away or query.conditions)
        )
    if not ranks_all:
        return []
    return [
        " ".join(sentence.tokens[mark.start : mark.end])
        for mark in sentence.reading.marks
        if mark.cue.leg in ("home", "away")
    ]


def _filters_left(sentence: Sentence, found: Plan) -> list[str]:
    """ "Who had 95 points in the relegation table?": asking which one, with nothing named
    to be the subject, a number said picks it; an answer that does not use the number (the
    table's lowest ratio) answers another question. (With a subject named, a number is
    often a premise: "why does Ballenas only have 28 games?")"""
    question = sentence.question
    asks = sentence.reading.asks_who or sentence.has(*WHICH_WORDS)
    if not asks or question.clubs or question.players or question.stadium:
        return []
    used = _used_values(sentence, found)
    if _listed_ranks(sentence):  # "of ranks 10 to 15": the ranks the source lists
        used.update(row.rank for row in sentence.lex.season.relegation.rows)
    tallied = found.query is None and question.intent in GOAL_INTENTS | {Intent.COUNT}
    tokens = sentence.tokens
    # "Who were the 2 teams in the promotion final?": how many clubs the answer names, with
    # no ranking said that a number would cut ("the 2 teams that scored the most").
    ranked = sentence.reading.extreme is not None or bool(sentence.operators(Operator.MOST))
    return [
        text
        for text, value in _numbers_said(sentence)
        if value not in used
        and not (tallied and _before_goals(tokens, text))
        and not (not ranked and _before(tokens, text, CLUB_NOUNS))
    ]


CLUB_NOUNS = frozenset(
    {"teams", "clubs", "equipos", "clubes", "finalists", "finalistas", "semifinalists"}
)


def _before(tokens: list[str], text: str, nouns: frozenset[str]) -> bool:
    at = tokens.index(text) if text in tokens else -1
    return 0 <= at < len(tokens) - 1 and tokens[at + 1] in nouns


def _before_goals(tokens: list[str], text: str) -> bool:
    """ "Who scored 5 goals?": a number of goals, which a scorer table (by goals) shows."""
    return _before(tokens, text, GOAL_NOUNS)


def _places_left(sentence: Sentence, claim: Claim) -> list[str]:
    """Where something was, asked ("was Necaxa playing in Mexico City?"), of a claim that
    checks no place: its words block."""
    placed = claim.kind is ClaimKind.HOME or claim.query.scope.home or claim.query.scope.away
    if placed or claim.place is not None:
        return []
    said = [
        " ".join(sentence.tokens[mark.start : mark.end])
        for mark in sentence.reading.marks
        if Part.CITY in mark.cue.parts or Part.VENUE in mark.cue.parts
    ]
    # "Tecos play in Guadalajara like UdeG, right?": a city named, of a claim that checks
    # no place, is not what it answers (a club's name that is also a city's is the club).
    return said + [
        " ".join(sentence.tokens[span.start : span.end])
        for span in sentence.spans
        if span.of(Kind.CITY) and not span.of(Kind.CLUB) and not span.of(Kind.STADIUM)
    ]


def _ordinals_left(sentence: Sentence, found: Plan) -> list[str]:
    """ "Who was 10th in the relegation table?": an ordinal written as a number that neither
    the plan nor the slots hold is a place the answer would not give."""
    used = _used_values(sentence, found)
    return [
        token
        for token in sentence.tokens
        if (ordinal := _ORDINAL.match(token)) is not None and int(ordinal.group(1)) not in used
    ]


def _other_extreme_left(sentence: Sentence) -> list[str]:
    """ "El estadio más grande le saca cuánto al más chico?": a second, opposite superlative
    that one reading cannot hold blocks, never dropped (two asked together are answered one
    by one: `deciding.extremes_apart`)."""
    marks = [m for m in sentence.reading.marks if m.cue.extreme]
    if len({m.cue.extreme for m in marks}) < 2:
        return []
    return [" ".join(sentence.tokens[m.start : m.end]) for m in marks[1:]]


def _unranked_left(sentence: Sentence, found: Plan) -> list[str]:
    """ "Did necaxa finish second in the apertura", "necaxa was 2nd?": a place said to an
    answer by intent that gives none (the season's dates, a club's card) blocks, never
    dropped. A leg picked by its number is read by the slots (`question.leg`)."""
    if found.query is not None or found.claim is not None:
        return []
    if sentence.question.intent not in UNRANKED or sentence.question.leg is not None:
        return []
    # "when did the season start? like first day": the first and the last day are the
    # season's start and end, its dates' own words
    dated = sentence.question.intent is Intent.SEASON_DATES
    return [
        " ".join(sentence.tokens[m.start : m.end])
        for m in sentence.reading.marks
        if m.cue.ordinal is not None
        and m.cue.test is None
        and m.start not in sentence.honoured
        and not (dated and m.cue.ordinal == 1)
    ]


UNRANKED = frozenset(
    {Intent.CLUB, Intent.SEASON_DATES, Intent.STADIUM, Intent.CLUB_AT, Intent.CHANGES}
)
"""Answers by intent that rank nothing: an ordinal said to one is not read by it."""


def _tests_left(sentence: Sentence, claim: Claim, used: set[object]) -> list[str]:
    """What a yes/no claim says was done ("won", "lost") that it does not check: "¿ninguno
    de los dos partidos lo ganó UdeG?" is never settled by how many games UdeG played."""
    # "Alatorre scored the winning goal?" is never settled by his goal alone.
    goals_of = claim.query.entity is Entity.GOAL and bool(claim.query.players)
    if claim.kind not in (ClaimKind.VALUE, ClaimKind.DATE) and not goals_of:
        return []
    return [
        " ".join(sentence.tokens[mark.start : mark.end])
        for mark in sentence.marks(test=True)
        if mark.cue.test in WIN_TESTS | LOSING_TESTS | FATE_TESTS  # "relegated with 98 points?"
        and mark.cue.test not in used
        and GAME_RESULT.get(mark.cue.test) not in used  # "ganó 2 partidos": the games it won
        and not (mark.cue.test in WIN_TESTS and SIDED_WINS & used)  # "ganó de visitante"
    ]


_DIGITS = re.compile(r"^(\d+)(k?)")
FIRST_YEAR, LAST_YEAR, MAX_SHORT_YEAR = 1900, 2100, 99
THOUSAND_WORDS = frozenset({"mil", "thousand", "k"})
_THOUSANDS = re.compile(r"^\d{3}$")


def _numbers_said(sentence: Sentence) -> list[tuple[str, int]]:
    """Each number the question says, as written and as a value: "20,000" and "20k" are
    20000; a decimal's halves are no number here (a ratio: `_ratios`), nor this season's
    years ("2013-14", "13/14")."""
    tokens = sentence.tokens
    skip = sentence.tags | sentence.excluded_at | sentence.decimals_at
    years = sentence.lex.season_years
    short_years = {year % 100 for year in years}
    numeric = {w.position for w in sentence.accounting.words if w.use is Use.NUMBER}
    said = []
    i = 0
    while i < len(tokens):
        digits = _DIGITS.match(tokens[i])
        if i not in numeric or i in skip or digits is None:
            i += 1
            continue
        value = int(digits.group(1)) * (1000 if digits.group(2) else 1)
        text = tokens[i]
        if i + 1 < len(tokens) and tokens[i + 1] in THOUSAND_WORDS:
            value *= 1000  # "50 mil"
        if i + 1 < len(tokens) and _THOUSANDS.match(tokens[i + 1]) and i + 1 in numeric:
            value, text = value * 1000 + int(tokens[i + 1]), f"{text},{tokens[i + 1]}"
            i += 1
        neighbours = {tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)}
        season = value in years or (
            value in short_years
            and any(n.isdigit() and int(n) in years | short_years for n in neighbours)
        )
        # Another season ("after 12-13", "2012-2013"): a year, said as a year is.
        season |= FIRST_YEAR <= value <= LAST_YEAR or (
            value <= MAX_SHORT_YEAR
            and any(n.isdigit() and abs(int(n) % 100 - value) == 1 for n in neighbours)
        )
        if not season:
            said.append((text, value))
        i += 1
    return said


def _used_values(sentence: Sentence, found: Plan) -> set[object]:
    """What a plan holds, and the slots an answer by intent reads (the leg, its score, a
    capacity bound, a rank): a number or name said is used when it is among them."""
    used: set[object] = set()
    _values(found, used)
    question = sentence.question
    _values((question.leg, question.seats, question.rank), used)
    return used


def _values(data: object, into: set[object]) -> None:
    """Every id, name and number a plan (or a slot) holds, however deep."""
    if data is None or isinstance(data, bool):
        return
    if isinstance(data, str | int):
        into.add(data)
    elif isinstance(data, float):
        into.add(data)
        if data.is_integer():
            into.add(int(data))
    elif isinstance(data, tuple):
        for item in data:
            _values(item, into)
    elif is_dataclass(data):
        for each in fields(data):
            value = getattr(data, each.name)
            if value != each.default:  # a default says nothing: `nth` 1 is no "first" said
                _values(value, into)


NONE_WORDS = frozenset({"ningun", "ninguno", "ninguna", "nadie", "none", "nobody", "noone"})
NONE_NOUNS = frozenset({"team", "club", "one", "game", "match", "tie", "player", "leg"})


def _denied_claim(sentence: Sentence) -> Claim | None:
    """ "¿Ningún equipo ganó los dos torneos, verdad?", "no game of the Clausura liguilla
    ended 0-0, right?": a claim about no one, read as the claim about someone, denied."""
    tokens = sentence.tokens
    negations = sentence.operators(Operator.NEGATION)
    none = [
        p
        for p in negations
        if tokens[p] in NONE_WORDS
        or (tokens[p] == "no" and p + 1 < len(tokens) and tokens[p + 1] in NONE_NOUNS)
    ]
    if len(none) != 1 or len(negations) != 1 or sentence.question.players:
        return None
    positive = copy.copy(sentence)
    positive.tags = sentence.tags | frozenset(none)
    positive.honoured = set()
    claim = claim_of(positive)
    if claim is None:
        # Only a list of rows says "someone did": a count, a mean or a ranking does not.
        query = query_of(positive)
        listed = query is not None and query.aggregation is Aggregation.LIST
        claim = Claim(ClaimKind.TEST, query) if query is not None and listed else None
    if claim is None or claim.subject is not None or claim.denied:
        return None  # said of someone named: not "no one"
    sentence.honoured.update(positive.honoured | set(none))
    for flag in ("bound_used", "extreme_used", "decimals_used"):
        setattr(sentence, flag, getattr(sentence, flag) or getattr(positive, flag))
    return replace(claim, denied=True)


def _ordinal_left(sentence: Sentence) -> list[str]:
    """ "The second lowest", "3rd biggest": an ordinal beside a superlative that no plan
    ranked by blocks, so the first is never given for the second."""
    nth, at = _nth(sentence)
    if nth < 2 or at is None or at in sentence.honoured:
        return []
    beside = any(
        m.cue.extreme is not None and 0 < m.start - at <= 2 for m in sentence.reading.marks
    )
    return [sentence.tokens[at]] if beside else []


def _unread(sentence: Sentence) -> Plan:
    """A question no intent reads: nothing, unless every word was read and it asks only a
    count, or says a number or a score, of what the data holds ("how many 0-0s were
    there?", "there were 16 teams, right?"), or the clubs that did one thing in each
    tournament ("which teams made the semis in both tournaments")."""
    question = sentence.question
    if question.reason is not OutOfScope.NOT_UNDERSTOOD or question.unaccounted:
        return Plan()
    if _yes_no(sentence):
        claim = _score_claim(sentence) or _number_claim(sentence)
        return Plan(claim=claim, yes_no=True) if claim is not None else Plan()
    query = (
        _mean(sentence)
        or _capacity_sum(sentence)
        or _clubs_from_place(sentence)
        or _in_every_tournament(sentence)
        or _unread_ranking(sentence)
    )
    return Plan(query=query or _count(sentence))


TABLE_FIGURES = frozenset({Measure.POINTS, Measure.RATIO, Measure.GAMES, Measure.CAPACITY})


def _opened(sentence: Sentence) -> bool:
    """Asked as a yes/no question by its words ("was…", "did…", "…right?"), not only by a
    question mark."""
    opener = (sentence.tokens[0],) in sentence.lex.vocabulary.yes_no_openers
    return opener or bool(sentence.tags)


def _figure_asked(sentence: Sentence, claim: Claim) -> bool:
    """A figure named (points, a ratio, a capacity) that a claim neither checks nor says a
    value of: "Celaya relegation points?" asks for them, it claims nothing."""
    tokens = sentence.tokens
    # "the ratio table", "la tabla de cociente": the table's name, no figure asked of it
    said = {
        m.cue.measure
        for m in sentence.reading.marks
        if not TABLE_WORDS.intersection(tokens[max(0, m.start - 2) : m.end + 1])
    } & TABLE_FIGURES
    checked = {claim.query.measure} | {c.measure for c in claim.query.conditions}
    return bool(said) and not said & checked and claim.value is None


def _exists_claim(sentence: Sentence, query: Query | None, *, yes_no: bool) -> Claim | None:
    """ "Did any team play both finals?", "¿hubo algún equipo que jugó las dos liguillas?":
    a set asked of with "any", in a yes/no question or opened by it, is claimed not to be
    empty; the answer is Yes with the ones that are in it, or No."""
    some = sentence.operators(Operator.SOME)
    if query is None or not some or query.aggregation is not Aggregation.LIST:
        return None
    if not yes_no and some[0] > 1:
        return None  # opened by "hubo algún", "any team…": asked whether, whatever follows
    if query.entity not in (Entity.CLUB, Entity.LEG, Entity.TIE, Entity.PLAYER):
        return None
    each = any(c.scope is not None for c in query.conditions)
    named = len(sentence.question.tournaments) > 1  # said, not "the liguilla" of both
    if named and not each and query.entity is Entity.CLUB:
        return None  # "¿algún equipo llegó a la final del Apertura y a la del Clausura?"
    sentence.honoured.update(some)
    counted = replace(query, aggregation=Aggregation.COUNT)
    return Claim(ClaimKind.VALUE, counted, value=1, bound="at_least")


def _unread_ranking(sentence: Sentence) -> Query | None:
    """ "Highest scoring single game?": a superlative of games, goals or grounds, every word
    read, though no question word says what is asked."""
    query = _ranking(sentence)
    if query is None or query.entity not in (Entity.LEG, Entity.TIE, Entity.GOAL):
        return None
    return query


DECIDING_TESTS = frozenset({Test.PENALTIES, Test.EXTRA_TIME, Test.HIGHER_SEED})
"""How a tie was decided, beyond its goals ("away goals" are goals, scored away)."""
GOAL_INTENTS = frozenset({Intent.SCORERS, Intent.PLAYER_GOALS, Intent.TOP_SCORER})
EXTREME_INTENTS = frozenset({Intent.STADIUM_EXTREME, Intent.RELEGATION, Intent.TOP_SCORER})


RATIO_INTENTS = frozenset({Intent.RELEGATION, Intent.RELEGATED})


def _meanings_left(sentence: Sentence, found: Plan) -> list[str]:
    """Phrases whose meaning changes the answer and that the plan did not use: a bound
    ("below", "más de") with no capacity or table to bound, a superlative ("earliest") the
    answer by intent ignores, goals conceded asked of an answer that counts goals scored."""
    question = sentence.question
    query, claim = found.query, found.claim
    ranked = query is not None and query.aggregation in (
        Aggregation.MAX,
        Aggregation.MIN,
        Aggregation.COMPARE,
        Aggregation.DIFFERENCE,
        Aggregation.NEIGHBOUR,
    )
    compared = claim is not None and claim.kind in (
        ClaimKind.MEMBER,
        ClaimKind.MORE,
        ClaimKind.LESS,
    )
    extreme_ok = (
        ranked
        or compared
        or sentence.extreme_used
        or question.intent in EXTREME_INTENTS
        or (question.intent is Intent.STADIUM and Part.COMPARE in question.parts)
        or Part.BIGGEST_WIN in question.parts
    )
    extreme_ok = extreme_ok or _table_premise_holds(sentence)
    bound_ok = question.seats is not None or sentence.bound_used
    asked = query if query is not None else claim.query if claim is not None else None
    conceded_ok = asked is not None and (
        asked.measure is Measure.CONCEDED or any(c.test is Test.CONCEDED for c in asked.conditions)
    )
    # "Who scored in extra time?": goals by scorer say nothing of how a tie was decided.
    goals_only = question.intent in GOAL_INTENTS and query is None and claim is None
    # "The lowest points total in the ratio table": the table's extreme by intent is its
    # lowest ratio, which ranks by no other measure.
    by_ratio = question.intent in RATIO_INTENTS and query is None and claim is None
    by_ratio = by_ratio and sentence.reading.extreme is not None
    left: list[str] = []
    for mark in sentence.reading.marks:
        cue = mark.cue
        words = " ".join(sentence.tokens[mark.start : mark.end])
        if (
            (cue.test in DECIDING_TESTS and goals_only)
            or (cue.extreme is not None and not extreme_ok)
            or (cue.bound is not None and not bound_ok)
            or (cue.test is Test.CONCEDED and not conceded_ok)
            or (cue.measure in (Measure.POINTS, Measure.GAMES) and by_ratio)
        ):
            left.append(words)
    return left


def _greeting(sentence: Sentence) -> str | None:
    """Hello or thanks, and nothing asked: "hello" or "thanks"."""
    accounting = sentence.accounting
    greetings = sentence.lex.vocabulary.greetings
    said = [token for token in sentence.tokens if token in greetings]
    if not said:
        return None
    if sentence.tokens[0] in THANKS and _asks_nothing(sentence):
        # "gracias wey, neta me salvaste", "thanks, that settles the argument with my
        # brother": opened by thanks, with no question mark and no question word, it asks
        # nothing, whatever its words are (the courtesy of `without_thanks`).
        return "thanks"
    # "yo bot whats up", "hey what's good": a greeting with a question word and common words
    # only, nothing named and no phrase of the vocabulary read, asks nothing of the data.
    # "Saludos desde Aguascalientes": where a greeting comes from is said, not asked.
    from_places = greeted_from(sentence.tokens, sentence.spans, greetings)
    small_talk = all(
        w.use in (Use.FRAME, Use.COMMON)
        or w.position in from_places
        or sentence.tokens[w.position] in sentence.lex.vocabulary.question_words
        or sentence.tokens[w.position] in EVERYONE  # "buenas tardes a todos"
        for w in accounting.words
    )
    if not (accounting.only_framing or small_talk):
        return None
    return "thanks" if any(token in THANKS for token in said) else "hello"


FROM_WORDS = frozenset({"desde", "from"})
EVERYONE = frozenset({"todos", "todas", "everyone", "everybody", "all", "yall"})
"""Whom a greeting is for ("buenas tardes a todos", "hi all"): no question's "each"."""


def greeted_from(tokens: list[str], spans: Sequence[Span], greetings: Collection[str]) -> set[int]:
    """Where places follow "desde"/"from" after a greeting ("saludos desde Aguascalientes",
    "hello from Culiacán, who won…"): where the fan is, not what is asked. The positions
    of the place and its "from"."""
    found: set[int] = set()
    for span in spans:
        at = span.start
        if at < 2 or tokens[at - 1] not in FROM_WORDS:
            continue
        if not all(t.kind in (Kind.CITY, Kind.STADIUM) for t in span.targets):
            continue
        if any(token in greetings for token in tokens[max(0, at - 4) : at - 1]):
            found.update(range(at - 1, span.end))
    return found


def _asks_nothing(sentence: Sentence) -> bool:
    question_words = sentence.lex.vocabulary.question_words
    return "?" not in sentence.text and not any(t in question_words for t in sentence.tokens)


def _states(sentence: Sentence) -> bool:
    """Said as so, with no "?" and no question word, by a verb: "altamira was 11th in the
    relegation table". Not a name and a noun ("udeg road to promotion"), which asks for it."""
    if not _asks_nothing(sentence) or not sentence.spans or sentence.has(*EITHER_OR):
        return False
    # The word after the first name is its verb: "X was…", "X won…"; "udeg road to
    # promotion" and "earliest goal scored in the finals" name what they want.
    verb = min(span.end for span in sentence.spans if span.start == sentence.spans[0].start)
    if verb >= len(sentence.tokens):
        return False
    noun = sentence.lex.vocabulary.phrases.get((sentence.tokens[verb],))
    if noun is not None and noun.entity is not None:
        return False  # "necaxa goals against in the playoffs": a noun phrase, what it asks for
    return sentence.tokens[verb] in COPULAS or any(
        m.start == verb and m.cue.test is not None for m in sentence.reading.marks
    )


def _yes_no(sentence: Sentence, *, claimed: bool = False) -> bool:
    """Asked as a yes/no question: opened by "did", "was"... or closed by "right?", "¿o
    no?", or a question mark with no question word at all ("¿el Zacatepec descendió?")."""
    vocabulary = sentence.lex.vocabulary
    tokens = sentence.tokens
    uses = sentence.accounting.words
    if _choice(sentence):
        return False
    opening = [
        i
        for i, w in enumerate(uses)
        if w.use not in (Use.FRAME, Use.COMMON) or (tokens[i],) in vocabulary.yes_no_openers
    ]
    questioned = [
        i
        for i, t in enumerate(tokens)
        if t in vocabulary.question_words and not _conjunction(sentence, i)
    ]
    for length in (3, 2, 1):
        tail = tuple(tokens[-length:])
        tagged = len(tokens) >= length and (tail in vocabulary.yes_no_tags or _question_tag(tail))
        if tagged and (not questioned or all(i >= len(tokens) - length for i in questioned)):
            sentence.honoured.update(range(len(tokens) - length, len(tokens)))
            return True
    closing = sorted(p for p in sentence.tags if p < len(tokens) - 1)
    if closing and (not questioned or questioned[0] > closing[-1]):
        # "rangel era de la UAT no? el q anotó en la final": the tag closes the claim, and
        # what follows only says who is meant.
        sentence.honoured.update(closing)
        return True
    opened = bool(opening) and (tokens[opening[0]],) in vocabulary.yes_no_openers
    if opened and (not questioned or questioned[0] > opening[0] + 1):
        sentence.honoured.add(opening[0])
        return True
    # A bare "?" asks yes or no only of a sentence that says something is so: a verb ("won",
    # "fue", "was") or a checkable claim ("¿la temporada empezó el 19 de julio?"), not a
    # noun phrase that names what it wants ("minute of X's goal?").
    says = claimed or any(m.cue.test is not None for m in sentence.reading.marks)
    says = says or sentence.has(*COPULAS)
    return not questioned and says and sentence.text.rstrip().endswith("?")


COPULAS = (
    "is", "was", "were", "are", "es", "era", "fue", "fueron", "son", "eran", "esta", "estaba",
    "had", "has", "tenia", "tuvo", "hubo", "habia", "finished", "ended", "quedo", "quedaron",
    "termino", "terminaron", "plays", "juega", "juegan", "jugaba", "jugaban", "estuvo",
    "estuvieron", "acabo", "acabaron", "ends", "finishes", "termina", "acaba",
)  # fmt: skip


AUXILIARIES = frozenset(
    ["do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "can", "could"]
)
PRONOUNS = frozenset(["they", "it", "he", "she", "we", "you"])


def _question_tag(tail: tuple[str, ...]) -> bool:
    """An English question tag, written any way: "don't they" (don, t, they), "dont they",
    "didn't he", "isn't it", "wasn't it", "do they": an auxiliary, its "not", a pronoun."""
    if not tail or tail[-1] not in PRONOUNS:
        return False
    verb = tail[:-1]
    if len(verb) == 2 and verb[1] == "t":
        verb = (verb[0] + "t",)  # "don t" -> "dont"
    if len(verb) != 1:
        return False
    word = verb[0]
    if word.endswith("nt"):
        word = {"dont": "do", "wont": "will", "cant": "can"}.get(word, word[:-2])
    return word in AUXILIARIES


def _choice(sentence: Sentence) -> bool:
    """A choice between two things named ("¿es más grande el Lastras o el Victoria?", "did
    Necaxa or UdeG win?"): it asks which, so the answer names one, not "Yes". "¿o no?" is a
    tag, not a choice: what follows "or" must be a name."""
    if sentence.operators(Operator.EITHER) and _joined(sentence, OR_WORDS):
        return False  # "did either Mérida or San Luis reach the semis?": whether one did
    starts = {span.start for span in sentence.spans}
    ends = {span.end for span in sentence.spans}
    tokens = sentence.tokens
    for i, token in enumerate(tokens):
        if token not in EITHER_OR or not any(end <= i for end in ends):
            continue
        after = i + 1
        # "…in the Apertura or in the Clausura?": the name may come after its preposition.
        while after not in starts and after < len(tokens) and tokens[after] in CHOICE_LEAD_INS:
            after += 1
        if after in starts:
            return True
    return False


EITHER_OR = frozenset({"or", "o", "u"})
NAME_ARTICLES = frozenset({"the", "el", "la", "los", "las", "al", "estadio", "stadium"})
CHOICE_LEAD_INS = NAME_ARTICLES | {"in", "en"}


def _conjunction(sentence: Sentence, i: int) -> bool:
    """ "q"/"que" in the middle of a sentence ("es cierto q…") joins, it does not ask."""
    token = sentence.tokens[i]
    if token not in ("q", "que"):
        return False
    asking = ("en", "a", "de", "con", "por", "para", "pa", "hasta", "desde")  # "hasta qué ronda"
    return i > 0 and sentence.tokens[i - 1] not in asking


# ---------------------------------------------------------------------------------------------
# Claims: what a yes/no question asks to confirm, and what a question for something assumes


def _subject_and_object(sentence: Sentence) -> tuple[str | None, str | None]:
    """The club that did something and the club it was done to: a club after "a"/"al",
    "against" or a verb of beating is the object ("le ganó el Necaxa al Tecos", "how did
    Tecos beat UdeG"); the first other one is the subject."""
    markers = sentence.lex.vocabulary.object_markers
    subject: str | None = None
    obj: str | None = None
    for at, club in sentence.clubs_at():
        if obj is None and sentence.before(at, markers, reach=2):
            obj = club
        elif subject is None:
            subject = club
        elif obj is None:
            obj = club
    return subject, obj


def _main_test(sentence: Sentence) -> Mark | None:
    """The test the question is about: the first one said, but staying up over the fall it
    concedes ("se quedaron en la liga aunque descendieron"), and a bye over the going
    through it is ("¿Necaxa pasó directo a semis?": not whether it passed)."""
    # "Oaxaca vs UdeG semis 2nd leg score?": a score asked is no test said.
    marks = [mark for mark in sentence.marks(test=True) if not _score_as_noun(sentence, mark)]
    if not marks:
        return None
    for over in (Test.STAYED, Test.BYE):
        first = [mark for mark in marks if mark.cue.test is over]
        if first:
            return first[0]
    return marks[0]


def _bye_to(sentence: Sentence, test: Test, scope: Scope) -> Scope:
    """ "A bye to the Clausura semis": the round a bye leads to, with the tournament's name
    between it and "to", names the round skipped, the one before it ("to the semis" alone
    is read so by the slots already)."""
    if test is not Test.BYE or scope.round not in ROUND_BEFORE:
        return scope
    for span in sentence.spans:
        named = [s for s in sentence.spans if s.end == span.start and s.of(Kind.TOURNAMENT)]
        said_to = named and gone_to(sentence.tokens[max(0, named[0].start - 2) : named[0].start])
        if span.of(Kind.ROUND) and said_to:
            return replace(scope, round=ROUND_BEFORE[scope.round])
    return scope


def _resolved_test(sentence: Sentence, test: Test, obj: str | None, at: int | None = None) -> Test:
    """A verb's test in context: "win" a title, a tie (a round or an opponent named) or a
    game (said as its object, after it: "win a game"); "lose" a game, or a tie."""
    question = sentence.question
    legs = any(
        m.cue.entity is Entity.LEG and (at is None or 0 < m.start - at <= NEAR)
        for m in sentence.marks(entity=True)
    )
    picked = question.leg
    # "Won the first leg", "lose at home": one game is named, so a game was won or lost; a
    # title won at home is the title (`_titles_claimed`).
    sided = picked is not None and (picked.home is not None or picked.away is not None)
    titled = test is Test.WON_TITLE and not question.round and _title_object(sentence, at)
    legs = legs or (picked is not None and picked.number is not None) or (sided and not titled)
    if at is not None and _negated_after(sentence, at):
        legs = False  # "win it without winning a game": the game is the negated clause's
    round_named = question.round is not None and question.round != RoundName.FINAL
    if test is Test.WON_TITLE:
        if legs:
            return Test.WON_LEG
        if obj is not None or round_named:
            return Test.WENT_THROUGH
        if question.round == RoundName.FINAL and not question.tournament:
            return Test.WENT_THROUGH
    if test is Test.LOST_LEG and not legs and (obj is not None or question.round is not None):
        return Test.WENT_OUT
    if at is not None and test is Test.WENT_THROUGH and _passive(sentence, at):
        test = Test.WENT_OUT  # "was Necaxa knocked out in the semis?": done to Necaxa
    knocked_out = at is not None and sentence.tokens[at].startswith(ELIMINATING)
    if legs and test in (Test.WENT_THROUGH, Test.WENT_OUT) and not knocked_out:
        # "Did UAT beat Tecos in the first leg?": that game, not the tie ("Mérida eliminó a la
        # UdeG con el 2-0 de la vuelta" still says the tie: a game knocks no one out).
        return Test.WON_LEG if test is Test.WENT_THROUGH else Test.LOST_LEG
    return test


ELIMINATING = ("elimin", "knock")
"""Verbs that put a club out of a tie, which a game alone never does."""


PASSIVE_AUXILIARIES = frozenset({"was", "were", "got", "get", "been", "fue", "fueron"})
PARTICIPLE_ENDINGS = ("ed", "en", "ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas")


def _passive(sentence: Sentence, at: int) -> bool:
    """Whether the verb at `at` is said in the passive, of the club before it: "was Necaxa
    knocked out", "Necaxa got eliminated", "¿Necaxa fue eliminado?". Its subject is the
    one the verb was done to."""
    tokens = sentence.tokens
    if not tokens[at].endswith(PARTICIPLE_ENDINGS):
        return False
    clubs = {start for start, _ in sentence.clubs_at()}
    before = at - 1
    if before in clubs or (before >= 0 and tokens[before] in PASSIVE_AUXILIARIES):
        # "Was Necaxa knocked", "Necaxa was knocked": the auxiliary, the club, the verb.
        aux = before - 1 if before in clubs else before
        return aux >= 0 and tokens[aux] in PASSIVE_AUXILIARIES
    return False


def _negated_after(sentence: Sentence, at: int) -> bool:
    """A negation of its own after the verb at `at` ("won it without winning a game"); not
    the one before it said again ("no ganaron ni un partido": "ni" repeats the "no")."""
    negations = sentence.operators(Operator.NEGATION)
    games = [m.start for m in sentence.marks(entity=True) if m.cue.entity is Entity.LEG]
    # "no ganaron ningún partido", "won no game": the game's own quantifier, not a clause
    after = [p for p in negations if 0 < p - at < NEAR and not any(0 < g - p <= 2 for g in games)]
    repeated = any(p < at for p in negations) and all(
        sentence.tokens[p] in REPEATED_NEGATION for p in after
    )
    return bool(after) and not repeated


REPEATED_NEGATION = frozenset({"ni", "nor"})


def claim_of(sentence: Sentence) -> Claim | None:
    """What the question says is so, if it says anything checkable."""
    for build in (
        _scorers_claim,  # "did any Tecos player score more than once?": not "Tecos scored"
        _date_claim,  # "¿el 0-0 Tecos UdeG fue el 7 de mayo?": the score picks the leg
        _venue_claim,
        _tournaments_claim,  # "¿hubo más 0-0 en el Clausura que en el Apertura?": not one 0-0
        _seed_compare_claim,  # "higher seeded than": the seeds, not two grounds
        _aggregate_claim,  # "drew on aggregate", "lost on aggregate": the tie's aggregate
        _score_claim,
        _legs_claim,
        _sides_scored_claim,
        _order_claim,
        _compare_claim,
        _bounded_claim,
        _table_each_claim,
        _member_claim,
        _top_scorer_claim,
        _ordered_goal_claim,
        _away_goal_claim,
        _multi_goal_claim,
        _goal_exists_claim,
        _rule_claim,
        _tie_claim,
        _rank_claim,
        _number_claim,
        _former_name_claim,
        _place_claim,
        _home_claim,
        _club_claim,
    ):
        claim = build(sentence)
        if claim is not None:
            return claim
    return None


LEG_TESTS = frozenset(
    {Test.DREW_LEG, Test.DRAWN, Test.GOALLESS, Test.HOME_WON, Test.AWAY_WON, Test.DECIDED}
)


def _venue_claim(sentence: Sentence) -> Claim | None:
    """Where a game was played, said: "¿la ida de la final del Apertura fue en el Estadio
    Jalisco?", "the clausura final 2nd leg was in Ciudad Victoria?", "UAT hosted the first
    leg?". A ground or a city is its club's; the claim: that club hosted a game picked."""
    question = sentence.question
    pick = question.leg
    picked = pick is not None and (pick.number is not None or pick.score is not None)
    scored = pick is not None and pick.score is not None
    # "¿Necaxa fue local en la vuelta contra Tecos?": two clubs that met in one tie name it
    one_tie = (
        len(question.clubs) == 2
        and len(
            scope_ties(
                sentence.lex.season,
                sentence.scope(clubs=tuple(question.clubs), leg=None, score=None),
            )
        )
        == 1
    )
    named = question.round is not None or bool(question.tournaments) or scored or one_tie
    if not picked or not named:
        return None
    main = _main_test(sentence)
    played = main is None or main.cue.test is Test.PLAYED
    venue = _town_said(sentence) if played and question.clubs else None
    assert pick is not None
    # "did udeg host the 2nd leg vs merida?", "¿el tecos fue local en la vuelta contra el
    # necaxa?": the first club named hosting that leg of their tie
    named_host = question.clubs[0] if question.clubs and sentence.has(*HOST_WORDS) else None
    host = pick.home or named_host
    hosting = len(question.clubs) == 2 and pick.number is not None and host is not None
    if (main is not None and main.cue.test is not Test.PLAYED) or (
        len(question.clubs) > 1 and venue is None and not hosting
    ):
        return None  # "Mérida beat UdeG 2-0 at home?": a result claimed, not a ground
    season = sentence.lex.season
    hosts: list[str] = []
    if hosting and venue is None and host is not None:
        hosted_by = sentence.scope(home=host, clubs=tuple(question.clubs))
        return Claim(ClaimKind.TEST, Query(Entity.LEG, hosted_by))
    if venue is not None:
        hosts = [venue]  # "¿el 5-0 de la UdeG fue en Mérida?": Mérida's town
    elif pick.home is not None:
        hosts = [pick.home]
    elif question.stadium is not None and not question.clubs:
        hosts = [club.id for club in season.clubs if club.stadium == question.stadium]
    elif pick.city is not None and not question.clubs:
        hosts = [club.id for club in season.clubs if club.city == pick.city]
    if len(hosts) != 1:
        return None
    # The other club named is a side of the game: "el 5-0 de la UdeG" is UdeG's game.
    sides = tuple(club for club in question.clubs if club != venue) if venue else ()
    hosted = sentence.scope(home=hosts[0], clubs=sides)
    return Claim(ClaimKind.TEST, Query(Entity.LEG, hosted))


PLAYED_IN = frozenset({"en", "in", "at"})
HOST_WORDS = ("local", "host", "hosted", "hosts", "home", "casa", "anfitrion")


def _town_said(sentence: Sentence) -> str | None:
    """A town named right after "en"/"in"/"at" ("¿fue en Mérida?", "…in Guadalajara?"): where
    a game is said to have been played, not a side of it. The club whose town it is (its
    id), when one club's alone."""
    clubs = sentence.lex.season.clubs
    for span in sentence.spans:
        if not span.start or sentence.tokens[span.start - 1] not in PLAYED_IN:
            continue
        towns = {target.value for target in span.of(Kind.CITY)}
        hosts = [club.id for club in clubs if club.city in towns]
        if len(hosts) == 1:
            return hosts[0]
    return None


def _legs_claim(sentence: Sentence) -> Claim | None:
    """Games said to be alike, or one of them: "were both legs draws?", "every 2nd leg was
    won by the home team?", "did either leg of the final have a winner?" (each leg of the
    scope, or some leg of it; a club named makes it that club's claim instead)."""
    question = sentence.question
    if question.clubs or question.players or question.subject is not None:
        return None
    tests = [m for m in sentence.marks(test=True) if m.cue.test in LEG_TESTS]
    legs_said = question.leg is not None or any(
        m.cue.entity is Entity.LEG for m in sentence.marks(entity=True)
    )
    each = sentence.operators(Operator.BOTH, Operator.EACH)
    some = sentence.operators(Operator.EITHER, Operator.SOME)
    if not tests or not legs_said or not (each or some):
        return None
    test = tests[0].cue.test
    assert test is not None
    sentence.honoured.update(each + some)
    _honour_negation_near(sentence, tests[0])
    scope = sentence.scope(score=None)
    query = Query(
        Entity.LEG, scope, conditions=(Condition(test), *_negated_clauses(sentence, tests[0]))
    )
    return Claim(ClaimKind.TEST, query, each=bool(each) and not some)


SIDE_NOUNS = frozenset(
    {"team", "teams", "side", "sides", "club", "clubs", "finalists"}
    | {"equipo", "equipos", "finalistas"}
)
"""The clubs that played the games said, as a quantifier says them ("both teams")."""


def _sides_scored_claim(sentence: Sentence) -> Claim | None:
    """ "Did both teams score in the 2nd leg?", "¿cada equipo anotó en la vuelta?", "did
    either team score…?", "only one team scored…?": the clubs that played the games said,
    each of them, some of them, or one alone, scoring there (at least once)."""
    question = sentence.question
    scored = [m for m in sentence.marks(test=True) if m.cue.test is Test.SCORED]
    if question.clubs or question.players or not scored or not sentence.has(*SIDE_NOUNS):
        return None
    if sentence.scope() == Scope():
        return None  # no games said: every club of the season
    tokens = sentence.tokens

    def of_sides(positions: list[int]) -> list[int]:
        # "both teams", "ambos equipos", "only one team": said of the sides, not of the
        # games ("did any team score in both finals?")
        return [p for p in positions if SIDE_NOUNS.intersection(tokens[p + 1 : p + 4])]

    each = of_sides(sentence.operators(Operator.BOTH, Operator.EACH))
    some = of_sides(sentence.operators(Operator.EITHER, Operator.SOME))
    only = of_sides(sentence.operators(Operator.ONLY))
    at_least = [p for p in sentence.operators(Operator.LESS) if tokens[p] == "least"]
    quantifiers = (Operator.BOTH, Operator.EACH, Operator.EITHER, Operator.SOME, Operator.ONLY)
    if not (each or some or only) or len(each + some + only) < len(
        sentence.operators(*quantifiers)
    ):
        return None  # a quantifier said of the games too: "any team … in both finals"
    sentence.honoured.update(each + some + only + at_least)
    sentence.bound_used |= bool(at_least) or sentence.reading.bound == "at_least"
    scope = sentence.scope(score=None)
    scorers = Query(Entity.CLUB, scope, conditions=(Condition(Test.SCORED),))
    if each:
        return Claim(ClaimKind.TEST, scorers, each=True)
    counted = replace(scorers, aggregation=Aggregation.COUNT)
    bound: Bound = "exactly" if only else "at_least"
    return Claim(ClaimKind.VALUE, counted, value=1, bound=bound)


def _quantified(sentence: Sentence) -> bool:
    """ "Both legs", "ambos partidos", "each game": the claim holds in each one."""
    each = sentence.operators(Operator.BOTH, Operator.EACH)
    sentence.honoured.update(each)
    some = sentence.operators(Operator.SOME, Operator.EITHER)
    sentence.honoured.update(some)
    return bool(each) or sentence.reading.both_legs


def _home_claim(sentence: Sentence) -> Claim | None:
    """Where a club plays, said: "Oaxaca plays at Estadio Benito Juárez, don't they?",
    "¿los Tecos juegan en Guadalajara?" (its stadium, or its city)."""
    question = sentence.question
    if not question.clubs and question.stadium is not None and question.city is not None:
        # "¿El Estadio Victoria es de Aguascalientes?": a ground's city, said.
        grounds = _grounds(sentence)
        query = Query(Entity.CLUB, named=grounds[:1])
        return Claim(ClaimKind.HOME, query, subject=question.city, event="city")
    if not question.clubs or len(question.clubs) > 2 or sentence.question.players:
        return None
    if len(question.stadiums) > 1:
        return None
    stadium = question.stadiums[0] if question.stadiums else None
    if stadium is not None and len(question.clubs) > 1:
        return None
    # "Tecos play in Guadalajara like UdeG, right?": said of each club named.
    query = Query(Entity.CLUB, named=tuple(question.clubs[:2]))
    if stadium is not None:
        return Claim(ClaimKind.HOME, query, subject=stadium, event="stadium")
    # A city said on its own, not a club's name that is also a city's ("Oaxaca").
    cities = [s for s in sentence.spans if s.of(Kind.CITY) and not s.of(Kind.CLUB)]
    if question.city is not None and cities and question.intent in (Intent.STADIUM, Intent.CLUB):
        return Claim(ClaimKind.HOME, query, subject=question.city, event="city")
    town = _club_town_again(sentence)
    if town is not None and len(question.clubs) == 1:
        return Claim(ClaimKind.HOME, query, subject=town, event="city")
    return None


TOWN_WORDS = PLAYED_IN | {"de", "from"}


def _club_town_again(sentence: Sentence) -> str | None:
    """A club's name that is also a town's, said again after "en"/"in"/"de"/"from" ("¿Mérida
    juega en Mérida?", "does celaya play in celaya"): the second time it is the town. Read
    as the club twice, the question asked whether Celaya played."""
    seen: set[str] = set()
    for span in sentence.spans:
        clubs = {target.value for target in span.of(Kind.CLUB)}
        towns = span.of(Kind.CITY)
        before = sentence.tokens[span.start - 1] if span.start else ""
        if towns and clubs & seen and before in TOWN_WORDS:
            return towns[0].value
        seen |= clubs
    return None


def _place_claim(sentence: Sentence) -> Claim | None:
    """A club said to be from a place the season does not name: "¿los Dorados son de
    Mazatlán?" (a town: No, Culiacán), "Delfines eran de Campeche?" (a state: Yes, Ciudad
    del Carmen is in it). Made only where the gazetteer settles it for every club named."""
    question = sentence.question
    places = _places_said(sentence)
    if len(places) != 1 or not question.clubs or len(question.clubs) > 2 or question.players:
        return None
    season = sentence.lex.season
    if any(is_from(season.club(club).city, places[0]) is None for club in question.clubs[:2]):
        return None  # a state asked of a town GeoNames does not know
    query = Query(Entity.CLUB, named=tuple(question.clubs[:2]))
    return Claim(ClaimKind.HOME, query, subject=places[0], event="place")


def _clubs_from_place(sentence: Sentence) -> Query | None:
    """ "Which clubs are from Jalisco?", "¿cuántos equipos de Jalisco jugaron el Clausura?":
    the clubs whose town is the place or in it. Made only where the gazetteer settles it
    for every club of the season (Ciudad Cooperativa Cruz Azul is no GeoNames town)."""
    question = sentence.question
    places = _places_said(sentence)
    clubs_asked = (
        sentence.reading.asks_who
        or Part.CLUBS in question.parts
        or any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
    )
    if len(places) != 1 or question.clubs or question.players or not clubs_asked:
        return None
    if any(is_from(club.city, places[0]) is None for club in sentence.lex.season.clubs):
        return None
    conditions = [Condition(Test.FROM_PLACE, place=places[0])]
    played = [m for m in sentence.marks(test=True) if m.cue.test is Test.PLAYED]
    if played or question.tournaments or question.round is not None:
        conditions.append(Condition(Test.PLAYED))  # "…jugaron el Clausura"
    counting = question.intent is Intent.COUNT or _asks_count(sentence)
    aggregation = Aggregation.COUNT if counting else Aggregation.LIST
    return Query(Entity.CLUB, sentence.scope(), tuple(conditions), aggregation=aggregation)


def _places_said(sentence: Sentence) -> list[str]:
    """The places the season does not name that the question names, folded."""
    return [t.value for span in sentence.spans for t in span.of(Kind.PLACE)]


def _places_unread(sentence: Sentence, found: Plan) -> list[str]:
    """A place the season does not name, which the plan does not check: "which clubs are
    from Jalisco?" answered as if it were not said would name every club."""
    claim, query = found.claim, found.query
    held = {claim.subject, claim.place} if claim is not None else set()
    if query is not None:
        held |= {c.place for c in query.conditions}
    return [
        " ".join(sentence.tokens[span.start : span.end])
        for span in sentence.spans
        if any(t.value not in held for t in span.of(Kind.PLACE))
    ]


def _former_name_claim(sentence: Sentence) -> Claim | None:
    """A club said to have been another before this season: "Delfines used to be Toros Neza,
    right?", "¿los Alebrijes antes eran el Tecamachalco?" (last season's name, from the
    changes)."""
    question = sentence.question
    if question.intent is not Intent.CHANGES or question.subject is None:
        return None
    if len(question.clubs) != 1 or _event_claimed(sentence, _main_test(sentence)) is not None:
        return None
    query = Query(Entity.CLUB, named=tuple(question.clubs[:1]))
    return Claim(ClaimKind.CHANGE, query, subject=question.subject)


FATE_TESTS = frozenset({Test.RELEGATED, Test.PROMOTED, Test.STAYED})
SCORE_NOUNS = frozenset({"score", "scores", "marcador", "resultado"})
AUXILIARIES = frozenset({"did", "does", "do", "didnt", "doesnt", "will", "can", "could"})


def _score_as_noun(sentence: Sentence, mark: Mark) -> bool:
    """ "Score of the Apertura final 2nd leg Necaxa vs UdeG?": "score" said of a match named
    (two clubs), with no "did" to make it a verb, is its result, not whether one scored."""
    word = sentence.tokens[mark.start]
    return (
        word in SCORE_NOUNS
        and mark.end - mark.start == 1
        and len(sentence.question.clubs) == 2
        and not sentence.has(*AUXILIARIES)
    )


def _meeting_claim(sentence: Sentence, subject: str, obj: str) -> Claim:
    """ "¿La final fue Tecos contra Necaxa?": each played it, against the other; "did
    necaxa and udeg meet in two finals?": how many ties they met in."""
    met = sentence.scope(clubs=(subject, obj))
    times = _bare_number(sentence)
    if times is not None and times > 1:
        ties = Query(Entity.TIE, replace(met, leg=None, score=None), aggregation=Aggregation.COUNT)
        return _value_claim(sentence, ties, float(times))
    played = Query(Entity.CLUB, met, conditions=(Condition(Test.PLAYED),))
    # "did necaxa and udeg meet in both liguillas?": in each of them
    each = bool(_quantified(sentence)) and len(met.tournaments) > 1
    return Claim(ClaimKind.TEST, played, subject=subject, others=(obj,), each=each)


def _club_claim(sentence: Sentence, alone: str | None = None) -> Claim | None:
    """What a club is said to have done; `alone`: said of that club only, the other club
    named being a second subject, not the object."""
    question = sentence.question
    mark = _main_test(sentence)
    subject, obj = _subject_and_object(sentence) if alone is None else (alone, None)
    if subject is None and question.subject is not None:
        return _former_club_claim(sentence, mark, question.subject)
    if question.subject is not None and alone is None and _event_claimed(sentence, mark):
        # "did irapuato get rebranded as zacatepec?": the old club's change, into the one
        # of this season named
        return _former_club_claim(sentence, mark, question.subject)
    # A player's club is known by his goals: "did Rangel play for UAT?" is settled by them.
    if question.players and (
        mark is None
        or mark.cue.test in (Test.SCORED, Test.PLAYED)
        or question.intent is Intent.PLAYER_GOALS
    ):
        return _player_claim(sentence, mark)
    if subject is None:
        return None
    fixture = (
        question.round is not None
        and _joined(sentence, MATCH_WORDS)
        and sentence.has(*COPULAS)  # "the final was X vs Y"; "agg of X vs Y in the QF?" asks
    )
    # "Did Necaxa face Tecos in the playoffs?", "¿Necaxa y Tecos se enfrentaron?": a meeting.
    met_said = Part.OPPONENT in question.parts and (mark is None or mark.cue.test is Test.PLAYED)
    # "did either Mérida or San Luis…": whether one did, no meeting of the two
    either = bool(sentence.operators(Operator.EITHER)) and _joined(sentence, OR_WORDS)
    if obj is not None and not either and ((mark is None and fixture) or met_said):
        return _meeting_claim(sentence, subject, obj)
    if obj is not None and (either or _joined(sentence)):
        # "UdeG and Tecos both won titles?": two subjects, the same claim of each.
        first = _club_claim(sentence, alone=subject)
        if first is not None and first.subject == subject:
            return _said_of_two(sentence, first, obj, either=either)
    test = mark.cue.test if mark is not None else _test_of_intent(question)
    if test is None or test in TIE_TESTS:
        return None
    test = _resolved_test(sentence, test, obj, mark.start if mark is not None else None)
    _honour_negation_near(sentence, mark)
    clubs = (subject, obj) if obj is not None else ()
    if test in (Test.PROMOTED, Test.RELEGATED) and _changes_asked(sentence, subject):
        event = _event_claimed(sentence, mark)
        if event is not None:
            return _change_claim(sentence, subject, event)
    test = _stayed_said(sentence, test)
    # "¿Zacatepec se quedó comprando a Cruz Azul Hidalgo?": a club's fate is the season's,
    # whoever else is named; never a meeting of the two.
    scope = _bye_to(sentence, test, sentence.scope(clubs=() if test in FATE_TESTS else clubs))
    if test is Test.BYE and (scope.leg is not None or scope.home or scope.away):
        # "UAT was the top seed, so they hosted the 2nd leg of the final?": a round skipped
        # has no leg; the leg is another claim's, never checked as a bye of that round.
        return None
    reached = _reached_round(sentence)
    if reached is not None and test in (Test.PLAYED, Test.WENT_THROUGH):
        # "¿Los Dorados llegaron a semis?": they played the semis (a bye counts), which the
        # slots read as the tie that sent them there.
        test, scope = Test.PLAYED, replace(scope, round=reached)
    if test is Test.WON_TITLE and Part.LOSER in question.parts and mark is None:
        # "¿Fue Necaxa subcampeón del Apertura?": lost the final, not won the title.
        test = Test.WENT_OUT
        scope = Scope(tournaments=scope.tournaments, round=RoundName.FINAL)
    if test is Test.WON_TITLE:
        scope, titled = _titles_claimed(sentence, scope, subject)
        if titled is not None:
            return titled
    games = _games_numbered(sentence)  # "¿anotó en los dos partidos?": in each of them
    number = None if games or one_game_said(sentence.tokens) else _bare_number(sentence)
    if test is Test.SCORED and number is not None:
        # "¿le metió 7 al Delfines?": how many, not whether.
        query = Query(
            Entity.CLUB, scope, aggregation=Aggregation.SUM, measure=Measure.GOALS, named=(subject,)
        )
        return _value_claim(sentence, query, float(number), subject=subject)
    # "¿UdeG jugó las finales del Apertura y del Clausura?": each tournament joined by "y".
    each = _quantified(sentence) or games or _tournaments_joined(sentence, scope)
    test = _of_each_game(sentence, test, each=bool(each), obj=obj)
    only = [p for p in sentence.operators(Operator.ONLY) if _sole(sentence, p)]
    sentence.honoured.update(only)  # "¿UdeG fue el único que subió?": no other passes
    negated = _said_negated(sentence, mark)
    conditions = (Condition(test, negated=negated), *_negated_clauses(sentence, mark))
    if len(conditions) > 1 and test is Test.WON_TITLE:
        scope = sentence.scope(clubs=clubs)  # the other conditions look at the games
    query = Query(Entity.CLUB, scope, conditions=conditions)
    return Claim(ClaimKind.TEST, query, subject=subject, each=each, only=bool(only))


def _title_object(sentence: Sentence, at: int | None) -> bool:
    """The tournament is what the verb at `at` won ("win the apertura", "ganó el
    Apertura"), not where games were won ("won away in the apertura liguilla")."""
    if at is None:
        return False
    for span in sentence.spans:
        if span.of(Kind.TOURNAMENT) and 0 < span.start - at <= 2:
            between = sentence.tokens[at + 1 : span.start]
            return not IN_WORDS.intersection(between) and not sentence.has(*LIGUILLA_WORDS)
    return False


def _titles_claimed(sentence: Sentence, scope: Scope, subject: str) -> tuple[Scope, Claim | None]:
    """A title claimed: the tournament's (its scope), and the claim where it is more than
    that: of each tournament ("won both the Apertura and the Clausura?"), or won at home or
    away ("did udeg win the apertura at home?": the final's second leg, where it was won)."""
    question = sentence.question
    title = Condition(Test.WON_TITLE)
    scope = Scope(tournaments=scope.tournaments)
    if len(question.tournaments) > 1 or _quantified_tournaments(sentence):
        titles = tuple(question.tournaments) or tuple(
            c.id for c in sentence.lex.season.competitions if c.kind == "liguilla"
        )
        query = Query(Entity.CLUB, Scope(tournaments=titles), conditions=(title,))
        return scope, Claim(ClaimKind.TEST, query, subject=subject, each=True)
    picked = question.leg
    if picked is not None and picked.number is None and (picked.home or picked.away):
        won_at = Scope(
            scope.tournaments, RoundName.FINAL, leg=2, home=picked.home, away=picked.away
        )
        where = Condition(Test.PLAYED, scope=won_at)
        return scope, Claim(ClaimKind.TEST, Query(Entity.CLUB, scope, (title, where)), subject)
    return scope, None


def _said_of_two(sentence: Sentence, first: Claim, obj: str, *, either: bool) -> Claim:
    """The claim said of the first club, said of the second too: of each ("both"), or of
    either one ("either … or", "¿… o …?")."""
    said = (Operator.EITHER, Operator.SOME) if either else (Operator.BOTH, Operator.EACH)
    sentence.honoured.update(sentence.operators(*said))
    return replace(first, others=(obj,), each=False, either=either)


OR_WORDS = frozenset({"or", "o", "u", "nor"})


def _stayed_said(sentence: Sentence, test: Test) -> Test:
    """ "¿Zacatepec se quedó en la liga aunque descendió?": staying said of a club's fate is
    what is claimed, not the fall."""
    stayed = sentence.has("quedaron", "quedo", "stay", "stayed", "still", "siguio", "sigue")
    if Part.FATE in sentence.question.parts and test is Test.RELEGATED and stayed:
        return Test.STAYED
    return test


def _of_each_game(sentence: Sentence, test: Test, *, each: bool, obj: str | None) -> Test:
    """ "Did Oaxaca beat UdeG in both legs?": getting past a tie, said of each of its games,
    is winning each; "did Oaxaca ever beat UdeG?": winning some game they played."""
    if test is Test.WENT_THROUGH and obj is not None and not each and sentence.has(*EVER_WORDS):
        return Test.WON_LEG
    legs_said = any(m.cue.entity is Entity.LEG for m in sentence.marks(entity=True))
    return TIE_TO_GAME.get(test, test) if each and legs_said else test


TIE_TO_GAME = {Test.WENT_THROUGH: Test.WON_LEG, Test.WENT_OUT: Test.LOST_LEG}
"""What getting past (or out of) a tie is, said of each of its games."""
SOLE_AFTER = frozenset({"team", "club", "one", "side", "equipo", "que", "uno"})
ONE_WORDS = frozenset({"one", "uno", "un", "una"})
COUNTED = frozenset({"game", "games", "match", "matches", "partido", "partidos", "juego", "juegos"})
COUNTED_CLUBS = frozenset({"team", "club", "side", "equipo"})
"""Clubs counted by "only one", where what they did is counted of clubs ("only one team
went down"); "only one team scored in the first leg" is a claim of goals, not a count."""


def _sole(sentence: Sentence, position: int) -> bool:
    """ "The only team", "el único que": "only" says the subject alone passes. Before a verb
    or a number it limits something else ("only lost one game"), which this is not."""
    tokens = sentence.tokens
    after = tokens[position + 1] if position + 1 < len(tokens) else ""
    before = tokens[position - 1] if position > 0 else ""
    if position + 1 == _one_counted(sentence):
        return False  # "lost only one game": how many games, not who alone lost one
    return after in SOLE_AFTER or before in ARTICLES


EVER_WORDS = ("ever", "nunca", "alguna")
ROUND_WORDS = ("rounds", "round", "rondas", "ronda", "fases", "fase", "eliminatorias")
ORDER_WORDS = ("before", "after", "antes", "despues", "earlier", "later", "first", "primero")
"""Words that set two players' goals in order: no claim of one player's goals reads them."""


def _player_claim(sentence: Sentence, mark: Mark | None) -> Claim | None:
    """What a player is said to have done: settled by his goals."""
    question = sentence.question
    if len(set(question.players)) > 1 and sentence.has(*ORDER_WORDS):
        return None  # "did alatorre score before bueno?": an order, no claim of one's goals
    # "…vs San Luis": the games against a club; "for UdeG" says his side instead. "Al 63":
    # the goal claimed is that minute's.
    against = tuple(c for c in question.clubs[:2] if c != _side(sentence))
    scope = sentence.scope(clubs=against, minute=_minute_named(sentence))
    query = Query(Entity.GOAL, scope, players=question.players)
    braces = [m.cue.cardinal for m in sentence.reading.marks if m.cue.measure is Measure.GAME_GOALS]
    if braces:
        # "¿Prieto hizo doblete vs UAT?": his goals in a game where he scored so many.
        many = float(braces[0] or 2)
        bound = Condition(Test.SCORED, measure=Measure.GAME_GOALS, value=many, bound="at_least")
        query = replace(query, conditions=(bound,))
    _honour_negation_near(sentence, mark)
    all_goals = _all_his_goals(sentence, query)
    if all_goals is not None:
        return all_goals
    # "Did J. Gutiérrez score in both legs?": in each leg (or each tournament named).
    each = _quantified(sentence)
    # "Only Lojero scored for Necaxa vs San Luis?": every goal of the scope was his.
    starts = [s.start for s in sentence.spans if s.of(Kind.PLAYER)]
    only = [p for p in sentence.operators(Operator.ONLY) if p + 1 in starts]
    sentence.honoured.update(only)
    if only:
        query = replace(query, side=_side(sentence))
    # A brace's "2" is goals in one game, not his goals in the scope; "los dos partidos" is
    # each of two games.
    games = _games_numbered(sentence)
    each = each or games
    tally = not (each or only or braces or scope.minute is not None)
    goals = _bare_number(sentence) if tally else None
    subject = question.players[0]
    if goals is not None:
        # "¿Santoya le metió 2 a UAT?": so many goals, not just one at least.
        counted = replace(query, aggregation=Aggregation.COUNT, players=(subject,))
        return Claim(ClaimKind.VALUE, counted, subject=subject, value=float(goals))
    # "en todos los partidos", "in both ties": each game or tie, not each leg number
    each_of = None
    if each and not games:
        entities = {m.cue.entity for m in sentence.marks(entity=True)}
        if sentence.has(*ROUND_WORDS):
            entities.add(Entity.TIE)  # "¿marcó en todas las rondas?": each tie he played
        each_of = next((e for e in (Entity.TIE, Entity.LEG) if e in entities), None)
    return Claim(
        ClaimKind.TEST, query, subject=subject, each=each, only=bool(only), each_of=each_of
    )


def _all_his_goals(sentence: Sentence, query: Query) -> Claim | None:
    """ "¿Ambos goles de Prieto fueron en la vuelta vs UAT?", "were all of Lojero's goals in
    the Apertura?": "both" or "all" said of his goals, not of the games. Every goal of his
    was in the part of the scope said: as many there as without it."""
    tokens = sentence.tokens

    def his(p: int) -> bool:  # the first name after "both" is the player's, close by
        after = sorted((span for span in sentence.spans if span.start > p), key=attrgetter("start"))
        return bool(after) and bool(after[0].of(Kind.PLAYER)) and after[0].start <= p + 4

    quantified = [
        p
        for p in sentence.operators(Operator.BOTH, Operator.EACH)
        if any(t in GOAL_NOUNS for t in tokens[p + 1 : p + 5]) and his(p)
    ]
    narrowed = query.scope
    if not quantified:
        return None
    # The narrowest part said is where the goals are claimed to be; the rest says whose
    # goals ("his goals in the Apertura final, in the first leg").
    if narrowed.leg is not None:
        broad = replace(narrowed, leg=None)
    elif narrowed.round is not None:
        broad = replace(narrowed, round=None)
    elif narrowed.tournaments:
        broad = replace(narrowed, tournaments=())
    else:
        return None
    total = len(result_rows(run(sentence.lex.season, replace(query, scope=broad))))
    if not total:
        return None  # no goal of his at all: the claim that he scored settles it
    sentence.honoured.update(quantified)
    counted = replace(query, aggregation=Aggregation.COUNT)
    subject = query.players[0] if query.players else None
    return Claim(ClaimKind.VALUE, counted, subject=subject, value=float(total))


def _games_numbered(sentence: Sentence) -> bool:
    """The games said with their number ("en los dos partidos", "the 2 games"): each of
    them, neither goals nor a count ("ganó 2 partidos" counts the games it won)."""
    tokens = sentence.tokens
    return any(
        0 < i < len(tokens) - 1 and tokens[i - 1] in THE_WORDS and tokens[i + 1] in GAME_WORDS
        for i in _numbers_at(sentence)
    )


def _numbers_at(sentence: Sentence) -> set[int]:
    """Where a number is said, in digits or a word ("2", "dos")."""
    numbered = {m.start for m in sentence.reading.marks if m.cue.cardinal}
    one = _one_counted(sentence)
    numbered |= {one} if one is not None else set()
    return numbered | {i for i, token in enumerate(sentence.tokens) if token.isdigit()}


THE_WORDS = frozenset({"los", "las", "the", "both", "ambos"})


def _reached_round(sentence: Sentence) -> RoundName | None:
    """The round a club is said to have reached ("llegaron a semis", "made the final")."""
    for span in sentence.spans:
        rounds = span.of(Kind.ROUND)
        if (
            rounds
            and not span.of(Kind.TOURNAMENT)
            and reached(sentence.tokens, span.start, sentence.lex, sentence.spans)
        ):
            return RoundName(rounds[0].value)
    return None


def _change_claim(sentence: Sentence, subject: str, event: str) -> Claim:
    """A change claimed of a club; moving, with where to ("se mudaron a Ciudad del Carmen"):
    a city named is where it moved, which the claim then checks."""
    cities = [
        (span.of(Kind.CITY) or span.of(Kind.PLACE))[0].value
        for span in sentence.spans
        if span.of(Kind.CITY) or span.of(Kind.PLACE)
    ]
    place = cities[0] if event == ChangeEvent.MOVED.value and cities else None
    division = None
    moves = (ChangeEvent.PROMOTED.value, ChangeEvent.RELEGATED.value)
    for span in sentence.spans if event in moves else ():
        for target in span.of(Kind.DIVISION)[:1]:
            # "relegated to the Segunda", "subió de la Segunda": which end of the move
            before = sentence.tokens[max(0, span.start - 3) : span.start]
            way = next((DIRECTION[t] for t in reversed(before) if t in DIRECTION), "")
            division = (target.value, way)
    moved = event == ChangeEvent.MOVED.value  # "moved to oaxaca": the town, not the club
    became = () if moved else tuple(c for c in sentence.question.clubs if c != subject)
    return Claim(
        ClaimKind.CHANGE,
        Query(Entity.CLUB, named=became),
        subject=subject,
        event=event,
        place=place,
        division=division,
    )


DIRECTION = {
    "to": "to", "into": "to", "a": "to", "al": "to", "hasta": "to",
    "from": "from", "de": "from", "del": "from", "desde": "from",
}  # fmt: skip
"""The word before a division that says which end of a move it is."""


def _former_club_claim(sentence: Sentence, mark: Mark | None, subject: str) -> Claim | None:
    """ "La Piedad went up before this season?": a club known from last season's changes."""
    # "Querétaro had an Ascenso team?" asks whether it had one, ever ("Ascenso" the league,
    # not a promotion): not whether it played this season ("…in the Ascenso this season?").
    owned = (
        sentence.has("team", "squad", "equipo")
        and sentence.has("had", "have", "has", "tenia", "tuvo")
        and not sentence.has("season", "temporada", "year", "ano")
    )
    if owned:
        return None  # its changes say what became of that team
    event = _event_claimed(sentence, mark)
    if event is not None:
        return _change_claim(sentence, subject, event)
    league = sentence.has(*LEAGUE_WORDS) or any(span.of(Kind.LEAGUE) for span in sentence.spans)
    if (mark is not None and mark.cue.test in (Test.PLAYED, Test.STAYED)) or (
        mark is None and league and sentence.has(*COPULAS, "have") and not owned
    ):
        # "Did Pumas Morelos play this season?", "¿Pumas Morelos siguió en el Ascenso?",
        # "was Pumas Morelos in the Ascenso?": a club gone before it did not.
        _honour_negation_near(sentence, mark)
        query = Query(Entity.CLUB, conditions=(Condition(Test.PLAYED),))
        return Claim(ClaimKind.TEST, query, subject=subject)
    if mark is not None and mark.cue.test is not None:
        # "¿Querétaro quedó campeón del Apertura?": a club gone before did nothing in it.
        _honour_negation_near(sentence, mark)
        query = Query(Entity.CLUB, sentence.scope(), conditions=(Condition(mark.cue.test),))
        return Claim(ClaimKind.TEST, query, subject=subject)
    return None


JOIN_WORDS = frozenset({"and", "y", "e", "&"})
"""Words that join two names or two questions ("UdeG y Tecos")."""
LEAGUE_WORDS = frozenset({"ascenso", "league", "liga", "season", "temporada"})
"""Being in the league this season: "was Pumas Morelos in the Ascenso this season?"."""


def _joined(sentence: Sentence, words: Collection[str] = JOIN_WORDS) -> bool:
    """Two clubs named with only "and"/"y" (or one of `words`) between them: said together
    ("UdeG y Tecos")."""
    spans = sorted((s for s in sentence.spans if s.of(Kind.CLUB)), key=lambda s: s.start)
    if len(spans) != 2:
        return False
    between = sentence.tokens[spans[0].end : spans[1].start]
    return len(between) == 1 and between[0] in words


MATCH_WORDS = frozenset({"vs", "v", "contra", "against", "versus", "ante"})
"""Between two clubs, a match: "the final was Tecos vs Necaxa?" says both played it."""


def _bare_number(sentence: Sentence) -> int | None:
    """A small number said alone ("le metió 7"): not a score, a year, a minute or a rank."""
    tokens = sentence.tokens
    question = sentence.question
    if question.leg is not None and question.leg.score is not None:
        return None
    named = sentence.named_at()
    for i, token in enumerate(tokens):
        if not _NUMBER.match(token) or not 0 < int(token) <= 20 or i in named:
            continue
        beside = tokens[max(0, i - 1) : i + 2]
        if any(word.isdigit() and word != token for word in beside):
            continue
        if any(word in ("min", "minute", "minuto", "lugar", "rank", "place") for word in beside):
            continue
        return int(token)
    return 1 if _one_counted(sentence) is not None else _cardinal(sentence)


def _one_counted(sentence: Sentence) -> int | None:
    """Where "only one game", "solo (perdió) un partido" says its one: a count of exactly
    one. Without "only", "un partido" is as often "a game" as "one game", so it is none."""
    tokens = sentence.tokens
    tests = {m.cue.test for m in sentence.marks(test=True)}
    nouns = COUNTED | (COUNTED_CLUBS if tests & COUNTED_CLUB_TESTS else frozenset())
    for p in sentence.operators(Operator.ONLY):
        for i in (p + 1, p + 2):
            # "only one game", "only one playoff game": a word may say which games
            counted = set(tokens[i + 1 : i + 3]) & nouns
            if i + 1 < len(tokens) and tokens[i] in ONE_WORDS and counted:
                return i
    return None


def _event_claimed(sentence: Sentence, mark: Mark | None) -> str | None:
    """The change event a question says happened: from a test ("went up") or the phrase's
    own event ("came up from")."""
    tests = {Test.PROMOTED: "promoted", Test.RELEGATED: "relegated"}
    if mark is not None and mark.cue.test in tests:
        return tests[mark.cue.test]
    for found in sentence.reading.marks:
        if found.cue.event is not None:
            return found.cue.event.value
    return None


def _quantified_tournaments(sentence: Sentence) -> bool:
    both = sentence.operators(Operator.BOTH, Operator.EACH)
    if both and sentence.has("tournaments", "torneos", "titles", "titulos"):
        sentence.honoured.update(both)
        return True
    return False


def _changes_asked(sentence: Sentence, subject: str) -> bool:
    """ "Ballenas came up from the Segunda": last season's change, not this season's."""
    question = sentence.question
    season = sentence.lex.season
    changed = any(change.club == subject for change in season.changes)
    return changed and (question.division is not None or question.intent is Intent.CHANGES)


def _test_of_intent(question: Question) -> Test | None:
    return {
        Intent.CHAMPION: Test.WON_TITLE,
        Intent.PROMOTED: Test.PROMOTED,
        Intent.RELEGATED: Test.RELEGATED,
        Intent.PATH: Test.PLAYED,
    }.get(question.intent)


def _honour_negation_near(sentence: Sentence, mark: Mark | None) -> None:
    """A yes/no question's "didn't"/"no" before its verb is its form, not what it asks
    ("didn't UdeG win it?" asks whether they won). A negation after the verb ("…without
    winning a game") is a condition of its own (`_negated_clauses`), never this."""
    for position in sentence.operators(Operator.NEGATION):
        if mark is None or 0 <= mark.start - position <= NEAR:
            sentence.honoured.add(position)


def _said_negated(sentence: Sentence, mark: Mark | None) -> bool:
    """ "Necaxa never lost a game, right?", "UdeG didn't lose any game?": a negation after
    the subject and before its verb is what is claimed, not the question's form ("didn't
    UdeG win it?" opens with it). The negation is read (`_honour_negation_near` has honoured
    it either way)."""
    if mark is None:
        return False
    named = [span.start for span in sentence.spans if span.of(Kind.CLUB) or span.of(Kind.PLAYER)]
    negations = [p for p in sentence.operators(Operator.NEGATION) if 0 <= mark.start - p <= NEAR]
    # "Never" is no question's form: "¿nunca perdió la UdeG de local?" claims it never did.
    never = any(sentence.tokens[p] in NEVER_WORDS for p in negations)
    # "¿Ninguno de Tecos y UAT jugó la final?", "none of X and Y…": said of each one named.
    tokens = sentence.tokens
    none_of = any(
        tokens[p] in NONE_WORDS | {"neither"}
        and tokens[p + 1 : p + 2] in (["de"], ["of"])
        and p + 2 in named
        for p in sentence.operators(Operator.NEGATION)
        if p < mark.start
    )
    return never or none_of or any(any(start < p for start in named) for p in negations)


NEVER_WORDS = frozenset({"never", "nunca", "jamas"})


def _negated_clauses(sentence: Sentence, mark: Mark | None) -> list[Condition]:
    """ "…without winning a single game", "…sin perder": the tests a negation after the main
    verb applies to, each a condition the claim must also meet."""
    if mark is None:
        return []
    found = []
    for position in sentence.operators(Operator.NEGATION):
        if position <= mark.start:
            continue
        for other in sentence.marks(test=True):
            test = other.cue.test
            if other is mark or test is None or not 0 < other.start - position <= NEAR:
                continue
            if test is Test.WON_TITLE:
                test = Test.WON_LEG  # "without winning a game"
            found.append(Condition(test, negated=True))
            sentence.honoured.add(position)
            break
    sentence.honoured.update(_same_negation(sentence, sentence.honoured))
    return found


def _same_negation(sentence: Sentence, used: Collection[int]) -> set[int]:
    """Words that say a negation again, beside one a plan used: "no perdió ni un partido",
    "neither… nor", and "sin perder un solo partido" ("solo" after it: "a single", never
    "only" before it, which is an operator of its own)."""
    again = {
        p for p in sentence.operators(Operator.NEGATION) if any(abs(p - u) <= NEAR for u in used)
    }
    return again | {
        p for p in sentence.operators(Operator.ONLY) if any(0 < p - u <= NEAR for u in used)
    }


def _score_claim(sentence: Sentence) -> Claim | None:
    question = sentence.question
    if question.leg is None or question.leg.score is None:
        return None
    if question.players:
        return None  # "The 4-1: was Lojero's goal in the 90th?": the score names the game
    clubs = tuple(question.clubs[:2])
    if any(m.cue.test is Test.PENALTIES for m in sentence.marks(test=True)):
        # "Tecos won the final 4-3 on penalties?": the shootout's score, of the tie.
        scope = sentence.scope(clubs=clubs, leg=None, score=None)
        shootout = Query(Entity.TIE, scope, conditions=(Condition(Test.PENALTIES),))
        winner = _winner_said(sentence)
        return Claim(ClaimKind.SCORE, shootout, subject=winner, score=question.leg.score)
    entity = Entity.LEG
    legs = _legs(sentence, clubs)
    if (
        legs
        and question.leg.number is None  # "¿la vuelta terminó 2-1?": that game's score
        and not any(sorted(leg.score) == sorted(question.leg.score) for leg in legs)
        and _tie_has(sentence, clubs)
    ):
        entity = Entity.TIE
    if sentence.has(*AGGREGATE_WORDS) and question.leg.number is None:
        entity = Entity.TIE  # "beat Necaxa 2-0 on agg?": the tie's aggregate, whatever it was
    scope = sentence.scope(clubs=clubs, score=None)
    counted = _cardinal(sentence)
    if counted is not None:
        # "were there four 0-0s?": how many games ended so, not whether one did.
        scored = replace(scope, score=question.leg.score)
        query = Query(Entity.LEG, scored, aggregation=Aggregation.COUNT)
        return _value_claim(sentence, query, float(counted))
    every = _every_score(sentence, question.leg.score, clubs)
    if every is not None:
        return every
    each = _quantified(sentence)
    winner = _winner_said(sentence)
    return Claim(
        ClaimKind.SCORE, Query(entity, scope), subject=winner, score=question.leg.score, each=each
    )


def _every_score(
    sentence: Sentence, score: tuple[int, int], clubs: tuple[str, ...]
) -> Claim | None:
    """ "Did Tecos play in every 0-0 of the playoffs?": "every" said of the score, not of
    the club's games. Every game that ended so was the club's: as many of its own as of all."""
    tokens = sentence.tokens
    said = [
        p
        for p in sentence.operators(Operator.EACH)
        if any(t.isdigit() for t in tokens[p + 1 : p + 3])
    ]
    if not said or len(clubs) != 1:
        return None
    sentence.honoured.update(said)
    everyone = sentence.scope(clubs=(), score=score)
    total = len(result_rows(run(sentence.lex.season, Query(Entity.LEG, everyone))))
    if not total:
        return None
    own = Query(Entity.LEG, replace(everyone, clubs=clubs), aggregation=Aggregation.COUNT)
    return Claim(ClaimKind.VALUE, own, subject=clubs[0], value=float(total))


AGGREGATE_WORDS = frozenset({"agg", "aggregate", "global", "agregado"})
LOSING_TESTS = frozenset({Test.LOST_LEG, Test.WENT_OUT})
GAME_RESULT = {
    **dict.fromkeys(WIN_TESTS, Test.WON_LEG),
    **dict.fromkeys(LOSING_TESTS, Test.LOST_LEG),
    Test.DREW_LEG: Test.DREW_LEG,
    Test.DRAWN: Test.DREW_LEG,
}
"""What a club did in a game, said with any word of winning, losing or drawing."""


def _winner_said(sentence: Sentence) -> str | None:
    """Who a score claim says won: "did Mérida beat UdeG 5-0?" (Mérida), "UdeG lost 2-0 to
    Mérida?" (Mérida). A score said with no winner ("was it 5-0?") holds either way round."""
    mark = _main_test(sentence)
    if mark is None or _said_negated(sentence, mark):
        return None
    subject, obj = _subject_and_object(sentence)
    if mark.cue.test in WIN_TESTS:
        return subject
    if mark.cue.test in LOSING_TESTS:
        return obj
    return None


def _conceded(sentence: Sentence) -> bool:
    return any(m.cue.test is Test.CONCEDED for m in sentence.marks(test=True))


def _cardinal(sentence: Sentence) -> int | None:
    """A number written as a word ("four", "cuatro"): never part of a score or a date."""
    return next((m.cue.cardinal for m in sentence.reading.marks if m.cue.cardinal), None)


def _legs(sentence: Sentence, clubs: tuple[str, ...]) -> list[Leg]:
    from knowledge.plans.execute import scope_legs

    return [
        row.leg for row in scope_legs(sentence.lex.season, sentence.scope(clubs=clubs, score=None))
    ]


def _tie_has(sentence: Sentence, clubs: tuple[str, ...]) -> bool:
    question = sentence.question
    assert question.leg is not None and question.leg.score is not None
    ties = scope_ties(sentence.lex.season, sentence.scope(clubs=clubs, score=None, leg=None))
    return any(sorted(t.outcome.aggregate) == sorted(question.leg.score) for t in ties)


def _date_claim(sentence: Sentence) -> Claim | None:
    """A date said: a leg's ("was the final's 2nd leg on nov 30?"), or a tournament's or the
    season's start or end ("¿el Apertura empezó el 19 de julio?")."""
    months = sentence.lex.vocabulary.months
    tokens = sentence.tokens
    question = sentence.question
    named = sentence.named_at()
    for i, token in enumerate(tokens):
        month = months.get(token)
        if month is None or i in named:  # "Estadio 10 de Diciembre" is a name, not a date
            continue
        for j in (i - 1, i + 1, i - 2, i + 2):
            if 0 <= j < len(tokens) and tokens[j].isdigit() and 1 <= int(tokens[j]) <= 31:
                scope = sentence.scope(clubs=tuple(question.clubs[:2]))
                edge = question.date_part if question.round is None and not question.clubs else None
                if edge is not None and not _edge_known(sentence, scope):
                    return None  # "¿el Clausura empezó…?": the source gives it no dates
                return Claim(
                    ClaimKind.DATE,
                    Query(Entity.LEG, scope),
                    day=int(tokens[j]),
                    month=month,
                    event=edge,
                    days=_days_joined(tokens, j),
                )
        edge = question.date_part if question.round is None and not question.clubs else None
        after = [t for t in tokens[i + 1 : i + 3] if t not in ("de", "of")][:1]
        year = int(after[0]) if after and after[0].isdigit() else None
        year = year if year in sentence.lex.season_years else None
        if edge is not None and _edge_known(sentence, sentence.scope()):
            # "Did the Apertura kick off in August 2013?": a month (and year) said alone.
            return Claim(
                ClaimKind.DATE,
                Query(Entity.LEG, sentence.scope()),
                month=month,
                event=edge,
                year=year,
            )
        if edge is None and (question.round is not None or len(question.clubs) == 2):
            # "¿la final de ascenso se jugó en abril?": its games, each in that month
            games = sentence.scope(clubs=tuple(question.clubs[:2]))
            return Claim(ClaimKind.DATE, Query(Entity.LEG, games), month=month, year=year)
    return None


def _edge_known(sentence: Sentence, scope: Scope) -> bool:
    """Whether the data dates the tournament named (or, none named, the season)."""
    named = [c for c in sentence.lex.season.competitions if c.id in scope.tournaments[:1]]
    return all(c.start_date is not None and c.end_date is not None for c in named)


def _days_joined(tokens: list[str], at: int) -> tuple[int, ...]:
    """More days of the month said with the one at `at`: "the 20 and 23 november", "el 16 y
    el 19 de abril"."""
    found = []
    for step in (-1, 1):
        i = at
        while 0 <= i + 2 * step < len(tokens) and tokens[i + step] in JOIN_WORDS:
            j = i + 2 * step
            if tokens[j] in ("el", "the") and 0 <= j + step < len(tokens):
                j += step
            if not (tokens[j].isdigit() and 1 <= int(tokens[j]) <= 31):
                break
            found.append(int(tokens[j]))
            i = j
    return tuple(found)


def _compare_claim(sentence: Sentence) -> Claim | None:
    """Two grounds set side by side: "is the Victoria bigger than the Jalisco?", "oaxaca's
    ground holds more than uat's?"."""
    question = sentence.question
    reading = sentence.reading
    more = sentence.operators(Operator.MORE, Operator.LESS)
    grounds_talk = reading.stadium_word or reading.capacity_said
    than = reading.extreme is not None and _than_between_clubs(sentence)  # "más … que el de"
    bounded = grounds_talk and (bool(more) or reading.bound in ("above", "below") or than)
    if Part.COMPARE not in question.parts and not bounded:
        return None
    said = any(m.cue.entity is Entity.LEG or m.cue.measure is Measure.GOALS for m in reading.marks)
    if said and not grounds_talk:
        return None  # "did udeg play more playoff games than tecos": games, not grounds
    named = _grounds(sentence)
    if len(named) != 2:
        return None
    less = bool(sentence.operators(Operator.LESS)) or reading.bound == "below"
    sentence.honoured.update(more)
    sentence.bound_used |= bounded
    kind = ClaimKind.LESS if reading.extreme == "smallest" or less else ClaimKind.MORE
    query = Query(
        Entity.STADIUM, aggregation=Aggregation.COMPARE, measure=Measure.CAPACITY, named=named
    )
    return Claim(kind, query)


def _order_claim(sentence: Sentence) -> Claim | None:
    """Two named set side by side: "X finished below Y in the table?", "¿el Dorados quedó
    arriba del Celaya?", "did Necaxa score more goals than Delfines?"."""
    question = sentence.question
    said, lower = _table_direction(sentence)
    if said and len(question.clubs) == 2 and _tabled(sentence):
        # Higher in the relegation table is a higher ratio: the table is ranked by it.
        sentence.honoured.update(said)
        sentence.bound_used = True
        query = Query(
            Entity.TABLE_ROW,
            aggregation=Aggregation.COMPARE,
            measure=_table_measure(sentence) or Measure.RATIO,
            named=tuple(question.clubs[:2]),
        )
        return Claim(ClaimKind.LESS if lower else ClaimKind.MORE, query)
    compared = _comparison(sentence)
    if compared is None or len(compared.named) != 2:
        return None
    return Claim(ClaimKind.LESS if _lower_said(sentence) else ClaimKind.MORE, compared)


TABLE_WORDS = frozenset({"table", "tabla", "standings", "posiciones"})
"""Words for a table of clubs: the only one the season holds in full is the relegation table."""


def _tabled(sentence: Sentence) -> bool:
    """The relegation table is meant: said by name, or "the table" with no tournament named
    (a tournament's own table is not in the data; its seeds are, and are read apart)."""
    if sentence.reading.ratio_word:
        return True
    return sentence.has(*TABLE_WORDS) and not sentence.question.tournaments


def _lower_said(sentence: Sentence) -> bool:
    """Whether the first named is said to be below the second: "less", "fewer" before any
    "more", or a smallest said with no "more" ("menos goles que")."""
    less = sentence.operators(Operator.LESS)
    more = sentence.operators(Operator.MORE)
    lower = bool(less) and (not more or less[0] < more[0])
    return lower or (not more and sentence.reading.extreme == "smallest")


def _tournaments_claim(sentence: Sentence) -> Claim | None:
    """Two tournaments said to differ by their goals or games ("the Clausura had more draws
    than the Apertura?"), checked as any two named are (`_order_claim`)."""
    said = sentence.operators(Operator.MORE, Operator.LESS)
    compared = _tournaments_compared(sentence, bool(said), than=False)
    if compared is None:
        return None
    return Claim(ClaimKind.LESS if _lower_said(sentence) else ClaimKind.MORE, compared)


def _rank_claim(sentence: Sentence) -> Claim | None:
    """A club's place in the relegation table said: "Altamira finished 12th, right?",
    "¿Zacatepec quedó 14 en el cociente?" (a bare number after a verb of placing is a rank,
    never a ratio or points)."""
    question = sentence.question
    if len(question.clubs) != 1 or _decimals(sentence):
        return None  # "quedó con 0.95": a ratio
    if sentence.reading.bound is not None:
        return None  # "a ratio under 1": a bound on the ratio, not a place
    rank = question.rank
    placed = sentence.reading.rank_words  # "quedó", "finished"
    ordinal = any(_ORDINAL.match(t) for t in sentence.tokens) or any(
        m.cue.ordinal for m in sentence.reading.marks
    )
    rows = sentence.lex.season.relegation.rows
    if not _tabled(sentence):
        # "ballenas were 14th, right?": a club's place with no tournament or round said is
        # its place in the one table the season holds
        listed = question.clubs[0] in {row.club for row in rows}
        if not (ordinal and listed and _no_stage(sentence)):
            return None
    last = [i for i, token in enumerate(sentence.tokens) if token in LAST_WORDS]
    if rank is None and last and (placed or sentence.has(*PLACE_WORDS, *TABLE_WORDS)):
        sentence.honoured.update(last)  # "finished last": the table's last place
        rank = max(row.rank for row in rows)
    tables = {
        sentence.tokens[i]
        for m in sentence.reading.marks
        if m.cue.ratio_word
        for i in range(m.start, m.end)
    }
    by_ratio = _table_measure(sentence) in (Measure.RATIO, None)
    if not (set(placed) - tables or ordinal or sentence.has(*PLACE_WORDS)):
        # "¿Altamira fue 13 en la tabla de cociente?": no ratio is that big, so a place;
        # "¿el cociente de Ballenas fue exactamente 1?": a ratio, no place.
        bare = rank if rank is not None else _bare_number(sentence) if by_ratio else None
        if bare is None or bare <= MAX_RATIO:
            return None
        rank = bare
    if rank is None and (placed or ordinal) and by_ratio:
        rank = _bare_number(sentence)
    if rank is None and ordinal:
        said = [int(m.group(1)) for t in sentence.tokens if (m := _ORDINAL.match(t))]
        rank = said[0] if len(said) == 1 else None  # "ballenas was 14th"
    if rank is None or rank < 1:
        return None
    query = Query(
        Entity.TABLE_ROW,
        aggregation=Aggregation.COMPARE,
        measure=Measure.RANK,
        named=tuple(question.clubs[:1]),
    )
    return _value_claim(sentence, query, float(rank))


LAST_WORDS = frozenset({"last", "bottom", "ultimo", "ultimos", "ultima", "ultimas", "colero"})
"""The last place of a table ("finished last", "quedó último")."""


def _no_stage(sentence: Sentence) -> bool:
    """Nothing said narrows the season to a tournament or a round."""
    question = sentence.question
    return not question.tournaments and question.round is None


def _number_claim(sentence: Sentence) -> Claim | None:
    """A number said of what the data counts or measures, as it is or as a bound: "there were
    16 teams, right?", "¿el Jalisco es de más de 50 mil?", "were there four 0-0s?"."""
    question = sentence.question
    tournaments_said = _two_tournaments(sentence.tokens) or _liguillas_counted(sentence)
    if tournaments_said and sentence.marks(test=True):
        return None  # "¿hubo algún equipo que jugó las dos liguillas?": "dos" names them
    stadium = _about_stadia(sentence)
    named = sentence.named_at()
    unnamed = ["" if i in named else token for i, token in enumerate(sentence.tokens)]
    seats = seats_named(unnamed) if stadium else None  # else "2014" is a year
    number = float(seats[0]) if seats is not None else _bare_number(sentence)
    grounds = _grounds(sentence)
    query: Query | None = None
    if stadium:
        if len(grounds) == 1 and number is not None:
            query = Query(
                Entity.STADIUM,
                aggregation=Aggregation.COMPARE,
                measure=Measure.CAPACITY,
                named=grounds,
            )
    elif len(question.clubs) == 1 and _table_games(sentence):
        # "Ballenas played 28 games, right?": with no playoff named, a club's games are its
        # games in the relegation table.
        said = [int(t) for t in sentence.tokens if t.isdigit() and 0 < int(t) <= MAX_TABLE_GAMES]
        number = float(said[0]) if len(said) == 1 else None
        query = Query(
            Entity.TABLE_ROW,
            aggregation=Aggregation.COMPARE,
            measure=Measure.GAMES,
            named=tuple(question.clubs[:1]),
        )
    elif len(question.clubs) == 1 and (_table_measure(sentence) is not None or _ratios(sentence)):
        # "¿Celaya terminó con 1.1667?": a number with decimals said of a club is its ratio.
        rows = {row.club for row in sentence.lex.season.relegation.rows}
        if question.clubs[0] not in rows or question.tournaments:
            return None  # "oaxaca finished 1st in the apertura with 35 points?": standings
        decimals = _decimals(sentence)
        said = [value for _, value in _numbers_said(sentence)]
        # "Dorados tenía 106 puntos?": a table's numbers run past a bare number's 20.
        whole = float(said[0]) if len(said) == 1 else number
        number = decimals[0] if decimals else whole
        sentence.decimals_used |= bool(decimals)
        # A number with decimals is the ratio, whatever else is said beside it ("106 pts
        # y cociente 1.2619": the points are the row's own, checked by `_said_left`).
        measure = Measure.RATIO if decimals else _table_measure(sentence) or Measure.RATIO
        query = Query(
            Entity.TABLE_ROW,
            aggregation=Aggregation.COMPARE,
            measure=measure,
            named=tuple(question.clubs[:1]),
        )
    elif number is not None and tournaments_said:
        query = _count(sentence, asked=True)  # "¿hubo 2 liguillas?": the liguillas counted
    elif number is not None and _games_numbered(sentence) and sentence.marks(test=True):
        query = None  # "¿anotó en los dos partidos?": each game, not how many were played
    elif number is not None and one_game_said(sentence.tokens):
        query = None  # "did udeg score 5 in a game?": goals in some game, not games counted
    elif number is not None:
        query = _count(sentence, asked=True)
        clubs = any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
        # "Were all 4 games won by the home team?": a number said with a test the count of
        # clubs would not honour is no claim about how many clubs there were.
        tested = any(m.cue.test not in (None, Test.PLAYED) for m in sentence.marks(test=True))
        counts_clubs = (clubs or Part.CLUBS in question.parts) and not question.clubs
        if query is None and counts_clubs and not tested:
            query = _clubs_counted(sentence)
    if query is None or number is None:
        return None
    return _value_claim(sentence, query, float(number))


def _clubs_counted(sentence: Sentence) -> Query | None:
    """The clubs of a scope, counted. A round with no tournament named is each liguilla's
    ("en semis quedaban 4 equipos?": 4 in each, not 6 over both): read only where every
    liguilla gives the same count."""
    scope = sentence.scope(leg=None, score=None)
    if sentence.operators(Operator.BOTH, Operator.EACH):
        return None  # "teams that made both finals": each, not a count of either
    if scope.round is not None and len(scope.tournaments) != 1:
        parts = [replace(scope, tournaments=(t,)) for t in sentence.liguillas()]
        season = sentence.lex.season
        counts = {len(result_rows(run(season, Query(Entity.CLUB, part)))) for part in parts}
        if len(counts) != 1:
            return None
        scope = parts[0]
    return Query(Entity.CLUB, scope, aggregation=Aggregation.COUNT)


MAX_TABLE_GAMES = 200
GAME_WORDS = frozenset({"games", "game", "partidos", "juegos", "matches"})


A_GAME_WORDS = frozenset({"a", "one", "single", "un", "una", "solo", "mismo", "same"})
ONE_GAME_WORDS = GAME_WORDS | {"match", "partido", "juego"}


def one_game_said(tokens: Sequence[str]) -> bool:
    """Whether one game is said ("scored 5 in a game", "en un solo partido"): a number said
    with it is what happened in that game, not how many games there were."""
    for i, word in enumerate(tokens):
        # "…5 in a (single) game", "en un (solo) partido"
        after = [t for t in tokens[i + 1 : i + 4] if t not in {"single", "solo"}] + ["", ""]
        if word in IN_WORDS and after[0] in A_GAME_WORDS and after[1] in ONE_GAME_WORDS:
            return True
    return False


IN_WORDS = frozenset({"in", "en"})


def _table_games(sentence: Sentence) -> bool:
    """Games said of one club in the relegation table, with no playoff named."""
    question = sentence.question
    rows = {row.club for row in sentence.lex.season.relegation.rows}
    playoffs = question.tournaments or question.round or sentence.has(*LIGUILLA_WORDS, "playoffs")
    return sentence.has(*GAME_WORDS) and question.clubs[0] in rows and not playoffs


def _value_claim(
    sentence: Sentence, query: Query, value: float, subject: str | None = None
) -> Claim:
    """A number claimed of a query's result, as the value or, with "more than", "under"…, as a
    bound: the bound word is then honoured."""
    bound = sentence.reading.bound
    if bound is not None:
        sentence.bound_used = True
    # "Only one team went down?", "¿solo un equipo subió?": a count said exactly, as it is.
    counted = _numbers_at(sentence)
    # "…only lost one", "¿solo perdió un partido?": before the number, or its verb.
    sentence.honoured.update(
        p for p in sentence.operators(Operator.ONLY) if {p + 1, p + 2} & counted
    )
    return Claim(ClaimKind.VALUE, query, subject=subject, value=value, bound=bound)


def _grounds(sentence: Sentence) -> tuple[str, ...]:
    """The grounds named, by their clubs' ids, in order."""
    season = sentence.lex.season
    named: list[str] = []
    positions = sorted(
        [(at, club) for at, club in sentence.clubs_at()]
        + [
            (span.start, club.id)
            for span in sentence.spans
            for target in span.of(Kind.STADIUM)
            for club in season.clubs
            if club.stadium == target.value and not span.of(Kind.CLUB)
        ]
    )
    for _, club in positions:
        if club not in named:
            named.append(club)
    return tuple(named)


def _member_claim(sentence: Sentence) -> Claim | None:
    """ "Estadio Jalisco was the biggest?", "was Zacatepec dead last?"."""
    question = sentence.question
    extreme = sentence.reading.extreme
    grounds_said = question.stadium or question.stadiums or sentence.reading.stadium_word
    if extreme is not None and (question.intent is Intent.STADIUM_EXTREME or grounds_said):
        # "Was Delfines' stadium the smallest?": a club's ground, by the club.
        named = _grounds(sentence)
        if len(named) == 1:
            aggregation = _aggregation_of(extreme)
            query = Query(Entity.STADIUM, aggregation=aggregation, measure=Measure.CAPACITY)
            return Claim(ClaimKind.MEMBER, query, subject=named[0])
    if question.intent is Intent.RELEGATION and len(question.clubs) == 1:
        # "Was Zacatepec dead last?", "Zacatepec had the fewest points in the table, right?"
        most, biggest = _superlative(sentence)
        said = _extreme_of(sentence, most, biggest)
        if said is None:
            return None
        sentence.honoured.update(most)
        measure = _table_measure(sentence) or Measure.RATIO
        query = Query(Entity.TABLE_ROW, aggregation=_aggregation_of(said), measure=measure)
        return Claim(ClaimKind.MEMBER, query, subject=question.clubs[0])
    return None


def _ordered_goal_claim(sentence: Sentence) -> Claim | None:
    """ "El tercer gol de Delfines en el 3-1 fue de Ibarra?", "was Gutiérrez's the opener?",
    "did Tecos score first?": the scope's nth goal is the player's (or the club's); not
    merely that he scored."""
    question = sentence.question
    if not question.players and not question.clubs:
        return None
    query = _goal_by_place(sentence)
    if query is None or query.measure is not Measure.ORDER:
        return None
    if question.players:
        return Claim(ClaimKind.MEMBER, query, subject=question.players[0])
    # "Did Tecos score first in the second leg?": the opener is one of the club's.
    subject, _ = _subject_and_object(sentence)
    if subject is None or query.side is not None:
        return None
    return Claim(ClaimKind.MEMBER, query, subject=subject)


def _player_meant(sentence: Sentence, found: Plan) -> Plan:
    """A name several scorers share ("Ibarra": J. and P.) in a claim about a player: the
    one the data bears out, if any. The fan meant the one who did it, and a No about the
    other would be false."""
    claim = found.claim
    shared = [span.of(Kind.PLAYER) for span in sentence.spans if len(span.of(Kind.PLAYER)) > 1]
    players = tuple(target.value for target in shared[0]) if len(shared) == 1 else ()
    if claim is None or claim.subject not in players:
        return found
    season = sentence.lex.season
    meant = [
        replace(claim, subject=player, query=replace(claim.query, players=(player,)))
        if claim.query.players
        else replace(claim, subject=player)
        for player in players
    ]
    # None did it: the first, whose goals the answer shows (never the others' under his name).
    held = next((each for each in meant if check(season, each).holds), meant[0])
    return replace(found, claim=held)


def _top_scorer_claim(sentence: Sentence) -> Claim | None:
    """ "Was Gutiérrez the top scorer of the Apertura?": the most goals of the scope, not
    whether he scored (he did, 4; Lojero scored 5)."""
    question = sentence.question
    if len(question.players) != 1 or sentence.reading.scores.get(Intent.TOP_SCORER, 0) <= 0:
        return None
    if len(question.tournaments) > 1 or question.round is not None or question.clubs:
        return None  # the tally is a tournament's, or the whole playoffs'
    sentence.extreme_used = True
    sentence.honoured.update(sentence.operators(Operator.MOST))
    scope = Scope(tournaments=tuple(question.tournaments))
    return Claim(ClaimKind.TOP_SCORER, Query(Entity.GOAL, scope), subject=question.players[0])


def _away_goal_claim(sentence: Sentence) -> Claim | None:
    """ "Did Tecos score an away goal in the promotion final?": a goal the club scored where
    the other club hosted, not a tie decided on away goals."""
    question = sentence.question
    marks = sentence.marks(test=True)
    scored = [m.start for m in marks if m.cue.test is Test.SCORED]
    away = [m.start for m in marks if m.cue.test is Test.AWAY_GOALS]
    # The goal is the verb's object: "scored an away goal", not "decided on away goals?
    # Tecos scored away".
    said = any(0 < a - s <= NEAR for s in scored for a in away)
    if not said or len(question.clubs) != 1:
        return None
    club = question.clubs[0]
    ties = scope_ties(sentence.lex.season, sentence.scope(clubs=(club,), score=None, leg=None))
    hosts = {tie.outcome.opponent_of(club) for tie in ties}
    if len(hosts) != 1:
        return None  # an away ground is one club's: with several ties, which is unsaid
    _honour_negation_near(sentence, _main_test(sentence))
    scope = sentence.scope(clubs=(club,), score=None, leg=None, home=hosts.pop())
    query = Query(Entity.CLUB, scope, conditions=(Condition(Test.SCORED),))
    return Claim(ClaimKind.TEST, query, subject=club)


def _goal_exists_claim(sentence: Sentence) -> Claim | None:
    """ "¿Alguien anotó en el minuto 90?", "did anyone score in the 1st minute?": some goal
    of the scope, by anyone."""
    question = sentence.question
    if _goals_were_there(sentence):
        scope = sentence.scope(clubs=question.clubs[:2])
        each = sentence.operators(Operator.EACH, Operator.BOTH)
        if each:
            # "¿En cada partido de la final hubo goles?": each game, not the goals of all.
            sentence.honoured.update(each)
            not_goalless = Condition(Test.GOALLESS, negated=True)
            games = Query(Entity.LEG, scope, conditions=(not_goalless,))
            return Claim(ClaimKind.TEST, games, each=True)
        return Claim(ClaimKind.TEST, Query(Entity.GOAL, scope))
    some = sentence.operators(Operator.SOME)
    scored = any(m.cue.test is Test.SCORED for m in sentence.marks(test=True))
    if not some or not scored or question.clubs or question.players:
        return None
    if _both_tournaments(sentence):
        return None  # "did any team score in both finals?": one club in each (a set)
    minute = _minute_named(sentence)
    if minute is None and sentence.has(*MINUTE_WORDS):
        return None  # a minute said that no number gives ("the first minute"): unread
    sentence.honoured.update(some)
    scope = sentence.scope(minute=minute) if minute is not None else sentence.scope()
    return Claim(ClaimKind.TEST, Query(Entity.GOAL, scope))


THERE_WERE = frozenset(
    {("hubo",), ("there", "were"), ("were", "there"), ("any",), ("had",), ("have",)}
)
GOAL_NOUNS = frozenset({"goles", "gol", "goals", "goal"})


def _goals_were_there(sentence: Sentence) -> bool:
    """ "¿Hubo goles en Tecos vs Necaxa?", "were there goals in the final?": whether the
    games named had any goal, not whether the clubs played."""
    tokens = sentence.tokens
    if sentence.question.players or sentence.marks(test=True):
        return False
    for i, token in enumerate(tokens):
        if token not in GOAL_NOUNS:
            continue
        before = {tuple(tokens[max(0, i - n) : i]) for n in (1, 2)}
        if before & THERE_WERE:
            return True
    return False


RULE_WORDS = frozenset(
    {
        "rule", "rules", "regla", "reglas", "count", "counts", "counted", "cuenta", "cuentan",
        "contaba", "contaban", "apply", "applies", "applied", "aplica", "aplican", "aplicaba",
        "vale", "valen", "valia", "valian", "exist", "existe", "existia",
    }
)  # fmt: skip
"""Words that ask about the rules in general ("do away goals count in the liguilla?"), not
about one tie ("was the promotion final decided on away goals?")."""


def _rule_claim(sentence: Sentence) -> Claim | None:
    """A rule of the liguilla said: "away goals count in the liguilla?", "¿se vuelve a
    sembrar después de cuartos?", "was there extra time in the rules?", "the higher seed
    hosts the 2nd leg, right?"."""
    question = sentence.question
    same_winner = _same_winner_said(sentence)  # "if UdeG had won both, …?": a club may be named
    if same_winner is not None:
        return same_winner
    if question.clubs or question.players or (question.leg and question.leg.number is None):
        return None  # a game: what happened in it, not what the rules say
    ruled = sentence.has(*RULE_WORDS)
    counted = bool(sentence.operators(Operator.SOME, Operator.EACH))
    tests = [m.cue.test for m in sentence.marks(test=True) if m.cue.test is not None]
    seeds = [m for m in sentence.reading.marks if m.cue.measure is Measure.SEED]
    hosting = any(m.cue.leg in ("home", 2) for m in sentence.reading.marks)
    seeded_hosts = hosting and (seeds or Test.HIGHER_SEED in tests) and question.round is None
    if question.intent is not Intent.FORMAT and not ruled and not seeded_hosts:
        return None
    if seeded_hosts:
        rule = "higher_seed_hosts"  # "the higher seed hosts the 2nd leg, right?"
    elif (seeds and sentence.has(*AGAIN_WORDS)) or any(
        t.startswith("rese") for t in sentence.tokens
    ):
        rule = "reseeded"
    elif question.round is None and question.leg is None and not counted:
        # "Was the semi decided by the higher seed?", "did the finals follow the away goals
        # rule?", "did any tie go to penalties?" ask of ties; "do away goals count?", of
        # the rules.
        tie_rules = [t for t in tests if t in TIE_TESTS]
        if not tie_rules:
            return None
        rule = tie_rules[0].value
    else:
        return None
    return Claim(ClaimKind.RULE, Query(Entity.TIE, sentence.scope(leg=None)), subject=rule)


def _same_winner_said(sentence: Sentence) -> Claim | None:
    """ "If one club won both the Apertura and the Clausura, would there still be a
    promotion final?": the rule the data states for it."""
    question = sentence.question
    season = sentence.lex.season
    liguillas = set(sentence.liguillas())
    finals = {c.winner_plays for c in season.competitions if c.winner_plays}
    if not sentence.operators(Operator.CONDITION) or not finals & set(question.tournaments):
        return None
    both = liguillas <= set(question.tournaments) or sentence.operators(Operator.BOTH)
    won = any(m.cue.test in WIN_TESTS for m in sentence.marks(test=True))
    if not (both and won):
        return None
    sentence.honoured.update(sentence.operators(Operator.CONDITION, Operator.BOTH, Operator.SAME))
    final = Scope(tournaments=tuple(sorted(finals & set(question.tournaments))))
    # The club supposed to win both, if one is named, is whom the rule is asked of.
    query = Query(Entity.TIE, final, named=tuple(question.clubs[:1]))
    return Claim(ClaimKind.RULE, query, subject="final_if_same_winner")


def _rule_if(sentence: Sentence) -> Claim | None:
    """ "If aggregate and away goals are level, who goes through?", "if away goals had
    counted in the promotion final, who would have gone up?": a step of the rules supposed,
    asked of the rules (the order they go in) or of the ties named (what it would give)."""
    question = sentence.question
    conditions = sentence.operators(Operator.CONDITION)
    asks = sentence.reading.asks_who or any(
        m.cue.test in PASSING_TESTS for m in sentence.marks(test=True)
    )
    if not conditions or not asks or question.clubs or question.players:
        return None
    tests = [m.cue.test for m in sentence.marks(test=True) if m.cue.test in TIE_TESTS]
    if not tests:
        return None
    named = question.round is not None or bool(question.tournaments)
    if named and Test.AWAY_GOALS not in tests:
        return None
    sentence.honoured.update(conditions)
    sentence.honoured.update(sentence.operators(Operator.BOTH))  # "both level"
    rule = "if_away_goals" if named else tests[-1].value
    return Claim(ClaimKind.RULE, Query(Entity.TIE, sentence.scope(leg=None)), subject=rule)


def _rule_asked(sentence: Sentence) -> Claim | None:
    """A rule asked for, not checked: "who hosts the 2nd leg in the liguilla?", "¿quién es
    local en la vuelta?": the higher seed, by the rules (not each second leg's host)."""
    question = sentence.question
    reading = sentence.reading
    if question.clubs or question.players or question.round is not None or reading.leg != 2:
        return None
    hosting = reading.host == "home" or Part.VENUE in question.parts
    if not (hosting and reading.asks_who):
        return None
    hosts = Query(Entity.TIE, sentence.scope(leg=None))
    return Claim(ClaimKind.RULE, hosts, subject="higher_seed_hosts")


AGAIN_WORDS = frozenset({"again", "vuelve", "volvia", "volvian", "vuelven", "otra", "nuevo", "re"})


def _multi_goal_claim(sentence: Sentence) -> Claim | None:
    """ "Did anyone score a hat trick?": some goal of the scope was one of so many."""
    query = _multi_goal(sentence)
    return Claim(ClaimKind.TEST, query) if query is not None else None


def _tie_claim(sentence: Sentence) -> Claim | None:
    """ "Was the promotion final decided on away goals?", "¿se fue a penales?"."""
    marks = [m for m in sentence.marks(test=True) if m.cue.test in TIE_TESTS]
    if not marks:
        return None
    question = sentence.question
    scope = sentence.scope(clubs=tuple(question.clubs[:2]), leg=None, score=None)
    if scope == Scope():
        return None
    titled = any(m.cue.test is Test.WON_TITLE for m in sentence.marks(test=True))
    if question.round is None and (not question.clubs or titled):
        # "Was the promotion final decided on pens?", "did Tecos win the Clausura on pens?":
        # the tie that decided the title.
        scope = Scope(tournaments=scope.tournaments, round=RoundName.FINAL, clubs=scope.clubs[:1])
    test = marks[0].cue.test
    assert test is not None
    if test is Test.HIGHER_SEED and len(question.clubs) == 1 and sentence.has(*COPULAS):
        # "Was Necaxa the higher seed in the final?": the club's seeding, not how the tie
        # was decided.
        club = question.clubs[0]
        query = Query(Entity.CLUB, scope, conditions=(Condition(Test.HIGHER_SEED),))
        return Claim(ClaimKind.TEST, query, subject=club)
    if test is Test.EXTRA_TIME and any(
        tie.outcome.extra_time is None for tie in scope_ties(sentence.lex.season, scope)
    ):
        return None  # the source does not say whether it went to extra time: no "No"
    _honour_negation_near(sentence, marks[0])
    return Claim(ClaimKind.TEST, Query(Entity.TIE, scope, conditions=(Condition(test),)))


def _aggregate_claim(sentence: Sentence) -> Claim | None:
    """ "¿UAT y Oaxaca empataron en el global?", "did dorados lose to tecos on aggregate?":
    a tie's aggregate said. A draw on aggregate is the tie level over both legs; a tie won
    or lost "on aggregate" that was level (then settled by away goals, seed or penalties)
    was not, so the claim is No, with how it was settled; otherwise the club's own claim."""
    question = sentence.question
    leg = question.leg
    picked = leg is not None and (leg.number is not None or leg.score is not None or leg.home)
    if not sentence.has(*AGGREGATE_WORDS) or not question.clubs or picked:
        return None
    tests = {m.cue.test for m in sentence.marks(test=True)}
    scope = sentence.scope(clubs=tuple(question.clubs[:2]), leg=None, score=None)
    ties = scope_ties(sentence.lex.season, scope)
    if len(ties) != 1:
        return None
    drew = tests & {Test.DREW_LEG, Test.DRAWN}
    decided = tests & (WIN_TESTS | LOSING_TESTS)
    level = ties[0].outcome.aggregate[0] == ties[0].outcome.aggregate[1]
    if drew and not decided:
        return Claim(ClaimKind.TEST, Query(Entity.TIE, scope, conditions=(Condition(Test.DRAWN),)))
    if decided and level:
        unlevel = Condition(Test.DRAWN, negated=True)
        return Claim(ClaimKind.TEST, Query(Entity.TIE, scope, conditions=(unlevel,)))
    return None


def _seed_compare_claim(sentence: Sentence) -> Claim | None:
    """ "¿Mérida estaba mejor sembrado que la UdeG en cuartos?", "was udeg higher seeded
    than oaxaca in the clausura qf": the first named was the higher seed of their tie
    ("peor sembrado", "lower seed": was not); never two grounds or figures compared."""
    question = sentence.question
    seeds = [m.start for m in sentence.marks(test=True) if m.cue.test is Test.HIGHER_SEED]
    clubs = sorted(at for at, _ in sentence.clubs_at())
    if not seeds or len(question.clubs) != 2 or len(clubs) != 2:
        return None
    # "was udeg the higher seed vs oaxaca": said of the first, between the two names; "was
    # the udeg-oaxaca semi decided by the higher seed" is how their tie was decided
    between = clubs[0] < seeds[0] < clubs[1] and not sentence.has(*DECIDED_WORDS)
    if not (sentence.has(*THAN_WORDS) or between):
        return None
    lower = bool(sentence.operators(Operator.LESS)) or sentence.has(*LOWER_WORDS)
    sentence.honoured.update(sentence.operators(Operator.MORE, Operator.LESS))
    sentence.extreme_used = True  # "mejor", "peor": said of the seeds
    scope = sentence.scope(clubs=tuple(question.clubs), leg=None, score=None)
    condition = Condition(Test.HIGHER_SEED, negated=lower)
    query = Query(Entity.CLUB, scope, conditions=(condition,))
    return Claim(ClaimKind.TEST, query, subject=question.clubs[0])


THAN_WORDS = frozenset({"than", "que", "q"})
DECIDED_WORDS = frozenset({"decided", "decide", "decidio", "decidida", "decidido", "definio"})
LOWER_WORDS = frozenset({"lower", "worse", "peor", "menor", "abajo"})
"""A seed said to be below another's ("peor sembrado que", "lower seed than")."""


def premise_of(sentence: Sentence, *, asked: bool = False) -> Claim | None:
    """What a question for something takes for granted about a club it names, when that is
    a win or a fall ("how did Tecos beat UdeG", "why did Celaya go down"), or that the club
    played what is asked about ("BUAP's goals in the Apertura liguilla"). Asked yes or no
    ("was Tecos in the Clausura final?"), that one club played it, true or not."""
    question = sentence.question
    if question.intent in (Intent.UNKNOWN, Intent.FORMAT, Intent.CHANGES):
        return None
    subject, obj = _subject_and_object(sentence)
    mark = _main_test(sentence)
    if subject is None and question.subject is not None:
        # "Why was Querétaro playing in the Ascenso?", "why did Pumas Morelos stay up?": a
        # club of last season's changes.
        if mark is not None and mark.cue.test in (Test.PLAYED, Test.STAYED):
            query = Query(Entity.CLUB, conditions=(Condition(Test.PLAYED),))
            return Claim(ClaimKind.TEST, query, subject=question.subject)
        return None
    if subject is None:
        return None
    if mark is not None and mark.cue.test in PREMISE_TESTS:
        test = _resolved_test(sentence, mark.cue.test, obj, mark.start)
        if test is Test.WON_LEG:
            return None
        clubs = (subject, obj) if obj is not None else ()
        scope = sentence.scope(clubs=clubs, leg=None, score=None)
        if test is Test.WON_TITLE:
            scope = Scope(tournaments=scope.tournaments)
        if test not in (Test.RELEGATED, Test.PROMOTED) and scope == Scope():
            return None
        if test is Test.WENT_THROUGH and not asked:
            # "¿A quién eliminó UAT en el Clausura?", "¿xq pasó la UdeG si empató en Oaxaca?"
            # take for granted that the club won a tie there, not every one (UAT lost the
            # final; UdeG met Oaxaca twice): corrected only if it won none.
            from knowledge.plans.execute import scope_ties

            winners = {tie.outcome.winner for tie in scope_ties(sentence.lex.season, scope)}
            if subject in winners and len(winners) > 1:
                return None
        return Claim(
            ClaimKind.TEST,
            Query(Entity.CLUB, scope, conditions=(Condition(test),)),
            subject=subject,
        )
    scope = sentence.scope(leg=None, score=None)
    if (scope.tournaments or scope.round) and question.intent not in (Intent.PATH,):
        named = [club for _, club in sentence.clubs_at()]
        query = Query(Entity.CLUB, scope, conditions=(Condition(Test.PLAYED),))
        if asked and len(set(named)) == 1 and sentence.has(*COPULAS):
            return Claim(ClaimKind.TEST, query, subject=named[0])
        for club in named:
            from knowledge.plans.execute import club_passes

            if not club_passes(sentence.lex.season, club, Test.PLAYED, scope):
                return Claim(ClaimKind.TEST, query, subject=club)
    return None


# ---------------------------------------------------------------------------------------------
# Queries: sets with negated tests, rankings, comparisons, neighbours, counts


def query_of(sentence: Sentence) -> Query | None:
    for build in (
        _club_games,
        _clubs_of_round,
        _scorers_counted,
        _clubs_from_place,
        _club_ties,
        _put_out_by,
        _club_goals_over,
        _mean,
        _multi_goal,
        _ratio_bound,
        _negated_set,
        _game_tested_set,
        _won_by_side,
        _table_value_rows,
        _in_every_tournament,
        _neighbour,
        _difference,
        _comparison,
        _between_rows,
        _ranking,
        _goal_by_test,
        _goal_by_place,
        _capacity_sum,
        _count,
    ):
        query = build(sentence)
        if query is not None:
            return query
    return None


def _clubs_of_round(sentence: Sentence) -> Query | None:
    """ "Which teams played the Apertura semis?", "¿quiénes fueron los equipos de semis del
    Apertura?", "which teams won in the quarterfinals?": every club of the round that did
    so, not one of its ties."""
    question = sentence.question
    reached = _reached_round(sentence)
    round_ = reached or question.round
    if round_ is None or question.clubs or question.players or question.leg:
        return None
    if len(question.tournaments) > 1:
        return None  # "la final del Apertura y la del Clausura": either, or both? unread
    if (
        sentence.operators(Operator.NEGATION)  # "which semifinalists didn't make the final"
        or Part.BYE in question.parts  # "¿quién pasó directo a semis?": a seed's bye
        or _both_tournaments(sentence)  # "which clubs made the semis in both": each one's
        or _two_tournaments(sentence.tokens)
    ):
        return None
    marks = sentence.marks(test=True)
    tests = {_resolved_test(sentence, m.cue.test, None, m.start) for m in marks if m.cue.test} or {
        Test.PLAYED
    }
    if len(tests) != 1 or not tests <= ROUND_TESTS or sentence.reading.extreme is not None:
        return None  # "the team with the most goals in the semis": a ranking
    clubs_asked = any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
    # "Who won the Apertura semis?": a round of several ties has a winner of each (a
    # final's is its champion, answered as such).
    several = round_ is not RoundName.FINAL and tests != {Test.PLAYED}
    asked = sentence.reading.asks_who and (clubs_asked or several or reached is not None)
    # "¿cuántos equipos llegaron a semis?": the clubs that reached it, counted
    asked = asked or (reached is not None and clubs_asked and _asks_count(sentence))
    if not (asked or (clubs_asked and sentence.has(*WHICH_WORDS))):
        return None
    scope = replace(sentence.scope(leg=None, score=None), round=round_)
    counting = _asks_count(sentence)
    test = tests.pop()
    if reached is not None and test is Test.WENT_THROUGH:
        test = Test.PLAYED  # "¿quiénes pasaron a semis?": who played them (a bye counts)
    return Query(
        Entity.CLUB,
        scope,
        conditions=(Condition(test),),
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
    )


ROUND_TESTS = frozenset({Test.PLAYED, Test.WENT_THROUGH, Test.WENT_OUT})
"""What a club did in a round: played it, went through, went out."""


PLAYER_NOUNS = frozenset(
    {"player", "players", "jugador", "jugadores", "goleador", "goleadores", "scorer", "scorers"}
)
MORE_THAN_ONCE = (
    ("more", "than", "once"),
    ("mas", "de", "una", "vez"),
    ("more", "than", "one", "goal"),
    ("mas", "de", "un", "gol"),
    ("at", "least", "twice"),
)


def _more_than_once(sentence: Sentence) -> list[str]:
    """Each way of saying "more than once" the question says, as said."""
    text = " ".join(sentence.tokens)
    return [" ".join(words) for words in MORE_THAN_ONCE if " ".join(words) in text]


def _scorers_counted(sentence: Sentence) -> Query | None:
    """The scorers of a scope, each once: "how many different players scored for Necaxa?",
    "¿cuántos jugadores distintos le metieron gol pa la UdeG?", "who scored more than
    once in the Apertura?" (his goals past one)."""
    question = sentence.question
    tokens = sentence.tokens
    again = bool(_more_than_once(sentence))
    players_said = bool(PLAYER_NOUNS & set(tokens))
    scoring = _scored_said(sentence) or sentence.has(*GOAL_NOUNS, "goleadores", "score")
    counting = _asks_count(sentence)
    if question.players or not scoring or not ((counting and players_said) or again):
        return None
    if not counting and not (sentence.reading.asks_who or players_said):
        return None
    if _both_tournaments(sentence) and not again:
        return None  # "how many players scored in both liguillas": in each (`_scored_in_each`)
    side = (
        _side(sentence)
        or _players_of(sentence)
        or (question.clubs[0] if len(question.clubs) == 1 else None)
    )
    # "…scored in the 5-0 vs merida": the game said, with both its clubs
    scored = question.leg is not None and question.leg.score is not None
    clubs = tuple(question.clubs[:2]) if side is None or scored else ()
    scope = sentence.scope(clubs=clubs, leg=None, score=None)
    if scored:
        scope = sentence.scope(clubs=clubs)
        games = scope_legs(sentence.lex.season, scope)
        if len(games) == 1:  # said as its clubs' game, "UdeG v Mérida", not the season's
            scope = replace(scope, clubs=(games[0].leg.home, games[0].leg.away))
    twice = (Condition(Test.SCORED, measure=Measure.GOALS, value=1, bound="above"),)
    return Query(
        Entity.PLAYER,
        scope,
        conditions=twice if again else (),
        side=side,
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
    )


def _players_of(sentence: Sentence) -> str | None:
    """The club whose players are asked of: named right before a word for players ("udeg
    players") or right after one and "de" ("jugadores de la UdeG")."""
    tokens = sentence.tokens
    for span in sentence.spans:
        clubs = span.of(Kind.CLUB)
        if not clubs:
            continue
        before = [t for t in tokens[max(0, span.start - 3) : span.start] if t not in ARTICLES]
        if tokens[span.end : span.end + 1] and tokens[span.end] in PLAYER_NOUNS:
            return clubs[0].value
        if before[-2:-1] and before[-2] in PLAYER_NOUNS and before[-1] in ("de", "del", "of"):
            return clubs[0].value
    return None


def _scorers_claim(sentence: Sentence) -> Claim | None:
    """ "Did any Tecos player score more than once?": some scorer passes, or none does."""
    query = _scorers_counted(sentence)
    if query is None or query.aggregation is not Aggregation.LIST:
        return None
    return _exists_claim(sentence, query, yes_no=True)


def _again_left(sentence: Sentence, found: Plan) -> list[str]:
    """ "More than once" that no plan of scorers read: a claim that a club scored would
    answer another question ("did any Tecos player score more than once?")."""
    said = _more_than_once(sentence)
    asked = found.query if found.query is not None else found.claim.query if found.claim else None
    if not said or (asked is not None and asked.entity is Entity.PLAYER):
        return []
    return said


def _club_games(sentence: Sentence) -> Query | None:
    """ "¿Qué partidos ganó Tecos en la liguilla?", "which games did UdeG lose?", "¿cuál fue el
    único partido que perdió Necaxa?": one club's games, by what it did in them."""
    question = sentence.question
    games = any(m.cue.entity is Entity.LEG for m in sentence.marks(entity=True))
    results = [
        GAME_RESULT[m.cue.test] for m in sentence.marks(test=True) if m.cue.test in GAME_RESULT
    ]
    if len(question.clubs) != 1 or question.players or not games or not results:
        return None
    if _asks_count(sentence) or (not sentence.reading.asks_who and not sentence.has(*WHICH_WORDS)):
        return None  # counts are `_count`'s; a game asked for is "which"
    only = [p for p in sentence.operators(Operator.ONLY) if p + 1 < len(sentence.tokens)]
    sentence.honoured.update(p for p in only if sentence.tokens[p + 1] in GAME_WORDS)
    scope = sentence.scope(clubs=tuple(question.clubs[:1]), leg=None, score=None)
    return Query(Entity.LEG, scope, conditions=(Condition(results[0]),))


WHICH_WORDS = frozenset({"which", "what", "que", "cual", "cuales"})


def _club_ties(sentence: Sentence) -> Query | None:
    """ "¿En cuántas finales estuvo Necaxa?", "how many ties did Tecos win?": one club's
    ties (of a round named), counted, by whether it went through."""
    question = sentence.question
    tied = question.round is not None or any(
        m.cue.entity is Entity.TIE for m in sentence.marks(entity=True)
    )
    if not _asks_count(sentence) or len(question.clubs) != 1 or question.players or not tied:
        return None
    goals = _goals_said(sentence) or sentence.has(*GOAL_NOUNS)
    if sentence.has(*GAME_WORDS) or goals or _reached_round(sentence):
        return None  # games, goals, and a round reached are others' to count
    tests = [m.cue.test for m in sentence.marks(test=True) if m.cue.test is not None]
    won = [Test.WENT_THROUGH for t in tests if t in WIN_TESTS]
    lost = [Test.WENT_OUT for t in tests if t in LOSING_TESTS]
    conditions = tuple(Condition(t) for t in (won or lost)[:1])
    scope = sentence.scope(clubs=tuple(question.clubs[:1]), leg=None, score=None)
    return Query(Entity.TIE, scope, conditions=conditions, aggregation=Aggregation.COUNT)


def _put_out_by(sentence: Sentence) -> Query | None:
    """ "¿A quién eliminó UAT en el Clausura?", "who did Necaxa knock out?": the ties the club
    won, the club the verb's subject ("who knocked Necaxa out?", its object, asks who beat
    it: the answer by intent's)."""
    question = sentence.question
    if Part.OPPONENT not in question.parts or len(question.clubs) != 1 or question.players:
        return None
    mark = _main_test(sentence)
    if mark is None or mark.cue.test is not Test.WENT_THROUGH or _asks_count(sentence):
        return None
    if sentence.before(mark.start, COPULAS, reach=3):
        return None  # "what round was UAT eliminated in?": UAT the one put out
    subject, obj = _subject_and_object(sentence)
    if subject != question.clubs[0] or obj is not None:
        return None
    scope = sentence.scope(clubs=(subject,), leg=None, score=None)
    conditions = (Condition(Test.WENT_THROUGH),)
    return Query(Entity.TIE, scope, conditions, aggregation=Aggregation.COUNT)  # each named


def _club_goals_over(sentence: Sentence) -> Query | None:
    """ "How many goals did UdeG score in the Apertura and the Clausura?", "¿cuántos goles
    metió Necaxa sumando las dos liguillas?": one club's goals summed over every tournament
    named. (In one tournament, the answer by intent lists them by scorer.)"""
    question = sentence.question
    scope = sentence.scope(clubs=(), leg=None, score=None)
    if question.intent is not Intent.COUNT or Part.GOALS not in question.parts:
        return None
    if len(question.clubs) != 1 or question.players or len(scope.tournaments) < 2:
        return None
    if question.round is not None or _goals_side(sentence)[1] is not None:
        return None  # a round's goals, goals against a club: the answers by intent's
    if _conceded(sentence):
        return None  # goals it let in: `_count`'s
    return Query(
        Entity.CLUB,
        scope,
        aggregation=Aggregation.SUM,
        measure=Measure.GOALS,
        named=tuple(question.clubs[:1]),
    )


def _mean(sentence: Sentence) -> Query | None:
    """ "Average stadium capacity?", "¿promedio de goles por partido en la liguilla?": a
    capacity over the grounds, goals over the games."""
    said = sentence.operators(Operator.MEAN)
    if not said or sentence.reading.ratio_word:
        return None  # "el promedio" of the relegation table is its ratio, not a mean
    if _about_stadia(sentence):
        query = Query(Entity.STADIUM, aggregation=Aggregation.MEAN, measure=Measure.CAPACITY)
    elif _goals_said(sentence) and not sentence.question.players:
        scope = sentence.scope(leg=None, score=None, clubs=tuple(sentence.question.clubs[:2]))
        query = Query(Entity.LEG, scope, aggregation=Aggregation.MEAN, measure=Measure.GOALS)
    else:
        return None
    sentence.honoured.update(said)
    return query


def _multi_goal(sentence: Sentence) -> Query | None:
    """ "Any hat tricks in the liguillas?", "who scored a brace?", "¿algún doblete del
    Necaxa?": the goals of players who scored so many in one game."""
    marks = [m for m in sentence.reading.marks if m.cue.measure is Measure.GAME_GOALS]
    if not marks or sentence.question.players:
        return None
    goals = marks[0].cue.cardinal or 2
    sentence.honoured.update(sentence.operators(Operator.SOME))
    side = _side(sentence) or (
        sentence.question.clubs[0] if len(sentence.question.clubs) == 1 else None
    )
    scope = sentence.scope(leg=None, score=None, clubs=tuple(sentence.question.clubs[:2]))
    many = Condition(Test.SCORED, measure=Measure.GAME_GOALS, value=float(goals), bound="at_least")
    return Query(Entity.GOAL, scope, conditions=(many,), side=side)


def _table_value_rows(sentence: Sentence) -> Query | None:
    """ "¿Qué equipo tenía 94 puntos en la tabla de porcentaje?", "who had a ratio of
    1.1190?": the table's rows with the value said. Answered only where a listed row has it
    (the source lists ranks 10-15; "none" would speak for the ranks it does not list)."""
    question = sentence.question
    reading = sentence.reading
    asks = reading.asks_who or sentence.has(*WHICH_WORDS) or Part.TEAM in question.parts
    if question.clubs or not asks or not (reading.ratio_word or _ratios(sentence)):
        return None
    decimals = _decimals(sentence)
    said = [value for _, value in _numbers_said(sentence)]
    measures = [m.cue.measure for m in reading.marks if m.cue.measure in TABLE_VALUES]
    if decimals and not said:
        measure, value = Measure.RATIO, decimals[0]
    elif len(said) == 1 and not decimals and measures:
        measure, value = measures[0], float(said[0])
    elif len(said) == 1 and not decimals and said[0] <= MAX_RATIO and _after_ratio(sentence):
        measure, value = Measure.RATIO, float(said[0])  # "a ratio of exactly 1", not "#1 in it"
    else:
        return None
    condition = Condition(Test.PLAYED, measure=measure, value=value)
    query = Query(Entity.TABLE_ROW, conditions=(condition,))
    if not result_rows(run(sentence.lex.season, query)):
        return None
    sentence.decimals_used |= bool(decimals)
    return query


TABLE_VALUES = frozenset({Measure.POINTS, Measure.GAMES})


def _after_ratio(sentence: Sentence) -> bool:
    """A whole number said just after a ratio's word is a ratio ("cociente de 1 exacto")."""
    tokens = sentence.tokens
    ends = [m.end for m in sentence.reading.marks if m.cue.ratio_word]
    at = [i for i, token in enumerate(tokens) if token.isdigit()]
    return len(at) == 1 and any(0 <= at[0] - end <= 2 for end in ends)


def _ratio_bound(sentence: Sentence) -> Query | None:
    """ "¿Qué equipos quedaron debajo de 1.1 de cociente?": the table's rows past a ratio.
    The source lists the bottom rows only (the others' ratios are higher), so a bound from
    below is answered only where no unlisted row could pass it; any other bound is left
    unread, and its words block."""
    if sentence.question.clubs:
        return None
    return _ratio_rows(sentence)


def ratio_bound_known(season: Season, side: Bound, value: float) -> bool:
    """Whether the source settles which clubs are past a ratio bound. It lists the bottom
    rows only, and every club it leaves out ranks above them, on a higher ratio than its top
    row's: below or exactly a value under that ratio, none of them; above it, all of them
    (the answer says so, `commands.ask.plans`)."""
    top = max(row.ratio for row in season.relegation.rows)
    return value < top or (side == "below" and value == top)


def _ratio_rows(sentence: Sentence) -> Query | None:
    if not sentence.reading.ratio_word:
        return None
    said = _ratio_bound_said(sentence)
    if said is None:
        return None
    side, value, used = said
    if not ratio_bound_known(sentence.lex.season, side, value):
        return None
    sentence.honoured.update(used)
    sentence.bound_used = sentence.extreme_used = sentence.decimals_used = True
    condition = Condition(Test.PLAYED, measure=Measure.RATIO, value=value, bound=side)
    counting = sentence.question.intent is Intent.COUNT or _asks_count(sentence)
    return Query(
        Entity.TABLE_ROW,
        conditions=(condition,),
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
    )


def _bounded_claim(sentence: Sentence) -> Claim | None:
    """A club's ratio past a bound: "¿Zacatepec tuvo cociente menor a 1?" (its ratio, not
    whether it was the lowest), "¿solo el Zacatepec…?" (the one club past it)."""
    question = sentence.question
    rows = {row.club for row in sentence.lex.season.relegation.rows}
    if len(question.clubs) != 1 or question.clubs[0] not in rows:
        return None
    club = question.clubs[0]
    only = sentence.operators(Operator.ONLY)
    if only:
        past = _ratio_rows(sentence)
        if past is None:
            return None
        sentence.honoured.update(only)
        return Claim(ClaimKind.TEST, past, subject=club, only=True)
    said = _ratio_bound_said(sentence)
    if said is None or not sentence.reading.ratio_word:
        return None
    side, value, used = said
    sentence.honoured.update(used)
    sentence.bound_used = sentence.extreme_used = sentence.decimals_used = True
    ratio = Query(
        Entity.TABLE_ROW, aggregation=Aggregation.COMPARE, measure=Measure.RATIO, named=(club,)
    )
    return Claim(ClaimKind.VALUE, ratio, value=value, bound=side)


def _table_each_claim(sentence: Sentence) -> Claim | None:
    """A figure of the relegation table said of every row, or of each club named: "did every
    team in the ratio table play 84 games?", "dorados and celaya both had 84 games?". Of
    every row, a row that fails settles No; Yes is of the rows the source lists."""
    question = sentence.question
    quantifiers = sentence.operators(Operator.EACH, Operator.BOTH)
    if not quantifiers or not _tabled(sentence) or len(question.clubs) == 1:
        return None
    measures = {m.cue.measure for m in sentence.reading.marks if m.cue.measure in TABLE_VALUES}
    if not measures and sentence.has(*GAME_WORDS):
        measures = {Measure.GAMES}  # "played 84 games": the table's games column
    said = [value for _, value in _numbers_said(sentence)]
    rows = {row.club for row in sentence.lex.season.relegation.rows}
    if len(measures) != 1 or len(said) != 1 or not set(question.clubs) <= rows:
        return None
    sentence.honoured.update(quantifiers)
    condition = Condition(Test.PLAYED, measure=measures.pop(), value=float(said[0]))
    query = Query(Entity.TABLE_ROW, conditions=(condition,))
    if question.clubs:
        subject, *others = question.clubs
        return Claim(ClaimKind.TEST, query, subject=subject, others=tuple(others))
    return Claim(ClaimKind.TEST, query, each=True)


def _ratio_bound_said(sentence: Sentence) -> tuple[Bound, float, list[int]] | None:
    """A bound said on a ratio: its side, its value and the operator words that say it
    ("debajo de 1.1", "menor a 1", "above 1.2", "less than 1.05")."""
    tokens = sentence.tokens
    found = [number.value for number in ratios(sentence.text)]
    at = [i for i, t in enumerate(tokens) if found and t == ratios(sentence.text)[0].whole]
    if not found:
        small = [(i, int(t)) for i, t in enumerate(tokens) if t.isdigit() and int(t) < MAX_RATIO]
        if len(small) != 1:
            return None
        at, found = [small[0][0]], [float(small[0][1])]
    if not at:
        return None
    position = at[0]
    below = sentence.operators(Operator.BELOW, Operator.LESS, Operator.LEAST)
    above = sentence.operators(Operator.ABOVE, Operator.MORE, Operator.MOST)
    near = [p for p in below + above if 0 < position - p <= 3]
    side: Bound | None = None
    if near:
        side = "below" if near[-1] in below else "above"
    elif sentence.reading.bound is not None:
        side = sentence.reading.bound
    else:
        extremes = [
            m for m in sentence.reading.marks if m.cue.extreme and 0 < position - m.start <= 3
        ]
        if extremes:
            side = "below" if extremes[-1].cue.extreme == "smallest" else "above"
    if side is None:
        said = tokens[max(0, position - 2) : position]
        if any(word in ABOVE_WORDS for word in said):
            side = "above"  # "is its ratio over 1?"
        elif any(word in BELOW_WORDS for word in said):
            side = "below"
    if side is None:
        return None
    return side, found[0], near


PLACE_WORDS = frozenset(
    {"place", "rank", "ranked", "position", "spot", "lugar", "puesto", "posicion", "sitio"}
)


def _in_every_tournament(sentence: Sentence) -> Query | None:
    """ "¿Qué equipos jugaron las dos liguillas?", "which teams scored in both finals": the
    clubs that pass the test in each tournament."""
    question = sentence.question
    club_word = any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
    asks_clubs = sentence.reading.asks_who or club_word
    tests = [m for m in sentence.marks(test=True) if m.cue.test in EACH_TOURNAMENT_TESTS]
    if tests and tests[0].cue.test is Test.SCORED and not club_word:
        return _scored_in_each(sentence)
    if not asks_clubs or not tests or question.clubs or question.players:
        return None
    if sentence.reading.extreme is not None:
        return None  # "the most goals in all the liguillas": a ranking over them
    tokens = sentence.tokens
    both = _both_tournaments(sentence)
    two = _two_tournaments(tokens)
    tournaments = question.tournaments or sentence.liguillas()
    if not (both or two) or len(tournaments) < 2:
        return None
    sentence.honoured.update(both)
    test = tests[0].cue.test
    assert test is not None
    # "Made the semis in both": the round reached is the one played, not the one before it
    # that the reader keeps for "how did they get to the semis?".
    round_ = _reached_round(sentence) if test is Test.PLAYED else None
    conditions = tuple(
        Condition(test, scope=Scope(tournaments=(t,), round=round_ or question.round))
        for t in tournaments
    )
    counting = _asks_count(sentence)
    return Query(
        Entity.CLUB,
        Scope(tournaments=tuple(tournaments)),
        conditions=conditions,
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
    )


def _scored_in_each(sentence: Sentence) -> Query | None:
    """ "Which players scored in both liguillas", "¿qué jugador de la UdeG anotó en la
    liguilla del Apertura y en la del Clausura?", "who scored in the semis and the final":
    the scorers with a goal in each tournament (or round) named; a club named is whose."""
    question = sentence.question
    asks_players = sentence.reading.asks_who or sentence.has(*PLAYER_NOUNS)
    if not asks_players or question.players or len(question.clubs) > 1:
        return None
    if sentence.reading.extreme is not None or sentence.operators(Operator.NEGATION):
        return None
    rounds = rounds_said(sentence.spans)
    tournaments = question.tournaments or sentence.liguillas()
    both = _both_tournaments(sentence)
    # "who scored in the quarters and the semis" may list either round's scorers; "both",
    # "each", or one player asked for ("qué jugador anotó en … y en …") asks for each
    one_asked = sentence.has("player", "jugador") and sentence.has(*WHICH_WORDS)
    tokens = sentence.tokens
    # "who scored all of tecos' goals": "all" of the goals, not each tournament
    of_goals = [
        p
        for p in sentence.operators(Operator.BOTH, Operator.EACH)
        if GOAL_NOUNS.intersection(tokens[p + 1 : p + 4])
    ]
    if of_goals:
        return None
    if not (both or sentence.operators(Operator.BOTH, Operator.EACH) or one_asked):
        return None
    if len(rounds) > 1 and len(question.tournaments) <= 1:
        # "in the apertura semis and the final": each round of the tournament said
        scopes = [Scope(tournaments=tuple(question.tournaments), round=r) for r in rounds]
    elif (both or _two_tournaments(sentence.tokens) or len(question.tournaments) > 1) and len(
        tournaments
    ) > 1:
        scopes = [Scope(tournaments=(t,), round=question.round) for t in tournaments]
    else:
        return None
    sentence.honoured.update(both + sentence.operators(Operator.BOTH, Operator.EACH))
    side = question.clubs[0] if question.clubs else None
    conditions = tuple(Condition(Test.SCORED, scope=scope) for scope in scopes)
    whole = Scope(tournaments=tuple(dict.fromkeys(t for sc in scopes for t in sc.tournaments)))
    counting = _asks_count(sentence)
    return Query(
        Entity.PLAYER,
        whole,
        conditions=conditions,
        side=side,
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
    )


def _liguillas_counted(sentence: Sentence) -> bool:
    """A number said right before "liguillas" ("2 liguillas", "how many liguillas"): the
    liguillas are counted (the promotion final is none, so "tournaments" is not read so)."""
    tokens = sentence.tokens
    numbers = {m.start for m in sentence.reading.marks if m.cue.cardinal}
    numbers |= {i for i, t in enumerate(tokens) if t.isdigit()}
    # "Las dos liguillas" names them both; "hubo dos liguillas", "how many liguillas" count.
    counting = {i for i in numbers if i == 0 or tokens[i - 1] not in THE_WORDS}
    counting |= {i for i, t in enumerate(tokens) if t in ("many", "cuantas")}
    return any(tokens[i + 1] in LIGUILLA_WORDS and i in counting for i in range(len(tokens) - 1))


def _two_tournaments(tokens: Sequence[str]) -> bool:
    """ "Las dos liguillas", "the two tournaments": a "two" that names them, no count said."""
    return any(
        a in ("dos", "two") and b in LIGUILLA_WORDS | {"torneos", "tournaments"}
        for a, b in itertools.pairwise(tokens)
    )


def _both_tournaments(sentence: Sentence) -> list[int]:
    """Where "both", "ambos" stand right before the tournaments ("both liguillas", "ambos
    torneos"), not "all" and not a "both" elsewhere ("…and what if they'd won both?")."""
    tokens = sentence.tokens
    named = {s.start for s in sentence.spans if s.of(Kind.TOURNAMENT)}
    return [
        p
        for p in sentence.operators(Operator.BOTH)
        if any(t in SCOPE_WORDS or t in ("finals", "finales") for t in tokens[p + 1 : p + 3])
        or any(p < at <= p + 2 for at in named)  # "both the Apertura final and the Clausura's"
    ]


def _tournaments_joined(sentence: Sentence, scope: Scope) -> bool:
    """Two tournaments of the scope named with "and"/"y" between them (never "or"): a claim
    of both, which holds only if it holds in each."""
    if len(scope.tournaments) < 2:
        return False
    starts = sorted(s.start for s in sentence.spans if s.of(Kind.TOURNAMENT))
    ends = sorted(s.end for s in sentence.spans if s.of(Kind.TOURNAMENT))
    if len(starts) < 2:
        return False
    between = set(sentence.tokens[ends[0] : starts[1]])
    return bool(between & JOIN_WORDS) and not between & {"o", "or", "u", "either"}


EACH_TOURNAMENT_TESTS = frozenset({Test.PLAYED, Test.SCORED, Test.WON_LEG, Test.WENT_THROUGH})


def _entity(sentence: Sentence, default: Entity = Entity.CLUB) -> Entity:
    """What the question selects: the first entity word after "which"/"cuál", a round word
    as its head ("which semi") naming ties, or the default."""
    tokens = sentence.tokens
    marks = sentence.marks(entity=True)
    asking = [t for t in tokens if t in sentence.lex.vocabulary.question_words]
    if asking and asking[0] in ("who", "whom", "quien", "quienes"):
        return Entity.CLUB
    for i, token in enumerate(tokens):
        if token in ("which", "what", "cual", "cuales", "que", "q"):
            for mark in marks:
                if i < mark.start <= i + 3 and mark.cue.entity is not None:
                    return mark.cue.entity
            for span in sentence.spans:
                if i < span.start <= i + 2 and span.of(Kind.ROUND):
                    return Entity.TIE
    for mark in marks:
        if mark.cue.entity in (Entity.CLUB, Entity.LEG, Entity.TIE, Entity.STADIUM):
            return mark.cue.entity
    return default


SET_TESTS = frozenset(
    {Test.WENT_OUT, Test.PLAYED, Test.WENT_THROUGH, Test.RELEGATED, Test.SCORED, Test.WON_TITLE}
)
"""What a club did, said beside what it did not ("no jugó el Apertura pero ganó el Clausura")."""


def _negated_set(sentence: Sentence) -> Query | None:
    """ "Which team didn't score", "¿quién no perdió ni un partido?", "which leg had no
    goals": the rows of the scope that fail a test."""
    negations = sentence.operators(Operator.NEGATION)
    if not negations:
        return None
    clubs = sentence.clubs_at()
    asked_who = sentence.reading.asks_who or bool(sentence.marks(entity=True))
    why = sentence.has(*WHY_WORDS)
    if len(clubs) == 1 and (clubs[0][0] < negations[0] or why) and not asked_who:
        # "Tecos fue campeón pero no subió??", "why didn't Tecos go up?": said of Tecos,
        # not a set of clubs.
        return None
    conditions: list[Condition] = []
    used: set[int] = set()
    entity = _entity(sentence)
    for position in negations:
        condition = _negated_condition(sentence, position, entity)
        if condition is not None:
            conditions.append(condition)
            used.add(position)
    if not conditions:
        return None
    used |= _same_negation(sentence, used)
    for mark in sentence.marks(test=True):
        test = mark.cue.test
        if any(abs(mark.start - p) <= NEAR for p in used) or test is None:
            continue
        if test in SET_TESTS and entity is Entity.CLUB:
            scope = _clause_scope(sentence, mark.start)
            if test is Test.WON_TITLE and scope is not None:
                scope = Scope(tournaments=scope.tournaments)  # "…pero ganó el Clausura"
            conditions.append(Condition(test, scope=scope))
        elif entity is Entity.CLUB and test in (Test.WON_LEG, Test.LOST_LEG, Test.DREW_LEG):
            return None  # a test of games said beside it, which the set would drop
    sentence.honoured.update(used)
    _quantified(sentence)
    if entity is Entity.CLUB and sentence.reading.ratio_word:
        # "¿quién de la tabla de cociente…?": rows of the table, and any ratio it names.
        entity = Entity.TABLE_ROW
        conditions += [
            Condition(Test.PLAYED, measure=Measure.RATIO, value=value)
            for value in _decimals(sentence)
        ]
        sentence.decimals_used |= bool(_decimals(sentence))
    base = _base_scope(sentence, conditions)
    counting = sentence.question.intent is Intent.COUNT or _asks_count(sentence)
    offered = sentence.question.clubs if entity is Entity.CLUB and _choice(sentence) else ()
    if offered:
        base = replace(base, clubs=())  # the clubs offered to choose from, not their games
    return Query(
        entity,
        base,
        conditions=tuple(conditions),
        aggregation=Aggregation.COUNT if counting else Aggregation.LIST,
        named=tuple(offered),
    )


def _game_tested_set(sentence: Sentence) -> Query | None:
    """ "Which clubs won a game in the playoffs", "¿cuántos equipos perdieron un partido en
    el Clausura?": the clubs that did so in a game of the scope, never the tournament's
    champions (a game won is not a title) nor one tie's winner."""
    question = sentence.question
    if question.clubs or question.players or sentence.operators(Operator.NEGATION):
        return None
    leg = question.leg
    if leg is not None and (leg.number is not None or leg.score is not None or leg.draw):
        return None  # "who won the first leg", "which teams drew 0-0": those games' own
    if Part.BIGGEST_WIN in question.parts or sentence.reading.extreme is not None:
        return None  # "which away side won by the biggest margin": a ranking of games
    clubs_asked = any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
    clubs_asked = clubs_asked or sentence.has(*ANYONE_WORDS)  # "did anyone win away?"
    counted = _asks_count(sentence)
    some = bool(sentence.operators(Operator.SOME))  # "¿algún equipo ganó…?": whether any did
    if not (clubs_asked and (counted or some or sentence.has(*WHICH_WORDS))) and not (
        sentence.reading.asks_who and not counted
    ):
        return None
    marks = [m for m in sentence.marks(test=True) if m.cue.test is not None]
    if len(marks) != 1 or marks[0].cue.test is None:
        return None
    test = _resolved_test(sentence, marks[0].cue.test, None, marks[0].start)
    sides = {m.cue.leg for m in sentence.reading.marks if m.cue.leg in ("home", "away")}
    if len(sides) == 1 and test in (Test.WON_TITLE, Test.WON_LEG, Test.WENT_THROUGH):
        # "which clubs won away", "¿algún equipo ganó de visitante?": a game won there
        test = Test.WON_HOME if sides == {"home"} else Test.WON_AWAY
    if test not in (Test.WON_LEG, Test.LOST_LEG, Test.DREW_LEG, Test.WON_AWAY, Test.WON_HOME):
        return None
    scope = sentence.scope(leg=None, score=None)
    aggregation = Aggregation.COUNT if counted else Aggregation.LIST
    return Query(Entity.CLUB, scope, conditions=(Condition(test),), aggregation=aggregation)


ANYONE_WORDS = frozenset({"anyone", "anybody", "someone", "somebody", "alguien"})
SIDE_TESTS = frozenset({Test.HOME_WON, Test.AWAY_WON})
"""A game won by the side that hosted it, or by the visitors."""


def _won_by_side(sentence: Sentence) -> Query | None:
    """ "Which games were won by the away team", "¿cuántas victorias de visitante hubo?",
    "biggest away win of the playoffs": the games the home side (or the visitors) won,
    listed, counted, or ranked by margin; never every game, nor the finals."""
    question = sentence.question
    if question.clubs or question.players or sentence.operators(Operator.NEGATION):
        return None
    marks = [m for m in sentence.marks(test=True) if m.cue.test in SIDE_TESTS]
    if not marks or marks[0].cue.test is None:
        return None
    scope = sentence.scope(leg=None, score=None)
    conditions = (Condition(marks[0].cue.test),)
    most, biggest = _superlative(sentence)
    extreme = _extreme_of(sentence, most, biggest)
    if extreme is None and Part.BIGGEST_WIN in question.parts:
        extreme = "biggest"  # "which away team won by the biggest margin"
    if extreme is not None:
        sentence.honoured.update(most)
        sentence.extreme_used = True
        aggregation = _aggregation_of(extreme)
        return Query(Entity.LEG, scope, conditions, aggregation=aggregation, measure=Measure.MARGIN)
    aggregation = Aggregation.COUNT if _asks_count(sentence) else Aggregation.LIST
    return Query(Entity.LEG, scope, conditions, aggregation=aggregation)


def _asks_count(sentence: Sentence) -> bool:
    """ "How many", "cuántos", "total goals", "goles en total": a count or a sum asked."""
    return sentence.has("cuantos", "cuantas", "many", "total") or "how many" in " ".join(
        sentence.tokens
    )


def _negated_condition(sentence: Sentence, position: int, entity: Entity) -> Condition | None:
    tokens = sentence.tokens
    if position + 1 < len(tokens) and tokens[position + 1] in COUNTING_VERBS:
        return None  # "not counting the promotion final" leaves it out; it negates nothing
    window = range(position + 1, min(len(tokens), position + NEAR + 1))
    for mark in sentence.reading.marks:
        if mark.start not in window:
            continue
        cue = mark.cue
        if cue.test is not None:
            test = cue.test
            if entity in (Entity.LEG, Entity.TIE) and test in (
                Test.WON_TITLE,
                Test.WON_LEG,
                Test.WENT_THROUGH,
            ):
                test = Test.DRAWN  # "ended with no winner"
                return Condition(test)
            if entity is Entity.CLUB and test is Test.WON_TITLE:
                # "never won a game": the game said after the verb is what was not won.
                test = _resolved_test(sentence, test, None, mark.start)
            if test is Test.WON_TITLE and sentence.question.round not in (None, RoundName.FINAL):
                test = Test.WENT_THROUGH
            if test is Test.LOST_LEG and entity is Entity.CLUB and not _legs_named(sentence):
                test = Test.LOST_LEG
            if entity in (Entity.LEG, Entity.TIE) and test in (Test.LOST_LEG, Test.WENT_OUT):
                return None  # a game loses nothing: "winners didn't lose either leg" is of clubs
            if entity is not Entity.CLUB and test in (Test.SCORED,):
                return Condition(Test.GOALLESS)
            return Condition(test, negated=True, scope=_clause_scope(sentence, mark.start))
        if cue.entity is Entity.GOAL or cue.measure is Measure.GOALS:
            if entity is Entity.CLUB:
                return Condition(Test.SCORED, negated=True)
            return Condition(Test.GOALLESS)
        if Part.WINNER in cue.parts or cue.weights.get(Intent.CHAMPION, 0) > 0:
            if entity in (Entity.LEG, Entity.TIE):
                return Condition(Test.DRAWN)
            return Condition(Test.WON_TITLE, negated=True)
    # "wasn't in the Apertura liguilla": being in it is having played it.
    for span in sentence.spans:
        if span.start in window and span.of(Kind.TOURNAMENT) and entity is Entity.CLUB:
            return Condition(
                Test.PLAYED, negated=True, scope=_clause_scope(sentence, span.start - 1)
            )
    return None


def _legs_named(sentence: Sentence) -> bool:
    return any(m.cue.entity is Entity.LEG for m in sentence.marks(entity=True))


def _clause_scope(sentence: Sentence, position: int) -> Scope | None:
    """The tournament and round named in the clause after `position`, when the question
    names more than one ("wasn't in the Apertura liguilla but made the Clausura one";
    "which semifinalists didn't make the final"): else the question's own scope holds."""
    mentions = {
        (target.kind, target.value)
        for span in sentence.spans
        for target in span.targets
        if target.kind in (Kind.TOURNAMENT, Kind.ROUND)
    }
    if len(mentions) < 2 or (len(sentence.question.tournaments) < 2 and _one_round(sentence)):
        return None
    tournaments: list[str] = []
    round_: RoundName | None = None
    for span in sorted(sentence.spans, key=lambda span: span.start):
        if span.start <= position:
            continue
        if any(sentence.tokens[i] in _CLAUSE_BREAKS for i in range(position + 1, span.start)):
            break
        for target in span.of(Kind.TOURNAMENT)[:1]:
            tournaments.append(target.value)
        for target in span.of(Kind.ROUND)[:1]:
            round_ = round_ or RoundName(target.value)
        if tournaments or round_:
            break
    if not tournaments and round_ is None:
        return None
    question = sentence.question
    return Scope(tournaments=tuple(tournaments) or tuple(question.tournaments), round=round_)


def _one_round(sentence: Sentence) -> bool:
    rounds = {t.value for span in sentence.spans for t in span.of(Kind.ROUND)}
    return len(rounds) < 2


def _base_scope(sentence: Sentence, conditions: Sequence[Condition]) -> Scope:
    """The scope the rows are taken from: the question's, less what a condition took as its
    own ("which Apertura semifinalists didn't make the final": the semifinals)."""
    scope = sentence.scope(leg=None, score=None)
    own = [c.scope for c in conditions if c.scope is not None]
    if not own:
        return scope
    taken_tournaments = {t for s in own for t in s.tournaments if s.round is None}
    taken_rounds = {s.round for s in own if s.round is not None}
    tournaments = tuple(t for t in scope.tournaments if t not in taken_tournaments)
    round_ = _entity_round(sentence) if scope.round in taken_rounds else scope.round
    return Scope(tournaments=tournaments, round=round_)


def _entity_round(sentence: Sentence) -> RoundName | None:
    """The round an entity word names ("semifinalists")."""
    for span in sentence.spans:
        for target in span.of(Kind.ROUND):
            if sentence.tokens[span.start].endswith(("ists", "istas", "ist", "ista")):
                return RoundName(target.value)
    return None


ABOVE_WORDS = frozenset({"above", "arriba", "encima", "over", "ahead"})
BELOW_WORDS = frozenset({"below", "abajo", "debajo", "beneath", "under", "behind"})
NEXT_WORDS = {"after": False, "despues": False, "before": True, "antes": True}
"""Said right beside a club in a table ("right after Dorados", "justo antes de Celaya"): the
row below, or above. Alone they speak of time ("after finishing bottom")."""
RIGHT_BESIDE = frozenset({"right", "just", "justo", "directly", "inmediatamente", "came", "comes"})


def _table_direction(sentence: Sentence) -> tuple[list[int], bool]:
    """Where the question says "above"/"below" (its positions), and whether the first said
    is "below"."""
    tokens = sentence.tokens
    beside = {
        i: NEXT_WORDS[token]
        for i, token in enumerate(tokens)
        if token in NEXT_WORDS and i and tokens[i - 1] in RIGHT_BESIDE
    }
    above = [i for i, token in enumerate(tokens) if token in ABOVE_WORDS or beside.get(i)]
    below = [i for i, token in enumerate(tokens) if token in BELOW_WORDS or beside.get(i) is False]
    return above + below, bool(below) and (not above or below[0] < above[0])


BETWEEN_WORDS = frozenset({"between", "entre", "sandwiched", "betwixt"})


def _between_rows(sentence: Sentence) -> Query | None:
    """ "¿Quién estaba entre Altamira y Ballenas en la tabla de cociente?", "who was
    sandwiched between altamira and ballenas": the rows ranked between the two named."""
    question = sentence.question
    if len(question.clubs) != 2 or not sentence.has(*BETWEEN_WORDS) or not _tabled(sentence):
        return None
    # "points between X and Y", "mejor cociente entre X y Y": a figure of the two, not who
    # ranked between them
    measured = any(m.cue.measure is not None or m.cue.extreme for m in sentence.reading.marks)
    if measured or _asks_count(sentence) or sentence.has(*DIFFERENCE_WORDS):
        return None
    if not (sentence.reading.asks_who or sentence.has(*WHICH_WORDS)):
        return None
    ranks = {row.club: row.rank for row in sentence.lex.season.relegation.rows}
    if not all(club in ranks for club in question.clubs):
        return None
    high, low = sorted(ranks[club] for club in question.clubs)
    below_high = Condition(Test.PLAYED, measure=Measure.RANK, value=float(high), bound="above")
    above_low = Condition(Test.PLAYED, measure=Measure.RANK, value=float(low), bound="below")
    return Query(Entity.TABLE_ROW, conditions=(below_high, above_low))


def _neighbour(sentence: Sentence) -> Query | None:
    """ "Who is right above Zacatepec in the table?", "¿quién quedó un lugar abajo?"."""
    said, lower = _table_direction(sentence)
    question = sentence.question
    if not said or len(question.clubs) != 1 or not _tabled(sentence):
        return None
    if question.seats is not None:
        return None
    both = len({sentence.tokens[p] in BELOW_WORDS for p in said}) > 1  # "above and below"
    sentence.honoured.update(said)
    sentence.bound_used = True
    return Query(
        Entity.TABLE_ROW,
        aggregation=Aggregation.NEIGHBOUR,
        named=(question.clubs[0],),
        below=lower,
        both_sides=both,
    )


def _table_measure(sentence: Sentence) -> Measure | None:
    for mark in sentence.reading.marks:
        if mark.cue.measure in (Measure.POINTS, Measure.RATIO, Measure.GAMES):
            return mark.cue.measure
    if sentence.reading.ratio_word and sentence.has(*COUNTED):
        return Measure.GAMES  # "the fewest games in the relegation table": its games column
    return Measure.RATIO if sentence.reading.ratio_word else None


def _difference(sentence: Sentence) -> Query | None:
    """ "Ratio difference between Zacatepec and Ballenas", "¿cuántos puntos le sacó…?",
    "diferencia de capacidad entre el Victoria y el Miguel Alemán", "goal difference between
    Necaxa and Delfines in the Apertura": by how much one named is ahead of the other."""
    question = sentence.question
    if not sentence.has(*DIFFERENCE_WORDS):
        return None
    measure = _table_measure(sentence)
    if measure is not None and len(question.clubs) == 2:
        return Query(
            Entity.TABLE_ROW,
            aggregation=Aggregation.DIFFERENCE,
            measure=measure,
            named=tuple(question.clubs[:2]),
        )
    if measure is not None:
        return None
    grounds = _grounds(sentence)
    if _about_stadia(sentence) and len(grounds) == 2:
        return Query(
            Entity.STADIUM,
            aggregation=Aggregation.DIFFERENCE,
            measure=Measure.CAPACITY,
            named=grounds,
        )
    if _goals_said(sentence) and len(question.clubs) == 2 and not question.players:
        return _clubs_by_goals(sentence, Aggregation.DIFFERENCE)
    return None


def _goals_said(sentence: Sentence) -> bool:
    """Goals are what is measured: a phrase about goals, or one that counts them."""
    return any(
        m.cue.entity is Entity.GOAL or m.cue.measure is Measure.GOALS
        for m in sentence.reading.marks
    )


def _most_goals(sentence: Sentence, aggregation: Aggregation, nth: int) -> Query:
    """ "Which team scored the most": the clubs by their goals; "who scored the most playoff
    goals", with no club word, a scorer."""
    club_said = any(m.cue.entity is Entity.CLUB for m in sentence.marks(entity=True))
    asks_scorer = sentence.reading.asks_who and not club_said and not sentence.question.clubs
    if asks_scorer and aggregation is Aggregation.MAX:
        return _ranked_by(sentence, Entity.PLAYER, Measure.GOALS, aggregation, nth)
    return _clubs_by_goals(sentence, aggregation)


def _clubs_by_goals(sentence: Sentence, aggregation: Aggregation) -> Query:
    """The two clubs named, by the goals each scored in the scope asked."""
    return Query(
        Entity.CLUB,
        sentence.scope(leg=None, score=None),
        aggregation=aggregation,
        measure=Measure.GOALS,
        named=tuple(sentence.question.clubs[:2]),
    )


def _capacity_sum(sentence: Sentence) -> Query | None:
    """ "Add up the capacity of all the stadiums", "¿cuánto suman el Jalisco y el Victoria?":
    the seats of the grounds named, or of every ground."""
    if not _about_stadia(sentence) or not sentence.has(*SUM_WORDS):
        return None
    grounds = _grounds(sentence)
    if len(grounds) == 1:
        return None
    sentence.honoured.update(sentence.operators(Operator.EACH))
    return Query(
        Entity.STADIUM, aggregation=Aggregation.SUM, measure=Measure.CAPACITY, named=grounds
    )


SUM_WORDS = (
    "total", "add", "sum", "combined", "altogether", "together", "suma", "sumale", "suman",
    "sumados", "sumando", "juntos", "juntas",
)  # fmt: skip


def _about_stadia(sentence: Sentence) -> bool:
    """Stadia are what is asked about: a stadium named or said, or capacity."""
    question = sentence.question
    return (
        sentence.reading.stadium_word
        or bool(question.stadium or question.stadiums)
        or any(m.cue.measure is Measure.CAPACITY for m in sentence.reading.marks)
    )


DIFFERENCE_WORDS = (
    "difference", "diferencia", "gap", "saco", "saca", "sacaba", "separaba", "separated",
    "ahead", "behind", "separaban", "separo", "separates", "separating", "distance",
    "distancia",
)  # fmt: skip


def _than_between_clubs(sentence: Sentence) -> bool:
    """ "than"/"que" between the first two clubs (or players, or grounds) named: "X … más
    goles que Y", "¿Lojero metió más goles q Gutiérrez?", "¿el Lastras tiene más capacidad
    que el Victoria?"."""
    named = sentence.clubs_at()
    for kind in (Kind.PLAYER, Kind.STADIUM):
        if len(named) < 2:
            named = [
                (s.start, "") for s in sorted(sentence.spans, key=lambda s: s.start) if s.of(kind)
            ]
    return _than_between(sentence, [start for start, _ in named])


def _than_between(sentence: Sentence, starts: Sequence[int]) -> bool:
    """Whether "than"/"que" stands between the first two of the positions said."""
    if len(starts) < 2:
        return False
    first, second = starts[0], starts[1]
    return any(token in THAN_WORDS for token in sentence.tokens[first + 1 : second])


THAN_WORDS = frozenset({"than", "then", "que", "q"})


def _comparison(sentence: Sentence) -> Query | None:
    """Two clubs or players set side by side: "higher ratio: X or Y", "¿quién metió más
    goles, Oaxaca o Delfines?", "¿quién era mejor sembrado?"."""
    question = sentence.question
    more = sentence.operators(Operator.MORE, Operator.LESS)
    # "X or Y" with a comparative ("who scored more, X or Y?"); "X vs Y" is a match. Spanish
    # says "more" and "most" alike: "más goles que Delfines" compares, by its "que".
    either = sentence.has("or", "o") and sentence.reading.extreme is not None
    said = sentence.reading.extreme is not None or sentence.reading.bound is not None
    than = said and _than_between_clubs(sentence)  # "more than", "más goles que"
    compares = bool(more) or Part.COMPARE in question.parts or either or than
    if not compares:
        return _tournaments_compared(sentence, compares, than)
    seeded = [m for m in sentence.reading.marks if m.cue.measure is Measure.SEED]
    if seeded and len(question.clubs) == 2:
        sentence.honoured.update(more)
        scope = sentence.scope(clubs=tuple(question.clubs[:2]), leg=None, score=None)
        return Query(
            Entity.TIE,
            scope,
            aggregation=Aggregation.COMPARE,
            measure=Measure.SEED,
            named=tuple(question.clubs[:2]),
        )
    if len(question.clubs) == 2 and (
        sentence.reading.ratio_word or _table_measure(sentence) in (Measure.POINTS,)
    ):
        measure = _table_measure(sentence)
        if measure is not None and not sentence.reading.stadium_word:
            sentence.honoured.update(more)
            return Query(
                Entity.TABLE_ROW,
                aggregation=Aggregation.COMPARE,
                measure=measure,
                named=tuple(question.clubs[:2]),
            )
    goals = _goals_said(sentence) or any(
        m.cue.test is Test.SCORED for m in sentence.marks(test=True)
    )
    if len(question.clubs) == 2 and not question.players and compares and _conceded(sentence):
        # "udeg vs necaxa - who conceded more": the two, by the goals each let in
        sentence.honoured.update(more)
        sentence.bound_used |= than
        return replace(_clubs_by_goals(sentence, Aggregation.COMPARE), measure=Measure.CONCEDED)
    if goals and len(question.clubs) == 2 and not question.players and compares:
        sentence.honoured.update(more)
        sentence.bound_used |= than
        return _clubs_by_goals(sentence, Aggregation.COMPARE)
    if len(question.clubs) == 2 and not goals and compares and _games_measured(sentence, None):
        # "did udeg play more playoff games than tecos": the games each played in the scope
        sentence.honoured.update(more)
        sentence.bound_used |= than
        scope = sentence.scope(leg=None, score=None)
        games = (Condition(Test.PLAYED),)
        named = tuple(question.clubs[:2])
        return Query(
            Entity.CLUB,
            scope,
            games,
            aggregation=Aggregation.COMPARE,
            measure=Measure.GAMES,
            named=named,
        )
    if goals and len(question.players) >= 2 and compares:
        sentence.honoured.update(more)
        sentence.bound_used |= than
        scope = sentence.scope(leg=None, score=None)
        return Query(
            Entity.GOAL,
            scope,
            aggregation=Aggregation.COMPARE,
            measure=Measure.GOALS,
            named=tuple(question.players[:2]),
            players=tuple(question.players[:2]),
        )
    return _tournaments_compared(sentence, compares, than)


def _tournaments_compared(sentence: Sentence, compares: bool, than: bool) -> Query | None:
    """Two tournaments set side by side by their goals or games, or one club's in each:
    "¿hubo más goles en la liguilla del Apertura que en la del Clausura?", "the Clausura had
    more draws than the Apertura?", "did Delfines concede more in the Apertura or the
    Clausura?"."""
    question = sentence.question
    if len(question.tournaments) != 2 or len(question.clubs) > 1 or question.players:
        return None
    # "Más goles en el Apertura que en el Clausura": Spanish says "more" and "most" alike.
    said = sorted(s.start for s in sentence.spans if s.of(Kind.TOURNAMENT))
    than = than or (sentence.reading.extreme is not None and _than_between(sentence, said))
    if not (compares or than):
        return None
    # "More draws", "más 0-0": the games that ended so, counted.
    tests = {ENDED_AS[m.cue.test] for m in sentence.marks(test=True) if m.cue.test in ENDED_AS}
    score = question.leg.score if question.leg is not None else None
    if score == (0, 0):
        tests.add(Test.GOALLESS)
    elif score is not None:
        return None
    ended = tuple(Condition(test) for test in sorted(tests))
    games_said = _legs_named(sentence) or any(
        m.cue.measure is Measure.GAMES for m in sentence.reading.marks
    )
    if _conceded(sentence) and question.clubs:
        measure = Measure.CONCEDED  # "did Delfines concede more in the Apertura or the Clausura?"
    elif _goals_said(sentence) or (_scored_said(sentence) and question.clubs):
        measure = Measure.GOALS
    elif games_said or ended:
        measure = Measure.GAMES
    else:
        return None
    sentence.honoured.update(sentence.operators(Operator.MORE, Operator.LESS))
    sentence.bound_used |= than
    named = tuple(question.tournaments)
    return Query(
        Entity.TOURNAMENT,
        Scope(tournaments=named, round=question.round, clubs=tuple(question.clubs)),
        conditions=ended if measure is Measure.GAMES else (),
        aggregation=Aggregation.COMPARE,
        measure=measure,
        named=named,
    )


ENDED_AS = {Test.DRAWN: Test.DRAWN, Test.DREW_LEG: Test.DRAWN, Test.GOALLESS: Test.GOALLESS}
"""How a game ended, said of a tournament's games: "draws" (a club's "drew"), "0-0s"."""


def _ranking(sentence: Sentence) -> Query | None:
    """A superlative or a place in an order: "the 2nd biggest stadium", "earliest goal",
    "the game with the most goals", "biggest aggregate win"."""
    reading = sentence.reading
    most, biggest = _superlative(sentence)
    nth, nth_at = _nth(sentence)
    extreme = _extreme_of(sentence, most, biggest)
    if extreme is None:
        return None
    by = _table_measure(sentence)
    listed = _listed_ranks(sentence) or _listed_said(sentence)
    if reading.ratio_word and not reading.stadium_word and (listed or by in UNRANKED_MEASURES):
        # "of ranks 10 to 15, who had the best ratio", "the fewest points in the relegation
        # table": the rows the source gives, which the answer says it ranked. The table is
        # ranked by ratio, so only its lowest ratio is known of the whole table; its points
        # and games are known only of the rows listed, and the answer says so.
        sentence.honoured.update(most)
        if nth_at is not None:
            sentence.honoured.add(nth_at)
        sentence.extreme_used = True
        return Query(
            Entity.TABLE_ROW,
            aggregation=_aggregation_of(extreme),
            measure=by or Measure.RATIO,
            nth=nth,
        )
    if reading.ratio_word and nth > 1 and not reading.stadium_word:
        return _table_nth(sentence, extreme, nth, nth_at, most)
    measures = [m for m in reading.marks if m.cue.measure is not None]
    measure = measures[0].cue.measure if measures else None
    entity = _entity(sentence, default=Entity.CLUB)
    named_entity = any(m.cue.entity is not None for m in sentence.marks(entity=True))
    of_round = not named_entity and sentence.question.round is not None
    by_goals = measure is Measure.GOALS and not sentence.question.clubs
    if entity is Entity.CLUB and of_round and by_goals and not reading.asks_who:
        entity = Entity.TIE  # "which of the three finals had the most goals"
    goal_said = sentence.has(*GOAL_WORDS)
    if measure is Measure.MINUTE and entity is Entity.LEG and not goal_said:
        # "The earliest match of the liguilla", "latest date a match was played": by day.
        measure = Measure.DATE
    elif any(m.cue.measure is Measure.MINUTE for m in measures) or (
        sentence.has("gol", "goal") and measure is Measure.MINUTE
    ):
        entity, measure = Entity.GOAL, Measure.MINUTE
    elif measure is Measure.MARGIN:
        entity = (
            Entity.TIE
            if sentence.has("aggregate", "global", "agregado") or entity is Entity.TIE
            else Entity.LEG
        )
    elif measure is Measure.GOALS and entity in (Entity.LEG, Entity.TIE):
        pass
    elif entity is Entity.CLUB and (measure is Measure.CONCEDED or _conceded(sentence)):
        measure = Measure.CONCEDED  # "¿qué equipo recibió más goles?"
    elif (
        entity is Entity.CLUB
        and named_entity
        and (measure is None or (measure is Measure.GOALS and _both_tournaments(sentence)))
        and _scored_said(sentence)
    ):
        # "Which team scored the most (goals over both liguillas)": ranked over them all (the
        # most goals in one scope is the clubs' goals table, answered by intent).
        sentence.honoured.update(most + _both_tournaments(sentence))
        sentence.extreme_used = True
        return _most_goals(sentence, _aggregation_of(extreme), nth)
    elif _games_measured(sentence, measure):
        # "who played the most playoff games": each club's legs in the scope; "which ground
        # hosted the most games": the legs each hosted.
        measure = Measure.GAMES
        entity = Entity.STADIUM if reading.stadium_word else Entity.CLUB
    elif measure is Measure.GAMES:
        return None  # the relegation table's games: not a ground's size
    elif entity is Entity.STADIUM or reading.stadium_word:
        if nth == 1 and not most and not sentence.apart:
            return None  # the stadium extreme answers it (not one set apart)
        entity, measure = Entity.STADIUM, Measure.CAPACITY
    else:
        return None
    sentence.honoured.update(most)
    if nth_at is not None:
        sentence.honoured.add(nth_at)
    if entity in (Entity.GOAL, Entity.LEG, Entity.TIE):
        # "The earliest goal in any playoff game": over them all.
        sentence.honoured.update(sentence.operators(Operator.SOME))
    return _ranked_by(sentence, entity, measure, _aggregation_of(extreme), nth)


def _ranked_by(
    sentence: Sentence, entity: Entity, measure: Measure | None, aggregation: Aggregation, nth: int
) -> Query:
    """The ranking query: a ground's size is the season's, its games and all else are the
    scope's; ranked by games, the clubs that played none are not in the running."""
    by_games = measure is Measure.GAMES
    whole = entity is Entity.STADIUM and not by_games
    scope = Scope() if whole else sentence.scope(leg=None, score=None)
    played = (Condition(Test.PLAYED),) if by_games else ()
    return Query(entity, scope, played, aggregation=aggregation, measure=measure, nth=nth)


def _extreme_of(sentence: Sentence, most: list[int], biggest: bool) -> str | None:
    """The superlative a ranking ranks by: the one said, "most"/"least", or "biggest win
    on aggregate" (the widest tie, not one game)."""
    reading = sentence.reading
    if reading.extreme is not None:
        return reading.extreme
    widest = any(m.cue.measure is Measure.MARGIN for m in reading.marks)
    if widest and sentence.has(*AGGREGATE_WORDS):
        return "biggest"
    if not most:
        return None
    return "biggest" if biggest else "smallest"


def _games_measured(sentence: Sentence, measure: Measure | None) -> bool:
    """Whether clubs or grounds are ranked by their games: "the most games", or "played the
    fewest games"; not the relegation table's games."""
    if sentence.reading.ratio_word:
        return False
    played = any(m.cue.test is Test.PLAYED for m in sentence.marks(test=True))
    return measure is Measure.GAMES or (measure is None and played and _legs_named(sentence))


def _superlative(sentence: Sentence) -> tuple[list[int], bool]:
    """Where "most" or "least" is said, and whether it is the most. Asked of one ("¿qué
    equipo anotó más?", "¿quién tuvo menos puntos?"), Spanish "más" and "menos" are the most
    and the least: they say "more" and "most" alike."""
    most = sentence.operators(Operator.MOST, Operator.LEAST)
    more = sentence.operators(Operator.MORE)
    less = sentence.operators(Operator.LESS)
    asked_of_one = sentence.reading.asks_who and not _than_between_clubs(sentence)
    if not most and (more or less) and asked_of_one:
        return more or less, bool(more)
    return most, bool(sentence.operators(Operator.MOST))


def _aggregation_of(extreme: str) -> Aggregation:
    return Aggregation.MAX if extreme == "biggest" else Aggregation.MIN


def _scored_said(sentence: Sentence) -> bool:
    return any(m.cue.test is Test.SCORED for m in sentence.marks(test=True))


def _table_nth(
    sentence: Sentence, extreme: str, nth: int, nth_at: int | None, most: list[int]
) -> Query | None:
    """ "The 2nd lowest ratio": the table ranks by ratio, and the source lists its bottom
    rows, so the nth lowest is known while the nth highest is not (left unread, its ordinal
    blocks). Points and games do not follow the ranks: only the ratio is ranked."""
    if extreme != "smallest" or _table_measure(sentence) not in (Measure.RATIO, None):
        return None
    sentence.honoured.update(most)
    if nth_at is not None:
        sentence.honoured.add(nth_at)
    sentence.extreme_used = True
    return Query(Entity.TABLE_ROW, aggregation=Aggregation.MIN, measure=Measure.RATIO, nth=nth)


UNRANKED_MEASURES = frozenset({Measure.POINTS, Measure.GAMES})
"""What the relegation table lists of each row but does not rank it by."""
LISTED_WORDS = frozenset(
    {"listed", "shown", "aparece", "aparecen", "listados", "listadas", "mostrados"}
)
"""Words that keep a question to the rows the source lists ("the teams listed")."""
PARTITIVES = frozenset({"ones", "those", "these", "among", "entre", "estos", "esos"})
"""Said right before the table's name: "of the ones in the relegation table"."""


def _listed_said(sentence: Sentence) -> bool:
    """ "Of the teams listed in the relegation table", "de los que aparecen", "the best ratio
    of the ones in the table": the rows the source lists, and no others."""
    if sentence.has(*LISTED_WORDS):
        return True
    tables = [m.start for m in sentence.reading.marks if m.cue.ratio_word]
    return any(PARTITIVES.intersection(sentence.tokens[max(0, at - 4) : at]) for at in tables)


def _listed_ranks(sentence: Sentence) -> bool:
    """Whether the question names the first and last ranks the source's table lists."""
    table = sentence.lex.season.relegation.rows
    numbers = {int(token) for token in sentence.tokens if token.isdigit() and len(token) <= 2}
    ranks = [row.rank for row in table]
    return {min(ranks), max(ranks)} <= numbers


def _nth(sentence: Sentence) -> tuple[int, int | None]:
    for i, token in enumerate(sentence.tokens):
        found = _ORDINAL.match(token)
        if found is not None:
            return int(found.group(1)), i
    for mark in sentence.reading.marks:
        if mark.cue.ordinal is not None and mark.cue.entity is None:
            return mark.cue.ordinal, mark.start
    return 1, None


def _goal_by_test(sentence: Sentence) -> Query | None:
    """ "Who scored the equaliser for Tecos in the final?": the goals that did it."""
    marks = [m for m in sentence.marks(test=True) if m.cue.test is Test.EQUALISER]
    if not marks:
        return None
    question = sentence.question
    side = _side(sentence) or (question.clubs[0] if len(question.clubs) == 1 else None)
    clubs = tuple(question.clubs[:2]) if len(question.clubs) > 1 else ()
    scope = sentence.scope(clubs=clubs)
    return Query(Entity.GOAL, scope, conditions=(Condition(Test.EQUALISER),), side=side)


def _goal_by_place(sentence: Sentence) -> Query | None:
    """ "Who opened the scoring in UdeG 5-0 Mérida", "el quinto gol de la UdeG", "who
    scored in the 89th minute"."""
    question = sentence.question
    opener = next((m for m in sentence.reading.marks if m.cue.measure is Measure.ORDER), None)
    ordinal = next(
        (m for m in sentence.reading.marks if m.cue.ordinal is not None and m.cue.entity is None),
        None,
    )
    goal_word = sentence.has("goal", "gol")
    minute = _minute_named(sentence)
    clubs = tuple(question.clubs[:2])
    scope = sentence.scope(clubs=clubs)
    if minute is not None and (
        goal_word or question.intent in (Intent.SCORERS, Intent.PLAYER_GOALS)
    ):
        return Query(Entity.GOAL, replace(scope, minute=minute))
    if opener is not None and opener.cue.ordinal is not None:
        return Query(
            Entity.GOAL,
            scope,
            aggregation=Aggregation.MIN,
            measure=Measure.ORDER,
            nth=opener.cue.ordinal,
        )
    if ordinal is not None and goal_word and ordinal.cue.ordinal is not None:
        side = _side(sentence)
        return Query(
            Entity.GOAL,
            scope,
            aggregation=Aggregation.MIN,
            measure=Measure.ORDER,
            nth=ordinal.cue.ordinal,
            side=side,
        )
    return None


def _minute_named(sentence: Sentence) -> int | None:
    """A minute said: beside a minute word ("minuto 90", "39th min"), after "al"/"at" ("anotó
    al 63"), or an ordinal that ends a phrase ("was it in the 90th?"; "the 2nd leg" is a leg)."""
    tokens = sentence.tokens
    words = sentence.accounting.words
    for i, token in enumerate(tokens):
        ordinal = _ORDINAL.match(token)
        found = ordinal or (re.match(r"^(\d{1,3})$", token))
        if found is None or not 1 <= int(found.group(1)) <= 130:
            continue
        near = tokens[max(0, i - 2) : i + 3]
        beside = tokens[i - 1 : i] + tokens[i + 1 : i + 2]
        after_marker = i > 0 and tokens[i - 1] in MINUTE_MARKERS
        ends_phrase = i + 1 == len(tokens) or words[i + 1].use in (Use.FRAME, Use.COMMON)
        if (
            any(word in MINUTE_WORDS for word in near)
            or (after_marker and not any(word.isdigit() for word in beside))
            or (ordinal is not None and ends_phrase and i > 0 and tokens[i - 1] in ("the", "el"))
        ):
            return int(found.group(1))
    return None


MINUTE_MARKERS = frozenset({"al", "at"})
"""Before a bare number, a minute: "anotó al 63", "scored at 89"."""
MINUTE_WORDS = frozenset({"min", "minute", "minuto", "mins", "minutes", "minutos"})
GOAL_WORDS = GOAL_NOUNS | {"scorers", "scorer", "goleadores", "anotadores"}
SIDE_WORDS = frozenset({"for", "por", "pa", "para"})


def _side(sentence: Sentence) -> str | None:
    """The club whose goals are asked: "X's goals", "goles de X", "for X", "pa los X",
    "Necaxa scorers". Both sides asked ("UdeG's goal, and Tecos'?") is neither."""
    sides = list(dict.fromkeys(_sides(sentence)))
    return sides[0] if len(sides) == 1 else None


_TRAILING_APOSTROPHE = re.compile(r"(\w+)['’](?=\s|$|[?!.,;:])")


def _sides(sentence: Sentence) -> Iterator[str]:
    tokens = sentence.tokens
    # "…and who scored Tecos'?": a possessive apostrophe after the name, with nothing after.
    possessive = {
        word
        for found in _TRAILING_APOSTROPHE.finditer(sentence.text)
        for word in folded_words(found.group(1))[-1:]
    }
    # "Necaxa 4-1 Delfines scorers": with a game's score, the goal word after it names the
    # game's scorers, not the last club's.
    game = sentence.question.leg is not None and sentence.question.leg.score is not None
    for at, club in sentence.club_mentions():
        end = next((span.end for span in sentence.spans if span.start == at), at + 1)
        ordinal = any(m.start == end and m.cue.ordinal is not None for m in sentence.reading.marks)
        if (
            sentence.before(at, SIDE_WORDS, reach=2)
            or (
                sentence.before(at, ("del", "de"), reach=2)
                and sentence.before(at, GOAL_WORDS, reach=3)
            )
            or (end < len(tokens) and tokens[end] == "s")
            or (end < len(tokens) and tokens[end] in GOAL_WORDS and not game)
            or tokens[end - 1] in possessive
            # "Delfines 3rd goal": Delfines' own third
            or (ordinal and end + 1 < len(tokens) and tokens[end + 1] in GOAL_WORDS)
            # "how many goals did Necaxa score vs Delfines": the club that scored them
            # ("…vs Mérida scored by González" is said of a goal, not by Mérida)
            or any(
                m.start == end
                and m.cue.test is Test.SCORED
                and tokens[m.end : m.end + 1] not in (["by"], ["por"])
                and not _score_as_noun(sentence, m)
                for m in sentence.reading.marks
            )
            # "cuántos goles metió Necaxa contra Delfines": the verb first, then its subject
            or (
                end < len(tokens)
                and tokens[end] in MATCH_WORDS | {"a", "al"}
                and any(
                    m.end == at and m.cue.test is Test.SCORED and not _score_as_noun(sentence, m)
                    for m in sentence.reading.marks
                )
            )
        ):
            yield club


def _player_side(sentence: Sentence, found: Plan) -> Plan:
    """A claim on a player's goals says whose goals they are: "did Rangel score for UAT?",
    "¿Rangel era de la UAT?" (a club named beside a player, not as the opponent, is his
    club), "did Lojero score against UdeG?". Without this the claim would hold on any goal
    of his in a game the club played."""
    claim = found.claim
    if claim is None or claim.query.entity is not Entity.GOAL or not claim.query.players:
        return found
    side, against = found.side, found.against
    named = sentence.clubs_at()
    clubs = [club for _, club in named]
    # "Cervantes' goal at San Luis": at its ground, the club he played, not his.
    hosted = len(named) == 1 and sentence.before(named[0][0], ("at",), reach=1)
    if side is None and against is None and len(clubs) == 1 and not hosted:
        side = clubs[0]
    if side is None and against is None:
        return found
    query = replace(claim.query, side=side, against=against)
    return replace(found, claim=replace(claim, query=query), side=side, against=against)


def _goals_side(sentence: Sentence) -> tuple[str | None, str | None]:
    """Whose goals a question asks for, and against whom: one club's ("for Necaxa"), those
    against one ("¿quién le anotó al Tecos?"), or (None, None) for both sides."""
    side = _side(sentence)
    if side is not None:
        return side, None
    scoring = any(m.cue.test in (Test.SCORED, Test.CONCEDED) for m in sentence.marks(test=True))
    scoring = scoring or any(m.cue.measure is Measure.GAME_GOALS for m in sentence.reading.marks)
    scoring = scoring or sentence.has(*GOAL_NOUNS)  # "sus goles vs UAT"
    clubs = sentence.clubs_at()
    if scoring and len(clubs) == 1:
        markers = sentence.lex.vocabulary.object_markers | MATCH_WORDS
        at, club = clubs[0]
        if sentence.before(at, markers, reach=2):
            return None, club
    return None, None


COUNTED_CLUB_TESTS = frozenset(
    {Test.RELEGATED, Test.PROMOTED, Test.WON_TITLE, Test.WENT_THROUGH, Test.WENT_OUT}
)
INCLUDING = frozenset({"incl", "including", "contando", "incluyendo", "plus"})
INCLUDED = frozenset({"included", "incluida", "incluido", "incluidas", "incluidos"})
"""Said after what is added: "promo final included", "la final de ascenso incluida"."""


def _including(sentence: Sentence, scope: Scope) -> Scope:
    """ "…including the promotion final": the promotion final added to the playoffs (every
    tournament, when no liguilla is named); "the Clausura liguilla incl the final": a round
    added to its tournament, which it does not narrow to that round."""
    at = next((i for i, t in enumerate(sentence.tokens) if t in INCLUDING), None)
    behind = next((i for i, t in enumerate(sentence.tokens) if t in INCLUDED), None)
    if at is None and behind is None:
        return scope
    if at is not None:
        after = [span for span in sentence.spans if at < span.start <= at + 3]
    else:
        assert behind is not None
        after = [span for span in sentence.spans if behind - 3 <= span.end <= behind]
    kinds = {c.id: c.kind for c in sentence.lex.season.competitions}
    liguilla_named = any(kinds.get(t) == "liguilla" for t in scope.tournaments)
    added = [t.value for span in after for t in span.of(Kind.TOURNAMENT)]
    if any(kinds.get(t) == "promotion_final" for t in added) and not liguilla_named:
        return Scope(clubs=scope.clubs)
    if any(span.of(Kind.ROUND) for span in after):
        return replace(scope, round=None)
    return scope


def _club_games_counted(sentence: Sentence) -> Query:
    """ "¿cuántos partidos jugó el Necaxa en las liguillas?": that club's playoff games (its
    games in the relegation table are league games, the table's answer); with "including
    the promotion final", every tournament's; "how many games did Necaxa win?", those it
    won; "how many 0-0 games did Tecos play?", those that ended so."""
    question = sentence.question
    club_scope = sentence.scope(clubs=question.clubs[:1], leg=None, score=None)
    club_scope = _including(sentence, club_scope)
    if question.leg is not None and question.leg.score is not None:
        club_scope = replace(club_scope, score=question.leg.score)
    results = [
        GAME_RESULT[m.cue.test] for m in sentence.marks(test=True) if m.cue.test in GAME_RESULT
    ]
    won = tuple(Condition(test) for test in results[:1])
    return Query(Entity.LEG, club_scope, conditions=won, aggregation=Aggregation.COUNT)


def _count(sentence: Sentence, asked: bool = False) -> Query | None:
    """Counts and sums the answers by intent do not give: goals a club conceded, games or
    goals over the whole playoffs ("including the promotion final"), games with a score.
    `asked`: a number claimed ("were there four 0-0s?") asks for the count as "how many"."""
    question = sentence.question
    conceded = _conceded(sentence)
    goals = sentence.has("goals", "goles", "gol", "goal")
    asking = any(t in sentence.lex.vocabulary.question_words for t in sentence.tokens)
    # "goals conceded by Delfines": a sum asked by naming it, as "how many" asks it.
    if not (asked or _asks_count(sentence) or (conceded and goals and not asking)):
        return None
    if _liguillas_counted(sentence):
        # "How many liguillas were there?": the liguillas, not their goals.
        return Query(
            Entity.TOURNAMENT,
            Scope(tournaments=sentence.liguillas()),
            aggregation=Aggregation.COUNT,
        )
    subject, obj = _subject_and_object(sentence)
    if conceded:
        # "¿Cuántos goles le metieron a Delfines?": the club the goals went in against is the
        # object; "did Delfines concede to Necaxa", "recibió": the subject.
        dative = any(
            m.cue.test is Test.CONCEDED and sentence.tokens[m.start] == "le"
            for m in sentence.marks(test=True)
        )
        club = (obj or subject) if dative else (subject or obj)
        if club is None:
            return None
        scope = sentence.scope(leg=None, score=None)
        if len(question.clubs) == 2:
            scope = replace(scope, clubs=tuple(question.clubs))  # "…contra Necaxa": their games
        return Query(
            Entity.CLUB, scope, aggregation=Aggregation.SUM, measure=Measure.CONCEDED, named=(club,)
        )
    entities = {m.cue.entity for m in sentence.marks(entity=True)}
    tabled = _table_measure(sentence) is not None or sentence.has("table", "tabla")
    if (
        entities == {Entity.LEG}
        and len(question.clubs) == 1
        and not question.players
        and not tabled
    ):
        return _club_games_counted(sentence)
    counted_elsewhere = {Entity.CLUB, Entity.STADIUM, Entity.TABLE_ROW}
    clubs_counted = Part.CLUBS in question.parts or Entity.CLUB in entities  # "two teams"
    if clubs_counted and sentence.reading.ratio_word and _listed_said(sentence):
        return Query(Entity.TABLE_ROW, aggregation=Aggregation.COUNT)  # "teams shown in it"
    tests = [m.cue.test for m in sentence.marks(test=True) if m.cue.test in COUNTED_CLUB_TESTS]
    fates_before = question.intent is Intent.CHANGES  # "…came up from the Segunda": last season's
    if clubs_counted and tests and not question.clubs and not question.players and not fates_before:
        # "How many teams were relegated?", "¿cuántos equipos ganaron un título?": the clubs
        # that passed, counted (not the league's clubs).
        scope = sentence.scope(leg=None, score=None)
        if tests[0] is Test.WON_TITLE and len(scope.tournaments) > 1:
            return None  # "¿ganó algún equipo los dos torneos?": both, not either (by intent)
        if tests[0] is Test.WON_TITLE:
            scope = Scope(tournaments=scope.tournaments)
        conditions = (Condition(tests[0]),)
        return Query(Entity.CLUB, scope, conditions=conditions, aggregation=Aggregation.COUNT)
    one_ask = not sentence.has(*JOIN_WORDS)  # "how many teams in each, and who skips the QF"
    if clubs_counted and question.round is not None and not question.clubs and one_ask:
        return _clubs_counted(sentence)  # "how many teams played the quarterfinals?"
    if entities & counted_elsewhere or clubs_counted or question.clubs or question.players:
        return None  # clubs, stadia and players are counted by the answers by intent
    if sentence.reading.ratio_word:
        return None  # "how many games count in the relegation table": league games, no playoffs
    every = sentence.operators(Operator.EACH, Operator.SOME)
    including = any(token in INCLUDING | INCLUDED for token in sentence.tokens)
    scope = _including(sentence, sentence.scope(leg=None, score=None))
    if question.leg is not None and question.leg.score is not None:
        sentence.honoured.update(every)
        return Query(
            Entity.LEG, replace(scope, score=question.leg.score), aggregation=Aggregation.COUNT
        )
    drawn = any(m.cue.test in (Test.DREW_LEG, Test.DRAWN) for m in sentence.marks(test=True))
    if drawn and not goals:
        # "how many draws in the playoffs": the games that ended level, counted.
        sentence.honoured.update(every)
        return Query(
            Entity.LEG, scope, conditions=(Condition(Test.DRAWN),), aggregation=Aggregation.COUNT
        )
    games = Entity.LEG in entities
    several = len(scope.tournaments) > 1  # "en las liguillas y la final de ascenso"
    if not (games or every or including or several) or (
        question.round and not (including or several)
    ):
        return None
    sentence.honoured.update(every)
    if games and not goals:
        return Query(Entity.LEG, scope, aggregation=Aggregation.COUNT)
    return Query(Entity.LEG, scope, aggregation=Aggregation.SUM, measure=Measure.GOALS)


# ---------------------------------------------------------------------------------------------
# What the classic answers honour


WHY_WORDS = ("why", "xq", "porque", "porq", "pq")
WHOLE_AGGREGATIONS = frozenset(
    {Aggregation.MAX, Aggregation.MIN, Aggregation.SUM, Aggregation.COUNT}
)
ARTICLES = frozenset({"the", "el", "la", "los", "las"})
ALL_WORDS = frozenset({"all", "todas", "todos", "toda", "todo"})
SCOPE_WORDS = frozenset(
    {"playoffs", "playoff", "liguillas", "liguilla", "season", "temporada", "tournaments"}
    | {"torneos", "games", "partidos", "matches"}
)


def _classic_honours(sentence: Sentence, found: Plan) -> None:
    """Operator words an answer by intent honours as it stands: a hypothetical rule ("what
    happens if…"), "any" 0-0, a yes/no question's "no" tag, "only" and "if" before facts the
    data bears out."""
    question = sentence.question
    conditions = sentence.operators(Operator.CONDITION)
    if question.intent is Intent.FORMAT:
        # "what happens if…", "¿cuántos equipos entraban a cada liguilla?": the rules answer
        # for every tournament alike.
        sentence.honoured.update(conditions + sentence.operators(Operator.EACH))
    if found.yes_no:
        sentence.honoured.update(conditions)  # "la UdeG sí ascendió": emphasis
    false_premise = (
        found.premise
        and found.claim is not None
        and not check(sentence.lex.season, found.claim).holds
    )
    asks_why = sentence.has(*WHY_WORDS) or "por que" in " ".join(sentence.tokens)
    if false_premise and asks_why:
        # "¿por qué descendió Mérida si llegó a la liguilla?": the premise is false, and its
        # correction answers the question whatever the "if" clause grants.
        sentence.honoured.update(conditions)
    if question.leg is not None and (question.leg.score is not None or question.leg.draw):
        sentence.honoured.update(sentence.operators(Operator.SOME, Operator.BOTH, Operator.EACH))
        sentence.honoured.update(conditions)
    each = sentence.operators(Operator.EACH, Operator.BOTH)
    if Part.EVERY in question.parts or each or question.intent is Intent.FORMAT:
        # "did the same team win both?", "every 0-0 had the same team in it": one club in
        # each, which is what an answer for each tournament (or each game) looks for.
        sentence.honoured.update(sentence.operators(Operator.SAME))
    if Part.GAMES in question.parts or question.intent is Intent.PLAYER_GOALS:
        # "why does Ballenas only have 28 games", "fewer games": the answer says why.
        sentence.honoured.update(sentence.operators(Operator.ONLY, Operator.LESS, Operator.MORE))
    if question.intent in (Intent.STADIUM_EXTREME,) or question.seats is not None:
        sentence.honoured.update(
            sentence.operators(
                Operator.MORE,
                Operator.LESS,
                Operator.MOST,
                Operator.LEAST,
                Operator.ABOVE,
                Operator.BELOW,
            )
        )
    query = found.query
    ranked = query is not None and query.aggregation in WHOLE_AGGREGATIONS
    totals = question.intent is Intent.PLAYER_GOALS and found.query is None and not found.yes_no
    if ranked or totals or question.intent in EXTREME_INTENTS:
        # "the most goals in all the playoffs", "en todas las liguillas": "all" before what
        # the scope covers says the whole of it, which a ranking or a total already is.
        # "Each"/"every"/"cada" stay per item ("each liguilla": one answer per tournament).
        tokens = sentence.tokens
        for position in sentence.operators(Operator.EACH):
            after = [t for t in tokens[position + 1 : position + 3] if t not in ARTICLES]
            if tokens[position] in ALL_WORDS and after and after[0] in SCOPE_WORDS:
                sentence.honoured.add(position)
    both = sentence.operators(Operator.BOTH, Operator.EACH)
    whole_ties = (Intent.RESULT, Intent.SCORERS, Intent.DECISION, Intent.SEASON_DATES)
    if question.intent in whole_ties and (question.leg is None or question.leg.number is None):
        sentence.honoured.update(both)  # "scores of both legs": the answer shows each leg
    if question.intent is Intent.CHAMPION and Part.EVERY in question.parts:
        # "Who won both?", "¿algún equipo ganó los dos torneos?": each title's champion is
        # said, and whether one club won them all.
        sentence.honoured.update(sentence.operators(Operator.BOTH, Operator.EACH, Operator.SOME))
    if question.intent in (Intent.PROMOTED, Intent.RELEGATED) and question.also:
        sentence.honoured.update(sentence.operators(Operator.EACH))
    if (
        question.intent in CLUB_BY_CLUB
        and len(question.clubs) >= 2
        and found.query is None
        and found.claim is None
    ):
        # "Tecos y UAT: estadio y capacidad de cada uno": the answer is one line per club
        # named, which is what "each of them" asks.
        sentence.honoured.update(
            p
            for p in both
            if sentence.tokens[p] in EACH_ONE or (sentence.tokens[p + 1 : p + 2] or [""])[0] in ONE
        )
    if _decimal_premise_holds(sentence):
        sentence.honoured.update(conditions)
        sentence.decimals_used |= bool(conditions)
    for position in conditions:
        granted = _granted(sentence, position)
        if granted is None:
            continue
        sentence.honoured.add(position)
        if not check(sentence.lex.season, granted).holds and sentence.false_grant is None:
            sentence.false_grant = granted
    if found.side is not None and _only_goal_holds(sentence, found.side):
        sentence.honoured.update(sentence.operators(Operator.ONLY))


CLUB_BY_CLUB = frozenset({Intent.STADIUM, Intent.RELEGATION})
"""Intents answered by one line per club named, whatever is asked of each."""
EACH_ONE = frozenset({"ambos", "ambas", "both"})
ONE = frozenset({"uno", "una", "one", "of", ""})
"""After "cada"/"each": the clubs named, one by one ("cada uno", "each one", "each of them",
"…and capacity of each")."""


GRANTED_REACH = 4
"""How far after "if" the verb of what it grants is looked for ("si descendió", "if
Zacatepec got relegated")."""


def _granted(sentence: Sentence, position: int) -> Claim | None:
    """ "If Zacatepec got relegated, how are they still in the league?": what an "if" grants
    about the one club named. Where the data bears it out, the "if" is "given that" and the
    question after it is answered; where it does not, the reply corrects it first ("Celaya
    wasn't relegated")."""
    question = sentence.question
    named = list(dict.fromkeys(club for _, club in sentence.clubs_at()))
    clause = [m for m in sentence.marks(test=True) if 0 < m.start - position <= GRANTED_REACH]
    level = [m for m in clause if m.cue.test in (Test.DREW_LEG, Test.DRAWN)]
    if level and len(named) == 2 and sentence.has(*AGGREGATE_WORDS):
        # "How did UAT get past Oaxaca if the agg was tied?": their tie, level on aggregate.
        scope = sentence.scope(clubs=tuple(named), leg=None, score=None)
        return Claim(ClaimKind.TEST, Query(Entity.TIE, scope, conditions=(Condition(Test.DRAWN),)))
    if level and question.leg is None and question.round is not None:
        # "¿Cómo se definió la final de ascenso si quedó empatada?": a round of one tie,
        # level on aggregate (what the clubs named narrow it to).
        scope = sentence.scope(clubs=tuple(named), leg=None, score=None)
        if len(scope_ties(sentence.lex.season, scope)) == 1:
            query = Query(Entity.TIE, scope, conditions=(Condition(Test.DRAWN),))
            return Claim(ClaimKind.TEST, query)
    if len(named) != 1:
        return None
    marks = [m for m in clause if m.cue.test in GRANTABLE]
    if not marks:
        return None
    test = marks[0].cue.test
    assert test is not None
    scope = Scope(tournaments=tuple(question.tournaments)) if test is Test.WON_TITLE else Scope()
    query = Query(Entity.CLUB, scope, conditions=(Condition(test),))
    return Claim(ClaimKind.TEST, query, subject=next(iter(named)))


AGGREGATE_WORDS = frozenset({"aggregate", "agg", "global", "agregado", "marcador global"})
GRANTABLE = frozenset({Test.RELEGATED, Test.PROMOTED, Test.WON_TITLE, Test.STAYED})


def _only_goal_holds(sentence: Sentence, side: str) -> bool:
    """ "UdeG's only goal in the 3-1": the club scored exactly one in the match named."""
    question = sentence.question
    if question.leg is None or question.leg.score is None:
        return False
    from knowledge.plans.execute import club_legs

    mine = club_legs(sentence.lex.season, sentence.scope(clubs=tuple(question.clubs[:2])), side)
    return bool(mine) and all(leg.goals_for(side) == 1 for leg in mine)


def _table_premise_holds(sentence: Sentence) -> bool:
    """ "after finishing bottom of the relegation table": a club's place in the table taken
    for granted, which the table bears out."""
    question = sentence.question
    extreme = sentence.reading.extreme
    if extreme is None or not sentence.reading.ratio_word or len(question.clubs) != 1:
        return False
    from knowledge.plans.execute import check

    aggregation = Aggregation.MIN if extreme == "smallest" else Aggregation.MAX
    query = Query(Entity.TABLE_ROW, aggregation=aggregation, measure=Measure.RATIO)
    claim = Claim(ClaimKind.MEMBER, query, subject=question.clubs[0])
    return check(sentence.lex.season, claim).holds


def _ratios(sentence: Sentence) -> list[str]:
    """Numbers with decimals that can be a ratio, as written ("20,000" is seats)."""
    return [number.written for number in ratios(sentence.text)]


def _decimals(sentence: Sentence) -> list[float]:
    return [number.value for number in decimals(sentence.text)]


def _decimal_premise_holds(sentence: Sentence) -> bool:
    """ "si tenía 1.0 de cociente": a number in the condition that the table bears out."""
    numbers = _decimals(sentence)
    if not numbers:
        return False
    season = sentence.lex.season
    ratios = {row.ratio for row in season.relegation.rows}
    return all(any(abs(number - ratio) < 0.005 for ratio in ratios) for number in numbers)
