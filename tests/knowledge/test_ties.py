"""How two-legged ties are decided: the seed's rules, and the finals that broke them.

The first half checks every interesting tie of the real season against the seed and the
decisions `knowledge/seasons/2013-14.yaml` records with their sources (README.md, "The data,
and editing it"). The second half builds tiny competitions in code, one per rule step, so a
change to the rule engine fails a test that names the step, whatever the data says.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from knowledge.models import Competition, DecisionMethod, Season, Tie
from knowledge.ties import RulesVerdict, TieOutcome, UndecidedTie, apply_rules, decide

# --- the real season ---------------------------------------------------------------------


def outcome(season: Season, competition_id: str, round_name: str, a: str, b: str) -> TieOutcome:
    """The decided tie of `a` and `b` in that round (either club may have hosted first)."""
    competition = season.competition(competition_id)
    (round_,) = [r for r in competition.rounds if r.name == round_name]
    ties = [tie for tie in round_.ties if set(tie.clubs) == {a, b}]
    assert len(ties) == 1, f"no single {a} v {b} tie in {competition_id} {round_name}"
    return decide(ties[0], competition, round_name)


def test_apertura_final_udeg_win_on_aggregate(season: Season) -> None:
    """U. de G. 1-0 Necaxa, then Necaxa 1-1 U. de G.: 2-1 on aggregate."""
    final = outcome(season, "apertura-2013", "final", "udeg", "necaxa")
    assert (final.first, final.second) == ("udeg", "necaxa")
    assert final.aggregate == (2, 1)
    assert (final.winner, final.loser) == ("udeg", "necaxa")
    assert final.method is DecisionMethod.AGGREGATE
    assert final.source is None
    assert final.by_rules is None
    assert final.penalties is None


def test_clausura_quarterfinal_dorados_tecos_goes_to_the_higher_seed(season: Season) -> None:
    """1-1 and 1-1: aggregate 2-2, one away goal each, so Tecos advance as higher seed."""
    tie = outcome(season, "clausura-2014", "quarterfinals", "sinaloa", "tecos")
    assert (tie.first, tie.second) == ("sinaloa", "tecos")
    assert tie.aggregate == (2, 2)
    assert tie.away_goals == (1, 1)
    assert tie.higher_seed == "tecos"
    assert tie.winner == "tecos"
    assert tie.method is DecisionMethod.HIGHER_SEED
    assert tie.source is None


def test_clausura_final_tecos_on_penalties_although_rules_say_away_goals(season: Season) -> None:
    """0-0 and 1-1: the rules give Tecos the title on away goals, press reports 4-3 on penalties.

    Both are kept: what happened (penalties, with its source) and what the rules alone give.
    """
    final = outcome(season, "clausura-2014", "final", "tecos", "uat")
    assert final.aggregate == (1, 1)
    assert final.away_goals == (1, 0)
    assert final.winner == "tecos"
    assert final.method is DecisionMethod.PENALTIES
    assert final.penalties == (4, 3)
    assert final.source is not None
    assert "4–3" in final.source["en"]
    assert "3 May 2014" in final.source["en"]
    assert "3 de mayo de 2014" in final.source["es"]
    assert final.by_rules == RulesVerdict("tecos", DecisionMethod.AWAY_GOALS)


def test_promotion_final_udeg_on_penalties_after_extra_time(season: Season) -> None:
    """0-0 and 1-1 with Tecos scoring away, yet U. de G. were promoted: 4-3 on penalties
    after extra time, as reported on 10 May 2014."""
    final = outcome(season, "promotion-2014", "final", "tecos", "udeg")
    assert (final.first, final.second) == ("tecos", "udeg")
    assert final.aggregate == (1, 1)
    assert final.away_goals == (1, 0)
    assert (final.winner, final.loser) == ("udeg", "tecos")
    assert final.method is DecisionMethod.PENALTIES
    assert final.penalties == (4, 3)
    assert final.extra_time is True
    assert final.source is not None
    assert "10 May 2014" in final.source["en"]
    assert "10 de mayo de 2014" in final.source["es"]
    # The promotion final states only the aggregate rule, which leaves 1-1 undecided.
    assert final.by_rules is None
    assert final.higher_seed is None


def test_apertura_quarterfinal_udeg_beat_the_higher_seed_merida(season: Season) -> None:
    """U. de G. 5-0 Mérida, Mérida 2-0 U. de G.: 5-2 on aggregate for the lower seed."""
    tie = outcome(season, "apertura-2013", "quarterfinals", "udeg", "merida")
    assert tie.higher_seed == "merida"
    assert tie.aggregate == (5, 2)
    assert tie.winner == "udeg"
    assert tie.method is DecisionMethod.AGGREGATE


def test_clausura_semifinal_oaxaca_uat_goes_to_uat_as_higher_seed(season: Season) -> None:
    """Oaxaca 2-0 UAT, UAT 2-0 Oaxaca: level at 2-2 with no away goals; UAT were first seed."""
    tie = outcome(season, "clausura-2014", "semifinals", "oaxaca", "uat")
    assert tie.aggregate == (2, 2)
    assert tie.away_goals == (0, 0)
    assert tie.higher_seed == "uat"
    assert tie.winner == "uat"
    assert tie.method is DecisionMethod.HIGHER_SEED


def test_every_tie_of_the_season_is_decided(season: Season) -> None:
    """13 ties, each with a winner who played in it: no tie is left to guesswork."""
    decided = [
        decide(tie, competition, round_.name)
        for competition in season.competitions
        for round_ in competition.rounds
        for tie in round_.ties
    ]
    assert len(decided) == 13
    assert all(result.winner in result.clubs for result in decided)


def test_finals_match_the_infobox(season: Season) -> None:
    """Winners: Apertura U. de G., Clausura Estudiantes Tecos; promoted: U. de G."""
    winners = {
        competition.id: decide(competition.final, competition, "final").winner
        for competition in season.competitions
    }
    assert winners == {
        "apertura-2013": "udeg",
        "clausura-2014": "tecos",
        "promotion-2014": "udeg",
    }
    assert season.season.winners == {"apertura-2013": "udeg", "clausura-2014": "tecos"}
    assert season.season.promoted == ("udeg",)


# --- the rule steps, on ties built in code ---------------------------------------------------


def leg(day: int, home: str, away: str, score: str) -> dict[str, Any]:
    """A leg without scorers: the rules look only at the score."""
    return {"date": dt.date(2020, 1, day), "home": home, "away": away, "score": score}


def make_tie(first: str, second: str, decision: dict[str, Any] | None = None) -> Tie:
    """Club `a` hosts the first leg, `b` the second (and so is the higher seed, if it counts)."""
    data: dict[str, Any] = {"legs": [leg(1, "a", "b", first), leg(4, "b", "a", second)]}
    if decision is not None:
        data["decision"] = decision
    return Tie.model_validate(data)


def make_competition(tie: Tie, rules: list[str], *, hosts_rule: bool = True) -> Competition:
    return Competition.model_validate(
        {
            "id": "test-cup",
            "name": "Test Cup",
            "kind": "liguilla",
            "rules": rules,
            "higher_seed_hosts_second_leg": hosts_rule,
            "rounds": [{"name": "final", "ties": [tie]}],
        }
    )


SEED_RULES = ["aggregate", "away_goals", "higher_seed"]


@pytest.mark.parametrize(
    ("first", "second", "winner", "aggregate"),
    [("2-0", "1-0", "a", (2, 1)), ("0-0", "1-0", "b", (0, 1)), ("3-1", "3-0", "b", (3, 4))],
)
def test_aggregate_decides_first(
    first: str, second: str, winner: str, aggregate: tuple[int, int]
) -> None:
    tie = make_tie(first, second)
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert result.aggregate == aggregate
    assert (result.winner, result.method) == (winner, DecisionMethod.AGGREGATE)


def test_away_goals_break_a_level_aggregate() -> None:
    """a 1-1 b at a's, b 2-2 a at b's: 3-3, but a scored 2 away against b's 1."""
    tie = make_tie("1-1", "2-2")
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert result.aggregate == (3, 3)
    assert result.away_goals == (2, 1)
    assert (result.winner, result.method) == ("a", DecisionMethod.AWAY_GOALS)


def test_away_goals_are_skipped_when_the_rules_do_not_state_them() -> None:
    """Same score, but a competition without the away-goals rule goes to the higher seed."""
    tie = make_tie("1-1", "2-2")
    result = decide(tie, make_competition(tie, ["aggregate", "higher_seed"]), "final")
    assert (result.winner, result.method) == ("b", DecisionMethod.HIGHER_SEED)


def test_higher_seed_is_the_second_leg_host() -> None:
    """Level on aggregate and away goals: the seed's last step, the higher seed (b) advances."""
    tie = make_tie("1-0", "1-0")
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert result.aggregate == (1, 1)
    assert result.away_goals == (0, 0)
    assert result.higher_seed == "b"
    assert (result.winner, result.method) == ("b", DecisionMethod.HIGHER_SEED)


def test_higher_seed_is_unknown_without_the_hosting_rule() -> None:
    """Without "the higher seed hosts the second leg" nothing tells who the higher seed is."""
    tie = make_tie("0-0", "0-0")
    competition = make_competition(tie, SEED_RULES, hosts_rule=False)
    assert apply_rules(tie, competition) is None
    with pytest.raises(UndecidedTie):
        decide(tie, competition, "final")


def test_level_tie_under_aggregate_only_is_undecided() -> None:
    """Like the promotion final without its recorded decision: refuse to invent a winner."""
    tie = make_tie("0-0", "1-1")
    competition = make_competition(tie, ["aggregate"])
    assert apply_rules(tie, competition) is None
    with pytest.raises(UndecidedTie, match="record a decision"):
        decide(tie, competition, "final")


def test_recorded_decision_wins_over_the_rules_and_keeps_their_verdict() -> None:
    """A shoot-out the rules know nothing about: the decision stands, the rules' verdict is kept."""
    decision = {"winner": "b", "method": "penalties", "penalties": "5-4", "source": "test"}
    tie = make_tie("0-0", "1-1", decision)
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert (result.winner, result.method, result.penalties) == (
        "b",
        DecisionMethod.PENALTIES,
        (5, 4),
    )
    assert result.source == {"en": "test"}
    assert result.by_rules == RulesVerdict("a", DecisionMethod.AWAY_GOALS)


def test_recorded_decision_that_agrees_with_the_rules_has_no_by_rules() -> None:
    """`by_rules` is only there to show a difference."""
    decision = {"winner": "a", "method": "aggregate", "source": "test"}
    tie = make_tie("2-0", "0-0", decision)
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert (result.winner, result.method) == ("a", DecisionMethod.AGGREGATE)
    assert result.by_rules is None


def test_outcome_helpers_read_from_either_club() -> None:
    tie = make_tie("2-1", "0-1")
    result = decide(tie, make_competition(tie, SEED_RULES), "final")
    assert result.clubs == ("a", "b")
    assert (result.goals_for("a"), result.goals_for("b")) == (3, 1)
    assert (result.away_goals_for("a"), result.away_goals_for("b")) == (1, 1)
    assert (result.opponent_of("a"), result.opponent_of("b")) == ("b", "a")
    assert result.loser == "b"
