"""What a handler gets besides its options: the knowledge snapshot and the reader's language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from commands.i18n import Tr
from commands.reply import Reply
from knowledge.models import Season
from knowledge.store import ReloadResult, Snapshot


class Moderation(Protocol):
    """What `/reload` needs from the running bot: the store, behind its serialising lock."""

    async def reload(self, user_id: int | None, upload: bytes | None) -> ReloadResult: ...


@dataclass(frozen=True, slots=True)
class Context:
    knowledge: Snapshot
    """Taken once per request, so one answer never mixes two versions of the data."""
    tr: Tr
    user_id: int | None = None
    moderation: Moderation | None = None
    defer: Callable[[], Awaitable[None]] | None = None
    """Acknowledge the interaction now (Discord's 3-second rule) before slow work; None in
    the console, where nobody is waiting on a clock."""

    @property
    def season(self) -> Season:
        return self.knowledge.season


Handler = Callable[..., Awaitable[Reply]]
"""`async def handler(ctx: Context, **options) -> Reply`: the same for Discord and console."""
