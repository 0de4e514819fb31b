"""The double's payloads have at least the shape of Discord's documented examples.

The examples are copied from Discord's API docs into `discord_payloads/` beside this file.
If the double left out a field Discord sends, the bot could pass here and fail on Discord;
this compares every documented key, recursively, with what the double sends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.double import FAN_GUILD_ID, DiscordDouble

EXAMPLES = Path(__file__).resolve().parent / "discord_payloads"


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))["payload"]


def missing_keys(documented: Any, ours: Any, where: str = "") -> list[str]:
    """Keys of `documented` (recursively) that `ours` lacks."""
    if isinstance(documented, dict):
        if not isinstance(ours, dict):
            return [where or "<root>"]
        found: list[str] = []
        for key, value in documented.items():
            if key not in ours:
                found.append(f"{where}.{key}" if where else key)
            else:
                found += missing_keys(value, ours[key], f"{where}.{key}" if where else key)
        return found
    if isinstance(documented, list) and documented and isinstance(ours, list) and ours:
        return missing_keys(documented[0], ours[0], f"{where}[0]")
    return []


# Fields of the documented examples that are deprecated or belong to other kinds of payloads.
NOT_SENT_ANY_MORE = {"member.is_pending"}


def test_application_command_interactions_have_the_documented_shape() -> None:
    documented = example("interaction_application_command_type2.json")
    double = DiscordDouble()
    data = {
        "id": "1",
        "name": "club",
        "type": 1,
        "options": [{"type": 3, "name": "club", "value": "Necaxa"}],
    }
    ours = double.interaction(data, guild_id=FAN_GUILD_ID)
    assert set(missing_keys(documented, ours)) <= NOT_SENT_ANY_MORE


def test_autocomplete_interactions_have_the_documented_shape() -> None:
    documented = example("interaction_autocomplete_type4.json")
    double = DiscordDouble()
    data = {
        "id": "1",
        "name": "club",
        "type": 1,
        "version": "1",
        "options": [{"type": 3, "name": "club", "value": "nec", "focused": True}],
    }
    ours = double.interaction(data, kind=4, guild_id=FAN_GUILD_ID)
    assert missing_keys(documented, ours) == []
    assert ours["type"] == documented["type"] == 4
