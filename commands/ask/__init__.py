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


The package: here the slash command; `handler` (reading a question, dispatch by what is
asked, the mention/DM path), `common` (lead sentence, tie sentences, the refusal), `titles`,
`matches`, `places` (answers by what is asked). The question reader and everything below
`handler` is imported with the first question, not with the command, so a console line that
asks for a result never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commands.context import Context
from commands.host import host_of
from commands.reply import Reply
from commands.slash import QuestionText, slash_command
from commands.text import unbroken_reply

if TYPE_CHECKING:
    import discord


async def ask(ctx: Context, question: str) -> Reply:
    """The /ask handler: read the question, answer it in its own language, every score and
    name held together as the slash commands hold them (`unbroken_reply`)."""
    from commands.ask.handler import read_and_answer

    return unbroken_reply(await read_and_answer(ctx, question))


@slash_command("ask", handler=ask, rest_of_line=True)
async def ask_command(
    interaction: discord.Interaction[Any],
    question: QuestionText,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, ask, question=question, private=private)
