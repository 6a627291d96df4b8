// The debrief lines a dialogue's ending shows for the path taken (dialogue-debrief.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const debrief = require("../../templates/player/js/dialogue-debrief.js");
const path = require("../../templates/player/js/dialogue-path.js");

const ending = {
  outcome: "good", title: "Sorted",
  debrief: [
    { html: "<p>always</p>" },
    { html: "<p>said sorry</p>", chose: ["open", "a"] },
    { html: "<p>never said sorry</p>", not_chose: ["open", "a"] },
    { html: "<p>sorry, then the fix</p>", chose: ["open", "a"], not_chose: ["fix", "b"] },
  ],
};
const dialogue = {
  start: "open", scores: [{ id: "rapport" }],
  nodes: {
    open: { customer: "Hi", choices: [{ key: "a", next: "fix", effects: {} }, { key: "b", next: "fix", effects: {} }] },
    fix: { customer: "And?", choices: [{ key: "a", next: "end", effects: {} }, { key: "b", next: "end", effects: {} }] },
    end: { customer: "", choices: [], ending: ending },
  },
};
const shown = (keys) => debrief.linesFor(ending, path.walk(dialogue, keys).steps).map((line) => line.html);

test("a line shows on every path unless it names a choice", () => {
  assert.deepEqual(shown("ba"), ["<p>always</p>", "<p>never said sorry</p>"]);
  assert.deepEqual(shown("bb"), ["<p>always</p>", "<p>never said sorry</p>"]);
});

test("chose needs the choice on the path, not_chose its absence, and both must hold", () => {
  assert.deepEqual(shown("aa"), ["<p>always</p>", "<p>said sorry</p>", "<p>sorry, then the fix</p>"]);
  assert.deepEqual(shown("ab"), ["<p>always</p>", "<p>said sorry</p>"]);
});

test("the same key at another node is another choice", () => {
  const steps = [{ node: "fix", choice: { key: "a" } }];
  assert.deepEqual(debrief.linesFor(ending, steps).map((line) => line.html), ["<p>always</p>", "<p>never said sorry</p>"]);
});

test("an ending without lines shows none", () => {
  assert.deepEqual(debrief.linesFor({ outcome: "good", title: "T" }, []), []);
});
