// The CMI element rules (templates/player/js/cmi-rules.js), shared by the player and the preview's LMS.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const rules = require("../../templates/player/js/cmi-rules.js");

// [element, a value it accepts, a value it refuses, the verdict for that one]
const SCORM12 = [
  ["cmi.core.lesson_status", "passed", "not attempted", "type"],
  ["cmi.core.lesson_location", "x".repeat(255), "x".repeat(256), "type"],
  ["cmi.core.exit", "", "normal", "type"],
  ["cmi.core.score.raw", "87.5", "101", "range"],
  ["cmi.core.score.min", "0", "zero", "type"],
  ["cmi.core.session_time", "0001:02:03.45", "01:02:03.456", "type"],
  ["cmi.suspend_data", "x".repeat(4096), "x".repeat(4097), "type"],
  ["cmi.interactions.12.id", "q_billing-error_a2", "q.billing", "type"],
  ["cmi.interactions.0.type", "sequencing", "long-fill-in", "type"],
  ["cmi.interactions.0.time", "09:07:03", "9:07:03", "type"],
  ["cmi.interactions.0.weighting", "-2.5", "2,5", "type"],
  ["cmi.interactions.0.student_response", "a,c", "x".repeat(256), "type"],
  ["cmi.interactions.0.result", "wrong", "incorrect", "type"],
  ["cmi.interactions.0.result", "0.5", "", "type"],
  ["cmi.interactions.0.latency", "00:00:12.40", "PT12.4S", "type"],
  ["cmi.interactions.3.correct_responses.1.pattern", "a.a,b.b", "x".repeat(256), "type"],
  ["cmi.objectives.0.id", "obj_refund-call_rapport", "obj refund", "type"],
  ["cmi.objectives.0.score.raw", "60", "-1", "range"],
  ["cmi.objectives.0.status", "not attempted", "unknown", "type"]
];
const SCORM2004 = [
  ["cmi.completion_status", "completed", "passed", "type"],
  ["cmi.success_status", "unknown", "completed", "type"],
  ["cmi.location", "x".repeat(1000), "x".repeat(1001), "type"],
  ["cmi.exit", "normal", "finished", "type"],
  ["cmi.score.scaled", "-1", "1.01", "range"],
  ["cmi.score.raw", "-12.5", "12.", "type"],
  ["cmi.progress_measure", "0.6667", "-0.1", "range"],
  ["cmi.session_time", "PT1M5.25S", "PT", "type"],
  ["cmi.session_time", "P1DT2H", "PT1.255S", "type"],
  ["cmi.suspend_data", "x".repeat(64000), "x".repeat(64001), "type"],
  ["cmi.interactions.0.id", "dlg_repeat-caller_opening_a2", "dlg repeat", "type"],
  ["cmi.interactions.0.type", "long-fill-in", "essay", "type"],
  ["cmi.interactions.0.timestamp", "2024-01-05T09:07:03", "2024-01-05 09:07:03", "type"],
  ["cmi.interactions.0.learner_response", "a[,]c", "x".repeat(4001), "type"],
  ["cmi.interactions.0.result", "incorrect", "wrong", "type"],
  ["cmi.interactions.0.latency", "PT0.5S", "00:00:00.50", "type"],
  ["cmi.interactions.0.description", "x".repeat(250), "x".repeat(251), "type"],
  ["cmi.interactions.0.correct_responses.0.pattern", "a[.]a[,]b[.]b", "x".repeat(4001), "type"],
  ["cmi.objectives.2.id", "obj_refund-call_rapport", "", "type"],
  ["cmi.objectives.2.score.raw", "-3", "low", "type"],
  ["cmi.objectives.2.completion_status", "incomplete", "failed", "type"],
  ["cmi.objectives.2.progress_measure", "1", "2", "range"]
];

for (const [family, table] of [["scorm12", SCORM12], ["scorm2004", SCORM2004]]) {
  test(`${family}: each element accepts its values and refuses others, with the verdict`, () => {
    for (const [element, good, bad, verdict] of table) {
      assert.equal(rules.check(family, element, good), "ok", `${element} = ${JSON.stringify(good).slice(0, 40)}`);
      assert.equal(rules.check(family, element, bad), verdict, `${element} = ${JSON.stringify(bad).slice(0, 40)}`);
      assert.equal(rules.canSend(family, element, good), true);
      assert.equal(rules.canSend(family, element, bad), false);
    }
  });
}

test("access: read-only, write-only, read-write and unknown elements", () => {
  assert.equal(rules.access("scorm12", "cmi.core.entry"), "r");
  assert.equal(rules.access("scorm12", "cmi.core.exit"), "w");
  assert.equal(rules.access("scorm12", "cmi.interactions.4.id"), "w");
  assert.equal(rules.access("scorm12", "cmi.core.lesson_status"), "rw");
  assert.equal(rules.access("scorm12", "cmi.location"), "");
  assert.equal(rules.access("scorm2004", "cmi.scaled_passing_score"), "r");
  assert.equal(rules.access("scorm2004", "cmi.session_time"), "w");
  assert.equal(rules.access("scorm2004", "cmi.interactions.4.id"), "rw");
  assert.equal(rules.access("scorm2004", "cmi.core.lesson_status"), "");
  assert.equal(rules.check("scorm2004", "cmi.entry", "resume"), "read-only");
  assert.equal(rules.check("scorm2004", "cmi.nothing", "x"), "unknown");
  assert.equal(rules.canSend("scorm2004", "cmi.entry", "resume"), false);
});

test("indexes are generic, at any depth", () => {
  assert.equal(rules.generic("cmi.interactions.12.correct_responses.3.pattern"), "cmi.interactions.n.correct_responses.n.pattern");
  assert.equal(rules.generic("cmi.objectives.0.id"), "cmi.objectives.n.id");
  assert.equal(rules.generic("cmi.core.score.raw"), "cmi.core.score.raw");
});
