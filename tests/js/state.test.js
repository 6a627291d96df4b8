// The saved state (templates/player/js/state.js): fresh, load and encode, with exact values.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stateCodec = require("../../templates/player/js/state.js");

const SHAPE = { fingerprint: "aec00113", pageCount: 3, screenCount: 4, hasAssessment: true };
const NO_ASSESSMENT = { fingerprint: "aec00113", pageCount: 2, screenCount: 2, hasAssessment: false };

test("a fresh state has every page unviewed and a seed from the random source", () => {
  assert.deepEqual(stateCodec.fresh(SHAPE, () => 0.5), {
    v: 1, f: "aec00113", l: 0, vw: "000", sc: {}, dg: {},
    a: { sd: 1073741824, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 }
  });
  assert.equal(stateCodec.fresh(SHAPE, () => 0).a.sd, 1);
  assert.equal(stateCodec.fresh(SHAPE, () => 0.9999999999).a.sd, 2147483646);
  assert.deepEqual(stateCodec.fresh(NO_ASSESSMENT, () => 0.5), { v: 1, f: "aec00113", l: 0, vw: "00", sc: {}, dg: {}, a: null });
});

test("encode then load gives the same state back", () => {
  const state = {
    v: 1, f: "aec00113", l: 3, vw: "111", sc: { 1: [2, "a"] }, dg: { 2: [1, "ba"] },
    a: { sd: 1890369619, n: 1, ph: "r", qi: 1, an: ["a", "f"], sc: [100], ps: 1 }, s: 1
  };
  const text = stateCodec.encode(state, 4096);
  assert.equal(text, '{"v":1,"f":"aec00113","l":3,"vw":"111","sc":{"1":[2,"a"]},"dg":{"2":[1,"ba"]},' +
    '"a":{"sd":1890369619,"n":1,"ph":"r","qi":1,"an":["a","f"],"sc":[100],"ps":1},"s":1}');
  assert.deepEqual(stateCodec.load(text, SHAPE), state);
  const plain = { v: 1, f: "aec00113", l: 1, vw: "01", sc: {}, dg: {}, a: null, s: 1 };
  assert.deepEqual(stateCodec.load(stateCodec.encode(plain, 4096), NO_ASSESSMENT), plain);
});

test("another course's state, or no state at all, loads as null", () => {
  const other = JSON.stringify({ v: 1, f: "ffffffff", l: 0, vw: "000", sc: {}, dg: {}, a: null });
  assert.equal(stateCodec.load(other, SHAPE), null);
  assert.equal(stateCodec.load(JSON.stringify({ v: 2, f: "aec00113" }), SHAPE), null);
  for (const text of ["", "{", "null", "1", '"text"', "[]", "true", "{\"v\":1}", "undefined", "\u0000"]) {
    assert.equal(stateCodec.load(text, SHAPE), null, text);
  }
});

test("damaged parts of a state are replaced by their fresh values", () => {
  const text = JSON.stringify({ v: 1, f: "aec00113", l: 9, vw: "01x", sc: 5, dg: null,
    a: { sd: 7, sc: [40], an: "ab", n: "2", qi: 1.7, ps: "yes", ph: "z" } });
  assert.deepEqual(stateCodec.load(text, SHAPE), {
    v: 1, f: "aec00113", l: 0, vw: "000", sc: {}, dg: {}, a: { sd: 7, sc: [40], an: [], n: 2, qi: 1, ps: 1, ph: "i" }
  });
  const noSeed = stateCodec.load(JSON.stringify({ v: 1, f: "aec00113", l: 2, vw: "110", sc: {}, dg: {}, a: { sc: [] } }), SHAPE);
  assert.deepEqual(Object.keys(noSeed.a), ["sd", "n", "ph", "qi", "an", "sc", "ps"]);
  assert.equal(noSeed.a.n, 0);
  assert.equal(stateCodec.load(JSON.stringify({ v: 1, f: "aec00113", l: 1, vw: "01", a: { sd: 1, sc: [] } }), NO_ASSESSMENT).a, null);
});

test("decoding garbage never throws", () => {
  let seed = 12345;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const atoms = [null, 0, -1, 1.5, 1e308, "", "q", "iqrv", true, false, [], {}];
  const value = (depth) => {
    const r = next();
    if (depth > 3 || r < 0.3) return atoms[Math.floor(next() * atoms.length)];
    if (r < 0.5) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
    const o = { v: 1, f: "aec00113" };
    for (const k of ["l", "vw", "sc", "dg", "a", "sd", "n", "ph", "qi", "an", "ps", "s"]) if (next() < 0.5) o[k] = value(depth + 1);
    return o;
  };
  for (let i = 0; i < 5000; i++) {
    const text = JSON.stringify(value(0)) || "";
    for (const cut of [text, text.slice(0, Math.floor(next() * text.length))]) {
      assert.doesNotThrow(() => stateCodec.load(cut, SHAPE), cut);
      assert.doesNotThrow(() => stateCodec.load(cut, NO_ASSESSMENT), cut);
    }
  }
});

test("over the budget, detail is dropped in order and the bookmark stays", () => {
  const state = {
    v: 1, f: "aec00113", l: 3, vw: "111", sc: { 0: [3, "b"] }, dg: { 1: [2, "abab"] },
    a: { sd: 99, n: 2, ph: "r", qi: 4, an: ["abc", "t", "cab"], sc: [40, 60], ps: 0 }, s: 1
  };
  assert.equal(stateCodec.encode(state, 64000).length, 165);
  const head = '{"v":1,"f":"aec00113","l":3,"vw":"111",';
  // 1. the answers kept for the review
  assert.equal(stateCodec.encode(state, 164), head + '"sc":{"0":[3,"b"]},"dg":{"1":[2,"abab"]},' +
    '"a":{"sd":99,"n":2,"ph":"r","qi":4,"an":[],"sc":[40,60],"ps":0,"nr":1},"s":1}');
  // 2. the dialogue paths, each as a new play-through
  assert.equal(stateCodec.encode(state, 156), head + '"sc":{"0":[3,"b"]},"dg":{"1":[3,""]},' +
    '"a":{"sd":99,"n":2,"ph":"r","qi":4,"an":[],"sc":[40,60],"ps":0,"nr":1},"s":1}');
  // 3. the scenario answers on screen, keeping the counts
  assert.equal(stateCodec.encode(state, 152), head + '"sc":{"0":[3,""]},"dg":{"1":[3,""]},' +
    '"a":{"sd":99,"n":2,"ph":"r","qi":4,"an":[],"sc":[40,60],"ps":0,"nr":1},"s":1}');
  // 4. all scenario and dialogue records
  assert.equal(stateCodec.encode(state, 151), head + '"sc":{},"dg":{},' +
    '"a":{"sd":99,"n":2,"ph":"r","qi":4,"an":[],"sc":[40,60],"ps":0,"nr":1},"s":1}');
  // 5. the position in the attempt; even when nothing fits, what the status needs stays
  assert.equal(stateCodec.encode(state, 10), head + '"sc":{},"dg":{},' +
    '"a":{"sd":99,"n":2,"ph":"r","qi":0,"an":[],"sc":[40,60],"ps":0,"nr":1},"s":1}');
  const inQuestion = Object.assign({}, state, { a: Object.assign({}, state.a, { ph: "q" }) });
  // an attempt in progress loses its answers and restarts at its intro
  assert.equal(stateCodec.encode(inQuestion, 10), head + '"sc":{},"dg":{},' +
    '"a":{"sd":99,"n":2,"ph":"i","qi":0,"an":[],"sc":[40,60],"ps":0},"s":1}');
  assert.deepEqual(state.a.an, ["abc", "t", "cab"], "the live state is not changed");
});
