/* The CMI data model of SCORM 1.2 and 2004 as data: each element's access (r, w, rw) and the
   values it accepts. One table for the player, which checks a value before sending it, and for the
   preview's debug LMS (templates/preview/preview.js), which answers by it; the preview loads this
   file alone, so it depends on nothing. Families: "scorm12", "scorm2004"; "n" is an index. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* when scorm12 scorm2004 */
  /* (a cmi5 package takes only likert, for view-confidence.js; a SCORM package, the rules and the table
     of its own family: render/player_js.py, for_features) */
  /* verdicts of check(): the preview turns "type" and "range" into the standard's error codes */
  var OK = "ok", TYPE = "type", RANGE = "range";
  var DECIMAL = /^-?\d+(\.\d+)?$/;
  var TIMESPAN_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  var DURATION_2004 = /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?)?$/;
  /* 1.2 CMIIdentifier as LMSes accept it everywhere; 2004 URI-safe ids. Both are also what
     `scorm-builder check` requires of a package's ids (docs/check.md, interaction-id). */
  var IDENTIFIER_12 = /^[A-Za-z0-9_-]{1,255}$/, IDENTIFIER_2004 = /^[A-Za-z0-9_.:-]{1,4000}$/;
  var LESSON_STATUS = ["passed", "completed", "failed", "incomplete", "browsed"];
  var COMPLETION = ["completed", "incomplete", "not attempted", "unknown"], SUCCESS = ["passed", "failed", "unknown"];
  var TYPES_2004 = ["true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
    "likert", "numeric", "other"];

  function oneOf(words) { return function (v) { return words.indexOf(v) >= 0 ? OK : TYPE; }; }
  function matches(format) { return function (v) { return format.test(v) ? OK : TYPE; }; }
  function upTo(length) { return function (v) { return v.length <= length ? OK : TYPE; }; }
  function decimal(v) { return DECIMAL.test(v) ? OK : TYPE; }
  function between(low, high) {
    return function (v) { return !DECIMAL.test(v) ? TYPE : +v >= low && +v <= high ? OK : RANGE; };
  }
  function resultOf(words) { return function (v) { return words.indexOf(v) >= 0 || DECIMAL.test(v) ? OK : TYPE; }; }
  function anyText() { return OK; }
  /* a 2004 session time must say something after P or T ("PT" alone is refused) */
  function sessionTime2004(v) { return DURATION_2004.test(v) && !/[PT]$/.test(v) ? OK : TYPE; }

  /* {prefix: {name: rule}} -> {prefix + name: rule}; a rule is [access, value check] */
  function table(groups) {
    var out = {};
    Object.keys(groups).forEach(function (prefix) {
      Object.keys(groups[prefix]).forEach(function (name) { out[prefix + name] = groups[prefix][name]; });
    });
    return out;
  }
  var RANGE_100 = ["rw", between(0, 100)], DECIMAL_RW = ["rw", decimal];
  /* end when */
  var ELEMENTS = {
    /* when scorm12 */
    scorm12: table({
      "cmi.core.": { lesson_location: ["rw", upTo(255)], lesson_status: ["rw", oneOf(LESSON_STATUS)],
        "score.raw": RANGE_100, "score.min": RANGE_100, "score.max": RANGE_100,
        exit: ["w", oneOf(["time-out", "suspend", "logout", ""])], session_time: ["w", matches(TIMESPAN_12)] },
      "cmi.": { suspend_data: ["rw", upTo(4096)], comments: ["rw", upTo(4096)] },
      "cmi.interactions.n.": { id: ["w", matches(IDENTIFIER_12)],
        type: ["w", oneOf(["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"])],
        time: ["w", matches(/^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/)], weighting: ["w", decimal], student_response: ["w", upTo(255)],
        result: ["w", resultOf(["correct", "wrong", "unanticipated", "neutral"])], latency: ["w", matches(TIMESPAN_12)],
        "correct_responses.n.pattern": ["w", upTo(255)], "objectives.n.id": ["w", anyText] },
      /* scores 0..100 like the course score: Moodle and scorm-again refuse others */
      "cmi.objectives.n.": { id: ["rw", matches(IDENTIFIER_12)], "score.raw": RANGE_100, "score.min": RANGE_100,
        "score.max": RANGE_100, status: ["rw", oneOf(LESSON_STATUS.concat(["not attempted"]))] }
    }),
    /* end when */
    /* when scorm2004 */
    scorm2004: table({
      "cmi.": { location: ["rw", upTo(1000)], completion_status: ["rw", oneOf(COMPLETION)],
        success_status: ["rw", oneOf(SUCCESS)], "score.scaled": ["rw", between(-1, 1)], "score.raw": DECIMAL_RW,
        "score.min": DECIMAL_RW, "score.max": DECIMAL_RW, progress_measure: ["rw", between(0, 1)],
        session_time: ["w", sessionTime2004], exit: ["w", oneOf(["time-out", "suspend", "logout", "normal", ""])],
        suspend_data: ["rw", upTo(64000)] },
      "cmi.interactions.n.": { id: ["rw", matches(IDENTIFIER_2004)], type: ["rw", oneOf(TYPES_2004)],
        timestamp: ["rw", matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}:\d{2})?$/)],
        weighting: DECIMAL_RW, learner_response: ["rw", upTo(4000)],
        result: ["rw", resultOf(["correct", "incorrect", "unanticipated", "neutral"])], latency: ["rw", matches(DURATION_2004)],
        description: ["rw", upTo(250)], "correct_responses.n.pattern": ["rw", upTo(4000)],
        "objectives.n.id": ["rw", anyText] },
      "cmi.objectives.n.": { id: ["rw", matches(IDENTIFIER_2004)], "score.scaled": ["rw", between(-1, 1)],
        "score.raw": DECIMAL_RW, "score.min": DECIMAL_RW, "score.max": DECIMAL_RW, success_status: ["rw", oneOf(SUCCESS)],
        completion_status: ["rw", oneOf(COMPLETION)], progress_measure: ["rw", between(0, 1)], description: ["rw", upTo(250)] }
    })
    /* end when */
  };

  /* when preview */
  /* the read-only elements, which the player never sets, only for the preview's debug LMS, which answers by
     them (a package leaves the block out: no package has the feature "preview") */
  var READ_ONLY = {
    scorm12: ["cmi.core._children", "cmi.core.student_id", "cmi.core.student_name", "cmi.core.credit", "cmi.core.entry",
      "cmi.core.score._children", "cmi.core.total_time", "cmi.core.lesson_mode", "cmi.launch_data",
      "cmi.student_data.mastery_score", "cmi.interactions._count", "cmi.objectives._count",
      "cmi.interactions.n.correct_responses._count", "cmi.interactions.n.objectives._count"],
    scorm2004: ["cmi._version", "cmi.learner_id", "cmi.learner_name", "cmi.credit", "cmi.mode", "cmi.entry",
      "cmi.score._children", "cmi.scaled_passing_score", "cmi.completion_threshold", "cmi.total_time", "cmi.launch_data",
      "cmi.max_time_allowed", "cmi.time_limit_action", "cmi.interactions._count", "cmi.objectives._count",
      "cmi.interactions.n.correct_responses._count", "cmi.interactions.n.objectives._count"]
  };
  Object.keys(READ_ONLY).forEach(function (family) {
    READ_ONLY[family].forEach(function (element) { ELEMENTS[family][element] = ["r"]; });
  });
  /* end when */

  /* when scorm12 scorm2004 */
  /* "cmi.interactions.3.correct_responses.0.pattern" -> "cmi.interactions.n.correct_responses.n.pattern" */
  function generic(element) { return element.replace(/\.\d+\./g, ".n."); }
  function ruleOf(family, element) { return ELEMENTS[family][generic(element)] || null; }
  /* "ok", "type" (wrong format, word or length), "range" (a number out of its range),
     "read-only" or "unknown" (no such element) */
  function check(family, element, value) {
    var rule = ruleOf(family, element);
    if (!rule) return "unknown";
    if (!rule[1]) return "read-only";
    return rule[1](String(value));
  }
  function canSend(family, element, value) { return check(family, element, value) === OK; }
  /* end when */
  /* when preview */
  /* "r", "w", "rw", or "" for an element the data model doesn't have */
  function access(family, element) { var rule = ruleOf(family, element); return rule ? rule[0] : ""; }
  /* end when */

  /* a likert interaction (the adapters' item: lms-adapter.js interactionValues) for a rating of 1 to 9, which
     is one character, as the likert response is in both families: weighting 0, result neutral, no correct
     response. Shared by the confidence check (view-confidence.js) and any other self-rating; null for a rating
     out of range */
  function likert(id, rating, started, description, attempt) {
    if (typeof rating !== "number" || rating % 1 !== 0 || rating < 1 || rating > 9) return null;
    return { id: id, attempt: attempt || 1, type: "likert", started: started, weight: 0, description: description,
      response: [String(rating)], patterns: [], result: "neutral" };
  }

  var cmiRules = {
    likert: likert,
    /* when scorm12 scorm2004 */
    check: check, canSend: canSend,
    /* end when */
    /* when preview */
    generic: generic, access: access
    /* end when */
  };
  modules.cmiRules = cmiRules;
  if (typeof module !== "undefined") module.exports = cmiRules;
}(typeof window !== "undefined" ? window : global));
