// The cmi5 adapter (templates/player/js/lms-cmi5.js) against a fake LMS: launch, the verbs due,
// statement content, retries, and what Exit and pagehide send.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const cmi5 = require("../../templates/player/js/lms-cmi5.js");

const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "learner-1" } };
const REGISTRATION = "760e3480-ba55-4991-94b0-01820dbd23a2";
const ACTIVITY = "https://lms.example.com/activities/au-1";
const SEARCH = "?endpoint=" + encodeURIComponent("https://lrs.example.com/xapi") + "&fetch=" +
  encodeURIComponent("https://lms.example.com/fetch?k=1") + "&actor=" + encodeURIComponent(JSON.stringify(ACTOR)) +
  "&registration=" + REGISTRATION + "&activityId=" + encodeURIComponent(ACTIVITY);
const TEMPLATE = { contextActivities: { grouping: [{ id: "https://pub.example.com/course/au", objectType: "Activity" }] },
  extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "session-1" } };
const COURSE_PASS = { mark: 80, scaled: 0.8 };

/* a fake LMS and LRS: documents by stateId, statements in arrival order, and knobs to fail */
function fakeLms(launchData, extra) {
  const lms = Object.assign({ fetches: 0, fetchAnswer: null, states: { "LMS.LaunchData": JSON.stringify(launchData) },
    preferences: null, statements: [], requests: [], refuse: 0, refusal: 400, pending: [] }, extra || {});
  lms.answer = function (req) {
    lms.requests.push(req.method + " " + req.url.split("?")[0]);
    const stateId = new URL(req.url).searchParams.get("stateId");
    if (req.url.startsWith("https://lms.example.com/fetch")) {
      lms.fetches++;
      return { status: 200, body: JSON.stringify(lms.fetchAnswer || (lms.fetches === 1 ? { "auth-token": "dG9rZW4=" }
        : { "error-code": "1", "error-text": "The authorization token has already been returned." })) };
    }
    assert.equal(req.headers.Authorization, "Basic dG9rZW4=");
    assert.equal(req.headers["X-Experience-API-Version"], "1.0.3");
    if (req.url.includes("/agents/profile")) return lms.preferences ? { status: 200, body: JSON.stringify(lms.preferences) } : { status: 404, body: "" };
    if (req.url.includes("/activities/state")) {
      if (req.method === "GET") return stateId in lms.states ? { status: 200, body: lms.states[stateId] } : { status: 404, body: "" };
      assert.notEqual(stateId, "LMS.LaunchData");
      lms.states[stateId] = req.body;
      return { status: 204, body: "" };
    }
    if (lms.refuse > 0) { lms.refuse--; return { status: lms.refusal, body: lms.refusal ? "refused" : "" }; }
    JSON.parse(req.body).forEach((s) => lms.statements.push(s));
    return { status: 200, body: "[]" };
  };
  lms.transport = function (req, mode, done) {
    if (mode === "sync") return lms.answer(req);
    if (mode === "keepalive") { lms.answer(req); return null; }
    lms.pending.push(() => done(lms.answer(req)));
    return null;
  };
  lms.settle = function () { while (lms.pending.length) lms.pending.shift()(); };
  return lms;
}
function adapter(lms, options) {
  let clock = Date.UTC(2026, 0, 1, 9, 0, 0);
  const timers = [], navigated = [], told = [];
  const a = cmi5.create(Object.assign({ language: "en", search: SEARCH, transport: lms.transport,
    now: () => new Date(clock += 1000), randomBytes: (n) => new Uint8Array(n).fill(7),
    setTimer: (fn, ms) => timers.push([fn, ms]), navigate: (url) => navigated.push(url) }, options || {}));
  a.onSaveResult((failed) => told.push(failed));
  return { a, timers, navigated, told };
}
function verbs(statements) { return statements.map((s) => s.verb.id.split("/").pop()); }
const NORMAL = { contextTemplate: TEMPLATE, launchMode: "Normal", moveOn: "CompletedAndPassed", masteryScore: 0.8,
  returnURL: "https://lms.example.com/back" };
const summary = (facts) => Object.assign({ complete: false, passed: false, failedFinal: false, score: null }, facts);

test("launch parameters: all five, in any order, the actor as JSON; anything missing is named", () => {
  assert.deepEqual(cmi5.launchParameters(SEARCH), { endpoint: "https://lrs.example.com/xapi",
    fetch: "https://lms.example.com/fetch?k=1", actor: ACTOR, registration: REGISTRATION, activityId: ACTIVITY });
  assert.deepEqual(cmi5.launchParameters("?endpoint=x&fetch=y"), { missing: ["actor", "registration", "activityId"] });
  assert.deepEqual(cmi5.launchParameters(SEARCH.replace(/actor=[^&]+/, "actor=%7Bnot")), { missing: ["actor (not JSON)"] });
});

test("launch: one POST to fetch, then LMS.LaunchData, the preferences and the state document, before any statement", () => {
  const lms = fakeLms(NORMAL, { preferences: { languagePreference: "fr-FR,en-US", audioPreference: "off" } });
  lms.states["scorm-builder.state"] = cmi5.writeState('{"v":2}', { completed: true, score: 90 });
  const { a } = adapter(lms);
  const launch = a.initialize(true, COURSE_PASS);
  assert.deepEqual(launch, { mode: "normal", readOnly: false, suspendData: '{"v":2}', location: "",
    floor: { completion: "completed", success: "", lessonStatus: "", score: 90 }, pass: { mark: 80, scaled: 0.8 },
    record: { status: "completed", score: 90 } });
  assert.deepEqual(lms.requests, ["POST https://lms.example.com/fetch", "GET https://lrs.example.com/xapi/activities/state",
    "GET https://lrs.example.com/xapi/agents/profile", "GET https://lrs.example.com/xapi/activities/state"]);
  assert.equal(lms.fetches, 1);
  assert.deepEqual(a.learnerPreferences(), { languagePreference: "fr-FR,en-US", audioPreference: "off" });
  assert.equal(a.learnerId(), "learner-1");
  lms.settle();
  assert.deepEqual(verbs(lms.statements), ["initialized"]);
  assert.deepEqual(lms.statements[0], { id: "07070707-0707-4707-8707-070707070707", timestamp: "2026-01-01T09:00:01.000Z",
    actor: ACTOR, verb: { id: "http://adlnet.gov/expapi/verbs/initialized", display: { "en-US": "initialized" } },
    object: { id: ACTIVITY, objectType: "Activity" },
    context: { contextActivities: { grouping: TEMPLATE.contextActivities.grouping,
      category: [{ id: "https://w3id.org/xapi/cmi5/context/categories/cmi5", objectType: "Activity" }] },
    extensions: TEMPLATE.extensions, registration: REGISTRATION } });
});

test("a fetch URL that answers an error, or no LMS.LaunchData, means no LMS: nothing is sent", () => {
  const used = fakeLms(NORMAL, { fetchAnswer: { "error-code": "1", "error-text": "The authorization token has already been returned." } });
  const warnings = [];
  const warn = console.warn;
  console.warn = (text) => warnings.push(text);
  try {
    assert.equal(adapter(used).a.initialize(true, COURSE_PASS), null);
    const none = fakeLms(NORMAL);
    delete none.states["LMS.LaunchData"];
    const { a } = adapter(none);
    assert.equal(a.initialize(true, COURSE_PASS), null);
    assert.equal(a.connected(), false);
    assert.equal(adapter(fakeLms(NORMAL), { search: "" }).a.initialize(true, COURSE_PASS), null); /* not launched by an LMS */
    assert.deepEqual(none.statements, []);
  } finally { console.warn = warn; }
  assert.deepEqual(warnings, ["[cmi5] the fetch URL gave no token: error 1 The authorization token has already been returned.",
    "[cmi5] no LMS.LaunchData state document: nothing can be recorded"]);
  assert.equal(used.fetches, 1);
});

test("the LMS's masteryScore replaces the course's pass mark; Browse and Review are read-only", () => {
  assert.deepEqual(adapter(fakeLms(Object.assign({}, NORMAL, { masteryScore: 0.655 }))).a.initialize(true, COURSE_PASS).pass,
    { mark: 65.5, scaled: 0.655 });
  assert.deepEqual(adapter(fakeLms(NORMAL)).a.initialize(false, COURSE_PASS).pass, COURSE_PASS); /* nothing to score */
  for (const [mode, expected] of [["Browse", "browse"], ["Review", "review"]]) {
    const lms = fakeLms(Object.assign({}, NORMAL, { launchMode: mode }));
    const { a } = adapter(lms);
    const launch = a.initialize(true, COURSE_PASS);
    assert.equal(launch.mode, expected);
    assert.equal(launch.readOnly, true);
    a.report(summary({ complete: true, passed: true, score: 100 }));
    a.addInteraction({ id: "q_x", type: "true-false", started: Date.now(), patterns: [true], response: true, result: "correct" });
    assert.equal(a.saveSuspendData("{}"), true);
    a.commit();
    assert.equal(a.terminate(true), true);
    assert.deepEqual(verbs(lms.statements), ["initialized", "terminated"]);
    assert.deepEqual(Object.keys(lms.states), ["LMS.LaunchData"]);
  }
});

test("the verbs due: passed or failed once decided, one of them a session, never failed after passed, completed once", () => {
  const none = {};
  assert.deepEqual(cmi5.dueVerbs(summary({ complete: true, passed: true }), none, {}), ["passed", "completed"]);
  assert.deepEqual(cmi5.dueVerbs(summary({ failedFinal: true }), none, {}), ["failed"]);
  assert.deepEqual(cmi5.dueVerbs(summary({}), none, {}), []); /* an attempt failed with one left: not decided */
  assert.deepEqual(cmi5.dueVerbs(summary({ failedFinal: true }), { passed: true }, {}), []);
  assert.deepEqual(cmi5.dueVerbs(summary({ passed: true }), { failed: true }, {}), ["passed"]); /* a later session */
  assert.deepEqual(cmi5.dueVerbs(summary({ passed: true }), none, { failed: true }), []); /* the same session */
  assert.deepEqual(cmi5.dueVerbs(summary({ complete: true }), { completed: true }, {}), []);
  assert.deepEqual(cmi5.dueVerbs(summary({ complete: true }), none, { completed: true }), []); /* queued, not yet sent */
  assert.equal(cmi5.judgedScore("passed", 85, COURSE_PASS), 85);
  assert.equal(cmi5.judgedScore("passed", 70, COURSE_PASS), null); /* would contradict the masteryScore */
  assert.equal(cmi5.judgedScore("failed", 80, COURSE_PASS), null);
});

test("passed, completed and answered statements: results, categories, masteryscore; sent once however often reported", () => {
  const lms = fakeLms(NORMAL);
  const { a } = adapter(lms);
  a.initialize(true, COURSE_PASS);
  a.addInteraction({ id: "dlg_call_opening", type: "choice", started: Date.now() - 2500, description: "Hello?",
    patterns: [["a"]], response: ["b"], result: "incorrect" });
  a.updateObjective("obj_call_rapport", { raw: -1, min: -3, max: 2 }, false);
  a.updateObjective("obj_call_calm", { raw: 0, min: 0, max: 1 }, true);
  a.addInteraction({ id: "q_match", type: "matching", started: Date.now(), patterns: [[["a", "x"], ["b", "y"]]],
    response: [["a", "y"], ["b", "x"]], result: "neutral" });
  a.report(summary({ complete: true, passed: true, score: 90 }));
  a.report(summary({ complete: true, passed: true, score: 90 }));
  a.commit();
  lms.settle();
  a.report(summary({ complete: true, passed: true, score: 90 }));
  a.commit();
  lms.settle();
  assert.deepEqual(verbs(lms.statements), ["initialized", "answered", "answered", "passed", "completed"]);
  const [, decision, match, passed, completed] = lms.statements;
  assert.deepEqual(decision.object, { id: ACTIVITY + "/dlg_call_opening", objectType: "Activity", definition: {
    type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: "choice", correctResponsesPattern: ["a"],
    description: { en: "Hello?" } } });
  assert.equal(decision.result.response, "b");
  assert.equal(decision.result.success, false);
  assert.equal(decision.result.completion, true);
  assert.deepEqual(decision.result.extensions, { [cmi5.DIALOGUE_SCORES]: { rapport: { raw: -1, min: -3, max: 2 },
    calm: { raw: 0, min: 0, max: 1 } } });
  assert.match(decision.result.duration, /^PT2\.5S$|^PT2\.\d+S$/);
  assert.deepEqual(decision.context.contextActivities.parent, [{ id: ACTIVITY, objectType: "Activity" }]);
  assert.equal(decision.context.contextActivities.category, undefined); /* allowed, not defined: no cmi5 category */
  assert.deepEqual([match.result.response, "success" in match.result], ["a[.]y[,]b[.]x", false]);
  /* the fake clock moves 1 s a reading: initialized at 1 s, the answers at 2 and 3, passed at 4, completed at 5 */
  assert.deepEqual(passed.result, { success: true, duration: "PT3S", score: { scaled: 0.9, raw: 90, min: 0, max: 100 } });
  assert.deepEqual(passed.context.contextActivities.category.map((c) => c.id.split("/").pop()), ["cmi5", "moveon"]);
  assert.equal(passed.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.8);
  assert.deepEqual(completed.result, { completion: true, duration: "PT4S" });
  assert.deepEqual(JSON.parse(lms.states["scorm-builder.state"]).sent, { completed: 1, passed: 1, failed: 0, score: 90 });
});

for (const [status, what] of [[400, "refused"], [0, "lost (no answer)"]]) {
test("a save the LRS " + what + " is retried after 0.8 s and 3.2 s, then the learner is told; the next sends it all", () => {
  const lms = fakeLms(NORMAL, { refuse: 3, refusal: status });
  const { a, timers, told } = adapter(lms);
  a.initialize(true, COURSE_PASS);
  a.saveSuspendData('{"v":2,"l":"intro"}');
  a.commit();
  lms.settle();
  assert.deepEqual(timers.map((t) => t[1]), [800]);
  timers.shift()[0](); lms.settle();
  assert.deepEqual(timers.map((t) => t[1]), [3200]);
  timers.shift()[0](); lms.settle();
  assert.deepEqual([timers.length, told], [0, [true]]);
  assert.deepEqual(lms.statements, []);
  a.report(summary({ complete: true }));
  a.commit();
  lms.settle();
  assert.deepEqual(told, [true, false]);
  assert.deepEqual(verbs(lms.statements), ["initialized", "completed"]);
  assert.equal(JSON.parse(lms.states["scorm-builder.state"]).state, '{"v":2,"l":"intro"}');
});
}

test("Exit sends the rest and terminated at once, confirmed, then goes to returnURL; pagehide uses keepalive", () => {
  const lms = fakeLms(NORMAL);
  const { a, navigated } = adapter(lms);
  a.initialize(true, COURSE_PASS);
  a.saveSuspendData('{"v":2}');
  a.report(summary({ failedFinal: true, score: 40 }));
  assert.equal(a.terminate(true), true); /* the async save of initialized never came back: sent again, synchronously */
  assert.equal(a.ended(), true);
  assert.equal(a.terminate(true), false);
  assert.deepEqual(verbs(lms.statements), ["initialized", "failed", "terminated"]);
  assert.deepEqual(lms.statements[2].result, { duration: "PT2S" }); /* initialized at 1 s, terminated at 3 s */
  assert.deepEqual(navigated, ["https://lms.example.com/back"]);
  assert.deepEqual(JSON.parse(lms.states["scorm-builder.state"]), { v: 1, state: '{"v":2}',
    sent: { completed: 0, passed: 0, failed: 1, score: 40 } });

  const closing = fakeLms(NORMAL);
  const leaving = adapter(closing);
  leaving.a.initialize(true, COURSE_PASS);
  closing.settle();
  leaving.a.report(summary({ complete: true }));
  assert.equal(leaving.a.terminate(false), false); /* nothing comes back from a keepalive request */
  assert.deepEqual(verbs(closing.statements), ["initialized", "completed", "terminated"]);
  assert.equal(JSON.parse(closing.states["scorm-builder.state"]).sent.completed, 1);
  assert.deepEqual(leaving.navigated, []);
});

test("the state document is read without trusting it", () => {
  assert.deepEqual(cmi5.readState(""), { state: "", sent: {} });
  assert.deepEqual(cmi5.readState("[1]"), { state: "", sent: {} });
  assert.deepEqual(cmi5.readState('{"v":2,"state":"x"}'), { state: "", sent: {} });
  assert.deepEqual(cmi5.readState('{"v":1,"state":7,"sent":{"completed":true,"passed":1,"score":"90"}}'),
    { state: "", sent: { completed: false, passed: true, failed: false, score: null } });
  assert.deepEqual(cmi5.readState(cmi5.writeState("abc", { failed: true, score: 0 })),
    { state: "abc", sent: { completed: false, passed: false, failed: true, score: 0 } });
});
