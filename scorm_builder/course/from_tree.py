"""The model from a course tree that passed every check: typed objects, each with its Source.

The tree has the format's defaults filled in (format/course.py states them, once), so values
are read as they are; what is computed here is what depends on other keys: a text page's
automatic id, a scenario's retry (the course's scenario_retry unless the page says), a
dialogue's start (its first node unless the page says), the assessment's draw (the whole pool
unless the course says; per principle, that many times the principle groups), completion, and the letter keys of options, choices and answers.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Sequence

from scorm_builder.course.from_tree_reply import reply_of, reply_page
from scorm_builder.course.model import (
    QUESTION_KINDS,
    Answer,
    Assessment,
    Asset,
    Avatar,
    Callout,
    Choice,
    Course,
    Customer,
    DebriefLine,
    DialoguePage,
    Ending,
    Image,
    Item,
    Lesson,
    LintSettings,
    Node,
    Option,
    Page,
    Pair,
    Principle,
    Question,
    QuestionFeedback,
    Quote,
    ScenarioPage,
    Source,
    Stat,
    TextPage,
)
from scorm_builder.course.model_calibration import Rubric, calibration_from_tree, rubric_from_tree
from scorm_builder.course.model_media import Captions, Media, MediaPage
from scorm_builder.course.practice import completion_of, confidence_page, default_next, practice_from_tree
from scorm_builder.format.media import MEDIA_BUDGET_MB, media_kind, mime_type
from scorm_builder.source.loader import Map, Seq

_NO_FILES: MappingProxyType = MappingProxyType({})


def course_from_tree(clean: Map, assets: dict[str, Asset], company: Any = None,
                     linked: Sequence[Asset] = (), reuse: Any = None) -> Course:
    """The Course of a checked tree; ``assets``: each image path as written -> its checked Asset; ``linked``:
    the files its text links to; ``reuse``: the pages' models made before for a batch's course (course/reuse.py)."""
    rubric = rubric_from_tree(clean.get("rubric"), source_of)
    made = (reuse, tuple(sorted(assets.items()))) if reuse is not None else None
    lessons = tuple(_lesson(lesson, f"lessons[{i}]", clean["scenario_retry"], assets, rubric, made)
                    for i, lesson in enumerate(clean["lessons"]))
    assessment = _assessment(clean["assessment"], "assessment", assets) if "assessment" in clean else None
    return Course(
        id=clean["id"], title=clean["title"], version=clean["version"], language=clean["language"],
        description=clean.get("description", ""), audience=clean.get("audience", ""),
        duration_minutes=clean.get("duration_minutes"),
        completion=completion_of(clean.get("completion"), assessment is not None),
        lms_mastery_score=clean["lms_mastery_score"], scenario_retry=clean["scenario_retry"],
        principles=tuple(Principle(p["id"], p["title"], source_of(p, f"principles[{i}]"))
                         for i, p in enumerate(clean.get("principles") or ())),
        lessons=lessons, assessment=assessment,
        assets=tuple(sorted({a.href: a for a in (*assets.values(), *linked)}.values(), key=lambda a: a.href)),
        lint=_lint(clean), source=source_of(clean, ""), company=company,
        publisher_iri=clean.get("publisher_iri", ""), navigation=clean.get("navigation", "free"),
        media_budget_mb=clean.get("media_budget_mb", MEDIA_BUDGET_MB),
        practice=practice_from_tree(clean),
    )


def source_of(node: Map, key: str) -> Source:
    """Where ``node`` (at key path ``key``) and each of its values were written."""
    line, column = node.pos
    files = getattr(node, "val_src", None)
    return Source(node.src, line, column, key, MappingProxyType(node.val_pos),
                  MappingProxyType(files) if files else _NO_FILES)


def _lesson(lesson: Map, path: str, retry: bool, assets: dict[str, Asset], rubric: Rubric | None = None,
            made: tuple[Any, tuple] | None = None) -> Lesson:
    pages: list[Page] = []
    for j, page in enumerate(lesson["pages"]):
        ppath = f"{path}.pages[{j}]"
        pid = page.get("id") or f"{lesson['id']}-{j + 1}"
        # a page's model is made from the page, its place, id and retry, and the course's images (a calibration
        # also from the rubric: made again each time)
        key = (ppath, pid, retry, made[1]) if made is not None and page["type"] != "calibration" else None
        if key is not None and (known := made[0].page(page, key)) is not None:
            pages.append(known)
            continue
        if page["type"] == "text":
            pages.append(_text(page, ppath, pid, assets))
        elif page["type"] == "scenario":
            pages.append(_scenario(page, ppath, page.get("retry", retry), assets))
        elif page["type"] == "calibration":  # course/model_calibration.py
            pages.append(calibration_from_tree(page, ppath, page.get("retry", retry), rubric, source_of,
                                               _avatar(page, ppath, assets)))
        elif page["type"] == "media":
            pages.append(_media_page(page, ppath, pid, assets))
        elif page["type"] == "reply":
            pages.append(reply_page(page, ppath, page.get("retry", retry), _customer(page["customer"], f"{ppath}.customer",
                                    assets), _image(page.get("image"), f"{ppath}.image", assets), source_of))
        elif page["type"] == "confidence":  # course/practice.py
            pages.append(confidence_page(page, pid, source_of(page, ppath)))
        else:
            pages.append(_dialogue(page, ppath, assets))
        if key is not None:
            made[0].keep(page, key, pages[-1])
    return Lesson(lesson["id"], lesson["title"], tuple(pages), source_of(lesson, path))


def _text(page: Map, path: str, pid: str, assets: dict[str, Asset]) -> TextPage:
    image, callout, quote = page.get("image"), page.get("callout"), page.get("quote")
    return TextPage(
        id=pid, title=page["title"], body=page["body"],
        image=_image(image, f"{path}.image", assets),
        stats=tuple(Stat(s["figure"], s["caption"], s["source"], source_of(s, f"{path}.stats[{k}]"))
                    for k, s in enumerate(page.get("stats") or ())),
        callout=Callout(callout["style"], callout["text"], source_of(callout, f"{path}.callout"))
        if callout is not None else None,
        quote=Quote(quote["text"], quote.get("by", ""), source_of(quote, f"{path}.quote"))
        if quote is not None else None,
        source=source_of(page, path))


def _image(image: Map | None, path: str, assets: dict[str, Asset]) -> Image | None:
    if image is None:
        return None
    return Image(assets[image["src"]].href, image.get("alt", ""), image.get("caption", ""), source_of(image, path),
                 image.get("decorative", False), image.get("placement", "below"))


def _customer(c: Map, path: str, assets: dict[str, Asset]) -> Customer:
    """A scenario's (or reply page's) customer at key path ``path``."""
    says, messages = _says(c["says"])
    return Customer(c.get("name", ""), says, c.get("context", ""), c.get("subject", ""), c["mood"],
                    source_of(c, path), messages, _avatar(c, path, assets), c["time"])


def _scenario(page: Map, path: str, retry: bool, assets: dict[str, Asset]) -> ScenarioPage:
    customer = _customer(page["customer"], f"{path}.customer", assets)
    options = tuple(Option(_key(k), o["text"], o["verdict"], o["feedback"], source_of(o, f"{path}.options[{k}]"))
                    for k, o in enumerate(page["options"]))
    return ScenarioPage(id=page["id"], title=page["title"], channel=page["channel"], customer=customer,
                        prompt=page["prompt"], principle=page.get("principle", ""), options=options, retry=retry,
                        scored=page["scored"], source=source_of(page, path), shuffle=page["shuffle"],
                        image=_image(page.get("image"), f"{path}.image", assets),
                        media=_media(page.get("media"), f"{path}.media", assets, page["title"]),
                        reply=reply_of(page.get("reply"), f"{path}.reply", source_of))


def _media(node: Map | None, path: str, assets: dict[str, Asset], title: str) -> Media | None:
    """A ``media:`` mapping's Media; ``title``: its page's, the accessible name by default."""
    if node is None:
        return None
    asset, cap = assets[node["src"]], node.get("captions")
    captions = Captions(assets[cap["src"]].href, cap["language"], cap.get("label", ""),
                        source_of(cap, f"{path}.captions")) if cap is not None else None
    return Media(media_kind(node["src"]), asset.href, mime_type(node["src"]), node.get("title", title), captions,
                 node.get("transcript", ""), asset.source.stat().st_size, source_of(node, path))


def _media_page(page: Map, path: str, pid: str, assets: dict[str, Asset]) -> MediaPage:
    media = _media(page["media"], f"{path}.media", assets, page["title"])
    return MediaPage(pid, page["title"], page.get("body", ""), media, source_of(page, path))  # type: ignore[arg-type]


def _says(value: Any) -> tuple[str, tuple[str, ...]]:
    """(the words, each message of a burst): a list's messages joined by blank lines, and () for one text."""
    if isinstance(value, Seq):
        return "\n\n".join(value), tuple(value)
    return value or "", ()


def _avatar(holder: Map, path: str, assets: dict[str, Asset]) -> Avatar | None:
    value = holder.get("avatar")
    if value is None:
        return None
    if isinstance(value, Map):
        return Avatar("", assets[value["src"]].href, source_of(value, f"{path}.avatar"))
    return Avatar(value, "", source_of(holder, path))


def _dialogue(page: Map, path: str, assets: dict[str, Asset]) -> DialoguePage:
    nodes = tuple(_node(node, f"{path}.nodes[{i}]", assets) for i, node in enumerate(page["nodes"]))
    return DialoguePage(id=page["id"], title=page["title"], channel=page["channel"],
                        customer=page.get("customer", ""), intro=page.get("intro", ""), scores=tuple(page["scores"]),
                        start=page.get("start") or nodes[0].id, nodes=nodes, scored=page["scored"],
                        source=source_of(page, path), shuffle=page["shuffle"],
                        avatar=_avatar(page, path, assets), time=page["time"], subject=page.get("subject", ""),
                        score_labels=tuple((page.get("score_labels") or {}).items()))


def _node(node: Map, path: str, assets: dict[str, Asset]) -> Node:
    choices = tuple(Choice(_key(k), c["text"], default_next(c["next"]), tuple((c.get("effects") or {}).items()),
                           c.get("feedback", ""), source_of(c, f"{path}.choices[{k}]"))
                    for k, c in enumerate(node.get("choices") or ()))
    e = node.get("ending")
    ending = Ending(e["outcome"], e["title"], _debrief(e, f"{path}.ending"), source_of(e, f"{path}.ending")) \
        if e is not None else None
    says, messages = _says(node.get("customer"))
    return Node(node["id"], says, node.get("mood", ""), choices, ending, source_of(node, path), node["shuffle"],
                messages, _image(node.get("image"), f"{path}.image", assets))


def _debrief(ending: Map, path: str) -> tuple[DebriefLine, ...]:
    """The ending's debrief lines: one when the debrief is one text."""
    debrief = ending["debrief"]
    if isinstance(debrief, str):
        return (DebriefLine(debrief, None, None, source_of(ending, path), "debrief"),)
    lines = []
    for i, line in enumerate(debrief):
        cond = line.get("if") or {}
        lines.append(DebriefLine(line["text"], _pick(cond.get("chose")), _pick(cond.get("not_chose")),
                                 source_of(line, f"{path}.debrief[{i}]"), "text"))
    return tuple(lines)


def _pick(value: Any) -> tuple[str, str] | None:
    return (value[0], value[1]) if value else None


def _assessment(a: Map, path: str, assets: dict[str, Asset]) -> Assessment:
    questions = tuple(_question(q, f"{path}.questions[{i}]", assets) for i, q in enumerate(a["questions"]))
    draw = a.get("draw")
    per_principle = draw["per_principle"] if isinstance(draw, Map) else 0
    if per_principle:  # the rules made sure each group has that many
        draw = per_principle * len({q.principle for q in questions})
    return Assessment(title=a["title"], intro=a.get("intro", ""), pass_mark=a["pass_mark"], attempts=a["attempts"],
                      draw=draw or len(questions), per_principle=per_principle,
                      shuffle_questions=a["shuffle_questions"], shuffle_choices=a["shuffle_choices"],
                      feedback=a["feedback"], review=a["review"], reveal_answer=a["reveal_answer"],
                      questions=questions, source=source_of(a, path))


def _question(q: Map, path: str, assets: dict[str, Asset]) -> Question:
    fb = q.get("feedback")
    common: dict[str, Any] = dict(
        id=q["id"], text=q["text"], weight=q["weight"], principle=q.get("principle", ""), source=source_of(q, path),
        image=_image(q.get("image"), f"{path}.image", assets),
        feedback=QuestionFeedback(fb.get("correct", ""), fb.get("incorrect", ""), source_of(fb, f"{path}.feedback"))
        if fb is not None else None)
    kind = q["type"]
    if kind in ("single-choice", "multiple-response"):
        common["choices"] = tuple(Answer(_key(k), c["text"], c["correct"], c.get("feedback", ""),
                                         source_of(c, f"{path}.choices[{k}]")) for k, c in enumerate(q["choices"]))
    elif kind == "true-false":
        common["answer"] = q["answer"]
    elif kind == "matching":
        common["pairs"] = tuple(Pair(_key(k), p["left"], p["right"], source_of(p, f"{path}.pairs[{k}]"))
                                for k, p in enumerate(q["pairs"]))
    else:
        common["items"] = tuple(Item(_key(k), text, _item_source(q["items"], k, f"{path}.items[{k}]"))
                                for k, text in enumerate(q["items"]))
    return QUESTION_KINDS[kind](**common)


def _key(index: int) -> str:
    """a, b, c... (the rules keep options and answers to 26; past z come '{', '|' and so on)."""
    return chr(ord("a") + index)


def _item_source(items: Seq, index: int, key: str) -> Source:
    file, (line, column) = items.where(index)
    return Source(file, line, column, key)


def _lint(clean: Map) -> LintSettings:
    lint = clean.get("lint")
    if lint is None:
        return LintSettings((), (), (), source_of(clean, "").at("lint"))
    return LintSettings(tuple(lint.get("scripted_phrases") or ()), tuple(lint.get("sympathy_openers") or ()),
                        tuple(lint.get("when_not_to_principles") or ()), source_of(lint, "lint"))
