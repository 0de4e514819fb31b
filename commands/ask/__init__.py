"""/ask: a question in the fan's own words, English or Spanish, answered from the data.

`knowledge.questions.parse` says what is asked; this module answers with the same queries and,
where they fit, the same renderers as the slash commands (/bracket for "who won the
Clausura?", /relegation for "Celaya's ratio"...), led by a one-sentence direct answer in the
message content. Every sentence is built from query results and worded by the catalog, so
nothing is stated that the data does not hold. What the data does not cover (other seasons,
other leagues, the regular season, relegation ranks the source leaves out) gets a polite "I
don't know" with examples of what can be asked, never a near miss.

The reply speaks the question's language when the words make it clear ("¿quién ganó?"), else
the reader's Discord language. The bot's @mention and DM handler calls `answer_question`.


The package: `handler` (entry points, dispatch, the slash command), `common` (lead sentence,
tie sentences, the refusal), `titles`, `matches`, `places` (answers by what is asked).
"""

from commands.ask.common import dont_know, is_dont_know
from commands.ask.handler import answer, answer_question, ask, ask_command, reply_locale

__all__ = [
    "answer",
    "answer_question",
    "ask",
    "ask_command",
    "dont_know",
    "is_dont_know",
    "reply_locale",
]
