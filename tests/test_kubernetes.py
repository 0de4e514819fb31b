"""The Kubernetes manifests (`deploy/kubernetes/`): valid for Kubernetes, offline, and true to
what the bot reads.

kubernetes-validate checks every resource against the API's own OpenAPI schemas (bundled in
the package, so no network is needed), strictly: an unknown or misspelt field fails. What a
schema cannot see is checked here too: that the names the resources use to find each other
match, that every variable set is a setting the bot knows, with a value it accepts, that the
pods run as the image's user on a read-only root file system, and what the data volume's
seeding does. That the pods work as processes (their shard, the token, the probes, an upload
through one reaching the others) is in tests/e2e/test_kubernetes.py.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import kubernetes_validate
import pytest
import yaml
from pydantic import ValidationError

from bot.settings import _VARIABLES, Settings
from tests.data_folders import publish_configmap
from tests.pods import (
    MANIFESTS,
    REPO,
    LocalPod,
    bot_container,
    container,
    declared_env,
    entry_script,
    make_volumes,
    manifests,
    pod_spec,
    resource,
    seasonbot_on_path,
    seasons_configmap,
    statefulset,
)

KUBERNETES_VERSIONS = ("1.29.0", kubernetes_validate.latest_version())
"""The oldest release the manifests promise to suit, and the newest the validator knows."""

CONFIGMAP_LIMIT = 1024 * 1024
"""A ConfigMap holds at most 1 MiB (etcd's limit on one object)."""


def test_the_manifests_are_shipped() -> None:
    kinds = {kind for kind, _ in manifests()}
    assert {"StatefulSet", "ConfigMap", "PersistentVolumeClaim", "Service"} <= kinds, kinds


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("path", sorted(MANIFESTS.glob("*.yaml")), ids=lambda path: path.name)
def test_each_manifest_validates_strictly_against_kubernetes_schema(
    path: Path, version: str
) -> None:
    for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{path.name} for Kubernetes {version}: {error.message}")


def test_each_pod_runs_the_shard_of_its_ordinal() -> None:
    """Shard N of SEASONBOT_SHARD_COUNT in pod <name>-N, for as many shards as pods."""
    bot = bot_container()
    env = declared_env(bot, "seasonbot-0")
    assert env["SEASONBOT_SHARD_COUNT"] == str(statefulset()["spec"]["replicas"])
    assert "SEASONBOT_SHARD_IDS" not in env, "the entry script sets it from the pod's name"
    pod_name = next(variable for variable in bot["env"] if variable["name"] == "POD_NAME")
    assert pod_name["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    script = entry_script(bot)
    assert 'SEASONBOT_SHARD_IDS="${POD_NAME##*-}"' in script
    assert script.rstrip().endswith("exec seasonbot run")  # exec: SIGTERM reaches the bot


@pytest.mark.parametrize("ordinal", [0, 1])
def test_every_variable_is_a_setting_the_bot_accepts(ordinal: int) -> None:
    """A misspelt variable would be ignored without a word, a bad value stop every pod: both
    are caught here, with the value the entry script adds."""
    env = declared_env(bot_container(), f"seasonbot-{ordinal}")
    unknown = set(env) - _VARIABLES - {"POD_NAME"}
    assert not unknown, f"not settings of the bot: {unknown}"
    settings = Settings.from_environment({**env, "SEASONBOT_SHARD_IDS": str(ordinal)})
    assert settings.shard_ids == (ordinal,)
    assert settings.watch == "poll", "a volume shared across nodes needs the poll watcher"
    assert settings.log_format == "json"
    # One pod more than the count (`kubectl scale` alone) refuses to start, naming it.
    with pytest.raises(ValidationError, match="SEASONBOT_SHARD_IDS"):
        Settings.from_environment({**env, "SEASONBOT_SHARD_IDS": env["SEASONBOT_SHARD_COUNT"]})
    seeding = declared_env(container("seed-data"), "seasonbot-0")
    assert set(seeding) - _VARIABLES == {"SEED_FOLDER"}
    for shared in ("SEASONBOT_KNOWLEDGE", "SEASONBOT_STATE_DIR"):
        assert seeding[shared] == env[shared], shared


def mounts(spec: dict[str, Any]) -> dict[PurePosixPath, dict[str, Any]]:
    return {PurePosixPath(mount["mountPath"]): mount for mount in spec["volumeMounts"]}


def mount_of(spec: dict[str, Any], path: str) -> dict[str, Any]:
    found = [
        mount for where, mount in mounts(spec).items() if PurePosixPath(path).is_relative_to(where)
    ]
    assert found, f"{path} is on no volume of {spec['name']}"
    return found[0]


def test_the_names_the_resources_find_each_other_by_match() -> None:
    spec = pod_spec()
    volumes = {volume["name"]: volume for volume in spec["volumes"]}
    for each in [*spec["initContainers"], *spec["containers"]]:
        for mount in each["volumeMounts"]:
            assert mount["name"] in volumes, f"{each['name']} mounts {mount['name']}"
    labels = statefulset()["spec"]["template"]["metadata"]["labels"]
    assert statefulset()["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert resource("Service")["spec"]["selector"].items() <= labels.items()
    assert resource("PodDisruptionBudget")["spec"]["selector"]["matchLabels"].items() <= (
        labels.items()
    )
    assert statefulset()["spec"]["serviceName"] == resource("Service")["metadata"]["name"]
    claim = volumes["data"]["persistentVolumeClaim"]["claimName"]
    assert resource("PersistentVolumeClaim", claim)["spec"]["accessModes"] == ["ReadWriteMany"]
    # Made by the commands the StatefulSet's header gives, not shipped: the token is a
    # secret, and the seasons ConfigMap is made from knowledge/seasons/ (one source).
    header = (MANIFESTS / "statefulset.yaml").read_text(encoding="utf-8")
    secret = volumes["token"]["secret"]["secretName"]
    seasons = volumes["seasons"]["configMap"]["name"]
    assert f"kubectl create secret generic {secret} --from-file=token=" in header
    assert f"kubectl create configmap {seasons} --from-file=knowledge/seasons/" in header


def test_the_token_is_a_mounted_secret_file_and_every_write_goes_to_a_volume() -> None:
    bot = bot_container()
    env = declared_env(bot, "seasonbot-0")
    assert "DISCORD_TOKEN" not in env
    token = mount_of(bot, env["DISCORD_TOKEN_FILE"])
    assert token["readOnly"] is True
    assert PurePosixPath(env["DISCORD_TOKEN_FILE"]).name == "token"
    volumes = {volume["name"]: volume for volume in pod_spec()["volumes"]}
    assert volumes[token["name"]]["secret"]["defaultMode"] == 0o440
    # The root file system is read-only: the data, the state and /tmp are volumes.
    for writable in (env["SEASONBOT_KNOWLEDGE"], env["SEASONBOT_STATE_DIR"], "/tmp"):
        assert not mount_of(bot, writable).get("readOnly", False), writable


def test_the_pods_run_as_the_images_user_with_nothing_to_spare() -> None:
    spec = pod_spec()
    pod = spec["securityContext"]
    assert pod["runAsNonRoot"] is True
    assert (pod["runAsUser"], pod["runAsGroup"], pod["fsGroup"]) == (10001, 10001, 10001)
    assert spec["automountServiceAccountToken"] is False
    for each in [*spec["initContainers"], *spec["containers"]]:
        context = each["securityContext"]
        assert context["readOnlyRootFilesystem"] is True, each["name"]
        assert context["allowPrivilegeEscalation"] is False, each["name"]
        assert context["capabilities"]["drop"] == ["ALL"], each["name"]
        assert "memory" in each["resources"]["limits"], each["name"]


def test_the_probes_ask_seasonbot_health() -> None:
    bot = bot_container()
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert bot[probe]["exec"]["command"] == ["seasonbot", "health"], probe


def test_the_image_is_this_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = pod_spec()
    images = {each["image"] for each in [*spec["initContainers"], *spec["containers"]]}
    assert images == {f"seasonbot:{project['version']}"}


def test_the_season_files_fit_one_configmap() -> None:
    data = seasons_configmap()
    assert data, "no season files"
    for name in data:
        assert re.fullmatch(r"[-._a-zA-Z0-9]+", name), f"{name} is no ConfigMap key"
    assert sum(len(name) + len(content) for name, content in data.items()) < CONFIGMAP_LIMIT


# -- seeding the data volume from the ConfigMap (the init container, run as written) --------


def seeded_pod(tmp_path: Path) -> tuple[LocalPod, dict[str, str], Path]:
    pod = LocalPod(0, make_volumes(tmp_path / "volumes", token="fake-token"))
    env = {"PATH": seasonbot_on_path(tmp_path / "bin"), "PYTHONIOENCODING": "utf-8"}
    knowledge = Path(pod.environment(container("seed-data"))["SEASONBOT_KNOWLEDGE"])
    return pod, env, knowledge


def test_an_empty_data_volume_is_seeded_from_the_configmap_once(tmp_path: Path) -> None:
    pod, env, knowledge = seeded_pod(tmp_path)

    first = pod.run_init("seed-data", env)
    assert first.returncode == 0, first.stderr
    assert {path.name: path.read_bytes() for path in knowledge.iterdir()} == seasons_configmap()

    # A moderator's upload since; the pod restarts: the upload stays.
    season = knowledge / "2013-14.yaml"
    uploaded = season.read_text(encoding="utf-8").replace("capacity: 55020", "capacity: 56713")
    season.write_text(uploaded, encoding="utf-8")
    again = pod.run_init("seed-data", env)
    assert again.returncode == 0, again.stderr
    assert "serving those" in again.stdout
    assert season.read_text(encoding="utf-8") == uploaded


def test_a_configmap_that_does_not_validate_stops_the_pod_before_it_starts(
    tmp_path: Path,
) -> None:
    pod, env, knowledge = seeded_pod(tmp_path)
    broken = seasons_configmap()["2013-14.yaml"].replace(b"capacity: 55020", b"capacity: lots")
    publish_configmap(pod.volume("seasons"), {"2013-14.yaml": broken})

    done = pod.run_init("seed-data", env)
    assert done.returncode != 0
    assert re.search(r"2013-14\.yaml:\d+: ", done.stdout + done.stderr), done
    assert not list(knowledge.glob("*.y*ml")), "nothing is seeded from a refused ConfigMap"
