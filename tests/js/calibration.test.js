// Calibration (calibration-score.js): comparing with the expert, the interaction it reports in both
// families' formats (lms-scorm12.js, lms-scorm2004.js, performance), and its record in the saved state.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const score = require("../../templates/player/js/calibration-score.js");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const stateCodec = require("../../templates/player/js/state.js");

const CRITERIA = [{ id: "timing", title: "Timing", levels: ["never", "late", "at once"] },
  { id: "words", title: "Words", levels: ["stock", "partly", "specific"] },
  { id: "action", title: "Action", levels: ["none", "vague", "concrete"] }];
const expert = (tolerance) => ({ kind: "calibration", id: "late-sorry", interaction_id: "cal_late-sorry", tolerance, h: "522b7",
  expert: [{ criterion: "timing", score: 0, reason_html: "<p>late</p>" }, { criterion: "words", score: 2, reason_html: "<p>his</p>" },
    { criterion: "action", score: 1, reason_html: "<p>vague</p>" }] });

test("calibrated only when every criterion is within the tolerance", () => {
  assert.equal(score.compare(expert(0), CRITERIA, [0, 2, 1]).calibrated, true);
  assert.equal(score.compare(expert(0), CRITERIA, [0, 2, 2]).calibrated, false);
  assert.equal(score.compare(expert(1), CRITERIA, [1, 1, 2]).calibrated, true);
  assert.equal(score.compare(expert(1), CRITERIA, [2, 2, 1]).calibrated, false);
  assert.deepEqual(score.compare(expert(1), CRITERIA, [2, 2, 1]).rows[0],
    { id: "timing", title: "Timing", mine: 2, expert: 0, gap: 2, within: false, reason_html: "<p>late</p>" });
});

test("saved scores are read only when they fit the rubric", () => {
  assert.deepEqual(score.fromText("021", CRITERIA), [0, 2, 1]);
  assert.equal(score.toText([0, 2, 1]), "021");
  for (const bad of ["02", "0213", "031", "0a1", "", null, 21]) assert.equal(score.fromText(bad, CRITERIA), null, String(bad));
});

test("the interaction is a performance record per criterion, with the tolerance as a range", () => {
  const exact = score.interaction(expert(0), CRITERIA, [0, 2, 2], 1, 5, "Calibrate");
  assert.deepEqual([exact.id, exact.type, exact.result, exact.weight], ["cal_late-sorry", "performance", "incorrect", 1]);
  assert.equal(scorm2004.response("performance", exact.response), "timing[.]0[,]words[.]2[,]action[.]2");
  assert.equal(scorm2004.response("performance", exact.patterns[0]), "timing[.]0[,]words[.]2[,]action[.]1");
  assert.equal(scorm12.response("performance", exact.response), "timing.0,words.2,action.2");
  assert.equal(scorm12.response("performance", exact.patterns[0]), "timing.0,words.2,action.1");
  const loose = score.interaction(expert(1), CRITERIA, [1, 1, 2], 2, 5, "Calibrate");
  assert.equal(loose.result, "correct");
  // the range stays on the scale: 0..1 for an expert 0, 1..2 for an expert 2
  assert.equal(scorm2004.response("performance", loose.patterns[0]), "timing[.]0[:]1[,]words[.]1[:]2[,]action[.]0[:]2");
  assert.equal(scorm12.response("performance", loose.patterns[0]), "timing.0:1,words.1:2,action.0:2");
});

test("the saved state keeps a calibration's scores under its id while its content hash holds", () => {
  const shape = { courseId: "demo", fingerprint: "f", pages: [{ kind: "text", id: "intro" }, expert(0)], assessment: null };
  const live = stateCodec.fresh(shape, () => 0.5);
  live.cb = { 1: [2, "021"] };
  const text = stateCodec.encode(live, 4096, shape);
  assert.equal(text, '{"v":2,"c":"demo","l":"intro","vw":"","sc":{},"dg":{},"cb":{"late-sorry":[2,"021","522b7"]}}');
  assert.deepEqual(stateCodec.load(text, shape, "").cb, { 1: [2, "021"] });
  const changed = { courseId: "demo", fingerprint: "f", pages: [shape.pages[0], Object.assign(expert(0), { h: "00000" })], assessment: null };
  assert.deepEqual(stateCodec.load(text, changed, "").cb, { 1: [2, ""] });
  assert.equal(stateCodec.load('{"v":2,"c":"demo","cb":{"late-sorry":[0,"021"]}}', shape, "").cb, undefined);
  // over the budget, the scores go before the counts, and the counts with the other records
  assert.equal(JSON.parse(stateCodec.encode(live, 70, shape)).cb, undefined);
});

test("the CMI rules (the player's checks, the preview's debug LMS) take a calibration's values", () => {
  const cmiRules = require("../../templates/player/js/cmi-rules.js");
  const exact = score.interaction(expert(1), CRITERIA, [1, 1, 2], 1, 5, "Calibrate");
  for (const [family, adapter, response] of [["scorm12", scorm12, "student_response"], ["scorm2004", scorm2004, "learner_response"]]) {
    assert.equal(cmiRules.check(family, "cmi.interactions.0.type", "performance"), "ok");
    assert.equal(cmiRules.check(family, "cmi.interactions.0." + response, adapter.response("performance", exact.response)), "ok");
    assert.equal(cmiRules.check(family, "cmi.interactions.0.correct_responses.0.pattern", adapter.response("performance", exact.patterns[0])), "ok");
    assert.equal(cmiRules.check(family, "cmi.interactions.0.result", adapter.result(exact.result)), "ok");
  }
});
