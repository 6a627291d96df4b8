// cmi5: a coached reply is two answered statements (lms-cmi5.js's interaction path): the text as a
// long-fill-in response with the checklist as success, the rating as a likert response.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const cmi5 = require("../../templates/player/js/lms-cmi5.js");
const record = require("../../templates/player/js/reply-record.js");
const { ACTOR, ACTIVITY, fakeLrs, launchQuery } = require("./fake-lrs.js");

const SEARCH = launchQuery("https://lrs.example.com/xapi", "https://lms.example.com/fetch?k=1");
const LAUNCH = { contextTemplate: { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s-1" } },
  launchMode: "Normal", moveOn: "Completed", returnURL: "https://lms.example.com/back" };
const REPLY = { checks: [{ label: "Names the card", any: ["card"] }], act_first: false, h: "4d312",
  interaction_id: "rpl_card" };

const lrs = () => fakeLrs(LAUNCH);  // tests/js/fake-lrs.js

test("the reply and its rating as answered statements: long-fill-in and likert responses", () => {
  const server = lrs();
  const a = cmi5.create({ language: "en", search: SEARCH, transport: server.transport, now: () => new Date(Date.UTC(2026, 0, 1)),
    randomBytes: (n) => new Uint8Array(n).fill(7), setTimer: () => null, navigate: () => null });
  a.initialize(false, { mark: 80, scaled: 0.8 });
  const text = "Your card is unblocked now. ".repeat(12);
  a.addInteraction(record.textInteraction(REPLY, a.family, "en", text, { checks: [{ met: true }], met: 1 }, 1, Date.now(), "What do you send?"));
  a.addInteraction(record.ratingInteraction(REPLY, 3, 1, Date.now(), "How close was yours?"));
  a.commit();
  const [reply, rating] = server.statements.filter((s) => s.verb.id.endsWith("/answered"));
  assert.deepEqual(reply.object.definition, { type: "http://adlnet.gov/expapi/activities/cmi.interaction",
    interactionType: "long-fill-in", correctResponsesPattern: [], description: { en: "What do you send?" } });
  assert.equal(reply.object.id, ACTIVITY + "/rpl_card");
  assert.equal(reply.result.response, text.trim());
  assert.equal(reply.result.success, true);
  assert.equal(rating.object.id, ACTIVITY + "/rpl_card_rating");
  assert.equal(rating.object.definition.interactionType, "likert");
  assert.equal(rating.result.response, "3");
  assert.equal("success" in rating.result, false, "a self-rating is neither right nor wrong");
});
