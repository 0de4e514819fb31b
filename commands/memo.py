"""Replies kept per knowledge snapshot: the same question gets the same reply object again.

Most questions are asked over and over (`/bracket Apertura`, `/scorers`), and a handler marked
`remembered` answers from its snapshot, the reader's locale and its options alone. Its reply is
kept on the snapshot's season (`Season.derived`), so a reload, which builds a new season,
starts from an empty memo, and the old replies go with the old data.

Sharing a reply is sound because a `Reply` cannot change: it and everything in it are frozen
dataclasses of tuples, strings and bytes, and whoever wants another form of it (private, shared,
with a picture) makes a new one with `dataclasses.replace`.

Replies that carry files (pictures) are not kept: the pictures have their own cache, bounded
by its size, and a reply must not hold a picture that cache has let go.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from typing import Any, Concatenate, ParamSpec

from commands.context import Context
from commands.reply import Reply
from knowledge.derived import call_key
from knowledge.models import Season

REPLIES_PER_SNAPSHOT = 1024
"""Replies kept per snapshot, the least recently asked dropped first: options are typed text,
so the number of different questions has no end of its own."""

_P = ParamSpec("_P")


class _Replies:
    """The kept replies of one snapshot, least recently asked first."""

    __slots__ = ("replies",)

    def __init__(self) -> None:
        self.replies: OrderedDict[Hashable, Reply] = OrderedDict()

    def get(self, key: Hashable) -> Reply | None:
        found = self.replies.get(key)
        if found is not None:
            self.replies.move_to_end(key)
        return found

    def keep(self, key: Hashable, reply: Reply) -> None:
        self.replies[key] = reply
        while len(self.replies) > REPLIES_PER_SNAPSHOT:
            self.replies.popitem(last=False)


def _replies(season: Season) -> _Replies:
    return season.derived(_Replies, _Replies)


def remembered(
    handler: Callable[Concatenate[Context, _P], Awaitable[Reply]],
) -> Callable[Concatenate[Context, _P], Coroutine[Any, Any, Reply]]:
    """A handler whose reply is kept per snapshot, locale and options. Only for handlers that
    read nothing else: not the user, not the clock, not process state."""

    options = call_key(handler)

    @functools.wraps(handler)
    async def answer(ctx: Context, /, *args: _P.args, **kwargs: _P.kwargs) -> Reply:
        # The options as values, however they were passed: Discord names every option, the
        # console only those typed, and both ask the same question.
        given = options(args, kwargs)
        key = (handler, ctx.tr.locale, given)
        try:
            hash(key)
        except TypeError:  # an option that cannot be a key: answer afresh
            given = None
        if given is None:
            return await handler(ctx, *args, **kwargs)
        replies = _replies(ctx.season)
        found = replies.get(key)
        if found is None:
            found = await handler(ctx, *args, **kwargs)
            if not found.files:
                replies.keep(key, found)
        return found

    return answer
