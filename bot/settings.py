"""Settings from the environment, built once in `main()` and passed down.

Nothing reads the environment at import time, so tests and the console can build settings of
their own (`Settings(SEASONBOT_LOG_LEVEL="debug")`). The token is a `SecretStr`: it prints as
`**********` in logs and reprs.

A pydantic model validates the variables, `Settings.from_environment` picks ours out of the
environment. pydantic-settings would do that picking, but its import (some 28 ms here) was a
twentieth of a one-line console answer, which reads no `.env` file and no secrets folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from knowledge.files import FileTooLarge, read_regular_file
from knowledge.store import packaged_seasons

DEFAULT_API_BASE = "https://discord.com/api/v10"

# Defaults kept here, not in the modules that use them, so that reading the settings
# (`seasonbot check`, `health`) imports neither discord nor the watcher.
CHECK_SECONDS = 30.0
"""Default time between two checks of the data files' content (SEASONBOT_WATCH_CHECK): the
backstop that picks up any change, whatever the file system does or fails to tell."""

BACKUPS = 3
"""Default number of backups kept per season file (SEASONBOT_BACKUPS)."""


def _id_list(value: Any) -> Any:
    """`SEASONBOT_ADMIN_GUILDS=1,2 3` -> [1, 2, 3]; an empty value is an empty list."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    return value


NO_TOKEN = (
    "seasonbot: no bot token. Set DISCORD_TOKEN, or DISCORD_TOKEN_FILE to a file holding it "
    "(e.g. a Docker secret). Without a token, `seasonbot console` answers locally."
)


class TokenFileError(Exception):
    """DISCORD_TOKEN_FILE names a file that cannot be read. Saying "no token" would send the
    operator looking for a missing variable, when the variable is set and its file is the problem.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"bad setting DISCORD_TOKEN_FILE: {path}: {reason}")
        self.path = path


def _discord_ids(ids: tuple[int, ...]) -> tuple[int, ...]:
    """Discord ids (snowflakes) are positive 64-bit numbers: a negative one is a typo that
    would otherwise match nothing, silently."""
    for value in ids:
        if not 0 < value < 2**64:
            raise ValueError(f"{value} is not a Discord id (a positive number below 2^64)")
    return ids


def _shard_ids(ids: tuple[int, ...]) -> tuple[int, ...]:
    for value in ids:
        if value < 0:
            raise ValueError(f"{value} is not a shard id (shards are numbered from 0)")
    return ids


IdList = Annotated[tuple[int, ...], BeforeValidator(_id_list), AfterValidator(_discord_ids)]
ShardIdList = Annotated[tuple[int, ...], BeforeValidator(_id_list), AfterValidator(_shard_ids)]

MAX_TOKEN_FILE_BYTES = 4096
"""A bot token is about 72 characters; a file far larger is not a token (nor is /dev/zero)."""


def token_problem(token: str) -> str | None:
    """Why `token` (already stripped) cannot be a bot token, if it cannot; never quotes it.

    A token goes into an HTTP header: a line break there would end the header (discord.py
    then fails deep in aiohttp with a traceback), and a space or a control character is a
    paste gone wrong. A real token is letters, digits, dots, dashes and underscores."""
    if "\r" in token or "\n" in token:
        return "the token holds a line break; a token is one line"
    if any(not ("!" <= character <= "~") for character in token):
        return (
            "the token holds a space, a control character or a non-ASCII character; "
            "a token is letters, digits, dots, dashes and underscores"
        )
    return None


def read_token_file(path: Path) -> str:
    """The token a DISCORD_TOKEN_FILE holds. Refuses, with `TokenFileError`, anything but a
    regular file (a FIFO would block the start for ever, /dev/zero would fill the memory)
    and reads at most one byte more than a token file may hold."""
    try:
        data = read_regular_file(path, MAX_TOKEN_FILE_BYTES)
    except FileTooLarge:
        raise TokenFileError(
            path, f"larger than {MAX_TOKEN_FILE_BYTES} bytes; not a token"
        ) from None
    except OSError as error:
        raise TokenFileError(path, error.strerror or type(error).__name__) from None
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise TokenFileError(path, "not a text file") from None
    if not text:
        raise TokenFileError(path, "the file is empty")
    problem = token_problem(text)
    if problem is not None:
        raise TokenFileError(path, problem)
    return text


def default_state_dir(environment: Mapping[str, str]) -> Path:
    """`$XDG_STATE_HOME/seasonbot`, else `~/.local/state/seasonbot`: the same folder from
    any working directory, so `seasonbot health` finds the heartbeat that `seasonbot run`
    writes wherever each was started (the XDG base directory spec ignores a relative
    XDG_STATE_HOME, and so does this)."""
    xdg = environment.get("XDG_STATE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "seasonbot"
    home = environment.get("HOME", "")
    base = Path(home) if home and Path(home).is_absolute() else Path.home()
    return base / ".local" / "state" / "seasonbot"


_WATCH_WORDS = {
    **dict.fromkeys(("true", "1", "yes", "on", "native", "inotify"), "native"),
    **dict.fromkeys(("false", "0", "no", "off"), "off"),
}


def _watch_mode(value: Any) -> Any:
    """`SEASONBOT_WATCH`: `poll`, or a yes/no (the original boolean form) for native/off."""
    if isinstance(value, bool):
        return "native" if value else "off"
    if isinstance(value, str):
        return _WATCH_WORDS.get(value.strip().lower(), value.strip().lower())
    return value


WatchMode = Annotated[Literal["native", "poll", "off"], BeforeValidator(_watch_mode)]


class Settings(BaseModel):
    """Each setting under the name of its environment variable (`validation_alias`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> Settings:
        """The settings `environment` gives (`os.environ`), the rest at their defaults; a
        variable's name is matched in any case, as on Windows. Raises pydantic's
        `ValidationError`, naming the variable."""
        values: dict[str, Any] = {
            name.upper(): value for name, value in environment.items() if name.upper() in _VARIABLES
        }
        values.setdefault("SEASONBOT_STATE_DIR", default_state_dir(environment))
        return cls.model_validate(values)

    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    discord_token_file: Path | None = Field(None, validation_alias="DISCORD_TOKEN_FILE")
    application_id: int | None = Field(
        None, gt=0, lt=2**64, validation_alias="SEASONBOT_APPLICATION_ID"
    )
    """For `seasonbot invite` without a token: the Developer Portal's Application ID."""
    discord_api_base: str = Field(DEFAULT_API_BASE, validation_alias="DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(None, validation_alias="DISCORD_GATEWAY_URL")
    knowledge: Path = Field(
        default_factory=packaged_seasons, validation_alias="SEASONBOT_KNOWLEDGE"
    )
    admin_guilds: IdList = Field((), validation_alias="SEASONBOT_ADMIN_GUILDS")
    moderators: IdList = Field((), validation_alias="SEASONBOT_MODERATORS")
    moderator_roles: IdList = Field((), validation_alias="SEASONBOT_MODERATOR_ROLES")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", validation_alias="SEASONBOT_LOG_LEVEL"
    )
    log_format: Literal["text", "json"] = Field("text", validation_alias="SEASONBOT_LOG_FORMAT")
    shard_count: int | None = Field(None, ge=1, validation_alias="SEASONBOT_SHARD_COUNT")
    shard_ids: ShardIdList = Field((), validation_alias="SEASONBOT_SHARD_IDS")
    state_dir: Path = Field(
        default_factory=lambda: default_state_dir(os.environ),
        validation_alias="SEASONBOT_STATE_DIR",
    )
    """Where the hash of the last command sync and the health heartbeats are kept."""
    watch: WatchMode = Field("native", validation_alias="SEASONBOT_WATCH")
    """Reload when the knowledge files change (several processes share one folder):
    `native` uses the OS's notifications (inotify), `poll` looks every `watch_interval`
    seconds (a volume shared across machines, where notifications miss remote writes)."""
    watch_interval: float = Field(1.0, gt=0, le=3600, validation_alias="SEASONBOT_WATCH_INTERVAL")
    watch_check: float = Field(
        CHECK_SECONDS, gt=0, le=3600, validation_alias="SEASONBOT_WATCH_CHECK"
    )
    """Seconds between two checks of the data files' content, whatever the watch saw: a
    change is picked up within this time whatever the file system does."""
    backups: int = Field(BACKUPS, ge=0, le=20, validation_alias="SEASONBOT_BACKUPS")
    """Backups kept of a season file an upload replaces (`2013-14.yaml.bak`, `.bak.1`…)."""
    shutdown_grace: float = Field(
        10.0, ge=0, le=3600, allow_inf_nan=False, validation_alias="SEASONBOT_SHUTDOWN_GRACE"
    )
    """Seconds SIGTERM waits for the interactions in flight before closing the gateway."""
    defer_after: float = Field(1.5, gt=0, lt=3, validation_alias="SEASONBOT_DEFER_AFTER")
    """Seconds after its creation an interaction still unanswered is deferred (Discord: 3).
    Measured (benchmarks/burst.py, 500 at once): at 2.0 a third were lost, the deferrals
    queued up in the last second; at 1.5 none."""
    max_in_flight: int = Field(32, ge=1, le=1024, validation_alias="SEASONBOT_MAX_IN_FLIGHT")
    """Commands handled at once, and as many deferrals and autocompletes (a lane of their
    own); the rest wait in order (sized by benchmarks/burst.py; the HTTP pool holds twice
    this many connections)."""

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("discord_token")
    @classmethod
    def _a_token_is_one_word(cls, value: SecretStr | None) -> SecretStr | None:
        problem = token_problem(value.get_secret_value().strip()) if value is not None else None
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("discord_api_base")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _shards_need_a_count(self) -> Settings:
        if self.shard_ids and self.shard_count is None:
            raise ValueError("SEASONBOT_SHARD_IDS needs SEASONBOT_SHARD_COUNT (the total)")
        if self.shard_count is not None and any(i >= self.shard_count for i in self.shard_ids):
            raise ValueError("every SEASONBOT_SHARD_IDS entry must be below SEASONBOT_SHARD_COUNT")
        return self

    def token(self) -> SecretStr | None:
        """The bot token from DISCORD_TOKEN, else from DISCORD_TOKEN_FILE; None if neither.

        Raises `TokenFileError` if DISCORD_TOKEN_FILE is set but gives no token."""
        if self.discord_token is not None and self.discord_token.get_secret_value().strip():
            return SecretStr(self.discord_token.get_secret_value().strip())
        path = self.discord_token_file
        if path is None:
            return None
        return SecretStr(read_token_file(path))


_VARIABLES = frozenset(str(field.validation_alias) for field in Settings.model_fields.values())
"""The environment variables the settings read."""
