/* The SCORM 1.2 adapter: the API's names and the player's values in the 1.2 data model
   (docs/player.md, sections 3 to 5). Pure; lms-adapter.js makes the calls. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var timeFormat = typeof module !== "undefined" ? require("./time-format.js") : modules.timeFormat;

  /* the order a status may only move up in: a learner's record never goes back */
  var RANK = { incomplete: 0, completed: 1, failed: 2, passed: 3 };

  /* a number the LMS holds, or null */
  function number(text) { return /^-?\d+(\.\d+)?$/.test(text) ? parseFloat(text) : null; }
  /* at launch: the mode (normal, browse, review), the status and score floor, the saved state and
     bookmark, a mastery score over the course's pass mark, and the result held (record: {status,
     score}, status one of passed, failed, completed, incomplete or ""). cmi.core.entry is never
     read, whatever the profile's entryTrusted: the saved state decides (chamilo-lms #2988) */
  function readLaunch(get, hasAssessment, coursePass) {
    var mode = get("cmi.core.lesson_mode"), status = get("cmi.core.lesson_status");
    var suspendData = get("cmi.suspend_data"), location = get("cmi.core.lesson_location");
    var pass = { mark: coursePass.mark, scaled: coursePass.scaled }, score = null;
    if (hasAssessment) {
      var mastery = number(get("cmi.student_data.mastery_score"));
      if (mastery != null) pass.mark = mastery;
      score = number(get("cmi.core.score.raw"));
    }
    return {
      mode: mode, readOnly: mode === "review" || mode === "browse",
      floor: { lessonStatus: status, completion: status === "passed" || status === "completed" ? "completed" : "",
        success: status === "passed" || status === "failed" ? status : "", score: score },
      suspendData: suspendData, location: location, pass: pass,
      record: { status: RANK[status] != null ? status : "", score: score }
    };
  }
  /* the comparison the LMS makes: raw >= mastery_score */
  function passes(percent, pass) { return percent >= pass.mark; }

  /* profile: the LMS profile (lms-adapter.js); its finalFailure "incomplete" never sends failed */
  function lessonStatus(summary, floor, profile) {
    var status, failed = profile && profile.finalFailure === "incomplete" ? "incomplete" : "failed";
    if (!summary.hasAssessment) status = summary.complete ? "completed" : "incomplete";
    else if (summary.passed && summary.complete) status = "passed";
    else if (summary.failedFinal) status = failed;
    else status = summary.complete ? "completed" : "incomplete";
    return (RANK[floor.lessonStatus] || 0) > RANK[status] ? floor.lessonStatus : status;
  }
  /* [element, value] pairs sent after every step; summary: progress.summary() */
  function sessionValues(summary, floor, elapsedMs, profile) {
    var values = [["cmi.core.lesson_location", summary.bookmark]];
    if (summary.score != null) {
      values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(summary.score)]);
    }
    /* "" (a normal exit) once nothing is left to do, also after the last failed attempt; suspend for a
       complete course when the profile's exitOnCompletion keeps its run-time data */
    var keep = summary.complete && profile && profile.exitOnCompletion === "suspend";
    values.push(["cmi.core.lesson_status", lessonStatus(summary, floor, profile)], ["cmi.core.exit", summary.ended && !keep ? "" : "suspend"],
      ["cmi.core.session_time", timespan(elapsedMs)]);
    return values;
  }
  /* value: keys (choice, sequencing), a boolean (true-false) or [left, right] pairs (matching) */
  function response(type, value) {
    if (type === "true-false") return value ? "t" : "f";
    if (type === "matching") return value.map(function (pair) { return pair[0] + "." + pair[1]; }).join(",");
    /* [step, answer] records, an answer a number or a [low, high] range (view-calibration.js) */
    if (type === "performance") return value.map(function (s) { return s[0] + "." + (s[1].join ? s[1].join(":") : s[1]); }).join(",");
    return value.join(",");
  }
  function objectiveValues(index, score, ended, isNew) {
    var prefix = "cmi.objectives." + index + ".";
    /* 1.2 scores must lie in 0..100: the total is rescaled over the score's possible range */
    var raw = score.max > score.min ? Math.round((score.raw - score.min) / (score.max - score.min) * 100) : 100;
    var values = [[prefix + "score.min", "0"], [prefix + "score.max", "100"], [prefix + "score.raw", String(raw)]];
    /* completed at an ending, incomplete when created; never set back to incomplete */
    if (ended || isNew) values.push([prefix + "status", ended ? "completed" : "incomplete"]);
    return values;
  }
  function timespan(ms) { return timeFormat.timespan("scorm12", ms); }

  var scorm12 = {
    family: "scorm12", apiName: "API", suspendBudget: 4096, unsetReadError: null,
    methods: { initialize: "LMSInitialize", terminate: "LMSFinish", getValue: "LMSGetValue", setValue: "LMSSetValue",
      commit: "LMSCommit", lastError: "LMSGetLastError", errorString: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic" },
    interactionElements: { time: "time", response: "student_response" },
    readLaunch: readLaunch, passes: passes, lessonStatus: lessonStatus, sessionValues: sessionValues,
    response: response, objectiveValues: objectiveValues, timespan: timespan,
    timestamp: function (date) { return timeFormat.timestamp("scorm12", date); },
    result: function (result) { return result === "incorrect" ? "wrong" : result; },
    /* 1.2 interactions have no description */
    description: function () { return null; }
  };
  modules.lmsScorm12 = scorm12;
  if (typeof module !== "undefined") module.exports = scorm12;
}(typeof window !== "undefined" ? window : global));
