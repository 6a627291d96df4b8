// Session times, latencies and interaction times in each standard's format (time-format.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const timeFormat = require("../../templates/player/js/time-format.js");

test("SCORM 1.2 timespans: HH:MM:SS.SS, hours 2 to 4 digits, 2 decimals", () => {
  const cases = [[0, "00:00:00.00"], [-5, "00:00:00.00"], [4, "00:00:00.00"], [5, "00:00:00.01"], [12400, "00:00:12.40"],
    [65250, "00:01:05.25"], [3723000, "01:02:03.00"], [359999994, "99:59:59.99"], [360000000, "100:00:00.00"],
    [36000000000, "9999:00:00.00"], [99999 * 3600000, "9999:00:00.00"]];
  for (const [ms, text] of cases) assert.equal(timeFormat.timespan("scorm12", ms), text, String(ms));
});

test("SCORM 2004 durations: PT#H#M#S, at most 2 decimals, always seconds", () => {
  const cases = [[0, "PT0S"], [12400, "PT12.4S"], [65250, "PT1M5.25S"], [60000, "PT1M0S"], [3723000, "PT1H2M3S"],
    [3600010, "PT1H0.01S"], [994, "PT0.99S"], [995, "PT1S"]];
  for (const [ms, text] of cases) assert.equal(timeFormat.timespan("scorm2004", ms), text, String(ms));
});

test("interaction times, in local time", () => {
  const date = new Date(2024, 0, 5, 9, 7, 3, 900);
  assert.equal(timeFormat.timestamp("scorm12", date), "09:07:03");
  assert.equal(timeFormat.timestamp("scorm2004", date), "2024-01-05T09:07:03");
  assert.equal(timeFormat.timestamp("scorm2004", new Date(987, 11, 31, 23, 59, 59)), "987-12-31T23:59:59");
});
