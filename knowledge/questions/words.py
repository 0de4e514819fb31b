"""Questions as words: lower case, accent-free, letters and digits only."""

from __future__ import annotations

import re
from collections.abc import Collection

from knowledge.names import fold, folded_words

MAX_QUESTION_CHARS = 300
"""/ask's own limit (the Discord option's, `commands.slash`); the handler refuses a longer text
(a DM, a console line) and names the limit. `words` keeps to it too, so no caller reading a
longer text pays for it."""


def words(text: str) -> list[str]:
    """Lower-case, accent-free words: "¿Quién ganó?" -> ["quien", "gano"]. A question is
    read up to /ask's own limit; a DM may be longer."""
    return folded_words(text[:MAX_QUESTION_CHARS])


THANKS = frozenset({"thanks", "thank", "thx", "ty", "tysm", "cheers", "gracias", "graciaaas"})
"""Words that open a thanks ("thanks for earlier!", "gracias por todo!")."""

# A sentence ends at "!", "?", a line break, or a full stop after a word (not after an
# initial, so "U. de G." stays one sentence).
_SENTENCE_END = re.compile(r"[!?\n]+|(?<![\s.¡¿][^\W\d_])(?<!^[^\W\d_])\.(?=\s|$)")


def without_thanks(text: str, question_words: Collection[str]) -> str:
    """The question without the sentences that only thank ("thanks for earlier! also what
    was the aggregate?" asks for the aggregate): a sentence opened by a thanks word, when
    another sentence asks something (a question mark or a question word; "ty!! that helped a
    lot" asks nothing). Its words are courtesy, whatever they are ("earlier" is not the
    earliest goal; "the help" is not a word to refuse on)."""
    sentences = _ended_by(_SENTENCE_END, text)
    kept = [part for part in sentences if folded_words(part)[0] not in THANKS]
    rest = "".join(kept)
    asks = "?" in rest or any(word in question_words for word in folded_words(rest))
    return rest if asks and len(kept) < len(sentences) else text


_QUESTION_END = re.compile(r"\?+")


def questions_apart(text: str) -> list[str]:
    """The questions a message asks one after another ("merida won the 2nd leg? by how
    much"): the text up to each run of "?" that more words follow, each with its "?"."""
    return [part.strip() for part in _ended_by(_QUESTION_END, text)]


def _ended_by(end: re.Pattern[str], text: str) -> list[str]:
    """The pieces of `text` up to and with each match of `end` (and the rest), those with a
    word in them."""
    pieces, start = [], 0
    for found in end.finditer(text):
        pieces.append(text[start : found.end()])
        start = found.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if folded_words(piece)]


def fold_name(name: str) -> str:
    """`fold` for names, but with our word boundaries (digits and letters split alike)."""
    return " ".join(folded_words(fold(name)))
