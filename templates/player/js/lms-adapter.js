/* The one LMS interface of the player, whatever the standard: initialize, report, save the
   suspend data, add an interaction, update an objective, commit, terminate. What differs between
   1.2 and 2004 comes from the family adapter (lms-scorm12.js, lms-scorm2004.js: pure mappings);
   this module keeps the indexes the LMS numbers its records by. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* an id repeated by Try again, Replay or a new attempt: scn_x, scn_x_a2, scn_x_a3... */
  function attemptSuffix(n) { return n >= 2 ? "_a" + n : ""; }

  /* an interaction's elements in the order of docs/player.md section 4, id first as the rest
     depends on it. item: {id, attempt, type, started, weight, description, patterns, response, result};
     grouped (the LMS profile's interactionIds): the same id on every attempt */
  function interactionValues(family, index, item, now, latencyMs, language, grouped) {
    var prefix = "cmi.interactions." + index + ".", names = family.interactionElements;
    var values = [[prefix + "id", item.id + (grouped ? "" : attemptSuffix(item.attempt))], [prefix + "type", item.type],
      [prefix + names.time, family.timestamp(now)]];
    item.patterns.forEach(function (pattern, k) {
      values.push([prefix + "correct_responses." + k + ".pattern", family.response(item.type, pattern)]);
    });
    values.push([prefix + "weighting", String(item.weight)], [prefix + names.response, family.response(item.type, item.response)],
      [prefix + "result", family.result(item.result)], [prefix + "latency", family.timespan(latencyMs)]);
    var description = family.description(item.description, language);
    if (description != null) values.push([prefix + "description", description]);
    return values;
  }

  /* the interactions the LMS numbers, appended at its count. One whose id the LMS refused has no
     record (its index is not used up) and waits, in order, to be sent again before each save
     (fresh: refused in this round, so not tried twice at once). grouped: one record per id, written
     over at its index (journal.at: id -> index) */
  function interactionJournal(family, connection, language, grouped) {
    var journal = { count: 0, at: {} }, waiting = [];
    function send(entry) {
      var known = grouped ? journal.at["#" + entry.item.id] : null, index = known != null ? known : journal.count;
      var values = interactionValues(family, index, entry.item, entry.at, entry.latency, language, grouped);
      if (!connection.set(values[0][0], values[0][1], true)) return false;
      if (known == null) { journal.at["#" + entry.item.id] = index; journal.count++; }
      for (var i = 1; i < values.length; i++) connection.set(values[i][0], values[i][1], true);
      return true;
    }
    journal.add = function (item) {
      var entry = { item: item, at: new Date(), latency: Date.now() - item.started, fresh: true };
      if (waiting.length || !send(entry)) waiting.push(entry);
    };
    /* the ones refused earlier, in their order, until one is refused again */
    journal.sendWaiting = function () {
      while (waiting.length && !waiting[0].fresh && send(waiting[0])) waiting.shift();
      waiting.forEach(function (entry) { entry.fresh = false; });
    };
    connection.beforeSave(journal.sendWaiting);
    return journal;
  }

  /* the LMS profile the package was built for (docs/lms-profiles.md): options.lms, else the
     player data's top-level "lms" object, else the generic profile's behaviour */
  var GENERIC = { name: "generic", finalFailure: "failed", commitBeforeTerminate: true }; /* and, absent: the
     family's suspendBudget, interactionIds "unique", entryTrusted true, exitOnCompletion "normal" */
  function lmsProfile(options) {
    var profile = options.lms;
    if (!profile && typeof document !== "undefined") {
      try { profile = JSON.parse(document.getElementById("course-data").textContent).lms; } catch (e) { profile = null; }
    }
    return Object.assign({}, GENERIC, profile || {});
  }

  /* family: modules.lmsScorm12 or modules.lmsScorm2004; options: {language, lms} */
  function create(family, options) {
    var profile = lmsProfile(options);
    var connection = modules.lmsConnection.create({ family: family.family, apiName: family.apiName,
      methods: family.methods, unsetReadError: family.unsetReadError,
      commitBeforeTerminate: profile.commitBeforeTerminate });
    var grouped = profile.interactionIds === "grouped";
    var journal = interactionJournal(family, connection, options.language, grouped);
    var objectiveIndex = {}, objectiveCount = 0, objectivesSupported = false, readOnly = false;
    var learnerId = ""; /* learner-experience hook: seeds the answer order (random.js answerOrder) */
    var learnerName = ""; /* as the LMS gives it, for the certificate only (view-certificate.js); never stored */
    function isOpen() { return connection.connected() && !connection.ended() && !readOnly; }

    /* null without an LMS; otherwise the family's readLaunch: {mode, readOnly, floor, suspendData,
       location, pass, record}. In review and browse modes the connection writes nothing from here on */
    function initialize(hasAssessment, coursePass) {
      if (!connection.open()) return null;
      var launch = family.readLaunch(connection.get, hasAssessment, coursePass, profile);
      if (launch.readOnly) { readOnly = true; connection.readOnly(); }
      learnerId = connection.get(family.family === "scorm12" ? "cmi.core.student_id" : "cmi.learner_id"); /* the hook above */
      /* when certificate */
      learnerName = connection.get(family.family === "scorm12" ? "cmi.core.student_name" : "cmi.learner_name"); /* certificate */
      /* end when */
      /* appended after what the LMS holds, so earlier sessions' records stay */
      journal.count = parseInt(connection.get("cmi.interactions._count"), 10) || 0;
      /* grouped: the records of earlier sessions by id, where the LMS lets them be read (2004; 1.2's are write-only) */
      /* when scorm2004 */
      for (var k = 0; grouped && family.family === "scorm2004" && k < journal.count; k++) {
        journal.at["#" + connection.get("cmi.interactions." + k + ".id")] = k;
      }
      /* end when */
      var objectives = connection.read("cmi.objectives._count");
      objectivesSupported = objectives.ok;
      objectiveCount = parseInt(objectives.value, 10) || 0;
      for (var i = 0; i < objectiveCount; i++) objectiveIndex[connection.get("cmi.objectives." + i + ".id")] = i;
      return launch;
    }
    function report(summary, floor, elapsedMs) {
      family.sessionValues(summary, floor, elapsedMs, profile).forEach(function (pair) { connection.set(pair[0], pair[1]); });
    }
    function addInteraction(item) { if (isOpen()) journal.add(item); }
    /* score: {raw, min, max} of a dialogue's named score; ended: the dialogue reached an ending */
    function updateObjective(id, score, ended) {
      if (!isOpen() || !objectivesSupported) return;
      var index = objectiveIndex[id], isNew = index == null;
      if (isNew) {
        index = objectiveCount;
        if (!connection.set("cmi.objectives." + index + ".id", id, true)) return;
        objectiveIndex[id] = index; objectiveCount++;
      }
      family.objectiveValues(index, score, ended, isNew).forEach(function (pair) { connection.set(pair[0], pair[1]); });
    }

    return {
      family: family.family, suspendBudget: profile.suspendBudget || family.suspendBudget, log: connection.log, profile: profile,
      initialize: initialize, report: report, addInteraction: addInteraction, updateObjective: updateObjective,
      saveSuspendData: function (text) { return connection.set("cmi.suspend_data", text); },
      passes: function (percent, pass) { return family.passes(percent, pass); },
      /* terminate(final): true when the LMS confirmed the last save (lms-connection.js, finish) */
      commit: connection.commit, terminate: connection.finish, connected: connection.connected,
      ended: connection.ended, onSaveResult: connection.onSaveResult,
      learnerId: function () { return learnerId; }, /* the hook above; "" without an LMS */
      learnerName: function () { return learnerName; }
    };
  }

  var lmsAdapter = { create: create, interactionValues: interactionValues, attemptSuffix: attemptSuffix,
    lmsProfile: lmsProfile };
  modules.lmsAdapter = lmsAdapter;
  if (typeof module !== "undefined") module.exports = lmsAdapter;
}(typeof window !== "undefined" ? window : global));
