/* scorm-builder preview: a small debug LMS. It provides the SCORM 1.2 API and the SCORM 2004 API_1484_11,
   checks every call as an LMS would, lists each call and the current CMI, and keeps the learner's data in
   localStorage so "Relaunch" resumes like a real LMS. For cmi5 the server is the LMS and the LRS
   (preview-cmi5.js): "Relaunch" is a new session of the registration, "Reset learner" a new registration. */
(function () {
  "use strict";
  var status = JSON.parse(document.getElementById("preview-status").textContent);
  var token = status.token;
  var frame = document.getElementById("sco");
  var calls = document.querySelector("#calls tbody");
  var cmiBody = document.querySelector("#cmi tbody");
  var version = status.version;
  var api = null;
  var callNo = 0;
  window.previewCalls = [];  // every call, for tests and the console

  var ERR12 = { 0: "No error", 101: "General exception", 201: "Invalid argument error", 202: "Element cannot have children",
    203: "Element not an array - cannot have count", 301: "Not initialized", 401: "Not implemented error",
    402: "Invalid set value, element is a keyword", 403: "Element is read only", 404: "Element is write only",
    405: "Incorrect data type" };
  var ERR04 = { 0: "No error", 101: "General exception", 103: "Already initialized", 104: "Content instance terminated",
    112: "Termination before initialization", 113: "Termination after termination", 122: "Retrieve data before initialization",
    123: "Retrieve data after termination", 132: "Store data before initialization", 133: "Store data after termination",
    142: "Commit before initialization", 143: "Commit after termination", 201: "General argument error",
    351: "General set failure", 401: "Undefined data model element", 403: "Data model element value not initialized",
    404: "Data model element is read only", 405: "Data model element is write only", 406: "Data model element type mismatch",
    407: "Data model element value out of range", 408: "Data model dependency not established" };

  // which elements exist, who may read or write them and which values they take: the player's own
  // table (templates/player/js/cmi-rules.js, loaded before this file), so the two never disagree
  var rules = window.scormBuilder.cmiRules;

  function storageKey(std) { return "scorm-builder-preview:" + std; }
  function stored(std) { try { return JSON.parse(localStorage.getItem(storageKey(std)) || "null"); } catch (e) { return null; } }

  function launchData(std) {
    var saved = stored(std);
    var cmi = saved ? JSON.parse(JSON.stringify(saved.cmi)) : {};
    var suspended = saved && (saved.exit === "suspend" || (std === "scorm2004" && saved.exit === "logout"));
    function def(k, v) { if (!(k in cmi)) cmi[k] = v; }
    if (std === "scorm12") {
      cmi["cmi.core._children"] = "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time";
      cmi["cmi.core.score._children"] = "raw,min,max";
      def("cmi.core.student_id", "preview-learner"); def("cmi.core.student_name", "Learner, Preview");
      def("cmi.core.lesson_location", ""); def("cmi.core.credit", "credit"); def("cmi.core.lesson_status", "not attempted");
      def("cmi.core.score.raw", ""); def("cmi.core.score.min", ""); def("cmi.core.score.max", "");
      def("cmi.core.total_time", "0000:00:00"); def("cmi.core.lesson_mode", "normal"); def("cmi.suspend_data", "");
      def("cmi.launch_data", ""); def("cmi.comments", ""); def("cmi.student_data.mastery_score", "");
      def("cmi.interactions._count", "0"); def("cmi.objectives._count", "0");
      cmi["cmi.core.entry"] = suspended ? "resume" : (saved ? "" : "ab-initio");
    } else {
      cmi["cmi._version"] = "1.0"; cmi["cmi.score._children"] = "scaled,raw,min,max";
      def("cmi.learner_id", "preview-learner"); def("cmi.learner_name", "Learner, Preview"); def("cmi.location", "");
      def("cmi.credit", "credit"); def("cmi.mode", "normal"); def("cmi.completion_status", "not attempted");
      def("cmi.success_status", "unknown"); def("cmi.suspend_data", ""); def("cmi.total_time", "PT0H0M0S");
      def("cmi.launch_data", ""); def("cmi.completion_threshold", ""); def("cmi.max_time_allowed", "");
      def("cmi.time_limit_action", "continue,no message");
      def("cmi.scaled_passing_score", status.pass_mark === null ? "" : String(status.pass_mark / 100));
      def("cmi.interactions._count", "0"); def("cmi.objectives._count", "0");
      cmi["cmi.entry"] = suspended ? "resume" : (saved ? "" : "ab-initio");
    }
    return cmi;
  }

  function makeApi(std) {
    var is12 = std === "scorm12";
    var ERR = is12 ? ERR12 : ERR04;
    var cmi = launchData(std);
    var writes = {};   // write-only values, shown in the panel and kept for the next launch
    var state = 0;     // 0 not initialized, 1 running, 2 terminated
    var last = 0;

    function log(method, el, value, result) {
      callNo += 1;
      window.previewCalls.push({ method: method, element: el, value: value, result: result, error: String(last) });
      var tr = document.createElement("tr");
      if (last !== 0) tr.className = "err";
      [callNo, method, el, value, result, last ? last + " " + ERR[last] : "0"].forEach(function (cell) {
        var td = document.createElement("td"); td.textContent = cell === undefined ? "" : String(cell); tr.appendChild(td);
      });
      calls.appendChild(tr);
      showCmi();
      return result;
    }
    function fail(code) { last = code; return is12 ? "false" : "false"; }
    function save() {
      var exit = writes[is12 ? "cmi.core.exit" : "cmi.exit"];
      var keep = {};
      Object.keys(cmi).forEach(function (k) { keep[k] = cmi[k]; });
      Object.keys(writes).forEach(function (k) { if (!/exit$|session_time$/.test(k)) keep[k] = writes[k]; });
      localStorage.setItem(storageKey(std), JSON.stringify({ cmi: keep, exit: exit === undefined ? "" : exit }));
    }
    function arrayInfo(el) {
      var m = /^(cmi\.(?:interactions|objectives))\.(\d+)\.(.*)$/.exec(el);
      if (!m) return null;
      var sub = /^(correct_responses|objectives)\.(\d+)\./.exec(m[3]);
      return { base: m[1], n: +m[2], sub: sub ? m[1] + "." + m[2] + "." + sub[1] : null, m: sub ? +sub[2] : 0 };
    }
    function get(el) {
      if (state === 0) { last = is12 ? 301 : 122; return ""; }
      if (state === 2) { last = is12 ? 101 : 123; return ""; }
      var access = rules.access(std, el);
      if (!access) { last = is12 ? 401 : 401; return ""; }
      if (access === "w") { last = is12 ? 404 : 405; return ""; }
      if (!(el in cmi)) {
        if (/_count$/.test(el)) { return "0"; }
        last = is12 ? 0 : 403; return "";
      }
      last = 0; return cmi[el];
    }
    function set(el, value) {
      value = String(value);
      if (state === 0) return fail(is12 ? 301 : 132);
      if (state === 2) return fail(is12 ? 101 : 133);
      var access = rules.access(std, el);
      if (!access) return fail(is12 ? (/_(children|count)$/.test(el) ? 402 : 401) : 401);
      if (access === "r") return fail(is12 ? 403 : 404);
      var arr = arrayInfo(el);
      if (arr) {
        var count = +(cmi[arr.base + "._count"] || 0);
        if (arr.n > count) return fail(is12 ? 201 : 351);
        if (!is12 && arr.n === count && !/\.id$/.test(el)) return fail(408);
        if (!is12 && arr.base === "cmi.interactions" && !/\.(id|type)$/.test(el) && /(correct_responses|learner_response)/.test(el) &&
            !cmi[arr.base + "." + arr.n + ".type"]) return fail(408);
        if (arr.sub) {
          var subCount = +(cmi[arr.sub + "._count"] || 0);
          if (arr.m > subCount) return fail(is12 ? 201 : 351);
        }
      }
      var verdict = rules.check(std, el, value);
      if (verdict === "range") return fail(is12 ? 405 : 407);
      if (verdict !== "ok") return fail(is12 ? 405 : 406);
      if (arr) {
        if (arr.n === +(cmi[arr.base + "._count"] || 0)) cmi[arr.base + "._count"] = String(arr.n + 1);
        if (arr.sub && arr.m === +(cmi[arr.sub + "._count"] || 0)) cmi[arr.sub + "._count"] = String(arr.m + 1);
      }
      if (access === "w") writes[el] = value; else cmi[el] = value;
      last = 0; return "true";
    }
    function init(arg) {
      if (arg !== "") return fail(201);
      if (state === 1) return fail(is12 ? 101 : 103);
      if (state === 2) return fail(is12 ? 101 : 104);
      state = 1; last = 0; return "true";
    }
    function commit(arg) {
      if (arg !== "") return fail(201);
      if (state === 0) return fail(is12 ? 301 : 142);
      if (state === 2) return fail(is12 ? 101 : 143);
      save(); last = 0; return "true";
    }
    function finish(arg) {
      if (arg !== "") return fail(201);
      if (state === 0) return fail(is12 ? 301 : 112);
      if (state === 2) return fail(is12 ? 101 : 113);
      save(); state = 2; last = 0; return "true";
    }
    function wrap(name, fn, hasEl) {
      return function (a, b) { last = 0; var r = fn(a, b); return log(name, hasEl ? a : "", hasEl ? b : (a || ""), r); };
    }
    var names = is12 ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
      : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"];
    var obj = { cmi: cmi, writes: writes };
    obj[names[0]] = wrap(names[0], init);
    obj[names[1]] = wrap(names[1], finish);
    obj[names[2]] = wrap(names[2], get, true);
    obj[names[3]] = wrap(names[3], set, true);
    obj[names[4]] = wrap(names[4], commit);
    obj[names[5]] = function () { return String(last); };
    obj[names[6]] = function (code) { return ERR[+code] || ""; };
    obj[names[7]] = function (code) { return ERR[+(code || last)] || ""; };
    return obj;
  }

  function showCmi() {
    if (!api) return;
    var all = {};
    Object.keys(api.cmi).forEach(function (k) { all[k] = api.cmi[k]; });
    Object.keys(api.writes).forEach(function (k) { all[k] = api.writes[k]; });
    cmiBody.textContent = "";
    Object.keys(all).sort().forEach(function (k) {
      var tr = document.createElement("tr");
      [k, all[k]].forEach(function (c) { var td = document.createElement("td"); td.textContent = c; tr.appendChild(td); });
      cmiBody.appendChild(tr);
    });
  }

  function launch(fresh) {
    var cmi5 = status.standard === "cmi5";
    var std = status.standard === "scorm12" ? "scorm12" : "scorm2004";
    try { delete window.API; delete window.API_1484_11; } catch (e) { /* ignore */ }
    document.getElementById("scorm-panel").hidden = cmi5;
    window.previewCmi5.panel.hidden = !cmi5;
    api = cmi5 ? null : makeApi(std);
    if (!cmi5) { if (std === "scorm12") window.API = api; else window.API_1484_11 = api; }
    window.previewApi = api;
    showCmi();
    var err = document.getElementById("build-error");
    if (status.error) {
      document.getElementById("build-error-text").textContent = status.error;
      err.hidden = false;
      frame.removeAttribute("src");
    } else if (cmi5) {
      err.hidden = true;
      window.previewCmi5.launch(status, token, frame, fresh === true);
    } else {
      err.hidden = true;
      frame.src = "/pkg/index.html?v=" + status.version;
    }
    document.getElementById("course-title").textContent = status.title || "";
    document.getElementById("build-state").textContent = status.error ? "Build failed" : "Build " + status.version;
  }

  function refresh() {
    fetch("/api/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== version) { version = s.version; status = s; launch(); }
    }).catch(function () { /* server stopped */ });
  }

  document.getElementById("relaunch").addEventListener("click", function () { launch(false); });
  document.getElementById("reset").addEventListener("click", function () {
    if (status.standard === "cmi5") { launch(true); return; }
    localStorage.removeItem(storageKey(status.standard === "scorm12" ? "scorm12" : "scorm2004"));
    calls.textContent = "";
    callNo = 0;
    window.previewCalls.length = 0;
    launch();
  });
  document.getElementById("standard").addEventListener("change", function (e) {
    /* the server takes a change only with this run's token, which only a page it served can read */
    fetch("/api/standard?standard=" + encodeURIComponent(e.target.value),
          { method: "POST", headers: { "X-Preview-Token": token } })
      .then(function (r) { return r.json(); }).then(function (s) { status = s; version = s.version; calls.textContent = ""; launch(); });
  });
  setInterval(refresh, 1000);
  launch();
}());
