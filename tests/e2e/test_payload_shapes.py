"""The double's payloads have at least the shape of Discord's documented examples.

The examples are copied from Discord's API docs into `discord_payloads/` beside this file.
If the double left out a field Discord sends, the bot could pass here and fail on Discord;
this compares every documented key, recursively, with what the double sends. (The dispatch
tests' payloads come from the same factory, `tests.payloads`; `tests/bot/test_dispatch.py`
checks them the same way.)
"""

from __future__ import annotations

from tests import payloads
from tests.e2e.double import FAN_GUILD_ID, DiscordDouble
from tests.payloads import example, missing_keys

# Fields of the documented examples that are deprecated or belong to other kinds of payloads.
NOT_SENT_ANY_MORE = {"member.is_pending"}


def test_application_command_interactions_have_the_documented_shape() -> None:
    documented = example("interaction_application_command_type2.json")
    double = DiscordDouble()
    data = payloads.command_data("club", [payloads.option("club", "Necaxa")])
    ours = double.interaction(data, guild_id=FAN_GUILD_ID)
    assert set(missing_keys(documented, ours)) <= NOT_SENT_ANY_MORE


def test_autocomplete_interactions_have_the_documented_shape() -> None:
    documented = example("interaction_autocomplete_type4.json")
    double = DiscordDouble()
    data = payloads.command_data("club", [payloads.option("club", "nec", focused=True)])
    # The command's version: Discord sends it in an autocomplete's data, discord.py never reads it.
    ours = double.interaction({**data, "version": "1"}, kind=4, guild_id=FAN_GUILD_ID)
    assert missing_keys(documented, ours) == []
    assert ours["type"] == documented["type"] == 4
