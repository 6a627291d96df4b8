// An LMS and LRS for the cmi5 node tests that answer everything: the fetch URL gives a token, the
// agent profile is missing, state documents are kept across sessions, and every statement sent is
// kept in `statements`. fakeLrs(launch) starts with `launch` as the LMS.LaunchData document.
"use strict";

const ACTOR = { objectType: "Agent", account: { homePage: "https://lms.example.com", name: "learner-1" } };
const ACTIVITY = "https://lms.example.com/activities/au-1";

/* the launch URL's query string an LMS gives the AU, with this LRS endpoint and fetch URL */
function launchQuery(endpoint, fetch) {
  return "?endpoint=" + encodeURIComponent(endpoint) + "&fetch=" + encodeURIComponent(fetch) + "&actor=" +
    encodeURIComponent(JSON.stringify(ACTOR)) + "&registration=760e3480-ba55-4991-94b0-01820dbd23a2&activityId=" +
    encodeURIComponent(ACTIVITY);
}

function fakeLrs(launch) {
  const statements = [], states = { "LMS.LaunchData": JSON.stringify(launch) };
  const answer = (req) => {
    if (req.url.startsWith("https://lms.example.com/fetch")) return { status: 200, body: JSON.stringify({ "auth-token": "dG9rZW4=" }) };
    if (req.url.includes("/agents/profile")) return { status: 404, body: "" };
    if (req.url.includes("/activities/state")) {
      const id = new URL(req.url).searchParams.get("stateId");
      if (req.method === "GET") return id in states ? { status: 200, body: states[id] } : { status: 404, body: "" };
      states[id] = req.body;
      return { status: 204, body: "" };
    }
    JSON.parse(req.body).forEach((s) => statements.push(s));
    return { status: 200, body: "[]" };
  };
  return { statements, transport: (req, mode, done) => (mode === "sync" ? answer(req) : (done(answer(req)), null)) };
}

module.exports = { ACTOR, ACTIVITY, fakeLrs, launchQuery };
