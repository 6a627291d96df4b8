// Practice that counts and the way back (templates/player/js/practice.js), through progress.js and state.js:
// the course score with weights, the completion mapping, remediation pages, routes, the saved records, and
// the confidence change; cmi-rules.js likert.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const practice = require("../../templates/player/js/practice.js");
const progress = require("../../templates/player/js/progress.js");
const stateCodec = require("../../templates/player/js/state.js");
const dialoguePath = require("../../templates/player/js/dialogue-path.js");
const cmiRules = require("../../templates/player/js/cmi-rules.js");
const { change } = require("./course-data.js");

const NO_FLOOR = { completion: "", success: "", lessonStatus: "" };
/* the demo course with practice: refund counts 2, call 1, a remediation page "why" after intro, and the rule */
function practiceCourse(completion) {
  return progress.outline(change((data) => {
    data.course.completion = completion || "lessons+practice+assessment";
    data.course.practice = { assessment_weight: 6 };
    data.lessons[0].pages[1].weight = 2;
    data.lessons[0].pages[1].options[2].review = "why";
    data.lessons[0].pages.splice(1, 0, { kind: "text", id: "why", title: "Why", remediation: true });
    data.lessons[1].pages[0].weight = 1;
    data.lessons[1].pages.push({ kind: "confidence", id: "conf-a", moment: "after", h: "9f8fc",
      principles: [{ id: "p1", title: "P one" }, { id: "p2", title: "P two" }] });
    data.lessons[0].pages.unshift({ kind: "confidence", id: "conf-b", moment: "before", h: "9f8fc",
      principles: [{ id: "p1", title: "P one" }, { id: "p2", title: "P two" }] });
  }));
}
function live(course, vw, attempt) {
  return { l: 0, vw: vw, sc: {}, dg: {}, a: attempt || { sd: 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 } };
}
const PASSED = { sd: 1, n: 1, ph: "r", qi: 0, an: [], sc: [90], ps: 1 };

test("the course score is the weighted mean of the best attempt and the first practice results", () => {
  const course = practiceCourse();
  const state = live(course, "1101111", PASSED);
  // pages: conf-b, intro, why, refund, call, outro, conf-a
  practice.recordResult(state, course.pages[3].page, "poor");
  practice.recordResult(state, course.pages[3].page, "best"); // a later answer doesn't change the first
  practice.recordResult(state, course.pages[4].page, "mixed");
  assert.deepEqual(state.pr, { refund: 0, call: 1 });
  // (90 x 6 + 0 x 2 + 50 x 1) / 9 = 65.56 -> 66
  assert.equal(progress.reportedScore(course, state, NO_FLOOR), 66);
  // a result not given yet counts 0 %: (90 x 6 + 0 + 0) / 9 = 60
  assert.equal(progress.reportedScore(course, Object.assign({}, state, { pr: { refund: 0 } }), NO_FLOOR), 60);
  // undecided assessment: no score yet; never below the score the LMS holds
  assert.equal(progress.reportedScore(course, live(course, "1101111"), NO_FLOOR), null);
  assert.equal(progress.reportedScore(course, state, { completion: "", success: "", lessonStatus: "", score: 70 }), null);
});

test("without an assessment the score waits for every weighted result", () => {
  const course = progress.outline(change((data) => {
    data.assessment = null;
    data.course.practice = { assessment_weight: 0 };
    data.lessons[0].pages[1].weight = 3;
    data.lessons[1].pages[0].weight = 1;
  }));
  const state = live(course, "1111", null);
  state.a = null;
  state.pr = { refund: 2 };
  assert.equal(progress.reportedScore(course, state, NO_FLOOR), null);
  state.pr.call = 1;
  assert.equal(progress.reportedScore(course, state, NO_FLOOR), 88); // (100 x 3 + 50) / 4 = 87.5
});

test("the completion mapping holds only when each part does; remediation pages are not needed", () => {
  const course = practiceCourse();
  const state = live(course, "1101111", PASSED); // every page but the remediation page viewed
  assert.equal(progress.isComplete(course, state, NO_FLOOR), false, "the practice is not answered");
  state.pr = { refund: 0, call: 2 };
  assert.equal(progress.isComplete(course, state, NO_FLOOR), true);
  state.a = { sd: 1, n: 1, ph: "r", qi: 0, an: [], sc: [40], ps: 0 };
  assert.equal(progress.isComplete(course, state, NO_FLOOR), false, "the assessment is not passed");
  const noTest = practiceCourse("lessons+practice");
  assert.equal(progress.isComplete(noTest, Object.assign({}, state, { pr: { refund: 0, call: 2 } }), NO_FLOOR), true);
  assert.equal(progress.isComplete(noTest, Object.assign({}, state, { vw: "1101011", pr: { refund: 0, call: 2 } }),
    NO_FLOOR), false, "a page unviewed");
  // the words of before still work, and ignore remediation pages too
  assert.equal(progress.isComplete(practiceCourse("both"), live(course, "1101111", PASSED), NO_FLOOR), true);
  // the measure leaves the remediation page out: 6 pages + the assessment
  assert.equal(progress.measure(course, live(course, "1101111", PASSED)), 1);
  assert.equal(progress.summary(course, live(course, "1101111", PASSED), NO_FLOOR).complete, false);
});

test("a remediation page is hidden until a review link opens it, and linear navigation passes it", () => {
  const course = practiceCourse();
  const state = live(course, "1100000");
  const why = course.pages[2].page;
  assert.equal(practice.hidden(why, state), true);
  assert.equal(progress.linearStop(course, state, () => true), 3, "the first page not viewed after the hidden one");
  practice.openReview(state, "why");
  assert.equal(practice.hidden(why, state), false);
  assert.equal(progress.linearStop(course, state, () => true), 2);
});

test("a routed choice leads where its first route that holds says, after its own effects", () => {
  const dialogue = change(() => {}).lessons[1].pages[0];
  dialogue.nodes.open.choices[0].routes = [{ when: [["rapport", ">=", 3]], next: "again" }, { when: [], next: "end" }];
  dialogue.nodes.open.choices[1].routes = [{ when: [["rapport", "<", 0], ["rapport", "!=", -5]], next: "end" },
    { when: [], next: "again" }];
  assert.equal(dialoguePath.walk(dialogue, "a").node, "end"); // rapport 2: not >= 3
  assert.equal(dialoguePath.walk(dialogue, "b").node, "end"); // rapport -1: < 0 and != -5
  assert.deepEqual(["==", ">", "<="].map((op) => practice.routeNext({ next: "x", routes: [{ when: [["s", op, 2]], next: "y" }] },
    { s: 2 })), ["y", "x", "y"]);
});

test("the records are saved by id, read back against the course, and never dropped for the budget", () => {
  const course = practiceCourse();
  const shape = progress.stateShape(course);
  const state = stateCodec.fresh(shape, () => 0.5);
  state.pr = { refund: 0, call: 2 }; state.rv = { why: true }; state.cf = { "conf-b": "23" };
  const text = stateCodec.encode(state, 64000, shape);
  assert.match(text, /"pr":"refund:0 call:2","rv":"why","cf":\{"conf-b":\["23","9f8fc"\]\}/);
  const back = stateCodec.load(text, shape);
  assert.deepEqual([back.pr, back.rv, back.cf], [state.pr, state.rv, state.cf]);
  // an unknown id, a bad digit, a page that is no remediation page, a changed confidence page: dropped
  const odd = text.replace('"refund:0 call:2"', '"refund:7 gone:1 call:2"').replace('"rv":"why"', '"rv":"why intro"')
    .replace('"9f8fc"', '"00000"');
  const read = stateCodec.load(odd, shape);
  assert.deepEqual([read.pr, read.rv, read.cf], [{ call: 2 }, { why: true }, undefined]);
  assert.match(stateCodec.encode(state, 10, shape), /"pr":"refund:0 call:2","rv":"why","cf":/);
});

test("the confidence change per principle, and the likert interaction both families accept", () => {
  const course = practiceCourse();
  const state = live(course, "0000000");
  assert.deepEqual(practice.confidenceChange(course, state), []);
  state.cf = { "conf-b": "24", "conf-a": "43" };
  assert.deepEqual(practice.confidenceChange(course, state), [{ id: "p1", title: "P one", before: 2, after: 4 },
    { id: "p2", title: "P two", before: 4, after: 3 }]);
  const item = cmiRules.likert("conf_before_p1", 4, 1000, "P one");
  assert.deepEqual(item, { id: "conf_before_p1", attempt: 1, type: "likert", started: 1000, weight: 0,
    description: "P one", response: ["4"], patterns: [], result: "neutral" });
  assert.equal(cmiRules.likert("x", 0, 1, ""), null);
  assert.equal(cmiRules.likert("x", 10, 1, ""), null);
  assert.equal(cmiRules.canSend("scorm12", "cmi.interactions.0.type", "likert"), true);
  assert.equal(cmiRules.canSend("scorm2004", "cmi.interactions.0.learner_response", "4"), true);
});
