// The stratified draw (quiz.js questionsFor with per_principle): that many questions of each principle
// group, from the saved seed, so a resumed attempt shows the same questions.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const quiz = require("../../templates/player/js/quiz.js");

const principle = (id) => (id ? { id, title: id } : null);
// 3 on timing, 2 on words, 3 with none
const POOL = [["t1", "timing"], ["w1", "words"], ["t2", "timing"], ["n1", ""], ["t3", "timing"], ["w2", "words"],
  ["n2", ""], ["n3", ""]].map(([id, p]) => ({ id, principle: principle(p) }));
const ASSESSMENT = { questions: POOL, draw: 3, per_principle: 1, shuffle_questions: true, shuffle_choices: true };
const ids = (assessment, attempt) => quiz.questionsFor(assessment, attempt).map((q) => q.id);
const groupOf = (id) => POOL.find((q) => q.id === id).principle;

test("the pool's principle groups, in the order each first appears; no principle is a group", () => {
  assert.deepEqual(quiz.principleGroups(POOL), [[0, 2, 4], [1, 5], [3, 6, 7]]);
  assert.deepEqual(quiz.principleGroups(POOL.filter((q) => q.principle)), [[0, 2, 3], [1, 4]]);
});

test("each attempt draws per_principle questions of every group, the same for the same seed", () => {
  assert.deepEqual(ids(ASSESSMENT, { sd: 123, n: 1 }), ["t2", "w2", "n3"]);
  assert.deepEqual(ids(ASSESSMENT, { sd: 123, n: 1 }), ["t2", "w2", "n3"]);  // a resumed attempt
  assert.deepEqual(ids(ASSESSMENT, { sd: 123, n: 2 }), ["t3", "n2", "w2"]);
  const two = Object.assign({}, ASSESSMENT, { per_principle: 2, draw: 6 });
  assert.deepEqual(ids(two, { sd: 123, n: 1 }), ["w2", "w1", "t2", "t3", "n2", "n3"]);
  const inOrder = Object.assign({}, two, { shuffle_questions: false });
  assert.deepEqual(ids(inOrder, { sd: 123, n: 1 }), ["w1", "t2", "t3", "w2", "n2", "n3"]);
  assert.equal(quiz.drawCount(two), 6);
});

test("over many seeds every attempt covers every group exactly per_principle times, and each question comes up", () => {
  const seen = new Set(), firsts = new Set();
  for (let sd = 1; sd <= 300; sd++) {
    const drawn = ids(ASSESSMENT, { sd, n: 1 });
    assert.deepEqual(drawn.map(groupOf).map((p) => (p ? p.id : "")).sort(), ["", "timing", "words"]);
    drawn.forEach((id) => seen.add(id));
    firsts.add(groupOf(drawn[0]) ? groupOf(drawn[0]).id : "");
  }
  assert.equal(seen.size, POOL.length);
  assert.equal(firsts.size, 3);  // the groups are mixed, not always in the pool's order
});

test("questions saved with an attempt are the attempt's, whatever the seed draws", () => {
  const attempt = { sd: 5, n: 1, qn: 1, q: ["w1", "n3", "t2"] };
  assert.deepEqual(ids(ASSESSMENT, attempt), ["w1", "n3", "t2"]);
});
