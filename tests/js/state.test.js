// The saved state (templates/player/js/state.js): fresh, load and encode, with exact values.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stateCodec = require("../../templates/player/js/state.js");
const progress = require("../../templates/player/js/progress.js");
const { course } = require("./course-data.js");

const shapeOf = (data) => progress.stateShape(progress.outline(data));
const SHAPE = shapeOf(course());
const NO_ASSESSMENT = shapeOf(Object.assign(course(), { assessment: null }));
const IDS = ["q-single", "q-multi", "q-tf", "q-match", "q-order"];

// a learner in the middle: the dialogue underway, the first question answered
const LIVE = { l: 2, vw: "1110", sc: { 1: [2, "a"] }, dg: { 2: [1, "ba"] },
  a: { sd: 1890369619, n: 1, ph: "q", qi: 1, an: ["b"], sc: [], ps: 0 }, s: 1 };
const SAVED = '{"v":2,"c":"demo","l":"call","vw":"intro refund call","sc":{"refund":[2,"a","5c1d2"]},' +
  '"dg":{"call":[1,"ba","0d9e8"]},"a":{"sd":1890369619,"n":1,"ph":"q","qi":1,"q":[["q-single","b","a1a1a"],' +
  '["q-multi"],["q-tf"],["q-match"],["q-order"]],"sc":[],"ps":0},"s":1}';
// LIVE as load gives it back: the attempt keeps its questions (a.q), for the attempt they belong to (a.qn)
const LOADED = Object.assign({}, LIVE, { a: Object.assign({}, LIVE.a, { q: IDS, qn: 1 }) });
const edited = (edit) => { const saved = JSON.parse(SAVED); edit(saved); return JSON.stringify(saved); };

test("a fresh state has every page unviewed and a seed from the random source", () => {
  assert.deepEqual(stateCodec.fresh(SHAPE, () => 0.5), {
    l: 0, vw: "0000", sc: {}, dg: {}, a: { sd: 1073741824, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 } });
  assert.equal(stateCodec.fresh(SHAPE, () => 0).a.sd, 1);
  assert.equal(stateCodec.fresh(SHAPE, () => 0.9999999999).a.sd, 2147483646);
  assert.deepEqual(stateCodec.fresh(NO_ASSESSMENT, () => 0.5), { l: 0, vw: "0000", sc: {}, dg: {}, a: null });
});

test("the saved format is keyed by ids, with a content hash beside each answer, and reads back", () => {
  assert.equal(stateCodec.encode(LIVE, 4096, SHAPE), SAVED);
  assert.deepEqual(stateCodec.load(SAVED, SHAPE), LOADED);
  assert.equal(stateCodec.encode(stateCodec.load(SAVED, SHAPE), 4096, SHAPE), SAVED, "reading and writing again changes nothing");
  const plain = { l: 3, vw: "0101", sc: {}, dg: {}, a: null, s: 1 };
  assert.equal(stateCodec.encode(plain, 4096, NO_ASSESSMENT), '{"v":2,"c":"demo","l":"outro","vw":"refund outro","sc":{},"dg":{},"s":1}');
  assert.deepEqual(stateCodec.load(stateCodec.encode(plain, 4096, NO_ASSESSMENT), NO_ASSESSMENT), plain);
});

test("another course's state, an unknown version or no state at all loads as null", () => {
  assert.equal(stateCodec.load(edited((s) => { s.c = "other-course"; }), SHAPE), null);
  assert.equal(stateCodec.load(edited((s) => { s.v = 3; }), SHAPE), null);
  for (const text of ["", "{", "null", "1", '"text"', "[]", "true", '{"v":2}', "undefined", "\u0000", '{"v":1}']) {
    assert.equal(stateCodec.load(text, SHAPE), null, text);
  }
});

test("a field of the wrong type or out of range is dropped, and the rest is kept", () => {
  // the bookmark as a fraction used to give a blank page: now the first page, or the LMS's bookmark
  assert.equal(stateCodec.load(edited((s) => { s.l = 1.5; }), SHAPE).l, 0);
  assert.equal(stateCodec.load(edited((s) => { s.l = 1.5; }), SHAPE, "call").l, 2);
  assert.equal(stateCodec.load(edited((s) => { s.l = "gone"; }), SHAPE, "assessment").l, 4);
  assert.equal(stateCodec.load(edited((s) => { s.l = "*"; }), NO_ASSESSMENT).l, 0);
  // a dialogue path that isn't text used to throw in the dialogue: a new play-through instead
  assert.deepEqual(stateCodec.load(edited((s) => { s.dg.call = [1, 5]; }), SHAPE).dg, { 2: [2, ""] });
  // an answer that isn't text used to throw in the question: the question is asked again
  const badAnswer = stateCodec.load(edited((s) => { s.a.q[0] = ["q-single", 5, "a1a1a"]; }), SHAPE).a;
  assert.deepEqual([badAnswer.ph, badAnswer.qi, badAnswer.an, badAnswer.q], ["q", 0, [], IDS]);
  const secondBad = stateCodec.load(edited((s) => { s.a.q[1] = ["q-multi", ["a"], "b2b2b"]; s.a.qi = 2; }), SHAPE).a;
  assert.deepEqual([secondBad.qi, secondBad.an], [1, ["b"]], "back to the question whose answer went");
  // each item is checked on its own
  const mixed = stateCodec.load(edited((s) => {
    s.vw = "intro nowhere 7 call"; s.sc.refund = [2, "z", "5c1d2"]; s.dg.call = ["1", "ba"]; s.s = true;
    s.a.sc = [40, "60", 101, 70.5, 100]; s.a.ps = true; s.a.sd = -4; s.a.n = "1";
  }), SHAPE);
  assert.deepEqual([mixed.vw, mixed.sc, mixed.dg, mixed.s], ["1010", { 1: [2, ""] }, {}, undefined]);
  assert.deepEqual([mixed.a.sc, mixed.a.ps, mixed.a.n, mixed.a.ph], [[40, 100], 0, 2, "q"]);
  // a key the format doesn't have is never kept, so it can't push the state over the budget
  const padded = edited((s) => { s.x = "y".repeat(5000); s.a.extra = [1, 2, 3]; });
  assert.equal(stateCodec.encode(stateCodec.load(padded, SHAPE), 4096, SHAPE), SAVED);
  // the assessment part of a course that has none is ignored
  assert.equal(stateCodec.load(SAVED, NO_ASSESSMENT).a, null);
});

test("the LMS's bookmark stands in for a missing or unusable state", () => {
  assert.deepEqual(stateCodec.fromBookmark(SHAPE, "call", () => 0.5), {
    l: 2, vw: "0000", sc: {}, dg: {}, a: { sd: 1073741824, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 }, s: 1 });
  assert.equal(stateCodec.fromBookmark(SHAPE, "assessment").l, 4);
  for (const location of ["", "intro", "nowhere", undefined]) assert.equal(stateCodec.fromBookmark(SHAPE, location), null, location);
  assert.equal(stateCodec.fromBookmark(NO_ASSESSMENT, "assessment"), null);
});

test("a version 1 state of the same build keeps what doesn't depend on the options' order", () => {
  const v1 = JSON.stringify({ v: 1, f: "f0000001", l: 2, vw: "1110", sc: { 1: [2, "a"] }, dg: { 2: [1, "ba"] },
    a: { sd: 77, n: 1, ph: "q", qi: 1, an: [5], sc: [], ps: 0 }, s: 1 });
  // the answers go (the fingerprint doesn't cover the options' order): the counts, pages and bookmark stay
  assert.deepEqual(stateCodec.load(v1, SHAPE), { l: 2, vw: "1110", sc: { 1: [2, ""] }, dg: { 2: [2, ""] },
    a: { sd: 77, n: 1, ph: "i", qi: 0, an: [], sc: [], ps: 0 }, s: 1 });
  const finished = JSON.stringify({ v: 1, f: "f0000001", l: 4, vw: "1111", sc: {}, dg: {},
    a: { sd: 77, n: 2, ph: "v", qi: 4, an: ["b", "ac"], sc: [40, 90], ps: 1 }, s: 1 });
  assert.deepEqual(stateCodec.load(finished, SHAPE).a, { sd: 77, n: 2, ph: "r", qi: 0, an: [], sc: [40, 90], ps: 1, nr: 1 });
  assert.equal(stateCodec.load(JSON.stringify({ v: 1, f: "ffffffff", l: 2, vw: "1110" }), SHAPE), null, "another build's");
});

test("over the budget, detail is dropped in order and the bookmark stays", () => {
  const state = { l: 4, vw: "1111", sc: { 1: [3, "b"] }, dg: { 2: [2, "ab"] },
    a: { sd: 99, n: 2, ph: "r", qi: 4, an: ["b", "ac", "f", "ab", "cab"], sc: [40, 60], ps: 0 }, s: 1 };
  const head = '{"v":2,"c":"demo","l":"*",';
  const done = '"a":{"sd":99,"n":2,"ph":"r","qi":4,"sc":[40,60],"ps":0,"nr":1},"s":1';
  const steps = [
    head + '"vw":"intro refund call outro","sc":{"refund":[3,"b","5c1d2"]},"dg":{"call":[2,"ab","0d9e8"]},' +
      '"a":{"sd":99,"n":2,"ph":"r","qi":4,"q":[["q-single","b","a1a1a"],["q-multi","ac","b2b2b"],["q-tf","f","c3c3c"],' +
      '["q-match","ab","d4d4d"],["q-order","cab","e5e5e"]],"sc":[40,60],"ps":0},"s":1}',
    // 1. the answers kept for the review
    head + '"vw":"intro refund call outro","sc":{"refund":[3,"b","5c1d2"]},"dg":{"call":[2,"ab","0d9e8"]},' + done + "}",
    // 2. the dialogue paths, each as a new play-through
    head + '"vw":"intro refund call outro","sc":{"refund":[3,"b","5c1d2"]},"dg":{"call":[3]},' + done + "}",
    // 3. the scenario answers on screen, keeping the counts
    head + '"vw":"intro refund call outro","sc":{"refund":[3]},"dg":{"call":[3]},' + done + "}",
    // 4. the viewed pages by position, for this build only
    head + '"sc":{"refund":[3]},"dg":{"call":[3]},' + done + ',"vb":"1111","f":"f0000001"}',
    // 5. all scenario and dialogue records; even when nothing fits, what the status needs stays
    head + '"sc":{},"dg":{},' + done + ',"vb":"1111","f":"f0000001"}'
  ];
  assert.equal(stateCodec.encode(state, 64000, SHAPE), steps[0]);
  for (let i = 1; i < steps.length; i++) {
    assert.equal(stateCodec.encode(state, steps[i - 1].length - 1, SHAPE), steps[i], `step ${i}`);
  }
  assert.equal(stateCodec.encode(state, 10, SHAPE), steps[5]);
  assert.deepEqual(stateCodec.load(steps[4], SHAPE).vw, "1111", "this build reads the viewed pages by position");
  // 6. an attempt in progress loses its answers and restarts at its intro
  const inQuestion = Object.assign({}, state, { a: Object.assign({}, state.a, { ph: "q", qi: 2, an: ["b", "ac"] }) });
  assert.equal(stateCodec.encode(inQuestion, 10, SHAPE), head + '"sc":{},"dg":{},' +
    '"a":{"sd":99,"n":2,"ph":"i","qi":0,"sc":[40,60],"ps":0},"s":1,"vb":"1111","f":"f0000001"}');
  assert.deepEqual(state.a.an, ["b", "ac", "f", "ab", "cab"], "the live state is not changed");
});
