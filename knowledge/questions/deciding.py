"""Deciding what a question asks: out of scope first, then the intent the cues score highest,
settled by what is named; then the parts that say exactly what to lead with.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection
from dataclasses import replace
from operator import attrgetter

from knowledge.models import ChangeEvent, RoundName, Season
from knowledge.places import LONGEST_NAME, places_named
from knowledge.plans.model import (
    Aggregation,
    Bound,
    Claim,
    ClaimKind,
    Condition,
    Entity,
    Measure,
    Plan,
    Test,
)
from knowledge.questions.honesty import Accounting, Use, account
from knowledge.questions.language import is_word, zipf, zipf_in
from knowledge.questions.lexicon import Kind, Lexicon, Target
from knowledge.questions.model import Intent, Operator, OutOfScope, Part, Question
from knowledge.questions.numbers import decimal_positions
from knowledge.questions.planning import (
    COUNTING_VERBS,
    JOIN_WORDS,
    PLAYOFF_WORDS,
    TIE_TO_GAME,
    Sentence,
    greeted_from,
    one_game_said,
    plan,
)
from knowledge.questions.reading import (
    LanguageGuess,
    Mark,
    Reading,
    Span,
    correct_cues,
    detect_language,
    find_names,
    fuzzy_names,
    read_cues,
)
from knowledge.questions.slots import (
    Slots,
    fill_slots,
    leg_pick,
    pick_player,
    rank_named,
    seats_named,
    unknown_beside_connectors,
    with_the_liguillas,
    years_in_season,
)
from knowledge.questions.vocabulary import Vocabulary
from knowledge.questions.words import asks_listed, questions_apart, without_thanks, words
from knowledge.resolver import ClubIndex, TournamentIndex

ATTENDANCE = "attendance"
"""The topic of people counted where no ground is: the data has capacities, not crowds."""
PLAYERS = "players"
"""The topic of a player's details: the data has scorers as the source writes them."""
BOOST_NAMED = 1.0
"""What a named tournament adds to "who won": "won the Clausura" asks for its champion."""
BOOST_TWO_CLUBS = 3.0
"""Two clubs named make a question about their meeting."""
BOOST_SUBJECT = 2.0
"""A former name named ("Irapuato") makes a question about last season's changes."""
BOOST_PLACE_WHO = 3.0
"""A city or stadium with "who" asks which club plays there."""
BOOST_DIVISION = 2.0
"""The division this season promotes to, with promotion words: this season's promotion."""
TOP_SCORER_CERTAIN = 6.0
"""A cue this strong ("top scorer") wins over a player named."""
BRACKET_WITHOUT_TOURNAMENT = 0.5
"""A liguilla needs its tournament: without one, "playoffs" barely counts."""


def parse(
    question: str,
    season: Season,
    clubs: ClubIndex,
    tournaments: TournamentIndex,
    lex: Lexicon | None = None,
    *,
    skipped: Collection[str] = (),
    with_plan: bool = True,
    language: LanguageGuess | None = None,
) -> Question:
    """Read `question` against the season: its intent, parts, slots and language. Pass the
    snapshot's lexicon; without one it is built here (milliseconds). `language`: the
    message's, when `question` is a piece of one (else told from its words). Without its plan
    (`with_plan=False`), how it reads: the handler glances at a message's pieces so, and
    plans only those it answers; a message glanced at and then planned is read once."""
    if lex is None or lex.season is not season:
        lex = Lexicon.build(season, tournaments)
    key = (question, tuple(skipped), language)
    sentence = _GLANCED.pop(key, None)  # never planned: planning marks a sentence's words
    if sentence is None or sentence.lex is not lex:
        sentence = _sentence(
            question, season, clubs, tournaments, lex, skipped=skipped, language=language
        )
    if not with_plan:
        if len(_GLANCED) >= GLANCES_KEPT:
            _GLANCED.clear()
        _GLANCED[key] = sentence
        return sentence.question
    return _planned(sentence)


GLANCES_KEPT = 16
_GLANCED: dict[tuple[str, tuple[str, ...], LanguageGuess | None], Sentence] = {}
"""Messages read without their plan, each kept until it is planned (once): the reading is
the same, so it is not done twice. A handful at most: one message's pieces."""


def _sentence(
    question: str,
    season: Season,
    clubs: ClubIndex,
    tournaments: TournamentIndex,
    lex: Lexicon,
    *,
    skipped: Collection[str],
    language: LanguageGuess | None,
) -> Sentence:
    """How a question reads, before what it asks is planned; in `language` when given (a
    piece of a message is in the message's language)."""
    guess = language or detect_language(question, lex.vocabulary)
    asked = without_thanks(question, lex.vocabulary.question_words)
    tokens = expand_shorthand(words(asked), lex.vocabulary)
    spans = find_names(tokens, lex)
    spans += _league_by_its_season(tokens, spans, lex)
    taken = {i for span in spans for i in range(span.start, span.end)}
    spans += fuzzy_names(tokens, taken, lex, clubs)
    spans = stadia_after_articles(tokens, spans, lex)
    spans += places_said(tokens, spans, lex)
    taken = {i for span in spans for i in range(span.start, span.end)}
    corrected = correct_cues(tokens, taken, lex)
    # Tournament names are also ordinary words for the cues ("Campeón de Ascenso" says
    # nothing about who won), except single-word ones like "Promotion", which do both.
    cue_taken = {
        i
        for span in spans
        if not (
            span.end - span.start == 1
            and all(t.kind in (Kind.TOURNAMENT, Kind.ROUND) for t in span.targets)
            and corrected[span.start] in lex.vocabulary.cue_words
        )
        for i in range(span.start, span.end)
    }
    reading = read_cues(corrected, cue_taken, lex.vocabulary)
    reading.previous |= _came_from(corrected, reading)
    if reading.stadium_word or reading.capacity_said:
        spans += shared_stadium_names(tokens, taken, lex)
        taken = {i for span in spans for i in range(span.start, span.end)}
    slots, seats = _slots_of(tokens, spans, taken, reading, lex)
    previous_ok = reading.scores.get(Intent.CHANGES, 0) > 0
    in_season = years_in_season(tokens, taken, spans, lex, previous_ok=previous_ok)
    accounting = account(tokens, corrected, spans, reading, lex, skipped=skipped)
    excluded_at = leave_out(tokens, spans, accounting, slots, lex)
    apart, apart_at = set_apart(spans, accounting, slots)
    loose = [word.text for word in accounting.blocking]
    if seats is not None and reading.bound is not None:
        loose = [word for word in loose if word not in seats[1]]  # "20 000": a capacity

    intent, reason = _of_a_player(*_decide(reading, slots, lex, in_season), tokens, slots, reading)
    if intent is Intent.CHANGES and _fall_above_in_season(tokens, reading, slots, lex):
        intent, reason = Intent.UNKNOWN, OutOfScope.OTHER_COMPETITION
    ambiguous = tuple(
        (token, lex.shared_name_words[token])
        for i, token in enumerate(tokens)
        if token in lex.shared_name_words and i not in taken
    )
    if ambiguous and reason in (None, OutOfScope.NOT_UNDERSTOOD):
        intent, reason = Intent.UNKNOWN, OutOfScope.AMBIGUOUS_CLUB
    if reason is None and loose:
        intent, reason = Intent.UNKNOWN, _unexplained(reading, slots, accounting)
    parts = tuple(reading.parts)
    if _titles_quantified(tokens, accounting):
        _every_tournament(tokens, slots, season)
        if len(slots.tournaments) > 1:
            parts += (Part.EVERY,)
    decimals_at = frozenset(decimal_positions(asked, tokens))
    leg = leg_pick(tokens, taken | decimals_at, reading, slots, lex)
    intent, also = _compose(
        intent, parts, reading, slots, tokens, scored=leg is not None and leg.score is not None
    )
    if not also and reason is None:
        also = _second_ask(tokens, reading, intent, lex.vocabulary, slots)
    intent, parts = _tie_asked(
        intent,
        parts,
        tokens,
        reading,
        slots,
        accounting,
        leg_said=leg is not None and leg.number is not None,
    )
    players = tuple(slots.players)
    keep_extreme = intent in (Intent.STADIUM_EXTREME, Intent.RELEGATION)
    named_kinds = _named_kinds(tokens, spans)
    question_read = Question(
        text=question,
        intent=intent,
        language=guess.language,
        language_clear=guess.clear,
        clubs=tuple(slots.clubs),
        tournament=slots.tournament,
        tournaments=tuple(slots.tournaments),
        round=slots.round,
        player=players[0] if len(players) == 1 else None,
        players=players,
        stadium=slots.stadium,
        stadiums=tuple(slots.stadiums),
        city=slots.city,
        extreme=reading.extreme if keep_extreme else None,
        seats=_seats_bound(reading, slots) if intent is Intent.STADIUM_EXTREME else None,
        subject=slots.subject,
        event=_event(reading) if intent is Intent.CHANGES else None,
        division=slots.division,
        date_part=reading.date_part,
        playoffs_said=bool(PLAYOFF_WORDS & set(tokens)),
        reason=reason,
        topic=reading.topics[0] if reason is OutOfScope.NOT_IN_DATA else None,
        other_names=(
            tuple(word for word, _ in ambiguous)
            if reason is OutOfScope.AMBIGUOUS_CLUB
            else _other_names(slots, reason, loose)
        ),
        parts=parts,
        leg=leg,
        rank=rank_named(tokens, reading, asked) if intent is Intent.RELEGATION else None,
        also=also,
        unaccounted=tuple(loose),
        ambiguous=ambiguous,
        without=tuple(skipped),
        named=tuple(named_kinds),
        named_kinds=tuple(named_kinds.values()),
        says_what=any(w.use in (Use.KEYWORD, Use.OPERATOR) for w in accounting.words),
        states=_states(question, tokens, spans, reading, lex.vocabulary),
    )
    return Sentence(
        asked,
        tokens,
        spans,
        reading,
        accounting,
        lex,
        question_read,
        asked_at=_asked_at(asked, lex.vocabulary),
        excluded_at=excluded_at,
        apart=apart,
        apart_at=apart_at,
        decimals_at=decimals_at,
    )


def _planned(sentence: Sentence) -> Question:
    """The question read, with its plan: what it selects and asks of it, or the operator
    words it leaves unhonoured (the question is then refused on them)."""
    question_read = sentence.question
    planned, blocked = plan(sentence)
    if blocked and not planned.greeting:
        return replace(
            question_read,
            intent=Intent.UNKNOWN,
            reason=OutOfScope.OPERATOR,
            other_names=blocked,
            blocked=blocked,
        )
    if planned.greeting:
        return replace(question_read, intent=Intent.UNKNOWN, reason=None, plan=planned)
    if (planned.yes_no and planned.claim is not None) or planned.query is not None:
        return replace(question_read, reason=None, plan=planned)
    return replace(question_read, intent=_by_side(question_read.intent, planned), plan=planned)


LEAGUE_SHORT = ("ascenso",)
"""The league's name said short ("el Ascenso"): a word that also means promotion."""


def _league_by_its_season(tokens: list[str], spans: list[Span], lex: Lexicon) -> list[Span]:
    """ "The 13-14 Ascenso", "Ascenso 2013-14": the league's short name beside this season's
    name is the league, not "promotion" (which it also means)."""
    league = [t for t in lex.keys.get("ascenso mx", ()) if t.kind is Kind.LEAGUE]
    taken = {i for span in spans for i in range(span.start, span.end)}
    said = _season_named(lex)
    found = []
    for i, token in enumerate(tokens):
        if token not in LEAGUE_SHORT or i in taken or not league:
            continue
        if i and tokens[i - 1] in ("el", "the"):
            continue  # "el Ascenso", "the Ascenso": the lexicon reads it so, in its phrases
        after, before = tuple(tokens[i + 1 : i + 3]), tuple(tokens[max(0, i - 2) : i])
        if after in said or before in said:
            found.append(Span(i, i + 1, tuple(league)))
    return found


DURING = frozenset({"en", "in", "during", "durante"})


def _fall_above_in_season(tokens: list[str], reading: Reading, slots: Slots, lex: Lexicon) -> bool:
    """ "¿Quién descendió de la Liga MX en la 2013-14?": a fall from the league above during
    this season is that league's, which the data does not hold; the fall it knows (Querétaro's)
    came before the season, and naming it would answer another question."""
    if slots.division is None or slots.division != lex.promoted_to or reading.previous:
        return False
    if ChangeEvent.RELEGATED not in reading.events:
        return False
    if slots.tournaments:
        return True  # "¿quién descendió de la Liga MX al final del Clausura 2014?"
    # "…in 2014": a year of the season's end; the fall the data knows came in 2013
    said = _season_named(lex)
    ended = str(lex.season.season.end_date.year)
    return ended in tokens or any(
        (tokens[i], tokens[i + 1]) in said and DURING.intersection(tokens[max(0, i - 2) : i])
        for i in range(len(tokens) - 1)
    )


def _season_named(lex: Lexicon) -> set[tuple[str, str]]:
    """This season's name as a fan writes it, in words: "2013 14", "13 14"."""
    first = lex.season.season.start_date.year
    return {
        (str(first), f"{(first + 1) % 100:02d}"),
        (f"{first % 100:02d}", f"{(first + 1) % 100:02d}"),
    }


def _named_kinds(tokens: list[str], spans: list[Span]) -> dict[str, frozenset[str]]:
    """Every name said, as typed and in order, with what it names."""
    named: dict[str, frozenset[str]] = {}
    for span in sorted(spans, key=attrgetter("start")):
        kinds = frozenset(target.kind.value for target in span.targets)
        name = " ".join(tokens[span.start : span.end])
        named[name] = named.get(name, frozenset()) | kinds
    return named


ORIGIN_WORDS = frozenset({"from", "de", "desde"})
ORIGIN_ASKED = frozenset({"where", "donde", "que", "cual", "which", "what"})


def _came_from(tokens: list[str], reading: Reading) -> bool:
    """A promotion asked from where ("Ballenas were promoted from where?", "¿de dónde
    subió Ballenas?", "subieron de qué división"): this season's promotion went to Liga MX,
    so one into the Ascenso, from below, is last season's change."""
    for mark in reading.marks:
        if mark.cue.test is not Test.PROMOTED:
            continue
        after = tokens[mark.end : mark.end + 2]
        before = tokens[max(0, mark.start - 3) : mark.start]
        if after[:1] in (["from"], ["de"]) and (len(after) == 1 or after[1] in ORIGIN_ASKED):
            return True
        if any(a in ORIGIN_WORDS and b in ORIGIN_ASKED for a, b in itertools.pairwise(before)):
            return True  # "de donde subió", "from where did they come up"
    return False


CHOICE_WORDS = frozenset({"or", "o", "than", "que", "q", "vs", "versus"})
"""Words that set two things named side by side."""
AGGREGATE_SAID = frozenset({"aggregate", "global", "agregado"})
"""Words that ask for a tie's aggregate, whatever else a phrase reads ("score in")."""
VERB_REACH = 2
"""Function words between a name and its verb: "Necaxa le ganó", "Tecos se lo llevó"."""


def _states(
    question: str, tokens: list[str], spans: list[Span], reading: Reading, vocabulary: Vocabulary
) -> bool:
    """Whether it says a club did something without asking it (`Question.states`): a verb
    that tests something, said of a name before it ("Tecos and Necaxa drew 0-0 twice"),
    not a noun in a list of things asked ("promotion final: dates, both scores")."""
    asks = "?" in question or (bool(tokens) and (tokens[0],) in vocabulary.yes_no_openers)
    asks = asks or any(token in vocabulary.question_words for token in tokens)
    if asks:
        return False
    ends = {span.end for span in spans}
    return any(
        mark.cue.test is not None
        and any(
            mark.start - gap in ends
            and all(token in vocabulary.stop for token in tokens[mark.start - gap : mark.start])
            for gap in range(VERB_REACH + 1)
        )
        for mark in reading.marks
    )


def _tie_asked(  # noqa: PLR0917 (what is named, and what was said of it)
    intent: Intent,
    parts: tuple[Part, ...],
    tokens: list[str],
    reading: Reading,
    slots: Slots,
    accounting: Accounting,
    *,
    leg_said: bool = False,
) -> tuple[Intent, tuple[Part, ...]]:
    """What the words ask of the things named beyond the phrases' sums: "agg score in the
    apertura final?" is the tie's aggregate ("score in" reads as scorers); "clausura final
    first leg: score and stadium" where it was played, too; "¿quién tiene más capacidad,
    Mérida o Ballenas?" the two grounds compared, not the league's biggest."""
    grounds = len(slots.stadiums) + len(slots.clubs)
    more = any(w.operator in (Operator.MORE, Operator.LESS) for w in accounting.operators)
    sized = (reading.stadium_word or reading.capacity_said) and (reading.extreme or more)
    if (intent is Intent.STADIUM_EXTREME or sized) and grounds == 2 and CHOICE_WORDS & set(tokens):
        return Intent.STADIUM, (*parts, Part.COMPARE)
    a_tie = slots.round is not None or len(slots.clubs) >= 2
    if intent is Intent.SCORERS and a_tie and not reading.asks_who and not slots.players:
        intent = Intent.RESULT if AGGREGATE_SAID & set(tokens) else intent
    played_at = slots.round is not None or leg_said
    sized_asked = reading.extreme or any(m.cue.measure is Measure.CAPACITY for m in reading.marks)
    if intent is Intent.STADIUM and played_at and not sized_asked:
        # "where did necaxa play the first leg of the final", "¿en qué estadio jugó Tecos la
        # vuelta?": where those games were, not the club's own ground
        intent, parts = Intent.RESULT, (*parts, Part.VENUE)
    if intent is Intent.RESULT and reading.stadium_word and Part.VENUE not in parts:
        parts += (Part.VENUE,)
    return intent, parts


def _by_side(intent: Intent, planned: Plan) -> Intent:
    """ "Goles de Tecos en cuartos contra Dorados": one side's goals in a match are its
    scorers, not the match's result."""
    if intent is Intent.RESULT and planned.side is not None and planned.claim is None:
        return Intent.SCORERS
    return intent


def parse_apart(
    question: str,
    season: Season,
    clubs: ClubIndex,
    tournaments: TournamentIndex,
    lex: Lexicon | None = None,
    *,
    whole: Question,
) -> tuple[Question, ...]:
    """ "Mérida won the second leg vs UdeG? by how much", "zacatepec used to be irapuato,
    right? where did they move to": several questions, one after another, each answered in
    order. Each is read on its own, except one that names nothing ("by how much"): it
    speaks of what came before, so the message read `whole` stands for it. Empty unless
    there are several and every one of them reads: the message is then read whole."""
    if lex is None or lex.season is not season:
        lex = Lexicon.build(season, tournaments)
    asked: list[str] = []
    for part in questions_apart(question):
        if asked and tuple(words(part)) in lex.vocabulary.yes_no_tags:
            asked[-1] = f"{asked[-1]} {part}"  # "…en san luis? es asi?": one question, tagged
        else:
            asked.append(part)
    if len(asked) < 2:
        return ()
    lexicon = lex

    def reader(text: str) -> Question:
        return parse(text, season, clubs, tournaments, lexicon)

    readings: list[Question] = []
    for part in asked:
        # After the first, a bare "?" makes no claim: "¿el gol de Alatorre fue al 83? ¿y el
        # de Bueno?" asks for Bueno's minute, not whether he scored.
        read = reader(part.rstrip("?") if readings else part)
        if not read.named and readings:
            read = _follow_up(part, read, readings[-1], whole, reader)
        if read.intent is Intent.UNKNOWN or read.plan.greeting:
            return ()
        if read not in readings:
            readings.append(read)
    return tuple(readings) if len(readings) > 1 else ()


def listed_apart(
    question: str,
    read: Callable[[str], Question],
    *,
    whole: Question,
    vocabulary: Vocabulary,
    glance: Callable[[str], Question] | None = None,
    refused: Callable[[], bool] | None = None,
) -> tuple[Question, ...]:
    """ "necaxa: stadium, city, and how far did they go in the apertura", "zacatepec: antes q
    era, estadio y si descendió": several things asked in one line with no "?" between them,
    each read on its own. A piece that says nothing of its own (names alone: "Necaxa",
    "Apertura semis") narrows the one beside it; one that names nothing ("city") speaks of
    what was named before it. Empty unless at least two pieces read, every one of them
    reads, and they ask different things (or the line read whole is refused): a list that
    asks one thing several ways is read whole. Which text each piece is read as is settled
    by `glance` (a reading without its plan, `parse(with_plan=False)`); only those texts are
    read whole, so a line pays for its pieces once. `refused`: whether the message read
    whole (planned) is refused, asked only where it matters (`whole` may be a glance)."""
    question_words = vocabulary.question_words

    def whole_refused() -> bool:
        return whole.intent is Intent.UNKNOWN or (refused is not None and refused())

    pieces = _asked_pieces(asks_listed(question, question_words), vocabulary)
    if len(pieces) < 2 or words(question)[:1] in (["if"], ["si"]):
        return ()  # "if UdeG had won both, would they…": one question, its condition first
    if _one_thing(pieces, vocabulary) and not whole_refused():
        return ()
    look = _remembered(glance or read)
    if any(
        look(piece).unaccounted or look(piece).reason not in (None, OutOfScope.NOT_UNDERSTOOD)
        for piece in pieces
    ):
        # A word no reading of the piece reads, or a thing the data does not hold: no
        # names said around it make it answerable.
        return ()
    texts: list[str] = []
    own: list[str] = []  # each piece as said, before any names around it were added
    looks: list[Question] = []
    bare: list[str] = []  # each piece's own words, without the names said before it
    pending = ""
    for piece in pieces:
        text = f"{pending} {piece}".strip()
        reading = look(text)
        if not reading.says_what:
            if texts:  # "UdeG vs Oaxaca, Apertura semis": the names narrow the piece before
                texts[-1] = own[-1] = f"{texts[-1]} {piece}"
                looks[-1] = look(texts[-1])
            else:  # "Necaxa: stadium, …": the names are what the next piece asks of
                pending = text
            continue
        pending = ""
        said = text
        if looks:
            before = looks[-1]
            # "tecos necaxa semis 0-0 both games": a description of games, which the next
            # piece asks about; "final de ascenso: fechas, …" asks the games' dates itself
            described = (
                before.intent is Intent.RESULT
                and not _asks(texts[-1], question_words)
                and look(bare[-1]).intent in (Intent.RESULT, Intent.UNKNOWN)
            )
            if not reading.named and (described or not _own_question(text, before, vocabulary)):
                # "…, agg": a part of the question before it, when it reads as one with it;
                # "tecos necaxa semis 0-0 both games, who advanced": asked of the games the
                # piece before describes; "…, city": otherwise of what was named before it.
                merged = read(f"{texts[-1]} {text}")  # planned: a word it blocks on
                if merged.intent is not Intent.UNKNOWN and (
                    described or merged.intent is before.intent
                ):
                    texts[-1] = own[-1] = f"{texts[-1]} {text}"
                    looks[-1] = merged
                    continue
            text = (
                _gapped(text, reading, texts[-1], before, look)
                or _elliptic(text, reading, texts[-1], before, look, vocabulary=vocabulary)
                or _of_before(text, reading, before, look)
            )
        texts.append(text)
        own.append(said)
        bare.append(piece)
        looks.append(look(text))
    if len(looks) < 2 or looks[0].states:
        return ()  # "Tecos and Necaxa drew 0-0 twice, how did Tecos go through": a premise
    if not looks[0].named:
        # "quién metió el primer gol, y el último de la final del Apertura": the names said
        # after it, when it asks the same with them.
        named = f"{texts[0]} {' '.join(looks[1].named)}"
        if look(named).intent is looks[0].intent:
            texts[0] = named
    readings = [_read_as_said(text, said, read) for text, said in zip(texts, own, strict=True)]
    readings = [r for r in readings if r.plan.greeting is None]  # "que onda bot, …"
    if len(readings) < 2 or any(r.intent is Intent.UNKNOWN for r in readings):
        return ()
    # "How many goals in the Apertura, and how many in the Clausura": one thing of each.
    different = len({(r.intent, r.named) for r in readings}) == len(readings)
    different = different or whole_refused()
    distinct = tuple(dict.fromkeys(readings))
    return distinct if different and len(distinct) > 1 else ()


def _read_as_said(text: str, said: str, read: Callable[[str], Question]) -> Question:
    """A piece read with the names around it, never as a claim it does not make: "quién
    descendió" with Celaya named before is not "did Celaya go down?"."""
    reading = read(text)
    if text == said or reading.plan.claim is None:
        return reading
    alone = read(said)
    return alone if alone.plan.claim is None else reading


def _gapped(
    text: str, alone: Question, before_text: str, before: Question, read: Callable[[str], Question]
) -> str | None:
    """ "Quién ganó el Apertura, quién el Clausura", "how many goals in the Apertura and how
    many in the Clausura": a piece opened as the one before, which leaves out what that one
    asks, asks it of its own names. The piece before with this one's names in their place,
    when that asks what the piece before asks; None otherwise."""
    said, said_before = words(text), words(before_text)
    if not said or said[:1] != said_before[:1] or alone.intent is before.intent:
        return None
    if not alone.named:
        return None
    named = {word for name in alone.named for word in name.split()}
    own = [word for word in said if word not in said_before and word not in named]
    if own and read(" ".join(own)).says_what:
        return None  # "…, who scored Oaxaca's 3": it says what it asks
    # a name the piece before has nothing in the place of: no gap it fills
    gapped = _names_put(" ".join(said_before), before, alone, beside=False)
    return gapped if gapped is not None and read(gapped).intent is before.intent else None


def _names_put(asked: str, before: Question, alone: Question, *, beside: bool) -> str | None:
    """`asked` (what the piece before said) with the names `alone` said in the place of its
    names of their kind; a name of a kind it has none of goes `beside` its names, or makes
    it None."""
    kinds = dict(zip(before.named, before.named_kinds, strict=True))
    for name, kind in zip(alone.named, alone.named_kinds, strict=True):
        same = [old for old, old_kind in kinds.items() if old_kind & kind]
        if same:
            asked = re.sub(rf"\b{re.escape(same[0])}\b", name, asked, count=1)
            del kinds[same[0]]
        elif beside:
            asked = f"{asked} {name}"
        else:
            return None
    return asked


def _elliptic(
    text: str,
    alone: Question,
    before_text: str,
    before: Question,
    read: Callable[[str], Question],
    *,
    vocabulary: Vocabulary,
) -> str | None:
    """ "lojero total playoff goals, and how many in the apertura", "necaxa stadium, and
    udeg's?": a piece that says nothing but names and a question word asks what the piece
    before asks, of its names: the piece before with them in the place of names of their
    kind, or beside its names. None when the piece says more, or that reads otherwise."""
    if not alone.named:
        return None
    name_words = {word for name in alone.named for word in name.split()}
    own = [
        word
        for word in words(text)
        if word not in name_words
        and word not in vocabulary.question_words
        and not vocabulary.frames(word)
    ]
    # "…, and how many in the apertura alone": a word that narrows to the names goes too
    narrowing = [word for word in own if vocabulary.operators.get(word) is Operator.ONLY]
    if len(narrowing) < len(own) or _says_a_phrase(text, name_words, vocabulary):
        return None
    asked = " ".join([_names_put(before_text, before, alone, beside=True) or "", *narrowing])
    return asked if read(asked).intent is before.intent else None


AMOUNT_ASKED = frozenset({("how", "many"), ("how", "much")})
"""The phrases of a question word alone: they ask how many of what was asked before."""


def _says_a_phrase(text: str, name_words: set[str], vocabulary: Vocabulary) -> bool:
    """Whether the words around the names say a phrase of their own ("cómo les fue en el
    Clausura": how a club did), beyond asking how many."""
    said = [word for word in words(text) if word not in name_words]
    return any(
        tuple(said[i : i + n]) in vocabulary.phrases and tuple(said[i : i + n]) not in AMOUNT_ASKED
        for n in (2, 3)
        for i in range(len(said) - n + 1)
    )


def _asked_pieces(pieces: list[str], vocabulary: Vocabulary) -> list[str]:
    """The pieces of a list that ask something: "hey", "buenas tardes" ask nothing and go; a
    tag ("…, right", "…, ¿no?") belongs to the piece before it (told by words, not read)."""
    asked: list[str] = []
    pending = ""
    for piece in pieces:
        said = tuple(words(piece))
        if asked and said in vocabulary.yes_no_tags:
            asked[-1] = f"{asked[-1]}, {piece}"
        elif all(
            vocabulary.frames(word) and word not in vocabulary.question_words for word in said
        ) and not any((word,) in vocabulary.rounds for word in said):
            # "hey": it asks nothing; "final de ascenso" is framing words that name a round
            continue
        elif not any(_asking(word, vocabulary) for word in said):
            # No word that asks (names, a number): it narrows the piece before it, or the
            # first piece that asks ("necaxa: stadium").
            if asked:
                asked[-1] = f"{asked[-1]} {piece}"
            else:
                pending = f"{pending} {piece}"
        else:
            asked.append(f"{pending} {piece}".strip())
            pending = ""
    return asked


def _own_question(text: str, before: Question, vocabulary: Vocabulary) -> bool:
    """Whether a piece with no names asks a question of its own, not a part of the one
    before ("…, agg"): a question word, or words that ask most for another intent
    ("ballenas: ciudad, estadio, capacidad y puntos en el cociente"); "about" (a club in
    general: "…, so about 1.02?") is no other question."""
    if _asks(text, vocabulary.question_words):
        return True
    scores = read_cues(words(text), set(), vocabulary).scores
    if not scores:
        return False
    asked = max(scores, key=lambda each: scores[each])
    return asked is not before.intent and asked is not Intent.CLUB


def _one_thing(pieces: list[str], vocabulary: Vocabulary) -> bool:
    """Whether the pieces' words ask for one thing ("zacatepec relegation line: points,
    games, ratio"), unless two open alike ("how many goals in the Apertura, and how many in
    the Clausura": the same asked of each). Told by the words alone, before any is read: a
    line the message read whole answers costs nothing more."""
    openings = [tuple(words(piece)[:1]) for piece in pieces]
    if len(set(openings)) < len(openings):
        return False
    asked = set()
    for piece in pieces:
        scores = read_cues(words(piece), set(), vocabulary).scores
        if scores:
            asked.add(max(scores, key=lambda intent: scores[intent]))
    return len(asked) <= 1


def _asking(word: str, vocabulary: Vocabulary) -> bool:
    return (
        word in vocabulary.question_words
        or word in vocabulary.operators
        or vocabulary.is_keyword_form(word)
    )


def _remembered(read: Callable[[str], Question]) -> Callable[[str], Question]:
    """`read`, once per text: a list's pieces are looked at again as their texts settle."""
    seen: dict[str, Question] = {}

    def reading_of(text: str) -> Question:
        if text not in seen:
            seen[text] = read(text)
        return seen[text]

    return reading_of


def _asks(text: str, question_words: Collection[str]) -> bool:
    return bool(set(words(text)) & set(question_words))


REFERS_BACK = frozenset(
    {"they", "them", "their", "he", "him", "his", "le", "les", "su", "sus", "ellos", "ellas"}
)
"""Words by which a piece of a list speaks of a club named before it ("…y cuántos goles le
metió UdeG": to Mérida, named first)."""


def _of_before(
    text: str, alone: Question, before: Question, read: Callable[[str], Question]
) -> str:
    """A piece of a list with the names said before it of the kinds it names none of:
    "necaxa stadium, how far did they go in the apertura" asks of Necaxa; "who knocked out
    udeg in the clausura, who scored oaxaca's 3 in the first leg" asks of the Clausura. A
    club it refers back to ("le", "they") is the club before, beside any it names."""
    refers = not alone.clubs or REFERS_BACK.intersection(words(text))
    kept = [
        name
        for name, kinds in zip(before.named, before.named_kinds, strict=True)
        if name not in alone.named
        and (
            not alone.named
            or (refers and "club" in kinds)
            or (not alone.tournaments and "tournament" in kinds)
        )
    ]
    if not kept:
        return text
    named = f"{text} {' '.join(kept)}"
    return text if read(named).intent is Intent.UNKNOWN else named


NOT_A_CLAUSE = frozenset(
    {"el", "la", "los", "las", "the", "a", "an", "en", "in", "de", "del", "of", "at", "on"}
    | {"to", "vs", "contra", "against", "su", "sus", "their", "his", "tambien", "also"}
    | {"vuelta", "ida"}  # "ida y vuelta": both legs, one object
)
"""Words that open the second object of one verb, not a clause of its own."""
CLAUSE_JOINS = re.compile(
    r"\s*,?\s+(?:y|and|but|pero|aunque)\s+"
    r"|\s*,\s*(?:so|entonces|as[ií] que|por eso)\s+(?!\d|about|around|roughly|like|como|casi|unos)",
    re.IGNORECASE,
)
"""Words that join two things said in one yes/no question ("…, so they hosted…": a
consequence after a comma is said as so too)."""


def claims_apart(
    question: str, read: Callable[[str], Question], *, whole: Question
) -> tuple[Question, ...]:
    """ "¿La Piedad subió a la Liga MX y se quedó en La Piedad?", "Tecos won the Clausura
    but did they go up?": a yes/no question that says two things holds only if both do, so
    each clause is read as its own claim; one that names nothing speaks of what the first
    named ("…and played the Ascenso?"). Empty unless the whole is a yes/no claim and every
    clause reads as one (then the answer checks them all, never the first alone). A clause
    that says something no claim reads ("…y se quedó en La Piedad") and asks nothing of its
    own leaves the whole refused on its words, never answered by the first clause alone."""
    whole_claim = whole.plan.claim
    claimed = whole.plan.yes_no and whole_claim is not None
    if claimed and whole_claim is not None and whole_claim.each and len(whole.tournaments) > 1:
        return ()  # "…in both the apertura and clausura liguillas": one claim, of each
    # "zacatepec was relegated with 84 points?": what it did, and a figure it had, blocked
    # whole on the verb the figure's claim leaves
    figured = not claimed and bool(whole.blocked) and "?" in question
    if not (claimed or figured) or not whole.named:
        return ()
    split = WITH_FIGURE if figured else CLAUSE_JOINS
    parts = [part for part in split.split(question.strip().rstrip("?")) if part.strip()]
    if len(parts) < 2:
        return ()
    # "zacatepec had more points than ballenas but a higher ratio?": a second comparison of
    # the same two is a clause of its own, checked too, never dropped
    compared = whole_claim is not None and whole_claim.kind in (ClaimKind.MORE, ClaimKind.LESS)
    clauses = figured or (compared and len(whole.clubs) == 2)
    if not clauses and any(NOT_A_CLAUSE.intersection(words(part)[:1]) for part in parts[1:]):
        return ()  # "¿ganó el Apertura y el Clausura?": one verb, two objects
    readings: list[Question] = []
    for part in parts:
        clause = read(f"{part}?")
        if readings and not figured and clause.named and not clause.says_what:
            return ()  # "…across the apertura and clausura": names, no clause of their own
        if not (clause.clubs or clause.subject) and readings:
            # "…y subió a la Liga MX": the club said first is the one that did it; "…in the
            # apertura, so they skipped the quarters?": in the tournament said before.
            earlier = [
                name
                for name, kinds in zip(whole.named, whole.named_kinds, strict=True)
                if "tournament" in kinds and not clause.tournaments
            ]
            text = " ".join([whole.named[0], part, *earlier])
            clause = _compared_again(part, read(f"{text}?"), whole, read)
        if not (clause.plan.yes_no and clause.plan.claim is not None):
            if not readings or clause.intent is not Intent.CHANGES:
                return ()  # "did Oaxaca and UAT both…": two subjects; "…and by how much?"
            # "…y se quedó en La Piedad": a change said that no claim reads.
            said = " ".join(words(part))
            refused = replace(whole, intent=Intent.UNKNOWN, reason=OutOfScope.OPERATOR)
            return (replace(refused, other_names=(said,), blocked=(said,), plan=Plan()),)
        readings.append(clause)
    claims = {reading.plan.claim for reading in readings}
    return _conceded(tuple(readings)) if len(claims) > 1 else ()


def _conceded(readings: tuple[Question, ...]) -> tuple[Question, ...]:
    """ "UdeG lost to Mérida but still went through?", "¿perdió contra Mérida y aun así
    pasó?": a tie lost and the same tie won can both hold only if the first is one game of
    it, lost (or won): read so, never as the tie."""
    tests = [_tie_test(reading) for reading in readings]
    if len(readings) != 2 or None in tests or tests[0] == tests[1]:
        return readings
    first, then = readings
    claim, outcome = first.plan.claim, then.plan.claim
    assert claim is not None and outcome is not None and tests[0] is not None
    # One tie: the clubs said first, the tournament said in either clause.
    tie = replace(
        claim.query.scope,
        tournaments=claim.query.scope.tournaments or outcome.query.scope.tournaments,
    )
    game = Condition(TIE_TO_GAME[tests[0]])
    played = replace(claim, query=replace(claim.query, scope=tie, conditions=(game,)))
    decided = replace(outcome, query=replace(outcome.query, scope=tie))
    return (
        replace(first, plan=replace(first.plan, claim=played)),
        replace(then, plan=replace(then.plan, claim=decided)),
    )


def _tie_test(reading: Question) -> Test | None:
    """The one test of a claim, when it is a tie's result (went through, went out)."""
    claim = reading.plan.claim
    if claim is None or claim.subject is None or len(claim.query.conditions) != 1:
        return None
    condition = claim.query.conditions[0]
    return condition.test if condition.test in TIE_TO_GAME and not condition.negated else None


def extremes_apart(
    question: str, read: Callable[[str], Question], *, whole: Question, vocabulary: Vocabulary
) -> tuple[Question, ...]:
    """ "Biggest and smallest stadium pls", "¿cuál es el estadio más grande y cuál el más
    chico?": two opposite superlatives joined, each asked of the same thing: read as two
    questions, the second with its superlative in the first one's place. Empty unless both
    read (the whole is then answered as one question, and never by one superlative). Only a
    message read whole with a word blocking can be one: a second superlative always blocks
    (`planning._other_extreme_left`), so the words are not read again for any other."""
    if not whole.blocked:
        return ()
    tokens = words(question)
    marks = [m for m in read_cues(tokens, set(), vocabulary).marks if m.cue.extreme]
    if len(marks) != 2 or marks[0].cue.extreme == marks[1].cue.extreme:
        return ()
    first, second = marks
    if not set(tokens[first.end : second.start]) <= EXTREMES_JOINED or first.end == second.start:
        return ()
    texts = (
        tokens[: first.end] + tokens[second.end :],
        tokens[: first.start] + tokens[second.start : second.end] + tokens[second.end :],
    )
    readings = tuple(read(" ".join(text)) for text in texts)
    if any(reading.intent is Intent.UNKNOWN for reading in readings):
        return ()
    return readings


EXTREMES_JOINED = frozenset({"and", "y", "e", "&", "the", "el", "la", "cual", "which", "what"})
"""What may stand between two superlatives asked together ("biggest and smallest", "más
grande y cuál el más chico")."""


def _compared_again(
    part: str, clause: Question, whole: Question, read: Callable[[str], Question]
) -> Question:
    """ "Ballenas had fewer points than Zacatepec but ranked higher?": a clause that
    compares with nothing named compares the same two clubs as the first."""
    claim = clause.plan.claim
    if len(whole.clubs) != 2 or len(whole.named) < 2 or claim is None:
        return clause
    if claim.kind in (ClaimKind.MORE, ClaimKind.LESS):
        return clause
    both = read(f"{whole.named[0]} {part} {whole.named[1]}?")
    compared = both.plan.claim
    if (
        both.plan.yes_no
        and compared is not None
        and compared.kind in (ClaimKind.MORE, ClaimKind.LESS)
    ):
        return both
    return clause


WITH_FIGURE = re.compile(r"\s+(?=(?:with|con)\s+\d)", re.IGNORECASE)
"""Where a figure said of what a club did starts: "…relegated with 84 points"."""
PREMISE_END = re.compile(r"\s*[,;]\s*")
"""Where a premise said first ends: "Tecos won the Clausura, did they go up?"."""


def premise_apart(
    question: str, read: Callable[[str], Question], *, whole: Question, vocabulary: Vocabulary
) -> tuple[Question, Question] | None:
    """ "Tecos won the Clausura, did they get promoted?": something said as so, then a
    yes/no question. The question is what is asked; what was said first is its premise,
    corrected when false, never the thing answered. The question that names nothing
    speaks of what the premise named ("did they…"). None unless the whole is read as a
    yes/no claim, the first part says a claim with no "?" or question word, and the last
    reads as a yes/no question with a claim of its own."""
    if not (whole.plan.yes_no and whole.plan.claim is not None) or not whole.named:
        return None
    parts = PREMISE_END.split(question.strip())
    if len(parts) != 2 or "?" in parts[0] or not all(words(part) for part in parts):
        return None
    if tuple(words(parts[1])) in vocabulary.yes_no_tags:
        return None  # "lojero scored a hat trick vs san luis, right?": one claim, tagged
    said = words(parts[0])
    if (said[0],) in vocabulary.yes_no_openers or any(
        word in vocabulary.question_words or vocabulary.operators.get(word) is Operator.CONDITION
        for word in said
    ):
        return None  # "is X's ratio 86/84, so about 1.02?", "if UdeG had won…, would…?"
    premise = read(parts[0])
    if not (premise.states or premise.plan.yes_no) or premise.plan.claim is None:
        return None
    asked = read(parts[1])
    if not (asked.clubs or asked.subject or asked.players):
        asked = read(f"{whole.named[0]} {parts[1]}")
    if not (asked.plan.yes_no and asked.plan.claim is not None):
        return None
    if asked.plan.claim == premise.plan.claim:
        return None  # "tecos won the clausura, right?": one claim, tagged
    return premise, asked


CONTRASTED = re.compile(r"\b(?:y|and|but|pero)\s+(?:no|not)\s+", re.IGNORECASE)
"""'y no', 'and not' before a club: the one the club before it was preferred to."""
OPPONENT_WORD = {"es": "contra", "en": "against"}
TIE_ASKED = frozenset({Intent.RESULT, Intent.DECISION, Intent.CHAMPION})


def contrast_apart(
    question: str, read: Callable[[str], Question], *, whole: Question
) -> Question | None:
    """ "¿Xq pasó UAT y no Oaxaca en semis?", "why did UAT go through and not Oaxaca": the
    club after "and not" is the one the first got past, so the question reads with it as
    the opponent ("…UAT contra Oaxaca"): the tie is answered, and what the question takes
    as so (UAT went through) is corrected when false, as for any premise. None unless the
    whole blocks on that "not" alone, two clubs are named, and that reading names both and
    asks of their tie."""
    if len(whole.clubs) != 2 or not whole.blocked:
        return None
    if any(word not in ("no", "not") for word in whole.blocked):
        return None
    contrasts = CONTRASTED.findall(question)
    if len(contrasts) != 1:
        return None
    opposed = CONTRASTED.sub(f"{OPPONENT_WORD[whole.language]} ", question)
    reread = read(opposed)
    if reread.intent is Intent.UNKNOWN or reread.blocked or set(reread.clubs) != set(whole.clubs):
        return None
    asks_tie = reread.intent in TIE_ASKED or reread.plan.claim is not None
    return reread if asks_tie else None


COUNT_ASKED = {"es": "cuantos", "en": "how many"}
"""How a language asks for a number, put where a number was said to ask what it counts."""
COUNTED = frozenset({Aggregation.COUNT, Aggregation.SUM})
MINUTE_WORDS = frozenset({"min", "mins", "minute", "minutes", "minuto", "minutos"})
"""Words after a number that make it a minute, never a count."""


def counted_apart(
    question: str, read: Callable[[str], Question], *, whole: Question, vocabulary: Vocabulary
) -> Question | None:
    """ "¿Hubo 4 partidos 0-0?", "were there 58 goals across all the games?": a yes/no
    question that says how many of something, which no claim of its own reads. Read with
    "how many" in the number's place, it is a count (or a sum); the number said is then
    claimed of that count, Yes or No with the count that settles it. None unless the whole
    blocks on that one whole number alone, asks nothing with a question word, and the
    count reads with nothing blocked."""
    if len(whole.blocked) != 1 or not whole.blocked[0].isdigit():
        return None
    tokens = words(question)
    asked = "?" in question or (bool(tokens) and (tokens[0],) in vocabulary.yes_no_openers)
    if not asked or any(token in vocabulary.question_words for token in tokens):
        return None
    number = whole.blocked[0]
    at = tokens.index(number) if number in tokens else -1
    if at < 0 or (tokens[at + 1 : at + 2] and tokens[at + 1] in MINUTE_WORDS):
        return None  # "did tecos win a game in 90 mins": a minute, no count
    if one_game_said(tokens):
        return None  # "did udeg score 5 in a game?": goals in some game, no count
    said = re.compile(rf"(?<![\d.,]){number}(?![\d.,])")
    asking = COUNT_ASKED[whole.language]
    # "how many were there games that ended 0-0?": asked first, no yes/no opener stays one;
    # else in the number's place ("¿metió cuántos goles?")
    for counting in (f"{asking} {said.sub('', question, count=1)}", said.sub(asking, question, 1)):
        reread = read(counting)
        query = reread.plan.query
        if reread.blocked or reread.unaccounted or query is None:
            continue
        if reread.intent is not Intent.UNKNOWN and query.aggregation in COUNTED:
            claim = Claim(ClaimKind.VALUE, query, value=float(number))
            return replace(reread, text=question, plan=Plan(claim=claim, yes_no=True))
    return None


def _follow_up(
    part: str,
    alone: Question,
    before: Question,
    whole: Question,
    reader: Callable[[str], Question],
) -> Question:
    """A question that names nothing, after one that does: "who scored for them there" is
    asked of what was named before it, when it asks the same thing with those names as
    alone ("quien", "how's that" ask nothing of their own; a club named would make them a
    question about its ground). Otherwise the message read whole stands for it."""
    if alone.intent is Intent.UNKNOWN:
        return whole
    named = reader(f"{part} {' '.join(before.named)}")
    return named if named.intent is alone.intent else whole


BOUND_WORDS: dict[str, Bound] = {
    "over": "above",
    "above": "above",
    "under": "below",
    "below": "below",
}


def bound_before(tokens: list[str], written: Collection[str]) -> Bound | None:
    """ "Over 20k", "under 15,000": the word right before a number of seats bounds it (the
    same words elsewhere say other things: "over both legs")."""
    first = next((i for i, token in enumerate(tokens) if token in written), None)
    if first is None or first == 0:
        return None
    return BOUND_WORDS.get(tokens[first - 1])


def _slots_of(
    tokens: list[str], spans: list[Span], taken: set[int], reading: Reading, lex: Lexicon
) -> tuple[Slots, tuple[int, frozenset[str]] | None]:
    """What the names fill, with the seats said (and the words that wrote them)."""
    greeted = greeted_from(tokens, spans, lex.vocabulary.greetings)
    slots = fill_slots([s for s in spans if s.start not in greeted], tokens, lex)
    _crowd_or_seats(reading, slots)
    seats = seats_named(tokens)
    slots.seats = seats[0] if seats is not None else None
    if seats is not None and reading.bound is None:
        reading.bound = bound_before(tokens, seats[1])
    pick_player(slots, spans, tokens, lex)
    with_the_liguillas(tokens, spans, slots, lex)
    slots.unknown_names = unknown_beside_connectors(tokens, taken, lex)
    _seats_of_a_ground(tokens, reading, slots, lex)
    return slots, seats


PLAYER_DETAIL_WORDS = frozenset({"name", "nombre", "age", "edad", "nacio", "born", "apellido"})


STADIA_WORDS = frozenset({"estadios", "stadiums", "stadia", "grounds", "canchas", "inmuebles"})


def _seats_of_a_ground(tokens: list[str], reading: Reading, slots: Slots, lex: Lexicon) -> None:
    """ "¿Cuántos estadios tenían más capacidad que el de Tecos?", "which grounds are bigger
    than the Victoria?": the stadia past one ground's capacity, a bound like "20 mil"."""
    if slots.seats is not None or not (reading.stadium_word or reading.capacity_said):
        return
    if not STADIA_WORDS & set(tokens) or (reading.extreme is None and reading.bound is None):
        return
    grounds = {c.id for c in lex.season.clubs if c.stadium in slots.stadiums} | set(slots.clubs)
    if len(grounds) != 1:
        return
    club = lex.season.club(grounds.pop())
    above = reading.bound == "above" or (reading.bound is None and reading.extreme == "biggest")
    slots.seats, reading.bound = club.capacity, "above" if above else "below"
    slots.clubs, slots.pure_clubs, slots.stadiums, slots.stadium = [], [], [], None
    reading.extreme = None  # the bound says it


def _of_a_player(
    intent: Intent, reason: OutOfScope | None, tokens: list[str], slots: Slots, reading: Reading
) -> tuple[Intent, OutOfScope | None]:
    """ "¿Isijara de qué equipo es?": a player's club is known by his goals, not from last
    season's changes; his name, age or birth are not in the data ("V. Lojero's first name"),
    nor his games: "how many minutes did Esqueda play?" is not a question of his goals."""
    if slots.players and _a_players_games(reading, slots, tokens):
        reading.topics.append(PLAYERS)
        return Intent.UNKNOWN, OutOfScope.NOT_IN_DATA
    # "Lojero played for which club?" reads as a result; a player's is his goals.
    if intent not in (Intent.CHANGES, Intent.RESULT) or not slots.players or slots.clubs:
        return intent, reason
    if slots.subject or (intent is Intent.RESULT and (slots.tournaments or slots.round)):
        return intent, reason
    if PLAYER_DETAIL_WORDS & set(tokens):
        reading.topics.append(PLAYERS)
        return Intent.UNKNOWN, OutOfScope.NOT_IN_DATA
    return Intent.PLAYER_GOALS, None


def _a_players_games(reading: Reading, slots: Slots, tokens: list[str]) -> bool:
    """Whether a player is asked what he played, not what he scored ("¿cuántos minutos jugó
    Follé?", "did Esqueda play in the final?"): the data lists scorers, not line-ups. Whom
    he played for is known by his goals ("R. Nurse played for who?", "¿jugaba en Necaxa?")."""
    cues = [mark.cue for mark in reading.marks]
    played = any(cue.test is Test.PLAYED for cue in cues)
    scored = any(
        cue.test in (Test.SCORED, Test.CONCEDED)
        or cue.entity is Entity.GOAL
        or cue.measure in (Measure.GOALS, Measure.GAME_GOALS)
        for cue in cues
    )
    minutes = any(cue.measure is Measure.MINUTE for cue in cues)
    his_club = bool(slots.clubs) or bool(PLAYED_FOR_WORDS & set(tokens))
    return played and not scored and (minutes or not his_club)


PLAYED_FOR_WORDS = frozenset({"for", "para", "pa", "pal"})


def _crowd_or_seats(reading: Reading, slots: Slots) -> None:
    """ "How many fans went to the final (at Estadio Jalisco)?", "¿cuántos aficionados tiene
    Necaxa?": people, not seats, which the data lacks. A capacity is asked of a ground, not
    of a game, or with a verb of fitting."""
    a_game = slots.round is not None or slots.tournament is not None
    if reading.crowd and not reading.capacity_said and (slots.stadium is None or a_game):
        reading.reasons.append(OutOfScope.NOT_IN_DATA)
        reading.topics.append(ATTENDANCE)


def _seats_bound(reading: Reading, slots: Slots) -> tuple[Bound, int] | None:
    """A capacity bound: "more than"/"less than" a number of seats, beside a stadium word;
    a number of seats alone, of no ground named, is exact ("which stadium holds 17,898?")."""
    if slots.seats is None or not (reading.stadium_word or reading.capacity_said):
        return None
    if slots.pure_clubs:
        return None
    if reading.bound is None:
        named = slots.stadium is not None or slots.clubs
        return None if named else ("exactly", slots.seats)
    return reading.bound, slots.seats


def _other_names(slots: Slots, reason: OutOfScope | None, loose: list[str]) -> tuple[str, ...]:
    """The names a refusal quotes: what was named that the season does not have."""
    if reason is OutOfScope.FORMER_CLUB and slots.subject is not None:
        return (slots.subject,)
    return tuple(slots.other_clubs or slots.unknown_names or loose)


def _unexplained(reading: Reading, slots: Slots, accounting: Accounting) -> OutOfScope:
    """Words nothing explained. In a question about goals where no scorer of the data is
    named, a word of no language is most likely a player the data does not have
    ("Chicharito"); a word of the language ("min", "earliest") is not anybody's name."""
    goalish = (Intent.SCORERS, Intent.PLAYER_GOALS, Intent.TOP_SCORER)
    nameless = any(word.use is Use.UNKNOWN for word in accounting.blocking)
    asks_goals = any(reading.scores.get(intent, 0) > 0 for intent in goalish)
    if nameless and not slots.players and asks_goals:
        return OutOfScope.UNKNOWN_PLAYER
    return OutOfScope.NOT_UNDERSTOOD


def shared_stadium_names(tokens: list[str], taken: set[int], lex: Lexicon) -> list[Span]:
    """In a question about stadia, a bare name other names share ("el Victoria") is the
    stadium's."""
    found = []
    for i, token in enumerate(tokens):
        stadium = lex.shared_stadiums.get(token)
        if stadium is not None and i not in taken:
            found.append(Span(i, i + 1, (Target(Kind.STADIUM, stadium),)))
    return found


LEFT_OUT_ARTICLES = frozenset({"the", "la", "el", "los", "las"})


CORRELATIVE_NEGATION = frozenset({"neither", "nor", "ni"})


def leave_out(
    tokens: list[str], spans: list[Span], accounting: Accounting, slots: Slots, lex: Lexicon
) -> frozenset[int]:
    """ "The Clausura, not counting the promotion final": a negation before a verb of
    counting, or right before a tournament, leaves that tournament out of what is asked,
    and negates no test. Its positions."""
    positions: set[int] = set()
    for word in accounting.operators:
        at = word.position
        if word.operator is not Operator.NEGATION or at + 1 >= len(tokens):
            continue
        if tokens[at] in CORRELATIVE_NEGATION:
            continue  # "neither the Apertura nor the Clausura": each denied, none left out
        # "(not the promotion one)", "sin la final de ascenso": a tournament right after
        # the negation and its article is left out as one after "not counting" is.
        right_after = tokens[at + 1] in LEFT_OUT_ARTICLES and any(
            span.start == at + 2 and span.of(Kind.TOURNAMENT) for span in spans
        )
        if tokens[at + 1] not in COUNTING_VERBS and not right_after:
            continue
        after = [
            span for span in spans if at + 1 < span.start <= at + 5 and span.of(Kind.TOURNAMENT)
        ]
        named = [span.of(Kind.TOURNAMENT)[0].value for span in after[:1]]
        # Only it named: the season's other tournaments ("not counting the promotion
        # final": both liguillas). Several kept: an answer by intent that reads one blocks.
        others = [t for t in slots.tournaments if t not in named]
        kept = others or [c.id for c in lex.season.competitions if c.id not in named]
        if not named or not kept:
            continue
        positions.add(at)
        inside = range(after[0].start, after[0].end)
        rounds_elsewhere = any(s.of(Kind.ROUND) and s.start not in inside for s in spans)
        if not rounds_elsewhere:
            slots.round = None  # "la final de ascenso" named the final left out, no round
        slots.tournaments = kept
        slots.tournament = kept[0]
    return frozenset(positions)


def set_apart(
    spans: list[Span], accounting: Accounting, slots: Slots
) -> tuple[tuple[str, ...], frozenset[int]]:
    """ "Apart from Necaxa", "besides Lojero", "aparte de la UdeG": the club or player named
    right after such a word is set apart, not asked about: taken out of the slots, its id
    (or name) kept for the plan to leave out (`planning._set_apart`). The names and where
    the words are."""
    names: list[str] = []
    positions: set[int] = set()
    for word in accounting.operators:
        if word.operator is not Operator.EXCEPT:
            continue
        after = sorted(
            (s for s in spans if word.position < s.start <= word.position + APART_REACH),
            key=attrgetter("start"),
        )
        named = [t.value for s in after[:1] for t in s.of(Kind.CLUB) or s.of(Kind.PLAYER)]
        if named:
            names += named
            positions.add(word.position)
    for name in names:
        for held in (slots.clubs, slots.pure_clubs, slots.players):
            if name in held:
                held.remove(name)
    return tuple(dict.fromkeys(names)), frozenset(positions)


APART_REACH = 3
"""How far after "apart"/"aparte" the name set apart may start ("apart from the Necaxa")."""


STADIUM_ARTICLES = frozenset({"the", "el", "al", "del"})


COMMON_PLACE_ZIPF = 4.5
"""A one-word town name this common is a word first ("victoria", "progreso", "reforma")."""


def places_said(tokens: list[str], spans: list[Span], lex: Lexicon) -> list[Span]:
    """Mexican states and towns the season does not name ("Mazatlán", "Campeche", "la
    CDMX"), in the words no name took: the longest run that is one. Only a word that is no
    phrase of the vocabulary, and no more English than Spanish, starts a look-up, so most
    questions never load the gazetteer."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    vocabulary = lex.vocabulary
    found: list[Span] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i in taken or vocabulary.is_function_word(token) or vocabulary.frames(token):
            i += 1
            continue
        if zipf_in(token, "en") > zipf_in(token, "es"):  # "cousin": no Mexican town
            i += 1  # (checked last: the word lists load on first use, ~90 ms)
            continue
        for n in range(min(LONGEST_NAME, len(tokens) - i), 0, -1):
            run = range(i, i + n)
            name = " ".join(tokens[i : i + n])
            if any(j in taken for j in run) or not places_named(name):
                continue
            if n == 1 and zipf(name) >= COMMON_PLACE_ZIPF:
                continue
            found.append(Span(i, i + n, (Target(Kind.PLACE, name),)))
            i += n - 1
            break
        i += 1
    return found


def stadia_after_articles(tokens: list[str], spans: list[Span], lex: Lexicon) -> list[Span]:
    """ "The Jalisco", "el Victoria": a bare name a city or a state shares is the stadium's
    after an article, as fans say it; a place takes none ("in Victoria", "en Jalisco")."""
    by_start = {span.start: span for span in spans}
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for i, token in enumerate(tokens):
        span = by_start.get(i)
        stadium = lex.shared_stadiums.get(token)
        alone = span is None or (span.end == i + 1 and not span.of(Kind.CLUB))
        after_article = i > 0 and tokens[i - 1] in STADIUM_ARTICLES
        if stadium is not None and alone and after_article and (span or i not in taken):
            found.append(Span(i, i + 1, (Target(Kind.STADIUM, stadium),)))
        elif span is not None:
            found.append(span)
    return found


def _asked_at(text: str, vocabulary: Vocabulary) -> frozenset[int]:
    """The position of the last word before each "?" (the words as read: shorthand written
    out), so a tag that closes a sentence is seen mid-question."""
    ends = set()
    for mark in re.finditer(r"\?", text):
        before = words(text[: mark.start()])
        if before:
            ends.add(len(expand_shorthand(before, vocabulary)) - 1)
    return frozenset(ends)


_STRETCHED = re.compile(r"([a-z])\1{2,}")


def expand_shorthand(tokens: list[str], vocabulary: Vocabulary) -> list[str]:
    """Fans' shorthand written out ("agg" -> "aggregate", "slp" -> "san luis potosi"), and
    letters stretched for effect put back ("holaaa" -> "hola", "graciaaas" -> "gracias")."""
    expanded: list[str] = []
    for written in tokens:
        token = _unstretched(written, vocabulary) if _STRETCHED.search(written) else written
        expanded += vocabulary.shorthand.get(token, (token,))
    return expanded


def _unstretched(token: str, vocabulary: Vocabulary) -> str:
    """The word a stretched one stands for: each run down to one letter, or to two."""
    for candidate in (_STRETCHED.sub(r"\1", token), _STRETCHED.sub(r"\1\1", token)):
        if vocabulary.frames(candidate) or candidate in vocabulary.cue_words or is_word(candidate):
            return candidate
    return token


def _compose(
    intent: Intent,
    parts: tuple[Part, ...],
    reading: Reading,
    slots: Slots,
    tokens: list[str],
    *,
    scored: bool,
) -> tuple[Intent, tuple[Intent, ...]]:
    """Parts that change which query answers: a nickname is the club's, a count of clubs is
    the league's, the team that made a score is the match's; and a second intent asked
    beside the first ("who went up and down?"). `scored`: the question gives a score."""
    if intent is Intent.UNKNOWN:
        return intent, ()
    if scored and (intent is Intent.BRACKET or (Part.TEAM in parts and intent is Intent.SCORERS)):
        # A score with a tournament and nothing else ("any 0-0 in the Apertura?"), or "which
        # team put 5-0 past Mérida?": the matches (or tie) with that score.
        return Intent.RESULT, ()
    if Part.NICKNAME in parts and slots.clubs and not reading.stadium_word:
        # "¿cómo se llama el estadio de los Alebrijes?" asks for the ground, not a nickname.
        return Intent.CLUB, ()
    if Part.CLUBS in parts and not slots.clubs and intent is not Intent.CHANGES:
        # "How many teams qualified?" is the liguilla's format; "how many clubs?" a count.
        # (Last season's changes count their own: "how many came up from the Segunda?")
        qualifying = reading.scores.get(Intent.FORMAT, 0) + reading.scores.get(Intent.BRACKET, 0)
        # "How many teams made the liguilla?": the clubs that played it, by the format (a
        # phrase that holds the liguilla; "jugaron el Ascenso" is the league's clubs).
        qualifying += sum(
            1
            for m in reading.marks
            if m.cue.test is Test.PLAYED and PLAYOFF_WORDS & set(tokens[m.start : m.end])
        )
        return (Intent.FORMAT if qualifying > 0 else Intent.COUNT), ()
    goal_intents = (Intent.RESULT, Intent.SCORERS, Intent.PLAYER_GOALS)
    if Part.GOALS in parts and intent in goal_intents and not slots.players:
        return Intent.COUNT, ()
    if Part.FATE in parts and slots.clubs:
        return Intent.CHANGES, ()
    if Part.GAMES in parts and slots.clubs:
        return Intent.CHANGES, ()
    if Part.TOURNAMENTS in parts and intent is Intent.RELEGATED:
        return Intent.RELEGATION, ()  # "¿cuántos torneos cuentan para el descenso?": the table
    if Part.COMPARE in parts and (len(slots.stadiums) + len(slots.clubs) >= 2):
        # "bigger than", "más grande que": two grounds, unless what is compared is said
        # and is no ground's ("did udeg play more playoff games than tecos")
        games = any(
            m.cue.entity is Entity.LEG or m.cue.measure is Measure.GOALS for m in reading.marks
        )
        if not games or reading.stadium_word:
            return Intent.STADIUM, ()
    if Part.BIGGEST_WIN in parts:
        return Intent.RESULT, ()
    score = reading.scores
    if (
        intent in (Intent.PROMOTED, Intent.RELEGATED)
        and score.get(Intent.PROMOTED, 0) > 0
        and score.get(Intent.RELEGATED, 0) > 0
        and not slots.clubs
    ):
        other = Intent.RELEGATED if intent is Intent.PROMOTED else Intent.PROMOTED
        return intent, (other,)
    return intent, ()


TITLE_WORDS = frozenset({"torneos", "tournaments", "titulos", "titles"})


def _titles_quantified(tokens: list[str], accounting: Accounting) -> bool:
    """ "Who won both the Apertura and the Clausura?", "¿algún equipo ganó los dos
    torneos?": said of each of several tournaments."""
    quantified = any(w.operator in (Operator.BOTH, Operator.EACH) for w in accounting.operators)
    return quantified or any(  # "los dos torneos", "the two tournaments"
        a in ("dos", "two") and b in TITLE_WORDS for a, b in itertools.pairwise(tokens)
    )


def _every_tournament(tokens: list[str], slots: Slots, season: Season) -> None:
    """ "Los dos torneos" with none named: the liguillas."""
    if not slots.tournaments and TITLE_WORDS & set(tokens):
        slots.tournaments = [c.id for c in season.competitions if c.kind == "liguilla"]


AND_WORDS = JOIN_WORDS | {"plus"}
SECOND_INTENTS = frozenset(
    {
        Intent.CHAMPION,
        Intent.RESULT,
        Intent.SCORERS,
        Intent.DECISION,
        Intent.STADIUM,
        Intent.PROMOTED,
        Intent.RELEGATED,
    }
)
"""What a second question beside the first can ask and be answered by intent, with the same
names: each answer reads the clubs and tournaments named as the first does."""


def _second_ask(
    tokens: list[str], reading: Reading, intent: Intent, vocabulary: Vocabulary, slots: Slots
) -> tuple[Intent, ...]:
    """ "When was the Apertura final and who won it?", "¿quién ganó y por cuánto?": a
    second question joined by "and" + a question word asks for its own answer, after the
    first. Its intent is the one its own words ask most for, when that is another one."""
    # "When was the final…": a round's dates are its legs'.
    games = slots.round is not None or len(slots.clubs) >= 2
    for i, token in enumerate(tokens[:-1]):
        if token not in AND_WORDS or tokens[i + 1] not in vocabulary.question_words:
            continue
        clauses = (
            [m for m in reading.marks if m.end <= i],
            [m for m in reading.marks if m.start > i],
        )
        asked = [_clause_intent(marks) for marks in clauses]
        asked = [Intent.RESULT if games and a is Intent.SEASON_DATES else a for a in asked]
        others = [found for found in asked if found is not None and found is not intent]
        if len(others) == 1 and others[0] in SECOND_INTENTS and intent in asked:
            return (others[0],)
    return ()


def _clause_intent(marks: list[Mark]) -> Intent | None:
    weights: dict[Intent, float] = {}
    for mark in marks:
        for asked, weight in mark.cue.weights.items():
            weights[asked] = weights.get(asked, 0.0) + weight
    if not weights:
        return None
    best = max(weights.values())
    return next(i for i in _PRIORITY if weights.get(i) == best) if best > 0 else None


def _event(reading: Reading) -> ChangeEvent | None:
    return reading.events[0] if reading.events else None


def _decide(
    reading: Reading, slots: Slots, lex: Lexicon, in_season: bool
) -> tuple[Intent, OutOfScope | None]:
    """The intent: out of scope first, then the cues' scores, settled by what is named."""
    reason = _out_of_scope(reading, slots, in_season)
    if reason is not None:
        return Intent.UNKNOWN, reason
    score = {intent: reading.scores.get(intent, 0.0) for intent in Intent}
    goalish = score[Intent.SCORERS] + score[Intent.TOP_SCORER] + score[Intent.PLAYER_GOALS]
    if slots.players and goalish > 0 and score[Intent.TOP_SCORER] < TOP_SCORER_CERTAIN:
        return Intent.PLAYER_GOALS, None
    # A division decides between this season's promotion and last season's changes.
    if reading.previous and (score[Intent.PROMOTED] > 0 or score[Intent.RELEGATED] > 0):
        # "Who went up the season before?": last season's changes, not this season's.
        return Intent.CHANGES, None
    if slots.division is not None:
        this_season = slots.division == lex.promoted_to
        if score[Intent.PROMOTED] > 0 and not this_season:
            return Intent.CHANGES, None
        if score[Intent.RELEGATED] > 0 and score[Intent.PROMOTED] == 0:
            return Intent.CHANGES, None
    if reading.extreme is not None and reading.ratio_word:
        return Intent.RELEGATION, None
    if reading.extreme is not None and reading.stadium_word and not slots.pure_clubs:
        return Intent.STADIUM_EXTREME, None
    if _seats_bound(reading, slots) is not None:
        # "Which stadia hold more than 20,000?": the grounds past that capacity.
        return Intent.STADIUM_EXTREME, None
    _settle(score, reading, slots, lex)
    best = max(score.values())
    if best <= 0:
        return _by_slots_alone(reading, slots)
    # Ties go to the intent listed first in _PRIORITY: the more specific question.
    intent = next(intent for intent in _PRIORITY if score[intent] == best)
    if intent is Intent.RELEGATION and slots.tournament is not None:
        # The relegation table spans six tournaments; one tournament's points are standings.
        return Intent.UNKNOWN, OutOfScope.REGULAR_SEASON
    if slots.division is not None and intent not in _ALLOWED_WITH_DIVISIONS:
        # "Who won Liga MX?" is about another league, not this season's promotion.
        return Intent.UNKNOWN, OutOfScope.OTHER_COMPETITION
    if intent is Intent.STADIUM and not (slots.clubs or slots.stadium or slots.city):
        return Intent.UNKNOWN, OutOfScope.NOT_UNDERSTOOD
    if intent is Intent.CHANGES and reading.stadium_word and not reading.events and not slots.clubs:
        # Only this season's clubs have a ground in the data; a club of last season's changes
        # ("which stadium did Pumas Morelos play in?") has its change, which is not what is
        # asked (where it went is: "where did Toros Neza move to?").
        return Intent.UNKNOWN, OutOfScope.FORMER_CLUB
    return intent, None


def _out_of_scope(reading: Reading, slots: Slots, in_season: bool) -> OutOfScope | None:
    """What makes a question one the data cannot answer, whatever else it asks."""
    if not in_season:
        return OutOfScope.OTHER_SEASON
    for reason in (
        OutOfScope.OTHER_SEASON,
        OutOfScope.NOT_IN_DATA,
        OutOfScope.REGULAR_SEASON,
        OutOfScope.UNRELATED,
    ):
        if reason in reading.reasons:
            return reason
    if OutOfScope.OTHER_COMPETITION in reading.reasons or slots.other_competitions:
        return OutOfScope.OTHER_COMPETITION
    if slots.other_clubs:
        return OutOfScope.OTHER_CLUB
    if slots.unknown_names:
        return OutOfScope.UNKNOWN_CLUB
    if reading.cup and slots.tournament is None:
        return OutOfScope.OTHER_COMPETITION
    return None


def _settle(score: dict[Intent, float], reading: Reading, slots: Slots, lex: Lexicon) -> None:
    """Adjust the cues' scores by what the question names: each intent needs its slots."""
    clubs = slots.clubs
    if not slots.players:
        score[Intent.PLAYER_GOALS] = 0.0
    if slots.division is not None and slots.division == lex.promoted_to and score[Intent.PROMOTED]:
        score[Intent.PROMOTED] += BOOST_DIVISION
    if slots.subject is not None:
        score[Intent.CHANGES] += BOOST_SUBJECT
    if len(clubs) >= 2:
        # Two clubs: their meeting, not one club's road; how it was decided when the cues ask
        # that more than how it went ("how did Tecos get past Dorados?").
        meeting = (
            Intent.DECISION if score[Intent.DECISION] > score[Intent.RESULT] else Intent.RESULT
        )
        score[meeting] += BOOST_TWO_CLUBS
        score[Intent.PATH] = 0.0
    if not clubs:
        score[Intent.PATH] = 0.0
    if slots.round not in (None, RoundName.FINAL) and score[Intent.CHAMPION] > 0:
        # "Who won the Clausura semis?": those ties' winners, not the tournament's champion.
        score[Intent.RESULT] = max(score[Intent.RESULT], score[Intent.CHAMPION] + BOOST_NAMED)
        score[Intent.CHAMPION] = 0.0
    if slots.tournament is not None and score[Intent.CHAMPION] > 0:
        score[Intent.CHAMPION] += BOOST_NAMED
    if slots.stadium is not None or slots.city is not None:
        # "Who plays in Culiacán?" asks for a club; a place that is also a club's name
        # ("Mérida") does so only with words about playing or being from somewhere.
        placed = slots.place_only or score[Intent.STADIUM] > 0
        if reading.asks_who and placed and not slots.pure_clubs:
            score[Intent.CLUB_AT] = score[Intent.STADIUM] + BOOST_PLACE_WHO
        if slots.stadium is not None and slots.place_only and not slots.players:
            # "¿De qué equipo es el Estadio Banorte?": the club that plays there; last
            # season's changes are about clubs (and where they moved), not grounds.
            score[Intent.CLUB_AT] = max(score[Intent.CLUB_AT], score[Intent.CHANGES])
            score[Intent.CHANGES] = 0.0
        if slots.place_only:
            score[Intent.STADIUM] += 1
    elif not clubs:
        score[Intent.STADIUM] = 0.0
    if score[Intent.RELEGATED] > 0 and clubs:
        # "Was Zacatepec relegated?": that club's row answers it.
        score[Intent.RELEGATION] += score[Intent.RELEGATED] + 1
        score[Intent.RELEGATED] = 0.0
    dates = score[Intent.SEASON_DATES]
    if dates > 0 and (slots.round is not None or len(clubs) >= 2) and dates == max(score.values()):
        # "When was the Apertura final?": the tie, whose legs carry their dates.
        score[Intent.RESULT] = dates + 1
    if slots.tournament is None:
        # A liguilla needs its tournament; with a club, the question is that club's road.
        if clubs:
            score[Intent.PATH] += score[Intent.BRACKET]
        score[Intent.BRACKET] = min(score[Intent.BRACKET], BRACKET_WITHOUT_TOURNAMENT)


def _by_slots_alone(reading: Reading, slots: Slots) -> tuple[Intent, OutOfScope | None]:
    """No cue at all ("Necaxa", "Estadio Jalisco", "Irapuato"): what the name itself asks."""
    if slots.clubs:
        return Intent.CLUB, None
    if slots.subject is not None:
        return Intent.CHANGES, None
    if slots.stadium is not None or slots.city is not None:
        return (Intent.CLUB_AT if reading.asks_who else Intent.STADIUM), None
    if slots.players:
        return Intent.PLAYER_GOALS, None
    if slots.tournament is not None:
        return Intent.BRACKET, None
    return Intent.UNKNOWN, OutOfScope.NOT_UNDERSTOOD


_ALLOWED_WITH_DIVISIONS = {Intent.PROMOTED, Intent.RELEGATED, Intent.CHANGES, Intent.FORMAT}

_PRIORITY: tuple[Intent, ...] = (
    Intent.TOP_SCORER,
    Intent.PLAYER_GOALS,
    Intent.DECISION,
    Intent.SCORERS,
    Intent.CHANGES,
    Intent.RELEGATION,
    Intent.STADIUM_EXTREME,
    Intent.CLUB_AT,
    Intent.STADIUM,
    Intent.PATH,
    Intent.RESULT,
    Intent.PROMOTED,
    Intent.RELEGATED,
    Intent.CHAMPION,
    Intent.SEASON_DATES,
    Intent.FORMAT,
    Intent.BRACKET,
    Intent.CLUB,
    Intent.COUNT,
)
