// The test LMS: a scorm-again run-time on window.API / window.API_1484_11, every call the
// package makes recorded in window.lms.calls, the package launched in an iframe, two iframes
// deep (the middle frame from the same or another origin), or in a popup window.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("launch").textContent);
  var Runtime = window[config.runtime];
  var messages = [];
  var api = new Runtime({
    lmsCommitUrl: config.commitUrl,
    autocommit: false,
    useAsynchronousCommits: false,
    sendFullCommit: true,
    dataCommitFormat: "json",
    terminateCommitParam: "terminate",
    includeCommitSequence: true,
    logLevel: "WARN",
    strict_errors: true,
    onLogMessage: function (level, message) { messages.push({ level: String(level), message: String(message) }); },
  });
  if (config.preload) {
    api.loadFromJSON(config.preload, "");
  }

  var methods = config.standard === "scorm12"
    ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
       "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
       "GetLastError", "GetErrorString", "GetDiagnostic"];
  var calls = [];
  methods.forEach(function (name) {
    var original = api[name];
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(String);
      var result = original.apply(api, arguments);
      calls.push({ method: name, args: args, result: String(result), error: String(api.lastErrorCode) });
      return result;
    };
  });
  window[config.apiName] = api;

  window.lms = {
    config: config,
    api: api,
    calls: calls,
    messages: messages,
    // What the LMS holds now, as nested JSON (the same shape scorm-again commits).
    cmi: function () { return JSON.parse(JSON.stringify(api.renderCMIToJSONObject())); },
    flat: function () { return api.getFlattenedCMI(); },
    errors: function () {
      return calls.filter(function (c) { return c.error !== "0" && !/GetLastError|GetErrorString|GetDiagnostic/.test(c.method); });
    },
    popup: null,
  };

  function start() {
    var main = document.getElementById("lms");
    if (config.mode === "popup") {
      var button = document.getElementById("launch-course");
      button.hidden = false;
      button.addEventListener("click", function () {
        window.lms.popup = window.open(config.packageUrl, "course", "width=1024,height=768");
      });
      return;
    }
    var frame = document.createElement("iframe");
    frame.title = "Course";
    frame.name = "lms-content";
    var middle = config.mode === "nested-cross-origin" ? config.otherOrigin : "";
    frame.src = config.mode.indexOf("nested") === 0
      ? middle + "/lms/frame.html?src=" + encodeURIComponent(config.packageUrl)
      : config.packageUrl;
    main.appendChild(frame);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
