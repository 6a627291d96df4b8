// The reply coaching (reply-coach.js) against the phrase list `scorm-builder lint` uses
// (scorm_builder/course/phrases.json) and the cases lint.py answers the same way (tests/test_reply.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const coach = require("../../templates/player/js/reply-coach.js");

const ROOT = path.join(__dirname, "..", "..");
const PHRASES = JSON.parse(fs.readFileSync(path.join(ROOT, "scorm_builder", "course", "phrases.json"), "utf8"));
const CASES = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "reply-coach-cases.json"), "utf8"));
const LISTS = { scripted: PHRASES.scripted_phrases, sympathy: PHRASES.sympathy_openers };

test("the shared cases: normalise, contains and starts-with answer as lint.py does", () => {
  CASES.normalise.forEach(([text, want]) => assert.equal(coach.normalise(text), want, text));
  CASES.contains.forEach(([text, phrase, want]) => assert.equal(coach.containsPhrase(text, phrase), want, text));
  CASES.starts.forEach(([text, phrase, want]) => assert.equal(coach.startsWithPhrase(text, phrase), want, text));
});

test("the shared checklist cases: words, prefixes, phrases and patterns are met as lint_reply.py says", () => {
  CASES.checks.forEach(([check, text, want]) => {
    const compiled = coach.compile({ checks: [Object.assign({ label: "x" }, check)], act_first: false });
    assert.equal(coach.coach(text, compiled, LISTS).checks[0].met, want, JSON.stringify([check, text]));
  });
});

test("every scripted phrase of lint's list is flagged inside a reply, at its place, with curly apostrophes too", () => {
  const compiled = coach.compile({ checks: [], act_first: false });
  for (const phrase of PHRASES.scripted_phrases) {
    const text = `Thanks, Dana. ${phrase.replace(/'/g, "\u2019")}. I've sent a new card.`;
    const result = coach.coach(text, compiled, LISTS);
    const flag = result.flags.find((f) => f.phrase === phrase);
    assert.ok(flag, phrase);
    assert.equal(flag.kind, "scripted");
    assert.equal(text.slice(flag.start, flag.end), phrase.replace(/'/g, "\u2019"));
  }
});

test("every sympathy opener of lint's list is flagged at the start of a when-not-to reply, after a greeting too", () => {
  const compiled = coach.compile({ checks: [], act_first: true });
  for (const opener of PHRASES.sympathy_openers) {
    const result = coach.coach(`Hi Sam, ${opener} - let me look.`, compiled, { scripted: [], sympathy: [opener] });
    assert.deepEqual(result.flags.map((f) => [f.kind, f.phrase, f.start]), [["sympathy", opener, 8]], opener);
    assert.equal(result.checks.at(-1).met, false, opener);
  }
  const acting = coach.coach("I've unblocked your card now. I understand it was a shock.", compiled, LISTS);
  assert.deepEqual(acting.flags, []);
  assert.deepEqual(acting.checks, [{ label: "", hint: "", met: true, actFirst: true }]);
});

test("the Spanish lists are their own, read from the same file", () => {
  const es = PHRASES.languages.es;
  const compiled = coach.compile({ checks: [], act_first: true });
  const result = coach.coach("Lo siento mucho. Disculpe las molestias.", compiled, { scripted: es.scripted_phrases, sympathy: es.sympathy_openers });
  assert.deepEqual(result.flags.map((f) => [f.kind, f.phrase]), [["sympathy", "Lo siento"], ["scripted", "Disculpe las molestias"]]);
});

test("the checklist: words (at_least, a * prefix), a pattern, act first last; nothing is met by an empty reply", () => {
  const compiled = coach.compile({ act_first: true, checks: [
    { label: "Names the card", any: ["card", "blocked"], at_least: 2 },
    { label: "Acknowledges the worry", any: ["worr*", "stress*"], at_least: 1, hint: "Name the feeling." },
    { label: "Gives a time", pattern: "\\b(by|within|in) [0-9]+ (minutes|hours)\\b" }] });
  assert.equal(coach.coach("", compiled, LISTS).bits, "0000");
  const some = coach.coach("Your card was blocked after a purchase. I'll call you back in 10 minutes.", compiled, LISTS);
  assert.equal(some.bits, "1011");
  assert.equal(some.met, 3);
  assert.deepEqual(some.checks[1], { label: "Acknowledges the worry", hint: "Name the feeling.", met: false });
  assert.equal(coach.coach("I'm sorry, that's worrying: your card is blocked; within 2 HOURS", compiled, LISTS).bits, "1110");
});

test("pieces: the text cut at its flags, overlapping flags merged, nothing lost", () => {
  const compiled = coach.compile({ checks: [], act_first: true });
  const text = "I understand your frustration, I understand how frustrating this is.";
  const result = coach.coach(text, compiled, LISTS);
  const parts = coach.pieces(text, result.flags);
  assert.equal(parts.map((p) => p.text).join(""), text);
  assert.deepEqual(parts.filter((p) => p.flag).map((p) => p.text), ["I understand your frustration", "I understand how frustrating this is"]);
});
