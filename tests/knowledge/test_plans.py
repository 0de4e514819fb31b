"""Claims over the games of a scope, checked against the real season: "were both legs
draws?", "every 2nd leg was won by the home team?" (each game, or some game)."""

from __future__ import annotations

from knowledge.models import RoundName, Season
from knowledge.plans import model as plan
from knowledge.plans.execute import LegRow, check, result_rows


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
