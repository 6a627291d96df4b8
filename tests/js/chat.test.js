// A conversation's pure parts (chat.js): its messages, their times, and the customer's built-in faces.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const chat = require("../../templates/player/js/chat.js");

test("says is one text or a burst's list of messages", () => {
  assert.deepEqual(chat.lines("Hello"), ["Hello"]);
  assert.deepEqual(chat.lines(["Hi", "Still there?"]), ["Hi", "Still there?"]);
  assert.deepEqual(chat.lines(""), []);
  assert.deepEqual(chat.lines(undefined), []);
});

test("times are the start plus a minute per message, round the clock, 09:30 by default", () => {
  assert.deepEqual([0, 1, 2].map((i) => chat.clock("14:05", i)), ["14:05", "14:06", "14:07"]);
  assert.equal(chat.clock("23:59", 2), "00:01");
  assert.equal(chat.clock(undefined, 0), "09:30");
  assert.equal(chat.clock("09:30", 61), "10:31");
});

test("a name always gets the same one of the twelve faces", () => {
  assert.deepEqual(chat.FACES, ["light-short", "light-long", "fair-bun", "fair-grey", "medium-bob", "medium-short",
    "olive-wavy", "olive-headscarf", "brown-curly", "brown-long", "deep-coils", "deep-braids"]);
  assert.deepEqual(["Ana", "Priya", "Mei Chen", "Bola Adeyemi", ""].map(chat.faceFor),
    ["brown-curly", "olive-headscarf", "brown-long", "light-short", "light-short"]);
});

test("a face is an SVG of constants whose brows and mouth follow the mood", () => {
  const calm = chat.svg("deep-braids", "calm"), angry = chat.svg("deep-braids", "angry");
  assert.match(calm, /^<svg viewBox="0 0 40 40" focusable="false">.*<\/svg>$/);
  assert.ok(calm.includes('fill="#55331f"'), "the deep skin tone");
  assert.ok(calm.includes('d="M16.5 26q3.5 2 7 0"') && !calm.includes("M15 16.3"), "a calm mouth, no brows");
  assert.ok(angry.includes('d="M16 28q4-3.5 8 0"') && angry.includes('d="M15 16.3l3.5 1.3M25 16.3l-3.5 1.3"'));
  assert.equal(chat.svg("no-such-face", "calm", "Ana"), chat.svg("brown-curly", "calm"), "an unknown face: the name's own");
  assert.equal(chat.svg(undefined, "unknown-mood", "Ana"), chat.svg("brown-curly", "neutral"));
});
