// The connection to the LMS (lms-connection.js) against a fake SCORM 2004 API: a refused SetValue
// counts like a refused Commit (sent again, retried, then the learner is told), Exit reports
// whether the LMS confirmed the save, and read-only mode writes nothing.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const lmsConnection = require("../../templates/player/js/lms-connection.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");

/* an API that holds values; refuse: "" (accepts), "351" (answers "false" with 351) or "throw" */
function fakeApi(options) {
  const api = { held: {}, calls: [], error: "0", refuseSet: options.refuseSet || "", refuseCommit: !!options.refuseCommit };
  const done = (name, args, result, error) => { api.calls.push([name].concat(args).join(" ")); api.error = error; return result; };
  api.Initialize = () => done("Initialize", [], "true", "0");
  api.Terminate = () => done("Terminate", [], "true", "0");
  api.GetValue = (element) => done("GetValue", [element], api.held[element] || "", "0");
  api.SetValue = (element, value) => {
    if (api.refuseSet === "throw") { api.calls.push("SetValue " + element + " (threw)"); throw new Error("LMS offline"); }
    if (api.refuseSet) return done("SetValue", [element, value], "false", api.refuseSet);
    api.held[element] = value;
    return done("SetValue", [element, value], "true", "0");
  };
  api.Commit = () => done("Commit", [], api.refuseCommit ? "false" : "true", api.refuseCommit ? "391" : "0");
  api.GetLastError = () => api.error;
  api.GetErrorString = (code) => "error " + code;
  api.GetDiagnostic = () => "";
  return api;
}
function open(options, t) {
  const api = fakeApi(options || {});
  global.window = { API_1484_11: api };
  t.after(() => { delete global.window; });
  t.mock.method(console, "warn", () => {});
  const connection = lmsConnection.create({ family: "scorm2004", apiName: "API_1484_11", methods: scorm2004.methods,
    unsetReadError: "403" });
  const told = [];
  connection.onSaveResult((failed) => told.push(failed));
  assert.equal(connection.open(), true);
  api.calls.length = 0;
  return { api, connection, told };
}

test("an LMS that accepts: each value once, a commit, Terminate; Exit reports it saved", (t) => {
  const { api, connection, told } = open({}, t);
  assert.equal(connection.set("cmi.location", "call"), true);
  assert.equal(connection.set("cmi.location", "call"), true, "not sent again");
  connection.commit();
  assert.equal(connection.finish(true), true);
  assert.deepEqual(api.calls, ["SetValue cmi.location call", "Commit", "Commit", "Terminate"]);
  assert.deepEqual(told, [false]);
});

test("a refused SetValue is sent again with the next save, retried, and then the learner is told", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { api, connection, told } = open({ refuseSet: "351" }, t);
  assert.equal(connection.set("cmi.location", "call"), false);
  connection.commit(); // the LMS accepts the commit, but it holds nothing: the save failed
  assert.deepEqual(told, []);
  t.mock.timers.tick(800);
  t.mock.timers.tick(3200);
  assert.deepEqual(told, [true], "told after the two retries");
  assert.deepEqual(api.calls, ["SetValue cmi.location call", "Commit", "SetValue cmi.location call", "Commit",
    "SetValue cmi.location call", "Commit"]);
  api.refuseSet = ""; // the LMS is back: the next save sends the value again and clears the notice
  connection.commit();
  assert.deepEqual(told, [true, false]);
  assert.deepEqual(api.held, { "cmi.location": "call" });
  assert.equal(connection.finish(true), true);
});

test("a SetValue that throws counts the same", (t) => {
  const { api, connection } = open({ refuseSet: "throw" }, t);
  assert.equal(connection.set("cmi.suspend_data", "{}"), false);
  assert.equal(connection.finish(true), false, "Exit never says saved when the LMS held nothing");
  // Exit's two saves: the first commits what was set, the second sends the refused value again
  assert.deepEqual(api.calls, ["SetValue cmi.suspend_data (threw)", "Commit", "SetValue cmi.suspend_data (threw)", "Commit",
    "Terminate"]);
  assert.deepEqual(connection.log.filter((c) => c.method === "SetValue").map((c) => [c.result, c.error]),
    [["false", "exception: LMS offline"], ["false", "exception: LMS offline"]]);
});

test("a refused Commit at Exit: not saved, even with every value accepted", (t) => {
  const { connection } = open({ refuseCommit: true }, t);
  connection.set("cmi.location", "call");
  assert.equal(connection.finish(true), false);
});

test("an interaction the LMS refused is not sent again (its index isn't used up), but the save fails once", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { api, connection, told } = open({ refuseSet: "351" }, t);
  assert.equal(connection.set("cmi.interactions.0.id", "q_a", true), false);
  api.refuseSet = "";
  connection.commit();
  t.mock.timers.tick(800);
  assert.deepEqual(told, [false], "the retry finds nothing left to send");
  assert.deepEqual(api.calls, ["SetValue cmi.interactions.0.id q_a", "Commit", "Commit"]);
});

test("read-only (review and browse modes): no SetValue and no Commit, only Terminate", (t) => {
  const { api, connection } = open({}, t);
  connection.readOnly();
  assert.equal(connection.set("cmi.location", "call"), false);
  connection.commit();
  connection.finish(true);
  assert.deepEqual(api.calls, ["Terminate"]);
  assert.deepEqual(api.held, {});
});

test("an interaction whose id the LMS refused waits, and is sent at the next save once the LMS accepts", (t) => {
  const lmsAdapter = require("../../templates/player/js/lms-adapter.js");
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const api = fakeApi({ refuseSet: "351" });
  global.window = { API_1484_11: api };
  t.after(() => { delete global.window; });
  t.mock.method(console, "warn", () => {});
  const lms = lmsAdapter.create(scorm2004, { language: "en" });
  assert.notEqual(lms.initialize(false, { mark: 80, scaled: 0.8 }), null);
  const item = (id) => ({ id: id, attempt: 1, type: "true-false", started: Date.now(), weight: 1, description: "Q",
    patterns: [true], response: true, result: "correct" });
  lms.addInteraction(item("q_one"));
  lms.addInteraction(item("q_two")); // waits behind the first, keeping their order
  api.calls.length = 0;
  api.refuseSet = "";
  lms.commit(); // refused in this round: not tried again at once (the save fails)
  assert.deepEqual(api.calls, ["Commit"]);
  t.mock.timers.tick(800); // the retry sends them, in their order
  assert.deepEqual(api.calls.filter((c) => /\.id /.test(c)), ["SetValue cmi.interactions.0.id q_one",
    "SetValue cmi.interactions.1.id q_two"]);
  assert.equal(api.held["cmi.interactions.1.learner_response"], "true");
  assert.equal(lms.terminate(true), true);
});

test("read-only: an interaction isn't sent or kept for later", (t) => {
  const lmsAdapter = require("../../templates/player/js/lms-adapter.js");
  const api = fakeApi({});
  api.held["cmi.mode"] = "review";
  global.window = { API_1484_11: api };
  t.after(() => { delete global.window; });
  const lms = lmsAdapter.create(scorm2004, { language: "en" });
  assert.equal(lms.initialize(false, { mark: 80, scaled: 0.8 }).readOnly, true);
  lms.addInteraction({ id: "q_one", attempt: 1, type: "true-false", started: Date.now(), weight: 1, description: "Q",
    patterns: [true], response: true, result: "correct" });
  lms.report({ complete: true, ended: true, hasAssessment: false, passed: false, failedFinal: false, score: null,
    measure: 1, bookmark: "intro" }, { completion: "", success: "", lessonStatus: "", score: null }, 10);
  lms.commit();
  lms.terminate(true);
  assert.deepEqual(api.calls.filter((c) => !c.startsWith("GetValue")), ["Initialize", "Terminate"]);
});
