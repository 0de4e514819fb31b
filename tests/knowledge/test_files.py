"""`read_regular_file`: a regular file, within its limit, whatever the path turns out to be."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.files import FileTooLarge, NotRegularFile, read_regular_file
from tests.helpers import named_pipe


def test_a_regular_file_is_read_through_a_symbolic_link(tmp_path: Path) -> None:
    """A Kubernetes ConfigMap mounts each file as a link into `..data/`."""
    (tmp_path / "data.yaml").write_bytes(b"season: 2013-14\n")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "data.yaml")
    assert read_regular_file(tmp_path / "link.yaml", 100) == b"season: 2013-14\n"


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"x" * 10)
    assert read_regular_file(path, 10) == b"x" * 10
    with pytest.raises(FileTooLarge) as caught:
        read_regular_file(path, 9)
    assert (caught.value.size, caught.value.limit) == (10, 9)
    assert caught.value.strerror == "the file is 10 bytes; the limit is 9"


def test_a_folder_is_refused_by_its_kind(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile) as caught:
        read_regular_file(tmp_path, 100)
    assert caught.value.strerror == "not a regular file but a folder"


def test_a_pipe_put_in_place_after_the_check_is_refused_once_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stat` saw a regular file; by the time it is opened a FIFO stands there. It is opened
    without blocking and checked again, so it is refused, not read."""
    regular = tmp_path / "regular.yaml"
    regular.write_bytes(b"season: {}\n")
    real_stat = Path.stat
    with named_pipe(tmp_path / "pipe.yaml") as pipe:

        def stat_before_the_swap(self: Path, *, follow_symlinks: bool = True) -> object:
            return real_stat(regular if self == pipe else self, follow_symlinks=follow_symlinks)

        monkeypatch.setattr(Path, "stat", stat_before_the_swap)
        with pytest.raises(NotRegularFile) as caught:
            read_regular_file(pipe, 100)
    assert caught.value.strerror == "not a regular file but a named pipe (FIFO)"
