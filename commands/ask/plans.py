"""Answers to planned questions: a yes/no verdict, a premise corrected, a query's result
(a set, a count, a sum, a ranking, a comparison, a neighbour), and a greeting.

`knowledge.plans.execute` works out every result; this module only words them, from the
catalog, and shows what they rest on. Every sentence states what the result holds for
exactly what was asked, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from commands import text as fmt
from commands.ask.common import (
    bye_facts,
    example_rows,
    goal_list,
    home_line,
    how,
    is_dont_know,
    led_by,
    stage,
    tie_sentence,
    ties_embed,
    top_scorer_line,
    won_line,
)
from commands.ask.titles import relegated_line
from commands.changes import change_line
from commands.club import finish_line
from commands.i18n import Tr
from commands.relegation import render_relegation, row_line
from commands.reply import Reply
from commands.season import finals_on_penalties
from commands.stadiums import render_stadiums
from knowledge.lookup import competition_of
from knowledge.models import RoundName, Season
from knowledge.places import place_name, state_of
from knowledge.plans.execute import (
    GAME_TESTS,
    ClubRow,
    Compared,
    Counted,
    Found,
    GoalRow,
    LegRow,
    Neighbour,
    PlayerRow,
    Ranked,
    Result,
    Row,
    ScopeRow,
    Summed,
    TieRow,
    Verdict,
    check,
    club_legs,
    each_part,
    edge_date,
    game_passes,
    name_of,
    passes,
    result_rows,
    ruled_competitions,
    run,
    scope_leaders,
    scope_ties,
    select,
)
from knowledge.plans.model import Aggregation, Claim, ClaimKind, Entity, Measure, Query, Scope, Test
from knowledge.queries import bracket, club_path, club_paths, stadiums
from knowledge.questions import Intent, Question
from knowledge.relegation import RelegationStanding, RelegationTable, relegation_table
from knowledge.ties import TieOutcome

_LEADING_MARK = re.compile(r"^[^\w*]+\s")
MAX_NAMED = 8
"""Rows named in a lead sentence; past that, the reply says how many and the embed shows
them."""


def plain(sentence: str) -> str:
    """A lead sentence without its leading emoji, to follow "Yes:" or a correction."""
    return _LEADING_MARK.sub("", sentence, count=1)


# ---------------------------------------------------------------------------------------------
# Scopes in words


def scope_words(season: Season, scope: Scope, tr: Tr) -> str:
    """ "the Apertura 2013 liguilla · Semifinals", "the 2013–14 playoffs"."""
    parts = [competition_of(season, t).name for t in scope.tournaments]
    if parts:
        text = fmt.and_list(parts, tr)
    elif len(scope.clubs) == 2:
        a, b = (fmt.short(season, club) for club in scope.clubs)
        text = tr("result.title", a=a, b=b)
    else:
        text = tr("ask.plan.all_playoffs", season=season.season.name)
    if scope.round is not None:
        text = f"{text} · {fmt.round_name(tr, scope.round)}"
    if scope.leg is not None:
        text = f"{text} · {tr(f'leg.{scope.leg}')}"
    if scope.home is not None:
        # "…at UdeG's": the games one club hosted, said, or a claim reads as the whole tie's.
        text = f"{text} · {tr('ask.plan.hosted_by', club=fmt.short(season, scope.home))}"
    if scope.away is not None:
        text = f"{text} · {tr('ask.plan.away_for', club=fmt.short(season, scope.away))}"
    if scope.minute is not None:
        text = f"{text} · {tr('ask.plan.at_minute', minute=scope.minute)}"
    return text


def played_words(season: Season, scope: Scope, tr: Tr) -> str:
    """What a club played or not, said: a tournament alone is its liguilla ("did not play the
    Clausura 2014 liguilla": Celaya played the Clausura's league games, which the data does not
    hold); a round, a leg or the promotion final is said as `scope_words` says it."""
    kinds = {competition_of(season, t).kind for t in scope.tournaments}
    bare = scope.round is None and scope.leg is None and scope.home is None and scope.away is None
    if not scope.tournaments or kinds != {"liguilla"} or not bare or scope.clubs:
        return scope_words(season, scope, tr)
    names = fmt.and_list([competition_of(season, t).name for t in scope.tournaments], tr)
    return tr.plural("ask.plan.liguilla_of", len(scope.tournaments), names=names)


def _outcomes_of(season: Season, scope: Scope) -> list[TieRow]:
    return scope_ties(season, scope)


def _scope_embed(season: Season, scope: Scope, tr: Tr) -> Reply:
    """The ties of a scope, as /bracket and /result show them."""
    ties = _outcomes_of(
        season, Scope(tournaments=scope.tournaments, round=scope.round, clubs=scope.clubs)
    )
    if len(scope.tournaments) == 1 and scope.round is None and not scope.clubs:
        from commands.bracket import render_bracket

        return render_bracket(season, bracket(season, scope.tournaments[0]), tr)
    title = scope_words(season, scope, tr)
    return Reply(embeds=(ties_embed(season, title, [t.outcome for t in ties][:8], tr),))


# ---------------------------------------------------------------------------------------------
# Rows in words


def row_words(season: Season, row: Row, tr: Tr) -> str:
    if isinstance(row, ClubRow):
        return f"**{fmt.short(season, row.club.id)}**"
    if isinstance(row, RelegationStanding):
        # Its ratio beside it: a row of the table is found and ranked by it.
        return f"**{row.row.team}**\u00a0({tr.ratio(row.row.ratio)})"
    if isinstance(row, GoalRow):
        return tr(
            "ask.plan.goal",
            player=row.goal.player,
            club=fmt.short(season, row.goal.club),
            minute=fmt.minute(row.goal, tr),
            score=fmt.leg_score(season, row.leg.leg),
            stage=_leg_stage(season, row.leg, tr),
        )
    if isinstance(row, LegRow):
        return tr(
            "ask.plan.leg", score=fmt.leg_score(season, row.leg), stage=_leg_stage(season, row, tr)
        )
    if isinstance(row, ScopeRow):
        return f"**{scope_words(season, row.scope, tr)}**"
    if isinstance(row, PlayerRow):
        return f"{row.player} ({fmt.short(season, row.club)}, {row.goals})"
    return tie_sentence(season, row.outcome, tr, legs=True)


def _leg_stage(season: Season, leg: LegRow, tr: Tr) -> str:
    return (
        f"{stage(season, leg.tie.outcome, tr)} · {tr(f'leg.{leg.number}')}, {tr.date(leg.leg.date)}"
    )


def listed(season: Season, rows: Sequence[Row], tr: Tr) -> str:
    # A tie's words end its sentence ("…(UdeG 1–0 Necaxa)."): joined, the stop goes.
    shown = [row_words(season, row, tr).removesuffix(".") for row in rows[:MAX_NAMED]]
    if len(rows) > MAX_NAMED:
        shown.append(tr.plural("ask.more", len(rows) - MAX_NAMED))
    named = (ClubRow, RelegationStanding, ScopeRow, PlayerRow)  # a name each, not a sentence
    joiner = "; " if rows and not isinstance(rows[0], named) else None
    return joiner.join(shown) if joiner else fmt.and_list(shown, tr)


# ---------------------------------------------------------------------------------------------
# Queries


def query_reply(season: Season, query: Query, tr: Tr) -> Reply:
    return result_reply(season, run(season, query), tr)


def result_reply(season: Season, result: Result, tr: Tr) -> Reply:
    """A query's result in words (a claim's verdict words the result it already has)."""
    return _set_apart(season, result.query, _result_words(season, result, tr), tr)


def _result_words(season: Season, result: Result, tr: Tr) -> Reply:
    if isinstance(result, Neighbour):
        return _neighbour(season, result, tr)
    if isinstance(result, Compared):
        return _compared(season, result, tr)
    if isinstance(result, Ranked):
        return _ranked(season, result, tr)
    if isinstance(result, Summed):
        return _summed(season, result, tr)
    if isinstance(result, Counted):
        return _counted(season, result, tr)
    return _found(season, result, tr)


def _set_apart(season: Season, query: Query, reply: Reply, tr: Tr) -> Reply:
    """The reply led by what was set apart from it ("Apart from **Necaxa**: 0 clubs…"),
    after its emoji: the rows it counts or lists are the others."""
    if not query.excluded or not reply.content:
        return reply
    names = [
        f"**{fmt.short(season, name)}**" if name in season.clubs_by_id else f"**{name}**"
        for name in query.excluded
    ]
    head, _, rest = reply.content.partition(" ")
    emoji = head if head and not head[0].isalnum() and not head.startswith("*") else ""
    body = rest if emoji else reply.content
    said = tr("ask.plan.apart", names=fmt.and_list(names, tr), line=body)
    return replace(reply, content=f"{emoji} {said}" if emoji else said)


def _conditions_words(season: Season, query: Query, tr: Tr, *, one: bool = False) -> str:
    """ "lost no game", "did not play the Apertura 2013 liguilla and played …"; `one`: said
    of one row, where a language's verb agrees with it ("1 club descendió")."""
    parts = []
    for condition in query.conditions:
        if query.entity is Entity.PLAYER and condition.scope is not None:
            continue  # where a player scored is said by `_scored_where`
        if condition.test is Test.FROM_PLACE:  # "are from Jalisco", "1 club is from Hidalgo"
            name = place_name(condition.place or "")
            way = "no" if condition.negated else "yes"
            parts.append(tr(f"ask.{'test_one' if one else 'test'}.from_place.{way}", place=name))
            continue
        if condition.measure is not None and condition.value is not None:
            value = _value(condition.measure, condition.value, tr)
            key = f"ask.plan.valued.{condition.measure.value}"
            if condition.bound is not None:  # "with a ratio below 1.1", as said
                key = f"ask.plan.bounded.{condition.measure.value}.{condition.bound}"
                value = tr.decimal(condition.value)
            parts.append(tr(key, value=value))
            continue
        where = condition.scope or query.scope
        way = "no" if condition.negated else "yes"
        key = f"ask.test_one.{condition.test.value}.{way}"
        if not (one and tr.has(key)):
            key = f"ask.test.{condition.test.value}.{way}"
        words = played_words if condition.test is Test.PLAYED else scope_words
        parts.append(tr(key, scope=words(season, where, tr)))
    return fmt.and_list(parts, tr)


def _found(season: Season, result: Found, tr: Tr) -> Reply:
    query = result.query
    rows = result.rows
    past = _past_unlisted(season, query, rows, tr)
    if past is not None:
        return past
    club_games = _club_games(season, query, rows, tr)
    if club_games is not None:
        return club_games
    scope = scope_words(season, query.scope, tr)
    what = _conditions_words(season, query, tr, one=len(rows) == 1)
    if query.entity in (Entity.PLAYER, Entity.TOURNAMENT) and what:
        what = f" {what}"  # "5 players scored in Apertura 2013 with more than 1 goal"
    if query.entity is Entity.PLAYER:
        scope = _scored_where(season, query, scope, tr)
    entity = query.entity.value
    places = [c.place for c in query.conditions if c.test is Test.FROM_PLACE and c.place]
    if places and not rows:  # "No club is from Mexico City" (the season's, in the source)
        return Reply(content=tr("ask.plan.none_from_place", place=place_name(places[0])))
    negated = bool(query.conditions) and all(c.negated for c in query.conditions)
    if not rows and negated and query.entity is Entity.CLUB and query.scope != Scope():
        # No club that did not score: every club of it scored. Said so, never as "no club
        # did not score".
        positive = tuple(replace(c, negated=False) for c in query.conditions)
        what = _conditions_words(season, replace(query, conditions=positive), tr)
        line = tr("ask.plan.every.club", what=what, scope=scope)
    elif not rows:
        line = tr(f"ask.plan.none.{entity}", what=what, scope=scope)
    elif query.entity is Entity.CLUB and query.conditions and _complement(season, query, rows):
        kept = _complement(season, query, rows)
        line = tr(
            "ask.plan.all_but",
            clubs=fmt.and_list([f"**{fmt.short(season, c)}**" for c in kept], tr),
            what=what,
            count=len(rows),
        )
    else:
        line = tr.plural(
            f"ask.plan.found.{entity}",
            len(rows),
            what=what,
            scope=scope,
            list=listed(season, rows, tr),
        )
    return led_by(line, _embed_for(season, query, rows, tr))


def _table_rows(rows: Sequence[Row], tr: Tr) -> str:
    """Rows of the relegation table ranked: each with its rank, points, games and ratio, so
    the figure ranked by is said beside the others the table gives."""
    shown = []
    for row in rows:
        if isinstance(row, RelegationStanding):
            line = row_line(row, tr)
            shown.append(f"**{row.row.team}**\u00a0({line[:1].lower()}{line[1:]})")
    return fmt.and_list(shown, tr)


def _complement(season: Season, query: Query, rows: Sequence[Row]) -> list[str]:
    """When a set is every club of the season but a few, those few ("every club but
    Zacatepec 1948")."""
    if query.scope != Scope() or len(rows) < len(season.clubs) - 3:
        return []
    found = {row.club.id for row in rows if isinstance(row, ClubRow)}
    return [club.id for club in season.clubs if club.id not in found]


def _embed_for(season: Season, query: Query, rows: Sequence[Row], tr: Tr) -> Reply:
    if query.entity is Entity.STADIUM:
        return render_stadiums(season, stadiums(season), tr)
    if query.entity is Entity.TABLE_ROW:
        return render_relegation(season, relegation_table(season), tr)
    if query.entity is Entity.CLUB and query.scope == Scope():
        if any(c.test in (Test.RELEGATED, Test.PROMOTED, Test.STAYED) for c in query.conditions):
            return render_relegation(season, relegation_table(season), tr)
        return Reply()
    ties = []
    for row in rows:
        tie = (
            row.tie
            if isinstance(row, LegRow)
            else row.leg.tie
            if isinstance(row, GoalRow)
            else row
            if isinstance(row, TieRow)
            else None
        )
        if tie is not None and tie.outcome not in ties:
            ties.append(tie.outcome)
    if ties:
        title = scope_words(season, query.scope, tr)
        return Reply(embeds=(ties_embed(season, title, ties[:8], tr),))
    return _scope_embed(season, query.scope, tr)


def _past_unlisted(season: Season, query: Query, rows: Sequence[Row], tr: Tr) -> Reply | None:
    """Clubs above a ratio the source's bottom rows pass at the top: every club it leaves
    out passes too, ranked above them on a higher ratio; counted and said, never dropped
    ("cuántos equipos tuvieron cociente mayor a 1": 13, not the 4 listed)."""
    bounds = [c.bound for c in query.conditions if c.measure is Measure.RATIO]
    ranks = [row.row.rank for row in rows if isinstance(row, RelegationStanding)]
    if query.entity is not Entity.TABLE_ROW or bounds not in (["above"], ["at_least"]):
        return None
    top = min(season.relegation.rows, key=lambda row: row.rank)
    if not ranks or min(ranks) != top.rank:
        return None
    line = tr(
        "ask.plan.table_unlisted",
        count=len(rows) + top.rank - 1,
        what=_conditions_words(season, query, tr),
        list=listed(season, rows, tr),
        unlisted=top.rank - 1,
        last=top.rank - 1,
        top=tr.ratio(top.ratio),
    )
    return led_by(line, _embed_for(season, query, rows, tr))


def _counted(season: Season, result: Counted, tr: Tr) -> Reply:
    query = result.query
    rows = result.rows
    past = _past_unlisted(season, query, rows, tr)
    if past is not None:
        return past
    if query.entity is Entity.TABLE_ROW and not query.conditions and rows:
        # "How many teams are shown in the relegation table": the rows the source lists.
        ranks = [row.row.rank for row in rows if isinstance(row, RelegationStanding)]
        line = tr(
            "ask.plan.table_listed",
            count=result.count,
            first=min(ranks),
            last=max(ranks),
            list=listed(season, rows, tr),
        )
        return led_by(line, _embed_for(season, query, rows, tr))
    scope = scope_words(season, query.scope, tr)
    one = result.count == 1
    what = _conditions_words(season, query, tr, one=one) if query.conditions else ""
    if query.entity is Entity.LEG and query.scope.score is not None:
        what = tr.plural("ask.plan.ended", result.count, score=fmt.score(*query.scope.score))
        if len(query.scope.clubs) == 1:
            # "did necaxa play in every 0-0?": Necaxa's games, never the playoffs' all told
            club = fmt.short(season, query.scope.clubs[0])
            scope = f"{scope} · {tr('ask.plan.games_of', club=club)}"
    club_games = _club_games(season, query, result.rows, tr)
    if club_games is not None:
        return club_games
    if query.entity is Entity.PLAYER:
        # "How many different players scored for Necaxa?": the scorers, each once.
        where = _scored_where(season, query, scope, tr)
        what = f"{where} {what}".strip() if what else where
    if query.entity is Entity.TIE and len(query.scope.clubs) == 1:
        # "¿En cuántas finales estuvo Necaxa?", "how many ties did Tecos win?"
        done = next((c.test.value for c in query.conditions), "played")
        line = tr.plural(
            f"ask.plan.club_ties.{done}",
            result.count,
            club=fmt.short(season, query.scope.clubs[0]),
            scope=scope_words(season, replace(query.scope, clubs=()), tr),
        )
        if result.rows and result.count <= MAX_NAMED:
            line = f"{line[:-1]}: {listed(season, result.rows, tr)}"
        return led_by(line, _embed_for(season, query, result.rows, tr))
    if query.entity is Entity.LEG and not query.conditions and query.scope.score is None:
        if len(query.scope.clubs) == 1:
            line = tr(
                "ask.plan.club_games",
                club=fmt.short(season, query.scope.clubs[0]),
                games=tr.plural("ask.plan.games", result.count),
                scope=scope,
            )
            return led_by(line, _embed_for(season, query, result.rows, tr))
        what = tr("ask.plan.played")
    if query.entity is Entity.CLUB and not query.conditions:
        # Clubs with no test: those that played the scope, or the whole league's.
        what = (
            tr("ask.test.played.yes", scope=scope)
            if query.scope != Scope()
            else tr("ask.plan.in_league", season=season.season.name)
        )
    key = f"ask.plan.count.{query.entity.value}"
    line = tr.plural(key, result.count, what=what, scope=scope)
    if result.rows and result.count <= MAX_NAMED:
        line = f"{line[:-1].rstrip()}: {listed(season, result.rows, tr)}."
    return led_by(line, _embed_for(season, query, result.rows, tr))


def _scored_where(season: Season, query: Query, scope: str, tr: Tr) -> str:
    """Where a query's players scored: "in Clausura 2014", "for Necaxa in the playoffs";
    "in the 2-2": the games that ended so, never the whole scope's."""
    if query.scope.score is not None and len(query.scope.clubs) < 2:
        scope = tr("ask.plan.score_games", scope=scope, score=fmt.score(*query.scope.score))
    each = [c.scope for c in query.conditions if c.test is Test.SCORED and c.scope is not None]
    if each:  # "scored in both liguillas": in each of them, said once
        scope = tr(
            "ask.plan.each_of", list=fmt.and_list([scope_words(season, w, tr) for w in each], tr)
        )
    if query.side is not None:
        return tr("ask.plan.scored_for", club=fmt.short(season, query.side), scope=scope)
    return tr("ask.plan.scored_in", scope=scope)


def absent_club(season: Season, query: Query) -> str | None:
    """The club whose games a query counts by what it did in them ("how many games did
    Celaya win?") when it played none in the scope: its games were the regular season's,
    which the data does not hold, so "0 of the 0" would answer another question."""
    results = [c.test for c in query.conditions if c.test in GAME_TESTS]
    if query.entity is not Entity.LEG or len(query.scope.clubs) != 1 or not results:
        return None
    club = query.scope.clubs[0]
    return None if club_legs(season, query.scope, club) else club


def _club_games(season: Season, query: Query, rows: Sequence[Row], tr: Tr) -> Reply | None:
    """One club's games it won, lost or drew ("how many games did Necaxa win?", "¿qué
    partidos perdió?"), of the games it played."""
    results = [c.test for c in query.conditions if c.test in GAME_TESTS]
    if query.entity is not Entity.LEG or len(query.scope.clubs) != 1 or len(results) != 1:
        return None
    club = query.scope.clubs[0]
    played = len(club_legs(season, query.scope, club))
    line = tr(
        f"ask.plan.club_games_{results[0].value}",
        club=fmt.short(season, club),
        games=tr.plural("ask.plan.games", len(rows)),
        played=played,
        scope=scope_words(season, query.scope, tr),
    )
    if rows and len(rows) <= MAX_NAMED:
        line = f"{line[:-1]}: {listed(season, rows, tr)}."
    return led_by(line, _embed_for(season, query, rows, tr))


def _summed(season: Season, result: Summed, tr: Tr) -> Reply:
    query = result.query
    scope = scope_words(season, query.scope, tr)
    if query.aggregation is Aggregation.MEAN:
        return _mean(season, result, tr)
    total = int(result.total)
    conceded = query.measure is Measure.CONCEDED
    scored = query.measure is Measure.GOALS and query.entity is Entity.CLUB
    if query.named and (conceded or scored):
        # One club's goals let in or scored, with its games.
        legs = club_legs(season, query.scope, query.named[0])
        if conceded:
            line = _conceded_line(season, query, total, tr)
        else:
            line = "⚽ " + _club_goals(season, query, total, tr)
        return led_by(line, _embed_for(season, query, tuple(legs), tr))
    if query.entity is Entity.STADIUM:
        grounds = [row.club.stadium for row in result.rows if isinstance(row, ClubRow)]
        line = tr(
            f"ask.plan.capacity_sum.{'named' if query.named else 'all'}",
            count=len(grounds),
            total=tr.number(total),
            list=fmt.and_list([f"**{ground}**" for ground in grounds], tr),
        )
        return led_by(line, _embed_for(season, query, result.rows, tr))
    games = len(result.rows)
    line = tr.plural(
        "ask.plan.goals_in", total, games=tr.plural("ask.plan.games", games), scope=scope
    )
    return led_by(line, _embed_for(season, query, result.rows, tr))


def _conceded_line(season: Season, query: Query, total: int, tr: Tr) -> str:
    """ "UdeG conceded 9 goals in …: 5–0, 0–2, …": one club's goals let in, with its games."""
    club = query.named[0]
    scope = scope_words(season, query.scope, tr)
    legs = club_legs(season, query.scope, club)
    if not legs:  # its liguilla, not the tournament: its league games are not in the data
        played = played_words(season, query.scope, tr)
        return tr("ask.plan.not_played", club=fmt.short(season, club), scope=played)
    scores = ", ".join(fmt.leg_score(season, leg.leg) for leg in legs)
    return tr.plural(
        "ask.plan.conceded", total, club=fmt.short(season, club), scope=scope, scores=scores
    )


def _club_goals(season: Season, query: Query, total: int, tr: Tr) -> str:
    """ "UdeG scored 13 goals in …: 5–0, 0–2, …": one club's goals summed, with its games'
    scores (how many games, where too many to list on a phone)."""
    club = query.named[0]
    legs = club_legs(season, query.scope, club)
    if len(legs) > MAX_SCORES:
        # Too many games to list on a phone: how many, and the embed shows them.
        return tr(
            "ask.fact.value_goals_games",
            club=fmt.short(season, club),
            goals=tr.plural("ask.goals", total),
            scope=scope_words(season, query.scope, tr),
            games=tr.plural("ask.plan.games", len(legs)),
        )
    scores = ", ".join(fmt.leg_score(season, leg.leg) for leg in legs)
    ties = scope_ties(season, query.scope)
    if len(ties) == 1:  # one tie: its aggregate too, the club's goals first
        outcome = ties[0].outcome
        other = outcome.opponent_of(club)
        aggregate = fmt.score(outcome.goals_for(club), outcome.goals_for(other))
        scores = tr("ask.fact.on_aggregate", scores=scores, aggregate=aggregate)
    return tr(
        "ask.fact.value_goals",
        club=fmt.short(season, club),
        goals=tr.plural("ask.goals", total),
        scope=scope_words(season, query.scope, tr),
        scores=scores,
    )


def _mean(season: Season, result: Summed, tr: Tr) -> Reply:
    """ "The 15 grounds hold 18,856 on average", "2.15 goals a game over 26 games"."""
    query = result.query
    count = len(result.rows)
    mean = result.total / count if count else 0.0
    if query.entity is Entity.STADIUM:
        line = tr(
            "ask.plan.mean.capacity",
            mean=tr.number(round(mean)),
            count=count,
            total=tr.number(int(result.total)),
        )
    else:
        line = tr(
            "ask.plan.mean.goals",
            mean=tr.decimal(round(mean, 2)),
            games=tr.plural("ask.plan.games", count),
            goals=tr.plural("ask.goals", int(result.total)),
            scope=scope_words(season, query.scope, tr),
        )
    return led_by(line, _embed_for(season, query, result.rows, tr))


def _ranked(season: Season, result: Ranked, tr: Tr) -> Reply:
    query = result.query
    scope = scope_words(season, query.scope, tr)
    # "Oaxaca's first goal": the first of its goals, which the words must say, or "goal 1 of
    # the Clausura" would name another.
    if query.against is not None:
        scope = f"{scope} · {tr('ask.plan.goals_against', club=fmt.short(season, query.against))}"
    elif query.side is not None:
        scope = f"{scope} · {tr('ask.plan.goals_of', club=fmt.short(season, query.side))}"
    if query.entity is Entity.LEG and query.conditions:
        # "the biggest away win": the games ranked are said, never every game's
        scope = f"{scope} · {_conditions_words(season, query, tr)}"
    if not result.rows:
        return led_by(tr("ask.plan.no_rank", scope=scope), _embed_for(season, query, (), tr))
    measure = query.measure or Measure.GOALS
    direction = "max" if query.aggregation is Aggregation.MAX else "min"
    key = f"ask.plan.rank.{query.entity.value}.{measure.value}.{direction}"
    value = result.value
    values = {
        "nth": _nth(query.nth, tr),
        "list": _table_rows(result.rows, tr)
        if query.entity is Entity.TABLE_ROW
        else listed(season, result.rows, tr),
        "scope": scope,
        "value": tr.ratio(value) if measure is Measure.RATIO else tr.number(int(value)),
    }
    if query.entity is Entity.STADIUM:
        row = result.rows[0]
        assert isinstance(row, ClubRow)
        values |= {"stadium": row.club.stadium, "club": row.club.said_name, "city": row.club.city}
    line = tr(key, **values)
    if measure is Measure.MINUTE:
        # Goals with no minute could be earlier or later than any: the reader is told.
        unknown = [
            row
            for row in select(season, replace(query, aggregation=Aggregation.LIST))
            if isinstance(row, GoalRow) and row.goal.minute is None
        ]
        if unknown:
            goals = "; ".join(row_words(season, row, tr) for row in unknown)
            line = f"{line} {tr('ask.plan.no_minute', goals=goals)}"
    return led_by(line, _embed_for(season, query, result.rows, tr))


def _nth(nth: int, tr: Tr) -> str:
    """ "" for the first, "2nd " for the second: the word before "biggest"."""
    if nth == 1:
        return ""
    key = f"ask.plan.nth.{nth}"
    return tr(key) if tr.has(key) else tr("ask.plan.nth.other", nth=nth)


def _compared(season: Season, result: Compared, tr: Tr) -> Reply:
    query = result.query
    measure = query.measure or Measure.GOALS
    if measure is Measure.SEED:
        return _seeds(season, query, tr)
    if len(result.values) == 1:
        return _one_value(season, result, tr)
    if len(result.values) != 2:
        return led_by(
            tr("ask.plan.no_rank", scope=scope_words(season, query.scope, tr)),
            _embed_for(season, query, (), tr),
        )
    (a, value_a), (b, value_b) = result.values
    if query.aggregation is Aggregation.DIFFERENCE:
        return _difference(season, query, (a, value_a), (b, value_b), tr)
    whole, counted = _compared_keys(query)
    if value_a == value_b:
        line = tr(
            "ask.plan.same" + (f"_{whole.removesuffix('_')}" if whole else ""),
            a=_name(season, a, tr),
            b=_name(season, b, tr),
            value=_value(measure, value_a, tr),
            what=tr(f"ask.plan.measure.{counted}"),
            scope=scope_words(season, query.scope, tr),
            club=_scope_club(season, query),
        )
    else:
        words = _pair_words(season, query, (a, value_a), (b, value_b), tr)
        line = tr(f"ask.plan.more.{whole}{counted}", **words, club=_scope_club(season, query))
    return led_by(line, _embed_for(season, query, (a, b), tr))


def _compared_keys(query: Query) -> tuple[str, str]:
    """How a comparison's words are keyed: whose ("" for clubs and players, "scope_" for
    tournaments, "club_scope_" for one club's in each) and what was counted ("goals",
    "games", "games_drawn": a tournament has goals and games; a club scored them)."""
    if query.entity is Entity.CLUB and query.measure is Measure.GAMES:
        return "club_", "games"  # the games each played, not the relegation table's
    if query.entity is not Entity.TOURNAMENT:
        return "", (query.measure or Measure.GOALS).value
    whose = "club_scope_" if len(query.scope.clubs) == 1 else "scope_"
    counted = (query.measure or Measure.GOALS).value
    if query.measure is Measure.GAMES and query.conditions:
        counted = f"{counted}_{query.conditions[0].test.value}"
    return whose, counted


def _scope_club(season: Season, query: Query) -> str:
    return fmt.short(season, query.scope.clubs[0]) if len(query.scope.clubs) == 1 else ""


MAX_SCORES = 4
"""The most scores a fact lists: past that, a count (the embed lists them)."""


def _beside_value(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str:
    """What settles a value or a comparison claimed beside the named one's own figure: the
    other games of its kind, or who held the place said."""
    if _settled_by_games(claim):
        return _games_said(season, claim.query.scope, tr)  # "did either team score in leg 1?"
    return _other_games(season, claim, verdict, tr) or _at_rank(season, claim, verdict, tr)


def _at_rank(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str:
    """ "Ballenas finished last?" No, 14th: and who the place said was ("number 15 was
    Zacatepec 1948"), the other half of what settles it."""
    if verdict.holds or claim.query.measure is not Measure.RANK or claim.value is None:
        return ""
    row = next((r for r in season.relegation.rows if r.rank == int(claim.value)), None)
    if row is None:
        return ""
    return tr("ask.plan.at_rank", rank=row.rank, team=row.team, ratio=tr.ratio(row.ratio))


def _one_value(season: Season, result: Compared, tr: Tr) -> Reply:
    """One named and its measure: what a number claimed of it is checked against."""
    query = result.query
    measure = query.measure or Measure.GOALS
    row, value = result.values[0]
    if measure is Measure.CAPACITY and isinstance(row, ClubRow):
        line = tr(
            "ask.plan.one.capacity",
            stadium=row.club.stadium,
            club=row.club.said_name,
            value=_value(measure, value, tr),
        )
    elif measure is Measure.RANK and isinstance(row, RelegationStanding):
        line = tr(
            "ask.plan.one.rank",
            a=row.row.team,
            value=int(value),
            count=relegation_table(season).last_rank,
            ratio=tr.ratio(row.row.ratio),
        )
    elif isinstance(row, RelegationStanding):
        # A ratio is points over games: a value of the row is said with the others, so
        # "exactly 1?" is settled by "28 points in 28 games".
        line = tr(
            "ask.plan.one.table_row",
            a=row.row.team,
            points=tr.number(row.row.points),
            games=tr.number(row.row.games),
            ratio=tr.ratio(row.row.ratio),
            rank=row.row.rank,
            count=relegation_table(season).last_rank,
        )
    else:
        line = tr(
            "ask.plan.one.any",
            a=_name(season, row, tr),
            what=tr(f"ask.plan.measure.{measure.value}"),
            value=_value(measure, value, tr),
        )
    return led_by(line, _embed_for(season, query, (), tr))


def _name(season: Season, row: Row, tr: Tr) -> str:
    if isinstance(row, ScopeRow):
        return scope_words(season, row.scope, tr)
    if isinstance(row, ClubRow):
        return fmt.short(season, row.club.id)
    if isinstance(row, RelegationStanding):
        return row.row.team
    if isinstance(row, GoalRow):
        return row.goal.player
    return ""


def _value(measure: Measure, value: float, tr: Tr) -> str:
    return tr.ratio(value) if measure is Measure.RATIO else tr.number(int(value))


def _pair_words(
    season: Season, query: Query, a: tuple[Row, float], b: tuple[Row, float], tr: Tr
) -> dict[str, str]:
    """Two named rows side by side, the larger first, and by how much: what a comparison
    and a difference both say."""
    measure = query.measure or Measure.RATIO
    (top, top_value), (other, other_value) = sorted((a, b), key=lambda item: -item[1])
    delta = top_value - other_value
    return {
        "a": _name(season, top, tr),
        "b": _name(season, other, tr),
        "stadium_a": top.club.stadium if isinstance(top, ClubRow) else "",
        "stadium_b": other.club.stadium if isinstance(other, ClubRow) else "",
        "delta": tr.ratio(round(delta, 4)) if measure is Measure.RATIO else tr.number(int(delta)),
        "value_a": _value(measure, top_value, tr),
        "value_b": _value(measure, other_value, tr),
        "scope": scope_words(season, query.scope, tr),
    }


def _difference(
    season: Season, query: Query, a: tuple[Row, float], b: tuple[Row, float], tr: Tr
) -> Reply:
    measure = query.measure or Measure.RATIO
    line = tr(f"ask.plan.difference.{measure.value}", **_pair_words(season, query, a, b, tr))
    if measure in (Measure.RATIO, Measure.POINTS, Measure.GAMES):
        return led_by(line, render_relegation(season, relegation_table(season), tr))
    return led_by(line, _embed_for(season, query, (a[0], b[0]), tr))


def _seeds(season: Season, query: Query, tr: Tr) -> Reply:
    ties = scope_ties(season, query.scope)
    lines = []
    for tie in ties:
        seed = tie.outcome.higher_seed
        if seed is None:
            continue
        lines.append(
            tr("ask.plan.seed", club=fmt.short(season, seed), stage=stage(season, tie.outcome, tr))
        )
    if not lines:
        return led_by(tr("ask.plan.no_rank", scope=scope_words(season, query.scope, tr)), Reply())
    return led_by(
        " ".join(lines),
        Reply(
            embeds=(
                ties_embed(
                    season, scope_words(season, query.scope, tr), [t.outcome for t in ties], tr
                ),
            )
        ),
    )


def unlisted_neighbour(season: Season, query: Query, tr: Tr) -> str | None:
    """Why a neighbour asked for is not in the data, if it is not: the row right above the
    first rank the source lists ("who was right above Dorados?": ranks 1 to 9 are not). Only
    a neighbour's query is run here (a lookup of the table's rows)."""
    if query.aggregation is not Aggregation.NEIGHBOUR or query.below or query.both_sides:
        return None
    result = run(season, query)
    table = relegation_table(season)
    if not isinstance(result, Neighbour) or result.row is not None or table.first_rank == 1:
        return None
    return tr("ask.unknown.topic.top_ranks", first=table.first_rank, last=table.last_rank)


def _neighbour(season: Season, result: Neighbour, tr: Tr) -> Reply:
    table = relegation_table(season)
    if result.query.both_sides:
        sides = [("above", result.row), ("below", result.below)]
    else:
        sides = [("below" if result.query.below else "above", result.row)]
    lines = [_neighbour_line(result.of, side, row, table, tr) for side, row in sides]
    return led_by("\n".join(lines), render_relegation(season, table, tr, result.of))


def _neighbour_line(
    of: RelegationStanding,
    side: str,
    neighbour: RelegationStanding | None,
    table: RelegationTable,
    tr: Tr,
) -> str:
    if neighbour is None:
        return tr(
            f"ask.plan.neighbour.{side}_none",
            club=of.row.team,
            rank=of.row.rank,
            first=table.first_rank,
            last=table.last_rank,
        )
    row = neighbour.row
    return tr(
        f"ask.plan.neighbour.{side}",
        club=of.row.team,
        other=row.team,
        rank=row.rank,
        ratio=tr.ratio(row.ratio),
    )


# ---------------------------------------------------------------------------------------------
# Yes/no questions and premises


def verdict_reply(
    season: Season, question: Question, claim: Claim, tr: Tr, fallback: Reply
) -> Reply:
    """ "Yes: …" or "No: …", then the fact that settles it; the embed of the answer by intent."""
    verdict = check(season, claim)
    fact = _fact(season, claim, verdict, tr)
    lead = tr(f"ask.verdict.{'yes' if verdict.holds else 'no'}", fact=plain(fact))
    # A claim the answer by intent does not show (a count, a comparison, or a question read
    # by its claim alone) gets its own query's embed.
    own = claim.kind in (ClaimKind.VALUE, ClaimKind.MORE, ClaimKind.LESS)
    # A verdict is never shown over a "don't know" (the answer by intent could not take it).
    by_own = own or question.intent is Intent.UNKNOWN or not fallback.embeds
    by_own = by_own or is_dont_know(fallback, tr)
    embed = result_reply(season, verdict.result, tr) if by_own else fallback
    if not embed.embeds:
        embed = fallback if question.intent is not Intent.UNKNOWN else Reply()
    return led_by(lead, embed)


def claims_reply(season: Season, questions: Sequence[Question], tr: Tr) -> Reply:
    """Several things said in one yes/no question ("La Piedad went up and stayed in La
    Piedad?"): Yes only if each holds; the facts that settle each, those that fail first."""
    checked = []
    for question in questions:
        claim = question.plan.claim
        assert claim is not None  # `claims_apart` reads only claims
        checked.append((claim, check(season, claim)))
    checked.sort(key=lambda item: item[1].holds)
    holds = all(verdict.holds for _, verdict in checked)
    facts = dict.fromkeys(plain(_fact(season, claim, verdict, tr)) for claim, verdict in checked)
    lead = tr(f"ask.verdict.{'yes' if holds else 'no'}", fact=" ".join(facts))
    return led_by(lead, result_reply(season, checked[0][1].result, tr))


def premise_line(season: Season, claim: Claim, tr: Tr) -> str | None:
    """The correction of a false premise, or None when it holds."""
    verdict = check(season, claim)
    if verdict.holds:
        return None
    subject = _subject_name(season, claim)
    test = claim.query.conditions[0].test if claim.query.conditions else Test.PLAYED
    key = f"ask.premise.{test.value}"
    key = key if tr.has(key) else "ask.premise.played"
    return tr(key, subject=subject, fact=plain(_fact(season, claim, verdict, tr)))


def _subject_name(season: Season, claim: Claim) -> str:
    subject = claim.subject or ""
    try:
        return fmt.short(season, subject)
    except KeyError:
        return subject


MAX_TIES_SHOWN = 2
"""A round's ties a No shows beside "they did not meet" (a final's one, a semifinal's two)."""


def _table_each_fact(season: Season, claim: Claim, tr: Tr) -> str:
    """ "Did every team in the ratio table play 84 games?": the rows that do not, each with
    its figures ("Ballenas Galeana: 28 points in 28 games"), or, when all do, all of them."""
    query = claim.query
    if query.entity is not Entity.TABLE_ROW or not (claim.each or claim.others):
        return ""
    rows = [
        row
        for row in select(season, Query(Entity.TABLE_ROW))
        if isinstance(row, RelegationStanding)
        and (claim.subject is None or row.row.club in claim.subjects)
    ]
    failing = [
        row
        for row in rows
        if not all(passes(season, row, c, query.scope) for c in query.conditions)
    ]
    return f"📉 {_table_rows(failing or rows, tr)}."


def _measured(claim: Claim) -> bool:
    """A claim settled by rows past a measure (a ratio bound, goals in one game), said of
    them all or of no one player."""
    query = claim.query
    measured = any(c.measure is not None for c in query.conditions)
    return query.entity is Entity.TABLE_ROW or (measured and claim.subject is None)


def _venue_fact(season: Season, scope: Scope, tr: Tr) -> str:
    """ "¿La ida de la final fue en el Jalisco?": where each game picked was played."""
    legs = select(season, Query(Entity.LEG, replace(scope, home=None)))
    lines = []
    for row in legs[:MAX_TIES_SHOWN]:
        assert isinstance(row, LegRow)
        host = season.club(row.leg.home)
        lines.append(
            tr(
                "ask.part.leg_venue",
                stage=stage(season, row.tie.outcome, tr),
                number=row.number,
                date=tr.date(row.leg.date),
                score=fmt.leg_score(season, row.leg),
                stadium=host.stadium,
                city=host.city,
                home=host.said_name,
            )
        )
    return " ".join(lines)


def rule_fact(season: Season, scope: Scope, rule: str, tr: Tr) -> str:
    """The rule asked about, as the source states it; for extra time and penalties, the
    finals that went to penalties all the same."""
    if rule == "final_if_same_winner" and season.season.same_winner_rule is not None:
        return tr("season.format.same_winner") + "."
    if rule == "if_away_goals":
        return " ".join(
            _if_away_goals(season, tie.outcome, tr) for tie in scope_ties(season, scope)
        )
    liguilla = ruled_competitions(season, scope)[0]
    if rule == "reseeded" and liguilla.reseeded_every_round:
        return tr("season.format.reseeded") + "."
    if rule == "higher_seed_hosts" and liguilla.higher_seed_hosts_second_leg:
        return tr("season.format.hosts") + "."
    steps = " → ".join(tr(f"season.rule.{step.value}") for step in liguilla.rules)
    lines = [tr("season.format.rules", steps=steps)]
    shootouts = finals_on_penalties(season)
    if rule in ("extra_time", "penalties") and shootouts:
        names = fmt.and_list([c.name for c in shootouts], tr)
        lines.append(tr.plural("season.format.penalties", len(shootouts), competitions=names))
    return ". ".join(lines) + "."


def _if_away_goals(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    """ "If away goals had counted in the promotion final, who would have gone up?": what
    they would have given, beside what did decide it."""
    values = {
        "stage": stage(season, outcome, tr),
        "aggregate": fmt.score(*outcome.aggregate),
        "away": fmt.score(*outcome.away_goals),
    }
    if outcome.aggregate[0] != outcome.aggregate[1]:
        return tr("season.format.if_away_goals_won", **values) + "."
    if outcome.away_goals[0] == outcome.away_goals[1]:
        return tr("season.format.if_away_goals_level", **values) + "."
    first_ahead = outcome.away_goals[0] > outcome.away_goals[1]
    club = outcome.first if first_ahead else outcome.second
    return (
        tr(
            "season.format.if_away_goals",
            club=fmt.short(season, club),
            winner=fmt.short(season, outcome.winner),
            how=how(season, outcome, tr),
            **values,
        )
        + "."
    )


def _never_met_fact(season: Season, scope: Scope, tr: Tr) -> str:
    """ "¿La final fue Tecos contra Necaxa?": they did not meet there (each may have played
    it), and who did."""
    a, b = (fmt.short(season, club) for club in scope.clubs)
    played = replace(scope, clubs=())
    never = tr("result.never_met", a=a, b=b, scope=scope_words(season, played, tr))
    ties = scope_ties(season, played)
    if len(ties) > MAX_TIES_SHOWN:
        return never
    return " ".join([never, *(row_words(season, tie, tr) for tie in ties)])


def _score_fact(
    season: Season, claim: Claim, score: tuple[int, int], verdict: Verdict, tr: Tr
) -> str:
    """The games (or the shootout) a score claim is about, and which of them had it."""
    query = claim.query
    rows = list(result_rows(verdict.result))
    shootout = any(c.test is Test.PENALTIES for c in query.conditions)
    if not rows and shootout and len(query.scope.clubs) == 1:
        # "Did Necaxa win 4-3 on penalties?": no tie of theirs went to them.
        club = fmt.short(season, query.scope.clubs[0])
        scope = scope_words(season, query.scope, tr)
        return tr("ask.fact.no_shootout", club=club, scope=scope)
    if not rows:
        return result_reply(season, verdict.result, tr).content or ""
    matching = [row for row in rows if _has_score(row, score)]
    shown = matching if verdict.holds and matching else rows
    if not verdict.holds and len(rows) > 2:
        scope = scope_words(season, query.scope, tr)
        if not matching:
            return tr("ask.fact.no_leg_score", scope=scope, score=fmt.score(*score))
        # "Did all the semis end 0-0?": the ones that did, of how many (never "none").
        return tr(
            "ask.fact.some_leg_score",
            count=len(matching),
            total=len(rows),
            scope=scope,
            score=fmt.score(*score),
            games="; ".join(row_words(season, row, tr) for row in matching[:MAX_NAMED]),
        )
    return "; ".join(row_words(season, row, tr) for row in shown[:MAX_NAMED]) + "."


def _fact(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str:
    """The sentence that settles a claim, whichever way it goes."""
    if claim.denied:  # "no club won both, right?": what settles whether one did
        said = replace(claim, denied=False)
        return _claim_fact(season, said, check(season, said), tr)
    return _claim_fact(season, claim, verdict, tr)


def _meeting_fact(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str | None:
    """Two clubs said to have played each other ("¿Necaxa jugó contra UdeG en el
    Clausura?"): that they did not meet there (each may have played it; never "Necaxa did
    not play the Clausura"), or their tie."""
    query = claim.query
    played = bool(query.conditions) and all(
        c.test is Test.PLAYED and not c.negated for c in query.conditions
    )
    meeting = len(query.scope.clubs) == 2 and query.entity is Entity.CLUB and played
    if claim.each and (claim.others or meeting) and len(query.scope.clubs) == 2:
        # "did necaxa and udeg meet in both liguillas?": where they did, and where not
        said = []
        for part in each_part(season, query.scope):
            met = [t.outcome for t in scope_ties(season, part)]
            said += [tie_sentence(season, o, tr) for o in met] or [
                _never_met_fact(season, part, tr)
            ]
        return " ".join(said)
    if (claim.others or meeting) and len(query.scope.clubs) == 2 and not verdict.holds:
        return _never_met_fact(season, query.scope, tr)
    if meeting and verdict.holds and not claim.others:
        met = [t.outcome for t in scope_ties(season, query.scope)]
        if met:
            return " ".join(tie_sentence(season, outcome, tr) for outcome in met[:2])
    return None


def _other_games(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str:
    """ "¿La final del Clausura quedó 0-0 en los dos partidos?": No, one did; how the other
    ended is what settles it. "" unless a count of games with a score was wrong."""
    query = claim.query
    score = query.scope.score
    if verdict.holds or query.entity is not Entity.LEG or score is None:
        return ""
    others = [
        row
        for row in select(season, Query(Entity.LEG, replace(query.scope, score=None)))
        if not _has_score(row, score)
    ]
    if not others or len(others) > MAX_SCORES:
        return ""
    games = "; ".join(row_words(season, row, tr) for row in others)
    return tr.plural("ask.fact.other_games", len(others), games=games)


def _claim_fact(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str:
    query = claim.query
    if claim.kind is ClaimKind.TOP_SCORER:
        return _top_scorer_fact(season, query.scope, tr)
    if claim.kind is ClaimKind.RULE:
        return rule_fact(season, query.scope, claim.subject or "", tr)
    if claim.kind is ClaimKind.TEST and _measured(claim):
        # "Any hat tricks?", "was Ballenas the only one below 1.05?": the rows that are.
        return (
            _table_each_fact(season, claim, tr)
            or result_reply(season, run(season, query), tr).content
            or ""
        )
    met = _meeting_fact(season, claim, verdict, tr)
    if met is not None:
        return met
    if query.entity is Entity.LEG and query.scope.home is not None and claim.subject is None:
        return _venue_fact(season, query.scope, tr)
    if claim.others:
        # "Did Necaxa and UdeG both play the final?": what settles it for each.
        facts = (
            _fact(season, alone, check(season, alone), tr)
            for alone in (replace(claim, subject=s, others=()) for s in claim.subjects)
        )
        return _tail_said_once(list(dict.fromkeys(facts)))
    if claim.kind is ClaimKind.SCORE and claim.score is not None:
        return _score_fact(season, claim, claim.score, verdict, tr)
    if claim.kind is ClaimKind.DATE and claim.event in ("start", "end"):
        return _edge_fact(season, query.scope, claim.event, tr)
    if claim.kind is ClaimKind.DATE:
        rows = list(result_rows(verdict.result))
        if not rows and query.scope.score is not None:
            # "¿El 1-0 Tecos UdeG fue el 7 de mayo?": no such game, whatever its date.
            scope = scope_words(season, replace(query.scope, score=None), tr)
            return tr("ask.fact.no_leg_score", scope=scope, score=fmt.score(*query.scope.score))
        if not rows:
            return tr("ask.plan.no_rank", scope=scope_words(season, query.scope, tr))
        return "; ".join(row_words(season, row, tr) for row in rows[:4]) + "."
    if claim.kind is ClaimKind.MEMBER:
        return result_reply(season, verdict.result, tr).content or ""
    if claim.kind in (ClaimKind.MORE, ClaimKind.LESS) or (
        claim.kind is ClaimKind.VALUE and not isinstance(verdict.result, Summed)
    ):
        line = result_reply(season, verdict.result, tr).content or ""
        return " ".join(filter(None, [line, _beside_value(season, claim, verdict, tr)]))
    if claim.kind is ClaimKind.VALUE and isinstance(verdict.result, Summed):
        if not query.named:  # "20 goals in the playoffs?": the total, of no one club
            return result_reply(season, verdict.result, tr).content or ""
        if query.measure is Measure.CONCEDED:  # "Necaxa conceded only 2?"
            return _conceded_line(season, query, int(verdict.result.total), tr)
        return _club_goals(season, query, int(verdict.result.total), tr)
    if claim.kind is ClaimKind.HOME:
        lines = [home_line(season.club(club), tr) for club in query.named]
        if claim.event == "place":
            # "¿Delfines son de Campeche?": the state its town is in, which settles it.
            for club in query.named:
                city = season.club(club).city
                state = state_of(city)
                if state is not None and "," not in city:
                    lines.append(tr("ask.fact.in_state", city=city, state=state))
        return " ".join(lines)
    if any(c.test is Test.HIGHER_SEED for c in query.conditions) and query.entity is Entity.CLUB:
        # Whose seeding it was, tie by tie: the higher seed hosted the second leg.
        # of the tie of the two named ("higher seeded than Dorados"), or of the one's ties
        clubs = query.scope.clubs if len(query.scope.clubs) == 2 else (claim.subject,)
        seeded = replace(query, scope=replace(query.scope, clubs=tuple(filter(None, clubs))))
        return _seeds(season, seeded, tr).content or ""
    if claim.kind is ClaimKind.CHANGE:
        found = [c for c in season.changes if claim.subject in (c.club, c.subject)]
        if not verdict.holds:
            # "¿Delfines se llamaba antes Irapuato?": No, and what the club named was before
            found += [c for c in season.changes if c.club in query.named and c not in found]
        return " ".join(change_line(season, change, tr) for change in found)
    if query.entity is Entity.TIE:
        ties = scope_ties(season, query.scope)
        return " ".join(
            f"{stage(season, t.outcome, tr)}: " + fmt.decision(season, t.outcome, tr)[0]
            for t in ties[:2]
        )
    settled = _rows_fact(season, claim, verdict, tr) or _every_game_fact(season, claim, verdict, tr)
    if settled is not None:
        return settled
    if query.entity is Entity.GOAL:
        return _player_fact(season, claim, tr)
    if claim.each:
        # "Did Necaxa make both finals?": each one said.
        parts = each_part(season, query.scope)
        return " ".join(
            _fact(season, replace(claim, query=replace(query, scope=part), each=False), verdict, tr)
            for part in parts
        )
    if len(query.conditions) > 1:
        # "…won the Clausura without winning a game?": each condition said; a game said by
        # where it was ("won the apertura at home?"), by where it was played.
        return " ".join(
            _venue_fact(season, c.scope, tr)
            if c.scope is not None and c.scope.leg is not None and (c.scope.home or c.scope.away)
            else _fact(season, replace(claim, query=replace(query, conditions=(c,))), verdict, tr)
            for c in query.conditions
        )
    if claim.only and not verdict.holds:
        # "Was Necaxa the only one to score?": the others that did, the subject first.
        others = [name_of(row) for row in result_rows(verdict.result)]
        passing = sorted(set(others), key=lambda name: (name != claim.subject, others.index(name)))
        if passing:
            facts = (
                _club_fact(season, replace(claim, subject=name, only=False), tr)
                for name in passing[:MAX_SCORES]
            )
            return " ".join(dict.fromkeys(facts))  # a title's fact names both clubs once
    if claim.subject is not None and claim.subject not in season.clubs_by_id:
        return _former_fact(season, claim, tr)
    return _club_fact(season, claim, tr)


def _with_ties(season: Season, scope: Scope, club: str, line: str, tr: Tr) -> str:
    """A club's part in a round asked, settled by its tie there ("UAT played the Clausura
    final: Tecos won it on penalties"), or by the tie that put it out before it ("Dorados
    did not play the semifinals: Tecos knocked them out in the quarters")."""
    if scope.round is None:
        return " ".join([line, *_finishes(season, scope, club, tr)])
    ties = [t.outcome for t in scope_ties(season, scope) if club in t.outcome.clubs]
    if not ties:
        # Not in the round: a final is told as it was ("UdeG won the Clausura final vs
        # UAT?": Tecos won it); another round by the tie that put the club out before it.
        # The other club named is no side of either ("…vs UAT": UdeG never met them).
        played = scope_ties(season, replace(scope, clubs=()))
        whole = replace(scope, round=None, clubs=())
        ties = [t.outcome for t in played] if len(played) == 1 else []
        ties = ties or [t.outcome for t in scope_ties(season, whole) if t.outcome.loser == club]
    if not ties:
        return line
    return " ".join([line, *(tie_sentence(season, outcome, tr) for outcome in ties[:2])])


def _finishes(season: Season, scope: Scope, club: str, tr: Tr) -> list[str]:
    """How a club's liguilla ended, of the one asked ("UAT played the Apertura liguilla:
    out in the quarterfinals against Delfines"), or, when it missed it, of those it played
    ("Tecos did not play the Apertura liguilla; Clausura 2014: champion")."""
    if len(scope.tournaments) != 1:
        return []
    asked = club_path(season, club, scope.tournaments[0])
    if asked.qualified:
        return [finish_line(season, asked, tr) + "."]
    others = [
        path
        for path in club_paths(season, club)
        if path.qualified and path.competition.kind == "liguilla"
    ]
    return [finish_line(season, path, tr) + "." for path in others]


def _title_lines(season: Season, scope: Scope, tr: Tr) -> list[str]:
    """Who won each tournament of the scope (every one, with none named)."""
    lines = []
    for tournament in scope.tournaments or tuple(season.season.tournaments):
        played = bracket(season, tournament)
        lines.append(plain(won_line(season, played.competition, played.final, tr)))
    return lines


def _former_fact(season: Season, claim: Claim, tr: Tr) -> str:
    """A club known from last season's changes: what became of it; of a title claimed
    ("¿Querétaro quedó campeón del Apertura?"), who won it."""
    found = [c for c in season.changes if c.subject == claim.subject]
    lines = [change_line(season, change, tr) for change in found]
    scope = claim.query.scope
    if any(c.test is Test.WON_TITLE for c in claim.query.conditions):
        lines += _title_lines(season, scope, tr)
    if len(lines) > 1:  # a change's line is no sentence of its own
        lines = [line if line.endswith(".") else f"{line}." for line in lines]
    return " ".join(lines)


def _settled_by_games(claim: Claim) -> bool:
    """A claim of the sides scoring in the games said ("did both teams score in the 2nd
    leg?", "did either team score…?"): those games and their scores settle it."""
    query = claim.query
    narrow = query.scope.leg is not None or query.scope.round is not None
    sided = all(c.test is Test.SCORED and c.scope is None for c in query.conditions)
    return query.entity is Entity.CLUB and claim.subject is None and narrow and sided


def _games_said(season: Season, scope: Scope, tr: Tr) -> str:
    """ "Did both teams score in the 2nd leg?", "only one team scored…?": the games said,
    with their scores, which settle it."""
    games = select(season, Query(Entity.LEG, scope))
    return "; ".join(row_words(season, row, tr) for row in games[:MAX_NAMED]) + "."


def _every_game_fact(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str | None:
    """ "Only Lojero scored for Necaxa vs San Luis?": every goal of it, his and not. "Necaxa
    scored in every Apertura game?": the games that break it, or all of them."""
    query = claim.query
    if query.entity is Entity.GOAL and claim.only and not verdict.holds:
        return listed(season, select(season, replace(query, players=())), tr) + "."
    if _settled_by_games(claim):
        return _games_said(season, query.scope, tr)
    game_tests = [c for c in query.conditions if c.test in GAME_TESTS]
    if not (claim.each and claim.subject and game_tests and query.entity is Entity.CLUB):
        return None
    club = claim.subject
    played = club_legs(season, query.scope, club)
    failing = [g for g in played if not game_passes(g, club, game_tests[0])]
    # Every game when they fit in a line; else the ones that break "every".
    few = len(played) <= MAX_SCORES
    shown = failing if failing and not verdict.holds and not few else played
    if game_tests[0].test is Test.SCORED:
        # Each game with the club's scorers in it, or none.
        def scored_in(game: LegRow) -> str:
            goals = [goal for goal in game.leg.goals_in_order if goal.club == club]
            said = fmt.leg_score(season, game.leg)
            return f"{said} ({goal_list(season, goals, tr)})" if goals else said

        return "; ".join(scored_in(g) for g in shown[:MAX_SCORES]) + "."
    results = [g.winner() for g in played]
    won, drew = results.count(club), results.count(None)
    record = tr("ask.fact.record", won=won, drew=drew, lost=len(results) - won - drew)
    scores = ", ".join(fmt.leg_score(season, g.leg) for g in shown[:MAX_SCORES])
    return f"**{fmt.short(season, club)}**: {record} ({scores})."


def _rows_fact(season: Season, claim: Claim, verdict: Verdict, tr: Tr) -> str | None:
    """What settles a claim said of no one, by the rows of its scope: goals, or games."""
    query = claim.query
    if query.entity is Entity.GOAL and claim.subject is None:
        # "¿Alguien anotó en el minuto 90?": the goals found, or the scope's games.
        scored = result_rows(verdict.result)
        if scored:
            return listed(season, scored, tr) + "."
        none = tr("ask.plan.none_found", scope=scope_words(season, query.scope, tr))
        if query.scope.minute is not None:
            return none
        # "¿Hubo goles en Tecos vs Necaxa?": the games' scores show it.
        games = select(season, Query(Entity.LEG, query.scope))
        scores = ", ".join(
            fmt.leg_score(season, g.leg) for g in games[:MAX_SCORES] if isinstance(g, LegRow)
        )
        return f"{none[:-1]}: {scores}." if scores else none
    if query.entity is Entity.LEG:
        # "Were both legs draws?": the games settle it, each with its score; the ones that
        # break "every" or make "either" come first and alone.
        games = select(season, replace(query, conditions=()))
        settling = [
            game
            for game in games
            if all(passes(season, game, c, query.scope) for c in query.conditions)
            == (not claim.each)
        ]
        return (
            listed(season, settling if settling and claim.each != verdict.holds else games, tr)
            + "."
        )
    return None


def _top_scorer_fact(season: Season, scope: Scope, tr: Tr) -> str:
    """Who scored the most goals of a scope, and how many."""
    return plain(top_scorer_line(scope_leaders(season, scope), scope_words(season, scope, tr), tr))


def _edge_fact(season: Season, scope: Scope, edge: str, tr: Tr) -> str:
    """When a tournament (or the season) began or ended, as the data says."""
    day = tr.date(edge_date(season, scope, edge))
    if scope.tournaments:
        name = competition_of(season, scope.tournaments[0]).name
        return plain(tr(f"ask.dates.tournament.{edge}", competition=name, start=day, end=day))
    info = season.season
    # The season's stated end is not its last game: the playoffs ran on past it.
    last = tr.date(max(leg.date for leg in season.legs))
    return plain(tr(f"ask.dates.season.{edge}", season=info.name, start=day, end=day, last=last))


SENTENCE_END = re.compile(r"(?<![\s\xa0(][A-ZÁÉÍÓÚ])(?<!^[A-ZÁÉÍÓÚ])\. (?=\S)")
"""A full stop that ends a sentence, not an initial's ("J. Gutiérrez")."""


def _tail_said_once(facts: list[str]) -> str:
    """Facts that end alike ("Tecos did not play the final. The final: UdeG…", "UAT did
    not play the final. The final: UdeG…"): the sentences they share at the end said once,
    after them all."""
    if len(facts) < 2:
        return " ".join(facts)
    length = 0
    while length < min(map(len, facts)) and len({fact[-1 - length] for fact in facts}) == 1:
        length += 1
    shared = facts[0][len(facts[0]) - length :]
    end = SENTENCE_END.search(shared)
    if end is None:
        return " ".join(facts)
    tail = shared[end.end() :]
    heads = [fact[: len(fact) - len(tail)].rstrip() for fact in facts]
    return " ".join([*heads, tail])


def _has_score(row: Row, score: tuple[int, int]) -> bool:
    if isinstance(row, LegRow):
        return sorted(row.leg.score) == sorted(score)
    if isinstance(row, TieRow):
        return sorted(row.outcome.aggregate) == sorted(score)
    return False


def _player_fact(season: Season, claim: Claim, tr: Tr) -> str:
    query = claim.query
    if claim.subject in query.players:
        # "did alatorre and bueno score…": each one's goals said as his, never merged
        query = replace(query, players=(claim.subject,))
    his_goals = Query(Entity.GOAL, query.scope, players=query.players)
    rows = [row for row in select(season, his_goals) if isinstance(row, GoalRow)]
    player = claim.subject or ""
    scope = scope_words(season, query.scope, tr)
    # All his goals: what settles whose games are "against", and where else he scored; a
    # goal found where asked needs neither unless one club is named.
    everywhere = (
        [
            row
            for row in select(season, Query(Entity.GOAL, players=query.players))
            if isinstance(row, GoalRow)
        ]
        if not rows or len(query.scope.clubs) == 1
        else []
    )
    his_clubs = {row.goal.club for row in everywhere}
    # "Did Lojero score vs UAT?": the games of the club named that are not his are the
    # games against it, which the words of the scope must say.
    facing = [club for club in query.scope.clubs if club not in his_clubs]
    if len(query.scope.clubs) == 1 and facing:
        against = fmt.short(season, facing[0])
        scope = f"{scope}, {tr('ask.player.against', club=against)}"
    if query.scope.score is not None:
        # "Did Bueno score in the 3-1?": the games of that score, or the words say more.
        scope = tr("ask.plan.score_games", scope=scope, score=fmt.score(*query.scope.score))
    if not rows:
        if query.side is not None:
            # "Is Lojero a UdeG player?": no goal in UdeG's games, so none for UdeG; which
            # is not no goal at all.
            club = fmt.short(season, query.side)
            line = tr("ask.fact.player_none_for", player=player, club=club, scope=scope)
        else:
            line = tr("ask.fact.player_none", player=player, scope=scope)
        # None where asked, but some elsewhere ("did Lillingston score in the Apertura?"):
        # where he did is what a fan wants next.
        elsewhere = everywhere  # none where asked, so all of them are elsewhere
        if elsewhere:
            by_tournament: dict[str, int] = {}
            for row in elsewhere:
                where = row.leg.tie.competition.name
                by_tournament[where] = by_tournament.get(where, 0) + 1
            places = fmt.and_list(
                [
                    tr(
                        "ask.fact.goals_in",
                        goals=tr.plural("ask.goals", count),
                        scope=where,
                    )
                    for where, count in by_tournament.items()
                ],
                tr,
            )
            clubs_for = {row.goal.club for row in elsewhere}
            if query.side is not None and len(clubs_for) == 1:
                # "Is Lojero a UdeG player?": whose goals his were settles it.
                club = fmt.short(season, next(iter(clubs_for)))
                line += " " + tr("ask.fact.player_elsewhere_for", list=places, club=club)
            else:
                line += " " + tr("ask.fact.player_elsewhere", list=places)
            there = _his_club_there(season, query.scope, elsewhere[0].goal.club, tr, facing)
            line += f" {there}" if there else ""
        return line
    goals = tr.plural("ask.goals", len(rows))
    marks = "; ".join(
        f"{fmt.leg_score(season, row.leg.leg)} {fmt.minute(row.goal, tr)}" for row in rows
    )
    # Whose goals they were: "did Rangel score for UAT?" is settled by "Rangel (Tecos)".
    clubs = sorted({fmt.short(season, row.goal.club) for row in rows})
    player = f"{player} ({', '.join(clubs)})"
    return tr("ask.fact.player", player=player, goals=goals, scope=scope, list=marks)


def _his_club_there(
    season: Season, scope: Scope, club: str, tr: Tr, facing: Sequence[str] = ()
) -> str:
    """Where a player did not score, what his club did there: it did not play it ("did
    Lojero score in the Clausura final?": Necaxa was not in it) or did not meet the club
    named (`facing`), or, in one round, who scored for it; "" when there is nothing short
    to add."""
    name = fmt.short(season, club)
    if not club_legs(season, scope, club):
        if scope.score is not None:
            return tr("ask.plan.no_score_game", club=name, score=fmt.score(*scope.score))
        if len(scope.clubs) == 1 and facing:
            words = scope_words(season, replace(scope, clubs=()), tr)
            return tr("result.never_met", a=name, b=fmt.short(season, facing[0]), scope=words)
        return tr("ask.fact.his_club_absent", club=name, scope=played_words(season, scope, tr))
    if scope.round is None:
        return ""  # a whole tournament's goals are more than a line holds
    theirs = [
        row.goal
        for row in select(season, Query(Entity.GOAL, scope, side=club))
        if isinstance(row, GoalRow)
    ]
    if not theirs:
        return tr("ask.fact.his_club_none", club=name)
    return tr("ask.fact.his_club_goals", club=name, list=goal_list(season, theirs, tr))


def _club_fact(season: Season, claim: Claim, tr: Tr) -> str:
    query = claim.query
    club = claim.subject or ""
    test = query.conditions[0].test if query.conditions else Test.PLAYED
    scope = query.scope
    words = scope_words(season, scope, tr)
    name = fmt.short(season, club)
    if test is Test.WON_TITLE:
        return " ".join(_title_lines(season, scope, tr))
    if test in (Test.WENT_THROUGH, Test.WENT_OUT):
        ties = [t for t in scope_ties(season, scope) if club in t.outcome.clubs]
        if not ties:
            # "¿UdeG fue eliminada en semis del Clausura?": where it went out instead.
            absent = tr("ask.plan.not_played", club=name, scope=played_words(season, scope, tr))
            others = [other for other in scope.clubs if other != club]
            alone = replace(scope, clubs=())
            if len(others) == 1 and club_legs(season, alone, club):
                # "did UdeG beat Necaxa in the Clausura?": UdeG played it, not Necaxa
                played = scope_words(season, alone, tr)
                absent = tr(
                    "result.never_met", a=name, b=fmt.short(season, others[0]), scope=played
                )
            return _with_ties(season, scope, club, absent, tr)
        return " ".join(tie_sentence(season, t.outcome, tr) for t in ties)
    if test in (Test.RELEGATED, Test.STAYED):
        table = relegation_table(season)
        down = [s for s in table.standings if s.relegated is not None]
        return " ".join(relegated_line(s, "ask.relegated", season, tr) for s in down)
    if test is Test.PROMOTED:
        from knowledge.queries import champions

        result = champions(season)
        if result.promotion is not None:
            competition, final = result.promotion
            return tr(
                "ask.promoted.final",
                club=fmt.short(season, final.winner),
                division=result.promoted_to or "",
                competition=competition.name,
                how=how(season, final, tr),
            )
        return tr(
            "ask.promoted.plain",
            clubs=fmt.and_list([c.said_name for c in result.promoted], tr),
            division=result.promoted_to or "",
        )
    if test is Test.BYE:
        return " ".join(bye_facts(season, scope.tournaments, tr))
    legs = club_legs(season, scope, club)
    words = played_words(season, scope, tr)
    if test is Test.PLAYED or not legs:
        if legs:
            return _with_ties(
                season, scope, club, tr("ask.fact.played", club=name, scope=words), tr
            )
        bye = _bye(season, club, scope)
        if bye is not None:
            return tr("ask.fact.bye", club=name, round=tr(f"round_in.{bye}"))
        return _with_ties(
            season, scope, club, tr("ask.plan.not_played", club=name, scope=words), tr
        )
    scores = ", ".join(fmt.leg_score(season, leg.leg) for leg in legs)
    if test is Test.SCORED:
        goals = [g for leg in legs for g in leg.leg.goals_in_order if g.club == club]
        if goals:
            return tr("ask.fact.scored", club=name, scope=words, list=goal_list(season, goals, tr))
        return tr("ask.fact.scored_none", club=name, scope=words, scores=scores)
    key = {Test.LOST_LEG: "lost", Test.WON_LEG: "won", Test.DREW_LEG: "drew"}.get(test, "lost")
    results = [leg.winner() for leg in legs]
    won = sum(1 for winner in results if winner == club)
    drew = sum(1 for winner in results if winner is None)
    lost = len(results) - won - drew
    count = {"won": won, "drew": drew, "lost": lost}[key]
    record = tr("ask.fact.record", won=won, drew=drew, lost=lost)
    values = {"club": name, "scope": words, "scores": scores, "record": record}
    if count == 0:
        return tr(f"ask.fact.legs_{key}_none", **values)
    return tr.plural(f"ask.fact.legs_{key}", count, **values)


def _bye(season: Season, club: str, scope: Scope) -> RoundName | None:
    for competition in season.competitions:
        if scope.tournaments and competition.id not in scope.tournaments:
            continue
        for bye in competition.byes:
            if bye.club == club and (scope.round is None or bye.round == scope.round):
                return RoundName(bye.round)
    return None


# ---------------------------------------------------------------------------------------------
# Greetings


def greeting_reply(question: Question, tr: Tr) -> Reply:
    """A friendly word back, and a few questions to ask as buttons."""
    key = "ask.greeting.thanks" if question.plan.greeting == "thanks" else "ask.greeting.hello"
    return Reply(content=tr(key), components=example_rows(tr))
