// navigation: linear (progress.js linearStop): the last screen a learner may open.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const progress = require("../../templates/player/js/progress.js");

const DATA = {
  standard: "scorm12",
  course: { id: "demo", fingerprint: "f1", completion: "both", navigation: "linear" },
  lessons: [{ title: "One", pages: [{ id: "intro" }, { id: "quiz" }] }, { title: "Two", pages: [{ id: "call" }] }],
  assessment: { attempts: 2, pass_mark: 80 }
};
const course = progress.outline(DATA);
function state(vw) { return { v: 1, f: "f1", l: 0, vw: vw, sc: {}, dg: {}, a: null }; }

test("the stop is the first page not viewed, or whose activity is not done", () => {
  const done = new Set(["intro", "call"]);
  const isDone = (entry) => done.has(entry.page.id);
  assert.equal(progress.linearStop(course, state("000"), isDone), 0);
  assert.equal(progress.linearStop(course, state("100"), isDone), 1);
  assert.equal(progress.linearStop(course, state("110"), isDone), 1); /* "quiz" seen but not answered */
  done.add("quiz");
  assert.equal(progress.linearStop(course, state("110"), isDone), 2);
  assert.equal(progress.linearStop(course, state("111"), isDone), 3); /* everything done: the assessment opens */
  assert.equal(progress.linearStop(course, state("101"), isDone), 1); /* a page skipped earlier holds the rest */
});

test("the done test is given each page's entry and index", () => {
  const seen = [];
  progress.linearStop(course, state("111"), (entry, k) => { seen.push([entry.page.id, k]); return true; });
  assert.deepEqual(seen, [["intro", 0], ["quiz", 1], ["call", 2]]);
});
