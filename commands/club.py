"""/club: everything the season says about one club, on one card.

The key fact comes first (a title, promotion or relegation), then where the club plays, its
names, the changes that made it this season, its playoff record with each tournament's
finish, and its relegation row. The data covers only the playoffs, the stadia, the changes
and relegation ranks 10–15; the card says where it is silent instead of guessing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.changes import change_line
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.relegation import (
    distance_line,
    not_in_table_line,
    row_line,
    with_fate,
)
from commands.reply import Embed, EmbedField, Reply
from commands.slash import ClubName, slash_command
from knowledge.models import ChangeEvent, Season
from knowledge.names import fold
from knowledge.queries import ClubPath, ClubProfile, club_profile
from knowledge.relegation import NotInTable, RelegationStanding, relegation_table

if TYPE_CHECKING:
    import discord


@remembered
@fmt.names_unbroken
async def club(ctx: Context, club: str) -> Reply:
    found = ctx.knowledge.clubs.resolve(club)
    return render_club(ctx.season, club_profile(ctx.season, found.key), ctx.tr)


_club_handler = club
"""The handler under a name that the slash command's `club` option does not shadow."""


def _headline(season: Season, profile: ClubProfile, tr: Tr) -> list[str]:
    """Titles, promotion and relegation: what a fan wants to read first."""
    lines = [f"🏆 {tr('club.title_won', competition=c.name)}" for c in profile.titles]
    if profile.promoted:
        division = season.season.promoted_to or ""
        lines.append(f"⬆️ {tr('club.promoted', division=division)}")
    standing = profile.relegation
    if isinstance(standing, RelegationStanding) and standing.relegated is not None:
        lines.append("⬇️ " + with_fate(tr("club.relegated"), season, standing.relegated, tr))
    # The same story from the other side: the club whose place a relegated club bought.
    for entry in season.season.relegated:
        if entry.stayed_by_buying_place_of == profile.club.id:
            buyer = fmt.short(season, entry.club)
            lines.append("🔄 " + tr("club.place_bought", club=buyer))
    return lines


def _moved_elsewhere(profile: ClubProfile, tr: Tr) -> list[str]:
    """Where the source contradicts itself: the club moved to one town, but the table of
    stadia puts its ground in another (Zacatepec de Hidalgo; Cuernavaca). Say both."""
    club_ = profile.club
    city = fold(club_.city)
    notes = []
    for change in profile.changes:
        town = fold((change.new_city or "").split(",")[0])
        if ChangeEvent.MOVED in change.events and town and town not in city and city not in town:
            shown = club_.city_in(tr.language)
            notes.append(tr("club.moved_elsewhere", town=change.new_city, city=shown))
    return notes


def _names(profile: ClubProfile, tr: Tr) -> list[str]:
    club_ = profile.club
    # The card is titled with the name fans use; the full name is said once, here.
    lines = [] if club_.name == club_.said_name else [tr("club.names.full", name=club_.name)]
    lines.append(tr("club.names.source", names=", ".join(club_.spellings)))
    if club_.nicknames:
        lines.append(tr("club.names.nicknames", names=", ".join(club_.nicknames)))
    return lines


def finish_line(season: Season, path: ClubPath, tr: Tr) -> str:
    """`Clausura 2014: out in the semifinals against Tecos`, with the bye where there was one."""
    competition = path.competition
    final_kind = "promotion" if competition.kind == "promotion_final" else "liguilla"
    if path.finish == "did_not_qualify":
        text = tr(f"club.finish.did_not_qualify.{final_kind}")
    elif path.finish == "champion":
        text = "🏆 " + tr("club.finish.champion")
    elif path.finish == "promoted":
        text = "⬆️ " + tr("club.finish.promoted", division=competition.promotes_to or "")
    else:
        beaten_by = fmt.short(season, path.steps[-1].outcome.winner)
        if path.finish == "runner_up":
            text = tr("club.finish.runner_up", club=beaten_by)
        else:
            round_ = tr(f"round_in.{path.out_in}")
            text = tr("club.finish.eliminated", round=round_, club=beaten_by)
    if path.bye is not None:
        skipped = tr(f"round_in.{path.bye.round}")
        if path.bye.seed is None:
            bye = tr("club.finish.bye", round=skipped)
        else:
            bye = tr("club.finish.bye_seed", round=skipped, seed=path.bye.seed)
        text += f" ({bye})"
    return f"**{competition.name}**: {text}"


def _playoffs(season: Season, profile: ClubProfile, tr: Tr) -> list[str]:
    record = profile.record
    if record.played:
        summary = tr(
            "club.record",
            legs=tr.plural("club.legs", record.played),
            won=tr.plural("club.won", record.won),
            drawn=tr.plural("club.drawn", record.drawn),
            lost=tr.plural("club.lost", record.lost),
            goals=fmt.score(record.goals_for, record.goals_against),
        )
    else:
        summary = tr("club.no_playoffs")
    return [summary, *(finish_line(season, path, tr) for path in profile.paths)]


def _relegation(season: Season, profile: ClubProfile, tr: Tr) -> str:
    standing = profile.relegation
    if isinstance(standing, NotInTable):
        return not_in_table_line(standing, tr)
    table = relegation_table(season)
    drop = next((s for s in table.standings if s.relegated is not None), None)
    lines = [row_line(standing, tr)]
    if standing.row.team != profile.club.said_name:
        lines.insert(0, tr("relegation.listed_as", team=standing.row.team))
    if standing.relegated is not None:
        lines.append("⬇️ " + tr("relegation.went_down"))
    elif drop is not None:
        lines.append(distance_line(season, standing, drop, tr))
    return "\n".join(lines)


def render_club(season: Season, profile: ClubProfile, tr: Tr) -> Reply:
    club_ = profile.club
    home = tr(
        "club.home",
        stadium=club_.stadium,
        capacity=tr.number(club_.capacity),
        city=club_.city_in(tr.language),
    )
    headline = _headline(season, profile, tr)
    description = "\n".join([*headline, f"🏟️ {home}", *_moved_elsewhere(profile, tr)])
    continued = tr("embed.continued")
    changes = [change_line(season, c, tr, name_the_club=False) for c in profile.changes] or [
        tr("club.no_changes")
    ]
    fields: list[EmbedField] = [
        *fields_from_lines(tr("club.field.names"), _names(profile, tr), continued),
        *fields_from_lines(tr("club.field.changes"), changes, continued),
        *fields_from_lines(tr("club.field.playoffs"), _playoffs(season, profile, tr), continued),
        EmbedField(tr("club.field.relegation"), _relegation(season, profile, tr)),
    ]
    embed = Embed(
        title=club_.said_name,
        description=description,
        fields=tuple(fields),
        footer=tr("club.footer"),
    )
    return Reply(embeds=(embed,))


@slash_command("club", handler=_club_handler)
async def club_command(
    interaction: discord.Interaction[Any],
    club: ClubName,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, _club_handler, club=club, private=private)
