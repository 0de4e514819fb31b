"""Answers that lead with exactly the part asked: one leg, the loser, the opponent, a club
that did not play, a nickname, a count, a club's fate, a comparison, a club's road.

`precise` returns None when the question asks nothing these answers own; the answer by
intent then stands. Every sentence states only what the queries return for exactly what was
asked: "no goals" only for the legs asked, "did not play" only when the club is in none of
the ties of the round asked.
"""

from __future__ import annotations

from collections.abc import Sequence

from commands import text as fmt
from commands.ask.clubs import compare_answer, fate_answer, nickname_answer
from commands.ask.common import (
    aggregated,
    goal_list,
    goals_side,
    how,
    led_by,
    of_side,
    same_score,
    scope_of,
    stage,
    tie_sentence,
    ties_asked,
    ties_embed,
)
from commands.ask.matches import counted
from commands.club import finish_line
from commands.i18n import Tr
from commands.path import render_path
from commands.reply import Reply
from commands.stadiums import render_stadiums
from knowledge.models import Season
from knowledge.queries import (
    NumberedLeg,
    champions,
    club_path,
    club_paths,
    goals_by_club,
    numbered_legs,
    stadiums,
    tie_outcomes,
    total_goals,
    widest_wins,
)
from knowledge.questions import Intent, LegPick, Part, Question
from knowledge.ties import TieOutcome

TIE_INTENTS = frozenset(
    {Intent.RESULT, Intent.SCORERS, Intent.DECISION, Intent.CHAMPION, Intent.PATH}
)
"""Intents whose answer is about ties, where a leg, a loser or an absent club can be asked."""
LOSER_INTENTS = TIE_INTENTS | {Intent.PROMOTED, Intent.BRACKET}
"""Where "who lost" asks for a final's loser ("who lost the promotion final?")."""


def precise(season: Season, question: Question, tr: Tr) -> Reply | None:
    """The answer that leads with the part asked, or None to answer by intent."""
    intent, parts = question.intent, question.parts
    if intent is Intent.UNKNOWN:
        return None
    if Part.LOSER in parts and not question.clubs and intent in LOSER_INTENTS:
        losers = _losers(season, question, tr)
        if losers is not None:
            return losers
    if Part.DATE in parts and intent in DECIDED_INTENTS and question.leg is None:
        decided = _decided_on(season, question, tr)
        if decided is not None:
            return decided
    if intent in TIE_INTENTS or (intent is Intent.COUNT and Part.GOALS in parts):
        found = _about_ties(season, question, tr)
        if found is not None:
            return found
    if intent is Intent.CLUB and Part.NICKNAME in parts and question.clubs:
        return nickname_answer(season, season.club(question.clubs[0]), tr)
    if intent is Intent.COUNT and Part.CLUBS in parts:
        count = tr.number(len(season.clubs))
        line = tr("ask.part.clubs", count=count, season=fmt.season_name(season, tr))
        return led_by(line, render_stadiums(season, stadiums(season), tr))
    if intent is Intent.CHANGES and question.clubs:
        return fate_answer(season, question, tr)
    if intent is Intent.STADIUM and Part.COMPARE in parts:
        return compare_answer(season, question, tr)
    if intent is Intent.TOP_SCORER and Part.TEAM in parts and not question.players:
        return _team_goals(season, question, tr)
    if intent is Intent.RESULT and Part.BIGGEST_WIN in parts and not question.clubs:
        return _biggest_win(season, question, tr)
    return None


# ---------------------------------------------------------------------------------------------
# Ties and legs


def _about_ties(season: Season, question: Question, tr: Tr) -> Reply | None:
    absent = _absent(season, question, tr)
    if absent is not None:
        return absent
    if question.leg is not None and question.intent is not Intent.DECISION:
        picked = _picked(season, question, question.leg)
        if picked:
            return _legs_answer(season, question, picked, tr)
        none = _no_leg(season, question, question.leg, tr)
        if none is not None:
            return none
    parts = question.parts
    if Part.LOSER in parts and not question.clubs:
        return _losers(season, question, tr)
    if Part.OPPONENT in parts and len(question.clubs) == 1:
        # With both clubs named the opponent is said: their meeting is asked, not whom the
        # first one played ("cuándo se enfrentaron Necaxa y Delfines").
        return _opponents(season, question, tr)
    if question.intent is Intent.PATH and question.clubs:
        return _road(season, question, tr)
    if question.intent is Intent.SCORERS and question.clubs and question.round is not None:
        return _club_goals(season, question, ties_asked(season, question), tr)
    if Part.DATE in parts and question.intent is Intent.RESULT:
        outcomes = ties_asked(season, question)
        if outcomes and (question.round is not None or len(question.clubs) > 1):
            legs = numbered_legs(outcomes)
            return _legs_answer(season, question, legs, tr)
    if (Part.VENUE in parts or Part.CITY in parts) and question.intent is Intent.RESULT:
        # "where was the apertura final played": each leg's ground, not the aggregate
        outcomes = ties_asked(season, question)
        if 0 < len(outcomes) <= MAX_TIES_PLACED and question.round is not None:
            return _legs_answer(season, question, numbered_legs(outcomes), tr)
    if Part.GOALS in parts and not question.players:
        return _goal_count(season, question, tr)
    return None


MAX_TIES_PLACED = 2
"""Ties whose legs' grounds one reply lists (four lines at most, for a phone)."""


def _absent(season: Season, question: Question, tr: Tr) -> Reply | None:
    """A club asked about in a round it did not play: say so, and who did play it."""
    if question.round is None or not question.clubs or question.intent is Intent.PATH:
        return None
    in_round = [
        outcome
        for outcome in tie_outcomes(season, question.tournament)
        if outcome.round == question.round
    ]
    missing = [club for club in question.clubs if not any(club in o.clubs for o in in_round)]
    if not in_round or not missing:
        return None
    ties = " ".join(tie_sentence(season, outcome, tr) for outcome in in_round)
    line = tr(
        "ask.part.not_played",
        club=fmt.short(season, missing[0]),
        scope=scope_of(season, question, tr),
        ties=ties,
    )
    embed = ties_embed(season, scope_of(season, question, tr), in_round, tr)
    return led_by(line, Reply(embeds=(embed,)))


def _no_leg(season: Season, question: Question, pick: LegPick, tr: Tr) -> Reply | None:
    """A score or a draw asked for that no leg (nor, for a score, any aggregate) of the ties
    named has: the data lists every playoff leg, so it says there was none."""
    if pick.score is None and not pick.draw:
        return None
    outcomes = ties_asked(season, question)
    if not outcomes:
        return None
    if pick.score is not None and aggregated(outcomes, pick.score):
        return None  # an aggregate: the tie answers it
    scope = scope_of(season, question, tr)
    if pick.score is not None:
        line = tr("ask.part.no_leg_score", scope=scope, score=fmt.score(*pick.score))
    else:
        line = tr("ask.part.no_draw", scope=scope)
    return led_by(line, Reply(embeds=(ties_embed(season, scope, outcomes, tr),)))


def _picked(season: Season, question: Question, pick: LegPick) -> list[NumberedLeg]:
    outcomes = ties_asked(season, question)
    found = []
    for outcome in outcomes:
        for number, leg in enumerate(outcome.tie.legs, 1):
            if pick.number is not None and number != pick.number:
                continue
            if pick.home is not None and leg.home != pick.home:
                continue
            if pick.city is not None and season.club(leg.home).city != pick.city:
                continue
            if pick.score is not None and not same_score(pick.score, leg.score):
                continue
            if pick.draw and leg.score[0] != leg.score[1]:
                continue
            found.append(NumberedLeg(outcome, number, leg))
    return found


def _legs_answer(
    season: Season, question: Question, picked: Sequence[NumberedLeg], tr: Tr
) -> Reply:
    lines = [_leg_line(season, question, one, tr) for one in picked]
    if Part.WINNER in question.parts or question.intent in (Intent.CHAMPION, Intent.DECISION):
        outcomes = list(dict.fromkeys(one.outcome for one in picked))
        lines += [tie_sentence(season, outcome, tr) for outcome in outcomes]
    outcomes = list(dict.fromkeys(one.outcome for one in picked))
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by("\n".join(lines), Reply(embeds=(embed,)))


def _leg_line(season: Season, question: Question, one: NumberedLeg, tr: Tr) -> str:
    leg, parts = one.leg, question.parts
    host = season.club(leg.home)
    values = {
        "stage": stage(season, one.outcome, tr),
        "number": one.number,
        "date": tr.date(leg.date),
        "score": fmt.leg_score(season, leg),
    }
    side, against = goals_side(question)
    if question.intent is Intent.SCORERS:
        club = side or (None if against is None else leg.away if leg.home == against else leg.home)
        goals = [g for g in leg.goals if of_side(g, leg, side, against)]
        if goals:
            return tr("ask.part.leg_scorers", list=goal_list(season, goals, tr), **values)
        if club is None:
            return tr("ask.part.leg_no_goals", **values)
        label = f"{values['stage']} · {tr(f'leg.{one.number}')}"
        return tr(
            "ask.part.club_no_goals",
            club=fmt.short(season, club),
            stage=label,
            scores=values["score"],
        )
    if Part.VENUE in parts or Part.CITY in parts:
        # "¿En qué ciudad se jugó la vuelta?": the ground's line says its city.
        return tr(
            "ask.part.leg_venue",
            stadium=host.stadium,
            city=host.city,
            home=host.said_name,
            **values,
        )
    if Part.DATE in parts:
        return tr("ask.part.leg_date", **values)
    side, against = question.plan.side, question.plan.against
    shown = [g for g in leg.goals_in_order if of_side(g, leg, side, against)]
    if shown:
        return tr("ask.part.leg_goals", list=goal_list(season, shown, tr), **values)
    return tr("ask.part.leg", **values)


DECIDED_INTENTS = frozenset({Intent.CHAMPION, Intent.PROMOTED, Intent.DECISION})
"""A title, a promotion or a tie, asked when: the day its last game was played."""


def _decided_on(season: Season, question: Question, tr: Tr) -> Reply | None:
    """ "When did UdeG win the Apertura?", "what day did udeg clinch promotion", "¿qué día
    subió la UdeG?": the day the final (or the tie asked) was decided, its last game."""
    tournament = question.tournament
    promotion = champions(season).promotion
    if tournament is None and question.intent is Intent.PROMOTED and promotion is not None:
        tournament = promotion[0].id
    if tournament is None:
        return None
    round_ = question.round or "final"
    outcomes = [o for o in tie_outcomes(season, tournament) if o.round == round_]
    outcomes = [o for o in outcomes if all(c in o.clubs for c in question.clubs)]
    if len(outcomes) != 1:
        return None
    outcome = outcomes[0]
    line = tr(
        "ask.part.decided_on",
        stage=stage(season, outcome, tr),
        date=tr.date(outcome.tie.legs[-1].date),
        winner=fmt.short(season, outcome.winner),
        how=how(season, outcome, tr),
    )
    embed = ties_embed(season, scope_of(season, question, tr), [outcome], tr)
    return led_by(line, Reply(embeds=(embed,)))


def _losers(season: Season, question: Question, tr: Tr) -> Reply | None:
    outcomes = ties_asked(season, question)
    if question.round is None:
        outcomes = [outcome for outcome in outcomes if outcome.round == "final"]
    if not outcomes:
        return None
    lines = [
        tr(
            "ask.part.loser",
            stage=stage(season, outcome, tr),
            loser=fmt.short(season, outcome.loser),
            winner=fmt.short(season, outcome.winner),
            how=how(season, outcome, tr),
        )
        for outcome in outcomes
    ]
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by("\n".join(lines), Reply(embeds=(embed,)))


def _opponents(season: Season, question: Question, tr: Tr) -> Reply | None:
    club = question.clubs[0]
    outcomes = [
        o
        for o in tie_outcomes(season, question.tournament)
        if club in o.clubs and (question.round is None or o.round == question.round)
    ]
    if not outcomes:
        return None
    # "Who did UdeG face?" with no round asks who put them out (or their road); with a
    # round named, whom they played there ("who did UdeG face in the promotion final").
    if question.intent is Intent.PATH and Part.WINNER not in question.parts and not question.round:
        lost = [o for o in outcomes if o.loser == club]
        if not lost:
            return _road(season, question, tr)
        lines = [
            tr(
                "ask.part.knocked_out",
                stage=stage(season, o, tr),
                winner=fmt.short(season, o.winner),
                club=fmt.short(season, club),
                how=how(season, o, tr),
            )
            for o in lost
        ]
        # The club's road in the tournaments it went out of, not its whole season.
        tournaments = dict.fromkeys(o.competition_id for o in lost)
        paths = tuple(club_path(season, club, tournament) for tournament in tournaments)
        return led_by("\n".join(lines), render_path(season, paths, tr))
    lines = [
        tr(
            "ask.part.opponent",
            stage=stage(season, o, tr),
            club=fmt.short(season, club),
            opponent=fmt.short(season, o.opponent_of(club)),
            scores=", ".join(fmt.leg_score(season, leg) for leg in o.tie.legs),
            winner=fmt.short(season, o.winner),
            how=how(season, o, tr),
        )
        for o in outcomes
    ]
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by("\n".join(lines), Reply(embeds=(embed,)))


def _club_goals(
    season: Season, question: Question, outcomes: Sequence[TieOutcome], tr: Tr
) -> Reply | None:
    """Who scored for a club (or against it) in a round it played: the scorers, or that
    there were none."""
    side, against = goals_side(question)
    if not outcomes:
        return None
    # "UdeG's goal in the final, and Tecos'?": each club named, when no one side is asked.
    clubs = [side or against] if side or against else question.clubs[:2]
    lines = []
    for club, outcome in ((c, o) for c in clubs if c is not None for o in outcomes):
        goals = [
            goal
            for leg in outcome.tie.legs
            for goal in leg.goals_in_order
            if of_side(goal, leg, side, against) and (side or against or goal.club == club)
        ]
        label = stage(season, outcome, tr)
        if goals:
            lines.append(
                tr(
                    "ask.part.club_conceded" if against else "ask.part.club_scorers",
                    club=fmt.short(season, club),
                    stage=label,
                    list=goal_list(season, goals, tr),
                )
            )
        else:
            scores = ", ".join(fmt.leg_score(season, leg) for leg in outcome.tie.legs)
            lines.append(
                tr(
                    "ask.part.club_no_goals",
                    club=fmt.short(season, club),
                    stage=label,
                    scores=scores,
                )
            )
    embed = ties_embed(season, scope_of(season, question, tr), list(outcomes), tr)
    return led_by(" ".join(lines), Reply(embeds=(embed,)))


def _goal_count(season: Season, question: Question, tr: Tr) -> Reply | None:
    if len(question.clubs) == 1:
        return None  # one club's goals: its scorers' tally says how many, and by whom
    if question.plan.side is not None or question.plan.against is not None:
        return None  # "¿cuántos goles le metió San Luis a Necaxa?": one side's, by scorer
    outcomes = ties_asked(season, question)
    if not outcomes or (question.round is None and question.tournament is None):
        return None
    legs = [leg for outcome in outcomes for leg in outcome.tie.legs]
    total = total_goals(outcomes)
    scope = scope_of(season, question, tr)
    if len(question.clubs) == 2:
        # "goles entre udeg y necaxa en el apertura": their games', never the tournament's
        a, b = (fmt.short(season, club) for club in question.clubs)
        scope = f"{tr('result.title', a=a, b=b)} · {scope}"
    line = tr(
        "ask.part.goals",
        count=tr.number(total),
        scope=scope,
        scores=", ".join(fmt.leg_score(season, leg) for leg in legs),
    )
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by(line, Reply(embeds=(embed,)))


def _road(season: Season, question: Question, tr: Tr) -> Reply | None:
    """A club's road through each tournament asked, round by round, with aggregates."""
    club = question.clubs[0]
    named = question.tournaments or ((question.tournament,) if question.tournament else ())
    kinds = {season.competition(t).kind for t in named}
    paths = [
        path
        for path in club_paths(season, club)
        if path.qualified
        and (
            not named
            or kinds == {"promotion_final"}  # its road there: the liguilla it won, and it
            or path.competition.id in named
        )
    ]
    if not paths:
        return None
    lines = []
    for path in paths:
        steps = [
            tr(
                "ask.part.road_step",
                round=fmt.round_name(tr, step.outcome.round),
                opponent=fmt.short(season, step.outcome.opponent_of(club)),
                aggregate=fmt.score(
                    step.outcome.goals_for(club),
                    step.outcome.goals_for(step.outcome.opponent_of(club)),
                ),
            )
            for step in path.steps
        ]
        lines.append(
            tr(
                "ask.part.road",
                club=fmt.short(season, club),
                competition=path.competition.name,
                steps=", ".join(steps),
                finish=finish_line(season, path, tr),
            )
        )
    return led_by("\n".join(lines), render_path(season, tuple(paths), tr))


def _team_goals(season: Season, question: Question, tr: Tr) -> Reply | None:
    """Which club scored the most playoff goals: every club's goals, most first."""
    outcomes = ties_asked(season, question)
    ranked = goals_by_club(outcomes)
    if not ranked:
        return None
    listed = counted([(f"**{fmt.short(season, club)}**", n) for club, n in ranked], tr)
    line = tr("ask.part.team_goals", scope=scope_of(season, question, tr), list=listed)
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by(line, Reply(embeds=(embed,)))


def _biggest_win(season: Season, question: Question, tr: Tr) -> Reply | None:
    margin, widest = widest_wins(ties_asked(season, question))
    if not widest:
        return None
    listed = "; ".join(
        f"{fmt.leg_score(season, one.leg)} ({stage(season, one.outcome, tr)} · "
        f"{tr(f'leg.{one.number}')}, {tr.date(one.leg.date)})"
        for one in widest
    )
    scope = scope_of(season, question, tr)
    line = tr("ask.part.biggest_win", legs=listed, margin=margin, scope=scope)
    embed = ties_embed(season, scope, [w.outcome for w in widest], tr)
    return led_by(line, Reply(embeds=(embed,)))


__all__ = ["precise"]
