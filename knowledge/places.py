"""Mexico's states and towns, from GeoNames (`tools/mexican_places.py` derives the file):
where a place a fan names lies, and which state a club's city is in.

The season names only its clubs' cities. "¿Los Dorados son de Mazatlán?" needs to know that
Mazatlán is a town (so the answer is No: Culiacán), and "Delfines eran de Campeche?" that
Ciudad del Carmen is in Campeche (Yes). Read once, on first use: most questions name no
place the season does not, and `seasonbot ask` should not pay for the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from knowledge.names import fold, folded_words

PLACES_FILE = Path(__file__).resolve().parent / "lexicon" / "places.json"
LONGEST_NAME = 5
"""Words in the longest place name looked for ("san luis rio colorado")."""


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    state: str | None
    """The state a town is in; None: the place is a state."""

    @property
    def is_state(self) -> bool:
        return self.state is None


@cache
def _places() -> dict[str, list[list[str | None]]]:
    entry = resources.files("knowledge") / "lexicon" / "places.json"
    places: dict[str, list[list[str | None]]] = json.loads(entry.read_text("utf-8"))["places"]
    return places


def places_named(folded: str) -> tuple[Place, ...]:
    """The places a folded name ("mazatlan", "ciudad del carmen") may be: a town and a
    state may share it ("Campeche")."""
    return tuple(Place(str(name), state) for name, state in _places().get(folded, ()))


def state_of(city: str) -> str | None:
    """The state a club's city is in: said after a comma ("Zapopan, Jalisco"), or the state
    of the biggest town GeoNames knows by that name; None when it knows none."""
    town, _, region = city.partition(",")
    if region.strip():
        return region.strip()
    # Towns are listed biggest first: "Puebla" is Puebla's capital, not the village of
    # that name in Baja California.
    for name in (town, town.removesuffix(" City")):  # "Oaxaca City" is GeoNames' "Oaxaca"
        towns = [p.state for p in places_named(" ".join(folded_words(name))) if p.state]
        if towns:
            return towns[0]
    return None


def lies_in(city: str, place: Place) -> bool | None:
    """Whether a club's `city` is `place` (a town) or in it (a state); None when the data
    cannot tell (a state asked of a town GeoNames does not know)."""
    if not place.is_state:
        town = city.partition(",")[0].removesuffix(" City")
        return fold(town) == fold(place.name)
    state = state_of(city)
    return None if state is None else fold(state) == fold(place.name)


def is_from(city: str, folded: str) -> bool | None:
    """Whether a club's `city` is the place a folded name names, or in it, by any place of
    that name ("Campeche": the town or the state); None when none says so and one of them
    cannot tell (a state asked of a town GeoNames does not know)."""
    settled = [lies_in(city, place) for place in places_named(folded)]
    if True in settled:
        return True
    return None if None in settled else False


def place_name(folded: str) -> str:
    """A place's own name ("Ciudad de México" for "cdmx"), or the folded name if none."""
    named = places_named(folded)
    return named[0].name if named else folded
