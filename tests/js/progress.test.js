// Where the learner stands (progress.js): completion rules, the measure, the bookmark and the summary.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const progress = require("../../templates/player/js/progress.js");

const DATA = {
  standard: "scorm2004-4",
  course: { id: "demo", fingerprint: "f1", completion: "both" },
  lessons: [{ title: "One", pages: [{ id: "intro" }, { id: "late-refund" }] }, { title: "Two", pages: [{ id: "call" }] }],
  assessment: { attempts: 2, pass_mark: 80 }
};
const NO_FLOOR = { completion: "", success: "", lessonStatus: "" };
const course = progress.outline(DATA);
function state(vw, l, attempt) { return { v: 1, f: "f1", l: l, vw: vw, sc: {}, dg: {}, a: attempt }; }

test("the outline numbers the screens: lesson pages, then the assessment", () => {
  assert.equal(course.family, "scorm2004");
  assert.equal(progress.outline(Object.assign({}, DATA, { standard: "scorm12" })).family, "scorm12");
  assert.deepEqual([course.pageCount, course.assessmentScreen, course.screenCount], [3, 3, 4]);
  assert.deepEqual(course.pages.map((p) => [p.lessonIndex, p.pageIndex, p.page.id]), [[0, 0, "intro"], [0, 1, "late-refund"], [1, 0, "call"]]);
  assert.deepEqual(progress.stateShape(course), { courseId: "demo", fingerprint: "f1",
    pages: [{ id: "intro" }, { id: "late-refund" }, { id: "call" }], assessment: DATA.assessment });
});

test("the summary the adapters report, from the state", () => {
  const passed = state("111", 3, { sd: 1, n: 2, ph: "r", qi: 0, an: [], sc: [60, 90], ps: 1 });
  assert.deepEqual(progress.summary(course, passed, NO_FLOOR), { complete: true, ended: true, hasAssessment: true, passed: true,
    failedFinal: false, score: 90, measure: 1, bookmark: "assessment" });
  // the last attempt failed: not complete by the course's rule, but nothing is left to do
  const failed = state("101", 1, { sd: 1, n: 2, ph: "r", qi: 0, an: [], sc: [60, 70], ps: 0 });
  assert.deepEqual(progress.summary(course, failed, NO_FLOOR), { complete: false, ended: true, hasAssessment: true, passed: false,
    failedFinal: true, score: 70, measure: 0.75, bookmark: "late-refund" });
  // never a fail over a pass the LMS holds, and the LMS's completion stays
  assert.equal(progress.summary(course, failed, { completion: "completed", success: "passed", lessonStatus: "passed" }).score, null);
  assert.equal(progress.summary(course, failed, { completion: "completed", success: "", lessonStatus: "" }).complete, true);
  const started = state("100", 0, { sd: 1, n: 1, ph: "q", qi: 0, an: [], sc: [60], ps: 0 });
  assert.deepEqual(progress.summary(course, started, NO_FLOOR), { complete: false, ended: false, hasAssessment: true, passed: false,
    failedFinal: false, score: null, measure: 0.25, bookmark: "intro" });
  assert.equal(progress.attemptsLeft(course.assessment, started), true);
  assert.equal(progress.attemptsLeft(course.assessment, failed), false);
});

test("completion rules: lessons, assessment, both; lessons alone without an assessment", () => {
  const viewedAll = state("111", 0, { sd: 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 });
  const passedOnly = state("100", 0, { sd: 1, n: 1, ph: "r", qi: 0, an: [], sc: [90], ps: 1 });
  const rule = (completion) => progress.outline(Object.assign({}, DATA, { course: Object.assign({}, DATA.course, { completion }) }));
  assert.deepEqual([progress.isComplete(rule("lessons"), viewedAll, NO_FLOOR), progress.isComplete(rule("lessons"), passedOnly, NO_FLOOR)], [true, false]);
  assert.deepEqual([progress.isComplete(rule("assessment"), viewedAll, NO_FLOOR), progress.isComplete(rule("assessment"), passedOnly, NO_FLOOR)], [false, true]);
  assert.deepEqual([progress.isComplete(rule("both"), viewedAll, NO_FLOOR), progress.isComplete(rule("both"), passedOnly, NO_FLOOR)], [false, false]);
  const plain = progress.outline(Object.assign({}, DATA, { assessment: null, course: Object.assign({}, DATA.course, { completion: "assessment" }) }));
  assert.equal(progress.isComplete(plain, state("111", 2, null), NO_FLOOR), true);
  assert.equal(progress.measure(plain, state("110", 2, null)), 2 / 3);
});

test("the score never goes below the one the LMS holds", () => {
  const passedAt = (scores) => state("111", 3, { sd: 1, n: scores.length, ph: "r", qi: 0, an: [], sc: scores, ps: 1 });
  const failedAt = (scores) => state("111", 3, { sd: 1, n: scores.length, ph: "r", qi: 0, an: [], sc: scores, ps: 0 });
  const held = (score, success) => ({ completion: "completed", success: success, lessonStatus: "", score: score });
  assert.equal(progress.reportedScore(course, passedAt([85]), held(90, "passed")), null, "a lower pass keeps the LMS's 90");
  assert.equal(progress.reportedScore(course, passedAt([95]), held(90, "passed")), 95);
  assert.equal(progress.reportedScore(course, passedAt([90]), held(90, "passed")), 90);
  assert.equal(progress.reportedScore(course, failedAt([0, 20]), held(40, "failed")), null);
  assert.equal(progress.reportedScore(course, failedAt([0, 50]), held(40, "failed")), 50);
  assert.equal(progress.reportedScore(course, failedAt([0, 50]), NO_FLOOR), 50);
  // undecided (an attempt left) or not begun: no score at all
  assert.equal(progress.reportedScore(course, failedAt([50]), NO_FLOOR), null);
  assert.equal(progress.reportedScore(course, state("111", 3, { sd: 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 }), NO_FLOOR), null);
});

test("a bookmark past the course's screens names nothing, and never throws", () => {
  assert.equal(progress.bookmark(course, state("111", 3, null)), "assessment");
  assert.equal(progress.bookmark(course, state("111", 1, null)), "late-refund");
  assert.equal(progress.bookmark(course, state("111", 9, null)), "");
});
