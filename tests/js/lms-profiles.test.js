// The LMS profile's settings in the player (docs/lms-profiles.md): the status after the last failed
// attempt (finalFailure) in lms-scorm12.js and lms-scorm2004.js, and Cornerstone's "no Commit right
// before Terminate" (commitBeforeTerminate) in lms-connection.js, against a fake SCORM 2004 API.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const scorm12 = require("../../templates/player/js/lms-scorm12.js");
const scorm2004 = require("../../templates/player/js/lms-scorm2004.js");
const lmsConnection = require("../../templates/player/js/lms-connection.js");
const lmsAdapter = require("../../templates/player/js/lms-adapter.js");

const NO_FLOOR = { completion: "", success: "", lessonStatus: "" };
const FAILED = { name: "generic", finalFailure: "failed", commitBeforeTerminate: true };
const INCOMPLETE = { name: "rise-up", finalFailure: "incomplete", commitBeforeTerminate: true };
const lost = { complete: false, ended: true, hasAssessment: true, passed: false, failedFinal: true, score: 40,
  measure: 0.75, bookmark: "assessment" };
const status = (values) => values.filter((pair) => /status|exit/.test(pair[0]));

test("final failure \"failed\": 1.2 failed, 2004 completed and failed, a normal exit", () => {
  assert.deepEqual(status(scorm12.sessionValues(lost, NO_FLOOR, 0, FAILED)),
    [["cmi.core.lesson_status", "failed"], ["cmi.core.exit", ""]]);
  assert.deepEqual(status(scorm2004.sessionValues(lost, NO_FLOOR, 0, FAILED)),
    [["cmi.completion_status", "completed"], ["cmi.success_status", "failed"], ["cmi.exit", "normal"]]);
  // without a profile (an older caller) the generic behaviour
  assert.deepEqual(status(scorm12.sessionValues(lost, NO_FLOOR, 0)), status(scorm12.sessionValues(lost, NO_FLOOR, 0, FAILED)));
});

test("final failure \"incomplete\": 1.2 never sends failed, 2004 stays incomplete, and the exit is still normal", () => {
  assert.deepEqual(status(scorm12.sessionValues(lost, NO_FLOOR, 0, INCOMPLETE)),
    [["cmi.core.lesson_status", "incomplete"], ["cmi.core.exit", ""]]);
  assert.deepEqual(status(scorm2004.sessionValues(lost, NO_FLOOR, 0, INCOMPLETE)),
    [["cmi.completion_status", "incomplete"], ["cmi.success_status", "failed"], ["cmi.exit", "normal"]]);
  // a pass, or lessons complete with the assessment lost, are unchanged
  const passed = Object.assign({}, lost, { complete: true, passed: true, failedFinal: false, score: 90 });
  assert.equal(scorm12.lessonStatus(passed, NO_FLOOR, INCOMPLETE), "passed");
  assert.equal(scorm2004.completionStatus(Object.assign({}, lost, { complete: true }), INCOMPLETE), "completed");
});

test("the profile comes from the options, else the generic behaviour", () => {
  assert.deepEqual(lmsAdapter.lmsProfile({ lms: INCOMPLETE }), INCOMPLETE);
  assert.deepEqual(lmsAdapter.lmsProfile({}), FAILED);
  assert.deepEqual(lmsAdapter.lmsProfile({ lms: { name: "cornerstone", commitBeforeTerminate: false } }),
    { name: "cornerstone", finalFailure: "failed", commitBeforeTerminate: false });
});

function fakeApi() {
  const api = { held: {}, calls: [], error: "0", refuseOnce: {} };
  const done = (name, args, result, error) => { api.calls.push([name].concat(args).join(" ")); api.error = error; return result; };
  api.Initialize = () => done("Initialize", [], "true", "0");
  api.Terminate = () => done("Terminate", [], "true", "0");
  api.GetValue = (element) => done("GetValue", [element], api.held[element] || "", "0");
  api.SetValue = (element, value) => {
    if (api.refuseOnce[element]) { delete api.refuseOnce[element]; return done("SetValue", [element, value], "false", "351"); }
    api.held[element] = value;
    return done("SetValue", [element, value], "true", "0");
  };
  api.Commit = () => done("Commit", [], "true", "0");
  api.GetLastError = () => api.error;
  api.GetErrorString = (code) => "error " + code;
  api.GetDiagnostic = () => "";
  return api;
}
function open(commitBeforeTerminate, t) {
  const api = fakeApi();
  global.window = { API_1484_11: api };
  t.after(() => { delete global.window; });
  t.mock.method(console, "warn", () => {});
  const connection = lmsConnection.create({ family: "scorm2004", apiName: "API_1484_11", methods: scorm2004.methods,
    unsetReadError: "403", commitBeforeTerminate });
  assert.equal(connection.open(), true);
  api.calls.length = 0;
  return { api, connection };
}

test("commitBeforeTerminate false: Exit sets the values and terminates, with no Commit", (t) => {
  const { api, connection } = open(false, t);
  connection.set("cmi.location", "call");
  connection.commit(); // during the session commits stay
  connection.set("cmi.exit", "suspend");
  assert.equal(connection.finish(true), true);
  assert.deepEqual(api.calls, ["SetValue cmi.location call", "Commit", "SetValue cmi.exit suspend", "Terminate"]);
});

test("commitBeforeTerminate false: a value refused earlier is sent again at Exit, still without a Commit", (t) => {
  const { api, connection } = open(false, t);
  api.refuseOnce["cmi.location"] = true;
  assert.equal(connection.set("cmi.location", "call"), false);
  assert.equal(connection.finish(true), true);
  assert.deepEqual(api.calls, ["SetValue cmi.location call", "SetValue cmi.location call", "Terminate"]);
});

test("commitBeforeTerminate true (every other profile): Commit, then Terminate", (t) => {
  const { api, connection } = open(true, t);
  connection.set("cmi.exit", "suspend");
  assert.equal(connection.finish(true), true);
  assert.deepEqual(api.calls, ["SetValue cmi.exit suspend", "Commit", "Terminate"]);
});
