"""The documentation holds to the code: what a newcomer reads first must work as written.

The README is the five-minute tour, the rest is in docs/. Each check here is of something a
reader would otherwise find wrong by trying it: a link, a button id in an example, a
setting in the table, the invite's permissions, a picture of a reply the bot no longer gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import _parser
from bot.console import Console
from bot.invite import PERMISSION_BITS, PERMISSIONS
from bot.settings import _VARIABLES
from knowledge.store import KnowledgeStore, packaged_seasons
from tools import discord_preview

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DOCS = sorted((REPO / "docs").glob("*.md"))
PAGES = [README, REPO / "ARCHITECTURE.md", REPO / "benchmarks" / "README.md", *DOCS]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_readme_reads_in_five_minutes() -> None:
    assert len(read(README).splitlines()) <= 250


def test_the_readme_starts_with_the_two_commands_that_work_on_a_fresh_clone() -> None:
    text = read(README)
    setup = (
        "python3 -m venv .venv && . .venv/bin/activate && "
        'pip install --constraint constraints.txt -e ".[dev]"'
    )
    assert f"{setup} && seasonbot\n" in text
    assert f"{setup} && pytest\n" in text
    assert text.index(setup) < text.index("## Quick tour") < text.index("## Run it on your server")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_page_speaks_of_what_only_the_team_knows(page: Path) -> None:
    found = re.findall(r"last stop|\bissues? \d+|\.\./shared|\(#\d+\)", read(page), re.I)
    assert not found, found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_to_a_file_of_the_repository_finds_it(page: Path) -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", read(page)):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.name}: {target}"


def test_the_readme_links_the_moderators_guide_and_the_other_pages() -> None:
    text = read(README)
    for page in DOCS:
        assert f"(docs/{page.name})" in text, page.name
    assert "Running without Discord: [docs/dev.md](docs/dev.md)" in text
    assert "Kubernetes: [docs/kubernetes.md](docs/kubernetes.md)" in text


def test_the_configuration_table_lists_every_setting_and_no_other() -> None:
    text = read(README)
    table = text[text.index("## Configuration") :]
    table = table[: table.index("\n## ")]
    listed = set(re.findall(r"^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?", table, re.M))
    names = {name for pair in listed for name in pair if name}
    assert names == _VARIABLES


def test_every_command_the_readme_names_exists() -> None:
    # The subcommands as `seasonbot --help` lists them (argparse has no public list).
    commands = set(re.findall(r"^ {4}([a-z]+) ", _parser().format_help(), re.MULTILINE))
    named = set(re.findall(r"`seasonbot ([a-z]+)", read(README)))
    assert named <= commands, named - commands


def test_the_invite_step_gives_the_permissions_the_invite_asks_for() -> None:
    text = read(README)
    assert f"permissions **{PERMISSIONS}**" in text
    for name, bit in PERMISSION_BITS.items():
        assert f"{name} ({bit})" in text, name
    assert "`bot` and `applications.commands` scopes" in text


def test_the_readme_says_how_to_refresh_the_lock() -> None:
    lock = read(REPO / "constraints.txt")
    command = re.search(r"^#\s+(pip-compile --extra=dev .*)$", lock, re.M)
    assert command is not None
    assert command.group(1).strip() in read(README)


def examples() -> list[tuple[str, str, str, str]]:
    """(page, line typed, button id, value) for each `!press` under a console line in a text
    block of the documentation."""
    found = []
    for page in [README, *DOCS]:
        for block in re.findall(r"```text\n(.*?)```", read(page), re.S):
            typed = None
            for line in block.splitlines():
                if line.startswith("season> "):
                    typed = re.split(r"\s{2,}", line.removeprefix("season> "))[0]
                elif match := re.match(r"\s+!press (\S+)(?: (\S+=\S+))?", line):
                    assert typed is not None, line
                    found.append((page.name, typed, match.group(1), match.group(2) or ""))
    return found


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore(packaged_seasons())


@pytest.mark.parametrize(("page", "typed", "custom_id", "value"), examples())
async def test_every_button_id_in_an_example_is_one_the_answer_carries(
    store: KnowledgeStore, page: str, typed: str, custom_id: str, value: str
) -> None:
    """The /scorers paging example showed an id its answer never had."""
    console = Console(store, "en")
    payload = (await console.answer(typed)).to_payload()
    ids = {
        item["custom_id"]
        for row in payload["components"]
        for item in row["components"]
        if "custom_id" in item
    }
    assert custom_id in ids, (page, typed, ids)
    pressed = await console.press(custom_id, [value] if value else [])
    assert not pressed.ephemeral or typed.endswith("private:yes"), pressed


def test_the_examples_include_the_scorers_pages() -> None:
    assert any(typed.startswith("/scorers") for _, typed, _, _ in examples())


def test_the_pictures_of_replies_are_drawn_from_the_replies_the_bot_gives_now() -> None:
    """`python -m tools.discord_preview --png` redraws them."""
    assert discord_preview.main(["--check"]) == 0
    for name in discord_preview.SCENES:
        assert (discord_preview.SHOTS / f"{name}.png").is_file(), name
    assert "(docs/screenshots/result.png)" in read(README)
    assert "(screenshots/refusal.png)" in read(REPO / "docs" / "moderators.md")


def test_the_moderators_guide_covers_what_a_moderator_asks() -> None:
    guide = read(REPO / "docs" / "moderators.md")
    for words in (
        "## Who may reload",
        "Server Settings → Integrations",
        "seasonbot check",
        "/reload file:",
        "## What a refusal looks like",
        "2013-14.yaml.bak",
        ".bak.1",
        "SEASONBOT_BACKUPS",
        "## Adding a season file",
    ):
        assert words in guide, words
