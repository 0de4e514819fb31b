"""The Docker image and its example deployment keep what the README promises.

There is no Docker engine on CI (`.ci/docker-steps` runs the Dockerfile's steps in a venv),
so what only the engine reads (VOLUME, .dockerignore, the compose file) is checked here.
"""

from __future__ import annotations

import re
import socket
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in dockerfile_instructions():
        if word == "ENV":
            env.update(dict(re.findall(r"(\w+)=(\S+)", rest)))
    return env


def volumes() -> list[PurePosixPath]:
    found: list[PurePosixPath] = []
    for word, rest in dockerfile_instructions():
        if word == "VOLUME":
            found += [PurePosixPath(p) for p in re.findall(r"/[\w./-]+", rest)]
    return found


def test_the_sync_state_lives_on_a_declared_volume() -> None:
    # Else every new container syncs the commands again, and Discord rate-limits syncs.
    state = PurePosixPath(image_env()["SEASONBOT_STATE_DIR"])
    assert any(state.is_relative_to(volume) for volume in volumes()), (state, volumes())


def test_the_compose_example_mounts_the_state_and_reads_the_token_from_a_secret() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    service = compose["services"]["seasonbot"]
    environment = service["environment"]
    assert environment["DISCORD_TOKEN_FILE"] == "/run/secrets/discord_token"
    assert "DISCORD_TOKEN" not in environment
    assert service["secrets"] == ["discord_token"]
    assert "file" in compose["secrets"]["discord_token"]
    state = PurePosixPath(image_env()["SEASONBOT_STATE_DIR"])
    mounted = [PurePosixPath(volume.split(":")[1]) for volume in service["volumes"]]
    assert any(state.is_relative_to(target) for target in mounted)


@pytest.mark.parametrize("name", ["README.md", "Dockerfile", "docker-compose.yml"])
def test_no_example_uses_docker_run_secret_which_docker_run_does_not_have(name: str) -> None:
    assert "docker run --secret" not in (REPO / name).read_text(encoding="utf-8")


def docker_pattern(pattern: str) -> re.Pattern[str]:
    """Docker's matching: relative to the context root; `*` stays in one folder, `**` spans
    any number of them."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    return re.compile(regex)


def docker_ignores(path: str) -> bool:
    """Whether the build context leaves `path` out (a left-out folder takes its files along)."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    ignored = False
    for raw in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        regex = docker_pattern(pattern.removeprefix("!").strip("/"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            ignored = not negate
    return ignored


@pytest.mark.parametrize(
    "path",
    ["knowledge/seasons/2013-14.yaml.bak", "2013-14.yaml.bak", "commands/__pycache__/x.pyc"],
)
def test_backups_and_caches_stay_out_of_the_build_context(path: str) -> None:
    assert docker_ignores(path)


@pytest.mark.parametrize(
    "path", ["knowledge/seasons/2013-14.yaml", "bot/cli.py", "pyproject.toml", "README.md"]
)
def test_what_the_image_needs_is_in_the_build_context(path: str) -> None:
    assert not docker_ignores(path)


def test_the_readme_says_how_to_seed_a_mounted_data_folder_and_who_owns_it() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    uid = re.search(r"--uid (\d+)", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    assert uid is not None
    assert f"chown -R {uid.group(1)}" in readme
    assert "docker compose" in readme


def test_the_license_is_an_spdx_string_for_setuptools_77_and_later() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    requires = " ".join(project["build-system"]["requires"])
    assert re.search(r"setuptools>=(\d+)", requires) is not None
    assert int(re.search(r"setuptools>=(\d+)", requires).group(1)) >= 77  # type: ignore[union-attr]


def test_containers_sharing_the_state_volume_keep_their_own_heartbeat(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Shard containers share the state volume for the sync hash; each health check must read
    # its own container's heartbeat, not whichever container wrote last.
    from bot import health

    monkeypatch.setattr(socket, "gethostname", lambda: "shard-0")
    first = health.heartbeat_file(tmp_path)
    monkeypatch.setattr(socket, "gethostname", lambda: "shard-1")
    assert health.heartbeat_file(tmp_path) != first
    assert health.heartbeat_file(tmp_path).parent.parent == first.parent.parent
    assert first.is_relative_to(tmp_path)
