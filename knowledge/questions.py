"""Reading a fan's question: what is asked (the intent) and about what (the slots).

Pure and synchronous, like the rest of `knowledge`: it classifies and extracts, it never
answers. `commands.ask` turns a `Question` into the same typed queries the slash commands use,
so nothing here can state a fact, let alone invent one.

How it reads, in order:

1. Words: the text folded to lower-case, accent-free words ("¿Quién ganó?" -> quien gano).
2. Names, exact first: every club alias, former name, other-league club, tournament alias,
   stadium, city, division and playoff scorer of the loaded season is indexed by its folded
   form and its spaceless form ("u de g" and "udeg"); the longest run of words that is a name
   wins. The names come from the season file, so a reload brings new names with it.
3. Typos: words left over that are neither keywords nor names get one fuzzy pass (rapidfuzz,
   words of 5+ letters, strict cutoff). A club found that way must also be accepted by the
   resolver itself, which refuses weak and ambiguous matches: we never guess a club.
4. Cues: keyword phrases per intent, in English and Spanish, each with a weight; every word
   counts once, longest phrase first. Then slots settle what cues leave open: two clubs make
   a result, a scorer's name makes "goals" a player's goals, a city with "who" asks which
   club plays there, and so on.
5. Scope: a year outside the season, another competition, or a regular-season topic
   (standings, coaches, attendance...) makes the question out of scope, whatever else it
   asks, so the reply is an honest "I don't know" instead of a near miss.

Keywords are language knowledge, not facts, so they live here; names are facts and come
from the season.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from rapidfuzz import fuzz, process

from knowledge.errors import KnowledgeError
from knowledge.models import ChangeEvent, RoundName, Season
from knowledge.names import compact, fold
from knowledge.resolver import ClubIndex, TournamentIndex

Language = Literal["en", "es"]
Extreme = Literal["biggest", "smallest"]
DatePart = Literal["start", "end"]


class Intent(StrEnum):
    CHAMPION = "champion"
    PROMOTED = "promoted"
    RELEGATED = "relegated"
    RESULT = "result"
    SCORERS = "scorers"
    TOP_SCORER = "top_scorer"
    PLAYER_GOALS = "player_goals"
    STADIUM = "stadium"
    CLUB_AT = "club_at"
    STADIUM_EXTREME = "stadium_extreme"
    RELEGATION = "relegation"
    PATH = "path"
    DECISION = "decision"
    SEASON_DATES = "season_dates"
    FORMAT = "format"
    CHANGES = "changes"
    BRACKET = "bracket"
    CLUB = "club"
    UNKNOWN = "unknown"


class OutOfScope(StrEnum):
    """Why a question is not one the data can answer (the reply says which)."""

    OTHER_SEASON = "other_season"
    OTHER_COMPETITION = "other_competition"
    OTHER_CLUB = "other_club"
    UNKNOWN_CLUB = "unknown_club"
    """A name where a club should be ("Necaxa vs Barcelona") that no club of the season has."""
    REGULAR_SEASON = "regular_season"
    UNRELATED = "unrelated"
    NOT_UNDERSTOOD = "not_understood"


@dataclass(frozen=True, slots=True)
class Question:
    """A question, read. Slots hold ids and names exactly as the season data writes them."""

    text: str
    intent: Intent
    language: Language
    """Best guess; English when nothing tells."""
    language_clear: bool
    """Whether the words said which language it is (a bare "Necaxa vs UdeG" does not)."""
    clubs: tuple[str, ...] = ()
    """Club ids, in order of mention."""
    tournament: str | None = None
    round: RoundName | None = None
    player: str | None = None
    """The one scorer named, as the data writes him ("V. Lojero")."""
    players: tuple[str, ...] = ()
    """Every scorer the name could be ("Ibarra": J. Ibarra and P. Ibarra)."""
    stadium: str | None = None
    city: str | None = None
    extreme: Extreme | None = None
    subject: str | None = None
    """A former club named (a change's subject, e.g. "Irapuato FC")."""
    event: ChangeEvent | None = None
    division: str | None = None
    date_part: DatePart | None = None
    reason: OutOfScope | None = None
    """Set when `intent` is UNKNOWN."""
    other_names: tuple[str, ...] = ()
    """Names of clubs outside this season that the question mentions (Chivas, América), or
    the words where a club should be that name none ("Real Madrid"), as typed."""


# ---------------------------------------------------------------------------------------------
# Words


_WORD = re.compile(r"[a-z0-9]+")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_TWO_DIGITS = re.compile(r"^\d\d$")
MIN_FUZZY_LETTERS = 5
"""Shorter words are never corrected: one typo in a short word makes another word."""
WORD_CUTOFF = 85.0
"""Lowest similarity (rapidfuzz ratio, 0–100) for correcting a keyword or a name."""
WORD_MARGIN = 6.0
"""A correction must beat the next different candidate by this much, or it is not made."""
MAX_QUESTION_CHARS = 300
"""/ask's own limit; longer text (a DM) is read up to here."""


def words(text: str) -> list[str]:
    """Lower-case, accent-free words: "¿Quién ganó?" -> ["quien", "gano"]. A question is
    read up to /ask's own limit; a DM may be longer."""
    return _folded_words(text[:MAX_QUESTION_CHARS])


def _folded_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _WORD.findall(bare)


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(_folded_words(phrase))


def _word_set(spec: str) -> frozenset[str]:
    """Space-separated words, folded like questions are."""
    return frozenset(_folded_words(spec))


# ---------------------------------------------------------------------------------------------
# Keywords: language knowledge, in English and Spanish, with weights


@dataclass(frozen=True, slots=True)
class Cue:
    """What a keyword phrase says: weights per intent and, for some, a slot value."""

    weights: dict[Intent, float] = field(default_factory=dict)
    event: ChangeEvent | None = None
    extreme: Extreme | None = None
    reason: OutOfScope | None = None
    date_part: DatePart | None = None
    asks_who: bool = False
    """Asks for a club ("who", "which team", "de quién"): with a city or stadium, club_at."""
    stadium_word: bool = False
    """Names grounds or their size: with "biggest"/"smallest", the stadium extreme."""
    ratio_word: bool = False
    """Names the relegation ratio: with "lowest"/"best", the relegation extreme."""


_I = Intent
# Phrases per intent, comma-separated, with a weight: how strongly the phrase says that intent.
# They are written as fans type them and folded like the question, so accents and case do not
# matter here. Every word of a question counts once, longest phrase first.
_INTENT_CUES: dict[Intent, list[tuple[str, float]]] = {
    _I.CHAMPION: [
        (
            "champion, champions, champ, champs, winner, winners, campeon, campeones, "
            "campeonas, ganador, ganadores, monarca, title, titulo, titulos, trophy, trofeo, "
            "corono, coronaron, coronado, championship, campeonato, se corono, se coronaron, "
            "se llevo, se llevaron, se quedo con, quedo campeon",
            3,
        ),
        ("won, win, wins, gano, ganaron, gana, ganan, lifted, levanto", 2),
    ],
    _I.PROMOTED: [
        ("promoted, promotion, ascendio, ascendieron, ascendido, asciende, ascenso", 2),
        (
            "went up, go up, goes up, moved up, gone up, going up, got promoted, "
            "get promoted, won promotion, earned promotion, subio, subieron, sube, suben, "
            "logro el ascenso, subio de division",
            3,
        ),
    ],
    _I.RELEGATED: [
        ("relegated, relegation, descendio, descendieron, descendido, desciende, descenso", 2),
        (
            "went down, go down, goes down, gone down, going down, got relegated, "
            "dropped down, se fue a la b, a la b, se fueron a la b, bajo de division, "
            "perdio la categoria, perdieron la categoria, bajaron, bajo, sent down, demoted, "
            "went to the second division",
            3,
        ),
        ("dropped, drop, drops", 1),
    ],
    _I.RESULT: [
        (
            "result, results, resultado, resultados, score, scores, marcador, marcadores, "
            "quedo, quedaron, cuanto quedo, como quedo, como quedaron, game, games, match, "
            "matches, partido, partidos, juego, juegos, beat, beaten",
            2,
        ),
        (
            "le gano, les gano, vencio, gano a, met, meet, played, jugaron, enfrentaron, "
            "enfrentamiento, serie, series, tie, eliminatoria, first leg, second leg, leg, legs, "
            "what happened in, what happened at, que paso en, como fue, how was, how were, "
            "ida, vuelta, partido de ida, partido de vuelta",
            1,
        ),
    ],
    _I.SCORERS: [
        (
            "scored, scorers, goalscorers, goalscorer, goleadores, anotadores, anotaron, anoto, "
            "metio, metieron, marco, marcaron, hizo los goles, hicieron los goles, anoto gol, "
            "metio gol, scored for, netted",
            4,
        ),
        (
            "goals, goal, goles, gol, anotar, how many goals, cuantos goles, goleador, scorer, "
            "anotador",
            2,
        ),
        ("score", 1),
    ],
    _I.TOP_SCORER: [
        (
            "top scorer, top scorers, top goalscorer, top goal scorer, leading scorer, "
            "leading goalscorer, most goals, best scorer, best goalscorer, golden boot, "
            "maximo goleador, maximos goleadores, mejor goleador, mas goles, campeon de goleo, "
            "lider de goleo, pichichi, bota de oro, goleador de la temporada, el goleador, "
            "fue el goleador, campeon goleador",
            6,
        ),
    ],
    _I.PLAYER_GOALS: [
        ("how many goals, cuantos goles, how many, cuantos, minute, minuto, minutes", 1),
    ],
    _I.STADIUM: [
        (
            "stadium, stadiums, estadio, estadios, ground, grounds, venue, capacity, "
            "capacidad, aforo, cancha, arena, home ground, casa",
            3,
        ),
        (
            "how many people, how many fans, cuantos aficionados, cuanta gente, caben, fit, hold",
            2,
        ),
        (
            "city, ciudad, where, donde, de donde, home games, de local, home, based, play, "
            "plays, juega, juegan, how big, que tan grande, is from, are from, es de, son de, "
            "seats, asientos, butacas, cabe",
            1,
        ),
    ],
    _I.RELEGATION: [
        (
            "ratio, ratios, cociente, cocientes, porcentaje, points per game, "
            "puntos por partido, relegation table, tabla de descenso, tabla de cociente, "
            "tabla del descenso, relegation ratio, relegation standing, relegation standings, "
            "relegation rank",
            4,
        ),
        (
            "above the drop, the drop, drop zone, from the drop, zona de descenso, "
            "del descenso, descender",
            4,
        ),
        ("how close, que tan cerca, cerca, close, distance, distancia, puntos, points", 1),
    ],
    _I.PATH: [
        (
            "how far, hasta donde, llego, llegaron, reach, reached, get to, got to, "
            "knocked out, eliminated, eliminado, eliminada, eliminaron, elimino, road, camino, "
            "run, recorrido, le fue, les fue, como le fue, make it, made it, progress, "
            "what round, en que ronda, que ronda, which round, get on, got on, fare, fared, "
            "make the playoffs, made the playoffs, make the liguilla, made the liguilla, "
            "qualify for, qualified for, reach the playoffs, lose to, lost to, beaten by, "
            "knocked out by, eliminated by, perdio contra, perdio ante, quien elimino, "
            "entrar a la liguilla, entro a la liguilla, calificar, clasificar",
            3,
        ),
        ("do, round, ronda, qualify, califico, clasifico, lose, lost, perdio, perdieron", 1),
    ],
    _I.DECISION: [
        (
            "decided, decide, decidio, se decidio, definio, se definio, definieron, define, "
            "how was it decided",
            5,
        ),
        (
            "penalties, penales, penaltis, penalty, penal, shootout, shoot out, tanda, "
            "tanda de penales, extra time, tiempo extra, tiempos extra, prorroga",
            3,
        ),
        (
            "why, por que, go through, went through, got through, advance, advanced, avanzo, "
            "paso, away goals",
            2,
        ),
    ],
    _I.SEASON_DATES: [
        ("dates, fechas, how long, cuanto duro", 3),
        (
            "when, cuando, start, started, starts, begin, began, begins, kick off, kicked off, "
            "empezo, empieza, comenzo, comienza, inicio, arranco, end, ended, ends, finish, "
            "finished, termino, terminaron, acabo, finalizo, date, fecha, last match, "
            "first match, ultimo partido, primer partido, last game, first game",
            2,
        ),
    ],
    _I.FORMAT: [
        ("format, formato, sistema, system, rules, reglas, tiebreak, tiebreaker, desempate", 4),
        (
            "how does, how do, como funciona, funciona, work, works, how many teams, "
            "cuantos equipos, what happens, que pasa si, que pasa, away goals rule, "
            "gol de visitante, regla, rule, away goals, how it works, como se juega, "
            "como se jugaba, explain, explica",
            2,
        ),
        (
            "qualify, qualified, qualifies, califican, clasifican, level, tied, empatan, "
            "empate, empatados, global, aggregate, seeded, seeding, seed, reseeded, sembrado",
            1,
        ),
    ],
    _I.CHANGES: [
        (
            "happened to, paso con, que paso con, que fue de, fue de, what became of, "
            "rebranded, renamed, rebrand, rebranding, changed name, changed its name, "
            "changed their name, changed names, changed their names, name change, name changes, "
            "cambio de nombre, cambiaron de nombre, cambio su nombre, cambiaron nombre, "
            "relocated, se mudo, se mudaron, mudaron, mudo, cambio de sede, cambiaron de sede, "
            "disappeared, desaparecio, desaparecieron, called before, used to be called, "
            "se llamaba, se llamaban, formerly, came up from",
            4,
        ),
        (
            "changes, changed, cambios, cambio, cambiaron, last season, previous season, "
            "temporada anterior, temporada pasada, moved, move, franchise, franquicia, "
            "new teams, nuevos equipos, equipos nuevos",
            3,
        ),
        ("antes, before, name, nombre", 1),
    ],
    _I.BRACKET: [
        ("bracket, brackets, cuadro, llave, llaves, bye, byes, pase directo, who qualified", 4),
        ("calificaron, clasificaron, calificados, clasificados, show, muestrame, muestra", 2),
        ("liguilla, playoffs, playoff, postseason, fase final", 1),
    ],
    _I.CLUB: [
        (
            "tell me about, hablame de, hablame, info, information, informacion, "
            "what do you know, que sabes de, ficha, profile, perfil",
            4,
        ),
        ("about, sabes, datos, data", 2),
    ],
}

_EVENT_CUES: dict[ChangeEvent, str] = {
    ChangeEvent.MOVED: (
        "moved, move, relocated, se mudo, se mudaron, mudaron, mudo, cambio de sede, "
        "cambiaron de sede"
    ),
    ChangeEvent.REBRANDED: (
        "rebranded, renamed, rebrand, rebranding, changed name, changed its name, "
        "changed their name, changed names, changed their names, name change, name changes, "
        "new name, new names, cambio de nombre, cambiaron de nombre, cambio su nombre, "
        "cambiaron nombre, nuevo nombre"
    ),
    ChangeEvent.DISAPPEARED: "disappeared, desaparecio, desaparecieron",
    ChangeEvent.PROMOTED: (
        "promoted, promotion, ascendio, ascendieron, went up, go up, moved up, came up, "
        "came up from, subio, subieron, sube, suben"
    ),
    ChangeEvent.RELEGATED: (
        "relegated, relegation, descendio, descendieron, went down, go down, dropped down, bajaron"
    ),
}

_EXTREME_CUES: dict[Extreme, str] = {
    "biggest": (
        "biggest, largest, bigger, larger, big, highest, best, most, mas grande, mas grandes, "
        "mayor, mas alto, mejor, el mas grande, top, huge, hugest, more capacity, most capacity, "
        "most seats, mas capacidad, mas aforo, mayor capacidad, mayor aforo"
    ),
    "smallest": (
        "smallest, smaller, small, lowest, worst, least, mas chico, mas pequeno, "
        "mas pequenos, menor, mas bajo, peor, el mas chico, bottom, last place, tiniest, tiny, "
        "littlest, ultimo lugar, sotano, colero, least capacity, fewest seats, "
        "menos capacidad, menos aforo, menor capacidad, menor aforo"
    ),
}

_START_END: dict[DatePart, str] = {
    "start": (
        "start, started, starts, begin, began, begins, kick off, kicked off, empezo, empieza, "
        "comenzo, comienza, inicio, arranco, first match, primer partido, first game"
    ),
    "end": (
        "end, ended, ends, finish, finished, termino, terminaron, acabo, finalizo, last match, "
        "ultimo partido, last game"
    ),
}

# Out of scope whatever else is asked: topics the data does not cover.
_SCOPE_CUES: dict[OutOfScope, str] = {
    OutOfScope.REGULAR_SEASON: (
        "regular season, temporada regular, fase regular, standings, standing, general table, "
        "tabla general, tabla de posiciones, posiciones, first place, primer lugar, primero, "
        "finished first, quedo primero, superlider, superliderato, liderato, coach, coaches, "
        "coached, manager, managers, entrenador, entrenadores, tecnico, director tecnico, dt, "
        "attendance, asistencia, asistencias, crowd, espectadores, transfer, transfers, "
        "transfer window, fichaje, fichajes, signed, sign, signing, contrataciones, refuerzos, "
        "referee, referees, arbitro, arbitros, yellow card, yellow cards, red card, red cards, "
        "tarjetas, tarjeta, amarillas, rojas, expulsados, expulsion, assists, lineup, "
        "alineacion, injuries, lesionados, salary, salario, sueldo, owner, dueno, presidente, "
        "president, jersey, kit, playera, uniforme, tickets, boletos, precio, price, jornada, "
        "matchday, watched, watch, viewers, audience, tv, television, television, rating, vieron, "
        "goalkeeper, keeper, goalie, portero, arquero, defender, defensa, striker, delantero, "
        "midfielder, mediocampista, squad, roster, plantilla, plantel, captain, capitan"
    ),
    OutOfScope.UNRELATED: (
        "weather, clima, lluvia, rain, temperature, temperatura, recipe, receta, recetas, joke, "
        "chiste, capital, population, poblacion, movie, pelicula, song, cancion, how are you, "
        "como estas, stock, bolsa"
    ),
    OutOfScope.OTHER_COMPETITION: (
        "copa mx, champions league, liga de campeones, concachampions, concacaf, libertadores, "
        "copa libertadores, world cup, mundial, copa del mundo, premier league, liga espanola, "
        "laliga, serie a, bundesliga, mls, ligue, olympics, olimpicos, juegos olimpicos, "
        "copa america, gold cup, copa oro, eurocopa, club world cup"
    ),
    OutOfScope.OTHER_SEASON: (
        "next season, proxima temporada, siguiente temporada, last year, ano pasado, "
        "year before, following season"
    ),
}

# "Who" cues: the question asks for a club. With a city or stadium: which club plays there.
_WHO_CUES = (
    "who, whose, quien, quienes, de quien, which team, which club, which side, what team, "
    "what club, que equipo, que club, cual equipo, cual club, team, club, equipo"
)
_STADIUM_WORDS = (
    "stadium, stadiums, estadio, estadios, ground, grounds, venue, capacity, capacidad, aforo, "
    "cancha, seats, asientos, more capacity, most capacity, most seats, mas capacidad, mas aforo, "
    "mayor capacidad, mayor aforo, least capacity, fewest seats, menos capacidad, menos aforo, "
    "menor capacidad, menor aforo"
)
_RATIO_WORDS = (
    "ratio, ratios, cociente, cocientes, porcentaje, points per game, puntos por partido, "
    "relegation ratio, relegation table, tabla de cociente, tabla de descenso"
)

# Round names in both languages.
_ROUND_WORDS: dict[RoundName, str] = {
    RoundName.QUARTERFINALS: (
        "quarterfinal, quarterfinals, quarter final, quarter finals, quarters, qf, qfs, cuartos, "
        "cuartos de final, 4tos"
    ),
    RoundName.SEMIFINALS: (
        "semifinal, semifinals, semi final, semi finals, semis, semi, sf, semifinales"
    ),
    RoundName.FINAL: "final, finals, finales, gran final",
}

# "The cup" with no tournament of this season named is another competition (Copa MX); with
# one ("¿quién levantó la copa en el Clausura?") it is that tournament's trophy.
_CUP_WORDS = frozenset({"copa", "cup", "copas", "cups"})

# Words between two clubs ("Necaxa vs UdeG", "Tecos contra Dorados", "did UdeG beat Mérida").
# An unknown word next to one is a club we do not know ("Necaxa vs Barcelona"): never a guess.
_CONNECTORS = frozenset(
    {"vs", "v", "versus", "contra", "against", "beat", "beats", "ante", "vencio"}
)

# Two words anywhere in the question that together say more than each alone:
# "how did the final go" asks for a result, "how did Tecos win" for how a tie was decided.
_PAIR_CUES: tuple[tuple[frozenset[str], frozenset[str], Intent, float], ...] = (
    (frozenset({"how", "como"}), frozenset({"go", "went", "goes"}), Intent.RESULT, 2),
    (
        frozenset({"how", "como"}),
        frozenset({"win", "won", "wins", "gano", "ganaron", "gana"}),
        Intent.DECISION,
        3,
    ),
    (frozenset({"how"}), frozenset({"do", "does", "did"}), Intent.PATH, 1),
)

# Words that name tournaments in other words ("opening tournament" is the Apertura).
_TOURNAMENT_SYNONYMS = {"opening": "apertura", "closing": "clausura"}

# Divisions: the data names them ("Liga MX", "Segunda División de México"); fans say more.
_DIVISION_SYNONYMS: dict[str, str] = {
    "primera": "liga mx",
    "primera division": "liga mx",
    "first division": "liga mx",
    "top flight": "liga mx",
    "top division": "liga mx",
    "maxima categoria": "liga mx",
    "primer division": "liga mx",
    "segunda": "segunda division",
    "segunda division": "segunda division",
}

# Words that say nothing about the intent. Keeping them out of the typo pass stops "there"
# from being corrected into anything.
_STOP = _word_set(
    "the a an of in on at to for from by with and or is are was were be been being did do "
    "does done has have had it its this that these those what who whom whose which when "
    "where why how me my i you your we our they their them he she his her s t about please "
    "bot hey hi hello can could would will just any all some there here than then up down "
    "out over into also still ever much many more very really so if not no yes ok okay "
    "guys pls plz thanks thank tell know get got go went season seasons year team teams "
    "club clubs side vs v versus against between ascenso mx liga "
    "el la los las un una unos unas de del al a en y o u e que quien quienes cual cuales "
    "como cuando donde por para con se su sus es fue era son fueron ha han le les lo me mi "
    "tu te mas muy ya oye pues este esta esto ese esa eso hay q k porfa favor contra vs "
    "temporada ano torneo equipo equipos entre sobre sabes dime oigan bueno a ver"
)


@dataclass(frozen=True, slots=True)
class _Phrases:
    """Phrases as token tuples, each with its cue."""

    table: dict[tuple[str, ...], Cue]
    longest: int


def _phrases(spec: str) -> list[tuple[str, ...]]:
    """ "se fue a la b, descenso" -> [("se", "fue", "a", "la", "b"), ("descenso",)]."""
    return [phrase for phrase in (_tokens(part) for part in spec.split(",")) if phrase]


def _build_cues() -> _Phrases:
    table: dict[tuple[str, ...], Cue] = {}

    def update(phrase: tuple[str, ...], **changes: Any) -> None:
        table[phrase] = replace(table.get(phrase, Cue()), **changes)

    for intent, specs in _INTENT_CUES.items():
        for spec, weight in specs:
            for phrase in _phrases(spec):
                weights = dict(table.get(phrase, Cue()).weights)
                weights[intent] = max(weights.get(intent, 0.0), weight)
                update(phrase, weights=weights)
    for event, spec in _EVENT_CUES.items():
        for phrase in _phrases(spec):
            update(phrase, event=event)
    for extreme, spec in _EXTREME_CUES.items():
        for phrase in _phrases(spec):
            update(phrase, extreme=extreme)
    for part, spec in _START_END.items():
        for phrase in _phrases(spec):
            update(phrase, date_part=part)
    for reason, spec in _SCOPE_CUES.items():
        for phrase in _phrases(spec):
            update(phrase, reason=reason)
    for phrase in _phrases(_WHO_CUES):
        update(phrase, asks_who=True)
    for phrase in _phrases(_STADIUM_WORDS):
        update(phrase, stadium_word=True)
    for phrase in _phrases(_RATIO_WORDS):
        update(phrase, ratio_word=True)
    return _Phrases(table, max(len(phrase) for phrase in table))


_CUES = _build_cues()
_CUE_WORDS = frozenset(word for phrase in _CUES.table for word in phrase)
_FUZZY_CUE_WORDS = sorted(
    word for word in _CUE_WORDS if len(word) >= MIN_FUZZY_LETTERS and word.isalpha()
)

# ---------------------------------------------------------------------------------------------
# Language


_ES_WORDS = _word_set(
    "que quien quienes cual cuales como cuando donde cuanto cuantos cuantas cuanta por para "
    "con se su sus es fue era son fueron le les lo mi tu te mas muy ya oye pues este esta "
    "esto ese esa eso hay porfa favor contra entre hasta y o en al un una unos unas "
    "gano ganaron ganador ganadores campeon campeones quedo quedaron metio metieron anoto "
    "anotaron goles gol goleador goleadores partido partidos resultado resultados marcador "
    "temporada torneo equipo equipos estadio estadios ciudad juega juegan jugaron "
    "descendio descendieron descenso ascendio ascendieron subio subieron bajo bajaron llego "
    "llegaron paso pasa definio decidio penales tabla cociente porcentaje puntos aforo "
    "capacidad cambios cambio cambiaron mudaron mudo nombre llamaba antes empezo comenzo "
    "inicio arranco termino acabo fechas fecha funciona formato reglas califican "
    "calificaron liguilla llave cuadro eliminado elimino camino hablame sabes datos "
    "cuartos semis semifinales maximo mejor peor mayor menor grande chico pequeno "
    "tanto cerca categoria primera segunda hizo hicieron anotadores minuto aficionados "
    "caben local casa tiene tenia tuvo ronda serie global empatan desempate sistema "
    "competencia muestrame corono llevo titulo ascenso sube suben perdio visitante "
    "q k ano pasado anterior respecto vienen desaparecio"
)
_ES_WEAK = _word_set("de del la las los el")
"""Spanish, but also inside names fans use in English ("Dorados de Sinaloa")."""
_EN_WORDS = _word_set(
    "the who what which when where why how did does do was were is are of in on at to for "
    "from by with and or won win winner winners champion champions scored score scorer "
    "scorers goals goal many much far get got go went play plays played stadium biggest "
    "smallest largest team teams season against between ratio promoted relegated happened "
    "start started end ended tell me about show results result final capacity ground city "
    "top most best worst lowest highest decided penalties qualified work format rules "
    "changes changed moved rebranded dates long people fit home games reach knocked out "
    "eliminated road run through why level if a an it its that this there their s "
    "whose based called before last previous first playoffs playoff semifinals "
    "quarterfinals quarterfinal semis quarters bracket bye know you relegation table "
    "standing points per game close closing opening tournament title trophy lifted earned "
    "promotion flight up down dropped tier were happens rule away aggregate goalscorers "
    "leading golden boot minute became disappeared"
)
_ES_MARKS = re.compile(r"[¿¡ñÑ]")
_ACCENTED = re.compile(r"[áéíóúÁÉÍÓÚü]")
_FUZZY_LANGUAGE_WORDS = sorted(
    word for word in _ES_WORDS | _EN_WORDS if len(word) >= MIN_FUZZY_LETTERS
)


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: Language
    clear: bool


def detect_language(text: str) -> LanguageGuess:
    """English or Spanish, from function words and Spanish marks (¿, ¡, ñ, accents).

    Proper names blur it ("Dorados de Sinaloa", "Culiacán"), so the little words shared with
    names and accents count less than "quién" or "who". A question with no telling words
    ("Necaxa vs UdeG") is not clear, and the reader's own language is used instead.
    """
    es = 3.0 * len(_ES_MARKS.findall(text)) + 0.3 * len(_ACCENTED.findall(text))
    en = 0.0
    for typed in words(text):
        word = typed
        if word not in _ES_WORDS and word not in _EN_WORDS and word not in _ES_WEAK:
            word = _correct(word, _FUZZY_LANGUAGE_WORDS) or word
        in_es, in_en = word in _ES_WORDS, word in _EN_WORDS
        if in_es and not in_en:
            es += 1
        elif in_en and not in_es:
            en += 1
        elif word in _ES_WEAK:
            es += 0.5
    clear = max(es, en) >= 1 and abs(es - en) >= 1
    return LanguageGuess("es" if es > en else "en", clear)


def _correct(word: str, vocabulary: Sequence[str]) -> str | None:
    """The one vocabulary word `word` is a typo of, or None."""
    if len(word) < MIN_FUZZY_LETTERS or not word.isalpha():
        return None
    best = process.extract(word, vocabulary, scorer=fuzz.ratio, limit=2, score_cutoff=WORD_CUTOFF)
    if not best:
        return None
    if len(best) > 1 and best[1][1] > best[0][1] - WORD_MARGIN:
        return None
    return str(best[0][0])


# ---------------------------------------------------------------------------------------------
# Names from the season


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


@dataclass(frozen=True, slots=True)
class Target:
    kind: Kind
    value: str
    """Club or tournament id, or the name as the data writes it."""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    targets: tuple[Target, ...]

    def of(self, kind: Kind) -> list[Target]:
        return [target for target in self.targets if target.kind is kind]


@dataclass
class Lexicon:
    """Every name the season knows, by folded and spaceless form, for finding them in text."""

    keys: dict[str, tuple[Target, ...]]
    longest: int
    fuzzy_keys: list[str]
    fuzzy_targets: list[tuple[Target, ...]]
    initials: dict[str, str]
    """Player -> the initial the data gives ("V. Lojero" -> "v")."""
    tournament_years: dict[str, frozenset[int]]
    season_years: frozenset[int]
    promoted_to: str | None
    known_words: frozenset[str]

    @classmethod
    def build(cls, season: Season, tournaments: TournamentIndex) -> Lexicon:
        keys = _Keys()
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
            fuzzy_keys=[key for key, _ in fuzzy],
            fuzzy_targets=[named for _, named in fuzzy],
            initials=initials,
            tournament_years=_tournament_years(season),
            season_years=frozenset(season_years),
            promoted_to=season.season.promoted_to,
            known_words=frozenset(word for key in frozen for word in key.split()),
        )


class _Keys:
    """Collects name -> targets, by folded form and spaceless form ("u de g", "udeg")."""

    def __init__(self) -> None:
        self.found: dict[str, list[Target]] = {}

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
                    and word not in _STOP
                    and word not in _CUE_WORDS
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
        for word, alias in _TOURNAMENT_SYNONYMS.items():
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
            for synonym, meaning in _DIVISION_SYNONYMS.items():
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
        for round_name, spec in _ROUND_WORDS.items():
            for phrase in _phrases(spec):
                text = " ".join(phrase)
                self.add(text, Target(Kind.ROUND, round_name.value), folded=text)
        for phrase in _phrases(_SCOPE_CUES[OutOfScope.OTHER_COMPETITION]):
            text = " ".join(phrase)
            if len(phrase) > 1 and text not in self.found:
                self.add(text, Target(Kind.OTHER_COMPETITION, text), folded=text)


def _fold_name(name: str) -> str:
    """`fold` for names, but with our word boundaries (digits and letters split alike)."""
    return " ".join(_folded_words(fold(name)))


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


_LEXICONS: OrderedDict[tuple[int, int], tuple[Season, TournamentIndex, Lexicon]] = OrderedDict()
_LEXICON_LOCK = threading.Lock()
MAX_LEXICONS = 4
"""A reload builds a new season; a few are kept while readers of the old one finish."""


def lexicon(season: Season, tournaments: TournamentIndex) -> Lexicon:
    """The season's lexicon, built once per loaded season (a few milliseconds)."""
    key = (id(season), id(tournaments))
    with _LEXICON_LOCK:
        cached = _LEXICONS.get(key)
        if cached is not None and cached[0] is season and cached[1] is tournaments:
            _LEXICONS.move_to_end(key)
            return cached[2]
    built = Lexicon.build(season, tournaments)
    with _LEXICON_LOCK:
        _LEXICONS[key] = (season, tournaments, built)
        while len(_LEXICONS) > MAX_LEXICONS:
            _LEXICONS.popitem(last=False)
    return built


# ---------------------------------------------------------------------------------------------
# Reading


def _find_names(tokens: list[str], lex: Lexicon) -> list[_Span]:
    """Exact names, longest first at each position, left to right; then round names in the
    words left, so "gran final de ascenso" is the promotion final, not "gran final"."""
    spans = _longest_matches(tokens, lex, set(), rounds=False)
    taken = {i for span in spans for i in range(span.start, span.end)}
    return spans + _longest_matches(tokens, lex, taken, rounds=True)


def _longest_matches(tokens: list[str], lex: Lexicon, taken: set[int], rounds: bool) -> list[_Span]:
    spans: list[_Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        for length in range(min(lex.longest, n - i), 0, -1):
            if any(j in taken for j in range(i, i + length)):
                continue
            window = tokens[i : i + length]
            targets = lex.keys.get(" ".join(window))
            if targets is None and length > 1:
                targets = lex.keys.get("".join(window))
            if targets is not None:
                targets = tuple(t for t in targets if (t.kind is Kind.ROUND) == rounds)
            if targets:
                spans.append(_Span(i, i + length, targets))
                i += length
                break
        else:
            i += 1
    return spans


def _fuzzy_names(tokens: list[str], taken: set[int], lex: Lexicon, clubs: ClubIndex) -> list[_Span]:
    """Typos of names in the words no name or keyword claimed. Never a weak guess: the
    similarity must clear a strict cutoff and beat other names by a margin, and a club must
    also be what the resolver makes of the words."""
    spans: list[_Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        found = False
        for length in (3, 2, 1):
            window = tokens[i : i + length]
            if len(window) < length or not _typo_window(i, window, taken, lex):
                continue
            squeezed = "".join(window)
            if len(squeezed) < MIN_FUZZY_LETTERS or not squeezed.isalpha():
                continue
            targets = _fuzzy_targets(squeezed, lex)
            if targets is None:
                continue
            targets = tuple(t for t in targets if _confirmed(t, " ".join(window), clubs))
            if targets:
                spans.append(_Span(i, i + length, targets))
                i += length
                found = True
                break
        if not found:
            i += 1
    return spans


def _typo_window(start: int, window: list[str], taken: set[int], lex: Lexicon) -> bool:
    """Words that may hold a misspelt name: none claimed or a keyword, and one at least not
    a word of any name ("Leones Negroz": "leones" is known, "negroz" is the typo)."""
    if any(start + k in taken for k in range(len(window))):
        return False
    if any(word in _STOP or word in _CUE_WORDS for word in window):
        return False
    return any(word not in lex.known_words for word in window)


def _unknown(token: str, lex: Lexicon) -> bool:
    return token not in _STOP and token not in _CUE_WORDS and token not in lex.known_words


def _fuzzy_targets(squeezed: str, lex: Lexicon) -> tuple[Target, ...] | None:
    ranked = process.extract(
        squeezed, lex.fuzzy_keys, scorer=fuzz.ratio, limit=6, score_cutoff=WORD_CUTOFF
    )
    if not ranked:
        return None
    best_targets = lex.fuzzy_targets[ranked[0][2]]
    best_score = ranked[0][1]
    for _, score, index in ranked[1:]:
        if lex.fuzzy_targets[index] != best_targets and score > best_score - WORD_MARGIN:
            return None
    return best_targets


def _confirmed(target: Target, text: str, clubs: ClubIndex) -> bool:
    """A fuzzily found club must be the resolver's answer for the same words."""
    if target.kind is not Kind.CLUB:
        return True
    try:
        return clubs.resolve(text).key == target.value
    except KnowledgeError:
        return False


def _correct_cues(tokens: list[str], taken: set[int], lex: Lexicon) -> list[str]:
    """Keyword typos ("clausra" is a name; "relegaded", "stadum" are keywords)."""
    corrected = list(tokens)
    for i, token in enumerate(tokens):
        if i in taken or not _unknown(token, lex):
            continue
        fixed = _correct(token, _FUZZY_CUE_WORDS)
        if fixed is not None:
            corrected[i] = fixed
    return corrected


@dataclass
class _Reading:
    """What the cues said, summed."""

    scores: dict[Intent, float] = field(default_factory=dict)
    events: list[ChangeEvent] = field(default_factory=list)
    extreme: Extreme | None = None
    reasons: list[OutOfScope] = field(default_factory=list)
    date_part: DatePart | None = None
    asks_who: bool = False
    stadium_word: bool = False
    ratio_word: bool = False
    cup: bool = False


def _read_cues(tokens: list[str], taken: set[int]) -> _Reading:
    reading = _Reading()
    i = 0
    n = len(tokens)
    while i < n:
        if i in taken:
            i += 1
            continue
        for length in range(min(_CUES.longest, n - i), 0, -1):
            if any(j in taken for j in range(i, i + length)):
                continue
            phrase = tuple(tokens[i : i + length])
            cue = _CUES.table.get(phrase)
            if cue is None:
                continue
            for intent, weight in cue.weights.items():
                reading.scores[intent] = reading.scores.get(intent, 0.0) + weight
            if cue.event is not None:
                reading.events.append(cue.event)
            if cue.extreme is not None and reading.extreme is None:
                reading.extreme = cue.extreme
            if cue.reason is not None:
                reading.reasons.append(cue.reason)
            if cue.date_part is not None and reading.date_part is None:
                reading.date_part = cue.date_part
            reading.asks_who |= cue.asks_who
            reading.stadium_word |= cue.stadium_word
            reading.ratio_word |= cue.ratio_word
            i += length
            break
        else:
            i += 1
    return reading


@dataclass
class _Slots:
    clubs: list[str] = field(default_factory=list)
    club_spans: list[_Span] = field(default_factory=list)
    pure_clubs: list[str] = field(default_factory=list)
    """Clubs named by a word that is not also a city or stadium ("Necaxa", not "Celaya")."""
    tournament: str | None = None
    tournament_span: _Span | None = None
    round: RoundName | None = None
    players: list[str] = field(default_factory=list)
    stadium: str | None = None
    city: str | None = None
    place_only: bool = False
    """A city or stadium named by words that are not also a club's name ("Culiacán")."""
    subject: str | None = None
    division: str | None = None
    other_clubs: list[str] = field(default_factory=list)
    other_competitions: list[str] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)


def _fill_slots(spans: Sequence[_Span], tokens: list[str], lex: Lexicon) -> _Slots:
    slots = _Slots()
    for span in sorted(spans, key=lambda s: s.start):
        kinds = {target.kind for target in span.targets}
        if Kind.CLUB in kinds:
            for target in span.of(Kind.CLUB):
                if target.value not in slots.clubs:
                    slots.clubs.append(target.value)
                    if not kinds & {Kind.CITY, Kind.STADIUM}:
                        slots.pure_clubs.append(target.value)
            slots.club_spans.append(span)
        elif Kind.FORMER in kinds:
            slots.subject = slots.subject or span.of(Kind.FORMER)[0].value
        elif Kind.PLAYER in kinds:
            for target in span.of(Kind.PLAYER):
                if target.value not in slots.players:
                    slots.players.append(target.value)
        if Kind.TOURNAMENT in kinds and slots.tournament is None:
            slots.tournament = span.of(Kind.TOURNAMENT)[0].value
            slots.tournament_span = span
            # "promotion final", "final de ascenso": the name says the round too.
            for token in tokens[span.start : span.end]:
                for target in lex.keys.get(token, ()):
                    if target.kind is Kind.ROUND and slots.round is None:
                        slots.round = RoundName(target.value)
        if Kind.ROUND in kinds and slots.round is None and Kind.TOURNAMENT not in kinds:
            slots.round = RoundName(span.of(Kind.ROUND)[0].value)
        if Kind.STADIUM in kinds and slots.stadium is None and Kind.CLUB not in kinds:
            slots.stadium = span.of(Kind.STADIUM)[0].value
            slots.place_only = True
        if Kind.CITY in kinds and slots.city is None:
            slots.city = span.of(Kind.CITY)[0].value
            slots.place_only |= not kinds & {Kind.CLUB, Kind.FORMER}
        if Kind.DIVISION in kinds and slots.division is None:
            slots.division = span.of(Kind.DIVISION)[0].value
        if Kind.OTHER_CLUB in kinds and not kinds & {
            Kind.CLUB,
            Kind.FORMER,
            Kind.CITY,
            Kind.STADIUM,
            Kind.TOURNAMENT,
        }:
            slots.other_clubs.append(span.of(Kind.OTHER_CLUB)[0].value)
        if Kind.OTHER_COMPETITION in kinds:
            slots.other_competitions.append(span.of(Kind.OTHER_COMPETITION)[0].value)
    return slots


def _pick_player(slots: _Slots, spans: Sequence[_Span], tokens: list[str], lex: Lexicon) -> None:
    """Narrow a surname to the players whose initial the fan gave ("Juan Ibarra", "E.
    Gonzalez"); with no first name, every player of that surname stays a candidate."""
    for span in spans:
        candidates = [t.value for t in span.of(Kind.PLAYER)]
        if len(candidates) < 2 or span.start == 0:
            continue
        before = tokens[span.start - 1]
        matching = [p for p in candidates if lex.initials.get(p, "") == before[:1]]
        if matching and before not in _STOP:
            slots.players = [p for p in slots.players if p not in candidates or p in matching]


def _unknown_beside_connectors(tokens: list[str], taken: set[int], lex: Lexicon) -> list[str]:
    """Words where a club should be, next to "vs" or "against", that no name claimed."""
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token not in _CONNECTORS or i in taken:
            continue
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(tokens) and j not in taken and tokens[j] in _STOP:
                j += step
            run: list[str] = []
            while (
                0 <= j < len(tokens)
                and j not in taken
                and _unknown(tokens[j], lex)
                and tokens[j].isalpha()
                and len(run) < 3
            ):
                run.append(tokens[j])
                j += step
            if run and len("".join(run)) >= 3:
                found.append(" ".join(run if step == 1 else reversed(run)))
    return list(dict.fromkeys(found))


def _years(tokens: list[str], taken: set[int], spans: Sequence[_Span], lex: Lexicon) -> bool:
    """Whether every year written is this season's, and a tournament's own where it is
    written next to one ("Clausura 2013" is last season's Clausura)."""
    tournament_at: dict[int, str] = {}
    for span in spans:
        for target in span.of(Kind.TOURNAMENT):
            for position in range(span.start - 1, span.end + 3):
                tournament_at.setdefault(position, target.value)
            break
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        year: int | None = None
        if _YEAR.match(token):
            year = int(token)
        elif _TWO_DIGITS.match(token) and i in tournament_at and i - 1 >= 0:
            previous = tokens[i - 1]
            if any(t.kind is Kind.TOURNAMENT for t in lex.keys.get(previous, ())):
                year = 2000 + int(token)
        if year is None:
            continue
        if year not in lex.season_years:
            # "2013-14" and "13/14" name this season; "2012-13" does not.
            return False
        tournament = tournament_at.get(i)
        if tournament is not None and year not in lex.tournament_years.get(tournament, {year}):
            return False
    return True


def parse(
    question: str, season: Season, clubs: ClubIndex, tournaments: TournamentIndex
) -> Question:
    """Read `question` against the season: its intent, slots and language."""
    lex = lexicon(season, tournaments)
    guess = detect_language(question)
    tokens = words(question)
    spans = _find_names(tokens, lex)
    taken = {i for span in spans for i in range(span.start, span.end)}
    spans += _fuzzy_names(tokens, taken, lex, clubs)
    taken = {i for span in spans for i in range(span.start, span.end)}
    corrected = _correct_cues(tokens, taken, lex)
    # Tournament names are also ordinary words for the cues ("Campeón de Ascenso" says
    # nothing about who won), except single-word ones like "Promotion", which do both.
    cue_taken = {
        i
        for span in spans
        if not (
            span.end - span.start == 1
            and all(t.kind in (Kind.TOURNAMENT, Kind.ROUND) for t in span.targets)
            and corrected[span.start] in _CUE_WORDS
        )
        for i in range(span.start, span.end)
    }
    reading = _read_cues(corrected, cue_taken)
    present = set(corrected)
    reading.cup = bool(present & _CUP_WORDS)
    for first, second, pair_intent, weight in _PAIR_CUES:
        if present & first and present & second:
            reading.scores[pair_intent] = reading.scores.get(pair_intent, 0.0) + weight
    slots = _fill_slots(spans, tokens, lex)
    _pick_player(slots, spans, tokens, lex)
    slots.unknown_names = _unknown_beside_connectors(tokens, taken, lex)
    in_season = _years(tokens, taken, spans, lex)

    intent, reason = _decide(reading, slots, lex, in_season)
    players = tuple(slots.players)
    keep_extreme = intent in (Intent.STADIUM_EXTREME, Intent.RELEGATION)
    return Question(
        text=question,
        intent=intent,
        language=guess.language,
        language_clear=guess.clear,
        clubs=tuple(slots.clubs),
        tournament=slots.tournament,
        round=slots.round,
        player=players[0] if len(players) == 1 else None,
        players=players,
        stadium=slots.stadium,
        city=slots.city,
        extreme=reading.extreme if keep_extreme else None,
        subject=slots.subject,
        event=_event(reading) if intent is Intent.CHANGES else None,
        division=slots.division,
        date_part=reading.date_part,
        reason=reason,
        other_names=tuple(slots.other_clubs or slots.unknown_names),
    )


def _event(reading: _Reading) -> ChangeEvent | None:
    return reading.events[0] if reading.events else None


def _decide(
    reading: _Reading, slots: _Slots, lex: Lexicon, in_season: bool
) -> tuple[Intent, OutOfScope | None]:
    """The intent: out of scope first, then the cues' scores, settled by what is named."""
    reason = _out_of_scope(reading, slots, in_season)
    if reason is not None:
        return Intent.UNKNOWN, reason
    score = {intent: reading.scores.get(intent, 0.0) for intent in Intent}
    goalish = score[Intent.SCORERS] + score[Intent.TOP_SCORER] + score[Intent.PLAYER_GOALS]
    if slots.players and goalish > 0 and score[Intent.TOP_SCORER] < 6:
        return Intent.PLAYER_GOALS, None
    # A division decides between this season's promotion and last season's changes.
    if slots.division is not None:
        this_season = slots.division == lex.promoted_to
        if score[Intent.PROMOTED] > 0 and not this_season:
            return Intent.CHANGES, None
        if score[Intent.RELEGATED] > 0 and score[Intent.PROMOTED] == 0:
            return Intent.CHANGES, None
    if reading.extreme is not None and reading.ratio_word:
        return Intent.RELEGATION, None
    if reading.extreme is not None and reading.stadium_word and not slots.pure_clubs:
        return Intent.STADIUM_EXTREME, None
    _settle(score, reading, slots, lex)
    best = max(score.values())
    if best <= 0:
        return _by_slots_alone(reading, slots)
    # Ties go to the intent listed first in _PRIORITY: the more specific question.
    intent = next(intent for intent in _PRIORITY if score[intent] == best)
    if intent is Intent.RELEGATION and slots.tournament is not None:
        # The relegation table spans six tournaments; one tournament's points are standings.
        return Intent.UNKNOWN, OutOfScope.REGULAR_SEASON
    if slots.division is not None and intent not in _ALLOWED_WITH_DIVISIONS:
        # "Who won Liga MX?" is about another league, not this season's promotion.
        return Intent.UNKNOWN, OutOfScope.OTHER_COMPETITION
    if intent is Intent.STADIUM and not (slots.clubs or slots.stadium or slots.city):
        return Intent.UNKNOWN, OutOfScope.NOT_UNDERSTOOD
    return intent, None


def _out_of_scope(reading: _Reading, slots: _Slots, in_season: bool) -> OutOfScope | None:
    """What makes a question one the data cannot answer, whatever else it asks."""
    if not in_season:
        return OutOfScope.OTHER_SEASON
    for reason in (OutOfScope.OTHER_SEASON, OutOfScope.REGULAR_SEASON, OutOfScope.UNRELATED):
        if reason in reading.reasons:
            return reason
    if OutOfScope.OTHER_COMPETITION in reading.reasons or slots.other_competitions:
        return OutOfScope.OTHER_COMPETITION
    if slots.other_clubs:
        return OutOfScope.OTHER_CLUB
    if slots.unknown_names:
        return OutOfScope.UNKNOWN_CLUB
    if reading.cup and slots.tournament is None:
        return OutOfScope.OTHER_COMPETITION
    return None


def _settle(score: dict[Intent, float], reading: _Reading, slots: _Slots, lex: Lexicon) -> None:
    """Adjust the cues' scores by what the question names: each intent needs its slots."""
    clubs = slots.clubs
    if not slots.players:
        score[Intent.PLAYER_GOALS] = 0.0
    if slots.division is not None and slots.division == lex.promoted_to and score[Intent.PROMOTED]:
        score[Intent.PROMOTED] += 2
    if slots.subject is not None:
        score[Intent.CHANGES] += 2
    if len(clubs) >= 2:
        # Two clubs: their meeting, not one club's road.
        score[Intent.RESULT] += 3
        score[Intent.PATH] = 0.0
    if not clubs:
        score[Intent.PATH] = 0.0
    if slots.tournament is not None and score[Intent.CHAMPION] > 0:
        score[Intent.CHAMPION] += 1
    if slots.stadium is not None or slots.city is not None:
        # "Who plays in Culiacán?" asks for a club; a place that is also a club's name
        # ("Mérida") does so only with words about playing or being from somewhere.
        placed = slots.place_only or score[Intent.STADIUM] > 0
        if reading.asks_who and placed and not slots.pure_clubs:
            score[Intent.CLUB_AT] = score[Intent.STADIUM] + 3
        if slots.place_only:
            score[Intent.STADIUM] += 1
    elif not clubs:
        score[Intent.STADIUM] = 0.0
    if score[Intent.RELEGATED] > 0 and clubs:
        # "Was Zacatepec relegated?": that club's row answers it.
        score[Intent.RELEGATION] += score[Intent.RELEGATED] + 1
        score[Intent.RELEGATED] = 0.0
    dates = score[Intent.SEASON_DATES]
    if dates > 0 and (slots.round is not None or len(clubs) >= 2) and dates == max(score.values()):
        # "When was the Apertura final?": the tie, whose legs carry their dates.
        score[Intent.RESULT] = dates + 1
    if slots.tournament is None:
        # A liguilla needs its tournament; with a club, the question is that club's road.
        if clubs:
            score[Intent.PATH] += score[Intent.BRACKET]
        score[Intent.BRACKET] = min(score[Intent.BRACKET], 0.5)


def _by_slots_alone(reading: _Reading, slots: _Slots) -> tuple[Intent, OutOfScope | None]:
    """No cue at all ("Necaxa", "Estadio Jalisco", "Irapuato"): what the name itself asks."""
    if slots.clubs:
        return Intent.CLUB, None
    if slots.subject is not None:
        return Intent.CHANGES, None
    if slots.stadium is not None or slots.city is not None:
        return (Intent.CLUB_AT if reading.asks_who else Intent.STADIUM), None
    if slots.players:
        return Intent.PLAYER_GOALS, None
    if slots.tournament is not None:
        return Intent.BRACKET, None
    return Intent.UNKNOWN, OutOfScope.NOT_UNDERSTOOD


_ALLOWED_WITH_DIVISIONS = {Intent.PROMOTED, Intent.RELEGATED, Intent.CHANGES, Intent.FORMAT}

_PRIORITY: tuple[Intent, ...] = (
    Intent.TOP_SCORER,
    Intent.PLAYER_GOALS,
    Intent.DECISION,
    Intent.SCORERS,
    Intent.CHANGES,
    Intent.RELEGATION,
    Intent.STADIUM_EXTREME,
    Intent.CLUB_AT,
    Intent.STADIUM,
    Intent.PATH,
    Intent.RESULT,
    Intent.PROMOTED,
    Intent.RELEGATED,
    Intent.CHAMPION,
    Intent.SEASON_DATES,
    Intent.FORMAT,
    Intent.BRACKET,
    Intent.CLUB,
)
