"""A decided tie as embed lines: both legs, scorers, the aggregate and what it led to.

Shared by /result, /bracket and /path, which all show ties the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from commands import text as fmt
from commands.i18n import Tr, supported_locales, translator
from knowledge.models import Competition, DecisionMethod, RoundName, Season
from knowledge.store import Snapshot, prepare_every_snapshot
from knowledge.ties import TieOutcome

_NEXT_ROUND = {RoundName.QUARTERFINALS: RoundName.SEMIFINALS, RoundName.SEMIFINALS: RoundName.FINAL}


def consequence(season: Season, competition: Competition, outcome: TieOutcome, tr: Tr) -> str:
    """What winning the tie meant: the next round, the title, or promotion."""
    winner = fmt.short(season, outcome.winner)
    if outcome.round == RoundName.FINAL:
        if competition.kind == "promotion_final":
            return tr("tie.promoted", winner=winner, division=competition.promotes_to or "")
        return tr("tie.champion", winner=winner, competition=competition.name)
    next_round = _NEXT_ROUND[RoundName(outcome.round)]
    return tr("tie.advances", winner=winner, round=tr(f"round_in.{next_round}"))


def who_beat_whom(season: Season, competition: Competition, outcome: TieOutcome, tr: Tr) -> str:
    """`UdeG beat Necaxa 2–1 on aggregate in the Apertura 2013 final`: a tie in one line.

    The aggregate reads as the winning margin; a tie the aggregate did not decide names the
    stage first, then the whole decision ("…in the Clausura 2014 final: 1–1 on aggregate,
    4–3 on penalties"), so that a level score never reads as a win.
    """
    key = "aggregate" if outcome.method is DecisionMethod.AGGREGATE else "decided"
    return tr(
        f"result.lead.{key}",
        winner=fmt.short(season, outcome.winner),
        loser=fmt.short(season, outcome.loser),
        how=fmt.decision_text(outcome, tr),
        stage=tr(f"result.stage.{outcome.round}", competition=competition.name),
    )


def footnote(season: Season, ties: Iterable[tuple[Competition, TieOutcome]], tr: Tr) -> str | None:
    """One ℹ️ note for the end of a reply: where each recorded decision comes from and what
    the written rules alone would have given; None when every tie followed the rules."""
    notes = []
    for competition, outcome in ties:
        # Where the decision comes from first, then what the rules alone would have given.
        told = fmt.decision(season, outcome, tr)[1:][::-1]
        if told:
            notes.append(f"{tie_heading(competition, outcome, tr)}: {' '.join(told)}")
    return "ℹ️ " + " ".join(notes) if notes else None


def with_footnote(footer: str, note: str | None) -> str:
    """The embed's footer with the footnote, if any, as its last line."""
    return f"{footer}\n{note}" if note else footer


def tie_heading(competition: Competition, outcome: TieOutcome, tr: Tr) -> str:
    return f"{competition.name} · {fmt.round_name(tr, outcome.round)}"


def tie_lines(
    season: Season,
    competition: Competition,
    outcome: TieOutcome,
    tr: Tr,
    *,
    with_notes: bool = True,
) -> list[str]:
    """Both legs with scorers, then the decision in words, then its consequence.

    `with_notes=False` leaves out the decision's source and what the written rules alone would
    have given: the reply then carries them in its `footnote`, so that they do not read as a
    second, contradicting result in the middle of the tie.
    """
    if season.competitions_by_id.get(competition.id) is not competition:
        return _tie_lines(season, competition, outcome, tr, with_notes)
    key = (tie_lines, tr.locale, with_notes)
    return fmt.tie_memo(
        season, outcome, key, lambda: _tie_lines(season, competition, outcome, tr, with_notes)
    )


def _tie_lines(
    season: Season, competition: Competition, outcome: TieOutcome, tr: Tr, with_notes: bool
) -> list[str]:
    lines: list[str] = []
    for number, leg in enumerate(outcome.tie.legs, start=1):
        lines += fmt.leg_lines(season, leg, tr, number)
    decision = fmt.decision(season, outcome, tr)
    lines.append(f"**{decision[0]}**")
    if with_notes:
        lines += decision[1:]
    lines.append("→ " + consequence(season, competition, outcome, tr))
    return lines


@prepare_every_snapshot
def prepare_tie_lines(snapshot: Snapshot) -> None:
    """Every tie's lines in every language, worked out while a snapshot loads: /result,
    /bracket, /path and /champions all show ties, and a first question after a reload
    should not have to write them (a few ms per load, for some thirty ties)."""
    season = snapshot.season
    for locale in supported_locales():
        tr = translator(locale)
        for competition in season.competitions:
            for round_ in competition.rounds:
                for tie in round_.ties:
                    outcome = season.outcomes[id(tie)]
                    for with_notes in (True, False):
                        tie_lines(season, competition, outcome, tr, with_notes=with_notes)
