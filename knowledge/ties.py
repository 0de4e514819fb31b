"""How a two-legged tie is decided: the competition's stated rules, or the recorded decision.

The seed states the rules (aggregate, then away goals, then the higher seed, who hosts the
second leg). Both finals were in fact decided on penalties, which the seed does not say; those
ties carry an explicit `Decision` with its source, and the rules' verdict is kept beside it so
a reply can say what the rules alone would have given.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.models import Competition, DecisionMethod, Localized, Tie, TieRule


@dataclass(frozen=True, slots=True)
class RulesVerdict:
    winner: str
    method: DecisionMethod


@dataclass(frozen=True, slots=True)
class TieOutcome:
    """A decided tie, seen from its two clubs: `first` hosted the first leg."""

    tie: Tie
    competition_id: str
    round: str
    first: str
    second: str
    aggregate: tuple[int, int]
    """Goals over both legs, (first, second)."""
    away_goals: tuple[int, int]
    """Goals scored away from home, (first, second)."""
    higher_seed: str | None
    winner: str
    method: DecisionMethod
    penalties: tuple[int, int] | None = None
    """Shoot-out score, winner's kicks first."""
    extra_time: bool | None = None
    source: Localized | None = None
    """Where an explicit decision comes from, in each language; None when the rules decided."""
    by_rules: RulesVerdict | None = None
    """What the stated rules alone give, when that differs from what happened."""

    @property
    def loser(self) -> str:
        return self.second if self.winner == self.first else self.first

    @property
    def clubs(self) -> tuple[str, str]:
        return (self.first, self.second)

    def goals_for(self, club: str) -> int:
        return self.aggregate[0] if club == self.first else self.aggregate[1]

    def away_goals_for(self, club: str) -> int:
        return self.away_goals[0] if club == self.first else self.away_goals[1]

    def opponent_of(self, club: str) -> str:
        return self.second if club == self.first else self.first


def higher_seed(tie: Tie, competition: Competition) -> str | None:
    """The higher seed, where the competition's hosting rule tells it."""
    return tie.legs[1].home if competition.higher_seed_hosts_second_leg else None


def _tally(tie: Tie) -> tuple[tuple[int, int], tuple[int, int]]:
    """(aggregate, away goals), each as (first-leg host, second-leg host)."""
    first, second = tie.clubs
    first_leg, second_leg = tie.legs
    aggregate = (
        first_leg.goals_of(first) + second_leg.goals_of(first),
        first_leg.goals_of(second) + second_leg.goals_of(second),
    )
    return aggregate, (second_leg.goals_of(first), first_leg.goals_of(second))


def apply_rules(tie: Tie, competition: Competition) -> RulesVerdict | None:
    """The stated rules' verdict, or None when they leave the tie level."""
    first, second = tie.clubs
    aggregate, away = _tally(tie)
    for rule in competition.rules:
        if rule is TieRule.AGGREGATE and aggregate[0] != aggregate[1]:
            winner = first if aggregate[0] > aggregate[1] else second
            return RulesVerdict(winner, DecisionMethod.AGGREGATE)
        if rule is TieRule.AWAY_GOALS and away[0] != away[1]:
            return RulesVerdict(first if away[0] > away[1] else second, DecisionMethod.AWAY_GOALS)
        if rule is TieRule.HIGHER_SEED:
            seed = higher_seed(tie, competition)
            if seed is not None:
                return RulesVerdict(seed, DecisionMethod.HIGHER_SEED)
    return None


class UndecidedTie(ValueError):
    """The rules leave the tie level and no decision is recorded."""


def decide(tie: Tie, competition: Competition, round_name: str) -> TieOutcome:
    """The tie's outcome: the recorded decision where there is one, else the rules'."""
    verdict = apply_rules(tie, competition)
    decision = tie.decision
    if decision is not None:
        winner, method = decision.winner, decision.method
    elif verdict is not None:
        winner, method = verdict.winner, verdict.method
    else:
        first, second = tie.clubs
        raise UndecidedTie(
            f"{first} v {second} is level under the stated rules; record a decision with its source"
        )
    aggregate, away_goals = _tally(tie)
    return TieOutcome(
        tie=tie,
        competition_id=competition.id,
        round=round_name,
        first=tie.clubs[0],
        second=tie.clubs[1],
        aggregate=aggregate,
        away_goals=away_goals,
        higher_seed=higher_seed(tie, competition),
        winner=winner,
        method=method,
        penalties=decision.penalties if decision else None,
        extra_time=decision.extra_time if decision else None,
        source=decision.source if decision else None,
        by_rules=verdict if decision and verdict != RulesVerdict(winner, method) else None,
    )
