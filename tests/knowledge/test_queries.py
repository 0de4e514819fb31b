"""The typed queries over the real season: the seed's facts, no mocks, no rendering."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import queries as q
from knowledge import relegation as rel
from knowledge.errors import ClubNotFound, SameClubTwice, TournamentNotFound
from knowledge.models import ChangeEvent, DecisionMethod, Goal, Leg, RoundName, Season


def test_head_to_head_necaxa_udeg_is_the_apertura_final(season: Season) -> None:
    h2h = q.head_to_head(season, "necaxa", "udeg")
    assert [(m.leg.date, m.leg.home, m.leg.score) for m in h2h.meetings] == [
        (dt.date(2013, 11, 27), "udeg", (1, 0)),
        (dt.date(2013, 11, 30), "necaxa", (1, 1)),
    ]
    (tie,) = h2h.ties
    assert (tie.competition_id, tie.round, tie.winner) == ("apertura-2013", "final", "udeg")
    assert (tie.goals_for("udeg"), tie.goals_for("necaxa")) == (2, 1)
    assert tie.method is DecisionMethod.AGGREGATE


def test_head_to_head_across_tournaments_and_filtered(season: Season) -> None:
    both = q.head_to_head(season, "necaxa", "delfines")
    assert [t.competition_id for t in both.ties] == ["apertura-2013", "clausura-2014"]
    clausura = q.head_to_head(season, "necaxa", "delfines", "clausura-2014")
    (tie,) = clausura.ties
    assert (tie.goals_for("necaxa"), tie.goals_for("delfines")) == (6, 3)
    assert len(clausura.meetings) == 2


def test_clubs_that_never_met_are_an_answer(season: Season) -> None:
    h2h = q.head_to_head(season, "altamira", "necaxa")
    assert not h2h.met and h2h.ties == ()


def test_head_to_head_refuses_the_same_club_and_unknown_ids(season: Season) -> None:
    with pytest.raises(SameClubTwice):
        q.head_to_head(season, "udeg", "udeg")
    with pytest.raises(ClubNotFound):
        q.head_to_head(season, "chivas", "udeg")
    with pytest.raises(TournamentNotFound):
        q.head_to_head(season, "necaxa", "udeg", "apertura-2015")


def test_bracket_byes_seeds_and_champions(season: Season) -> None:
    apertura = q.bracket(season, "apertura-2013")
    assert [(b.club, b.round, b.seed) for b in apertura.byes] == [
        ("oaxaca", RoundName.QUARTERFINALS, 1)
    ]
    assert [len(r.ties) for r in apertura.rounds] == [3, 2, 1]
    assert (apertura.champion, apertura.runner_up) == ("udeg", "necaxa")
    # Higher seeds as far as the data tells: the second-leg host of each tie.
    assert [t.higher_seed for t in apertura.rounds[0].ties] == ["necaxa", "delfines", "merida"]
    clausura = q.bracket(season, "clausura-2014")
    assert clausura.byes[0].club == "uat"
    assert (clausura.champion, clausura.runner_up) == ("tecos", "uat")
    assert len(clausura.clubs) == 7
    promotion = q.bracket(season, "promotion-2014")
    assert promotion.champion == "udeg"
    assert promotion.final.penalties == (4, 3) and promotion.final.extra_time is True


def test_club_paths(season: Season) -> None:
    tecos = {path.competition.id: path for path in q.club_paths(season, "tecos")}
    assert tecos["apertura-2013"].finish == "did_not_qualify"
    assert tecos["clausura-2014"].finish == "champion"
    assert [s.outcome.opponent_of("tecos") for s in tecos["clausura-2014"].steps] == [
        "sinaloa",
        "necaxa",
        "uat",
    ]
    assert tecos["promotion-2014"].finish == "runner_up"
    udeg = q.club_path(season, "udeg", "promotion-2014")
    assert udeg.finish == "promoted"
    necaxa = q.club_path(season, "necaxa", "clausura-2014")
    assert (necaxa.finish, necaxa.out_in) == ("eliminated", RoundName.SEMIFINALS)
    oaxaca = q.club_path(season, "oaxaca", "apertura-2013")
    assert oaxaca.bye is not None and oaxaca.bye.seed == 1
    assert all(p.finish == "did_not_qualify" for p in q.club_paths(season, "altamira"))


def test_relegation_table_and_rows(season: Season) -> None:
    table = rel.relegation_table(season)
    assert [s.row.rank for s in table.standings] == [10, 11, 12, 13, 14, 15]
    assert (table.first_rank, table.last_rank) == (10, 15)
    last = table.standings[-1]
    assert (last.row.team, last.row.ratio, last.above_drop) == ("Zacatepec 1948", 0.9524, 0.0)
    assert last.relegated is not None
    assert last.relegated.stayed_by_buying_place_of == "cruz-azul-hidalgo"
    assert [s.club.id for s in table.standings if s.relegated] == ["zacatepec"]
    for standing in table.standings:  # the ratio really is points / games
        assert round(standing.row.points / standing.row.games, 4) == standing.row.ratio
    ballenas = rel.relegation_row(season, "ballenas-galeana")
    assert isinstance(ballenas, rel.RelegationStanding)
    assert (ballenas.row.points, ballenas.row.games, ballenas.above_drop) == (28, 28, 0.0476)
    # From points and games: 94/84 - 80/84 = 1/6 = 0.1667 (the printed ratios give 0.1666).
    altamira = rel.relegation_row(season, "altamira")
    assert isinstance(altamira, rel.RelegationStanding)
    assert altamira.above_drop == 0.1667


def test_a_club_outside_ranks_10_to_15_is_not_in_the_data(season: Season) -> None:
    necaxa = rel.relegation_row(season, "necaxa")
    assert isinstance(necaxa, rel.NotInTable)
    assert (necaxa.first_rank, necaxa.last_rank) == (10, 15)


def test_stadiums_by_capacity(season: Season) -> None:
    clubs = q.stadiums(season)
    assert (clubs[0].stadium, clubs[0].capacity) == ("Estadio Jalisco", 55020)
    assert (clubs[-1].stadium, clubs[-1].capacity) == ("Unidad Deportiva Campus II de la UAC", 8985)
    assert [c.capacity for c in clubs] == sorted((c.capacity for c in clubs), reverse=True)
    assert len(clubs) == 15


def test_scorers_keyed_by_club_and_player(season: Season) -> None:
    table = q.scorers(season)
    assert (table.total, table.without_minute) == (58, 1)
    (leader,) = table.leaders
    assert (leader.player, leader.club.id, leader.count) == ("V. Lojero", "necaxa", 6)
    ibarras = {(row.player, row.club.id, row.count) for row in table.rows if "Ibarra" in row.player}
    assert ibarras == {("J. Ibarra", "delfines", 1), ("P. Ibarra", "uat", 1)}
    assert sum(row.count for row in table.rows) == 58
    goncalves = next(row for row in table.rows if row.player == "J. Goncalves")
    assert [event.goal.minute for event in goncalves.goals].count(None) == 1
    # Competition ranking: Lojero 6; Goncalves and Gutiérrez 4; Santoya and González 3…
    assert table.ranks[:6] == (1, 2, 2, 4, 4, 6)
    assert table.ranks[-1] == 12 and len(table.ranks) == len(table.rows) == 37


def test_scorers_filtered_by_tournament_and_club(season: Season) -> None:
    necaxa_apertura = q.scorers(season, "apertura-2013", "necaxa")
    assert necaxa_apertura.total == 12  # 2 + 2 + 4 + 3 + 0 + 1 over six legs
    assert necaxa_apertura.leaders[0].player == "V. Lojero"
    assert q.scorers(season, club="altamira").rows == ()
    promotion = q.scorers(season, "promotion-2014")
    assert {(row.player, row.club.id) for row in promotion.rows} == {
        ("Alatorre", "udeg"),
        ("Bueno", "tecos"),
    }


def test_champions(season: Season) -> None:
    result = q.champions(season)
    assert [(c.id, final.winner) for c, final in result.winners] == [
        ("apertura-2013", "udeg"),
        ("clausura-2014", "tecos"),
    ]
    assert result.promotion is not None
    assert result.promotion[1].winner == "udeg"
    assert [club.id for club in result.promoted] == ["udeg"]
    assert result.promoted_to == "Liga MX"
    assert [(club.id, fate.stayed_in_league) for club, fate in result.relegated] == [
        ("zacatepec", True)
    ]


def test_season_summary(season: Season) -> None:
    summary = q.season_summary(season)
    assert (summary.clubs, summary.matches, summary.goals) == (15, 26, 58)
    assert (summary.info.start_date, summary.info.end_date) == (
        dt.date(2013, 7, 19),
        dt.date(2014, 4, 12),
    )
    assert summary.first_match.date == dt.date(2013, 11, 13)
    assert summary.last_match.date == dt.date(2014, 5, 10)
    assert summary.playoffs_after_stated_end


def test_changes(season: Season) -> None:
    everything = q.changes(season)
    assert len(everything) == 8
    (zacatepec,) = q.changes(season, "zacatepec")
    assert zacatepec.subject == "Irapuato FC"
    assert set(zacatepec.events) == {ChangeEvent.REBRANDED, ChangeEvent.MOVED}
    assert zacatepec.new_city == "Zacatepec de Hidalgo, Morelos"
    (oaxaca,) = q.changes(season, "oaxaca")
    assert (oaxaca.subject, oaxaca.from_division) == ("Tecamachalco", "Segunda División de México")
    assert q.changes(season, "necaxa") == ()


def test_club_profile(season: Season) -> None:
    udeg = q.club_profile(season, "udeg")
    assert (udeg.club.stadium, udeg.club.capacity) == ("Estadio Jalisco", 55020)
    assert [c.id for c in udeg.titles] == ["apertura-2013"]
    assert udeg.promoted
    # Apertura: QF 5-0, 0-2; SF 1-0, 2-2; F 1-0, 1-1. Clausura QF 1-3, 1-0. Promotion 0-0, 1-1.
    assert udeg.record == q.Record(played=10, won=4, drawn=4, lost=2, goals_for=13, goals_against=9)
    assert isinstance(udeg.relegation, rel.NotInTable)


def test_aggregations_over_ties_are_the_seeds(season: Season) -> None:
    """The seed: 58 goals in 26 playoff games (the promotion final's 0-0 and 1-1 included),
    Necaxa's 18 the most of any club, and UdeG 5-0 Mérida the widest win."""
    every = list(q.tie_outcomes(season))
    assert q.total_goals(every) == 58
    assert len(q.numbered_legs(every)) == 26
    ranked = q.goals_by_club(every)
    assert ranked[0] == ("necaxa", 18)
    assert sum(goals for _, goals in ranked) == 58
    margin, widest = q.widest_wins(every)
    assert margin == 5
    assert [(w.leg.home, w.leg.away, w.number) for w in widest] == [("udeg", "merida", 1)]
    assert q.widest_wins([]) == (0, [])


def test_a_legs_goals_in_order_put_an_unknown_minute_last() -> None:
    """One ordering for every list of goals (queries, text): by minute, a goal the source
    gives no minute last, two of those in the source's order rather than an error."""
    goals = [
        Goal(player="A", club="necaxa", minute=None),
        Goal(player="B", club="necaxa", minute=80),
        Goal(player="C", club="udeg", minute=10),
        Goal(player="D", club="udeg", minute=None),
    ]
    leg = Leg(date=dt.date(2014, 1, 1), home="necaxa", away="udeg", score=(2, 2), goals=goals)
    assert [goal.player for goal in leg.goals_in_order] == ["C", "B", "A", "D"]


def test_goal_events_are_in_playing_order_with_the_minuteless_goal_last(season: Season) -> None:
    """Necaxa 4-1 Delfines lists J. Goncalves's goal without a minute."""
    events = [e for e in q.goal_events(season, club="necaxa") if e.meeting.leg.home_goals == 4]
    minutes = [event.goal.minute for event in events]
    assert minutes[-1] is None and all(minute is not None for minute in minutes[:-1])
    assert minutes[:-1] == sorted(minutes[:-1])  # type: ignore[type-var]
