/* The cmi5 adapter: the player's one LMS interface (the object lms-adapter.js's create returns) over
   xAPI, for a package built with --standard cmi5 (docs/player.md, section 13). At launch it reads
   the launch parameters, POSTs once to `fetch` for the token, reads LMS.LaunchData, the learner's
   preferences and its own state document, all before the first screen (synchronous requests, as the
   SCORM API's are); then it sends the cmi5 statements in the spec's order and under its rules. During
   the session statements and the state go out asynchronously, one request at a time, retried like a
   failed Commit; Exit and Finish send the rest synchronously, to confirm it; pagehide sends it with
   keepalive. Pure parts (launch parameters, statements, the verbs due) are exported for tests. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var inNode = typeof module !== "undefined";
  var timeFormat = inNode ? require("./time-format.js") : modules.timeFormat;
  var scorm2004 = inNode ? require("./lms-scorm2004.js") : modules.lmsScorm2004;

  var XAPI_VERSION = "1.0.3", ADL = "http://adlnet.gov/expapi/verbs/", CMI5 = "https://w3id.org/xapi/cmi5/";
  var VERBS = { initialized: ADL + "initialized", completed: ADL + "completed", passed: ADL + "passed",
    failed: ADL + "failed", terminated: ADL + "terminated", answered: ADL + "answered" };
  var CATEGORY = { cmi5: CMI5 + "context/categories/cmi5", moveOn: CMI5 + "context/categories/moveon" };
  var MASTERY_EXTENSION = CMI5 + "context/extensions/masteryscore";
  /* a dialogue decision's running score totals, {score id: {raw, min, max}}, as a result extension */
  var DIALOGUE_SCORES = "https://scorm-builder.invalid/xapi/extensions/dialogue-scores";
  var INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
  var LAUNCH_DATA = "LMS.LaunchData", STATE_ID = "scorm-builder.state", PREFERENCES = "cmi5LearnerPreferences";
  var MODES = { Normal: "normal", Browse: "browse", Review: "review" };
  var PARAMETERS = ["endpoint", "fetch", "actor", "registration", "activityId"];

  /* the launch parameters of a query string (cmi5 section 8.1), or {missing: [names]} */
  function launchParameters(search) {
    var query = new URLSearchParams(search || ""), out = {}, missing = [];
    PARAMETERS.forEach(function (name) { var v = query.get(name); if (v) out[name] = v; else missing.push(name); });
    if (!missing.length) {
      try { out.actor = JSON.parse(out.actor); } catch (e) { missing.push("actor (not JSON)"); }
    }
    return missing.length ? { missing: missing } : out;
  }

  function uuid(randomBytes) {
    var b = randomBytes(16), hex = [];
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) hex.push((b[i] + 0x100).toString(16).slice(1));
    return hex.slice(0, 4).join("") + "-" + hex.slice(4, 6).join("") + "-" + hex.slice(6, 8).join("") + "-" +
      hex.slice(8, 10).join("") + "-" + hex.slice(10).join("");
  }
  function copy(value) { return value == null ? value : JSON.parse(JSON.stringify(value)); }
  /* the contextTemplate, never overwritten, with the registration and the given categories added */
  function context(session, categories) {
    var out = copy(session.launchData.contextTemplate) || {};
    if (!out.registration) out.registration = session.registration;
    if (categories.length) {
      var activities = out.contextActivities = out.contextActivities || {};
      var list = activities.category = activities.category || [];
      categories.forEach(function (id) {
        if (!list.some(function (a) { return a && a.id === id; })) list.push({ id: id, objectType: "Activity" });
      });
    }
    return out;
  }
  function statement(session, verb, object, result, ctx, now) {
    var out = { id: uuid(session.randomBytes), timestamp: now.toISOString(), actor: session.actor,
      verb: { id: VERBS[verb], display: { "en-US": verb } }, object: object, context: ctx };
    if (result) out.result = result;
    return out;
  }
  function duration(ms) { return timeFormat.timespan("scorm2004", ms); } /* ISO 8601, e.g. PT1M5.25S */

  /* a cmi5 defined statement (section 9): object the AU, the cmi5 category; moveon where the result
     has success or completion; masteryscore on passed and failed when the LMS gave one */
  function definedStatement(session, verb, score, now) {
    var result = null, categories = [CATEGORY.cmi5];
    var elapsed = duration(now - session.initializedAt);
    if (verb === "completed") result = { completion: true, duration: elapsed };
    if (verb === "passed" || verb === "failed") {
      result = { success: verb === "passed", duration: elapsed };
      if (score != null) result.score = { scaled: score / 100, raw: score, min: 0, max: 100 };
    }
    if (verb === "terminated") result = { duration: elapsed };
    if (result && (result.success != null || result.completion != null)) categories.push(CATEGORY.moveOn);
    var ctx = context(session, categories);
    if ((verb === "passed" || verb === "failed") && session.launchData.masteryScore != null) {
      ctx.extensions = ctx.extensions || {};
      ctx.extensions[MASTERY_EXTENSION] = session.launchData.masteryScore;
    }
    return statement(session, verb, { id: session.activityId, objectType: "Activity" }, result, ctx, now);
  }
  /* a cmi5 allowed "answered" statement for a question, a scenario answer or a dialogue decision:
     an xAPI interaction (same response format as SCORM 2004), success unless the answer is neutral; a
     likert item's scale ([{id, text}], the response one of the ids) as the xAPI `scale` components */
  function answeredStatement(session, item, now, latencyMs, language) {
    var definition = { type: INTERACTION, interactionType: item.type,
      correctResponsesPattern: item.patterns.map(function (p) { return scorm2004.response(item.type, p); }) };
    if (item.description) definition.description = langMap(language, item.description);
    if (item.scale) definition.scale = item.scale.map(function (c) { return { id: c.id, description: langMap(language, c.text) }; });
    var result = { response: scorm2004.response(item.type, item.response), duration: duration(latencyMs) };
    if (item.result === "correct" || item.result === "incorrect") result.success = item.result === "correct";
    var ctx = context(session, []);
    ctx.contextActivities = ctx.contextActivities || {};
    ctx.contextActivities.parent = [{ id: session.activityId, objectType: "Activity" }];
    return statement(session, "answered", { id: session.activityId + "/" + item.id, objectType: "Activity",
      definition: definition }, result, ctx, now);
  }
  function langMap(language, text) { var map = {}; map[language] = text; return map; }

  /* the cmi5 defined verbs due after a step, in order (section 9.3): passed or failed once the
     assessment is decided, at most one of them a session, never failed after passed, and passed and
     completed once a registration. `sent`: what this registration was sent (the state document);
     `session`: what this session sent */
  function dueVerbs(summary, sent, session) {
    var due = [], judged = session.passed || session.failed;
    if (summary.passed && !sent.passed && !judged) due.push("passed");
    else if (summary.failedFinal && !sent.passed && !sent.failed && !judged) due.push("failed");
    if (summary.complete && !sent.completed && !session.completed) due.push("completed");
    return due;
  }
  /* the score a passed or failed statement may carry: consistent with the masteryScore (9.5.1) */
  function judgedScore(verb, score, pass) {
    if (score == null) return null;
    return (verb === "passed") === scorm2004.passes(score, pass) ? score : null;
  }

  /* the state document: the player's state (state.js's text, as suspend_data) and what was sent */
  function readState(text) {
    var doc = null;
    try { doc = JSON.parse(text); } catch (e) { doc = null; }
    if (!doc || typeof doc !== "object" || doc.v !== 1) return { state: "", sent: {} };
    var sent = doc.sent && typeof doc.sent === "object" ? doc.sent : {};
    return { state: typeof doc.state === "string" ? doc.state : "",
      sent: { completed: sent.completed === 1, passed: sent.passed === 1, failed: sent.failed === 1,
        score: typeof sent.score === "number" ? sent.score : null } };
  }
  function writeState(text, sent) {
    var flags = { completed: sent.completed ? 1 : 0, passed: sent.passed ? 1 : 0, failed: sent.failed ? 1 : 0 };
    if (sent.score != null) flags.score = sent.score;
    return JSON.stringify({ v: 1, state: text, sent: flags });
  }

  /* requests: {method, url, headers, body}; mode "sync", "async" (done(response) later) or
     "keepalive" (pagehide: nothing comes back); a response is {status, body}, status 0 if none */
  function browserTransport(win) {
    return function (request, mode, done) {
      if (mode === "keepalive" && typeof win.fetch === "function") {
        win.fetch(request.url, { method: request.method, headers: request.headers, body: request.body,
          keepalive: true, credentials: "omit" }).catch(function () { /* the page is gone */ });
        return null;
      }
      var xhr = new win.XMLHttpRequest(), failed = { status: 0, body: "" };
      xhr.open(request.method, request.url, mode !== "sync");
      Object.keys(request.headers).forEach(function (name) { xhr.setRequestHeader(name, request.headers[name]); });
      if (mode === "sync") {
        try { xhr.send(request.body); } catch (e) { return failed; }
        return { status: xhr.status, body: xhr.responseText };
      }
      xhr.timeout = 20000; /* a hanging LRS counts as a lost one */
      xhr.onload = function () { done({ status: xhr.status, body: xhr.responseText }); };
      xhr.onerror = xhr.ontimeout = function () { done(failed); };
      try { xhr.send(request.body); } catch (e) { setTimeout(function () { done(failed); }, 0); }
      return null;
    };
  }

  function jsonOf(response) { try { return JSON.parse(response.body); } catch (e) { return null; } }
  function ok(response) { return response.status >= 200 && response.status < 300; }
  function query(params) {
    return Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
  }

  /* options: {language}; for tests also {search, transport, now, randomBytes, navigate, setTimer} */
  function create(options) {
    var win = typeof window !== "undefined" ? window : {};
    var transport = options.transport || browserTransport(win);
    var now = options.now || function () { return new Date(); };
    var setTimer = options.setTimer || function (fn, ms) { return setTimeout(fn, ms); };
    var session = { randomBytes: options.randomBytes ||
      function (n) { return win.crypto.getRandomValues(new Uint8Array(n)); } };
    var log = [], live = false, ended = false, readOnly = false, onSaveResult = function () {};
    var queue = [], stateText = null, stateDirty = false, sent = {}, thisSession = {}, busy = false, again = false;
    var retries = 0, pass = null;

    function headers(json) {
      var h = { "X-Experience-API-Version": XAPI_VERSION, Authorization: "Basic " + session.token };
      if (json) h["Content-Type"] = "application/json";
      return h;
    }
    function request(method, url, body, mode, done) {
      var req = { method: method, url: url, headers: headers(body != null), body: body == null ? null : body };
      var entry = { method: method, args: [url.split("?")[0].slice(session.endpoint ? session.endpoint.length : 0)] };
      var finish = function (response) {
        entry.result = String(response.status); entry.ok = ok(response); entry.error = entry.ok ? "0" : response.body;
        /* a document not there yet (404 to a GET) is normal: the first launch has no state */
        var absent = method === "GET" && response.status === 404;
        if (!entry.ok && !absent) {
          console.warn("[cmi5] " + method + " " + url.split("?")[0] + " answered " + response.status + " " + response.body);
        }
        return response;
      };
      log.push(entry);
      if (mode === "sync") return finish(transport(req, "sync"));
      if (mode === "keepalive") {
        entry.result = "keepalive"; entry.ok = true; entry.error = "0";
        transport(req, mode, function () { /* nothing waits for it */ });
        return null;
      }
      transport(req, mode, function (response) { done(finish(response)); });
      return null;
    }
    function stateUrl(stateId) {
      return session.endpoint + "activities/state?" + query({ activityId: session.activityId,
        agent: JSON.stringify(session.actor), registration: session.registration, stateId: stateId });
    }
    /* the token, once: section 8.2. An error-code answer (a second use, an expired session) is an error */
    function fetchToken() {
      var answer = transport({ method: "POST", url: session.fetch, headers: {}, body: null }, "sync");
      var body = jsonOf(answer) || {};
      log.push({ method: "POST", args: ["fetch"], result: String(answer.status), ok: !!body["auth-token"],
        error: body["auth-token"] ? "0" : String(body["error-code"] || answer.status) });
      if (ok(answer) && typeof body["auth-token"] === "string") return body["auth-token"];
      console.warn("[cmi5] the fetch URL gave no token: " + (body["error-code"] ? "error " + body["error-code"] + " " +
        (body["error-text"] || "") : "HTTP " + answer.status));
      return null;
    }
    /* LMS.LaunchData, the learner's preferences and the state document; false without launch data */
    function readDocuments() {
      var launch = request("GET", stateUrl(LAUNCH_DATA), null, "sync"), data = ok(launch) ? jsonOf(launch) : null;
      if (!data || typeof data !== "object" || !data.contextTemplate) {
        console.warn("[cmi5] no LMS.LaunchData state document: nothing can be recorded");
        return false;
      }
      session.launchData = data;
      var prefs = request("GET", session.endpoint + "agents/profile?" + query({ agent: JSON.stringify(session.actor),
        profileId: PREFERENCES }), null, "sync");
      session.preferences = (ok(prefs) && jsonOf(prefs)) || {};
      var own = request("GET", stateUrl(STATE_ID), null, "sync");
      var doc = readState(ok(own) ? own.body : "");
      stateText = doc.state; sent = doc.sent;
      return true;
    }

    function initialize(hasAssessment, coursePass) {
      var params = launchParameters(options.search != null ? options.search : (win.location || {}).search);
      if (params.missing) {
        /* none at all: not launched by a cmi5 LMS (opened from disk, or in another LMS) */
        if (params.missing.length < PARAMETERS.length) {
          console.warn("[cmi5] launch parameters missing: " + params.missing.join(", "));
        }
        return null;
      }
      session.endpoint = params.endpoint.replace(/\/?$/, "/"); session.fetch = params.fetch;
      session.actor = params.actor; session.registration = params.registration; session.activityId = params.activityId;
      session.token = fetchToken();
      if (session.token == null || !readDocuments()) return null;
      live = true;
      var data = session.launchData, mode = MODES[data.launchMode] || "normal";
      readOnly = mode !== "normal";
      pass = { mark: coursePass.mark, scaled: coursePass.scaled };
      if (hasAssessment && typeof data.masteryScore === "number") {
        pass = { mark: Math.round(data.masteryScore * 10000) / 100, scaled: data.masteryScore };
      }
      session.initializedAt = now();
      queue.push(definedStatement(session, "initialized", null, session.initializedAt));
      flush();
      var floor = { completion: sent.completed ? "completed" : "", lessonStatus: "", score: sent.score,
        success: sent.passed ? "passed" : sent.failed ? "failed" : "" };
      return { mode: mode, readOnly: readOnly, floor: floor, suspendData: stateText, location: "", pass: pass,
        record: { score: sent.score,
          status: floor.success || (sent.completed ? "completed" : stateText ? "incomplete" : "") } };
    }
    function isOpen() { return live && !ended && !readOnly; }
    function report(summary) {
      if (!isOpen()) return;
      dueVerbs(summary, sent, thisSession).forEach(function (verb) {
        var score = verb === "completed" ? null : judgedScore(verb, summary.score, pass);
        var item = definedStatement(session, verb, score, now());
        item.marks = { verb: verb, score: score };
        thisSession[verb] = true;
        queue.push(item);
      });
    }
    function addInteraction(item) {
      if (!isOpen()) return;
      queue.push(answeredStatement(session, item, now(), Date.now() - item.started, options.language));
    }
    /* a dialogue's named score after a decision: added to that decision's statement, still queued */
    function updateObjective(id, score, ended) {
      if (!isOpen()) return;
      var parts = id.split("_"), prefix = session.activityId + "/dlg_" + parts[1] + "_";
      for (var i = queue.length - 1; i >= 0; i--) {
        var s = queue[i];
        if (s.verb.id !== VERBS.answered || s.object.id.indexOf(prefix) !== 0) continue;
        var ext = s.result.extensions = s.result.extensions || {};
        var scores = ext[DIALOGUE_SCORES] = ext[DIALOGUE_SCORES] || {};
        scores[parts[2]] = { raw: score.raw, min: score.min, max: score.max };
        if (ended) s.result.completion = true;
        return;
      }
    }
    function strip(item) { var out = Object.assign({}, item); delete out.marks; return out; }
    function confirm(items) {
      items.forEach(function (item) {
        if (!item.marks) return;
        sent[item.marks.verb] = true;
        if (item.marks.score != null) sent.score = item.marks.score;
      });
      queue.splice(0, items.length);
    }
    /* one save: the statements not yet confirmed, then the state document with what they record;
       done(true) when both landed. At pagehide (keepalive) both go at once and nothing comes back, so
       the state document counts them as sent: a completed sent twice is worse than one lost */
    function saveRound(mode, done) {
      var items = queue.slice(), body = JSON.stringify(items.map(strip)), url = session.endpoint + "statements";
      var putState = function () {
        if (!stateDirty || readOnly) return done(true);
        var text = writeState(stateText, sent);
        var after = function (response) {
          if (ok(response) && writeState(stateText, sent) === text) stateDirty = false;
          done(ok(response));
        };
        if (mode === "sync") return after(request("PUT", stateUrl(STATE_ID), text, "sync"));
        request("PUT", stateUrl(STATE_ID), text, mode, after);
      };
      var afterStatements = function (response) {
        if (!ok(response)) return done(false);
        stateDirty = stateDirty || items.some(function (item) { return !!item.marks; });
        confirm(items);
        putState();
      };
      if (!items.length) return putState();
      if (mode === "sync") return afterStatements(request("POST", url, body, "sync"));
      request("POST", url, body, mode, afterStatements);
      if (mode === "keepalive") afterStatements({ status: 204, body: "" });
    }
    /* asynchronous saves, one at a time; a failed one is retried after 0.8 s and 3.2 s, then the learner is told */
    function flush() {
      if (!live || ended) return;
      if (busy) { again = true; return; }
      busy = true;
      saveRound("async", function (saved) {
        busy = false;
        if (ended) return;
        if (saved) { retries = 0; onSaveResult(false); if (again) { again = false; flush(); } return; }
        if (retries < 2) { retries++; setTimer(flush, 800 * retries * retries); }
        else { retries = 0; again = false; onSaveResult(true); }
      });
    }
    /* final (Exit, Finish): the rest and "terminated" sent synchronously, twice if need be, then
       returnURL; at pagehide with keepalive. True when the LRS confirmed everything */
    function terminate(final) {
      if (ended || !live) { ended = true; return false; }
      queue.push(definedStatement(session, "terminated", null, now()));
      ended = true;
      if (!final) {
        saveRound("keepalive", function () {});
        return false;
      }
      var saved = false, finish = function (result) { saved = result; };
      saveRound("sync", finish);
      if (!saved) saveRound("sync", finish);
      var back = session.launchData.returnURL;
      if (typeof back === "string" && back) (options.navigate || function (url) { win.location.assign(url); })(back);
      return saved;
    }

    return {
      family: "cmi5", suspendBudget: 64000, log: log,
      initialize: initialize, report: report, addInteraction: addInteraction, updateObjective: updateObjective,
      /* kept until the next save sends it; true, as nothing can be refused yet */
      saveSuspendData: function (text) {
        if (isOpen() && text !== stateText) { stateText = text; stateDirty = true; }
        return true;
      },
      passes: function (percent, p) { return scorm2004.passes(percent, p); },
      commit: function () { if (isOpen()) flush(); }, terminate: terminate,
      connected: function () { return live; }, ended: function () { return ended; },
      onSaveResult: function (fn) { onSaveResult = fn; },
      learnerId: function () { var a = session.actor || {}; return (a.account && a.account.name) || a.mbox || ""; },
      learnerName: function () { return (session.actor && typeof session.actor.name === "string") ? session.actor.name : ""; },
      learnerPreferences: function () { return session.preferences || {}; }
    };
  }

  var lmsCmi5 = { create: create, launchParameters: launchParameters, dueVerbs: dueVerbs, judgedScore: judgedScore,
    readState: readState, writeState: writeState, uuid: uuid, VERBS: VERBS, CATEGORY: CATEGORY,
    DIALOGUE_SCORES: DIALOGUE_SCORES, STATE_ID: STATE_ID };
  modules.lmsCmi5 = lmsCmi5;
  if (inNode) module.exports = lmsCmi5;
}(typeof window !== "undefined" ? window : global));
