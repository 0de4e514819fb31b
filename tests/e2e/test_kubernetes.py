"""The Kubernetes StatefulSet's pods, run as processes against the local Discord double.

There is no cluster here, so each pod is what the kubelet would make of the manifest, on
this machine (tests/pods.py): its volumes are folders (the seasons ConfigMap laid out as the
kubelet lays it, the token Secret a file of mode 0440, one shared data folder standing for
the ReadWriteMany volume), its environment is the manifest's with the downward API's pod
name, and its init container and entry script run as written with `/bin/sh`. Then: each pod
identifies as the shard of its ordinal with the token from the Secret's file, its probe
passes, and a moderator's upload through one pod is served by the other, found by the poll
watcher the manifest sets, and kept when a pod restarts.
"""

from __future__ import annotations

import asyncio
import functools
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from tests.data_folders import contents
from tests.e2e.botproc import REPO, BotProcess, start_bot
from tests.e2e.checks import ask, eventually
from tests.e2e.double import (
    ADMIN_GUILD_ID,
    FAN_GUILD_ID,
    MODERATOR,
    MODERATOR_ROLE_ID,
    Answer,
    DiscordDouble,
)
from tests.pods import (
    LocalPod,
    bot_container,
    entry_script,
    make_volumes,
    resource,
    seasonbot_on_path,
    statefulset,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

TOKEN = "fake-token"
"""What the Secret holds; the double takes any token, and records the one sent."""


@dataclass
class Pods:
    pods: list[LocalPod]
    bots: list[BotProcess]
    path: str
    """PATH with `seasonbot` on it, as in the image."""

    @property
    def init_env(self) -> dict[str, str]:
        """What an init container's process has besides the manifest's variables."""
        return {"PATH": self.path, "PYTHONIOENCODING": "utf-8"}

    @property
    def knowledge(self) -> Path:
        spec = bot_container()
        return Path(self.pods[0].environment(spec)["SEASONBOT_KNOWLEDGE"])


def operator_settings(double: DiscordDouble) -> dict[str, str]:
    """What an operator fills in deploy/kubernetes/settings.yaml: the double's servers."""
    filled = {
        "SEASONBOT_ADMIN_GUILDS": str(ADMIN_GUILD_ID),
        "SEASONBOT_MODERATORS": str(MODERATOR.id),
        "SEASONBOT_MODERATOR_ROLES": str(MODERATOR_ROLE_ID),
    }
    assert filled.keys() <= resource("ConfigMap", "seasonbot-settings")["data"].keys()
    return filled


def shard_of(guild_id: int, count: int) -> int:
    """The shard Discord sends a server's events to."""
    return (guild_id >> 22) % count


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pods(double: DiscordDouble, workdir: Path) -> AsyncIterator[Pods]:
    """The StatefulSet's replicas, started in order as `OrderedReady` starts them: each
    pod's init container, then its bot, on one shared set of volumes."""
    volumes = make_volumes(workdir / "volumes", token=TOKEN)
    path = seasonbot_on_path(workdir / "bin")
    spec = bot_container()
    replicas = statefulset()["spec"]["replicas"]
    started = Pods([LocalPod(ordinal, volumes) for ordinal in range(replicas)], [], path)
    try:
        for pod in started.pods:
            seeded = pod.run_init("seed-data", started.init_env)
            assert seeded.returncode == 0, seeded.stdout + seeded.stderr
            env = pod.environment(spec)
            env.update(operator_settings(double))
            # The token comes from the Secret's file, not from the double's variable.
            env.update(DISCORD_TOKEN="", PATH=path)
            started.bots.append(
                await start_bot(
                    double,
                    workdir / pod.name,
                    name=pod.name,
                    knowledge=Path(env["SEASONBOT_KNOWLEDGE"]),
                    state_dir=Path(env["SEASONBOT_STATE_DIR"]),
                    shard=pod.ordinal,
                    env=env,
                    executable="/bin/sh",
                    command=("-c", entry_script(spec)),
                )
            )
        yield started
    finally:
        alive = [bot.alive for bot in started.bots]
        codes = [await bot.stop() for bot in started.bots]
    assert all(alive), [bot.tail() for bot in started.bots]
    assert codes == [0] * len(started.bots), [bot.tail() for bot in started.bots]


async def test_each_pod_identifies_as_the_shard_of_its_ordinal_with_the_secrets_token(
    double: DiscordDouble, pods: Pods
) -> None:
    count = len(pods.pods)
    assert [identify.get("shard") for identify in double.identifies] == [
        [ordinal, count] for ordinal in range(count)
    ]
    assert {identify["token"] for identify in double.identifies} == {TOKEN}


async def test_the_probe_passes_in_each_pod(pods: Pods) -> None:
    """The probe's command, in the container's environment as the manifest gives it (not
    the entry script's: an exec probe does not see what the script exported). Within the
    startup probe's retries, as the kubelet would wait."""
    spec = bot_container()
    probe = spec["startupProbe"]["exec"]["command"]
    assert (
        probe
        == spec["readinessProbe"]["exec"]["command"]
        == spec["livenessProbe"]["exec"]["command"]
    )

    async def run_probe(pod: LocalPod) -> subprocess.CompletedProcess[str]:
        env = {**pod.environment(spec), "PATH": pods.path}
        return await asyncio.to_thread(
            subprocess.run,
            probe,
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    for pod in pods.pods:
        done = await eventually(
            functools.partial(run_probe, pod),
            lambda done: done.returncode == 0,
            timeout=30.0,
            what=f"a passing probe in {pod.name}",
        )
        assert "connected, " in done.stdout


async def test_an_upload_through_one_pod_is_served_by_the_other_and_survives_a_restart(
    double: DiscordDouble, pods: Pods, workdir: Path
) -> None:
    count = len(pods.pods)
    through, elsewhere = shard_of(ADMIN_GUILD_ID, count), shard_of(FAN_GUILD_ID, count)
    assert through != elsewhere, "the double's two servers must be on different pods"
    seasons_before = contents(pods.pods[0].volume("seasons"))
    season_file = pods.knowledge / "2013-14.yaml"
    corrected = season_file.read_text(encoding="utf-8").replace(
        "capacity: 55020", "capacity: 56713"
    )
    upload = double.attachment("2013-14.yaml", corrected.encode())

    answer = await ask(double, double.slash("reload", upload, user=MODERATOR), shard=through)
    assert "reloaded" in answer.text

    def shows_new_capacity(answer: Answer) -> bool:
        return "56,713" in answer.text

    await eventually(
        lambda: ask(double, double.slash("club", "UdeG", guild_id=FAN_GUILD_ID), shard=elsewhere),
        shows_new_capacity,
        timeout=30.0,
    )
    # Written to the shared volume, never to the ConfigMap (read-only in a cluster).
    assert season_file.read_text(encoding="utf-8") == corrected
    assert contents(pods.pods[0].volume("seasons")) == seasons_before
    # The pod restarts: its init container keeps the volume's data.
    restarted = pods.pods[elsewhere].run_init("seed-data", pods.init_env)
    assert restarted.returncode == 0, restarted.stderr
    assert "serving those" in restarted.stdout
    assert season_file.read_text(encoding="utf-8") == corrected
