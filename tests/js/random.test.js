// The seeded generator and shuffle behind the question draw (random.js, quiz.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const random = require("../../templates/player/js/random.js");
const quiz = require("../../templates/player/js/quiz.js");

test("a seed always gives the same sequence", () => {
  const next = random.seeded(42);
  assert.deepEqual([next(), next(), next()], [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  const a = random.seeded(2147483646), b = random.seeded(2147483646);
  for (let i = 0; i < 100; i++) assert.equal(a(), b());
  assert.notEqual(random.seeded(1)(), random.seeded(2)());
});

test("a seeded shuffle is deterministic and leaves its input alone", () => {
  const list = ["a", "b", "c", "d", "e", "f"];
  assert.equal(random.shuffle(list, random.seeded(7)).join(""), "ebcdfa");
  assert.equal(random.shuffle(list, random.seeded(7)).join(""), "ebcdfa");
  assert.equal(random.shuffle(list, random.seeded(8)).join(""), "fecbda");
  assert.equal(list.join(""), "abcdef");
  assert.deepEqual(random.shuffle([], random.seeded(7)), []);
});

test("an attempt's draw and choice order come from the saved seed", () => {
  const assessment = { questions: [1, 2, 3, 4, 5].map((id) => ({ id })), draw: 3, shuffle_questions: true, shuffle_choices: false };
  const ids = (attempt) => quiz.questionsFor(assessment, attempt).map((q) => q.id);
  assert.deepEqual(ids({ sd: 123, n: 1 }), [4, 3, 1]);
  assert.deepEqual(ids({ sd: 123, n: 1 }), [4, 3, 1]);
  assert.deepEqual(ids({ sd: 123, n: 2 }), [5, 2, 4]);
  assert.deepEqual(ids(Object.assign({}, { sd: 123, n: 1 })), [4, 3, 1]);
  const inOrder = Object.assign({}, assessment, { shuffle_questions: false });
  assert.deepEqual(quiz.questionsFor(inOrder, { sd: 123, n: 1 }).map((q) => q.id), [1, 3, 4]);
  const question = assessment.questions[0], attempt = { sd: 123, n: 1 };
  assert.deepEqual(quiz.displayOrder(assessment, question, attempt, ["a", "b", "c"]), ["a", "b", "c"]);
  assert.deepEqual(quiz.displayOrder(assessment, question, attempt, ["a", "b", "c"], true), ["c", "a", "b"]);
});

test("answers are shown in an order seeded by the learner and the item, the same on every launch", () => {
  const keys = ["a", "b", "c"];
  assert.equal(random.answerOrder("learner-1", "scn_double-charge", keys).join(""), "cab");
  assert.equal(random.answerOrder("learner-1", "scn_double-charge", keys).join(""), "cab");
  assert.equal(random.answerOrder("", "scn_double-charge", keys).join(""), "acb", "no LMS: a fixed order per item");
  assert.equal(random.answerOrder("learner-2", "scn_double-charge", keys).join(""),
    random.answerOrder("learner-2", "scn_double-charge", keys).join(""));
  assert.equal(keys.join(""), "abc");
  assert.equal(random.seedOf(""), 0x811C9DC5);
  assert.equal(random.seedOf("a"), 0xE40C292C);
});

test("over many learners the first answer shown is each answer equally often: position tells nothing", () => {
  const firsts = { a: 0, b: 0, c: 0, d: 0 };
  for (let n = 0; n < 4000; n++) firsts[random.answerOrder("learner-" + n, "scn_item", ["a", "b", "c", "d"])[0]]++;
  for (const key of Object.keys(firsts)) assert.ok(Math.abs(firsts[key] - 1000) < 100, JSON.stringify(firsts));
});
