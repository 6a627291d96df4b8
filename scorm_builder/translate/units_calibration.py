"""The translation units of calibration (format/calibration.py): the rubric's title, each criterion's name,
question and levels, and each calibration page's title, intro, transcript lines and the expert's reasons.
Criterion ids and scores are not text: the LMS reports them as they are. translate/units.py passes in its
``_text`` (one text's units) and its Markdown note, so this module imports nothing of it."""
from __future__ import annotations

from typing import Callable, Iterator

from scorm_builder.source.tree import Map, Seq


def rubric_units(tree: Map, _text: Callable) -> Iterator:
    """The units of the course's ``rubric:``, keyed by criterion id (``rubric.timing.levels.0``: score 0)."""
    rubric = tree.get("rubric")
    if not isinstance(rubric, Map):
        return
    yield from _text(rubric, "title", "rubric.title", ("The rubric's name, above the scoring form.",), 200)
    for c in (c for c in rubric.get("criteria") or () if isinstance(c, Map)):
        cid = f"rubric.{c.get('id')}"
        yield from _text(c, "title", f"{cid}.title", ("A rubric criterion's name.",), 60)
        yield from _text(c, "question", f"{cid}.question", (f"What the criterion {c.get('title')!r} asks.",), 200)
        levels = c.get("levels")
        for k in range(len(levels) if isinstance(levels, Seq) else 0):
            yield from _text(levels, k, f"{cid}.levels.{k}", (
                f"What earns score {k} on the criterion {c.get('title')!r}; shown beside the score.",), 300)


def calibration_units(page: Map, pid: str, _text: Callable, MARKDOWN: str) -> Iterator:  # noqa: N803
    """The units of a calibration page: ``pid.transcript.3`` (its third turn; a burst's messages
    ``pid.transcript.3.1``...) and ``pid.expert.timing.reason``."""
    setting = f"Calibration '{page.get('title')}': channel {page.get('channel', 'phone')}."
    yield from _text(page, "title", f"{pid}.title", ("A page heading.",), 200)
    for who in ("customer", "agent"):
        yield from _text(page, who, f"{pid}.{who}", (f"The {who}'s name (a proper name: keep it, or use one that "
                                                     "fits the language).",))
    yield from _text(page, "subject", f"{pid}.subject", (setting, "The subject line of the email thread."), 200)
    yield from _text(page, "intro", f"{pid}.intro", (setting, "Shown above the transcript.", MARKDOWN))
    for k, turn in enumerate(t for t in page.get("transcript") or () if isinstance(t, Map)):
        speaker = "customer" if "customer" in turn else "agent"
        said, key = turn.get(speaker), f"{pid}.transcript.{k + 1}"
        note = (setting, f"A line of the transcript the learner scores (speaker: the {speaker}).")
        if isinstance(said, Seq):
            for m in range(len(said)):
                yield from _text(said, m, f"{key}.{m + 1}", note)
        else:
            yield from _text(turn, speaker, key, note)
    expert = page.get("expert")
    for cid, score in (expert.items() if isinstance(expert, Map) else ()):
        if isinstance(score, Map):
            yield from _text(score, "reason", f"{pid}.expert.{cid}.reason", (
                setting, f"The expert's reason for the score on the criterion {cid!r}.", MARKDOWN))
