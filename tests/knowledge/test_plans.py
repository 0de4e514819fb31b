"""Claims over the games of a scope, checked against the real season: "were both legs
draws?", "every 2nd leg was won by the home team?" (each game, or some game)."""

from __future__ import annotations

from knowledge.models import RoundName, Season
from knowledge.plans import model as plan
from knowledge.plans.execute import Compared, LegRow, Ranked, check, name_of, result_rows, run


def _legs_claim(scope: plan.Scope, test: plan.Test, *, each: bool) -> plan.Claim:
    return plan.Claim(
        plan.ClaimKind.TEST,
        plan.Query(plan.Entity.LEG, scope, conditions=(plan.Condition(test),)),
        each=each,
    )


def test_both_legs_of_the_promotion_final_were_draws(season: Season) -> None:
    verdict = check(
        season, _legs_claim(plan.Scope(("promotion-2014",)), plan.Test.DRAWN, each=True)
    )
    assert verdict.holds
    scores = [row.leg.score for row in result_rows(verdict.result) if isinstance(row, LegRow)]
    assert scores == [(0, 0), (1, 1)]


def test_the_apertura_final_had_a_winning_leg_and_a_drawn_one(season: Season) -> None:
    final = plan.Scope(("apertura-2013",), RoundName.FINAL)
    assert not check(season, _legs_claim(final, plan.Test.DRAWN, each=True)).holds  # UdeG 1-0
    assert check(season, _legs_claim(final, plan.Test.DRAWN, each=False)).holds  # Necaxa 1-1
    assert check(season, _legs_claim(final, plan.Test.DECIDED, each=False)).holds
    assert not check(season, _legs_claim(final, plan.Test.DECIDED, each=True)).holds


def test_every_apertura_quarterfinal_second_leg_was_won_at_home(season: Season) -> None:
    # Necaxa 2-0 San Luis, Delfines 3-1 UAT, Mérida 2-0 UdeG.
    seconds = plan.Scope(("apertura-2013",), RoundName.QUARTERFINALS, leg=2)
    assert check(season, _legs_claim(seconds, plan.Test.HOME_WON, each=True)).holds
    firsts = plan.Scope(("apertura-2013",), RoundName.QUARTERFINALS, leg=1)
    assert not check(season, _legs_claim(firsts, plan.Test.HOME_WON, each=True)).holds


def test_tournaments_compare_by_goals_games_and_draws(season: Season) -> None:
    """A tournament's games taken whole: the Apertura's liguilla had 32 goals to the
    Clausura's 24, as many games (12), and 3 draws to 7; Delfines let in 9 to 6."""
    both = ("apertura-2013", "clausura-2014")

    def compared(measure: plan.Measure, *conditions: plan.Condition, clubs: tuple[str, ...] = ()):
        query = plan.Query(
            plan.Entity.TOURNAMENT,
            plan.Scope(both, clubs=clubs),
            conditions=conditions,
            aggregation=plan.Aggregation.COMPARE,
            measure=measure,
            named=both,
        )
        result = run(season, query)
        assert isinstance(result, Compared)
        return [value for _, value in result.values]

    assert compared(plan.Measure.GOALS) == [32, 24]
    assert compared(plan.Measure.GAMES) == [12, 12]
    assert compared(plan.Measure.GAMES, plan.Condition(plan.Test.DRAWN)) == [3, 7]
    assert compared(plan.Measure.GAMES, plan.Condition(plan.Test.GOALLESS)) == [0, 3]
    assert compared(plan.Measure.CONCEDED, clubs=("delfines",)) == [9, 6]
    assert compared(plan.Measure.GOALS, clubs=("necaxa",)) == [12, 6]


def test_clubs_rank_by_games_played_and_grounds_by_games_hosted(season: Season) -> None:
    """Necaxa and UdeG played 10 playoff games each and hosted 5; clubs that played none
    are not ranked among the fewest."""

    def ranked(entity: plan.Entity, aggregation: plan.Aggregation) -> Ranked:
        query = plan.Query(
            entity,
            conditions=(plan.Condition(plan.Test.PLAYED),),
            aggregation=aggregation,
            measure=plan.Measure.GAMES,
        )
        result = run(season, query)
        assert isinstance(result, Ranked)
        return result

    most = ranked(plan.Entity.CLUB, plan.Aggregation.MAX)
    assert (most.value, sorted(name_of(row) for row in most.rows)) == (10, ["necaxa", "udeg"])
    hosted = ranked(plan.Entity.STADIUM, plan.Aggregation.MAX)
    assert (hosted.value, sorted(name_of(row) for row in hosted.rows)) == (5, ["necaxa", "udeg"])
    fewest = ranked(plan.Entity.CLUB, plan.Aggregation.MIN)
    assert fewest.value == 2 and "celaya" not in [name_of(row) for row in fewest.rows]


def test_scorers_are_counted_once_each_and_by_their_goals(season: Season) -> None:
    """Necaxa had 8 different scorers in the playoffs, 4 of them with more than one goal;
    every Tecos scorer scored once."""

    def scorers(side: str, *conditions: plan.Condition) -> list[str]:
        query = plan.Query(plan.Entity.PLAYER, conditions=conditions, side=side)
        return [name_of(row) for row in result_rows(run(season, query))]

    twice = plan.Condition(plan.Test.SCORED, measure=plan.Measure.GOALS, value=1, bound="above")
    assert len(scorers("necaxa")) == 8
    assert sorted(scorers("necaxa", twice)) == [
        "J. Goncalves",
        "J. Isijara",
        "S. Guadarrama",
        "V. Lojero",
    ]
    assert len(scorers("tecos")) == 4
    assert scorers("tecos", twice) == []


def test_a_scope_s_rows_are_the_same_kept_or_not_and_few_scopes_are_kept(season: Season) -> None:
    """Rows of a scope are kept for the scopes asked last: the same rows each time, a list
    of the caller's own, and never more scopes than `SCOPES_KEPT` (a fan can ask for scores
    without end)."""
    from knowledge.plans.execute import SCOPES_KEPT, _scoped, scope_legs

    final = plan.Scope(tournaments=("apertura-2013",), round=RoundName.FINAL)
    first = scope_legs(season, final)
    first.clear()
    again = scope_legs(season, final)
    assert [(row.leg.home, row.leg.away, row.leg.score) for row in again] == [
        ("udeg", "necaxa", (1, 0)),
        ("necaxa", "udeg", (1, 1)),
    ]
    for goals in range(SCOPES_KEPT + 50):
        scope_legs(season, plan.Scope(score=(goals, 0)))
    assert _scoped(season)[1].cache_info().currsize <= SCOPES_KEPT  # type: ignore[attr-defined]
