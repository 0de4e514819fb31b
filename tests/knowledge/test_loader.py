"""The loader refuses bad season data with every problem named by file and line.

Moderators edit the YAML by hand and reload it live, so a refusal is only useful if it points
at the line they touched. Each test starts from the real data file, makes one targeted edit,
and checks that a problem lands on exactly that line and says what is wrong. Line numbers are
computed from the edited text, never hard-coded, so the tests survive edits to the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.loader import (
    LIMITS,
    MAX_FILE_BYTES,
    MAX_PROBLEMS,
    NAME_LISTS,
    Limits,
    Problem,
    SeasonRefused,
    parse_season,
    read_season,
    read_seasons,
)
from knowledge.models import Season
from tests.helpers import named_pipe

PATH = "seasons/2013-14.yaml"
"""The name problems are reported under; any string works, the loader only echoes it."""


@dataclass(frozen=True, slots=True)
class Edited:
    text: str
    line: int
    """1-based number of the line that the edit changed or inserted."""


def _find_line(lines: list[str], old: str, after: str | tuple[str, ...]) -> int:
    """Index of the line equal to `old`, or of the first one below the anchors `after`.

    Anchors are followed in turn: the first must be a unique line, each next one is the first
    match below the previous. Without anchors `old` must be unique: an edit that silently hit
    another line would test nothing.
    """
    bare = [line.rstrip("\n") for line in lines]
    anchors = (after,) if isinstance(after, str) else after
    if anchors:
        assert bare.count(anchors[0]) == 1, f"anchor {anchors[0]!r} is not a unique line"
    else:
        assert bare.count(old) == 1, f"{old!r} is not a unique line"
    start = 0
    for wanted in (*anchors, old):
        try:
            start = bare.index(wanted, start)
        except ValueError:
            raise AssertionError(f"no line {wanted!r} below {anchors!r}") from None
    return start


def replace_line(text: str, old: str, new: str, *, after: str | tuple[str, ...] = ()) -> Edited:
    """Replace the whole line `old` with `new`."""
    lines = text.splitlines(keepends=True)
    index = _find_line(lines, old, after)
    lines[index] = new + "\n"
    return Edited("".join(lines), index + 1)


def insert_after(text: str, old: str, new: str, *, after: str | tuple[str, ...] = ()) -> Edited:
    """Insert the line `new` below the line `old`; `line` is the inserted line."""
    lines = text.splitlines(keepends=True)
    index = _find_line(lines, old, after)
    lines.insert(index + 1, new + "\n")
    return Edited("".join(lines), index + 2)


def line_below(text: str, old: str, *, after: str | tuple[str, ...] = ()) -> int:
    """The number of the line `old`, the first below the anchors `after` (see `_find_line`)."""
    return _find_line(text.splitlines(keepends=True), old, after) + 1


def refusal(text: str) -> tuple[Problem, ...]:
    with pytest.raises(SeasonRefused) as caught:
        parse_season(text, PATH)
    problems = caught.value.problems
    assert problems, "a refusal must say why"
    return problems


def on_line(problems: tuple[Problem, ...], line: int) -> list[str]:
    """The messages of the problems reported on `line`."""
    return [problem.message for problem in problems if problem.line == line]


def assert_problem(problems: tuple[Problem, ...], line: int, *fragments: str) -> None:
    """Some problem on `line` mentions every fragment."""
    messages = on_line(problems, line)
    assert messages, f"no problem on line {line}; got: {[str(p) for p in problems]}"
    assert any(all(fragment in message for fragment in fragments) for message in messages), (
        f"no problem on line {line} mentions {fragments}; got: {messages}"
    )


# Lines of the data file that the edits below touch. Leading spaces are part of the line.
APERTURA = "  - id: apertura-2013"
"""The first competition in the file; its first tie is San Luis v Necaxa."""
SAN_LUIS_HOME = "                home: san-luis"
SAN_LUIS_NECAXA_SCORE = "                score: 0-2"
CERVANTES_GOAL = "                  - {player: D. Cervantes, club: necaxa, minute: 79}"
SECOND_LEG_AWAY = "                away: san-luis"
SECOND_LEG_DATE = "              - date: 2013-11-16"
ALTAMIRA_CAPACITY = "    capacity: 9581"
ZACATEPEC_RATIO = (
    "    - {rank: 15, club: zacatepec, team: Zacatepec 1948, points: 80, games: 84, ratio: 0.9524}"
)


# --- the valid file ----------------------------------------------------------------------


def test_the_real_file_loads_with_the_seeds_counts(season: Season) -> None:
    """15 clubs, 26 playoff matches and 58 goals with scorers, as `seasonbot check` reports
    the shipped season (README.md, "The data, and editing it")."""
    assert len(season.clubs) == 15
    assert len(season.legs) == 26
    assert sum(len(leg.goals) for leg in season.legs) == 58


def test_the_goal_without_a_minute_survives_loading(season: Season) -> None:
    """The seed gives J. Goncalves' goal in Necaxa 4-1 Delfines no minute; it must stay None."""
    no_minute = [
        (leg.home, leg.away, leg.score, goal.player)
        for leg in season.legs
        for goal in leg.goals
        if goal.minute is None
    ]
    assert no_minute == [("necaxa", "delfines", (4, 1), "J. Goncalves")]


def test_parse_season_accepts_the_unedited_text(season_text: str) -> None:
    """The edits below are the only reason their tests are refused."""
    assert parse_season(season_text, PATH).season.id == "2013-14"


def test_problem_prints_as_path_line_message() -> None:
    """`seasonbot check` prints problems in the form editors jump to."""
    assert str(Problem("a/b.yaml", 12, "bad")) == "a/b.yaml:12: bad"


# --- one test per kind of bad data ------------------------------------------------------


def test_yaml_syntax_error_is_reported_on_the_broken_line(season_text: str) -> None:
    """Kind 1: an over-indented key breaks the YAML structure of the leg."""
    edited = replace_line(
        season_text,
        "                home: necaxa",
        "                 home: necaxa",
        after=(APERTURA, SECOND_LEG_DATE),
    )
    assert_problem(refusal(edited.text), edited.line, "YAML syntax")


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        (ALTAMIRA_CAPACITY, "    capacity: lots", ("capacity", "valid integer")),
        (CERVANTES_GOAL, CERVANTES_GOAL.replace("minute: 79", "minute: late"), ("minute",)),
        (SAN_LUIS_NECAXA_SCORE, "                score: two-nil", ("score", "2-1")),
    ],
    ids=["capacity-lots", "minute-late", "score-words"],
)
def test_schema_type_error_names_the_field(
    season_text: str, old: str, new: str, fragments: tuple[str, ...]
) -> None:
    """Kind 2: a value of the wrong type is refused where it is written."""
    edited = replace_line(season_text, old, new)
    assert_problem(refusal(edited.text), edited.line, *fragments)


def test_unknown_club_reference(season_text: str) -> None:
    """Kind 3: a leg played by a club that is not in the clubs list."""
    edited = replace_line(season_text, SAN_LUIS_HOME, "                home: chivas")
    assert_problem(refusal(edited.text), edited.line, "unknown club 'chivas'")


def test_alias_pointing_to_two_clubs_names_both_lines(season_text: str) -> None:
    """Kind 4: "Rayos" given to Celaya while it is Necaxa's nickname.

    Celaya comes first in the file, so the clash is found at Necaxa's line; the moderator
    edited Celaya's, so both lines must be named.
    """
    necaxa_line = line_below(
        season_text, "    nicknames: [Rayos, Rayos del Necaxa, Club Necaxa, Electricistas]"
    )
    edited = replace_line(
        season_text,
        "    nicknames: [Toros, Toros del Celaya, Club Celaya]",
        "    nicknames: [Rayos, Toros del Celaya, Club Celaya]",
    )
    problems = refusal(edited.text)
    assert_problem(problems, edited.line, "'Rayos' points to two clubs", "celaya", "necaxa")
    assert_problem(problems, necaxa_line, "'Rayos' points to two clubs")


def test_a_prose_name_is_checked_like_every_other_name(season_text: str) -> None:
    """A prose name another club already has is refused at its own line: a sentence naming
    the club would name the other one."""
    edited = replace_line(
        season_text, "    prose_name: Cruz Azul Hidalgo", "    prose_name: Zacatepec"
    )
    assert_problem(
        refusal(edited.text), edited.line, "'Zacatepec' points to two clubs", "cruz-azul-hidalgo"
    )


def test_listed_goals_must_add_up_to_the_score(season_text: str) -> None:
    """Kind 5: San Luis 0-2 Necaxa lists two Necaxa goals; 0-3 would need three."""
    edited = replace_line(season_text, SAN_LUIS_NECAXA_SCORE, "                score: 0-3")
    assert_problem(
        refusal(edited.text),
        edited.line,
        "listed goals give san-luis 0-2 necaxa, but the score is 0-3",
    )


def test_goal_credited_to_a_club_that_did_not_play(season_text: str) -> None:
    """Kind 6: D. Cervantes scored for Necaxa at San Luis, not for U. de G."""
    edited = replace_line(
        season_text, CERVANTES_GOAL, CERVANTES_GOAL.replace("club: necaxa", "club: udeg")
    )
    assert_problem(
        refusal(edited.text), edited.line, "credited to 'udeg'", "did not play san-luis v necaxa"
    )


def test_second_leg_must_swap_the_first_legs_clubs(season_text: str) -> None:
    """Kind 7: the return leg Necaxa v San Luis turned into Necaxa v U. de G."""
    edited = replace_line(season_text, SECOND_LEG_AWAY, "                away: udeg")
    assert_problem(refusal(edited.text), edited.line, "home and away swapped")


def test_legs_must_be_in_date_order(season_text: str) -> None:
    """Kind 8: the second leg dated the day before the first (13 November 2013)."""
    edited = replace_line(
        season_text, SECOND_LEG_DATE, "              - date: 2013-11-12", after=APERTURA
    )
    assert_problem(
        refusal(edited.text), edited.line, "second leg (2013-11-12) must come after the first"
    )


def test_ratio_must_be_points_over_games_to_four_places(season_text: str) -> None:
    """Kind 9: Zacatepec 80/84 = 0.9524, so 0.9530 is a transcription error."""
    edited = replace_line(season_text, ZACATEPEC_RATIO, ZACATEPEC_RATIO.replace("0.9524", "0.9530"))
    assert_problem(refusal(edited.text), edited.line, "0.9530", "80/84 = 0.9524")


def test_ratio_with_more_than_four_places_is_refused(season_text: str) -> None:
    """The source gives ratios to 4 places; more digits mean they were recomputed, not copied."""
    edited = replace_line(
        season_text, ZACATEPEC_RATIO, ZACATEPEC_RATIO.replace("0.9524", "0.952381")
    )
    assert_problem(refusal(edited.text), edited.line, "4 decimal places")


@pytest.mark.parametrize("capacity", ["0", "-5"])
def test_capacity_must_be_positive(season_text: str, capacity: str) -> None:
    """Kind 10: a stadium holds someone."""
    edited = replace_line(season_text, ALTAMIRA_CAPACITY, f"    capacity: {capacity}")
    assert_problem(refusal(edited.text), edited.line, "capacity", "greater than 0")


def test_decision_winner_must_have_played_in_the_tie(season_text: str) -> None:
    """Kind 11: the Clausura final was Tecos v UAT; Necaxa cannot have won it."""
    edited = replace_line(
        season_text, "              winner: tecos", "              winner: necaxa"
    )
    assert_problem(refusal(edited.text), edited.line, "'necaxa' did not play in this tie")


# --- YAML features and shapes that are refused -------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ALTAMIRA_CAPACITY, "    capacity: &cap 9581"),
        ("    capacity: 25111", "    capacity: *cap"),
    ],
    ids=["anchor", "alias"],
)
def test_anchors_and_aliases_are_refused(season_text: str, old: str, new: str) -> None:
    """They are how a small upload expands into a huge document; the data never needs them."""
    edited = replace_line(season_text, old, new)
    assert_problem(refusal(edited.text), edited.line, "anchors and aliases")


def test_anchor_and_alias_together_stop_at_the_anchor(season_text: str) -> None:
    """A "billion laughs" attempt is refused before anything is expanded."""
    with_anchor = replace_line(season_text, ALTAMIRA_CAPACITY, "    capacity: &cap 9581")
    edited = replace_line(with_anchor.text, "    capacity: 25111", "    capacity: *cap")
    problems = refusal(edited.text)
    assert_problem(problems, with_anchor.line, "anchors and aliases")


def test_duplicate_key_is_refused_on_its_line(season_text: str) -> None:
    """A second `capacity:` would silently replace the first; say where it is."""
    edited = insert_after(season_text, ALTAMIRA_CAPACITY, "    capacity: 9582")
    assert_problem(refusal(edited.text), edited.line, "duplicate key")


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"], ids=repr)
def test_empty_file_is_refused(text: str) -> None:
    assert_problem(refusal(text), 1, "empty")


@pytest.mark.parametrize(
    "text", ["- clubs\n- competitions\n", "just a sentence\n", "42\n"], ids=repr
)
def test_file_that_is_not_a_mapping_is_refused(text: str) -> None:
    assert_problem(refusal(text), 1, "mapping")


def test_unknown_key_is_a_typo_not_an_extension(season_text: str) -> None:
    """`capcity:` is refused on its line, and the missing `capacity` is reported too."""
    edited = replace_line(season_text, ALTAMIRA_CAPACITY, "    capcity: 9581")
    problems = refusal(edited.text)
    assert_problem(problems, edited.line, "capcity", "Extra inputs are not permitted")
    assert any("capacity is required" in problem.message for problem in problems)


def test_several_problems_are_reported_at_once(season_text: str) -> None:
    """A moderator sees every problem of an edit in one refusal, each on its own line."""
    score = replace_line(season_text, SAN_LUIS_NECAXA_SCORE, "                score: 0-3")
    both = replace_line(score.text, ZACATEPEC_RATIO, ZACATEPEC_RATIO.replace("0.9524", "0.9530"))
    problems = refusal(both.text)
    assert_problem(problems, score.line, "but the score is 0-3")
    assert_problem(problems, both.line, "ratio 0.9530")
    assert all(problem.path == PATH for problem in problems)


# --- syntax errors that PyYAML notices after the line at fault ----------------------------


def test_unclosed_bracket_names_the_line_it_opens_on(season_text: str) -> None:
    """PyYAML notices a missing `]` on the next line; the fix belongs on the opening one."""
    old = "    aliases: [Apertura, Apertura 13, AP13, AP2013, Torneo Apertura 2013]"
    edited = replace_line(season_text, old, old.removesuffix("]"))
    problems = refusal(edited.text)
    assert_problem(problems, edited.line, "YAML syntax", "[", "not closed")
    assert_problem(problems, edited.line + 1, "YAML syntax")


def test_unclosed_quote_names_the_line_it_opens_on(season_text: str) -> None:
    """An unclosed quote runs to the end of the file; the problem must not only say so."""
    edited = replace_line(
        season_text, "    name: Altamira", '    name: "Altamira', after="  - id: altamira"
    )
    assert_problem(refusal(edited.text), edited.line, "YAML syntax", "quoted text", "not closed")


def test_control_character_is_refused_on_its_line(season_text: str) -> None:
    """A pasted control character is refused with its line, not a traceback."""
    edited = replace_line(
        season_text, "    name: Altamira", "    name: Alta\x07mira", after="  - id: altamira"
    )
    assert_problem(refusal(edited.text), edited.line, "#x0007")


# --- reading files --------------------------------------------------------------------------


def test_read_season_refuses_a_file_over_the_size_limit(tmp_path: Path, season_text: str) -> None:
    """Size is checked before reading: a huge upload is not parsed at all."""
    path = tmp_path / "huge.yaml"
    padding = "#" * (MAX_FILE_BYTES - len(season_text.encode()) + 1)
    path.write_text(season_text + padding + "\n", encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(SeasonRefused) as caught:
        read_season(path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (str(path), 1)
    assert "limit" in problem.message


def test_read_season_refuses_text_that_is_not_utf8(tmp_path: Path, season_text: str) -> None:
    """Latin-1 turns every accent (Mérida, Culiacán) into invalid UTF-8."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(season_text.replace("–", "-").encode("latin-1"))
    with pytest.raises(SeasonRefused) as caught:
        read_season(path)
    (problem,) = caught.value.problems
    assert problem.path == str(path)
    assert "not UTF-8" in problem.message


def test_read_season_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(SeasonRefused) as caught:
        read_season(path)
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}:1: cannot read: No such file or directory"


def test_read_season_names_the_file_in_every_problem(tmp_path: Path, season_text: str) -> None:
    path = tmp_path / "bad.yaml"
    edited = replace_line(season_text, ALTAMIRA_CAPACITY, "    capacity: 0")
    path.write_text(edited.text, encoding="utf-8")
    with pytest.raises(SeasonRefused) as caught:
        read_season(path)
    assert [(p.path, p.line) for p in caught.value.problems] == [(str(path), edited.line)]


def test_read_seasons_reads_the_packaged_folder() -> None:
    folder = Path(__file__).resolve().parents[2] / "knowledge" / "seasons"
    seasons = read_seasons(folder)
    assert [season.season.id for season in seasons] == ["2013-14"]


def test_read_seasons_reports_every_bad_file_of_a_folder(tmp_path: Path, season_text: str) -> None:
    """All files are checked before refusing, so one reload shows every broken file."""
    (tmp_path / "a.yaml").write_text(
        replace_line(season_text, ALTAMIRA_CAPACITY, "    capacity: 0").text, encoding="utf-8"
    )
    (tmp_path / "b.yml").write_text("- not a mapping\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a season file", encoding="utf-8")
    with pytest.raises(SeasonRefused) as caught:
        read_seasons(tmp_path)
    assert {problem.path for problem in caught.value.problems} == {
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yml"),
    }


def test_read_seasons_refuses_the_same_season_in_two_files(
    tmp_path: Path, season_text: str
) -> None:
    (tmp_path / "a.yaml").write_text(season_text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(season_text, encoding="utf-8")
    with pytest.raises(SeasonRefused) as caught:
        read_seasons(tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == str(tmp_path / "b.yaml")
    assert "season 2013-14 is in two files" in problem.message


def test_read_seasons_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(SeasonRefused) as caught:
        read_seasons(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (str(tmp_path), 1)
    assert "no season files" in problem.message


# --- what readers see: sources in every language, names that lead to one club ------------


def test_a_source_without_its_spanish_text_is_reported(season_text: str) -> None:
    """The Clausura final's source given in English only: a Spanish reply would cite it in
    English, so the file is refused at that source's line."""
    spanish = "                es: >-"
    line = line_below(
        season_text, spanish, after=("  - id: clausura-2014", "              source:")
    )
    lines = season_text.splitlines(keepends=True)
    # Drop the `es:` key and its two folded lines.
    edited = "".join(lines[: line - 1] + lines[line + 2 :])
    problems = refusal(edited)
    source_line = line_below(edited, "              source:", after="  - id: clausura-2014")
    assert_problem(problems, source_line, "no text in es")


def test_a_plain_string_source_is_english_only_and_reported(season_text: str) -> None:
    edited = replace_line(
        season_text,
        "  source:",
        "  source: the 2013–14 Liga MX clubs (general knowledge)",
        after="other_clubs:",
    )
    lines = edited.text.splitlines(keepends=True)
    # The old `en:` and `es:` lines below it go too.
    text = "".join(lines[: edited.line] + lines[edited.line + 2 :])
    assert_problem(refusal(text), edited.line, "no text in es")


def test_a_name_that_begins_another_clubs_name_is_reported(season_text: str) -> None:
    """A planted clash: "Estudiantes" as Tecos' nickname, while Altamira is "Estudiantes de
    Altamira". The resolver would send every fan who typed the first word to Tecos."""
    edited = replace_line(
        season_text, "    nicknames: [Tecos, Tecos UAG, UAG]", "    nicknames: [Tecos, Estudiantes]"
    )
    assert_problem(
        refusal(edited.text), edited.line, "'estudiantes'", "'tecos'", "'altamira'", "begins"
    )


def test_a_name_that_begins_only_its_own_clubs_names_is_fine(season_text: str) -> None:
    """ "Dorados" begins "Dorados de Sinaloa", but both are Sinaloa's: nothing to report."""
    parse_season(season_text, PATH)
    assert "    spellings: [Sinaloa, Dorados, Dorados de Sinaloa]" in season_text.splitlines()


# --- hostile files: refused with a line, in bounded work, never a traceback ---------------

DEEP = 100_000


def hostile_files() -> dict[str, str]:
    """Files under the 1 MiB limit that an attacker (or a runaway script) might upload."""
    return {
        "deep flow lists": "season: " + "[" * DEEP + "]" * DEEP + "\n",
        "deep block lists": "season:\n  " + "- " * DEEP + "x\n",
        "deep flow mappings": "season: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
        "huge integer": "season:\n  tier: " + "9" * 5000 + "\n",
        "long text": "season:\n  name: " + "x" * 200_000 + "\n",
        "long list": "clubs:\n" + "- {}\n" * 90_000,
        "many names": "clubs:\n"
        + "".join(
            f"  - id: c{n}\n    spellings: [{', '.join(f'n{k}' for k in range(900))}]\n"
            for n in range(140)
        ),
    }


@pytest.mark.parametrize("name", list(hostile_files()))
def test_a_hostile_file_is_refused_with_a_line_not_a_traceback(name: str) -> None:
    text = hostile_files()[name]
    assert len(text.encode()) < MAX_FILE_BYTES
    problems = refusal(text)
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.path == PATH
    assert 1 <= problem.line <= text.count("\n") + 1
    # libyaml stops the deepest nesting itself, before our own depth limit is reached
    assert "limit" in problem.message or "nesting depth" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("season:\n  tier: " + "9" * 5000 + "\n", 2, "5,000 digits"),
        ("season:\n  name: " + "x" * 200_000 + "\n", 2, "200,000 characters"),
        ("clubs:\n" + "- {}\n" * 90_000, 1002, "more than 1,000 items"),
        ("a:\n  b:\n    - " + "[" * 40 + "]" * 40 + "\n", 3, "deeper"),
    ],
    ids=["digits", "text", "items", "depth"],
)
def test_a_limit_names_the_line_where_it_is_passed(text: str, line: int, fragment: str) -> None:
    assert_problem(refusal(text), line, fragment)


def test_a_deep_file_is_refused_by_read_season_too(tmp_path: Path) -> None:
    """The path `seasonbot check`, the start-up and the watcher take: no RecursionError."""
    path = tmp_path / "deep.yaml"
    path.write_text("season: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    with pytest.raises(SeasonRefused) as caught:
        read_season(path)
    assert [(p.path, p.line) for p in caught.value.problems] == [(str(path), 1)]


def test_the_number_of_names_is_limited_across_clubs(season_text: str) -> None:
    """Each list stays short, but together the spellings would slow every autocomplete."""
    per_club = LIMITS.names // 15 + 1
    names = ", ".join(f"Altamira {n}" for n in range(per_club))
    text = season_text.replace("spellings: [", f"spellings: [{names}, ")
    problems = refusal(text)
    assert len(problems) == 1
    assert f"more than {LIMITS.names:,} names" in problems[0].message


def test_the_name_lists_counted_are_fields_of_the_models() -> None:
    """If a field is renamed, the names limit must follow it, not silently stop counting."""
    from knowledge.models import Club, Competition, OtherClubs

    fields = {*Club.model_fields, *Competition.model_fields, *OtherClubs.model_fields}
    assert fields >= NAME_LISTS


def test_the_real_file_is_well_inside_the_limits(season_text: str) -> None:
    """The limits leave room for ten times today's data."""
    tenfold = Limits(
        depth=LIMITS.depth,
        items=LIMITS.items // 10,
        values=LIMITS.values // 10,
        text=LIMITS.text // 10,
        digits=LIMITS.digits,
        names=LIMITS.names // 10,
    )
    assert parse_season(season_text, PATH, tenfold).season.id == "2013-14"


def test_a_bad_date_is_a_problem_on_its_line_not_a_traceback(season_text: str) -> None:
    edited = replace_line(
        season_text, SECOND_LEG_DATE, "              - date: 2013-11-31", after=APERTURA
    )
    assert_problem(refusal(edited.text), edited.line, "date")


def test_problems_are_capped_with_a_count_of_the_rest(season_text: str) -> None:
    """A file with hundreds of problems lists the first 50 and says how many more."""
    bad = season_text.replace("capacity: ", "capacity: -")
    many = bad.replace("score: ", "score: x")
    with pytest.raises(SeasonRefused) as caught:
        parse_season(many, PATH)
    refused = caught.value
    total = len(refused.problems) + refused.omitted
    assert total == 15 + 26  # a capacity per club, a score per leg
    many_files = SeasonRefused([Problem(PATH, n, "bad") for n in range(1, 131)])
    assert len(many_files.problems) == MAX_PROBLEMS == 50
    assert many_files.omitted == 80
    assert str(many_files).endswith("… and 80 more problems")


# --- schema and cross-reference problems in one refusal ------------------------------------


def test_schema_errors_do_not_hide_cross_reference_problems(season_text: str) -> None:
    """Two clubs with a bad capacity, and a score its goals do not add up to elsewhere."""
    first = replace_line(season_text, ALTAMIRA_CAPACITY, "    capacity: lots")
    second = replace_line(first.text, "    capacity: 55020", "    capacity: -5")
    score = replace_line(second.text, SAN_LUIS_NECAXA_SCORE, "                score: 0-3")
    problems = refusal(score.text)
    assert_problem(problems, first.line, "capacity", "valid integer")
    assert_problem(problems, second.line, "capacity", "greater than 0")
    assert_problem(problems, score.line, "but the score is 0-3")
    # U. de G. was set aside, not removed: no "unknown club" for each of its matches
    assert not [p for p in problems if "unknown club" in p.message], [str(p) for p in problems]
    assert len(problems) == 3


def test_a_bad_goal_does_not_make_its_match_look_wrong(season_text: str) -> None:
    """The goal with a bad minute is set aside; the match's goals then look one short, which
    is a consequence, not a second problem to report."""
    edited = replace_line(
        season_text, CERVANTES_GOAL, CERVANTES_GOAL.replace("minute: 79", "minute: late")
    )
    problems = refusal(edited.text)
    assert [(p.line, "minute" in p.message) for p in problems] == [(edited.line, True)]


def test_a_bad_season_section_skips_the_cross_reference_checks(season_text: str) -> None:
    """Outside any list item there is nothing to set aside: schema problems only."""
    dates = replace_line(season_text, "  start_date: 2013-07-19", "  start_date: soon")
    score = replace_line(dates.text, SAN_LUIS_NECAXA_SCORE, "                score: 0-3")
    problems = refusal(score.text)
    assert [p.line for p in problems] == [dates.line]


# --- facts a fan would see that cannot be true ------------------------------------------

PROMOTED = "  promoted: [udeg]"
SEASON_END = "  end_date: 2014-04-12"
PLAYOFFS_END = "  playoffs_end_date: 2014-05-10"
APERTURA_START = "    start_date: 2013-07-19"
APERTURA_END = "    end_date: 2013-11-30"
PROMOTION_FINAL = "  - id: promotion-2014"
PROMOTION_PENALTIES = "              penalties: 4-3"


@pytest.mark.parametrize(
    ("promoted", "fragments"),
    [
        # The promotion final sends its winner up, and only its winner: not Necaxa too.
        ("[udeg, necaxa]", [("'necaxa' is listed as promoted", "'udeg'")]),
        ("[udeg, udeg]", [("'udeg' is listed as promoted twice",)]),
        (
            "[tecos]",
            [("'tecos' is listed as promoted",), ("won by 'udeg', who is not listed as promoted",)],
        ),
    ],
    ids=["a-second-club", "twice", "the-loser"],
)
def test_promoted_is_exactly_the_promotion_finals_winner(
    season_text: str, promoted: str, fragments: list[tuple[str, ...]]
) -> None:
    edited = replace_line(season_text, PROMOTED, f"  promoted: {promoted}")
    problems = refusal(edited.text)
    for fragment in fragments:
        assert_problem(problems, edited.line, *fragment)


@pytest.mark.parametrize(
    ("old", "new", "other", "message"),
    [
        (
            SEASON_END,
            "  end_date: 2013-04-12",
            "  start_date: 2013-07-19",
            "the season ends (2013-04-12) before it starts (2013-07-19)",
        ),
        (
            APERTURA_START,
            "    start_date: 2013-12-19",
            APERTURA_END,
            "Apertura 2013 ends (2013-11-30) before it starts (2013-12-19)",
        ),
    ],
    ids=["season", "competition"],
)
def test_an_end_before_the_start_is_refused_on_both_dates(
    season_text: str, old: str, new: str, other: str, message: str
) -> None:
    """Either date may be the one the moderator got wrong: both lines are named."""
    edited = replace_line(season_text, old, new)
    problems = refusal(edited.text)
    assert_problem(problems, edited.line, message)
    assert_problem(problems, line_below(edited.text, other), message)


def test_playoffs_that_end_before_the_season_does_are_refused(season_text: str) -> None:
    edited = replace_line(season_text, PLAYOFFS_END, "  playoffs_end_date: 2014-03-10")
    assert_problem(refusal(edited.text), edited.line, "the playoffs end (2014-03-10) before")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (APERTURA_START, "    start_date: 2012-07-19"),
        (APERTURA_END, "    end_date: 2015-11-30"),
    ],
    ids=["starts-before-the-season", "ends-after-the-season"],
)
def test_a_competition_dated_outside_its_season_is_refused(
    season_text: str, old: str, new: str
) -> None:
    edited = replace_line(season_text, old, new)
    assert_problem(
        refusal(edited.text), edited.line, "Apertura 2013", "outside the season (2013-07-19 to"
    )


@pytest.mark.parametrize(
    ("old", "new", "after"),
    [
        # The Apertura's first tie, first leg: before the season began.
        ("              - date: 2013-11-13", "              - date: 2012-11-13", APERTURA),
        # The promotion final's second leg, a month after the playoffs ended.
        ("              - date: 2014-05-10", "              - date: 2014-06-10", PROMOTION_FINAL),
    ],
    ids=["before-the-season", "after-the-playoffs"],
)
def test_a_leg_dated_outside_its_season_is_refused(
    season_text: str, old: str, new: str, after: str
) -> None:
    edited = replace_line(season_text, old, new, after=after)
    assert_problem(refusal(edited.text), edited.line, "is outside the season")


def test_a_leg_after_the_stated_end_asks_for_the_playoffs_end(season_text: str) -> None:
    """Without `playoffs_end_date`, the playoffs that ran into May are outside the season,
    and the refusal says what to give."""
    edited = replace_line(season_text, PLAYOFFS_END, "")
    leg = line_below(edited.text, "              - date: 2014-05-10")
    assert_problem(
        refusal(edited.text), leg, "outside the season (2013-07-19 to 2014-04-12)", "playoffs_end"
    )


def test_a_leg_outside_its_competitions_dates_is_refused(season_text: str) -> None:
    """Inside the season, but after the Apertura (which ended on 30 November) was over."""
    edited = replace_line(
        season_text, SECOND_LEG_DATE, "              - date: 2013-12-16", after=APERTURA
    )
    assert_problem(refusal(edited.text), edited.line, "after Apertura 2013 ended")


def _shootout_endings(most_kicks: int) -> set[tuple[int, int]]:
    """Every (winner, loser) score a shoot-out can end with, kick by kick: five each, stopping
    once one side cannot catch up, then pairs of kicks until one scores and the other misses
    (up to `most_kicks` each)."""
    endings: set[tuple[int, int]] = set()
    # (goals, kicks taken) of the side kicking first and of the other, at each open state
    states = [((0, 0), (0, 0))]
    while states:
        (goals_a, goals_b), (kicks_a, kicks_b) = states.pop()
        if kicks_a == kicks_b >= 5 and goals_a != goals_b:
            endings.add((max(goals_a, goals_b), min(goals_a, goals_b)))  # sudden death
            continue
        if kicks_a < 5 or kicks_b < 5:
            left_a, left_b = 5 - kicks_a, 5 - kicks_b
            if goals_a > goals_b + left_b or goals_b > goals_a + left_a:
                endings.add((max(goals_a, goals_b), min(goals_a, goals_b)))
                continue
        if max(kicks_a, kicks_b) >= most_kicks:
            continue
        a_kicks = kicks_a == kicks_b
        for scored in (0, 1):
            if a_kicks:
                states.append(((goals_a + scored, goals_b), (kicks_a + 1, kicks_b)))
            else:
                states.append(((goals_a, goals_b + scored), (kicks_a, kicks_b + 1)))
    return endings


def test_the_shootout_rule_is_every_ending_a_real_shootout_can_have() -> None:
    """`shootout_can_end` against a shoot-out played out kick by kick, every way it can go."""
    from knowledge.models import shootout_can_end

    endings = _shootout_endings(most_kicks=12)
    for winner in range(1, 12):
        for loser in range(winner):
            assert shootout_can_end(winner, loser) == ((winner, loser) in endings), (
                winner,
                loser,
            )


@pytest.mark.parametrize("score", ["4-3", "5-4", "8-7", "1-0", "3-0", "4-1", "4-2", "5-3"])
def test_a_shootout_score_a_real_shootout_can_end_with_loads(season_text: str, score: str) -> None:
    """The boundary from below: one apart always (sudden death); further apart only while the
    side behind still had kicks and could no longer catch up (3-0, 4-1, 5-3)."""
    edited = replace_line(
        season_text, PROMOTION_PENALTIES, f"              penalties: {score}", after=PROMOTION_FINAL
    )
    final = parse_season(edited.text, PATH).competition("promotion-2014").final
    assert final.decision is not None
    assert final.decision.penalties == tuple(int(n) for n in score.split("-"))


@pytest.mark.parametrize(
    ("score", "fragment"),
    [
        ("40-3", "no penalty shoot-out ends 40-3"),
        ("6-4", "no penalty shoot-out ends 6-4"),  # past five each, but two apart
        ("5-2", "no penalty shoot-out ends 5-2"),  # over at 4-2 or 5-3
        ("4-0", "no penalty shoot-out ends 4-0"),  # over at 3-0
        ("3-4", "winner first"),
    ],
)
def test_a_shootout_score_no_shootout_ends_with_is_refused(
    season_text: str, score: str, fragment: str
) -> None:
    edited = replace_line(
        season_text, PROMOTION_PENALTIES, f"              penalties: {score}", after=PROMOTION_FINAL
    )
    assert_problem(refusal(edited.text), edited.line, "penalties", fragment)


@pytest.mark.parametrize("capacity", ["999999999999999999", "200001"])
def test_a_capacity_no_stadium_has_is_refused(season_text: str, capacity: str) -> None:
    from knowledge.models import MAX_CAPACITY

    assert MAX_CAPACITY == 200_000
    edited = replace_line(season_text, ALTAMIRA_CAPACITY, f"    capacity: {capacity}")
    assert_problem(refusal(edited.text), edited.line, "capacity", "the limit is 200,000")


def test_a_capacity_at_the_bound_loads(season_text: str) -> None:
    edited = replace_line(season_text, ALTAMIRA_CAPACITY, "    capacity: 200000")
    assert parse_season(edited.text, PATH).club("altamira").capacity == 200_000


# --- files that are no files to read whole ---------------------------------------------


def test_read_season_refuses_a_named_pipe_without_waiting_for_it(tmp_path: Path) -> None:
    """A FIFO as the data file (SEASONBOT_KNOWLEDGE, `seasonbot check FILE`) blocked until
    someone wrote to it; it is refused before it is opened."""
    with named_pipe(tmp_path / "pipe.yaml") as pipe, pytest.raises(SeasonRefused) as caught:
        read_season(pipe)
    (problem,) = caught.value.problems
    assert str(problem) == f"{pipe}:1: cannot read: not a regular file but a named pipe (FIFO)"


PROC_FILE = Path("/proc/self/status")
"""A regular file that `stat` says is empty, however much it holds (Linux)."""


@pytest.mark.skipif(
    not PROC_FILE.is_file() or PROC_FILE.stat().st_size != 0,
    reason="needs a /proc file whose size stat does not tell",
)
def test_a_file_whose_size_stat_does_not_tell_is_read_only_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from knowledge import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 64)
    with pytest.raises(SeasonRefused) as caught:
        read_season(PROC_FILE)
    (problem,) = caught.value.problems
    assert problem.message == "the file holds more than the limit of 64 bytes"


# --- what a refusal repeats of a file that may be no season file at all ------------------


def test_an_unknown_key_not_written_like_a_field_name_is_not_repeated() -> None:
    """A password file given to /reload is refused by its lines, not echoed back; a key that
    looks like a field name (the typo a moderator wants to find) is still named."""
    text = (
        "root:$6$saltsalt$c2VjcmV0aGFzaA:19000:0:99999:7:::\n"
        "DB_PASSWORD: hunter2\n"
        "capcity: 9581\n"
        "a key with spaces: x\n"
    )
    problems = refusal(text)
    hidden = "an unknown key (not repeated here: it is not written like a field name)"
    assert hidden in on_line(problems, 1)  # with the sections missing, reported on line 1
    assert_problem(problems, 2, "DB_PASSWORD", "Extra inputs are not permitted")
    assert_problem(problems, 3, "capcity", "Extra inputs are not permitted")
    assert on_line(problems, 4) == [hidden]
    shown = "\n".join(str(problem) for problem in problems)
    for secret in ("$6$", "c2VjcmV0aGFzaA", "hunter2", "spaces"):
        assert secret not in shown


def test_a_bad_value_is_quoted_short_and_escaped(season_text: str) -> None:
    edited = replace_line(
        season_text, SAN_LUIS_NECAXA_SCORE, "                score: " + "secret" * 300
    )
    (message,) = on_line(refusal(edited.text), edited.line)
    assert "a score is written like 2-1, not 'secretsecretsecretsecre…'" in message
    assert "secret" * 5 not in message
