// The glossary on text a view adds later (glossary.js): firstUses with the terms already used on the page,
// as mark's MutationObserver calls it for feedback, dialogue lines and the questions of an attempt.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const glossary = require("../../templates/player/js/glossary.js");

const TERMS = [
  { term: "sympathy", forms: ["sympathy"], definition: "d1" },
  { term: "emotional clue", forms: ["emotional clue", "emotional clues"], definition: "d2" },
];

test("text added later: only the terms not yet used on the page are marked, and they count as used", () => {
  const seen = {};
  assert.deepEqual(glossary.firstUses(["Sympathy first."], TERMS, seen), [{ text: 0, start: 0, end: 8, term: 0 }]);
  assert.deepEqual(seen, { 0: true });
  // the feedback shown after Submit: sympathy is used already, the emotional clue is new
  assert.deepEqual(glossary.firstUses(["Not sympathy: an emotional clue."], TERMS, seen),
    [{ text: 0, start: 17, end: 31, term: 1 }]);
  assert.deepEqual(seen, { 0: true, 1: true });
  // a dialogue line appended after that: nothing left to mark
  assert.deepEqual(glossary.firstUses(["Sympathy and emotional clues again."], TERMS, seen), []);
});

test("without seen, each call is a page of its own", () => {
  assert.deepEqual(glossary.firstUses(["an emotional clue"], TERMS), [{ text: 0, start: 3, end: 17, term: 1 }]);
  assert.deepEqual(glossary.firstUses(["an emotional clue"], TERMS), [{ text: 0, start: 3, end: 17, term: 1 }]);
});
