"""Text a user typed, echoed back in a reply: nothing in it may hide, reorder or ping."""

from __future__ import annotations

import unicodedata

import discord.utils
import pytest

from commands import text as fmt
from commands.text import user_text


@pytest.mark.parametrize(
    "hidden",
    [
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE: would print "axacеN" backwards in the reply
        "\u202a",  # LEFT-TO-RIGHT EMBEDDING
        "\u2066",  # LEFT-TO-RIGHT ISOLATE
        "\u2069",  # POP DIRECTIONAL ISOLATE
        "\u200f",  # RIGHT-TO-LEFT MARK
        "\u200b",  # ZERO WIDTH SPACE
        "\u2060",  # WORD JOINER
        "\ufeff",  # BYTE ORDER MARK
        "\u00ad",  # SOFT HYPHEN
        "\x1b",  # ESC: a terminal would run "[31m" as a colour change in the console
        "\x00",
    ],
)
def test_invisible_and_control_characters_are_dropped(hidden: str) -> None:
    assert user_text(f"{hidden}Nec{hidden}axa{hidden}") == "Necaxa"


def test_what_is_left_has_no_format_or_control_character_of_the_users() -> None:
    typed = "\u202eChi\u200dvas\u2067 \x1b[31mrojo\x07"
    echoed = user_text(typed)
    assert echoed == "Chivas [31mrojo"
    assert not [c for c in echoed if unicodedata.category(c) in ("Cf", "Cc")]


def test_visible_text_is_kept_accents_and_all() -> None:
    assert user_text("Cañeros de Zacatepec") == "Cañeros de Zacatepec"
    assert user_text("Mérida   FC") == "Mérida FC"


def test_mentions_are_still_defused_after_stripping() -> None:
    # The zero width space that defuses @everyone is ours, added after the user's are gone.
    assert user_text("@\u200beveryone") == "@\u200beveryone"
    assert user_text("@every\u2060one") == "@\u200beveryone"


ESCAPE_SAMPLES = [
    "Necaxa",
    "**Necaxa** __UdeG__ ~~x~~ ||spoiler|| `code` \\ back",
    "> quote\n>>> block\n# heading\n### three\n - item\n-dash",
    "[a link](https://example.com/x_y) and https://example.com/a_b_c, <https://e.com/_x_>",
    "steam://run/1_2 and <mailto:a_b@c.d>",
    "@everyone @here <@123456789012345678> @!123456789012345678 @&12345678901234567890",
    "@1234 @123456789012345678901 @hereafter",
    "",
    "ñandú *á* _é_ 😀 |x|",
]


@pytest.mark.parametrize("sample", ESCAPE_SAMPLES)
def test_the_copied_escapes_agree_with_discord_py(sample: str) -> None:
    """`commands.text` carries its own copy of discord.py's two escapes (the console answers
    without importing discord.py): each gives what discord.py's own gives."""
    assert fmt.escape_markdown(sample) == discord.utils.escape_markdown(sample)
    assert fmt.escape_mentions(sample) == discord.utils.escape_mentions(sample)
