"""Reading a local file within a size limit: a regular file, and no more than the limit.

A path from the environment or the command line (`SEASONBOT_KNOWLEDGE`, `seasonbot check
FILE`, the console's `/reload file:`) may name something that is no file to read whole:
`/dev/zero` never ends, a named pipe (FIFO) blocks until someone writes to it, and a file in
`/proc` says it holds 0 bytes whatever it holds. So the path is refused unless `stat` says it
is a regular file, before it is opened; it is opened without blocking (a FIFO put in its place
meanwhile cannot hang the open) and checked again once open; and at most the limit plus one
byte is read, which is enough to tell that a file is over the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileRefused(OSError):
    """A file `read_regular_file` will not read. Like any OSError, `strerror` says why (in
    words of ours, never the file's), so callers that word OSErrors word these too."""

    def __init__(self, path: Path, code: int, reason: str) -> None:
        super().__init__(code, reason, str(path))


class NotRegularFile(FileRefused):
    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(path, errno.EINVAL, f"not a regular file but {kind}")


class FileTooLarge(FileRefused):
    def __init__(self, path: Path, limit: int, size: int | None = None) -> None:
        reason = (
            f"the file is {size} bytes; the limit is {limit}"
            if size is not None
            else f"the file holds more than the limit of {limit} bytes"
        )
        super().__init__(path, errno.EFBIG, reason)
        self.limit = limit
        self.size = size
        """The size `stat` gave; None where reading found more than it said."""


def _require_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "no ordinary file")
    raise NotRegularFile(path, kind)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`.

    Raises `NotRegularFile`, `FileTooLarge`, or the OSError of a file that cannot be read."""
    status = path.stat()
    _require_regular(path, status.st_mode)
    if status.st_size > limit:
        raise FileTooLarge(path, limit, status.st_size)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        _require_regular(path, os.fstat(descriptor).st_mode)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, limit)
    return data
