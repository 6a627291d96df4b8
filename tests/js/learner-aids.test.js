// The learner aids' pure parts: which uses of the glossary's terms are marked (glossary.js firstUses), and the
// learner's name and the date on the certificate (view-certificate.js displayName, longDate).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const glossary = require("../../templates/player/js/glossary.js");
const certificate = require("../../templates/player/js/view-certificate.js");

const TERMS = [
  { term: "sympathy", forms: ["sympathy"], definition: "d1" },
  { term: "emotional clue", forms: ["emotional clue", "emotional clues"], definition: "d2" },
  { term: "clue", forms: ["clue"], definition: "d3" },
];

test("the first use of each term, whole words, ignoring case and line breaks, longer forms first", () => {
  const texts = ["Sympathetic is not sympathy. SYMPATHY again.", "Listen for emotional\n clues, then a clue."];
  assert.deepEqual(glossary.firstUses(texts, TERMS), [
    { text: 0, start: 19, end: 27, term: 0 },
    { text: 1, start: 11, end: 27, term: 1 },
    { text: 1, start: 36, end: 40, term: 2 },
  ]);
});

test("no glossary, or no use, marks nothing; the same texts give the same marks", () => {
  assert.deepEqual(glossary.firstUses(["sympathy"], []), []);
  assert.deepEqual(glossary.firstUses(["unsympathetic clueless"], TERMS), []);
  const texts = ["a clue", "sympathy"];
  assert.deepEqual(glossary.firstUses(texts, TERMS), glossary.firstUses(texts, TERMS));
});

test("letters of other scripts are letters: a term inside a longer word is not marked", () => {
  const terms = [{ term: "empatía", forms: ["empatía"], definition: "d" }];
  assert.deepEqual(glossary.firstUses(["empatías y empatía."], terms), [{ text: 0, start: 11, end: 18, term: 0 }]);
});

test("'Last, First' is turned round; any other name is shown as the LMS gives it", () => {
  assert.equal(certificate.displayName("Learner, Test"), "Test Learner");
  assert.equal(certificate.displayName("  de la Cruz ,  Ana María "), "Ana María de la Cruz");
  assert.equal(certificate.displayName("Ana María de la Cruz"), "Ana María de la Cruz");
  assert.equal(certificate.displayName("Smith, John, Jr."), "Smith, John, Jr.");
  assert.equal(certificate.displayName(", Test"), ", Test");
  assert.equal(certificate.displayName(""), "");
  assert.equal(certificate.displayName(null), "");
});

test("the date is written out in the course's language", () => {
  const day = new Date(2026, 11, 2);
  assert.equal(certificate.longDate(day, "en"), "December 2, 2026");
  assert.equal(certificate.longDate(day, "de"), "2. Dezember 2026");
  assert.equal(certificate.longDate(day, "not a language!"), "2026-12-02");
});

test("cmi5: the learner's name is the launch actor's name, and none without one", () => {
  const cmi5 = require("../../templates/player/js/lms-cmi5.js");
  const launchData = { contextTemplate: { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s" } },
    launchMode: "Normal", moveOn: "Completed", returnURL: "https://lms.example.com/back" };
  function nameOf(actor) {
    const search = "?endpoint=" + encodeURIComponent("https://lrs.example.com/xapi") + "&fetch=" +
      encodeURIComponent("https://lms.example.com/fetch") + "&actor=" + encodeURIComponent(JSON.stringify(actor)) +
      "&registration=760e3480-ba55-4991-94b0-01820dbd23a2&activityId=" + encodeURIComponent("https://lms.example.com/au");
    const answer = (req) => {
      if (req.url.startsWith("https://lms.example.com/fetch")) return { status: 200, body: '{"auth-token":"dG9rZW4="}' };
      if (req.url.includes("stateId=LMS.LaunchData")) return { status: 200, body: JSON.stringify(launchData) };
      if (req.method === "GET") return { status: 404, body: "" };
      return { status: 204, body: "" };
    };
    const a = cmi5.create({ language: "en", search, now: () => new Date(Date.UTC(2026, 0, 1)),
      randomBytes: (n) => new Uint8Array(n).fill(7), setTimer: () => null, navigate: () => null,
      transport: (req, mode, done) => (mode === "sync" ? answer(req) : (done && done(answer(req)), null)) });
    assert.equal(a.learnerName(), "", "nothing before the launch is read");
    assert.ok(a.initialize(false, { mark: 80, scaled: 0.8 }));
    return certificate.displayName(a.learnerName());
  }
  const account = { homePage: "https://lms.example.com", name: "learner-1" };
  assert.equal(nameOf({ objectType: "Agent", name: "Learner, Test", account }), "Test Learner");
  assert.equal(nameOf({ objectType: "Agent", account }), "");
});
