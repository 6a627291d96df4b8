// Whatever the LMS hands back, the state decoder (state.js load) never throws and gives a state the
// player can run on: thousands of seeded mutations of valid saved states, in both standards'
// budgets, each decoded state checked field by field, written back within the budget, read back
// the same, and run through everything pure that reads it (progress, the adapters, quiz, dialogues).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const stateCodec = require("../../templates/player/js/state.js");
const progress = require("../../templates/player/js/progress.js");
const quiz = require("../../templates/player/js/quiz.js");
const dialoguePath = require("../../templates/player/js/dialogue-path.js");
const answerKeys = require("../../templates/player/js/answer-keys.js");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const random = require("../../templates/player/js/random.js");
const { course } = require("./course-data.js");

const MUTANTS = 3000; // per standard
const ATOMS = [null, 0, -1, 1, 1.5, 2.5, 999, 1e308, -1e308, 2147483647, "", "x", "q", "r", "*", "a", "zz", "ab", "iqrv",
  "q-single", "intro", "call", "5c1d2", "__proto__", "constructor", "y".repeat(5000), true, false];
const STRUCTURES = [() => [], () => ({}), () => [1, 5], () => ["b"], () => [[]], () => ({ a: 1 }), () => ["q-single", 5],
  () => [2, "a", "5c1d2"], () => ({ refund: [1, "z"] }), () => [["q-tf", "t", "c3c3c"]]];

function outlineFor(standard, withAssessment) {
  const data = Object.assign(course(), { standard: standard });
  if (!withAssessment) data.assessment = null;
  return progress.outline(data);
}
/* valid live states to start from: mid-course, an attempt finished, just started, nothing at all */
const LIVES = [
  { l: 2, vw: "1110", sc: { 1: [2, "a"] }, dg: { 2: [1, "ba"] }, a: { sd: 1890369619, n: 1, ph: "q", qi: 2, an: ["b", "ac"], sc: [], ps: 0 }, s: 1 },
  { l: 4, vw: "1111", sc: { 1: [3, "c"] }, dg: { 2: [2, "a"] }, a: { sd: 5, n: 2, ph: "v", qi: 4, an: ["b", "ac", "f", "ba", "cab"], sc: [40, 100], ps: 1 }, s: 1 },
  { l: 0, vw: "1000", sc: {}, dg: {}, a: { sd: 77, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 }, s: 1 },
  { l: 3, vw: "0101", sc: { 1: [1, "b"] }, dg: {}, a: null }
];

/* every field of a live state in type and range, or the reason it isn't */
function problemOf(state, course) {
  const pages = course.pages.map((e) => e.page), keys = Object.keys(state).sort().join(",");
  if (!/^a,dg,l,(s,)?sc,vw$/.test(keys)) return "keys " + keys;
  if (!Number.isInteger(state.l) || state.l < 0 || state.l >= course.screenCount) return "l " + state.l;
  if (typeof state.vw !== "string" || !/^[01]*$/.test(state.vw) || state.vw.length !== pages.length) return "vw";
  if (state.s !== undefined && state.s !== 1) return "s";
  for (const [name, kind] of [["sc", "scenario"], ["dg", "dialogue"]]) {
    for (const k of Object.keys(state[name])) {
      const page = pages[k], record = state[name][k];
      if (!page || page.kind !== kind || !Array.isArray(record) || record.length !== 2) return name + " " + k;
      if (!Number.isInteger(record[0]) || record[0] < 1 || typeof record[1] !== "string") return name + " record " + k;
      if (kind === "scenario" && record[1] && !answerKeys.byKey(page.options, record[1])) return "sc key " + k;
      if (kind === "dialogue" && !/^[a-z]*$/.test(record[1])) return "dg path " + k;
    }
  }
  return course.assessment ? attemptProblem(state.a, course.assessment) : state.a === null ? "" : "a without an assessment";
}
function attemptProblem(a, assessment) {
  if (!a || typeof a !== "object") return "a";
  if (!Number.isInteger(a.sd) || a.sd < 1 || a.sd > 2147483646 || !Number.isInteger(a.n) || a.n < 0) return "a.sd/n";
  if (["i", "q", "r", "v"].indexOf(a.ph) < 0 || !Number.isInteger(a.qi) || a.qi < 0) return "a.ph/qi";
  if (!Array.isArray(a.sc) || !a.sc.every((p) => Number.isInteger(p) && p >= 0 && p <= 100) || a.n < a.sc.length) return "a.sc";
  if ((a.ps !== 0 && a.ps !== 1) || (a.ps && !a.sc.length) || (a.nr !== undefined && a.nr !== 1)) return "a.ps/nr";
  if (!Array.isArray(a.an)) return "a.an";
  const questions = quiz.questionsFor(assessment, a);
  /* in a question: every one before it answered, the last never (answering it ends the attempt) */
  if (a.ph === "q" && (a.n === 0 || a.qi >= questions.length || a.an.length >= questions.length)) return "a in a question";
  if (a.ph === "q" && a.an.slice(0, a.qi).some((answer) => answer === null || answer === undefined)) return "a skips a question";
  if (a.an.length > questions.length) return "a.an length";
  for (let i = 0; i < a.an.length; i++) {
    if (a.an[i] !== null && !quiz.validAnswer(questions[i], a.an[i])) return "a.an " + i;
  }
  return "";
}
/* everything pure that reads the state runs on it */
function useEverywhere(state, course) {
  const floors = [{ completion: "", success: "", lessonStatus: "", score: null },
    { completion: "completed", success: "passed", lessonStatus: "passed", score: 100 }];
  for (const floor of floors) {
    const summary = progress.summary(course, state, floor);
    scorm12.sessionValues(summary, floor, 1000);
    scorm2004.sessionValues(summary, floor, 1000);
  }
  Object.keys(state.dg).forEach((k) => dialoguePath.walk(course.pages[k].page, state.dg[k][1]));
  if (!state.a) return;
  const questions = quiz.questionsFor(course.assessment, state.a), t = (key) => key;
  quiz.percentOf(questions, state.a.an);
  state.a.an.forEach((answer, i) => {
    if (answer === null) return;
    quiz.answerText(questions[i], answer, t);
    quiz.interactionFor(questions[i], answer, state.a.n, 0, "");
  });
  questions.forEach((q) => quiz.displayOrder(course.assessment, q, state.a, ["a", "b"], true));
}

/* one mutation of a JSON value: replace, delete or add at a random place, or swap two items */
function mutate(value, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const containers = [];
  (function walk(node) {
    if (node && typeof node === "object") { containers.push(node); Object.keys(node).forEach((k) => walk(node[k])); }
  }(value));
  const node = pick(containers), keys = Object.keys(node), key = keys.length ? pick(keys) : "x";
  const r = next();
  const fresh = () => (next() < 0.7 ? pick(ATOMS) : pick(STRUCTURES)());
  if (r < 0.55) node[key] = fresh();
  else if (r < 0.7) { if (Array.isArray(node)) node.splice(Number(key) || 0, 1); else delete node[key]; }
  else if (r < 0.85) node[Array.isArray(node) ? node.length : pick(["x", "q", "an", "vb", "f", "nr", "qn", "l2"])] = fresh();
  else if (keys.length > 1) { const other = pick(keys), swap = node[key]; node[key] = node[other]; node[other] = swap; }
  return value;
}

function fuzz(standard, budget, t) {
  const next = random.seeded(standard === "scorm12" ? 20261201 : 20261202);
  const counts = { null: 0, state: 0 };
  for (let i = 0; i < MUTANTS; i++) {
    const live = LIVES[i % LIVES.length], course = outlineFor(standard, live.a !== null);
    const shape = progress.stateShape(course);
    let saved = JSON.parse(stateCodec.encode(live, budget, shape));
    if (i % 7 === 0) saved = Object.assign({}, saved, { v: 1, f: "f0000001" }); // read as a version 1 state
    const rounds = 1 + Math.floor(next() * 3);
    for (let m = 0; m < rounds; m++) saved = mutate(saved, next);
    let text = JSON.stringify(saved);
    if (i % 11 === 0) text = text.slice(0, Math.floor(next() * text.length)); // cut short
    const state = stateCodec.load(text, shape, next() < 0.5 ? "call" : "");
    if (state === null) { counts.null++; continue; }
    counts.state++;
    const where = `${standard} mutant ${i}: ${text.slice(0, 300)}`;
    assert.equal(problemOf(state, course), "", where);
    useEverywhere(state, course);
    const again = stateCodec.encode(state, budget, shape);
    assert.ok(again.length <= budget, where);
    assert.deepEqual(stateCodec.load(again, shape), state, where);
  }
  t.diagnostic(`${standard}: ${counts.state} decoded, ${counts.null} refused as not this course's state`);
  assert.ok(counts.state > MUTANTS * 0.6, "most mutants still decode: the decoder drops fields, not whole states");
}

test("SCORM 1.2: thousands of mutated states decode to states the player runs on", (t) => fuzz("scorm12", scorm12.suspendBudget, t));
test("SCORM 2004: thousands of mutated states decode to states the player runs on", (t) => fuzz("scorm2004", scorm2004.suspendBudget, t));

test("the valid starting states are valid, so the checks above can fail", () => {
  const course = outlineFor("scorm2004", true);
  assert.equal(problemOf(Object.assign({}, LIVES[0], { l: 1.5 }), course), "l 1.5");
  assert.equal(problemOf(Object.assign({}, LIVES[0], { dg: { 2: [1, 5] } }), course), "dg record 2");
  assert.equal(problemOf(Object.assign({}, LIVES[0], { a: Object.assign({}, LIVES[0].a, { an: [5] }) }), course), "a.an 0");
  assert.equal(problemOf(Object.assign({}, LIVES[0], { x: "y" }), course), "keys a,dg,l,s,sc,vw,x");
  for (const live of LIVES) assert.equal(problemOf(live, outlineFor("scorm12", live.a !== null)), "");
});
