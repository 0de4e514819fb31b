"""The schema of the vocabulary files (`knowledge/lexicon/<language>.yaml`), and reading them.

A file is validated by `LexiconFile`: unknown keys are refused, as in the season files, and
each problem is named with its `file:line`. The tests, `tools/compile_lexicon.py` and
`seasonbot check` read the files through here; the running bot reads the vocabulary they
compile (`vocabulary.py`), so pydantic's schema is not built on every start.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.bounded_yaml import Limits, load_packaged_yaml, read_document
from knowledge.models import ChangeEvent, RoundName
from knowledge.plans.model import Bound, Entity, Measure, Test
from knowledge.questions.model import DatePart, Extreme, Intent, Operator, Part


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meaning(_Strict):
    """What one phrase says."""

    asks: dict[Intent, float] = Field(default_factory=dict)
    part: Part | list[Part] | None = None
    leg: Literal[1, 2, "home", "away", "draw"] | None = None
    event: ChangeEvent | None = None
    extreme: Extreme | None = None
    bound: Bound | None = None
    not_in_data: str | None = None
    date_part: DatePart | None = None
    who: bool = False
    stadium_word: bool = False
    ratio_word: bool = False
    rank_word: bool = False
    test: Test | None = None
    """What a club, leg or tie did, for a plan's conditions ("scored", "perdió")."""
    entity: Entity | None = None
    """What a question selects ("which game", "qué equipo")."""
    measure: Measure | None = None
    """What a question ranks or counts by ("earliest": minute, "aforo": capacity)."""
    ordinal: int | None = Field(default=None, ge=1, le=99)
    """A place in an order ("quinto", "opened the scoring")."""
    cardinal: int | None = Field(default=None, ge=2, le=99)
    """A number written as a word ("four", "cuatro"), as a claim says it."""
    crowd: bool = False
    """Counts people ("how many fans", "cuánta gente"): a stadium's capacity only where a
    ground or fitting is said too; otherwise attendance or supporters, which the data lacks."""
    previous: bool = False
    """Names the previous season ("the season before", "temporada pasada"): promotion and
    relegation asked with it are last season's changes."""


class PairSpec(_Strict):
    first: list[str] = Field(min_length=1)
    second: list[str] = Field(min_length=1)
    asks: dict[Intent, float] = Field(default_factory=dict)
    parts: list[Part] = Field(default_factory=list)


class LexiconFile(_Strict):
    """One language's vocabulary file."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    language_words: str = ""
    """Words that tell a question's language."""
    weak_language_words: str = ""
    """Words of the language that names in other languages carry too ("de", "la")."""
    stop_words: str = ""
    """Function words: they say nothing about what is asked."""
    filler: str = ""
    """Words that only frame a question: discourse markers and fans' slang (lol, ngl, neta)."""
    content: str = ""
    """Words common enough to pass for framing words that still carry meaning ("old",
    "time", "women"): a question with one the answer does not use is not answered as if the
    word were not there."""
    greetings: str = ""
    """Hello, thanks and goodbye: a question of these alone gets a friendly word back."""
    shorthand: dict[str, str] = Field(default_factory=dict)
    """Fans' abbreviations and the words they stand for ("agg": "aggregate")."""
    operators: dict[Operator, list[str]] = Field(default_factory=dict)
    """Words that change what is asked; an answer that cannot honour one is refused."""
    question_words: str = ""
    """Words that open a question for something (who, when, quién): not a yes/no one."""
    yes_no_openers: str = ""
    """Words that open a yes/no question ("did", "was"; "neta")."""
    yes_no_tags: list[str] = Field(default_factory=list)
    """Words that end a yes/no question ("right", "didn't they", "o no", "verdad")."""
    object_markers: list[str] = Field(default_factory=list)
    """Words before the club something was done to ("a la UdeG", "against Tecos")."""
    months: dict[str, int] = Field(default_factory=dict)
    connectors: list[str] = Field(default_factory=list)
    reaching: list[str] = Field(default_factory=list)
    cup_words: list[str] = Field(default_factory=list)
    tournament_synonyms: dict[str, str] = Field(default_factory=dict)
    division_synonyms: dict[str, str] = Field(default_factory=dict)
    pairs: list[PairSpec] = Field(default_factory=list)
    rounds: dict[RoundName, list[str]] = Field(default_factory=dict)
    phrases: dict[str, Meaning | None] = Field(default_factory=dict)


class LexiconInvalid(ValueError):
    """A vocabulary file that does not follow `LexiconFile`, with `file:line: message` lines."""


def validated(data: Any, path: str = "<lexicon>", text: str | None = None) -> LexiconFile:
    """A vocabulary file's data, checked; the refusal names each problem's line."""
    try:
        return LexiconFile.model_validate(data)
    except ValidationError as error:
        lines = _lines_of(text) if text is not None else None
        problems = []
        for problem in error.errors():
            loc = tuple(problem["loc"])
            line = lines.line_of(loc) if lines is not None else 1
            where = ".".join(str(part) for part in loc)
            problems.append(f"{path}:{line}: {where}: {problem['msg']}")
        raise LexiconInvalid("\n".join(problems)) from None


def _lines_of(text: str) -> Any:
    document = read_document(text, Limits(items=5_000, values=50_000, names=50_000))
    return document.source if document is not None else None


def read_files() -> dict[str, LexiconFile]:
    """Every packaged vocabulary file, validated, by its language."""
    folder = resources.files("knowledge") / "lexicon"
    found: dict[str, LexiconFile] = {}
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".yaml"):
            text = entry.read_text(encoding="utf-8")
            data = validated(load_packaged_yaml(text), f"knowledge/lexicon/{entry.name}", text)
            found[data.language] = data
    return found
