"""The store swaps in a new season only when it is valid; readers never see half of one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from knowledge.loader import SeasonRefused, parse_season
from knowledge.store import KnowledgeStore, Replacement, digest_of, packaged_seasons
from tests.data_folders import publish_configmap
from tests.helpers import named_pipe


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for file in packaged_seasons().glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    return tmp_path


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "2013-14.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_valid_reload_swaps_and_counts_the_changes(folder: Path) -> None:
    store = KnowledgeStore(folder)
    before = store.current
    edit(folder, "capacity: 55020", "capacity: 55021")
    edit(
        folder,
        "- {player: V. Lojero, club: necaxa, minute: 61}",
        "- {player: V. Lojero, club: necaxa, minute: 62}",
    )
    result = store.reload()
    assert result.accepted
    assert store.current is result.snapshot is not before
    assert store.current.season.club("udeg").capacity == 55021
    assert result.diff is not None
    changed = result.diff.changed_sections
    assert set(changed) == {"clubs", "goals"}
    assert changed["clubs"].changed == 1
    assert changed["goals"].changed == 1
    assert (changed["goals"].added, changed["goals"].removed) == (0, 0)


def test_a_refused_reload_keeps_serving_the_old_data(folder: Path) -> None:
    store = KnowledgeStore(folder)
    before = store.current
    edit(folder, "score: 0-2", "score: 0-3")
    result = store.reload()
    assert not result.accepted
    assert store.current is before
    assert result.snapshot is before
    assert any("listed goals give" in problem.message for problem in result.problems)
    assert store.current.season.club("udeg").capacity == 55020


def test_unchanged_files_reload_to_an_unchanged_diff(folder: Path) -> None:
    store = KnowledgeStore(folder)
    result = store.reload()
    assert result.accepted
    assert result.diff is not None and result.diff.unchanged
    assert result.snapshot.digest == KnowledgeStore(folder).current.digest


def test_a_store_cannot_start_on_bad_data(folder: Path) -> None:
    edit(folder, "capacity: 9581", "capacity: 0")
    with pytest.raises(SeasonRefused):
        KnowledgeStore(folder)


def test_readers_during_reloads_always_see_a_whole_season(folder: Path) -> None:
    """Reloads alternate good and bad files while readers check each snapshot is whole."""
    store = KnowledgeStore(folder)
    stop = threading.Event()
    seen: set[int] = set()
    problems: list[str] = []

    def read() -> None:
        while not stop.is_set():
            snapshot = store.current
            season = snapshot.season
            capacity = season.club("udeg").capacity
            seen.add(capacity)
            # The snapshot's index was built from the same season as the snapshot itself.
            if snapshot.clubs.resolve("UdeG").key != "udeg" or len(season.legs) != 26:
                problems.append("inconsistent snapshot")

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    path = folder / "2013-14.yaml"
    good = path.read_text(encoding="utf-8")
    for n in range(10):
        text = good.replace("capacity: 55020", f"capacity: {55020 + n}")
        if n % 3 == 0:
            text = text.replace("score: 0-2", "score: 0-9")  # refused
        path.write_text(text, encoding="utf-8")
        store.reload()
    stop.set()
    for reader in readers:
        reader.join()
    assert problems == []
    assert seen  # the readers ran meanwhile
    assert store.current.season.club("udeg").capacity == 55028  # the last good one


def test_an_unprepared_store_answers_the_same_working_out_only_what_is_asked(
    folder: Path,
) -> None:
    """`seasonbot ask` loads without preparing: nothing is derived until asked (not even the
    vocabulary /ask reads), and what is asked comes out as a prepared store has it."""
    from knowledge import queries
    from knowledge.questions import parse

    lazy = KnowledgeStore(folder, prepare=False).current
    ready = KnowledgeStore(folder).current
    assert not lazy.season._memo.values
    assert ready.season._memo.values
    h2h = queries.head_to_head(lazy.season, "necaxa", "udeg", None)
    assert h2h == queries.head_to_head(ready.season, "necaxa", "udeg", None)
    # The seed: UdeG 1-0 Necaxa on 27 November, Necaxa 1-1 UdeG on the 30th.
    assert [meeting.leg.score for meeting in h2h.meetings] == [(1, 0), (1, 1)]
    asked = parse("who won the Clausura?", lazy.season, lazy.clubs, lazy.tournaments, lazy.lexicon)
    assert asked == parse(
        "who won the Clausura?", ready.season, ready.clubs, ready.tournaments, ready.lexicon
    )
    assert lazy.lexicon is lazy.lexicon  # built once, then kept with its season
    # A reload of an unprepared store prepares nothing either.
    store = KnowledgeStore(folder, prepare=False)
    assert not store.reload().snapshot.season._memo.values


def test_a_knowledge_path_that_is_a_named_pipe_is_refused(tmp_path: Path) -> None:
    """SEASONBOT_KNOWLEDGE naming a FIFO blocked start-up until someone wrote to it."""
    with named_pipe(tmp_path / "seasons.yaml") as pipe, pytest.raises(SeasonRefused) as caught:
        KnowledgeStore(pipe)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{pipe}:1: cannot read: not a regular file but a named pipe (FIFO)"
    ]


def test_a_configmap_folder_is_read_through_its_links(folder: Path, tmp_path: Path) -> None:
    """A Kubernetes ConfigMap mounted as the data folder: `2013-14.yaml -> ..data/2013-14.yaml`,
    `..data -> ..2026_12_05_…`. The visible links are the season files; the `..` folders are
    not read again as seasons of their own."""
    season = (folder / "2013-14.yaml").read_bytes()
    mounted = tmp_path / "config"
    publish_configmap(mounted, {"2013-14.yaml": season})
    publish_configmap(mounted, {"2013-14.yaml": season})  # an update: a second `..2026_…`
    snapshot = KnowledgeStore(mounted).current
    assert snapshot.files == (mounted / "2013-14.yaml",)
    assert [s.season.id for s in snapshot.seasons] == ["2013-14"]
    assert snapshot.digest == KnowledgeStore(folder).current.digest


def replacement(folder: Path, old: str, new: str) -> Replacement:
    data = (folder / "2013-14.yaml").read_text(encoding="utf-8").replace(old, new).encode()
    return Replacement(folder / "2013-14.yaml", data, parse_season(data.decode()))


def test_a_replacement_is_validated_with_the_files_beside_it_before_anything_is_done(
    folder: Path,
) -> None:
    """New bytes for one file are loaded with the others, in memory: a refusal caused by
    another file calls nothing, and what is served on acceptance is those bytes."""
    store = KnowledgeStore(folder)
    before = store.current
    written: list[str] = []
    new = replacement(folder, "capacity: 55020", "capacity: 55021")
    (folder / "2014-15.yaml").write_text("season: [unclosed\n", encoding="utf-8")
    refused = store.reload(new, before_swap=lambda snapshot: written.append(snapshot.digest))
    assert not refused.accepted and store.current is before and written == []
    assert {problem.path for problem in refused.problems} == {str(folder / "2014-15.yaml")}
    (folder / "2014-15.yaml").unlink()
    accepted = store.reload(new, before_swap=lambda snapshot: written.append(snapshot.digest))
    assert accepted.accepted and store.current.season.club("udeg").capacity == 55021
    assert written == [store.current.digest] == [digest_of([new.file], {new.file: new.data})]
    assert (folder / "2013-14.yaml").read_text(encoding="utf-8").count("capacity: 55020") == 1


def test_a_failure_before_the_swap_keeps_the_old_data_in_service(folder: Path) -> None:
    store = KnowledgeStore(folder)
    before = store.current

    def full_disk(_: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        store.reload(replacement(folder, "capacity: 55020", "capacity: 55021"), full_disk)
    assert store.current is before
