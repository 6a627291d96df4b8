// A state saved by one build read by a republished one (state.js): what still holds is kept by id,
// what changed is dropped so the learner answers it again, and nothing is ever read against
// changed content.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stateCodec = require("../../templates/player/js/state.js");
const progress = require("../../templates/player/js/progress.js");
const quiz = require("../../templates/player/js/quiz.js");
const { course, change } = require("./course-data.js");

const shapeOf = (data) => progress.stateShape(progress.outline(data));
const V1 = shapeOf(course());
// mid-course: the scenario answered twice, the dialogue underway, two questions answered
const LIVE = { l: 2, vw: "1110", sc: { 1: [2, "a"] }, dg: { 2: [1, "ba"] },
  a: { sd: 1890369619, n: 1, ph: "q", qi: 2, an: ["b", "ac"], sc: [], ps: 0 }, s: 1 };
const SAVED = stateCodec.encode(LIVE, 4096, V1);
const ALL = ["q-single", "q-multi", "q-tf", "q-match", "q-order"];
const readBy = (edit) => stateCodec.load(SAVED, shapeOf(change(edit)));
const attempt = (fields) => Object.assign({ sd: 1890369619, n: 1, ph: "q", qi: 2, an: ["b", "ac"], sc: [], ps: 0,
  q: ALL, qn: 1 }, fields);

test("an unchanged republish reads everything back", () => {
  assert.deepEqual(readBy(() => {}), Object.assign({}, LIVE, { a: attempt({}) }));
});

test("pages added, removed and moved: viewed pages, bookmark and records follow their ids", () => {
  const welcome = { kind: "text", id: "welcome", title: "Welcome" };
  assert.deepEqual(readBy((d) => { d.lessons[0].pages.unshift(welcome); }),
    { l: 3, vw: "01110", sc: { 2: [2, "a"] }, dg: { 3: [1, "ba"] }, a: attempt({}), s: 1 });
  assert.deepEqual(readBy((d) => { d.lessons[0].pages.shift(); }),
    { l: 1, vw: "110", sc: { 0: [2, "a"] }, dg: { 1: [1, "ba"] }, a: attempt({}), s: 1 });
  assert.deepEqual(readBy((d) => { d.lessons[0].pages.unshift(d.lessons[1].pages.pop()); }),
    { l: 3, vw: "0111", sc: { 2: [2, "a"] }, dg: { 3: [1, "ba"] }, a: attempt({}), s: 1 });
  // the bookmarked page removed: the LMS's bookmark, else the first page
  const noCall = (d) => { d.lessons[1].pages.shift(); };
  assert.equal(stateCodec.load(SAVED, shapeOf(change(noCall))).l, 0);
  assert.equal(stateCodec.load(SAVED, shapeOf(change(noCall)), "outro").l, 2);
});

test("reordered options: the scenario's answer goes, its count stays for unique interaction ids", () => {
  const state = readBy((d) => {
    const page = d.lessons[0].pages[1];
    page.options.reverse().forEach((o, i) => { o.key = "abc"[i]; });
    page.h = "77e10"; // what the build's hash becomes
  });
  assert.deepEqual([state.sc, state.dg, state.vw, state.l], [{ 1: [2, ""] }, { 2: [1, "ba"] }, "1110", 2]);
});

test("a changed dialogue restarts as a new play-through", () => {
  const state = readBy((d) => { d.lessons[1].pages[0].nodes.open.choices.reverse(); d.lessons[1].pages[0].h = "1f2e3"; });
  assert.deepEqual([state.dg, state.sc], [{ 2: [2, ""] }, { 1: [2, "a"] }]);
});

test("a changed question in an attempt underway is asked again, in order", () => {
  const first = readBy((d) => { d.assessment.questions[0].h = "fffff"; });
  assert.deepEqual(first.a, attempt({ qi: 0, an: [null, "ac"] }), "the answers after it stay");
  const second = readBy((d) => { d.assessment.questions[1].h = "fffff"; });
  assert.deepEqual(second.a, attempt({ qi: 1, an: ["b"] }));
  const removed = readBy((d) => { d.assessment.questions.shift(); });
  assert.deepEqual(removed.a, attempt({ qi: 1, an: ["ac"], q: ALL.slice(1) }));
  assert.deepEqual(quiz.questionsFor(change((d) => { d.assessment.questions.shift(); }).assessment, removed.a).map((q) => q.id),
    ALL.slice(1), "the attempt keeps its own questions, not a new draw");
  const added = readBy((d) => { d.assessment.questions.unshift({ id: "q-new", kind: "true-false", weight: 1, h: "12345", answer: true }); });
  assert.deepEqual(added.a, attempt({}), "a new question in the pool doesn't change an attempt underway");
  const gone = readBy((d) => { d.assessment.questions = d.assessment.questions.slice(2); d.assessment.questions[0].h = "00000"; });
  assert.deepEqual(gone.a, attempt({ qi: 0, an: [], q: ALL.slice(2) }));
  // the last question answered while an earlier one is open: asked again, as answering it ends the attempt
  const lastOnly = readBy((d) => { d.assessment.questions = d.assessment.questions.slice(0, 2); d.assessment.questions[0].h = "00000"; });
  assert.deepEqual(lastOnly.a, attempt({ qi: 0, an: [], q: ALL.slice(0, 2) }));
});

test("an attempt whose every question is gone restarts at its intro, and the next one takes a new number", () => {
  const state = readBy((d) => { d.assessment.questions = [{ id: "q-other", kind: "true-false", weight: 1, h: "99999", answer: true }]; });
  assert.deepEqual(state.a, { sd: 1890369619, n: 1, ph: "i", qi: 0, an: [], sc: [], ps: 0 });
});

test("a finished attempt keeps its score and passed flag; its review goes when a question changed", () => {
  const finished = Object.assign({}, LIVE, { l: 4, a: { sd: 5, n: 1, ph: "r", qi: 4, an: ["b", "ac", "f", "ab", "abc"], sc: [100], ps: 1 } });
  const text = stateCodec.encode(finished, 4096, V1);
  assert.deepEqual(stateCodec.load(text, V1).a, Object.assign({}, finished.a, { q: ALL, qn: 1 }));
  const changed = stateCodec.load(text, shapeOf(change((d) => { d.assessment.questions[3].h = "abcde"; })));
  assert.deepEqual(changed.a, { sd: 5, n: 1, ph: "r", qi: 0, an: [], sc: [100], ps: 1, nr: 1 });
  // at the last question's feedback the attempt has ended: it reads back as its results
  const atLast = Object.assign({}, finished, { a: Object.assign({}, finished.a, { ph: "q" }) });
  assert.equal(stateCodec.load(stateCodec.encode(atLast, 4096, V1), V1).a.ph, "r");
});

test("an assessment removed or added by the republish", () => {
  assert.equal(readBy((d) => { d.assessment = null; }).a, null);
  const plain = stateCodec.encode({ l: 1, vw: "1100", sc: {}, dg: {}, a: null, s: 1 }, 4096, shapeOf(change((d) => { d.assessment = null; })));
  const fresh = stateCodec.load(plain, V1).a;
  assert.deepEqual(Object.assign({}, fresh, { sd: 1 }), { sd: 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 }, "a fresh attempt");
  assert.ok(fresh.sd >= 1 && fresh.sd <= 2147483646 && fresh.sd % 1 === 0);
});
