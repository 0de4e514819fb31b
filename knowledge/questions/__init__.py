"""Reading a fan's question: what is asked and about what.

Pure and synchronous, like the rest of `knowledge`: it reads, it never answers.
`commands.ask` turns a `Question` into the same typed queries the slash commands use, so
nothing here can state a fact, let alone invent one.

How it reads, in order:

1. Words (`words`): the text folded to lower-case, accent-free words.
2. Names (`lexicon`, `reading`): every club alias, former name, other-league club, tournament,
   stadium, city, division and playoff scorer of the loaded season, by its folded and its
   spaceless form; the longest run of words that is a name wins. Then one strict fuzzy pass
   for typos; a club found that way must also be the resolver's answer.
3. Phrases (`vocabulary`, data in `knowledge/lexicon/<language>.yaml`): each phrase with all
   its meanings: intent weights, the part asked (loser, opponent, venue, nickname...), a leg,
   a change event, an extreme, a topic the data does not hold.
4. Slots (`slots`): the names sorted into clubs, tournaments, round, players, places; the leg
   picked (first/second, at home, in a city, by its score); the words nothing explained.
5. Deciding (`deciding`): out of scope first (other seasons, topics the data does not hold,
   unexplained words), then the intent the phrases score highest, settled by what is named,
   then the parts.

The season's names are built once per load into a `Lexicon`, which the store keeps in its
snapshot; the vocabulary is language, read once per process.
"""

from knowledge.questions.deciding import (
    claims_apart,
    contrast_apart,
    counted_apart,
    extremes_apart,
    listed_apart,
    parse,
    parse_apart,
    premise_apart,
)
from knowledge.questions.lexicon import Kind, Lexicon, Target
from knowledge.questions.model import (
    DatePart,
    Extreme,
    Intent,
    Language,
    LegPick,
    OutOfScope,
    Part,
    Question,
)
from knowledge.questions.reading import LanguageGuess, detect_language
from knowledge.questions.vocabulary import Vocabulary, vocabulary
from knowledge.questions.words import words

__all__ = [
    "DatePart",
    "Extreme",
    "Intent",
    "Kind",
    "Language",
    "LanguageGuess",
    "LegPick",
    "Lexicon",
    "OutOfScope",
    "Part",
    "Question",
    "Target",
    "Vocabulary",
    "claims_apart",
    "contrast_apart",
    "counted_apart",
    "detect_language",
    "extremes_apart",
    "listed_apart",
    "parse",
    "parse_apart",
    "premise_apart",
    "vocabulary",
    "words",
]
