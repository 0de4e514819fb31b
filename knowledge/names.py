"""Folding names to the form fans' spellings are compared in.

Fans type "necaxa", "NECAXA", "Mérida F.C.", "Club Celaya" or "U de G": all of these must meet
the data's spellings. Folding drops case, accents, punctuation and the filler words that clubs
wear in their official names ("Club", "F.C.", "Club de Futbol"), but keeps digits, because
"Zacatepec 1948" is how the source names a club.
"""

from __future__ import annotations

import re
import unicodedata

# Filler that says "this is a club" without saying which, and the articles fans put before
# nicknames ("los Rayos"). Phrases first, so "club de futbol" goes as a whole.
_FILLER = re.compile(
    r"\b(?:club de futbol|club de football|futbol club|football club|club|fc|f c|cf|c f"
    r"|the|los|las|el|la)\b"
)
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower-case, accent-free words separated by single spaces, filler words removed."""
    if text.isascii():
        bare = text.lower()  # no accents to strip: the common case, kept fast
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = _NOT_WORD.sub(" ", bare)
    return " ".join(_FILLER.sub(" ", words).split())


def compact(folded: str) -> str:
    """The folded name without spaces, so "U de G", "U.deG" and "UdeG" all meet."""
    return folded.replace(" ", "")


_WORD = re.compile(r"[a-z0-9]+")


def folded_words(text: str) -> list[str]:
    """Lower-case, accent-free words, as a question's words are read ("¿Quién ganó?" ->
    ["quien", "gano"]); nothing dropped."""
    if text.isascii():  # most questions: nothing to take apart (and /ask reads many)
        return _WORD.findall(text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return _WORD.findall(bare)
