"""The player's languages (templates/player/strings/*.json): every file has exactly English's words
with the same placeholders, the plural forms CLDR gives its language (as the player's
Intl.PluralRules picks them), each language's typography; the strings file found for a course
language; the page's direction; and the fonts for Japanese and Arabic."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from scorm_builder.render.environment import environment
from scorm_builder.render.strings import (
    PLAYER_LANGUAGES,
    RTL_LANGUAGES,
    candidates,
    direction,
    player_speaks,
    strings_for,
)

REPO = Path(__file__).resolve().parent.parent
PLAYER = REPO / "templates" / "player"
STRINGS = PLAYER / "strings"
OTHERS = [lang for lang in PLAYER_LANGUAGES if lang != "en"]
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
NBSP = "\u00a0"
# the forms beside the general one (the key itself, CLDR's "other") that counts from 0 to 10000 reach;
# "many" in es, fr, it and pt is for millions only, and Polish "other" for fractions only
FORMS = {"en": ["one"], "es": ["one"], "fr": ["one"], "de": ["one"], "pt-BR": ["one"], "it": ["one"], "nl": ["one"],
         "pl": ["one", "few", "many"], "ja": [], "ar": ["zero", "one", "two", "few", "many"]}
SCRIPT_FONTS = ('"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, "Noto Sans CJK JP", '
                '"Noto Sans JP", "Geeza Pro", "Noto Sans Arabic", "Noto Naskh Arabic", Tahoma')


def words(lang: str) -> dict[str, str]:
    return json.loads((STRINGS / f"{lang}.json").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def stems(en: dict[str, str]) -> set[str]:
    """The words that count (English has a plural form of them): duration, lesson_count..."""
    return {k.rpartition("_")[0] for k in en if k.rpartition("_")[2] in CATEGORIES and k.rpartition("_")[0] in en}


@lru_cache(maxsize=1)
def intl_forms() -> dict[str, dict[str, list[int]]]:
    """Per language, the numbers from 0 to 10000 in each plural category, as Intl.PluralRules (the
    player's dom.js) picks them: node's ICU, the same CLDR data as the browser's."""
    node = shutil.which("node")
    assert node, "node is needed (scripts/install-test-deps.sh)"
    script = ("const out = {}; for (const lang of JSON.parse(process.argv[1])) { const r = new Intl.PluralRules(lang);"
              " const by = {}; for (let n = 0; n <= 10000; n++) (by[r.select(n)] = by[r.select(n)] || []).push(n);"
              " out[lang] = by; } console.log(JSON.stringify(out));")
    result = subprocess.run([node, "-e", script, json.dumps(list(PLAYER_LANGUAGES))], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_player_languages_are_the_strings_files():
    assert sorted(p.stem for p in STRINGS.glob("*.json")) == sorted(PLAYER_LANGUAGES)
    assert PLAYER_LANGUAGES == ("en", "es", "fr", "de", "pt-BR", "it", "nl", "pl", "ja", "ar")


def test_the_plural_forms_are_those_cldr_gives_each_language():
    found = {lang: sorted((c for c in intl_forms()[lang] if c != "other"), key=CATEGORIES.index)
             for lang in PLAYER_LANGUAGES}
    assert found == FORMS


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_every_word_and_its_plural_forms(lang):
    """English's keys exactly, but the plural forms: the general form (the key) always, and one
    key_<category> for each other category a count reaches in that language, none more."""
    en, other = words("en"), words(lang)
    counting = stems(en)
    plural_keys = {f"{s}_{c}" for s in counting for c in CATEGORIES}
    assert sorted(k for k in other if k not in plural_keys) == sorted(k for k in en if k not in plural_keys)
    assert {s: sorted((k.rpartition("_")[2] for k in other if k.rpartition("_")[0] == s and k in plural_keys),
                      key=CATEGORIES.index) for s in counting} == {s: FORMS[lang] for s in counting}


@pytest.mark.parametrize("lang", OTHERS)
def test_every_word_keeps_the_placeholders_of_english(lang):
    """Each value has English's {placeholders}; a plural form that stands for one number only (Arabic's
    zero, one and two) may say the number in words, so it may leave out the count, {count} or else {n}
    (درس واحد, "one lesson")."""
    en, other = words("en"), words(lang)
    counting = stems(en)
    single = {c for c, numbers in intl_forms()[lang].items() if len(numbers) == 1}
    problems = {}
    for key, value in other.items():
        stem, _, category = key.rpartition("_")
        source = en[key] if key in en else en[stem]
        wanted = placeholders(source)
        if stem in counting and category in single:
            count = "count" if "count" in wanted else "n"  # dom.js: vars.count, else vars.n
            ok = placeholders(value) in (wanted, wanted - {count})
        else:
            ok = placeholders(value) == wanted
        if not ok:
            problems[key] = (value, sorted(wanted))
    assert problems == {}


def test_only_arabic_says_a_count_in_words():
    """The exception above is Arabic's alone: its one and two forms (and a zero one) say the number."""
    en = words("en")
    counted = {k for k in stems(en) if "{n}" in en[k] or "{count}" in en[k]}
    dropped = {lang: sorted(k for k, v in words(lang).items() if k.rpartition("_")[0] in counted
                            and placeholders(v) < placeholders(en[k.rpartition("_")[0]])) for lang in OTHERS}
    assert {lang: {k.rpartition("_")[2] for k in keys} for lang, keys in dropped.items()} == {
        **{lang: set() for lang in OTHERS}, "ar": {"zero", "one", "two"}}
    assert {k.rpartition("_")[0] for k in dropped["ar"]} == counted


def test_the_counting_words_in_the_languages_with_many_forms():
    pl, ar = words("pl"), words("ar")
    assert [pl[k] for k in ("lesson_count_one", "lesson_count_few", "lesson_count_many", "lesson_count")] == [
        "{n} lekcja", "{n} lekcje", "{n} lekcji", "{n} lekcji"]
    assert [ar[k] for k in ("lesson_count_zero", "lesson_count_one", "lesson_count_two", "lesson_count_few",
                            "lesson_count_many", "lesson_count")] == [
        "{n} دروس", "درس واحد", "درسان", "{n} دروس", "{n} درسًا", "{n} درس"]
    assert (words("ja")["lesson_count"], words("ja")["duration"]) == ("全{n}レッスン", "約{n}分")


def test_percent_follows_each_language():
    """CLDR's percent patterns: a no-break space before % in German, Spanish and French, none elsewhere."""
    spaced = ("de", "es", "fr")
    shown = {lang: words(lang)["percent"] for lang in PLAYER_LANGUAGES}
    assert shown == {lang: f"{{n}}{NBSP}%" if lang in spaced else "{n}%" for lang in PLAYER_LANGUAGES}
    wrong = {lang: {k: v for k, v in words(lang).items()
                    if re.search(r"[^\u00a0\u202f]%" if lang in spaced else r"\s%", v)} for lang in PLAYER_LANGUAGES}
    assert wrong == {lang: {} for lang in PLAYER_LANGUAGES}


def test_quotation_marks_follow_each_language():
    quoted = {lang: words(lang)["move_up"].replace("{item}", "X") for lang in OTHERS}
    assert quoted == {"es": "Subir «X»", "fr": "Monter « X »", "de": "„X“ nach oben verschieben",
                      "pt-BR": "Mover “X” para cima", "it": "Sposta «X» in su", "nl": "‘X’ omhoog verplaatsen",
                      "pl": f"Przesuń „X” w{NBSP}górę", "ja": "「X」を上へ移動", "ar": "نقل «X» إلى الأعلى"}


def test_polish_keeps_one_letter_words_with_the_next():
    """Polish typesetting never ends a line on a one-letter word (w, z, i...): a no-break space follows it."""
    loose = {k: v for k, v in words("pl").items() if re.search(r"(?<!\w)[aiouwzAIOUWZ] ", v)}
    assert loose == {}
    assert words("pl")["question_of"] == f"Pytanie {{n}} z{NBSP}{{total}}"


def test_japanese_and_arabic_use_their_own_punctuation():
    ja, ar = words("ja"), words("ar")
    # "Re:" is the mail prefix every mail program shows, in Japan too
    assert {k: v for k, v in ja.items() if re.search(r"[:?!,.]", v) and k not in ("call_time", "reply_subject", "reply_re")} == {}
    assert (ja["context_label"], ja["confirm_exit_title"]) == ("状況：", "コースを終了しますか？")
    assert {k: v for k, v in ar.items() if re.search(r"[?,;]", v)} == {}
    assert (ar["confirm_exit_title"], ar["match_line"]) == ("هل تريد مغادرة الدورة؟", "{left} ← {right}")


def test_a_course_language_finds_its_strings_file():
    assert candidates("pt-BR") == ["pt-BR", "pt"]
    assert candidates("pt-PT") == ["pt-PT", "pt", "pt-BR"]
    assert candidates("de-AT") == ["de-AT", "de"]
    pt_br = words("pt-BR")
    for language in ("pt-BR", "pt-PT", "pt"):  # European Portuguese: Brazilian words rather than English ones
        assert strings_for(language)["next"] == pt_br["next"] == "Próximo"
    assert strings_for("de-AT")["next"] == "Weiter"
    assert strings_for("sv")["next"] == "Next"
    assert [player_speaks(x) for x in ("pt-PT", "de-CH", "ar", "sv", "en-GB", "ja")] == [
        True, True, True, False, True, True]


def test_english_fills_a_missing_word_but_never_a_plural_form_the_language_has_not():
    en = words("en")
    ja = strings_for("ja")
    assert "lesson_count_one" not in ja and ja["lesson_count"] == "全{n}レッスン"
    assert sorted(ja) == sorted(set(words("ja")))
    assert sorted(strings_for("ar")) == sorted(words("ar"))
    assert strings_for("fr")["lesson_count_one"] == "{n} leçon"
    assert sorted(strings_for("en")) == sorted(en)


def test_the_page_direction_follows_the_course_language():
    template = environment(()).get_template("player/index.html")

    class Course:
        title = "T"

    def html(language: str) -> str:
        Course.language = language
        page = template.render(course=Course, data={"strings": {"noscript": "x"}}, standard="scorm12", connect_src="")
        return page.splitlines()[1]

    languages = ("ar", "ar-EG", "fa", "he", "ur", "en", "ja", "de-AT", "pt-BR")
    assert {x: html(x) for x in languages} == {x: f'<html lang="{x}" dir="{direction(x)}">' for x in languages}
    assert [direction(x) for x in languages] == ["rtl"] * 5 + ["ltr"] * 4
    assert RTL_LANGUAGES == ("ar", "fa", "he", "ur")


def test_fonts_come_from_the_device_for_every_script():
    css = (PLAYER / "player.css").read_text(encoding="utf-8")
    body = re.search(r"body \{[^}]*?font: 1rem/1\.6 ([^;]*);", css, re.S).group(1)
    stack = re.sub(r"/\*.*?\*/", "", body, flags=re.S).split()
    assert " ".join(stack) == ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", '
                               + SCRIPT_FONTS + ", sans-serif")
    assert "@font-face" not in css and "url(" not in css
    brand = environment(()).get_template("player/brand.css").render(brand={
        "company": "acme", "primary": "#0b5394", "accent": "#b45f06", "font": "Charter, Cambria, serif"})
    assert brand.splitlines()[-1] == f"body {{ font-family: Charter, Cambria, {SCRIPT_FONTS}, serif; }}"


def test_the_player_styles_have_no_physical_sides():
    """player.css says start and end, not left and right, so a right-to-left page mirrors; a rule
    that can only say a side (an inset shadow, a gradient's angle) has its [dir="rtl"] twin."""
    css = re.sub(r"/\*.*?\*/", "", (PLAYER / "player.css").read_text(encoding="utf-8"), flags=re.S)
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    physical = re.compile(r"(?:margin|padding|border)-(?:left|right)|(?<![-\w])(?:left|right)\s*:|"
                          r"text-align:\s*(?:left|right)|float:\s*(?:left|right)|border-(?:top|bottom)-(?:left|right)-radius")
    four = re.compile(r"(?<![-\w])(?:margin|padding):\s*([^\s;]+)\s+([^\s;]+)\s+([^\s;]+)\s+([^\s;]+)\s*(?:;|$)")
    found = [sel.strip() for sel, body in rules if physical.search(body)
             or any(m.group(2) != m.group(4) for m in four.finditer(body))]
    assert found == []
    sided = {sel.strip(): body for sel, body in rules if re.search(r"inset -?\d|\d+deg", body) and "rotate" not in body}
    assert sorted(sided) == sorted(['.current .ol-item', '[dir="rtl"] .current .ol-item', '.title-screen',
                                    '[dir="rtl"] .title-screen'])
