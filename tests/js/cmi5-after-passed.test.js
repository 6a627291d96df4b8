// cmi5 after "passed" (lms-cmi5.js; docs/player.md, section 13): passed and completed go once a registration
// (cmi5 9.3.3, 9.3.4), but practice after them is still reported: "answered" is cmi5 allowed, outside the
// defined statements' rules (cmi5 9.2), so every later scenario answer, reply and rating is sent, in this
// session and the next ones, between initialized and terminated.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const cmi5 = require("../../templates/player/js/lms-cmi5.js");
const record = require("../../templates/player/js/reply-record.js");
const { ACTOR, ACTIVITY, fakeLrs, launchQuery } = require("./fake-lrs.js");

const SEARCH = launchQuery("https://lrs.example.com/xapi/", "https://lms.example.com/fetch");
const LAUNCH = { contextTemplate: { extensions: {} }, launchMode: "Normal", moveOn: "CompletedAndPassed", masteryScore: 0.5 };
const REPLY = { checks: [{ label: "Names the card", any: ["card"] }], act_first: false, h: "4d312", interaction_id: "rpl_card" };
const SCENARIO = (attempt, key) => ({ id: "scn_blocked-card" + (attempt > 1 ? "_a" + attempt : ""), attempt, type: "choice",
  started: Date.now(), weight: 1, description: "What do you send first?", response: [key], patterns: [["a"]],
  result: key === "a" ? "correct" : "incorrect" });
const PASSED = { passed: true, failedFinal: false, complete: true, score: 80 };

const lrs = () => fakeLrs(LAUNCH);  // tests/js/fake-lrs.js
function session(server) {
  const a = cmi5.create({ language: "en", search: SEARCH, transport: server.transport, now: () => new Date(Date.UTC(2026, 0, 1)),
    randomBytes: (n) => new Uint8Array(n).fill(7), setTimer: () => null, navigate: () => null });
  a.initialize(true, { mark: 80, scaled: 0.8 });
  return a;
}
/* each statement as its verb and, for answered, its object id after the AU's */
const brief = (server) => server.statements.map((s) => s.verb.display["en-US"] +
  (s.verb.id.endsWith("/answered") ? " " + s.object.id.slice(ACTIVITY.length + 1) + " " + s.result.response : ""));

test("practice after passed is still sent as answered, in the same session and the next", () => {
  const server = lrs(), first = session(server);
  first.report(PASSED);
  first.commit();
  first.addInteraction(SCENARIO(1, "c")); // practice after passing
  first.report(PASSED); // the step after it: nothing defined is due again
  first.addInteraction(record.textInteraction(REPLY, "cmi5", "en", "Your card works again.", { checks: [{ met: true }], met: 1 }, 1, Date.now(), "What do you send?"));
  first.addInteraction(record.ratingInteraction(REPLY, 4, 1, Date.now(), "How close was yours?", String));
  first.terminate(true);
  const second = session(server);
  second.addInteraction(SCENARIO(2, "a"));
  second.report(PASSED);
  second.terminate(true);
  assert.deepEqual(brief(server), [
    "initialized", "passed", "completed",
    "answered scn_blocked-card c", "answered rpl_card Your card works again.", "answered rpl_card_rating 4",
    "terminated",
    "initialized", "answered scn_blocked-card_a2 a", "terminated"]);
  const after = server.statements.filter((s) => s.verb.id.endsWith("/answered"));
  assert.deepEqual(after.map((s) => s.result.success), [false, true, undefined, true]);
  assert.deepEqual(after.map((s) => s.context.contextActivities.category), [undefined, undefined, undefined, undefined],
    "cmi5 allowed: no cmi5 category, so no LMS counts them toward moveOn");
});

test("a score after passed is not sent: passed carries the score of its moment, once", () => {
  const server = lrs(), a = session(server);
  a.report(PASSED);
  a.report({ passed: true, failedFinal: false, complete: true, score: 95 });
  a.terminate(true);
  const passed = server.statements.filter((s) => s.verb.id.endsWith("/passed"));
  assert.deepEqual(passed.map((s) => s.result.score), [{ scaled: 0.8, raw: 80, min: 0, max: 100 }]);
});
