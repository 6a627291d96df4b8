"""Company profiles (courses/companies/<id>.yaml): branding, terms and changes to a course by id.

A profile is applied to a course tree that the course format has already checked; what it
adds or replaces is checked again with the same format, and a wrong field is reported at its
line in the profile.
"""
from __future__ import annotations

import re
from pathlib import Path

from scorm_builder.course import contrast
from scorm_builder.course.model import Asset
from scorm_builder.course.record import field, record
from scorm_builder.format.profile import FONTS, PROFILE
from scorm_builder.format.spec import Ctx, did_you_mean
from scorm_builder.source.loader import LoadError, Map, Seq, clone, load_yaml
from scorm_builder.source.profile_course import label, note
from scorm_builder.source.profile_glossary import merge_glossary
from scorm_builder.source.profile_resources import merge_resources
from scorm_builder.source.shared import SharedTree
from scorm_builder.source.theme import load_theme

PAGE_BG = "#ffffff"  # the player's page background
ON_PRIMARY = "#ffffff"  # text on primary-coloured buttons and the header
# Where each brand colour is used, against what, and the WCAG AA minimum there.
COLOUR_USES = (
    ("primary", "button and header backgrounds behind white text", ON_PRIMARY, 4.5),
    ("primary", "links and headings on the white page", PAGE_BG, 4.5),
    ("accent", "focus rings and progress bars on the white page", PAGE_BG, 3.0),
)


@record
class Company:
    """What a profile changes beyond the course text."""

    id: str
    name: str
    source: str
    sha256: str
    primary: str | None = None
    accent: str | None = None
    font: str = FONTS["system"]
    logo: Asset | None = None
    logo_alt: str = ""
    theme: tuple[Asset, ...] = ()  # static files from the profile's theme folder, by package path
    terms: dict[str, str] = field(default_factory=dict)
    lms: str = ""  # the LMS profile its packages are built for (scorm_builder/lms.py); "": generic


def load_profile(path: Path, ctx: Ctx) -> tuple[Map | None, Company | None]:
    import hashlib

    try:
        tree = load_yaml(path)
    except LoadError as err:
        ctx.problems.extend(err.problems)
        return None, None
    before = len(ctx.problems)
    clean = PROFILE.check_keys(tree, "", ctx)
    if len(ctx.problems) > before:
        return None, None
    branding = clean.get("branding") or Map()
    colours = _check_colours(clean, branding, ctx)
    logo = None
    if branding.get("logo"):
        logo = _logo(branding, path.parent, ctx)
    theme = load_theme(clean, path.parent, ctx) if clean.get("templates") else ()
    company = Company(
        id=clean["id"], name=clean["name"], source=tree.src,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        primary=colours.get("primary"), accent=colours.get("accent"),
        font=FONTS[branding.get("font", "system")], logo=logo,
        logo_alt=branding.get("logo_alt") or clean["name"], theme=theme,
        terms=dict(clean.get("terms") or {}), lms=clean.get("lms") or "",
    )
    return clean, company


def _check_colours(profile: Map, branding: Map, ctx: Ctx) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("primary", "accent"):
        colour = branding.get(name)
        if not colour:
            continue
        colour = colour.lower()
        for used, where_used, against, minimum in COLOUR_USES:
            if used != name:
                continue
            got = contrast.ratio(colour, against)
            if got >= minimum:
                continue
            shade = contrast.nearest_passing(colour, against, minimum)
            if branding.get("fix_contrast") and shade:
                colour = shade
                continue
            ctx.error(branding.where(name), f"branding.{name}",
                      f"colour {colour} fails WCAG AA contrast for {where_used} (expected at least "
                      f"{minimum}:1 against {against}, got {got:.2f}:1)",
                      f"use a shade such as {shade}, or set 'fix_contrast: true' to use it automatically",
                      rule="brand-contrast")
        out[name] = colour
    return out


def _logo(branding: Map, folder: Path, ctx: Ctx) -> Asset | None:
    raw = branding["logo"]
    file = (folder / raw).resolve()
    if ".." in Path(raw).parts or Path(raw).is_absolute() or not file.is_relative_to(folder.resolve()):
        ctx.error(branding.where("logo"), "branding.logo", f"the logo path {raw!r} leaves the profile's folder",
                  "put the logo next to the profile, e.g. logos/acme.svg", rule="logo-outside-profile")
        return None
    if not file.is_file():
        ctx.error(branding.where("logo"), "branding.logo", f"logo not found: {raw!r}",
                  "check the path; it is relative to the profile", rule="logo-not-found")
        return None
    ext = file.suffix.lower()
    if ext not in (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"):
        ctx.error(branding.where("logo"), "branding.logo", f"unsupported logo type {ext!r} (expected svg, png, jpg, gif or webp)",
                  "convert the logo to SVG or PNG", rule="logo-type")
        return None
    return Asset(file, f"player/logo{ext}")


# -- applying a profile to a course tree --------------------------------------------------------

def apply_profile(course: Map, profile: Map, ctx: Ctx, shared: SharedTree | None = None) -> None:
    """Change the course tree as the profile says, in place; ``shared``: the course tree that ``course`` is
    a company's spine of (source/shared.py), whose pages, questions and lessons are copied before a change."""
    index = _Index(course, shared)
    _apply_settings(course, profile, ctx)
    for i, ov in enumerate(profile.get("overrides") or []):
        _apply_override(index, ov, label(profile, "overrides", i), ctx, note(profile, "overrides", i))
    for i, ident in enumerate(profile.get("remove") or []):
        if index.find(ident, profile["remove"], i, ctx, label(profile, "remove", i),
                      note(profile, "remove", i)) is not None:
            index.remove(ident)
    for i, add in enumerate(profile.get("add_pages") or []):
        _add_page(index, add, label(profile, "add_pages", i), ctx, note(profile, "add_pages", i))
    assessment = course.get("assessment")
    for question in profile.get("add_questions") or []:
        if isinstance(assessment, Map) and isinstance(assessment.get("questions"), Seq):
            assessment["questions"].append(question)
            assessment["questions"].item_pos.append(getattr(question, "pos", (1, 1)))
    if profile.get("lessons"):
        _reorder(course, profile, index, ctx)
    _merge_lint(course, profile)
    merge_glossary(course, profile)  # source/profile_glossary.py
    merge_resources(course, profile, ctx)  # source/profile_resources.py


def _apply_settings(course: Map, profile: Map, ctx: Ctx) -> None:
    if profile.get("language"):
        _put(course, "language", profile, "language")
    if profile.get("publisher_iri"):
        _put(course, "publisher_iri", profile, "publisher_iri")
    if profile.get("navigation"):
        _put(course, "navigation", profile, "navigation")
    assessment = course.get("assessment")
    for key in ("pass_mark", "attempts", "draw"):
        if key in profile:
            if isinstance(assessment, Map):
                _put(assessment, key, profile, key)
            else:
                ctx.error(profile.where(key), key, f"'{key}' needs an assessment, but the course has none",
                          f"remove '{key}' from the profile", rule="profile-needs-assessment")


def _apply_override(index: _Index, ov: Map, at: str, ctx: Ctx, also: str = "") -> None:
    target = index.find(ov["id"], ov, "id", ctx, f"{at}.id", also)
    if target is None:
        return
    target = index.own(ov["id"])
    if ov.get("node"):
        if target.get("type") != "dialogue":
            ctx.error(ov.where("node"), f"{at}.node", f"'{ov['id']}' is {_page_name(target)}, not a "
                      "dialogue: only a dialogue has nodes", f"remove 'node:' and set the fields of '{ov['id']}' "
                      "itself, or name a dialogue's id", rule="unknown-node")
            return
        nodes = {n.get("id"): n for n in (target.get("nodes") or []) if isinstance(n, Map)}
        if ov["node"] not in nodes:
            ctx.error(ov.where("node"), f"{at}.node",
                      f"'{ov['id']}' has no node '{ov['node']}' (nodes: {', '.join(map(str, nodes))})",
                      did_you_mean(ov["node"], nodes) or "use one of the node ids listed", rule="unknown-node")
            return
        target = nodes[ov["node"]]
    _merge(target, ov["set"])


def _add_page(index: _Index, add: Map, path: str, ctx: Ctx, also: str = "") -> None:
    lesson = index.lessons.get(add["lesson"])
    if lesson is None:
        ctx.error(add.where("lesson"), f"{path}.lesson",
                  f"the course has no lesson '{add['lesson']}' (lessons: {', '.join(index.lessons)})",
                  (did_you_mean(add["lesson"], index.lessons) or "use one of the lesson ids listed") + also,
                  rule="unknown-lesson")
        return
    pages = lesson.get("pages")
    at = len(pages)
    if add.get("after"):
        ids = [p.get("id") if isinstance(p, Map) else None for p in pages]
        if add["after"] not in ids:
            reason, fix = index.no_id(add["after"]) or (
                f"lesson '{add['lesson']}' has no page '{add['after']}' (pages: {', '.join(str(x) for x in ids if x)})",
                (did_you_mean(add["after"], [x for x in ids if x]) or "use one of the page ids listed") + also)
            ctx.error(add.where("after"), f"{path}.after", reason, fix, rule="unknown-page")
            return
        at = ids.index(add["after"]) + 1
    pages.insert(at, add["page"])
    pages.item_pos.insert(at, add.where("page")[1])


def _merge_lint(course: Map, profile: Map) -> None:
    """The profile's extra scripted phrases join the course's own."""
    extra = (profile.get("lint") or {}).get("scripted_phrases")
    if not extra:
        return
    lint = course.setdefault("lint", _new_map(course))
    if isinstance(lint, Map):
        phrases = lint.get("scripted_phrases")
        merged = Seq(list(phrases or []) + list(extra))
        merged.src, merged.pos = profile.src, profile.where("lint")[1]
        merged.item_pos = list(getattr(phrases, "item_pos", [])) + list(extra.item_pos)
        lint["scripted_phrases"] = merged


def _new_map(parent: Map) -> Map:
    out = Map()
    out.src, out.pos, out.key_pos, out.val_pos = parent.src, parent.pos, {}, {}
    return out


def _put(target: Map, key: str, source: Map, source_key: str) -> None:
    target[key] = source[source_key]
    target.val_pos[key] = source.where(source_key)[1]
    target.key_pos[key] = source.key_pos.get(source_key, source.pos)
    target.val_src = {**getattr(target, "val_src", {}), key: source.src}


def _merge(target: Map, changes: Map) -> None:
    for key, value in changes.items():
        if isinstance(value, Map) and isinstance(target.get(key), Map):
            _merge(target[key], value)
        else:
            _put(target, key, changes, key)


def _reorder(course: Map, profile: Map, index: "_Index", ctx: Ctx) -> None:
    lessons = course.get("lessons")
    if not isinstance(lessons, Seq):
        return
    by_id = {l.get("id"): (l, pos) for l, pos in zip(lessons, lessons.item_pos, strict=True) if isinstance(l, Map)}
    order = Seq()
    order.src, order.pos, order.item_pos = lessons.src, lessons.pos, []
    for i, ident in enumerate(profile["lessons"]):
        if ident not in by_id:
            ctx.error(profile["lessons"].where(i), label(profile, "lessons", i),
                      f"the course has no lesson '{ident}' (lessons: {', '.join(map(str, by_id))})",
                      (did_you_mean(ident, by_id) or "use one of the lesson ids listed") + note(profile, "lessons", i),
                      rule="unknown-lesson")
            continue
        order.append(by_id[ident][0])
        order.item_pos.append(by_id[ident][1])
    course["lessons"] = order


class _Index:
    """Where each id of the course tree lives, to change or remove it, and the text pages a profile can't
    target: those without an 'id:', known by their automatic id (lesson id and position) and their title."""

    def __init__(self, course: Map, shared: SharedTree | None = None):
        self.shared = shared
        self.parents: dict[str, tuple[Seq, Map]] = {}
        self.lessons: dict[str, Map] = {}
        self.automatic: dict[str, tuple[str, Map]] = {}  # automatic id -> (lesson id, page)
        for lesson in course.get("lessons") or []:
            if isinstance(lesson, Map) and isinstance(lesson.get("id"), str):
                self.lessons[lesson["id"]] = lesson
                self.parents[lesson["id"]] = (course["lessons"], lesson)
                self._pages(lesson)
        assessment = course.get("assessment")
        if isinstance(assessment, Map):
            for q in assessment.get("questions") or []:
                if isinstance(q, Map) and isinstance(q.get("id"), str):
                    self.parents[q["id"]] = (assessment["questions"], q)

    def _pages(self, lesson: Map) -> None:
        for j, page in enumerate(lesson.get("pages") or []):
            if isinstance(page, Map) and isinstance(page.get("id"), str):
                self.parents[page["id"]] = (lesson["pages"], page)
            elif isinstance(page, Map):
                self.automatic[f"{lesson['id']}-{j + 1}"] = (lesson["id"], page)

    def find(self, ident, node, key, ctx: Ctx, path: str | None = None, also: str = "") -> Map | None:
        if ident in self.parents:
            return self.parents[ident][1]
        reason, fix = self.no_id(ident) or (
            f"the course has no piece with id '{ident}' (ids: {', '.join(sorted(self.parents))})",
            (self.hint(ident) or "use one of the ids listed") + also)
        ctx.error(node.where(key), path or key, reason, fix, rule="unknown-id")
        return None

    def no_id(self, ident: str) -> tuple[str, str] | None:
        """(reason, fix) when ``ident`` names a page that has no 'id:' of its own: by its automatic id, or by
        its title written as an id; the fix says which id to add to the course, and where."""
        if ident in self.automatic:
            lesson, page = self.automatic[ident]
            reason = (f"'{ident}' is the automatic id of a page without an id of its own ({_page_name(page)} in "
                      f"lesson '{lesson}'), which changes when pages move, so a profile can't target it")
        else:
            found = [(lesson, page) for lesson, page in self.automatic.values()
                     if isinstance(page.get("title"), str) and _slug(page["title"]) == ident]
            if not found:
                return None
            lesson, page = found[0]
            reason = (f"the course has no piece with id '{ident}': the page titled {page['title']!r} in lesson "
                      f"'{lesson}' has no id of its own")
        src, (line, _) = page.where(None)
        return reason, f"add 'id: {ident}' to that page in the course, at {src}:{line}, then target it here"

    def hint(self, ident: str) -> str:
        """Did you mean one of the ids? Never a lesson for what reads as a page of it (``<lesson>-3``)."""
        lesson = re.fullmatch(r"(.+)-\d+", ident)
        known = [k for k in self.parents if not (lesson and k == lesson.group(1) and k in self.lessons)]
        return did_you_mean(ident, known)

    def own(self, ident: str) -> Map:
        """The piece with id ``ident``, copied first (in its list, and in this index) when it is the shared
        course's: a change to it must not reach the course or the other companies."""
        seq, node = self.parents[ident]
        lesson = self.lessons.get(ident) is node  # a spine's own lesson still shares what is inside it
        if self.shared is None or not (lesson or self.shared.is_shared(node)):
            return node
        copy = clone(node)
        seq[next(i for i, item in enumerate(seq) if item is node)] = copy
        self.parents[ident] = (seq, copy)
        if lesson:  # its pages are found in the copy from now on
            self.lessons[ident] = copy
            self._pages(copy)
        return copy

    def remove(self, ident: str) -> None:
        seq, node = self.parents.pop(ident)
        for i, item in enumerate(seq):
            if item is node:
                del seq[i]
                del seq.item_pos[i]
                return


def _page_name(page: Map) -> str:
    """'the scenario page 'Late refund'', 'the lesson 'Timing'', 'the question 'When ...''"""
    kind = page.get("type") if "pages" not in page else "lesson"
    kind = kind if kind in ("text", "scenario", "dialogue", "lesson") else "question" if kind else "page"
    title = page.get("title") if kind != "question" else page.get("text")
    shown = "" if not isinstance(title, str) else " " + repr(title if len(title) <= 40 else title[:40] + "\u2026")
    return f"the {kind}{' page' if kind in ('text', 'scenario', 'dialogue') else ''}{shown}"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
