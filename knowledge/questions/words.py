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


# Where a list of things asked in one line breaks: a comma or semicolon (not inside a number,
# "23,851"), a colon, a spaced "+", "--" or dash.
_LISTED = re.compile(r"\s*(?:[,;](?!\d)|:\s|\s\+\s|\s--?\s|\s—\s)\s*")
_JOINED = re.compile(r"\s+(?:and|y|e|plus)\s+", re.IGNORECASE)
EMBEDDED = frozenset({"si", "whether"})
"""What opens a question asked inside a list ("…y si descendió"): whether, not a condition."""


def asks_listed(text: str, question_words: Collection[str]) -> list[str]:
    """The things a line asks one after another without a "?" between them ("necaxa:
    stadium, city, and how far did they go"): the pieces between commas, colons, "+", and
    each "and"/"y" that a question word follows ("…and by how much", "y si descendió").
    An opening "and", "whether" or "si" is dropped: it joins, it asks nothing."""
    pieces: list[str] = []
    # "final de ascenso: fechas y goleadores": after a colon, "y" lists the things asked of
    # what it names ("quién ganó, udeg y tecos" names two, with no colon)
    listed_from = len(_LISTED.split(text.split(":", 1)[0])) if ":" in text else None
    for number, piece in enumerate(_LISTED.split(text)):
        start = 0
        for join in _JOINED.finditer(piece):
            after = folded_words(piece[join.end() :])[:2]
            asked = listed_from is not None and number >= listed_from
            if asked or set(after) & (set(question_words) | EMBEDDED):
                pieces.append(piece[start : join.start()])
                start = join.end()
        pieces.append(piece[start:])
    return [kept for piece in pieces if (kept := _OPENING_JOIN.sub("", piece).strip())]


_OPENING_JOIN = re.compile(r"^(?:\s*\b(?:and|y|e|plus|si|whether)\b)+", re.IGNORECASE)
"""An "and", "whether" or "si" that opens a piece: it joins, it asks nothing."""
