"""Vendor the part of Discord's OpenAPI specification the e2e double enforces.

Discord publishes its HTTP API as an OpenAPI 3.1 document (github.com/discord/discord-api-spec,
MIT licence, `specs/openapi.json`, about 1.2 MB). The double (`tests/e2e/double/strict.py`)
validates every request the bot makes against the operations listed below, so the tests carry
only those operations and the schemas they reference (`#/components/...`, followed to the
end), never the whole document: the tests need nothing outside the repository.

    python -m tools.vendor_discord_spec SPEC_JSON --commit SHA    # refresh the vendored file
    python -m tools.vendor_discord_spec SPEC_JSON --commit SHA --check

SPEC_JSON is `specs/openapi.json` of a checkout of discord-api-spec at commit SHA. A bot that
starts to call another route adds its operationId to OPERATIONS (the double refuses a route it
has no operation for, so the e2e tests say which is missing).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tools import regenerate

SPEC_DIR = Path(__file__).resolve().parent.parent / "tests" / "e2e" / "double" / "spec"
VENDORED = SPEC_DIR / "discord-openapi.json"
SOURCE = "https://github.com/discord/discord-api-spec"
SOURCE_PATH = "specs/openapi.json"

OPERATIONS = (
    # Start-up: who the bot is, where the gateway is, the commands it declares.
    "get_my_user",
    "get_my_application",
    "get_my_oauth2_application",
    "get_gateway",
    "get_bot_gateway",
    "bulk_set_application_commands",
    "bulk_set_guild_application_commands",
    "list_application_commands",
    "list_guild_application_commands",
    # Answering an interaction: the callback, then follow-ups and edits through its webhook.
    "create_interaction_response",
    "execute_webhook",
    "get_original_webhook_message",
    "update_original_webhook_message",
    "delete_original_webhook_message",
    "get_webhook_message",
    "update_webhook_message",
    "delete_webhook_message",
    # Answering a mention or a DM.
    "create_message",
)
EXTRA_SCHEMAS = ("AvailableLocalesEnum",)
"""Schemas the double reads although no vendored operation references them: the locales a
command's `name_localizations` may use (the spec leaves the keys of that map free)."""

HTTP_METHODS = ("get", "put", "post", "patch", "delete")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def extract(spec: dict[str, Any], commit: str) -> dict[str, Any]:
    """The listed operations (each under its path, with the path's parameters) and every
    component they reach, in the spec's own layout so its `$ref`s resolve unchanged."""
    paths: dict[str, dict[str, Any]] = {}
    wanted = set(OPERATIONS)
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is not None and operation.get("operationId") in wanted:
                kept = paths.setdefault(path, {})
                if "parameters" in item:
                    kept["parameters"] = item["parameters"]
                kept[method] = operation
                wanted.discard(operation["operationId"])
    if wanted:
        raise SystemExit(f"not in the spec: {sorted(wanted)}")
    components: dict[str, dict[str, Any]] = {}
    pending = [*_refs(paths), *(f"#/components/schemas/{name}" for name in EXTRA_SCHEMAS)]
    while pending:
        ref = pending.pop()
        _, section, kind, name = ref.split("/")
        if section != "components":
            raise SystemExit(f"unexpected reference {ref}")
        if name in components.get(kind, {}):
            continue
        node = spec["components"][kind][name]
        components.setdefault(kind, {})[name] = node
        pending.extend(_refs(node))
    return {
        "openapi": spec["openapi"],
        "info": {
            **spec["info"],
            "x-vendored-from": {"repository": SOURCE, "path": SOURCE_PATH, "commit": commit},
        },
        "paths": {path: paths[path] for path in sorted(paths)},
        "components": {
            kind: {name: entries[name] for name in sorted(entries)}
            for kind, entries in sorted(components.items())
        },
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path, help=f"{SOURCE_PATH} of a discord-api-spec checkout")
    parser.add_argument("--commit", required=True, help="the checkout's commit")
    arguments, rest = parser.parse_known_args(argv)
    data = extract(json.loads(arguments.spec.read_text("utf-8")), arguments.commit)

    def render() -> str:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    return regenerate(rest, __doc__.splitlines()[0], [(VENDORED, data, render, json.loads)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
