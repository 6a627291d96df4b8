// The eyebrow's "Page {page} of {pages}" (practice.js lessonPlace, view-frame.js): a remediation page the
// learner was not sent to is not counted, in the page's place or in the lesson's total.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const practice = require("../../templates/player/js/practice.js");
const progress = require("../../templates/player/js/progress.js");
const { change } = require("./course-data.js");

/* lesson 1: intro, why (remediation), refund; lesson 2: call, outro */
const COURSE = progress.outline(change((data) => {
  data.lessons[0].pages.splice(1, 0, { kind: "text", id: "why", title: "Why", remediation: true });
}));
const places = (state) => COURSE.pages.map((entry, k) => practice.lessonPlace(COURSE, state, k));

test("a hidden remediation page is left out of the lesson's count", () => {
  assert.deepEqual(places({ vw: "00000" }), [
    { page: 1, pages: 2 }, { page: 2, pages: 3 }, { page: 2, pages: 2 }, { page: 1, pages: 2 }, { page: 2, pages: 2 }]);
});

test("once the learner is sent to it, it counts on every page of its lesson", () => {
  const state = { vw: "10100" };
  practice.openReview(state, "why");
  assert.deepEqual(places(state), [
    { page: 1, pages: 3 }, { page: 2, pages: 3 }, { page: 3, pages: 3 }, { page: 1, pages: 2 }, { page: 2, pages: 2 }]);
});
