/* The SCORM 2004 adapter: the API's names and the player's values in the 2004 data model
   (docs/player.md, sections 3 to 5). Pure; lms-adapter.js makes the calls. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var timeFormat = typeof module !== "undefined" ? require("./time-format.js") : modules.timeFormat;

  /* when scorm2004 */
  /* (a cmi5 package takes only passes and response, for lms-cmi5.js: render/player_js.py, for_features) */
  /* a number the LMS holds, or null */
  function number(text) { return /^-?\d+(\.\d+)?$/.test(text) ? parseFloat(text) : null; }
  /* the score the LMS holds as a percentage: score.raw as the player sends it, or score.scaled */
  function heldScore(get) {
    var raw = number(get("cmi.score.raw"));
    if (raw != null) return raw;
    var scaled = number(get("cmi.score.scaled"));
    return scaled != null ? Math.round(scaled * 10000) / 100 : null;
  }
  /* at launch: the mode (normal, browse, review), the completion, success and score floors, the
     saved state and bookmark, a scaled_passing_score over the course's pass mark, and the result
     held (record: {status, score}, status one of passed, failed, completed, incomplete or "").
     profile: the LMS profile (lms-adapter.js) */
  function readLaunch(get, hasAssessment, coursePass, profile) {
    var mode = get("cmi.mode"), readOnly = mode === "review" || mode === "browse";
    var completion = get("cmi.completion_status"), success = get("cmi.success_status");
    if (success !== "passed" && success !== "failed") success = "";
    /* ab-initio means a new attempt: the saved state and bookmark belong to an earlier one; but a
       review looks at the attempt the LMS holds, whatever cmi.entry says (Moodle: ab-initio), and
       a profile whose entryTrusted is false never reads cmi.entry: the saved state alone decides */
    var earlier = readOnly || (profile && profile.entryTrusted === false) || get("cmi.entry") !== "ab-initio";
    var suspendData = earlier ? get("cmi.suspend_data") : "", location = earlier ? get("cmi.location") : "";
    var pass = { mark: coursePass.mark, scaled: coursePass.scaled }, score = null;
    if (hasAssessment) {
      var scaled = number(get("cmi.scaled_passing_score"));
      if (scaled != null) {
        pass.scaled = scaled;
        pass.mark = Math.round(pass.scaled * 10000) / 100;
      }
      score = heldScore(get);
    }
    var status = success || (completion === "completed" || completion === "incomplete" ? completion : "");
    return { mode: mode, readOnly: readOnly, floor: { completion: completion, success: success, lessonStatus: "", score: score },
      suspendData: suspendData, location: location, pass: pass, record: { status: status, score: score } };
  }
  /* end when */
  /* the comparison the LMS makes: score.scaled >= scaled_passing_score */
  function passes(percent, pass) { return percent / 100 >= pass.scaled; }
  /* when scorm2004 */

  /* success keeps an LMS "passed", and an LMS "failed" until the learner passes */
  function successStatus(summary, floor) {
    if (summary.passed || floor.success === "passed") return "passed";
    if (summary.failedFinal || floor.success === "failed") return "failed";
    return "unknown";
  }
  /* completed once nothing is left to do: the course is complete, or the assessment failed with no
     attempt left (the LMS then shows the attempt as finished, not as one to resume); a profile whose
     finalFailure is "incomplete" leaves a failed course incomplete (docs/lms-profiles.md) */
  function completionStatus(summary, profile) {
    if (summary.failedFinal && !summary.complete && profile && profile.finalFailure === "incomplete") return "incomplete";
    return summary.ended ? "completed" : "incomplete";
  }
  /* suspend while something is left to do; normal once nothing is (the last attempt failed, too),
     unless the profile's exitOnCompletion keeps a complete course's run-time data: suspend */
  function exitValue(summary, profile) {
    if (!summary.ended) return "suspend";
    return summary.complete && profile && profile.exitOnCompletion === "suspend" ? "suspend" : "normal";
  }
  /* [element, value] pairs sent after every step; summary: progress.summary() */
  function sessionValues(summary, floor, elapsedMs, profile) {
    var values = [["cmi.location", summary.bookmark],
      ["cmi.progress_measure", String(Math.round(summary.measure * 10000) / 10000)]];
    if (summary.score != null) {
      values.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(summary.score)],
        ["cmi.score.scaled", String(summary.score / 100)]);
    }
    values.push(["cmi.completion_status", completionStatus(summary, profile)], ["cmi.success_status", successStatus(summary, floor)],
      ["cmi.exit", exitValue(summary, profile)], ["cmi.session_time", timespan(elapsedMs)]);
    return values;
  }
  /* end when */
  /* value: keys (choice, sequencing), a boolean (true-false) or [left, right] pairs (matching) */
  function response(type, value) {
    if (type === "true-false") return value ? "true" : "false";
    if (type === "matching") return value.map(function (pair) { return pair[0] + "[.]" + pair[1]; }).join("[,]");
    /* [step, answer] records, an answer a number or a [low, high] range (view-calibration.js) */
    if (type === "performance") return value.map(function (s) { return s[0] + "[.]" + (s[1].join ? s[1].join("[:]") : s[1]); }).join("[,]");
    return value.join("[,]");
  }
  /* when scorm2004 */
  /* 2004 scores may be negative: the running total against the lowest and highest any path reaches */
  function objectiveValues(index, score, ended, isNew) {
    var prefix = "cmi.objectives." + index + ".";
    var values = [[prefix + "score.min", String(score.min)], [prefix + "score.max", String(score.max)],
      [prefix + "score.raw", String(score.raw)]];
    /* completed at an ending, incomplete when created; never set back to incomplete */
    if (ended || isNew) values.push([prefix + "completion_status", ended ? "completed" : "incomplete"]);
    return values;
  }
  /* the prompt as plain text, cut to 250 characters; a leading "{" would read as a language tag,
     so one is put first */
  function description(text, language) {
    if (!text) return null;
    var cut = text.length > 250 ? text.slice(0, 249) + "…" : text;
    if (cut.charAt(0) === "{") cut = "{lang=" + language + "}" + cut;
    return cut.slice(0, 250);
  }
  function timespan(ms) { return timeFormat.timespan("scorm2004", ms); }
  /* end when */

  var scorm2004 = {
    passes: passes, response: response,
    /* when scorm2004 */
    family: "scorm2004", apiName: "API_1484_11", suspendBudget: 64000, unsetReadError: "403",
    methods: { initialize: "Initialize", terminate: "Terminate", getValue: "GetValue", setValue: "SetValue",
      commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic" },
    interactionElements: { time: "timestamp", response: "learner_response" },
    readLaunch: readLaunch, successStatus: successStatus, completionStatus: completionStatus,
    sessionValues: sessionValues, objectiveValues: objectiveValues, description: description,
    timespan: timespan,
    timestamp: function (date) { return timeFormat.timestamp("scorm2004", date); },
    result: function (result) { return result; }
    /* end when */
  };
  modules.lmsScorm2004 = scorm2004;
  if (typeof module !== "undefined") module.exports = scorm2004;
}(typeof window !== "undefined" ? window : global));
