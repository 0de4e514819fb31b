"""A change from the previous season, in words. /season lists them all, /club shows the ones
that made a club, /ask answers "what happened to Irapuato?": one wording for all three.

The words come from the structured change (events, divisions, new name and city), never from
the data's English `note`, so the Spanish reply says as much as the English one.
"""

from __future__ import annotations

from commands import text as fmt
from commands.i18n import Tr
from knowledge.models import Change, ChangeEvent, Season

_ICONS = {ChangeEvent.PROMOTED: "⬆️", ChangeEvent.RELEGATED: "⬇️"}


def change_clauses(season: Season, change: Change, tr: Tr) -> list[str]:
    """`promoted to Liga MX`, `rebranded Tiburones Rojos de Veracruz`, `moved to Veracruz`…"""
    events = set(change.events)
    parts: list[str] = []
    for event in change.events:
        if event is ChangeEvent.PROMOTED:
            if change.to_division:
                parts.append(tr("change.promoted_to", division=change.to_division))
            else:
                parts.append(tr("change.promoted_from", division=change.from_division or ""))
        elif event is ChangeEvent.RELEGATED:
            if change.from_division:
                parts.append(tr("change.relegated_from", division=change.from_division))
            else:
                parts.append(tr("change.relegated_to", division=change.to_division or ""))
        elif event is ChangeEvent.REBRANDED:
            parts.append(tr("change.rebranded", name=change.new_name or ""))
        elif event is ChangeEvent.MOVED:
            parts.append(tr("change.moved", city=change.new_city or ""))
        elif event is ChangeEvent.STAYED_UP:
            parts.append(tr("change.stayed_up", division=change.from_division or ""))
        elif ChangeEvent.STAYED_UP in events:
            # It kept its place above, so what vanished was the team it had down here.
            competition = season.season.competition
            parts.append(tr("change.disappeared_below", competition=competition))
        else:  # disappeared
            parts.append(tr("change.disappeared"))
    return parts


def change_line(season: Season, change: Change, tr: Tr, name_the_club: bool = True) -> str:
    """`⬆️ **Club de Futbol Ballenas Galeana Morelos**: promoted from … (this season: Ballenas
    Galeana)`; `name_the_club=False` where the reader already knows which club it made."""
    icon = next((_ICONS[event] for event in change.events if event in _ICONS), "•")
    now = ""
    if name_the_club and change.club is not None and change.new_name is None:
        now = " " + tr("change.now", club=fmt.short(season, change.club))
    events = ", ".join(change_clauses(season, change, tr))
    return tr("change.line", icon=icon, subject=change.subject, events=events) + now
