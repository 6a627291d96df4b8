/* The connection to the LMS's API: discovery, calls, saving with retries. It knows the method
   names (from the adapter), not what values mean. Every call is logged (window.scormPlayer.log);
   a failed one is explained in the console with the LMS's own error string. A refused SetValue
   counts like a refused Commit: the value is sent again with the next save, and the learner is
   told once the retries failed too. Read-only (review, browse): no SetValue and no Commit at all. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var cmiRules = typeof module !== "undefined" ? require("./cmi-rules.js") : modules.cmiRules;

  /* the API on this window or a parent; a cross-origin frame on the way is skipped, not fatal */
  function apiIn(win, apiName, initialize) {
    var hops = 0;
    while (win && hops <= 500) {
      try { var api = win[apiName]; if (api && typeof api[initialize] === "function") return api; } catch (e) { /* cross-origin */ }
      var parent = null;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) break;
      win = parent; hops++;
    }
    return null;
  }
  /* the SCO's frames first, then the window that opened a popup launch, and its frames */
  function findApi(apiName, initialize) {
    var api = apiIn(window, apiName, initialize);
    if (!api) { try { if (window.opener) api = apiIn(window.opener, apiName, initialize); } catch (e) { api = null; } }
    return api;
  }

  function explain(connection, name, args, result, code) {
    var api = connection.api, methods = connection.methods, text = "", diagnostic = "";
    try { text = String(api[methods.errorString](code)); diagnostic = String(api[methods.diagnostic](code)); } catch (e) { /* ignore */ }
    console.warn("[scorm] " + name + "(" + args.map(JSON.stringify).join(", ") + ") returned " + JSON.stringify(result) +
      "; error " + code + " " + text + (diagnostic && diagnostic !== text ? " (" + diagnostic + ")" : ""));
  }
  /* kind: a key of `methods`; the result is {ok, value} */
  function call(connection, kind, args) {
    var api = connection.api, methods = connection.methods, name = methods[kind], result = "false", code = "0";
    try { result = String(api[name].apply(api, args)); } catch (e) { result = "false"; code = "exception: " + e.message; }
    if (code === "0") { try { code = String(api[methods.lastError]() || 0); } catch (e) { code = "0"; } }
    var ok = code === "0" && (kind === "getValue" || result === "true");
    /* GetValue of an element the LMS never set answers 403 in SCORM 2004: allowed by the CTS, read as "" */
    if (kind === "getValue" && code === connection.unsetReadError) { ok = true; result = ""; }
    connection.log.push({ method: name, args: args.slice(), result: result, error: code, ok: ok });
    if (!ok) explain(connection, name, args, result, code);
    return { ok: ok, value: result };
  }
  function open(connection) {
    connection.api = findApi(connection.apiName, connection.methods.initialize);
    if (connection.api) {
      connection.live = call(connection, "initialize", [""]).ok;
      if (!connection.live) connection.api = null;
    }
    return connection.live;
  }
  function hasOwn(record, key) { return Object.prototype.hasOwnProperty.call(record, key); }
  /* one SetValue, checked first; a refusal is remembered: the value is sent again with the next
     save, except an interaction's or a new objective's (`always`), whose index isn't used up */
  function send(connection, element, value, always) {
    var ok = cmiRules.canSend(connection.family, element, value);
    if (!ok) console.warn("[scorm] not sent: invalid value for " + element + ": " + JSON.stringify(value));
    else ok = call(connection, "setValue", [element, value]).ok;
    if (ok) { connection.sent[element] = value; delete connection.refused[element]; return true; }
    connection.refusedNow = true;
    if (!always) { connection.refused[element] = value; connection.refusedThisRound[element] = true; }
    return false;
  }
  /* a value the LMS already has is not sent again, unless `always` (interactions, whose elements
     are new each time); a value the LMS would refuse is not sent at all */
  function set(connection, element, value, always) {
    value = String(value);
    if (!connection.live || connection.terminated || connection.readOnly) return false;
    if (!always && connection.sent[element] === value && !hasOwn(connection.refused, element)) return true;
    return send(connection, element, value, always);
  }
  /* one save: the values refused before this round sent again, then Commit; true when every value
     since the last save reached the LMS and the commit succeeded */
  function saveRound(connection) {
    connection.beforeSave();
    Object.keys(connection.refused).forEach(function (element) {
      if (!connection.refusedThisRound[element]) send(connection, element, connection.refused[element], false);
    });
    var allSet = !connection.refusedNow && Object.keys(connection.refused).length === 0;
    connection.refusedNow = false; connection.refusedThisRound = {};
    return call(connection, "commit", [""]).ok && allSet;
  }
  /* a failed save is retried twice, after 0.8 s and 3.2 s, before the learner is told */
  function commit(connection) {
    if (!connection.live || connection.terminated || connection.readOnly) return;
    clearTimeout(connection.retryTimer);
    if (saveRound(connection)) { connection.retries = 0; connection.onSaveResult(false); return; }
    if (connection.retries < 2) {
      connection.retries++;
      connection.retryTimer = setTimeout(function () { commit(connection); }, 800 * connection.retries * connection.retries);
    } else { connection.retries = 0; connection.onSaveResult(true); }
  }
  /* the values refused earlier sent again, without a Commit: for an LMS that refuses a Commit right
     before Terminate (Cornerstone: error 391) and commits inside Terminate; true when all were set */
  function resendRound(connection) {
    connection.refusedNow = false; /* what was refused before is in `refused`, sent now */
    connection.beforeSave(); connection.beforeSave(); /* the second: interactions refused since the last save */
    Object.keys(connection.refused).forEach(function (element) { send(connection, element, connection.refused[element], false); });
    var allSet = !connection.refusedNow && Object.keys(connection.refused).length === 0;
    connection.refusedNow = false; connection.refusedThisRound = {};
    return allSet;
  }
  /* final (Exit, Finish): one more save, and a second if it failed, since nothing retries later;
     at pagehide no commit, as Terminate commits and browsers block more during unload. With the
     LMS profile's commitBeforeTerminate false, no Commit at all: Terminate commits. True when the
     LMS confirmed the save: every value set, the commit and Terminate accepted */
  function finish(connection, final) {
    var saved = false;
    if (connection.live) {
      clearTimeout(connection.retryTimer);
      if (final && !connection.readOnly && connection.commitBeforeTerminate === false) saved = resendRound(connection);
      else if (final && !connection.readOnly) saved = saveRound(connection) || saveRound(connection);
      connection.terminated = true;
      saved = call(connection, "terminate", [""]).ok && saved;
    } else connection.terminated = true;
    return saved;
  }

  /* options: family, apiName, methods, unsetReadError (see lms-scorm12.js and lms-scorm2004.js),
     commitBeforeTerminate (the LMS profile's; absent: true) */
  function create(options) {
    var connection = { family: options.family, apiName: options.apiName, methods: options.methods,
      commitBeforeTerminate: options.commitBeforeTerminate !== false,
      unsetReadError: options.unsetReadError, api: null, live: false, terminated: false, readOnly: false, log: [],
      sent: {}, refused: {}, refusedThisRound: {}, refusedNow: false, retryTimer: null, retries: 0,
      onSaveResult: function () {}, beforeSave: function () {} };
    function read(element) { return call(connection, "getValue", [element]); }
    return {
      log: connection.log, read: read,
      get: function (element) { var r = read(element); return r.ok ? r.value : ""; },
      open: function () { return open(connection); },
      set: function (element, value, always) { return set(connection, element, value, always); },
      commit: function () { commit(connection); },
      finish: function (final) { return finish(connection, final); },
      /* review and browse modes: from now on nothing is written */
      readOnly: function () { connection.readOnly = true; },
      connected: function () { return connection.live; },
      ended: function () { return connection.terminated; },
      /* fn(failed): true when a save failed for good, false when one succeeded */
      onSaveResult: function (fn) { connection.onSaveResult = fn; },
      /* fn(): called at the start of every save, to send again what the LMS refused (lms-adapter.js) */
      beforeSave: function (fn) { connection.beforeSave = fn; }
    };
  }

  var lmsConnection = { create: create };
  modules.lmsConnection = lmsConnection;
  if (typeof module !== "undefined") module.exports = lmsConnection;
}(typeof window !== "undefined" ? window : global));
