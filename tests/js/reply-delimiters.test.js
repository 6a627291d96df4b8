// A coached reply's text and the delimiters of each response format (reply-record.js lmsText): SCORM 2004's
// long-fill-in is one localized string (RTE 4th ed. 4.2.9.2), so [,], [.] and [:] stay the learner's words;
// xAPI's long-fill-in is a list delimited by [,] (xAPI 1.0.3, interaction types), so cmi5 sends a [,] as (,);
// SCORM 1.2's fill-in has no delimiter. And the likert ratings' scale in cmi5 (lms-cmi5.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const record = require("../../templates/player/js/reply-record.js");
const cmiRules = require("../../templates/player/js/cmi-rules.js");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const lmsAdapter = require("../../templates/player/js/lms-adapter.js");
const cmi5 = require("../../templates/player/js/lms-cmi5.js");

const REPLY = { checks: [{ label: "Names the card", any: ["card"] }], act_first: false, h: "4d312", interaction_id: "rpl_card" };
const TEXT = "  Card[,]app[.]till[:]done, then [,] again.  ";
const MET = { checks: [{ met: true }], met: 1 };
const NOW = new Date(Date.UTC(2026, 0, 1, 9, 30, 0));

function responseOf(adapter, family) {
  const item = record.textInteraction(REPLY, family, "en", TEXT, MET, 1, 0, "What do you send?");
  const values = lmsAdapter.interactionValues(adapter, 0, item, NOW, 1000, "en");
  return values.filter(([k]) => /(student|learner)_response$/.test(k));
}

test("SCORM 2004 and 1.2: the text as typed, trimmed; the CMI accepts it", () => {
  assert.deepEqual(responseOf(scorm2004, "scorm2004"),
    [["cmi.interactions.0.learner_response", "Card[,]app[.]till[:]done, then [,] again."]]);
  assert.deepEqual(responseOf(scorm12, "scorm12"),
    [["cmi.interactions.0.student_response", "Card[,]app[.]till[:]done, then [,] again."]]);
  assert.equal(cmiRules.check("scorm2004", "cmi.interactions.0.learner_response", "Card[,]app[.]till[:]done, then [,] again."), "ok");
});

test("cmi5: each [,] of the learner's becomes (,), so the response stays one; [.] and [:] stay", () => {
  assert.equal(record.lmsText(TEXT, "cmi5", "en"), "Card(,)app[.]till[:]done, then (,) again.");
  assert.equal(record.lmsText("[,[,]]", "cmi5", "en"), "[,(,)]");
  assert.equal(record.lmsText("{[,]}", "cmi5", "fr"), "{lang=fr}{(,)}", "a leading { still gets the language tag");
  assert.equal(record.lmsText("{[,]}", "scorm2004", "fr"), "{lang=fr}{[,]}");
});

/* an LMS and LRS that answer everything and keep the statements */
function lrs() {
  const statements = [], launch = { contextTemplate: { extensions: {} }, launchMode: "Normal", moveOn: "Completed" };
  const answer = (req) => {
    if (req.url.startsWith("https://lms.example.com/fetch")) return { status: 200, body: JSON.stringify({ "auth-token": "dG9rZW4=" }) };
    if (req.url.includes("stateId=LMS.LaunchData")) return { status: 200, body: JSON.stringify(launch) };
    if (req.method === "GET") return { status: 404, body: "" };
    if (req.url.endsWith("/statements")) JSON.parse(req.body).forEach((s) => statements.push(s));
    return { status: 204, body: "" };
  };
  return { statements, transport: (req, mode, done) => (mode === "sync" ? answer(req) : (done(answer(req)), null)) };
}
function au(server) {
  const actor = { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "learner-1" } };
  const search = "?endpoint=" + encodeURIComponent("https://lrs.example.com/xapi/") + "&fetch=" +
    encodeURIComponent("https://lms.example.com/fetch") + "&actor=" + encodeURIComponent(JSON.stringify(actor)) +
    "&registration=760e3480-ba55-4991-94b0-01820dbd23a2&activityId=" + encodeURIComponent("https://lms.example.com/au-1");
  const a = cmi5.create({ language: "en", search, transport: server.transport, now: () => NOW,
    randomBytes: (n) => new Uint8Array(n).fill(7), setTimer: () => null, navigate: () => null });
  a.initialize(false, { mark: 80, scaled: 0.8 });
  return a;
}

test("cmi5: the reply's response has no [,] of the learner's, and the rating carries its scale", () => {
  const server = lrs(), a = au(server);
  a.addInteraction(record.textInteraction(REPLY, "cmi5", "en", TEXT, MET, 1, Date.now(), "What do you send?"));
  const words = { 1: "Not close", 2: "Partly", 3: "Close", 4: "Very close" };
  a.addInteraction(record.ratingInteraction(REPLY, 2, 1, Date.now(), "How close was yours?", (n) => words[n]));
  a.commit();
  const [reply, rating] = server.statements.filter((s) => s.verb.id.endsWith("/answered"));
  assert.equal(reply.result.response, "Card(,)app[.]till[:]done, then (,) again.");
  assert.deepEqual(rating.object.definition, { type: "http://adlnet.gov/expapi/activities/cmi.interaction",
    interactionType: "likert", correctResponsesPattern: [], description: { en: "How close was yours?" },
    scale: [{ id: "1", description: { en: "Not close" } }, { id: "2", description: { en: "Partly" } },
      { id: "3", description: { en: "Close" } }, { id: "4", description: { en: "Very close" } }] });
  assert.equal(rating.result.response, "2");
  assert.ok(rating.object.definition.scale.some((c) => c.id === rating.result.response));
});

test("SCORM: the scale is not sent (the CMI has no element for it)", () => {
  const item = record.ratingInteraction(REPLY, 4, 1, 0, "How close was yours?", String);
  const values = lmsAdapter.interactionValues(scorm2004, 3, item, NOW, 900, "en");
  assert.deepEqual(values.map(([k]) => k.split(".").slice(3).join(".")).filter((k) => /scale/.test(k)), []);
  assert.deepEqual(item.scale.map((c) => c.id), ["1", "2", "3", "4"]);
});
