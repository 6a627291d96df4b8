// The player's words (dom.js translator): placeholders, plural forms by Intl.PluralRules, fallbacks.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
require("../../templates/player/js/dom.js");
const dom = global.scormBuilder.dom;

test("a count picks the language's plural form, then the general form, then the key itself", () => {
  const en = dom.translator({ lesson_count_one: "{n} lesson", lesson_count: "{n} lessons", hello: "Hi {name}" }, "en");
  assert.equal(en("lesson_count", { n: 1 }), "1 lesson");
  assert.equal(en("lesson_count", { n: 0 }), "0 lessons");
  assert.equal(en("lesson_count", { n: 12 }), "12 lessons");
  assert.equal(en("hello", { name: "Ana" }), "Hi Ana");
  assert.equal(en("hello"), "Hi {name}");
  assert.equal(en("missing_key", { n: 2 }), "missing_key");
  const fr = dom.translator({ lesson_count_one: "{n} leçon", lesson_count: "{n} leçons" }, "fr");
  assert.equal(fr("lesson_count", { n: 0 }), "0 leçon", "French: 0 and 1 are singular");
  assert.equal(fr("lesson_count", { n: 2 }), "2 leçons");
  const count = dom.translator({ seen_one: "{n} of {total} seen (one)", seen: "{n} of {total} seen" }, "en");
  assert.equal(count("seen", { n: 3, total: 1, count: 1 }), "3 of 1 seen (one)", "vars.count picks the form when given");
});
