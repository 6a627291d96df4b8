// An LMS and LRS for the cmi5 node tests that answer everything: the fetch URL gives a token, the
// agent profile is missing, state documents are kept across sessions, and every statement sent is
// kept in `statements`. fakeLrs(launch) starts with `launch` as the LMS.LaunchData document.
"use strict";

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

module.exports = { fakeLrs };
