"""Zero false statements: every lead sentence /ask writes, checked against the season data.

For every question of every set (questions.yaml, the fresh batches, the issue's examples),
the lead sentence (the message content) is read back into claims and each claim is checked
against the data:

- a leg score written `Home a–b Away` is a leg that was played with that score;
- an aggregate (`2–1 on aggregate against Necaxa`) is a tie's, winner first, against that loser;
- a penalty score is a shoot-out the data records; any other `a–b` is some score of the data;
- a capacity (or the gap between two, two together, or all of them), a ratio (or the
  distance between two ratios) and a date are the data's;
- "no goals" holds for exactly the legs asked; "scored no goals" for the club and legs named;
- "did not play" holds: the club is in none of the ties of the round asked;
- a count of clubs or goals is the data's count for what was asked;
- a refusal for an unknown player names nobody who scored in the data.

A claim that cannot be read back fails the test too, so a new kind of sentence must come
with its check.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import re
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from commands.ask import ask
from commands.context import Context
from commands.i18n import translator
from commands.reply import Reply
from knowledge.models import Season
from knowledge.plans.model import within
from knowledge.queries import tie_outcomes
from knowledge.questions import OutOfScope, Question, listed_apart, parse
from knowledge.store import KnowledgeStore, Snapshot, packaged_seasons
from knowledge.ties import TieOutcome
from tests.commands.ask_batches import BATCHES, folded, refuses

ROOT = Path(__file__).resolve().parents[1]
ISSUE_EXAMPLES = BATCHES / "issue9_examples.yaml"


def every_question() -> list[str]:
    questions: list[str] = []
    gate = yaml.safe_load((ROOT / "knowledge" / "questions.yaml").read_text("utf-8"))
    questions += [case["q"] for case in gate["questions"] + gate["out_of_scope"]]
    for path in sorted(BATCHES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        questions += [case["q"] for case in data.get("cases", ())]  # known_misses has none
    return list(dict.fromkeys(questions))


QUESTIONS = every_question()
SCORE = re.compile(r"(\d+)-(\d+)")
CAPACITY = re.compile(r"\b\d{1,3}(?:[,.]\d{3})+\b")
RATIO = re.compile(r"\b\d[.,]\d{4}\b")
DATE = re.compile(r"\b\d{1,2} [a-z]{3,4}\.? \d{4}\b")


class Facts:
    """The season's facts, in the forms the lead sentences write them."""

    def __init__(self, season: Season) -> None:
        self.season = season
        self.outcomes: list[TieOutcome] = list(tie_outcomes(season))
        self.names: dict[str, str] = {}
        for club in season.clubs:
            for name in (club.name, club.short_name):
                self.names[folded(name)] = club.id
        self.name_pattern = "|".join(
            re.escape(name) for name in sorted(self.names, key=len, reverse=True)
        )
        self.leg_claim = re.compile(rf"({self.name_pattern}) (\d+)-(\d+) ({self.name_pattern})")
        self.legs = {
            (leg.home, leg.away, leg.home_goals, leg.away_goals): leg
            for outcome in self.outcomes
            for leg in outcome.tie.legs
        }
        capacities = [club.capacity for club in season.clubs]
        # A capacity, the gap between two ("bigger … by 31,169"), two together, all of them,
        # or their mean (rounded to a seat).
        pairs = list(combinations(capacities, 2))
        self.capacities = (
            set(capacities)
            | {abs(a - b) for a, b in pairs}
            | {a + b for a, b in pairs}
            | {sum(capacities), round(sum(capacities) / len(capacities))}
        )
        ratios = [row.ratio for row in season.relegation.rows]
        self.ratios = {round(r, 4) for r in ratios} | {
            round(abs(a - b), 4) for a, b in combinations(ratios, 2)
        }
        days = {leg.date for leg in self.legs.values()}
        days |= {season.season.start_date, season.season.end_date}
        for competition in season.competitions:
            days |= {day for day in (competition.start_date, competition.end_date) if day}
        self.days: set[dt.date] = days
        self.scorers = {goal.player for leg in self.legs.values() for goal in leg.goals}

    def pairs(self) -> set[tuple[int, int]]:
        found = set()
        for outcome in self.outcomes:
            found.add(outcome.aggregate)
            found.add(outcome.aggregate[::-1])
            found.add(outcome.away_goals)
            found.add(outcome.away_goals[::-1])
            if outcome.penalties:
                found |= {outcome.penalties, outcome.penalties[::-1]}
            for leg in outcome.tie.legs:
                found |= {(leg.home_goals, leg.away_goals), (leg.away_goals, leg.home_goals)}
        return found

    def ties_of(self, question: Question) -> list[TieOutcome]:
        return [
            outcome
            for outcome in self.outcomes
            if (question.tournament is None or outcome.competition_id == question.tournament)
            and (question.round is None or outcome.round == question.round)
        ]


def false_claims(facts: Facts, question: Question, reply: Reply) -> list[str]:
    """Every claim of the lead sentence that the data does not bear out."""
    if refuses(reply):
        return _refusal_claims(facts, question)
    lead = folded(reply.content or "")
    wrong: list[str] = []
    wrong += _scores(facts, lead)
    bound = question.seats[1] if question.seats is not None else None
    wrong += [
        f"capacity {n}"
        for n in CAPACITY.findall(lead)
        if _number(n) not in facts.capacities and _number(n) != bound
    ]
    wrong += _capacity_bound(facts, question, lead)
    wrong += [
        f"ratio {r}"
        for r in RATIO.findall(lead)
        if round(float(r.replace(",", ".")), 4) not in facts.ratios
    ]
    wrong += _dates(facts, lead)
    wrong += _goalless(facts, question, lead)
    wrong += _absent(facts, question, lead)
    wrong += _counts(facts, question, lead)
    return wrong


def _number(text: str) -> int:
    return int(re.sub(r"[,.]", "", text))


NO_GAME_ENDED = re.compile(
    r"(?:no leg of|none of the legs of|ningun partido de) .*? (?:ended|termino) $"
)


def _scores(facts: Facts, lead: str) -> list[str]:
    wrong = []
    legs_written = set()
    for match in facts.leg_claim.finditer(lead):
        home, away = facts.names[match.group(1)], facts.names[match.group(4)]
        key = (home, away, int(match.group(2)), int(match.group(3)))
        legs_written.add(match.span(2)[0])
        if key not in facts.legs:
            wrong.append(f"leg {match.group(0)!r} was not played")
    for match in re.finditer(
        rf"(\d+)-(\d+) (?:on aggregate against|en el global ante) ({facts.name_pattern})", lead
    ):
        score = (int(match.group(1)), int(match.group(2)))
        loser = facts.names[match.group(3)]
        if not any(o.loser == loser and _winner_first(o) == score for o in facts.outcomes):
            wrong.append(f"aggregate {match.group(0)!r}")
    for match in re.finditer(r"(\d+)-(\d+) (?:on penalties|en penales)", lead):
        score = (int(match.group(1)), int(match.group(2)))
        if not any(o.penalties and max(o.penalties) == max(score) for o in facts.outcomes):
            wrong.append(f"penalties {match.group(0)!r}")
    pairs = facts.pairs()
    for match in SCORE.finditer(lead):
        if match.start() in legs_written or _is_season_name(lead, match):
            continue
        if NO_GAME_ENDED.search(lead[: match.start()]):
            continue  # "no leg of Oaxaca v UdeG ended 3-3": a score no game had, said so
        if (int(match.group(1)), int(match.group(2))) not in pairs:
            wrong.append(f"score {match.group(0)!r} is no score of the data")
    return wrong


def _winner_first(outcome: TieOutcome) -> tuple[int, int]:
    return outcome.goals_for(outcome.winner), outcome.goals_for(outcome.loser)


def _is_season_name(lead: str, match: re.Match[str]) -> bool:
    """ "2013-14" is the season's name, not a score."""
    return len(match.group(1)) == 4 or lead[max(0, match.start() - 1) : match.start()].isdigit()


def _dates(facts: Facts, lead: str) -> list[str]:
    written = set()
    for locale in ("en", "es-419"):
        tr = translator(locale)
        written |= {folded(tr.date(day)) for day in facts.days}
    return [f"date {d!r}" for d in DATE.findall(lead) if d not in written]


def _goalless(facts: Facts, question: Question, lead: str) -> list[str]:
    wrong = []
    if any(words in lead for words in ("no goals are listed", "no hay goles registrados")):
        # Read literally: no goals in the scope it names (the round, or the two clubs' tie).
        pair = set(question.clubs[:2]) if len(question.clubs) > 1 else set()
        ties = [o for o in facts.ties_of(question) if pair <= set(o.clubs)]
        if any(leg.goals for o in ties for leg in o.tie.legs):
            wrong.append("says no goals, but the legs asked had goals")
    for sentence in re.split(r"(?<=\.)\s", lead):
        said = re.search(rf"({facts.name_pattern}) (?:scored no goals|no anoto)", sentence)
        if said:
            club = facts.names[said.group(1)]
            for match in facts.leg_claim.finditer(sentence):
                home, away = facts.names[match.group(1)], facts.names[match.group(4)]
                mine = int(match.group(2)) if home == club else int(match.group(3))
                if club not in (home, away) or mine:
                    wrong.append(f"says {club} scored no goals in {match.group(0)!r}")
        if ": no goals" in sentence or ": sin goles" in sentence:
            scores = SCORE.findall(sentence)
            if not scores or scores[-1] != ("0", "0"):
                wrong.append(f"says no goals in {sentence!r}")
    return wrong


VERDICT = re.compile(r"\W*(?:yes|no|si)\b", re.IGNORECASE)


def _capacity_bound(facts: Facts, question: Question, lead: str) -> list[str]:
    """ "4 stadia hold more than 20,000: …": the count is the data's, and every capacity
    listed is past the bound."""
    if question.seats is None or (VERDICT.match(lead) and len(CAPACITY.findall(lead)) == 1):
        return []  # a Yes/No on one stadium's bound: its capacity is checked as any other
    seats = question.seats
    bound = seats[1]
    past = [club for club in facts.season.clubs if within(club.capacity, seats)]
    wrong = []
    count = re.match(r"\W*(\d+) (?:stadi|estadio)", lead)
    if count is None and past:
        wrong.append(f"lists no count where {len(past)} stadia are past {bound}")
    if count is not None and int(count.group(1)) != len(past):
        wrong.append(f"says {count.group(0)!r}, the data has {len(past)}")
    listed = [_number(n) for n in re.findall(r"\((\d{1,3}(?:[,.]\d{3})+)\)", lead)]
    wrong += [f"lists capacity {n}, not past {bound}" for n in listed if not within(n, seats)]
    return wrong


def _absent(facts: Facts, question: Question, lead: str) -> list[str]:
    if "did not play in" not in lead and "no jugo en" not in lead:
        return []
    said = re.search(rf"({facts.name_pattern}) (?:did not play in|no jugo en)", lead)
    club = facts.names[said.group(1)] if said else None
    if club is None or question.round is None:
        return ["says a club did not play, without the club or the round asked"]
    if any(club in o.clubs for o in facts.ties_of(question)):
        return [f"says {club} did not play in a round it played"]
    return []


def _counts(facts: Facts, question: Question, lead: str) -> list[str]:
    wrong = []
    clubs = re.search(r"(\d+) clubs competed|compitieron (\d+) clubes", lead)
    if clubs and int(clubs.group(1) or clubs.group(2)) != len(facts.season.clubs):
        wrong.append(f"says {clubs.group(0)!r}")
    if "most playoff goals" in lead or "mas goles de liguilla" in lead:
        totals: dict[str, int] = {}
        for outcome in facts.ties_of(question):
            for leg in outcome.tie.legs:
                totals[leg.home] = totals.get(leg.home, 0) + leg.home_goals
                totals[leg.away] = totals.get(leg.away, 0) + leg.away_goals
        for match in re.finditer(rf"({facts.name_pattern}) (\d+)", lead):
            club, said = facts.names[match.group(1)], int(match.group(2))
            if totals.get(club) != said:
                wrong.append(f"says {match.group(0)!r}, the data has {totals.get(club)}")
    goals = re.match(r"\W*(\d+) (?:goals|goles) (?:in|en) ", lead)
    query = question.plan.query
    if goals and query is not None and not query.scope.clubs:
        # A plan's sum over the tournaments it names (none: the whole playoffs, "including
        # the promotion final"), in its round if it names one.
        scope = query.scope
        total = sum(
            sum(o.aggregate)
            for o in facts.outcomes
            if (not scope.tournaments or o.competition_id in scope.tournaments)
            and (scope.round is None or o.round == scope.round)
        )
        if int(goals.group(1)) != total:
            wrong.append(f"says {goals.group(0)!r}, the data has {total}")
    elif goals and question.tournament is not None:
        ties = [o for o in facts.ties_of(question) if set(question.clubs[:2]) <= set(o.clubs)]
        total = sum(sum(o.aggregate) for o in ties)
        if int(goals.group(1)) != total:
            wrong.append(f"says {goals.group(0)!r}, the data has {total}")
    return wrong


def _refusal_claims(facts: Facts, question: Question) -> list[str]:
    if question.reason is not OutOfScope.UNKNOWN_PLAYER:
        return []
    surnames = {folded(player).split()[-1] for player in facts.scorers}
    return [
        f"says {name!r} scored no goal, but a scorer has that name"
        for name in question.other_names
        if folded(name).split()[-1] in surnames
    ]


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    return KnowledgeStore(packaged_seasons()).current


@pytest.fixture(scope="module")
def verdicts(snapshot: Snapshot) -> dict[str, list[str]]:
    facts = Facts(snapshot.season)
    found: dict[str, list[str]] = {}

    async def check_all() -> None:
        for locale in ("en", "es-419"):
            ctx = Context(snapshot, translator(locale))
            for text in QUESTIONS:
                question = parse(
                    text, snapshot.season, snapshot.clubs, snapshot.tournaments, snapshot.lexicon
                )
                reply = await ask(ctx, text)
                wrong = false_claims(facts, question, reply)
                pieces = _listed(snapshot, text, question)
                if pieces and wrong:
                    # Several things asked in one line, one lead line each: every line is
                    # checked against the piece it answers (any of them).
                    wrong = [
                        claim
                        for line in (reply.content or "").splitlines()
                        for claim in min(
                            (
                                false_claims(facts, piece, dataclasses.replace(reply, content=line))
                                for piece in pieces
                            ),
                            key=len,
                        )
                    ]
                if wrong:
                    found[f"{text} [{locale}]"] = [*wrong, f"lead: {reply.content!r}"]

    asyncio.run(check_all())
    return found


def _listed(snapshot: Snapshot, text: str, whole: Question) -> tuple[Question, ...]:
    def read(piece: str) -> Question:
        return parse(piece, snapshot.season, snapshot.clubs, snapshot.tournaments, snapshot.lexicon)

    vocabulary = snapshot.lexicon.vocabulary
    return listed_apart(text, read, whole=whole, vocabulary=vocabulary)


def test_the_sets_are_all_checked() -> None:
    assert len(QUESTIONS) >= 500


def test_no_lead_sentence_states_anything_false(verdicts: dict[str, Any]) -> None:
    assert verdicts == {}


def test_the_checks_catch_false_claims(snapshot: Snapshot) -> None:
    """The checker itself can fail: false leads of each kind are caught."""
    facts = Facts(snapshot.season)
    question = parse(
        "who scored for UdeG in the Clausura final?",
        snapshot.season,
        snapshot.clubs,
        snapshot.tournaments,
        snapshot.lexicon,
    )
    lies = [
        "UAT 2–1 Estudiantes Tecos.",
        "Clausura 2014 · Final: **UAT**, 2–1 on aggregate against Estudiantes Tecos.",
        "won 5–4 on penalties",
        "capacity 55,021",
        "ratio 0.9525",
        "on 4 May 2014",
        "**UAT** did not play in Clausura 2014 · Final.",
        "⚽ No goals are listed for Clausura 2014 · Final.",
        "**16** clubs competed in the 2013–14 Ascenso MX.",
    ]
    for lie in lies:
        assert false_claims(facts, question, Reply(content=lie)), lie
    truth = "Clausura 2014 · Final · leg 2, 3 May 2014: UAT 1–1 Tecos (S. Rosas (UAT) 39')."
    assert false_claims(facts, question, Reply(content=truth)) == []
    bounded = parse(
        "which stadiums hold more than 20,000",
        snapshot.season,
        snapshot.clubs,
        snapshot.tournaments,
        snapshot.lexicon,
    )
    for lie in (
        "🏟️ 5 stadia hold more than 20,000: Estadio Jalisco (55,020).",
        "🏟️ 4 stadia hold more than 20,000: Estadio Olímpico de C.U. (19,283).",
    ):
        assert false_claims(facts, bounded, Reply(content=lie)), lie
