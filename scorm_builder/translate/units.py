"""Every translatable text of a course tree, as a unit: a stable id, the text, where it sits, and its context.

The tree is the course as written, with its shared pieces spliced in and nothing substituted, so a
translator sees ``{{ terms.agent }}`` and a translation goes back in before the placeholders are
filled. Ids are the id of the piece that holds the text, then the field: ``timing.title``,
``clues-billing-error.options.b.feedback``, ``fourth-call.opening.customer`` (dialogue, node, key),
``q-tone.choices.a.text``; options, choices, answers, pairs and items are keyed by their letter, as
the LMS reports them. A Markdown text is one unit per block (``segments``): a page body's blocks are
always numbered (``timing.body.1``, ``timing.body.2``), another Markdown text's only when it has more
than one (``q-tone.choices.a.feedback`` or ``...feedback.1``, ``...feedback.2``). The walk reads a tree that may not be valid yet and skips what it can't read.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Iterator

from scorm_builder.source.tree import Map, Seq
from scorm_builder.translate.segments import Segmented, segment
from scorm_builder.translate.units_calibration import calibration_units, rubric_units
from scorm_builder.translate.units_reply import reply_units

DESCRIPTION = 250  # an interaction description, which the LMS keeps to 250 characters
TITLE = 200  # the course format's limit on titles
MARKDOWN = ("Markdown: the markup is protected (**bold**, *italic*, `code`, [link text](target)): keep it around "
            "the translated words; translate a link's text, never its target.")
DESCRIBED = "The LMS report keeps its first 250 characters (the interaction description)."


@dataclass(frozen=True)
class Unit:
    """One text to translate: ``holder[key]`` is the text in the tree."""

    id: str
    text: str
    holder: Any  # the Map or Seq that holds the text
    key: Any  # its key (a Map) or index (a Seq)
    notes: tuple[str, ...] = ()
    maxwidth: int | None = None
    hard: bool = True  # maxwidth is the course format's limit (an error), not only the LMS's (a cut)
    markdown: bool = False  # a Markdown text's block: its inline markup is protected
    whole: Segmented | None = None  # the Markdown text the block is segment ``index`` of
    index: int = 0

    @property
    def file(self) -> str:
        """The YAML file the text was written in, as the tree names it."""
        return self.holder.where(self.key)[0]


def letter(index: int) -> str:
    return string.ascii_lowercase[index] if index < 26 else f"z{index}"


def course_units(tree: Map) -> Iterator[Unit]:
    """The units of a course tree, in course order."""
    for key, width in (("title", TITLE), ("description", None), ("audience", None), ("company_name", 100)):
        yield from _text(tree, key, f"course.{key}", (f"The course's {key.replace('_', ' ')}.",), width)
    for name, _value in _items(tree.get("terms")):
        yield from _text(tree["terms"], name, f"terms.{name}", (
            f"A term the course's texts use as {{{{ terms.{name} }}}}; a company profile may replace it.",), TITLE)
    for principle in _maps(tree.get("principles")):
        pid = principle.get("id")
        yield from _text(principle, "title", f"principles.{pid}.title", ("The name of a principle the course "
                                                                       "teaches, shown with each scenario.",))
    yield from rubric_units(tree, _text)
    for lesson in _maps(tree.get("lessons")):
        yield from _text(lesson, "title", f"{lesson.get('id')}.title", ("A lesson title.",), TITLE)
        for j, page in enumerate(_maps(lesson.get("pages"))):
            yield from page_units(page, page.get("id") or f"{lesson.get('id')}-{j + 1}")
    assessment = tree.get("assessment")
    if isinstance(assessment, Map):
        yield from _text(assessment, "title", "assessment.title", ("The assessment's heading.",), TITLE)
        yield from _text(assessment, "intro", "assessment.intro", ("Shown before the first question.", MARKDOWN))
        for question in _maps(assessment.get("questions")):
            yield from question_units(question)
    yield from aid_units(tree)


def aid_units(tree: Map) -> Iterator[Unit]:
    """The resources' titles and descriptions (by file name), the glossary's terms, other forms and definitions
    (by term), and the certificate's title and signature line (format/learner_aids.py)."""
    for item in _maps(tree.get("resources")):
        rid = f"resources.{_slug(str(item.get('file', '')).rpartition('/')[2])}"
        yield from _text(item, "title", f"{rid}.title", ("A file's name in the player's Resources list.",), 120)
        yield from _text(item, "description", f"{rid}.description", ("What the file is for, under its name.",), 250)
    for item in _maps(tree.get("glossary")):
        gid = f"glossary.{_slug(str(item.get('term', '')))}"
        yield from _text(item, "term", f"{gid}.term", ("A glossary term: the player marks its first use on each page "
                                                       "where the translated texts use it, written the same way.",), 80)
        for k, _form in enumerate(item.get("also") or ()):
            yield from _text(item["also"], k, f"{gid}.also.{k + 1}", ("Another form of the glossary term (a plural, "
                                                                     "a verb), as the translated texts write it.",), 80)
        yield from _text(item, "definition", f"{gid}.definition", ("The term's definition, shown where it is "
                                                                   "used.",), 400)
    certificate = tree.get("certificate")
    if isinstance(certificate, Map):
        yield from _text(certificate, "title", "certificate.title", ("The heading of the printable certificate.",), 120)
        yield from _text(certificate, "issuer", "certificate.issuer", ("The signature line of the certificate.",), 120)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "x"


def page_units(page: Map, pid: str) -> Iterator[Unit]:
    kind = page.get("type")
    if kind in ("scenario", "reply"):  # a reply page: a scenario without options
        yield from scenario_units(page, pid)
        if isinstance(page.get("reply"), Map):  # translate/units_reply.py
            yield from reply_units(page["reply"], pid, f"{kind.capitalize()} '{page.get('title')}': channel "
                                                       f"{page.get('channel')}.", _text, letter)
    elif kind == "dialogue":
        yield from dialogue_units(page, pid)
    elif kind == "calibration":  # translate/units_calibration.py
        yield from calibration_units(page, pid, _text, MARKDOWN)
    elif kind == "confidence":  # its title and intro; the ratings' words are the player's
        yield from _text(page, "title", f"{pid}.title", ("A page heading.",), TITLE)
        yield from _text(page, "intro", f"{pid}.intro", ("Shown above the confidence ratings.", MARKDOWN))
    else:
        yield from text_page_units(page, pid)
    yield from media_units(page, pid)  # a media page's or a scenario's media


def media_units(holder: Map, pid: str) -> Iterator[Unit]:
    """The name, transcript and captions label of a ``media:`` (the captions file is translated as a file)."""
    media = holder.get("media")
    if not isinstance(media, Map):
        return
    src = media.get("src")
    yield from _text(media, "title", f"{pid}.media.title", (f"The name screen readers give the player of {src}.",),
                     TITLE)
    yield from _text(media, "transcript", f"{pid}.media.transcript", (
        f"The transcript of {src}: everything it says and who says it, shown under the player.", MARKDOWN))
    if isinstance(media.get("captions"), Map):
        yield from _text(media["captions"], "label", f"{pid}.media.captions.label", (
            f"The name of the captions of {src} in the player's captions menu.",), 60)


def text_page_units(page: Map, pid: str) -> Iterator[Unit]:
    yield from _text(page, "title", f"{pid}.title", ("A page heading.",), TITLE)
    yield from _text(page, "body", f"{pid}.body", (f"The text of the page '{page.get('title')}'.", MARKDOWN),
                     numbered=True)
    yield from image_units(page, pid)
    for i, stat in enumerate(_maps(page.get("stats"))):
        said = f"The statistic {_quote(stat.get('figure'))} {_quote(stat.get('caption'))}."
        yield from _text(stat, "figure", f"{pid}.stats.{letter(i)}.figure", (
            "A figure shown big, read with its caption as one sentence; keep the number, write it as the "
            "language does (59 %, 59%).",), 12)
        yield from _text(stat, "caption", f"{pid}.stats.{letter(i)}.caption", (
            f"What the figure {_quote(stat.get('figure'))} means, read right after it as one sentence.",), 200)
        yield from _text(stat, "source", f"{pid}.stats.{letter(i)}.source", (
            f"Where the figure comes from, shown as a citation. {said}",), 120)
    callout = page.get("callout")
    if isinstance(callout, Map):
        yield from _text(callout, "text", f"{pid}.callout.text", (
            f"A highlighted box ({callout.get('style', 'note')}) under the page text.", MARKDOWN))
    quote = page.get("quote")
    if isinstance(quote, Map):
        yield from _text(quote, "text", f"{pid}.quote.text", ("A quotation.",))
        yield from _text(quote, "by", f"{pid}.quote.by", ("Who said the quotation.",))


def image_units(holder: Map, pid: str) -> Iterator[Unit]:
    """The alt text and caption of the image of a text page, scenario or question."""
    image = holder.get("image")
    if isinstance(image, Map):
        yield from _text(image, "alt", f"{pid}.image.alt", (
            f"The text alternative of the image {image.get('src')}, read by screen readers in place of it.",), 250)
        yield from _text(image, "caption", f"{pid}.image.caption", ("The caption under the image.",))


def scenario_units(page: Map, pid: str) -> Iterator[Unit]:
    customer = page.get("customer") if isinstance(page.get("customer"), Map) else Map()
    setting = (f"Scenario '{page.get('title')}': channel {page.get('channel')}; the customer's mood: "
               f"{customer.get('mood', 'neutral')}.")
    about = _who(customer.get("name")) + (f" What the agent knows: {customer['context']}" if
                                          isinstance(customer.get("context"), str) else "")
    yield from _text(page, "title", f"{pid}.title", (setting,), TITLE)
    yield from _text(customer, "name", f"{pid}.customer.name", ("The customer's name (a proper name: keep it, or "
                                                                "use one that fits the language).",))
    yield from _text(customer, "subject", f"{pid}.customer.subject", (setting, "The subject line of the "
                                                                      "customer's email."))
    yield from _messages(customer, "says", f"{pid}.customer.says", (setting, f"Speaker: the customer.{about}"))
    yield from _text(customer, "context", f"{pid}.customer.context", (setting, "What the agent knows before "
                                                                      "answering; not said aloud."))
    yield from _text(page, "prompt", f"{pid}.prompt", (setting, "The question to the learner.", DESCRIBED),
                     DESCRIPTION, hard=False)
    yield from image_units(page, pid)
    said = _quote(customer.get("says"))
    for i, option in enumerate(_maps(page.get("options"))):
        key, verdict = f"{pid}.options.{letter(i)}", option.get("verdict")
        principle = f"; principle: {page['principle']}" if isinstance(page.get("principle"), str) else ""
        yield from _text(option, "text", f"{key}.text", (
            f"A reply the learner may choose (speaker: the agent); verdict: {verdict}{principle}.",
            f"The customer said: {said}"))
        yield from _text(option, "feedback", f"{key}.feedback", (
            f"Why the reply {_quote(option.get('text'))} is {verdict}{principle}.", MARKDOWN))


def dialogue_units(page: Map, pid: str) -> Iterator[Unit]:
    nodes = list(_maps(page.get("nodes")))
    setting = f"Dialogue '{page.get('title')}': channel {page.get('channel', 'phone')}."
    yield from _text(page, "title", f"{pid}.title", (setting,), TITLE)
    yield from _text(page, "customer", f"{pid}.customer", ("The customer's name (a proper name: keep it, or use "
                                                           "one that fits the language).",))
    yield from _text(page, "intro", f"{pid}.intro", (setting, "The set-up shown before the first line.", MARKDOWN))
    for name, _label in _items(page.get("score_labels")):
        yield from _text(page["score_labels"], name, f"{pid}.score_labels.{name}", (
            setting, f"The name of the score '{name}', shown as a meter in the dialogue's debrief.",), 60)
    start = page.get("start") or (nodes[0].get("id") if nodes else None)
    before = _predecessors(nodes)
    for node in nodes:
        yield from node_units(node, f"{pid}.{node.get('id')}", setting, page.get("customer"),
                              before.get(node.get("id"), []), node.get("id") == start)


def node_units(node: Map, key: str, setting: str, name: Any, before: list[str], first: bool) -> Iterator[Unit]:
    nid = node.get("id")
    mood = f"; the customer's mood here: {node['mood']}" if isinstance(node.get("mood"), str) else ""
    lead = ["The conversation opens with this line."] if first else []
    yield from image_units(node, key)
    yield from _messages(node, "customer", f"{key}.customer", (
        f"{setting} Node '{nid}'{mood}.", f"Speaker: the customer.{_who(name)}", *lead, *before, DESCRIBED),
        DESCRIPTION, hard=False)
    said = _quote(node.get("customer"))
    for i, choice in enumerate(_maps(node.get("choices"))):
        ckey = f"{key}.choices.{letter(i)}"
        yield from _text(choice, "text", f"{ckey}.text", (
            f"{setting} Node '{nid}', choice {letter(i)}: what the agent says (the learner chooses it), answering "
            f"the customer's {said}; it leads to node '{choice.get('next')}'.",))
        yield from _text(choice, "feedback", f"{ckey}.feedback", (
            f"Feedback on the agent's choice {_quote(choice.get('text'))}, shown in the debrief.", MARKDOWN))
    ending = node.get("ending")
    if isinstance(ending, Map):
        outcome = f"{setting} The ending at node '{nid}' (outcome: {ending.get('outcome')})."
        yield from _text(ending, "title", f"{key}.ending.title", (outcome, *before), TITLE)
        yield from _debrief(ending, f"{key}.ending.debrief", outcome)


def _debrief(ending: Map, key: str, outcome: str) -> Iterator[Unit]:
    debrief = ending.get("debrief")
    if not isinstance(debrief, Seq):
        yield from _text(ending, "debrief", key, (outcome, "What the learner should take from it.", MARKDOWN))
        return
    for i, line in enumerate(debrief):
        note = (outcome, f"Debrief line {i + 1}.", MARKDOWN)
        if isinstance(line, Map):
            shown = _condition(line.get("if"))
            yield from _text(line, "text", f"{key}.{i + 1}", note + ((shown,) if shown else ()))
        elif isinstance(line, str):
            yield from _text(debrief, i, f"{key}.{i + 1}", note)


def question_units(question: Map) -> Iterator[Unit]:
    qid, kind = question.get("id"), question.get("type")
    yield from _text(question, "text", f"{qid}.text", (f"An assessment question ({kind}).", MARKDOWN, DESCRIBED),
                     DESCRIPTION, hard=False)
    asked = f"The question: {_quote(question.get('text'))}"
    yield from image_units(question, str(qid))
    for i, answer in enumerate(_maps(question.get("choices"))):
        right = "a correct answer" if answer.get("correct") is True else "a wrong answer"
        yield from _text(answer, "text", f"{qid}.choices.{letter(i)}.text", (f"Answer {letter(i)}, {right}.", asked))
        yield from _text(answer, "feedback", f"{qid}.choices.{letter(i)}.feedback", (
            f"Shown when answer {_quote(answer.get('text'))} is chosen.", MARKDOWN))
    for i, pair in enumerate(_maps(question.get("pairs"))):
        for side, what in (("left", "a prompt"), ("right", "its match")):
            yield from _text(pair, side, f"{qid}.pairs.{letter(i)}.{side}", (
                f"Matching pair {letter(i)}: {what}.", asked))
    items = question.get("items")
    for i, item in enumerate(items if isinstance(items, Seq) else ()):
        if isinstance(item, str):
            yield from _text(items, i, f"{qid}.items.{letter(i)}", (
                f"Item {i + 1} of {len(items)} in the correct order.", asked))
    feedback = question.get("feedback")
    if isinstance(feedback, Map):
        for key in ("correct", "incorrect"):
            yield from _text(feedback, key, f"{qid}.feedback.{key}", (
                f"Shown when the answer is {'right' if key == 'correct' else 'wrong'}.", asked, MARKDOWN))


def _text(holder: Any, key: Any, uid: str, notes: tuple[str, ...], maxwidth: int | None = None,
          hard: bool = True, numbered: bool = False) -> Iterator[Unit]:
    """The unit of ``holder[key]`` when it is a text; a Markdown text's (``MARKDOWN`` in its notes) one per block."""
    if isinstance(holder, Map):
        value = holder.get(key)
    elif isinstance(holder, Seq) and isinstance(key, int) and key < len(holder):
        value = holder[key]
    else:
        return
    if not isinstance(value, str) or not value.strip():
        return
    if MARKDOWN not in notes:
        yield Unit(uid, value, holder, key, notes, maxwidth, hard)
        return
    whole = segment(value)
    slots = whole.slots
    if len(slots) == 1 and not numbered:
        yield Unit(uid, slots[0].text, holder, key, notes, maxwidth, hard, True, whole, 0)
        return
    for i, slot in enumerate(slots):
        where = (f"Block {i + 1} of {len(slots)} of this Markdown text: {slot.kind}."
                 + (f" It follows: {_quote(slots[i - 1].text)}" if i else ""))
        yield Unit(f"{uid}.{i + 1}", slot.text, holder, key, notes + (where,), maxwidth if len(slots) == 1 else None,
                   hard, True, whole, i)


def _messages(holder: Map, key: str, uid: str, notes: tuple[str, ...], maxwidth: int | None = None,
              hard: bool = True) -> Iterator[Unit]:
    """The unit of a customer's words, or of each message of a burst (a list): ``<uid>.1``, ``<uid>.2``..."""
    burst = holder.get(key)
    if not isinstance(burst, Seq):
        yield from _text(holder, key, uid, notes, maxwidth, hard)
        return
    for i in range(len(burst)):
        yield from _text(burst, i, f"{uid}.{i + 1}", (*notes, f"Message {i + 1} of {len(burst)}, sent one after "
                                                     "the other."), maxwidth, hard)


def _predecessors(nodes: list[Map]) -> dict[Any, list[str]]:
    """node id -> a note for each choice that leads to it: the line before and the choice."""
    out: dict[Any, list[str]] = {}
    for node in nodes:
        for i, choice in enumerate(_maps(node.get("choices"))):
            nexts = choice.get("next")  # a node id, or routes by score (format/practice.py), each a way on
            for target in [r.get("next") for r in _maps(nexts)] if isinstance(nexts, Seq) else [nexts]:
                out.setdefault(target, []).append(
                    f"Comes after node '{node.get('id')}', choice {letter(i)}: the customer said "
                    f"{_quote(node.get('customer'))} and the agent answered {_quote(choice.get('text'))}.")
    return out


def _condition(condition: Any) -> str:
    if not isinstance(condition, Map):
        return ""
    parts = [f"{'took' if key == 'chose' else 'did not take'} node {pick[0]}, choice {pick[1]}"
             for key in ("chose", "not_chose") if isinstance(pick := condition.get(key), Seq) and len(pick) == 2]
    return f"Shown only on the paths that {' and '.join(parts)}." if parts else ""


def _who(name: Any) -> str:
    return f" The customer's name: {name}." if isinstance(name, str) else ""


def _quote(text: Any) -> str:
    if isinstance(text, Seq) and all(isinstance(t, str) for t in text):  # a burst of messages
        text = " / ".join(text)
    if not isinstance(text, str):
        return "(nothing)"
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= 160 else text[:157] + '...'}\u201d"


def _maps(value: Any) -> Iterator[Map]:
    for item in value if isinstance(value, Seq) else ():
        if isinstance(item, Map):
            yield item


def _items(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Map):
        yield from ((k, v) for k, v in value.items() if isinstance(v, str))
