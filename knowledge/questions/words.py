"""Questions as words: lower case, accent-free, letters and digits only."""

from __future__ import annotations

import re
import unicodedata

from knowledge.names import fold

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUESTION_CHARS = 300
"""/ask's own limit (the Discord option's, `commands.slash`); the handler refuses a longer text
(a DM, a console line) and names the limit. `words` keeps to it too, so no caller reading a
longer text pays for it."""


def words(text: str) -> list[str]:
    """Lower-case, accent-free words: "¿Quién ganó?" -> ["quien", "gano"]. A question is
    read up to /ask's own limit; a DM may be longer."""
    return folded_words(text[:MAX_QUESTION_CHARS])


def folded_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _WORD.findall(bare)


def fold_name(name: str) -> str:
    """`fold` for names, but with our word boundaries (digits and letters split alike)."""
    return " ".join(folded_words(fold(name)))
