// A coached reply's record (reply-record.js): the saved state keeps no text, the LMS gets the text
// (1.2 fill-in cut to 255, 2004 long-fill-in) and the self-rating as likert, each value one the CMI
// data model accepts (cmi-rules.js), and cmi5 an answered statement of each.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const record = require("../../templates/player/js/reply-record.js");
const state = require("../../templates/player/js/state.js");
const cmiRules = require("../../templates/player/js/cmi-rules.js");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const lmsAdapter = require("../../templates/player/js/lms-adapter.js");

const REPLY = { checks: [{ label: "Names the card", any: ["card"], at_least: 1 }], act_first: true, h: "4d312",
  interaction_id: "rpl_card", model: "Done." };
const SHAPE = { courseId: "c", fingerprint: "f", assessment: null, pages: [
  { kind: "text", id: "intro" }, { kind: "reply", id: "card", reply: REPLY, h: undefined },
  { kind: "scenario", id: "parcel", options: [{ key: "a" }], h: "11111", reply: Object.assign({}, REPLY, { h: "22222" }) }] };

test("the saved state keeps, per page id, the count, the checklist result, the rating and h; never the text", () => {
  const live = state.fresh(SHAPE);
  live.rp = { 1: [2, "10", 3, 1], 2: [1, "", 0, 0] };
  const text = state.encode(live, 4096, SHAPE);
  assert.deepEqual(JSON.parse(text).rp, { card: [2, "10", 3, "4d312"], parcel: [1] });
  const back = state.load(text, SHAPE, "");
  assert.deepEqual(back.rp, { 1: [2, "10", 3, 1], 2: [1, "", 0, 0] });
  assert.deepEqual(JSON.parse(state.encode(state.fresh(SHAPE), 4096, SHAPE)).rp, undefined, "left out while there is none");
});

test("a saved record is not trusted: another hash, a wrong size or rating keeps only the count", () => {
  for (const [saved, want] of [[[2, "10", 3, "xxxxx"], [2, "", 0, 0]], [[2, "1", 3, "4d312"], [2, "", 0, 0]],
    [[2, "10", 7, "4d312"], [2, "10", 0, 1]], [[0, "10", 3, "4d312"], undefined], [["2"], undefined]]) {
    const text = JSON.stringify({ v: 2, c: "c", l: "card", vw: "", sc: {}, dg: {}, rp: { card: saved } });
    const loaded = state.load(text, SHAPE, "");
    assert.deepEqual(loaded.rp && loaded.rp[1], want, JSON.stringify(saved));
  }
  assert.equal(state.load(JSON.stringify({ v: 2, c: "c", rp: [1] }), SHAPE, "").rp, undefined);
});

test("the text as each family's response: 1.2 cut to 255 with an ellipsis, 2004 whole, a leading { tagged", () => {
  const long = "x".repeat(300);
  assert.equal(record.lmsText(long, "scorm12", "en"), "x".repeat(254) + "…");
  assert.equal(record.lmsText(long, "scorm2004", "en"), long);
  assert.equal(record.lmsText("  {b} hi ", "scorm2004", "de"), "{lang=de}{b} hi");
  assert.equal(record.lmsText("{b} hi", "scorm12", "de"), "{b} hi");
  assert.equal(record.lmsText("y".repeat(5000), "cmi5", "en").length, 4000);
});

test("the interactions in both standards, in order, each value one the data model accepts", () => {
  const result = { checks: [{ met: true }, { met: false }], met: 1 };
  const now = new Date(2026, 0, 5, 9, 7, 3);
  const long = "Your card is unblocked. ".repeat(20);
  const sent12 = record.textInteraction(REPLY, "scorm12", "en", long, result, 2, 0, "What do you send?");
  const values12 = lmsAdapter.interactionValues(scorm12, 0, sent12, now, 1500, "en");
  assert.deepEqual(values12.slice(0, 2), [["cmi.interactions.0.id", "rpl_card_a2"], ["cmi.interactions.0.type", "fill-in"]]);
  assert.deepEqual(values12.slice(3), [["cmi.interactions.0.weighting", "1"],
    ["cmi.interactions.0.student_response", long.trim().slice(0, 254) + "…"], ["cmi.interactions.0.result", "wrong"],
    ["cmi.interactions.0.latency", "00:00:01.50"]]);
  const sent04 = record.textInteraction(REPLY, "scorm2004", "en", long, { checks: [{ met: true }], met: 1 }, 1, 0, "What do you send?");
  const values04 = lmsAdapter.interactionValues(scorm2004, 1, sent04, now, 1500, "en");
  assert.deepEqual(values04.filter(([k]) => /type|response|result|description/.test(k)), [
    ["cmi.interactions.1.type", "long-fill-in"], ["cmi.interactions.1.learner_response", long.trim()],
    ["cmi.interactions.1.result", "correct"], ["cmi.interactions.1.description", "What do you send?"]]);
  const none = record.textInteraction(REPLY, "scorm2004", "en", "Hi", { checks: [], met: 0 }, 1, 0, "Q");
  assert.equal(none.result, "neutral");
  for (const [family, adapter, cmi] of [["scorm12", scorm12, values12], ["scorm2004", scorm2004, values04]]) {
    const rating = lmsAdapter.interactionValues(adapter, 2, record.ratingInteraction(REPLY, 4, 1, 0, "How close was yours?"), now, 900, "en");
    assert.deepEqual(rating.filter(([k]) => /\.(id|type|weighting|student_response|learner_response|result)$/.test(k)).map(([, v]) => v),
      ["rpl_card_rating", "likert", "0", "4", "neutral"]);
    for (const [element, value] of cmi.concat(rating)) assert.equal(cmiRules.check(family, element, value), "ok", element + " " + value);
  }
});
