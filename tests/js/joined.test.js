// The module files: every module listed once in order.txt, and every module that must be
// testable loads in node. (Packaging joins them: tests/test_player_js.py.)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const REPO = path.resolve(__dirname, "..", "..");
const MODULES = path.join(REPO, "templates", "player", "js");
const order = fs.readFileSync(path.join(MODULES, "order.txt"), "utf8").split("\n").map((l) => l.trim().split(/\s+/)[0]).filter((n) => n && !n.startsWith("#"));

test("order.txt lists every module once, main last", () => {
  const files = fs.readdirSync(MODULES).filter((f) => f.endsWith(".js")).sort();
  assert.deepEqual([...order].sort(), files);
  assert.equal(new Set(order).size, order.length);
  assert.equal(order[order.length - 1], "main.js");
});

test("the pure modules load in node on their own", () => {
  for (const name of ["cmi-rules.js", "state.js", "progress.js", "time-format.js", "random.js", "answer-keys.js", "quiz.js",
    "dialogue-path.js", "lms-adapter.js", "lms-scorm12.js", "lms-scorm2004.js"]) {
    const exported = require(path.join(MODULES, name));
    assert.equal(typeof exported, "object", name);
  }
});
