"""/ask's reading and answering: the question read, the answer by intent, the mention/DM path."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from commands.ask.common import (
    FIGURE,
    absent_reply,
    dont_know,
    is_dont_know,
    led_by,
    reading_button,
    reason_line,
)
from commands.ask.matches import decision, path, player_goals, result, scorers_answer, top_scorer
from commands.ask.parts import precise
from commands.ask.places import (
    bracket_answer,
    changes_answer,
    club_answer,
    format_answer,
    season_dates,
    stadium,
    stadium_extreme,
    unknown,
)
from commands.ask.plans import (
    absent_club,
    claims_reply,
    greeting_reply,
    plain,
    played_words,
    premise_line,
    query_reply,
    rule_fact,
    unlisted_neighbour,
    verdict_reply,
)
from commands.ask.titles import both_champions, champion, promoted, relegated, relegation
from commands.context import Context
from commands.i18n import (
    Locale,
    Tr,
    base_locale,
    language_of,
    languages,
    translator,
)
from commands.reply import Reply
from commands.text import WORD_JOINER, and_list, or_list
from knowledge.models import Season
from knowledge.plans.model import ClaimKind
from knowledge.questions import (
    Intent,
    LanguageGuess,
    OutOfScope,
    Part,
    Question,
    claims_apart,
    contrast_apart,
    counted_apart,
    detect_language,
    extremes_apart,
    listed_apart,
    parse,
    parse_apart,
    premise_apart,
    words,
)
from knowledge.questions.roles import read_roles
from knowledge.questions.words import MAX_QUESTION_CHARS, questions_apart

_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")

# ---------------------------------------------------------------------------------------------
# Entry points


async def read_and_answer(ctx: Context, question: str) -> Reply:
    """What /ask answers (`commands.ask.ask`): read the question, answer it in its own
    language."""
    knowledge = ctx.knowledge
    if len(question) > MAX_QUESTION_CHARS:
        # Never cut a question short and answer the rest: say so, and what the limit is.
        return _too_long(ctx, question)
    # What a message is read with, part by part: the season, its names, its words.
    reading = (knowledge.season, knowledge.clubs, knowledge.tournaments, knowledge.lexicon)

    glanced = parse(question, *reading, with_plan=False)
    said_in = LanguageGuess(glanced.language, glanced.language_clear)

    # Each text is read once per message: the ways of taking a message apart read some of
    # the same pieces (a reading is pure: the same text, the same question).
    read_before: dict[str, Question] = {}
    glanced_before: dict[str, Question] = {}

    def read(text: str) -> Question:  # the message, or a piece of it: in its language
        if text not in read_before:
            read_before[text] = parse(text, *reading, language=said_in)
        return read_before[text]

    def glance(text: str) -> Question:
        if text not in glanced_before:
            glanced_before[text] = parse(text, *reading, with_plan=False, language=said_in)
        return glanced_before[text]

    tr = translator(_locale(glanced.language, glanced.language_clear, ctx.tr.locale))
    if not question.strip():
        # Nothing asked is a usage slip, not a question: only the asker sees the reply.
        reply = dont_know(knowledge.season, glanced, tr, reason=tr("ask.empty"))
        return dataclasses.replace(reply, ephemeral=True)
    planned: list[Question] = []

    def read_whole() -> Question:  # planned once, if at all before the end
        if not planned:
            planned.append(parse(question, *reading))  # planned on its glance
        return planned[0]

    if glanced.reason is not OutOfScope.AMBIGUOUS_CLUB and len(questions_apart(question)) < 2:
        # Things listed with no "?" between them, each answered: settled on glances, before
        # the message is planned whole, which such a line does not need.
        listed = listed_apart(
            question,
            read,
            whole=glanced,
            vocabulary=knowledge.lexicon.vocabulary,
            glance=glance,
            refused=lambda: read_whole().intent is Intent.UNKNOWN,
        )
        answered = _one_by_one(knowledge.season, listed, tr) if listed else None
        if answered is not None:
            return answered
    parsed = read_whole()
    if parsed.reason is OutOfScope.AMBIGUOUS_CLUB:
        which = _which(ctx, question, parsed, tr)
        if which is not None:
            return which
    by_role = _by_role(ctx, question, parsed, read, tr, glance=glance)
    if by_role is not None:
        return by_role
    apart = parse_apart(question, *reading, whole=parsed) or extremes_apart(
        question, read, whole=parsed, vocabulary=knowledge.lexicon.vocabulary
    )
    if apart:
        return _one_by_one(knowledge.season, apart, tr) or answer(knowledge.season, parsed, tr)
    premised = premise_apart(question, read, whole=parsed, vocabulary=knowledge.lexicon.vocabulary)
    if premised is not None:
        return _premised(knowledge.season, *premised, tr)
    clauses = claims_apart(question, read, whole=parsed)
    if len(clauses) == 1:  # a clause no claim reads: the whole refused on its words
        return answer(knowledge.season, clauses[0], tr)
    if clauses:
        return claims_reply(knowledge.season, clauses, tr)
    contrasted = contrast_apart(question, read, whole=parsed) or counted_apart(
        question, read, whole=parsed, vocabulary=knowledge.lexicon.vocabulary
    )
    if contrasted is not None:
        return answer(knowledge.season, contrasted, tr)
    if parsed.unaccounted and parsed.reason in WORDS_NOT_READ:
        offered = _without(ctx, question, parsed, tr)
        if offered is not None:
            return offered
    return answer(knowledge.season, parsed, tr)


ROLE_INTENTS = frozenset({Intent.CHAMPION, Intent.PROMOTED, Intent.RELEGATED, Intent.UNKNOWN})
"""What a question asks when it asks the role itself ("who was the Apertura champion?")."""


def _by_role(
    ctx: Context,
    question: str,
    parsed: Question,
    read: Callable[[str], Question],
    tr: Tr,
    *,
    glance: Callable[[str], Question],
) -> Reply | None:
    """A club named by its role ("capacidad del estadio del campeón del Clausura"): the
    question read with the clubs in the role's place, when that reading asks something
    the role's own answer does not (never "who was the champion?", which asks the role);
    the reply says whom it read."""
    season = ctx.knowledge.season
    roles = read_roles(question, season, ctx.knowledge.lexicon, tr("ask.role.and"))
    if roles is None:
        return None
    if glance(roles.text).intent in ROLE_INTENTS:
        return None  # known before any plan: the role itself is asked
    reread = read(roles.text)  # planned on that glance, read once
    if reread.intent in ROLE_INTENTS or (
        parsed.intent in ROLE_INTENTS and reread.intent is Intent.CLUB
    ):
        return None
    reply = answer(season, reread, tr)
    if is_dont_know(reply, tr) or not reply.content:
        return None
    said = "; ".join(
        tr(
            "ask.role.read",
            role=tr(f"ask.role.{role.role}", competition=season.competition(role.tournament).name)
            if role.tournament
            else tr(f"ask.role.{role.role}"),  # the season's: "the promoted club"
            clubs=and_list([season.club(club).said_name for club in role.clubs], tr),
        )
        for role in roles.roles
    )
    return dataclasses.replace(reply, content=f"{reply.content}\n{said}")


def _premised(season: Season, premise: Question, asked: Question, tr: Tr) -> Reply:
    """The question asked after a premise ("Tecos won the Clausura, did they go up?"):
    its answer, after the premise's correction when the premise is false."""
    reply = answer(season, asked, tr)
    assert premise.plan.claim is not None  # `premise_apart` reads only claims
    correction = premise_line(season, premise.plan.claim, tr)
    if correction is None or is_dont_know(reply, tr) or not reply.content:
        return reply
    return led_by(f"{correction}\n{reply.content}", reply)


def _one_by_one(season: Season, questions: tuple[Question, ...], tr: Tr) -> Reply | None:
    """Several questions in one message, each answered in order: one lead line after
    another, over the first answer's embed. None when one of them has no answer (the
    message is then answered as one question)."""
    replies = [answer(season, question, tr) for question in questions]
    if any(is_dont_know(reply, tr) or not reply.content for reply in replies):
        return None
    leads: list[str] = []
    for reply in replies:
        lead = reply.content or ""
        figures = set(FIGURE.findall(lead.replace(WORD_JOINER, "")))
        said = set(FIGURE.findall("".join(leads).replace(WORD_JOINER, "")))
        if lead not in leads and not (figures and figures <= said):
            leads.append(lead)  # "who went down? and their ratio?": the ratio is said once
    return led_by("\n".join(leads), replies[0])


WORDS_NOT_READ = (OutOfScope.NOT_UNDERSTOOD, OutOfScope.UNKNOWN_PLAYER)


def _which(ctx: Context, question: str, parsed: Question, tr: Tr) -> Reply | None:
    """A word several clubs' names share ("Estudiantes"): the question asked back, with one
    button per club it reads as (never a guess between them)."""
    knowledge = ctx.knowledge
    word, clubs = parsed.ambiguous[0]
    buttons = []
    for club in clubs:
        name = knowledge.season.club(club).said_name
        text = " ".join(name if token == word else token for token in words(question))
        reading = parse(
            text, knowledge.season, knowledge.clubs, knowledge.tournaments, knowledge.lexicon
        )
        button = reading_button(text, name) if reading.intent is not Intent.UNKNOWN else None
        if button is not None:
            buttons.append(button)
    if not buttons:
        return None
    names = [knowledge.season.club(club).name for club in clubs]
    lead = tr("ask.which", word=word, clubs=or_list(names, tr))
    # A reply the asker must act on (which club, which reading, a shorter text) is theirs
    # alone; an answer, "not in the data" included, is for the channel.
    return Reply(content=lead, components=(tuple(buttons),), ephemeral=True)


def _too_long(ctx: Context, question: str) -> Reply:
    tr = translator(reply_locale(question[:MAX_QUESTION_CHARS], ctx.tr.locale))
    reason = tr("ask.too_long", length=tr.number(len(question)), limit=MAX_QUESTION_CHARS)
    stub = Question(text=question, intent=Intent.UNKNOWN, language="en", language_clear=False)
    reply = dont_know(ctx.knowledge.season, stub, tr, reason=reason)
    return dataclasses.replace(reply, ephemeral=True)


def _without(ctx: Context, question: str, parsed: Question, tr: Tr) -> Reply | None:
    """A question held up by words the reader does not know: when it reads without them,
    say which words and offer that reading as one click (never answer as if they were not
    there)."""
    knowledge = ctx.knowledge
    skipped = frozenset(parsed.unaccounted)
    reading = parse(
        question,
        knowledge.season,
        knowledge.clubs,
        knowledge.tournaments,
        knowledge.lexicon,
        skipped=skipped,
    )
    if reading.intent is Intent.UNKNOWN and not reading.plan.greeting:
        return None
    text = " ".join(word for word in words(question) if word not in skipped)
    caption = tr("ask.without", word=", ".join(parsed.unaccounted))
    button = reading_button(text, caption)
    if button is None:
        return None
    refusal = dont_know(knowledge.season, parsed, tr)
    embed = dataclasses.replace(
        refusal.embeds[0], description=reason_line(knowledge.season, parsed, tr), footer=None
    )
    return Reply(embeds=(embed,), components=((button,),), ephemeral=True)


async def answer_question(ctx: Context, text: str) -> Reply:
    """For the bot's @mention and DM handler: the message text, mentions taken out."""
    return await read_and_answer(ctx, " ".join(_MENTION.sub(" ", text).split()))


def reply_locale(question: str, fallback: Locale) -> Locale:
    """The locale to answer `question` in: its own language when clear, else `fallback`."""
    guess = detect_language(question)
    return _locale(guess.language, guess.clear, fallback)


def _locale(language: str, clear: bool, fallback: Locale) -> Locale:
    """The question's language, in the reader's own variety of it where she reads that
    language (Spain's Spanish reader keeps hers), else in the variety its catalog is written
    in: Spanish questions read like Mexican fans write, and `es.yaml` is es-419."""
    if not clear or language not in languages():
        return fallback
    if language_of(fallback) == language:
        return fallback
    return base_locale(language)


def count(season: Season, question: Question, tr: Tr) -> Reply:
    """A count no part answered: goals are the scorers' tally; anything else is not known."""
    if Part.GOALS in question.parts:
        return scorers_answer(season, question, tr, counting=True)
    return unknown(season, question, tr)


def answer(season: Season, question: Question, tr: Tr) -> Reply:
    """The reply to a parsed question (pure: the benchmark and tests call it directly): a
    greeting's, a yes/no verdict, a query's result, or the answer by intent, a false premise
    corrected first."""
    plan = question.plan
    if plan.greeting:
        return greeting_reply(question, tr)
    if plan.yes_no and plan.claim is not None:
        return verdict_reply(season, question, plan.claim, tr, by_intent(season, question, tr))
    if plan.query is not None:
        absent = absent_club(season, plan.query)
        if absent is not None:
            played = played_words(season, dataclasses.replace(plan.query.scope, clubs=()), tr)
            return absent_reply(season, question, absent, played, tr)
        unlisted = unlisted_neighbour(season, plan.query, tr)
        if unlisted is not None:
            return dont_know(season, question, tr, reason=unlisted)
        return query_reply(season, plan.query, tr)
    if plan.claim is not None and plan.claim.kind is ClaimKind.RULE and not plan.premise:
        # A rule asked for ("who hosts the 2nd leg?"): stated, over the season's format.
        rule = rule_fact(season, plan.claim.query.scope, plan.claim.subject or "", tr)
        return led_by(rule, format_answer(season, question, tr))
    if plan.premise and plan.claim is not None and plan.claim.subject not in season.clubs_by_id:
        correction = premise_line(season, plan.claim, tr)
        if correction is not None:  # about a club gone from the league: its changes
            return led_by(correction, changes_answer(season, question, tr))
    reply = by_intent(season, question, tr)
    if plan.premise and plan.claim is not None:
        correction = premise_line(season, plan.claim, tr)
        if correction is not None and is_dont_know(reply, tr):
            # The answer by intent could not take the premise ("why did Mérida go down?"):
            # the correction stands with what settles it, never over a "don't know".
            settled = query_reply(season, plan.claim.query, tr)
            return led_by(correction, settled)
        if correction is not None:
            # The answer by intent follows unless it only says the same thing again.
            said = reply.content or ""
            again = said and plain(said)[:40] in correction
            reply = led_by("\n".join(filter(None, [correction, None if again else said])), reply)
    return reply


def by_intent(season: Season, question: Question, tr: Tr) -> Reply:
    """The answer by intent: the part asked leads where one is asked; a second part asked
    beside the first ("who went up and who went down?") adds its own lead sentence."""
    reply = precise(season, question, tr) or _ANSWERS[question.intent](season, question, tr)
    if question.intent is Intent.CHAMPION and len(question.tournaments) > 1:
        reply = both_champions(season, question, tr) or reply
    leads = [reply.content] if reply.content else []
    for other in question.also:
        asked = dataclasses.replace(question, intent=other, also=())
        more = precise(season, asked, tr) or _ANSWERS[other](season, asked, tr)
        if more.content and not is_dont_know(more, tr):
            leads.append(more.content)
    if len(leads) > 1:
        reply = led_by("\n".join(leads), reply)
    return reply


_ANSWERS: dict[Intent, Callable[[Season, Question, Tr], Reply]] = {
    Intent.CHAMPION: champion,
    Intent.PROMOTED: promoted,
    Intent.RELEGATED: relegated,
    Intent.RESULT: result,
    Intent.SCORERS: scorers_answer,
    Intent.TOP_SCORER: top_scorer,
    Intent.PLAYER_GOALS: player_goals,
    Intent.STADIUM: stadium,
    Intent.CLUB_AT: stadium,
    Intent.STADIUM_EXTREME: stadium_extreme,
    Intent.RELEGATION: relegation,
    Intent.PATH: path,
    Intent.DECISION: decision,
    Intent.SEASON_DATES: season_dates,
    Intent.FORMAT: format_answer,
    Intent.CHANGES: changes_answer,
    Intent.BRACKET: bracket_answer,
    Intent.CLUB: club_answer,
    Intent.COUNT: count,
    Intent.UNKNOWN: unknown,
}
