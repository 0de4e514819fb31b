"""The season's names, found in questions: clubs, former names, tournaments, stadia, cities,
divisions, scorers. Built once per loaded season (the store keeps it in its snapshot), from
the season file and the vocabulary's round names and synonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from knowledge.models import Season
from knowledge.names import compact
from knowledge.questions.model import OutOfScope
from knowledge.questions.vocabulary import MIN_FUZZY_LETTERS, Vocabulary, vocabulary
from knowledge.questions.words import fold_name as _fold_name
from knowledge.resolver import TournamentIndex


class Kind(StrEnum):
    CLUB = "club"
    FORMER = "former"
    OTHER_CLUB = "other_club"
    TOURNAMENT = "tournament"
    STADIUM = "stadium"
    CITY = "city"
    PLAYER = "player"
    DIVISION = "division"
    LEAGUE = "league"
    """This season's own competition ("Ascenso MX"): read, and not a cue for promotion."""
    ROUND = "round"
    OTHER_COMPETITION = "other_competition"
    PLACE = "place"
    """A Mexican state or town the season does not name (`knowledge.places`): its folded name."""


@dataclass(frozen=True, slots=True)
class Target:
    kind: Kind
    value: str
    """Club or tournament id, or the name as the data writes it."""


@dataclass
class Lexicon:
    """Every name the season knows, by folded and spaceless form, for finding them in text."""

    keys: dict[str, tuple[Target, ...]]
    longest: int
    prefixes: frozenset[str]
    """Every run of leading words of a name ("estadio", "estadio tres"...): where to stop."""
    squeezed_prefixes: frozenset[str]
    """Every leading part of a name written without spaces ("u", "ud", "ude", "udeg")."""
    fuzzy_keys: list[str]
    fuzzy_targets: list[tuple[Target, ...]]
    initials: dict[str, str]
    """Player -> the initial the data gives ("V. Lojero" -> "v")."""
    tournament_years: dict[str, frozenset[int]]
    season_years: frozenset[int]
    promoted_to: str | None
    known_words: frozenset[str]
    vocabulary: Vocabulary
    shared_name_words: dict[str, tuple[str, ...]]
    """Words of several clubs' names that name none alone ("Estudiantes": Tecos and
    Altamira): a question with one is asked back which club it means."""
    shared_stadiums: dict[str, str]
    """Bare stadium names other names share ("Victoria": also Ciudad Victoria): read as the
    stadium only where the question speaks of stadia ("¿qué estadio es más grande, el
    Victoria o…?")."""
    season: Season
    """The season these names are of (a parse checks it is given the same one)."""

    @classmethod
    def build(
        cls, season: Season, tournaments: TournamentIndex, words: Vocabulary | None = None
    ) -> Lexicon:
        keys = _Keys(words or vocabulary())
        club_forms = keys.clubs(season)
        keys.former_names(season, club_forms)
        keys.other_clubs(season)
        keys.tournaments(tournaments)
        keys.cities(season)
        keys.stadiums(season, club_forms)
        keys.divisions(season)
        initials = keys.players(season)
        keys.fixed_words()
        frozen = {key: tuple(targets) for key, targets in keys.found.items()}
        shared = _shared_name_words(season, frozen, keys.vocabulary)
        fuzzy = [
            (key, named)
            for key, targets in frozen.items()
            if " " not in key and len(key) >= MIN_FUZZY_LETTERS and not key.isdigit()
            for named in [tuple(t for t in targets if t.kind not in (Kind.ROUND, Kind.LEAGUE))]
            if named
        ]
        season_years = {season.season.start_date.year, season.season.end_date.year}
        season_years |= {leg.date.year for leg in season.legs}
        return cls(
            keys=frozen,
            longest=max(len(key.split()) for key in frozen),
            prefixes=frozenset(
                " ".join(key.split()[:k]) for key in frozen for k in range(1, len(key.split()) + 1)
            ),
            squeezed_prefixes=frozenset(
                compact(key)[:k] for key in frozen for k in range(1, len(compact(key)) + 1)
            ),
            fuzzy_keys=[key for key, _ in fuzzy],
            fuzzy_targets=[named for _, named in fuzzy],
            initials=initials,
            tournament_years=_tournament_years(season),
            season_years=frozenset(season_years),
            promoted_to=season.season.promoted_to,
            known_words=frozenset(word for key in frozen for word in key.split()),
            vocabulary=keys.vocabulary,
            shared_stadiums=keys.shared_stadiums,
            shared_name_words=shared,
            season=season,
        )


class _Keys:
    """Collects name -> targets, by folded form and spaceless form ("u de g", "udeg")."""

    def __init__(self, words: Vocabulary) -> None:
        self.found: dict[str, list[Target]] = {}
        self.vocabulary = words
        self.shared_stadiums: dict[str, str] = {}

    def add(self, name: str, target: Target, folded: str | None = None) -> None:
        form = folded if folded is not None else _fold_name(name)
        for key in dict.fromkeys((form, compact(form))):
            if len(key) < 2 and target.kind is not Kind.ROUND:
                continue
            bucket = self.found.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)

    def clubs(self, season: Season) -> set[str]:
        forms: set[str] = set()
        for club in season.clubs:
            for name in club.names:
                self.add(name, Target(Kind.CLUB, club.id))
                forms.add(_fold_name(name))
        return forms

    def former_names(self, season: Season, club_forms: set[str]) -> None:
        subjects = [_fold_name(change.subject).split() for change in season.changes]
        for change, subject in zip(season.changes, subjects, strict=True):
            self.add(change.subject, Target(Kind.FORMER, change.subject))
            # A word only this former name has stands for it ("Neza", "Irapuato").
            for word in subject:
                if (
                    len(word) >= 4
                    and sum(word in other for other in subjects) == 1
                    and not self.vocabulary.is_function_word(word)
                    and not any(word in form.split() for form in club_forms)
                ):
                    self.add(word, Target(Kind.FORMER, change.subject), folded=word)

    def other_clubs(self, season: Season) -> None:
        if season.other_clubs is not None:
            for name in season.other_clubs.names:
                self.add(name, Target(Kind.OTHER_CLUB, name))

    def tournaments(self, tournaments: TournamentIndex) -> None:
        for entry in tournaments.entries:
            for name in entry.names:
                self.add(name, Target(Kind.TOURNAMENT, entry.key))
        for word, alias in self.vocabulary.tournament_synonyms.items():
            for target in list(self.found.get(alias, [])):
                if target.kind is Kind.TOURNAMENT:
                    self.add(word, target, folded=word)

    def cities(self, season: Season) -> None:
        for club in season.clubs:
            city = _fold_name(club.city)
            self.add(club.city, Target(Kind.CITY, club.city))
            for part in (_fold_name(club.city.split(",")[0]), _strip_city(city)):
                if part and part != city:
                    self.add(part, Target(Kind.CITY, club.city), folded=part)
        for change in season.changes:
            if change.new_city:
                name = change.new_city.split(",")[0].strip()
                if not any(t.kind is Kind.CITY for t in self.found.get(_fold_name(name), [])):
                    self.add(name, Target(Kind.CITY, name))

    def stadiums(self, season: Season, club_forms: set[str]) -> None:
        places = club_forms | {_fold_name(club.city) for club in season.clubs}
        for club in season.clubs:
            stadium = _fold_name(club.stadium)
            self.add(club.stadium, Target(Kind.STADIUM, club.stadium))
            bare = _bare_stadium(stadium)
            for form in {bare, _drop_middle_initials(bare), _drop_middle_initials(stadium)}:
                # "Victoria" is also Ciudad Victoria, "Jalisco" also Zapopan, Jalisco: a bare
                # name that other names share is not used (we never guess).
                shared = any(form == place or form in place.split() for place in places)
                if form and form != stadium and form not in self.found and not shared:
                    self.add(form, Target(Kind.STADIUM, club.stadium), folded=form)
                elif form and form != stadium and shared:
                    self.shared_stadiums.setdefault(form, club.stadium)

    def divisions(self, season: Season) -> None:
        divisions = {
            name
            for change in season.changes
            for name in (change.from_division, change.to_division)
            if name
        }
        if season.season.promoted_to:
            divisions.add(season.season.promoted_to)
        for division in divisions:
            self.add(division, Target(Kind.DIVISION, division))
            for synonym, meaning in self.vocabulary.division_synonyms.items():
                if _fold_name(division).startswith(meaning):
                    self.add(synonym, Target(Kind.DIVISION, division), folded=synonym)
        self.add(season.season.competition, Target(Kind.LEAGUE, season.season.competition))
        self.add("Liga de Ascenso", Target(Kind.LEAGUE, season.season.competition))

    def players(self, season: Season) -> dict[str, str]:
        """Scorers by full name and by surname; returns each one's initial, where given."""
        initials: dict[str, str] = {}
        for leg in season.legs:
            for goal in leg.goals:
                target = Target(Kind.PLAYER, goal.player)
                self.add(goal.player, target)
                parts = _fold_name(goal.player).split()
                if len(parts) > 1 and len(parts[0]) == 1:
                    initials[goal.player] = parts[0]
                    surname = " ".join(parts[1:])
                    self.add(surname, target, folded=surname)
        return initials

    def fixed_words(self) -> None:
        """Round names and other competitions: language, not season data."""
        for phrase, round_name in self.vocabulary.rounds.items():
            text = " ".join(phrase)
            self.add(text, Target(Kind.ROUND, round_name.value), folded=text)
        for phrase, cue in self.vocabulary.phrases.items():
            text = " ".join(phrase)
            other = cue.reason is OutOfScope.OTHER_COMPETITION and len(phrase) > 1
            if other and text not in self.found:
                self.add(text, Target(Kind.OTHER_COMPETITION, text), folded=text)


def _shared_name_words(
    season: Season, keys: dict[str, tuple[Target, ...]], words: Vocabulary
) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for club in season.clubs:
        for name in (*club.names, *club.nicknames):
            for word in _fold_name(name).split():
                clubs = found.setdefault(word, [])
                if club.id not in clubs:
                    clubs.append(club.id)
    return {
        word: tuple(clubs)
        for word, clubs in found.items()
        if len(clubs) > 1
        and len(word) >= MIN_FUZZY_LETTERS - 1
        and word not in keys
        and not words.is_function_word(word)
    }


def _strip_city(city: str) -> str | None:
    """ "oaxaca city" -> "oaxaca": fans leave the word out."""
    for suffix in (" city",):
        if city.endswith(suffix):
            return city[: -len(suffix)]
    return None


def _bare_stadium(stadium: str) -> str:
    """ "estadio banorte" -> "banorte": fans name grounds without the word "estadio"."""
    for prefix in ("estadio ", "unidad deportiva "):
        if stadium.startswith(prefix):
            return stadium[len(prefix) :]
    return stadium


def _drop_middle_initials(name: str) -> str:
    """ "marte r gomez" -> "marte gomez": a middle initial fans leave out."""
    parts = name.split()
    kept = [
        part
        for i, part in enumerate(parts)
        if not (len(part) == 1 and 0 < i < len(parts) - 1 and len(parts[i + 1]) > 1)
    ]
    return " ".join(kept)


def _tournament_years(season: Season) -> dict[str, frozenset[int]]:
    """Years a tournament may be called by: those in its names, and of its matches."""
    found: dict[str, frozenset[int]] = {}
    for competition in season.competitions:
        years: set[int] = set()
        for name in (competition.name, *competition.aliases):
            for number in re.findall(r"\d+", name):
                value = int(number)
                if len(number) == 2:
                    years.add(2000 + value)
                elif len(number) == 4:
                    years.add(value)
        for day in (competition.start_date, competition.end_date):
            if day is not None:
                years.add(day.year)
        years |= {leg.date.year for leg in competition.legs}
        found[competition.id] = frozenset(years)
    return found
