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


@pytest.mark.parametrize(
    "name", ["README.md", "docs/deploying.md", "Dockerfile", "docker-compose.yml"]
)
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


def test_the_deployment_guide_says_how_to_seed_a_mounted_data_folder_and_who_owns_it() -> None:
    readme = (REPO / "docs" / "deploying.md").read_text(encoding="utf-8")
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


# --- the deployments as documented (.ci/docker-steps runs them as uid 10001) -----------------

COMPOSE_FILES = ["docker-compose.yml", "docker-stack.yml"]


def compose_service(name: str) -> dict[str, object]:
    compose = yaml.safe_load((REPO / name).read_text(encoding="utf-8"))
    service: dict[str, object] = compose["services"]["seasonbot"]
    return service


def seconds(duration: str) -> float:
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    parts = re.findall(r"([\d.]+)(ms|h|m|s)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, duration
    return sum(float(number) * units[unit] for number, unit in parts)


def test_the_image_user_and_its_group_are_both_10001() -> None:
    """A token file shared with the bot by group (chgrp 10001) needs the group's id fixed."""
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "groupadd --gid 10001 seasonbot" in dockerfile
    assert "useradd --create-home --uid 10001 --gid 10001 seasonbot" in dockerfile
    assert ("USER", "seasonbot") in dockerfile_instructions()


def test_the_compose_file_gives_the_token_to_the_bot_s_group_not_to_you_alone() -> None:
    """It said "readable by you only: chmod 600": the bot (uid 10001) got Permission denied,
    exited 2, and restart: unless-stopped started it again, for ever."""
    text = (REPO / "docker-compose.yml").read_text(encoding="utf-8")
    assert "sudo chgrp 10001 secrets/discord_token && chmod 0440 secrets/discord_token" in text
    assert "readable by you only" not in text
    secrets = compose_service("docker-compose.yml")["secrets"]
    assert secrets == ["discord_token"], "Compose ignores a file secret's uid, gid and mode"


def test_swarm_uses_the_secret_docker_secret_create_makes_and_a_policy_swarm_reads() -> None:
    stack = yaml.safe_load((REPO / "docker-stack.yml").read_text(encoding="utf-8"))
    assert stack["secrets"]["discord_token"] == {"external": True}
    service = stack["services"]["seasonbot"]
    (secret,) = service["secrets"]
    assert (secret["uid"], secret["gid"], secret["mode"]) == ("10001", "10001", 0o400)
    assert "build" not in service and "restart" not in service  # stack deploy ignores both
    assert service["deploy"]["restart_policy"]["condition"] == "any"
    assert "docker secret create discord_token -" in (REPO / "docker-stack.yml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_docker_waits_for_the_drain_before_it_kills(name: str) -> None:
    """Docker's default 10 s SIGKILLed the bot's 10 s drain of the answers in flight."""
    from bot.settings import Settings

    stop = seconds(str(compose_service(name).get("stop_grace_period", "10s")))
    assert stop >= Settings().shutdown_grace + 5


@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_every_deployment_asks_for_run_by_name(name: str) -> None:
    """Plain `seasonbot` is the console; a deployment must say `run`."""
    assert compose_service(name)["command"] == ["seasonbot", "run"]
    assert ("CMD", '["seasonbot", "run"]') in dockerfile_instructions()
