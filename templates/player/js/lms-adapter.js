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
     depends on it. item: {id, attempt, type, started, weight, description, patterns, response, result} */
  function interactionValues(family, index, item, now, latencyMs, language) {
    var prefix = "cmi.interactions." + index + ".", names = family.interactionElements;
    var values = [[prefix + "id", item.id + attemptSuffix(item.attempt)], [prefix + "type", item.type],
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

  /* family: modules.lmsScorm12 or modules.lmsScorm2004; options: {language} */
  function create(family, options) {
    var connection = modules.lmsConnection.create({ family: family.family, apiName: family.apiName,
      methods: family.methods, unsetReadError: family.unsetReadError });
    var interactionCount = 0, objectiveIndex = {}, objectiveCount = 0, objectivesSupported = false;
    function isOpen() { return connection.connected() && !connection.ended(); }

    /* null without an LMS; otherwise {floor, suspendData, pass} (the family's readLaunch) */
    function initialize(hasAssessment, coursePass) {
      if (!connection.open()) return null;
      var launch = family.readLaunch(connection.get, hasAssessment, coursePass);
      /* appended after what the LMS holds, so earlier sessions' records stay */
      interactionCount = parseInt(connection.get("cmi.interactions._count"), 10) || 0;
      var objectives = connection.read("cmi.objectives._count");
      objectivesSupported = objectives.ok;
      objectiveCount = parseInt(objectives.value, 10) || 0;
      for (var i = 0; i < objectiveCount; i++) objectiveIndex[connection.get("cmi.objectives." + i + ".id")] = i;
      return launch;
    }
    function report(summary, floor, elapsedMs) {
      family.sessionValues(summary, floor, elapsedMs).forEach(function (pair) { connection.set(pair[0], pair[1]); });
    }
    function addInteraction(item) {
      if (!isOpen()) return;
      var values = interactionValues(family, interactionCount, item, new Date(), Date.now() - item.started, options.language);
      /* an id the LMS refused means no record: the index is not used up */
      if (!connection.set(values[0][0], values[0][1], true)) return;
      interactionCount++;
      for (var i = 1; i < values.length; i++) connection.set(values[i][0], values[i][1], true);
    }
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
      family: family.family, suspendBudget: family.suspendBudget, log: connection.log,
      initialize: initialize, report: report, addInteraction: addInteraction, updateObjective: updateObjective,
      saveSuspendData: function (text) { return connection.set("cmi.suspend_data", text); },
      passes: function (percent, pass) { return family.passes(percent, pass); },
      commit: connection.commit, terminate: connection.finish, connected: connection.connected,
      ended: connection.ended, onSaveResult: connection.onSaveResult
    };
  }

  var lmsAdapter = { create: create, interactionValues: interactionValues, attemptSuffix: attemptSuffix };
  modules.lmsAdapter = lmsAdapter;
  if (typeof module !== "undefined") module.exports = lmsAdapter;
}(typeof window !== "undefined" ? window : global));
