"""The company profile format (courses/companies/<id>.yaml), declared once: validation, JSON Schema, docs."""
from __future__ import annotations

from scorm_builder import lms
from scorm_builder.format.course import ID, ID_HELP, IRI, IRI_HELP, NAVIGATION
from scorm_builder.format.json_schema import schema_document, text
from scorm_builder.format.learner_aids import TERM
from scorm_builder.format.spec import Anything, Bool, Choice, F, Int, ListOf, MapOf, Obj, Str, index_keys

HEX = r"#[0-9a-fA-F]{6}"
# Font stacks made only of fonts that devices already have: nothing is downloaded.
FONTS = {
    "system": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "humanist": 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
    "geometric": 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
    "transitional": 'Charter, "Bitstream Charter", "Sitka Text", Cambria, serif',
    "rounded": 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, "Arial Rounded MT", '
               'Calibri, source-sans-pro, sans-serif',
}

def _id(doc):
    return Str(doc, pattern=ID, pattern_help=ID_HELP)


PROFILE = Obj("company profile", {
    "id": F(_id("Company id; names the packages"), True),
    "name": F(Str("The company's display name, used as {{ company.name }}", max_len=100), True),
    "language": F(Str("Course language for this company", pattern=r"[a-z]{2}(-[A-Z]{2})?",
                      pattern_help="a language code such as en, es or fr")),
    "branding": F(Obj("branding", {
        "logo": F(Str("Logo file, relative to the profile")),
        "logo_alt": F(Str("Text alternative of the logo; defaults to the company name", max_len=250)),
        "primary": F(Str("Primary colour, e.g. #0b5394", pattern=HEX, pattern_help="a colour such as #0b5394")),
        "accent": F(Str("Accent colour, e.g. #b45f06", pattern=HEX, pattern_help="a colour such as #b45f06")),
        "font": F(Choice(tuple(FONTS), "Font stack, from fonts the learner's device already has"),
                  default="system"),
        "fix_contrast": F(Bool("Use the nearest passing shade when a colour fails WCAG AA contrast"),
                          default=False),
    })),
    "terms": F(MapOf(Str("A word or phrase", max_len=200), "Terms used in course text as {{ terms.<name> }}")),
    "glossary": F(ListOf(TERM, "Glossary terms for the company's builds: each replaces the course's term of the same "
                         "term (any case), or is added after the course's own", item_name="term")),
    "pass_mark": F(Int("Pass mark override (percent)", minimum=0, maximum=100)),
    "attempts": F(Int("Attempts override; 0 = unlimited", minimum=0, maximum=99)),
    "draw": F(Int("Questions drawn per attempt, instead of the course's assessment.draw (at most the pool, "
                  "once the profile's removals and additions are made)", minimum=1)),
    "navigation": F(Choice(NAVIGATION, "free or linear, instead of the course's navigation (docs/player.md)")),
    "lms": F(Choice(lms.NAMES, "The LMS the company's packages are built for (docs/lms-profiles.md); "
                    "`build --lms` overrides it"), default=lms.DEFAULT),
    "publisher_iri": F(Str("cmi5: the base of the course and AU ids, instead of the course's publisher_iri",
                           pattern=IRI, pattern_help=IRI_HELP)),
    "templates": F(Str("A folder of static theme files (CSS, images, fonts) that replace or add to the "
                       "player's files at the same paths, relative to the profile; never run as templates")),
    "resources": F(ListOf(Obj("profile resource", {
        "title": F(Str("The resource's name, shown as its link in the player's Resources list", max_len=120), True),
        "file": F(Str("A file in the profile's folder, relative to the profile, e.g. acme/job-aid.pdf (a document, "
                      "picture, sound or video), packaged at company/<path>; or the file: of one of the course's "
                      "resources as the course writes it (e.g. assets/job-aid.pdf), to give it this title",
                      example="acme/job-aid.pdf"), True),
        "description": F(Str("One sentence under the link on what the file is for", max_len=250)),
    }, "A file of the company's in the player's Resources list, or the company's title for one of the course's"),
        "Files of the company's for the player's Resources list, added after the course's resources, and new "
        "titles for the course's", item_name="resource")),
    "lessons": F(ListOf(_id("A lesson id"), "The lessons to keep, in this order", item_name="lesson id")),
    "remove": F(ListOf(_id("An id"), "Pages, lessons or questions to remove", item_name="id")),
    "overrides": F(ListOf(Obj("override", {
        "id": F(_id("The scenario, page, dialogue, lesson or question to change"), True),
        "node": F(_id("A node of that dialogue, to change the node instead")),
        "set": F(MapOf(Anything("The new value"), "Fields to replace; mappings are merged"), True),
    }), "Changes to pieces of the course", item_name="override")),
    "add_pages": F(ListOf(Obj("added page", {
        "lesson": F(_id("The lesson to add the page to"), True),
        "after": F(_id("The page to add it after; default: at the end")),
        "page": F(Anything("The page, as in a course file"), True),
    }), "Company-specific pages", item_name="added page")),
    "add_questions": F(ListOf(Anything("A question, as in a course file"), "Company-specific questions",
                              item_name="question")),
    "lint": F(Obj("lint", {
        "scripted_phrases": F(ListOf(Str("A phrase"), "More overused phrases for the lint", item_name="phrase")),
        "avoid_words": F(MapOf(Str("The word or phrase to use instead", max_len=200),
                               "Words the company doesn't use, each with what to write instead; `lint --company` "
                               "warns at each one in the company's build (rule avoid-word)",
                               key_pattern=r"[A-Za-z][A-Za-z' -]*")),
    })),
}, "A company profile", key_hints={
    "assessment": "a profile sets the assessment's pass_mark, attempts and draw at its top level, e.g. "
                  "'pass_mark: 85'; its questions with add_questions, remove and overrides",
})
# A section per course: the changes of the top level, for that course only (scorm_builder/source/profile_course.py).
PROFILE.fields["courses"] = F(MapOf(Obj("course section", {k: PROFILE.fields[k] for k in (
    "lessons", "remove", "overrides", "add_pages", "add_questions", "resources", "pass_mark", "attempts", "draw",
    "lint")}),
    "Changes for one course, by its course id, made after the top level's (which apply to every course)",
    key_pattern=ID))
# A section per language: the company's name, terms and changes when a package is built in that language
# (scorm_builder/source/profile_language.py).
PROFILE.fields["languages"] = F(MapOf(Obj("language section", {
    "name": F(Str("The company's display name in this language, used as {{ company.name }}", max_len=100)),
    "terms": F(MapOf(Str("A word or phrase", max_len=200), "Terms in this language, each replacing the "
                     "profile's (or the course's) term of that name")),
    "branding": F(Obj("language branding", {
        "logo_alt": F(Str("Text alternative of the logo in this language", max_len=250))})),
    **{k: PROFILE.fields[k] for k in ("overrides", "remove", "add_pages", "add_questions")},
    "courses": F(MapOf(Obj("language course section", {k: PROFILE.fields[k] for k in (
        "overrides", "remove", "add_pages", "add_questions")}), "The same changes in this language for one "
        "course, by its course id (made after its courses: section's)", key_pattern=ID)),
}, key_hints={"company_name": "the company's name in this language is 'name:'"}),
    "The company's name, terms and changes in one language, by language code (such as es or pt-BR), used "
    "when a package is built in that language (made after the top level's and the course's section)",
    key_pattern=r"[a-z]{2}(-[A-Z]{2})?"))
index_keys(PROFILE)


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a company profile."""
    return schema_document("profile", "scorm-builder company profile", PROFILE.json())


def json_schema_text() -> str:
    return text(json_schema())
