"""Settings from the environment, built once in `main()` and passed down.

Nothing reads the environment at import time, so tests and the console can build settings of
their own (`Settings(SEASONBOT_LOG_LEVEL="debug")`). The token is a `SecretStr`: it prints as
`**********` in logs and reprs.

A pydantic model validates the variables, `Settings.from_environment` picks ours out of the
environment. pydantic-settings would do that picking, but its import (some 28 ms here) was a
twentieth of a one-line console answer, which reads no `.env` file and no secrets folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from knowledge.store import packaged_seasons

DEFAULT_API_BASE = "https://discord.com/api/v10"


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
        super().__init__(f"DISCORD_TOKEN_FILE={path}: {reason}")
        self.path = path


IdList = Annotated[tuple[int, ...], BeforeValidator(_id_list)]

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
        return cls.model_validate(
            {
                name.upper(): value
                for name, value in environment.items()
                if name.upper() in _VARIABLES
            }
        )

    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    discord_token_file: Path | None = Field(None, validation_alias="DISCORD_TOKEN_FILE")
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
    shard_ids: IdList = Field((), validation_alias="SEASONBOT_SHARD_IDS")
    state_dir: Path = Field(Path(".seasonbot"), validation_alias="SEASONBOT_STATE_DIR")
    """Where the hash of the last command sync is kept."""
    watch: WatchMode = Field("native", validation_alias="SEASONBOT_WATCH")
    """Reload when the knowledge files change (several processes share one folder):
    `native` uses the OS's notifications (inotify), `poll` looks every `watch_interval`
    seconds (a volume shared across machines, where notifications miss remote writes)."""
    watch_interval: float = Field(1.0, gt=0, le=3600, validation_alias="SEASONBOT_WATCH_INTERVAL")
    shutdown_grace: float = Field(10.0, ge=0, validation_alias="SEASONBOT_SHUTDOWN_GRACE")
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
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise TokenFileError(path, error.strerror or type(error).__name__) from None
        except UnicodeDecodeError:
            raise TokenFileError(path, "not a text file") from None
        if not text:
            raise TokenFileError(path, "the file is empty")
        return SecretStr(text)


_VARIABLES = frozenset(str(field.validation_alias) for field in Settings.model_fields.values())
"""The environment variables the settings read."""
