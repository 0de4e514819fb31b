"""The Kubernetes manifests (`deploy/kubernetes/`) as the tests read them, and a pod of the
StatefulSet run as processes on this machine.

There is no cluster on CI. What the schemas cannot check (that the pods' entry scripts work,
that the shard comes from the ordinal, that an upload through one pod reaches the others) is
checked by running each container's command exactly as written, with `/bin/sh`, in an
environment built the way the kubelet builds it: the manifest's `env` and `envFrom`, the
downward API's pod name, and each volume a local folder at the path its mount names.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from tests.data_folders import publish_configmap

REPO = Path(__file__).resolve().parents[1]
MANIFESTS = REPO / "deploy" / "kubernetes"
SEASONS = REPO / "knowledge" / "seasons"


@cache
def manifests() -> dict[tuple[str, str], dict[str, Any]]:
    """Every resource shipped, by (kind, name)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(MANIFESTS.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                found[(document["kind"], document["metadata"]["name"])] = document
    return found


def resource(kind: str, name: str | None = None) -> dict[str, Any]:
    """The one shipped resource of `kind` (and `name`)."""
    matching = [
        document
        for (found_kind, found_name), document in manifests().items()
        if found_kind == kind and name in (None, found_name)
    ]
    assert len(matching) == 1, f"{len(matching)} {kind} named {name or 'anything'} shipped"
    return matching[0]


def statefulset() -> dict[str, Any]:
    return resource("StatefulSet")


def pod_spec() -> dict[str, Any]:
    spec: dict[str, Any] = statefulset()["spec"]["template"]["spec"]
    return spec


def container(name: str) -> dict[str, Any]:
    """A container or init container of the pod, by name."""
    spec = pod_spec()
    for found in [*spec.get("initContainers", []), *spec["containers"]]:
        if found["name"] == name:
            return dict(found)
    raise KeyError(name)


def bot_container() -> dict[str, Any]:
    return container("seasonbot")


def declared_env(spec: Mapping[str, Any], pod_name: str) -> dict[str, str]:
    """The container's environment as the kubelet builds it: `envFrom` ConfigMaps (shipped
    ones), then `env`, the downward API's `metadata.name` being `pod_name`."""
    env: dict[str, str] = {}
    for source in spec.get("envFrom", []):
        config = resource("ConfigMap", source["configMapRef"]["name"])
        env.update({key: str(value) for key, value in config.get("data", {}).items()})
    for variable in spec.get("env", []):
        if "value" in variable:
            env[variable["name"]] = str(variable["value"])
            continue
        field = variable["valueFrom"]["fieldRef"]["fieldPath"]
        assert field == "metadata.name", f"{variable['name']}: no stand-in for {field}"
        env[variable["name"]] = pod_name
    return env


def entry_script(spec: Mapping[str, Any]) -> str:
    """The script of a container whose command is `/bin/sh -c SCRIPT`."""
    assert spec["command"] == ["/bin/sh", "-c"], spec["command"]
    script: str = spec["args"][0]
    return script


@dataclass(frozen=True, slots=True)
class LocalPod:
    """Pod `ordinal` of the StatefulSet, its volumes folders under `volumes`: what its
    containers see at each mount path is the folder of the mount's volume."""

    ordinal: int
    volumes: Path

    @property
    def name(self) -> str:
        return f"{statefulset()['metadata']['name']}-{self.ordinal}"

    def volume(self, name: str) -> Path:
        return self.volumes / name

    def local(self, spec: Mapping[str, Any], path: str) -> str:
        """Where `path`, as the container `spec` sees it, is on this machine."""
        for mount in spec.get("volumeMounts", []):
            mounted = PurePosixPath(mount["mountPath"])
            if PurePosixPath(path).is_relative_to(mounted):
                relative = PurePosixPath(path).relative_to(mounted)
                return str(self.volume(mount["name"]).joinpath(*relative.parts))
        return path

    def environment(self, spec: Mapping[str, Any]) -> dict[str, str]:
        """`declared_env` with each path under a mount made local."""
        return {
            key: self.local(spec, value) if value.startswith("/") else value
            for key, value in declared_env(spec, self.name).items()
        }

    def run_init(self, name: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        """Run the init container `name` to its end, as the kubelet does before the pod
        starts; `env`: the rest of the process's environment (PATH)."""
        spec = container(name)
        return subprocess.run(
            ["/bin/sh", "-c", entry_script(spec)],
            cwd=REPO,
            env={**env, **self.environment(spec)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def make_volumes(root: Path, token: str) -> Path:
    """The pod's volumes as folders under `root`: the seasons ConfigMap as the kubelet lays
    it out (made with `kubectl create configmap ... --from-file=knowledge/seasons/`), the
    token Secret (mode 0440, as `defaultMode` says), an empty data volume and /tmp."""
    volumes = pod_spec()["volumes"]
    for volume in volumes:
        folder = root / volume["name"]
        if "configMap" in volume:
            publish_configmap(folder, seasons_configmap())
        elif "secret" in volume:
            folder.mkdir(parents=True)
            (folder / "token").write_text(token + "\n", encoding="utf-8")
            (folder / "token").chmod(volume["secret"].get("defaultMode", 0o644))
        else:
            folder.mkdir(parents=True)
    return root


def seasons_configmap() -> dict[str, bytes]:
    """The seasons ConfigMap's data, as `kubectl create configmap --from-file` makes it from
    the season folder: one key per file, named as the file."""
    return {path.name: path.read_bytes() for path in sorted(SEASONS.iterdir()) if path.is_file()}


def seasonbot_on_path(folder: Path) -> str:
    """A PATH on which `seasonbot` (as the image installs it) is this checkout's, run by this
    interpreter: the pods' scripts and probes call it by name."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "seasonbot"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m bot "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return os.pathsep.join([str(folder), os.environ.get("PATH", "")])
