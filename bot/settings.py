"""Settings from the environment, built once in `main()` and passed down.

Nothing reads the environment at import time, so tests and the console can build settings of
their own. The token is a `SecretStr`: it prints as `**********` in logs and reprs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.store import packaged_seasons

DEFAULT_API_BASE = "https://discord.com/api/v10"


def _id_list(value: Any) -> Any:
    """`SEASONBOT_ADMIN_GUILDS=1,2 3` -> [1, 2, 3]; an empty value is an empty list."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    return value


IdList = Annotated[tuple[int, ...], NoDecode, BeforeValidator(_id_list)]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

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
    watch: bool = Field(True, validation_alias="SEASONBOT_WATCH")
    """Reload when the knowledge files change (several processes share one folder)."""
    shutdown_grace: float = Field(10.0, ge=0, validation_alias="SEASONBOT_SHUTDOWN_GRACE")
    """Seconds SIGTERM waits for the interactions in flight before closing the gateway."""
    defer_after: float = Field(1.5, gt=0, lt=3, validation_alias="SEASONBOT_DEFER_AFTER")
    """Seconds after its creation an interaction still unanswered is deferred (Discord: 3).
    Measured (benchmarks/burst.py, 500 at once): at 2.0 a third were lost, the deferrals
    queued up in the last second; at 1.5 none."""
    max_in_flight: int = Field(32, ge=1, le=1024, validation_alias="SEASONBOT_MAX_IN_FLIGHT")
    """Interactions handled at once; the rest wait in order (sized by benchmarks/burst.py)."""

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
        """The bot token from DISCORD_TOKEN, else from DISCORD_TOKEN_FILE; None if neither."""
        if self.discord_token is not None and self.discord_token.get_secret_value().strip():
            return SecretStr(self.discord_token.get_secret_value().strip())
        if self.discord_token_file is not None:
            try:
                text = self.discord_token_file.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            return SecretStr(text) if text else None
        return None
