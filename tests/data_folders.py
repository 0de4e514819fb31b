"""What operators and their tools do to a data folder, for the watcher's and the uploads' tests
in every layer: a Kubernetes ConfigMap update, a deploy that replaces the folder, and the
folder's every file byte for byte (what "refused means untouched" compares)."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Literal


def contents(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`, by its path there: a file's bytes, a symlink's target."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"-> {path.readlink()}"
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def publish_configmap(folder: Path, files: Mapping[str, bytes]) -> None:
    """What the kubelet does to a mounted ConfigMap on an update (`atomic_writer.go`): the
    files go into a new timestamped folder (`..2026_12_05_10_20_30.123456789`), a
    `..data_tmp` link to it is renamed over `..data` (the atomic swap), each file is a link
    `name.yaml -> ..data/name.yaml` made once, and the old timestamped folder goes."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "..data"
    old = data.readlink() if data.is_symlink() else None
    stamp = time.strftime("..%Y_%m_%d_%H_%M_%S.", time.gmtime())
    version = Path(tempfile.mkdtemp(dir=folder, prefix=stamp))
    for name, content in files.items():
        (version / name).write_bytes(content)
    swap = folder / "..data_tmp"
    swap.symlink_to(version.name)
    swap.replace(data)
    for name in files:
        visible = folder / name
        if not visible.is_symlink():
            visible.symlink_to(f"..data/{name}")
    if old is not None:
        shutil.rmtree(folder / old)


def replace_folder(
    folder: Path, files: Mapping[str, bytes], how: Literal["recreate", "rename"]
) -> None:
    """A deploy: the folder removed and made again (`rm -r; mkdir; cp`), or a new folder
    renamed over the old one's path (`rsync` to a new folder, then `mv`)."""
    if how == "recreate":
        shutil.rmtree(folder)
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_bytes(content)
        return
    new = folder.with_name(folder.name + ".new")
    new.mkdir()
    for name, content in files.items():
        (new / name).write_bytes(content)
    old = folder.with_name(folder.name + ".old")
    folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old)
