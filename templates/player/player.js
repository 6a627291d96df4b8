/* scorm-builder player. GENERATED FILE, do not edit: the modules of templates/player/js/ joined in
   the order of its order.txt by scorm_builder/render/player_js.py (join_player). Edit the modules,
   then join again. Reference: docs/player.md */
/* --- answer-keys.js --- */
/* Answer keys: the course file's options, choices, pairs and items are keyed a, b, c... in order
   (docs/player.md, section 4), so every answer is a string of letters. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  function byKey(list, key) {
    for (var i = 0; i < list.length; i++) if (list[i].key === key) return list[i];
    return null;
  }
  function keysOf(list) { return list.map(function (item) { return item.key; }); }
  function letters(answer) { return answer ? answer.split("") : []; }

  var answerKeys = { byKey: byKey, keysOf: keysOf, letters: letters };
  modules.answerKeys = answerKeys;
  if (typeof module !== "undefined") module.exports = answerKeys;
}(typeof window !== "undefined" ? window : global));
/* --- random.js --- */
/* Seeded randomness for the question draw and the shuffles: the seed is saved, so a resumed
   attempt shows the same questions and orders. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* mulberry32: small, fast, and the same sequence in every browser for a seed */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  /* Fisher-Yates on a copy: the course's own lists are never reordered */
  function shuffle(list, next) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1)), swap = out[i];
      out[i] = out[j]; out[j] = swap;
    }
    return out;
  }

  var random = { seeded: seeded, shuffle: shuffle };
  modules.random = random;
  if (typeof module !== "undefined") module.exports = random;
}(typeof window !== "undefined" ? window : global));
/* --- time-format.js --- */
/* Times as each standard writes them (docs/player.md, sections 3 and 4). The family is "scorm12"
   or "scorm2004". */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  function pad(n, width) {
    n = String(n);
    while (n.length < width) n = "0" + n;
    return n;
  }
  /* a session time or latency: 1.2 CMITimespan HH:MM:SS.SS (hours 2 to 4 digits), 2004 an ISO 8601
     duration such as PT1M5.25S; both at most 2 decimals, as LMSes refuse more */
  function timespan(family, ms) {
    var cs = Math.max(0, Math.round(ms / 10)), hours = Math.floor(cs / 360000);
    var minutes = Math.floor(cs / 6000) % 60, seconds = (cs % 6000) / 100;
    if (family === "scorm12") {
      return pad(Math.min(hours, 9999), 2) + ":" + pad(minutes, 2) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
    }
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + Number(seconds.toFixed(2)) + "S";
  }
  /* an interaction's time, in local time: 1.2 CMITime HH:MM:SS, 2004 YYYY-MM-DDThh:mm:ss */
  function timestamp(family, date) {
    var time = pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
    if (family === "scorm12") return time;
    return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) + "T" + time;
  }

  var timeFormat = { pad: pad, timespan: timespan, timestamp: timestamp };
  modules.timeFormat = timeFormat;
  if (typeof module !== "undefined") module.exports = timeFormat;
}(typeof window !== "undefined" ? window : global));
/* --- cmi-rules.js --- */
/* The CMI data model of SCORM 1.2 and 2004 as data: each element's access (r, w, rw) and the
   values it accepts. One table for the player, which checks a value before sending it, and for the
   preview's debug LMS (templates/preview/preview.js), which answers by it; the preview loads this
   file alone, so it depends on nothing. Families: "scorm12", "scorm2004"; "n" is an index. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

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
  var R = ["r"], RANGE_100 = ["rw", between(0, 100)], DECIMAL_RW = ["rw", decimal];
  var ELEMENTS = {
    scorm12: table({
      "cmi.core.": { _children: R, student_id: R, student_name: R, lesson_location: ["rw", upTo(255)], credit: R,
        lesson_status: ["rw", oneOf(LESSON_STATUS)], entry: R, "score._children": R, "score.raw": RANGE_100,
        "score.min": RANGE_100, "score.max": RANGE_100, total_time: R, lesson_mode: R,
        exit: ["w", oneOf(["time-out", "suspend", "logout", ""])], session_time: ["w", matches(TIMESPAN_12)] },
      "cmi.": { suspend_data: ["rw", upTo(4096)], launch_data: R, comments: ["rw", upTo(4096)],
        "student_data.mastery_score": R, "interactions._count": R, "objectives._count": R },
      "cmi.interactions.n.": { id: ["w", matches(IDENTIFIER_12)],
        type: ["w", oneOf(["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"])],
        time: ["w", matches(/^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/)], weighting: ["w", decimal], student_response: ["w", upTo(255)],
        result: ["w", resultOf(["correct", "wrong", "unanticipated", "neutral"])], latency: ["w", matches(TIMESPAN_12)],
        "correct_responses._count": R, "correct_responses.n.pattern": ["w", upTo(255)], "objectives._count": R,
        "objectives.n.id": ["w", anyText] },
      /* scores 0..100 like the course score: Moodle and scorm-again refuse others */
      "cmi.objectives.n.": { id: ["rw", matches(IDENTIFIER_12)], "score.raw": RANGE_100, "score.min": RANGE_100,
        "score.max": RANGE_100, status: ["rw", oneOf(LESSON_STATUS.concat(["not attempted"]))] }
    }),
    scorm2004: table({
      "cmi.": { _version: R, learner_id: R, learner_name: R, location: ["rw", upTo(1000)], credit: R, mode: R, entry: R,
        completion_status: ["rw", oneOf(COMPLETION)], success_status: ["rw", oneOf(SUCCESS)], "score._children": R,
        "score.scaled": ["rw", between(-1, 1)], "score.raw": DECIMAL_RW, "score.min": DECIMAL_RW, "score.max": DECIMAL_RW,
        progress_measure: ["rw", between(0, 1)], scaled_passing_score: R, completion_threshold: R, total_time: R,
        session_time: ["w", sessionTime2004], exit: ["w", oneOf(["time-out", "suspend", "logout", "normal", ""])],
        suspend_data: ["rw", upTo(64000)], launch_data: R, max_time_allowed: R, time_limit_action: R,
        "interactions._count": R, "objectives._count": R },
      "cmi.interactions.n.": { id: ["rw", matches(IDENTIFIER_2004)], type: ["rw", oneOf(TYPES_2004)],
        timestamp: ["rw", matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?(Z|[+-]\d{2}:\d{2})?$/)],
        weighting: DECIMAL_RW, learner_response: ["rw", upTo(4000)],
        result: ["rw", resultOf(["correct", "incorrect", "unanticipated", "neutral"])], latency: ["rw", matches(DURATION_2004)],
        description: ["rw", upTo(250)], "correct_responses._count": R, "correct_responses.n.pattern": ["rw", upTo(4000)],
        "objectives._count": R, "objectives.n.id": ["rw", anyText] },
      "cmi.objectives.n.": { id: ["rw", matches(IDENTIFIER_2004)], "score.scaled": ["rw", between(-1, 1)],
        "score.raw": DECIMAL_RW, "score.min": DECIMAL_RW, "score.max": DECIMAL_RW, success_status: ["rw", oneOf(SUCCESS)],
        completion_status: ["rw", oneOf(COMPLETION)], progress_measure: ["rw", between(0, 1)], description: ["rw", upTo(250)] }
    })
  };

  /* "cmi.interactions.3.correct_responses.0.pattern" -> "cmi.interactions.n.correct_responses.n.pattern" */
  function generic(element) { return element.replace(/\.\d+\./g, ".n."); }
  function ruleOf(family, element) { return ELEMENTS[family][generic(element)] || null; }
  /* "r", "w", "rw", or "" for an element the data model doesn't have */
  function access(family, element) { var rule = ruleOf(family, element); return rule ? rule[0] : ""; }
  /* "ok", "type" (wrong format, word or length), "range" (a number out of its range),
     "read-only" or "unknown" (no such element) */
  function check(family, element, value) {
    var rule = ruleOf(family, element);
    if (!rule) return "unknown";
    if (!rule[1]) return "read-only";
    return rule[1](String(value));
  }
  function canSend(family, element, value) { return check(family, element, value) === OK; }

  var cmiRules = { generic: generic, access: access, check: check, canSend: canSend };
  modules.cmiRules = cmiRules;
  if (typeof module !== "undefined") module.exports = cmiRules;
}(typeof window !== "undefined" ? window : global));
/* --- state.js --- */
/* The learner's saved state: a fresh one, reading a saved one back, and writing it as suspend_data
   within the LMS's budget. Pure: the course's shape comes in as an argument.

   THE FORMAT (this comment is its one description; docs/player.md section 6 and
   scorm_builder/render/suspend.py, which bounds its length, refer to it). Compact JSON, versioned
   and tied to the course's structure, for example:

     {"v":1,"f":"aec00113","l":3,"vw":"111","sc":{"1":[2,"a"]},"dg":{"2":[1,"ba"]},
      "a":{"sd":1890369619,"n":1,"ph":"r","qi":1,"an":["a","f"],"sc":[100],"ps":1},"s":1}

   v      format version, 1
   f      the course fingerprint: a hash of the page ids and kinds, the option counts, the dialogue
          nodes and the question pool, made at build time (data.course.fingerprint). A state with
          another fingerprint is from another build of the course and is ignored, never misread.
   l      the bookmark: the screen index (lesson pages in order, then the assessment)
   vw     one 0/1 per lesson page: viewed
   sc     scenarios by page index: [answers given, key of the answer on screen or ""]
   dg     dialogues by page index: [play-through number, keys chosen from the start]; the path
          rebuilds the node, the scores and the history
   a.sd   the seed of the question draw and of the shuffles (1..2147483646)
   a.n    the current attempt number (0 = not started)
   a.ph   where the learner is: i intro, q a question, r results, v review
   a.qi   the question on screen
   a.an   the answers of the current attempt: choice keys ("ac"), t/f, the right-hand key chosen
          for each left item in order (matching), the item keys in the learner's order (ordering)
   a.sc   each finished attempt's percentage
   a.ps   1 once passed
   a.nr   1 when the answers for review were dropped to save space
   s      1 once the learner pressed Start (the title screen then offers Resume)
   `a` is null in a course without an assessment.

   THE BUDGET: 4,096 characters in SCORM 1.2, 64,000 in 2004. A longer state loses detail in the
   order of encode()'s steps until it fits; it never loses the bookmark, the viewed pages, the
   attempt count, the scores or the passed flag, so the status can always be recomputed. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* shape: {fingerprint, pageCount, screenCount, hasAssessment}; random: Math.random or a stand-in */
  function fresh(shape, random) {
    return {
      v: 1, f: shape.fingerprint, l: 0, vw: new Array(shape.pageCount + 1).join("0"), sc: {}, dg: {},
      a: shape.hasAssessment
        ? { sd: Math.floor((random || Math.random)() * 2147483646) + 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 } : null
    };
  }

  /* the saved text as a state, or null when it isn't one of this course's; a damaged part is
     replaced by its fresh value, so whatever the LMS hands back never stops the player */
  function load(text, shape) {
    var saved;
    try { saved = JSON.parse(text); } catch (e) { return null; }
    if (!saved || typeof saved !== "object" || saved.v !== 1 || saved.f !== shape.fingerprint) return null;
    var start = fresh(shape);
    if (typeof saved.vw !== "string" || saved.vw.length !== shape.pageCount || /[^01]/.test(saved.vw)) saved.vw = start.vw;
    if (typeof saved.l !== "number" || saved.l < 0 || saved.l >= shape.screenCount) saved.l = 0;
    if (!saved.sc || typeof saved.sc !== "object") saved.sc = {};
    if (!saved.dg || typeof saved.dg !== "object") saved.dg = {};
    if (shape.hasAssessment) {
      var attempt = saved.a;
      if (!attempt || typeof attempt.sd !== "number" || !Array.isArray(attempt.sc)) saved.a = start.a;
      else {
        attempt.an = Array.isArray(attempt.an) ? attempt.an : [];
        attempt.n = attempt.n | 0; attempt.qi = attempt.qi | 0; attempt.ps = attempt.ps ? 1 : 0;
        if ("iqrv".indexOf(attempt.ph) < 0 || !attempt.ph) attempt.ph = "i";
      }
    } else saved.a = null;
    return saved;
  }

  /* the state as suspend_data, cut down to the budget by dropping detail, least useful first */
  function encode(state, budget) {
    var copy = JSON.parse(JSON.stringify(state)), text = JSON.stringify(copy);
    var steps = [
      /* 1. the answers kept for Review answers after an attempt */
      function () { if (copy.a && (copy.a.ph === "r" || copy.a.ph === "v")) { copy.a.an = []; copy.a.ph = "r"; copy.a.nr = 1; } },
      /* 2. the dialogue paths: a dialogue restarts as a new play-through, so its ids stay unique */
      function () { Object.keys(copy.dg).forEach(function (k) { copy.dg[k] = [copy.dg[k][0] + 1, ""]; }); },
      /* 3. the scenario answers on screen; the counts stay, so interaction ids stay unique */
      function () { Object.keys(copy.sc).forEach(function (k) { copy.sc[k] = [copy.sc[k][0], ""]; }); },
      /* 4. all scenario and dialogue records */
      function () { copy.dg = {}; copy.sc = {}; },
      /* 5. the answers of an attempt in progress: it restarts at its intro, the next attempt gets a new number */
      function () { if (copy.a) { copy.a.an = []; copy.a.qi = 0; if (copy.a.ph === "q") { copy.a.ph = "i"; } } }
    ];
    for (var i = 0; text.length > budget && i < steps.length; i++) { steps[i](); text = JSON.stringify(copy); }
    return text;
  }

  var state = { fresh: fresh, load: load, encode: encode };
  modules.state = state;
  if (typeof module !== "undefined") module.exports = state;
}(typeof window !== "undefined" ? window : global));
/* --- progress.js --- */
/* Where the learner stands, from the state alone (docs/player.md, section 3). Pure. `floor` is
   what the LMS held at launch ({completion, success, lessonStatus}): a status never moves back. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* the course's screens from the page's course data: lesson pages in order, then the assessment */
  function outline(data) {
    var pages = [];
    data.lessons.forEach(function (lesson, lessonIndex) {
      lesson.pages.forEach(function (page, pageIndex) {
        pages.push({ lessonIndex: lessonIndex, pageIndex: pageIndex, page: page });
      });
    });
    var assessment = data.assessment || null;
    return {
      info: data.course, lessons: data.lessons, assessment: assessment, pages: pages,
      family: data.standard === "scorm12" ? "scorm12" : "scorm2004",
      pageCount: pages.length, assessmentScreen: assessment ? pages.length : -1,
      screenCount: pages.length + (assessment ? 1 : 0)
    };
  }
  /* what state.js needs to know of the course */
  function stateShape(course) {
    return { fingerprint: course.info.fingerprint, pageCount: course.pageCount,
      screenCount: course.screenCount, hasAssessment: !!course.assessment };
  }

  /* {viewed, total, first}: pages viewed, pages, and the index of the first page of a lesson */
  function lessonViewed(course, state, lessonIndex) {
    var viewed = 0, total = 0, first = -1;
    course.pages.forEach(function (entry, k) {
      if (entry.lessonIndex !== lessonIndex) return;
      if (first < 0) first = k;
      total++;
      if (state.vw.charAt(k) === "1") viewed++;
    });
    return { viewed: viewed, total: total, first: first };
  }
  function lessonsDone(state) { return state.vw.indexOf("0") < 0; }
  function attemptsUsed(state) { return state.a ? state.a.sc.length : 0; }
  function passed(state) { return !!(state.a && state.a.ps); }
  function attemptsLeft(assessment, state) {
    return assessment && (assessment.attempts === 0 || attemptsUsed(state) < assessment.attempts);
  }
  function failedFinal(assessment, state) {
    return !!(assessment && !passed(state) && assessment.attempts > 0 && attemptsUsed(state) >= assessment.attempts);
  }
  /* the assessment's outcome is known: passed, or failed with no attempt left */
  function decided(assessment, state) { return passed(state) || failedFinal(assessment, state); }
  function bestScore(state) { return state.a && state.a.sc.length ? Math.max.apply(null, state.a.sc) : null; }

  /* the course's completion rule, or the LMS's word that it was already completed */
  function isComplete(course, state, floor) {
    var rule = course.assessment ? course.info.completion : "lessons";
    var done = rule === "lessons" ? lessonsDone(state) : rule === "assessment" ? passed(state)
      : lessonsDone(state) && passed(state);
    return done || floor.completion === "completed";
  }
  /* pages viewed / all screens; the assessment counts as one page once decided */
  function measure(course, state) {
    var viewed = state.vw.split("1").length - 1 + (course.assessment && decided(course.assessment, state) ? 1 : 0);
    return course.screenCount ? viewed / course.screenCount : 1;
  }
  function bookmark(course, state) {
    return state.l === course.assessmentScreen ? "assessment" : course.pages[state.l].page.id;
  }

  /* everything the LMS adapters report, in one object */
  function summary(course, state, floor) {
    var assessment = course.assessment, isPassed = passed(state);
    /* the score once decided; never a fail over a pass the LMS holds */
    var score = assessment && decided(assessment, state) && (isPassed || floor.success !== "passed") ? bestScore(state) : null;
    return {
      complete: isComplete(course, state, floor), hasAssessment: !!assessment, passed: isPassed,
      failedFinal: failedFinal(assessment, state), score: score, measure: measure(course, state),
      bookmark: bookmark(course, state)
    };
  }

  var progress = {
    outline: outline, stateShape: stateShape, lessonViewed: lessonViewed, lessonsDone: lessonsDone,
    attemptsUsed: attemptsUsed, passed: passed, attemptsLeft: attemptsLeft, failedFinal: failedFinal,
    decided: decided, bestScore: bestScore, isComplete: isComplete, measure: measure, bookmark: bookmark,
    summary: summary
  };
  modules.progress = progress;
  if (typeof module !== "undefined") module.exports = progress;
}(typeof window !== "undefined" ? window : global));
/* --- quiz.js --- */
/* The assessment's logic: the draw, the display order, the right answer, grading, and the
   interaction an answer becomes (docs/player.md, sections 4 and 11). Pure. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var inNode = typeof module !== "undefined";
  var random = inNode ? require("./random.js") : modules.random;
  var answerKeys = inNode ? require("./answer-keys.js") : modules.answerKeys;
  var letters = answerKeys.letters, keysOf = answerKeys.keysOf, byKey = answerKeys.byKey;

  var INTERACTION_TYPE = { "single-choice": "choice", "multiple-response": "choice", "true-false": "true-false",
    matching: "matching", ordering: "sequencing" };

  function drawCount(assessment) { return Math.min(assessment.draw || 1e9, assessment.questions.length); }
  /* the questions of attempt `attempt.n`, from the saved seed */
  function questionsFor(assessment, attempt) {
    var pool = assessment.questions.map(function (q, i) { return i; });
    var order = random.shuffle(pool, random.seeded(attempt.sd * 31 + attempt.n)).slice(0, drawCount(assessment));
    if (!assessment.shuffle_questions) order.sort(function (x, y) { return x - y; });
    return order.map(function (i) { return assessment.questions[i]; });
  }
  /* the order a question's keys are shown in; `always` (matching, ordering) shuffles whatever the
     course says, and never shows the items already in the right order */
  function displayOrder(assessment, question, attempt, keys, always) {
    var next = random.seeded(attempt.sd * 17 + attempt.n * 7 + assessment.questions.indexOf(question) * 101 + 5);
    if (!always && !assessment.shuffle_choices) return keys.slice();
    var order = random.shuffle(keys, next);
    if (always && order.join("") === keys.join("") && keys.length > 1) order.push(order.shift());
    return order;
  }
  function correctAnswer(question) {
    if (question.kind === "true-false") return question.answer ? "t" : "f";
    if (question.kind === "matching") return keysOf(question.pairs).join("");
    if (question.kind === "ordering") return keysOf(question.items).join("");
    return question.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.key; }).join("");
  }
  function isRight(question, answer) {
    if (question.kind === "multiple-response" || question.kind === "single-choice") {
      return letters(answer).sort().join("") === correctAnswer(question);
    }
    return answer === correctAnswer(question);
  }
  /* all-or-nothing per question, weighted */
  function percentOf(questions, answers) {
    var total = 0, got = 0;
    questions.forEach(function (q, i) {
      total += q.weight;
      if (answers[i] != null && isRight(q, answers[i])) got += q.weight;
    });
    return total ? Math.round(got / total * 100) : 0;
  }
  /* an answer as the learner reads it in the review: one line per choice, pair or item */
  function answerText(question, answer, t) {
    if (answer == null || answer === "") return [t("not_answered")];
    if (question.kind === "true-false") return [answer === "t" ? t("true") : t("false")];
    if (question.kind === "matching") {
      return letters(answer).map(function (rightKey, i) {
        var right = byKey(question.pairs, rightKey);
        return question.pairs[i].left + " → " + (right ? right.right : "");
      });
    }
    if (question.kind === "ordering") return letters(answer).map(function (k) { return byKey(question.items, k).text; });
    return letters(answer).sort().map(function (k) { return byKey(question.choices, k).text; });
  }
  /* an answer as an interaction (lms-adapter.js); the adapters format the responses */
  function interactionFor(question, answer, attemptNumber, started, description) {
    var type = INTERACTION_TYPE[question.kind];
    var asResponse = function (keys) {
      if (type === "true-false") return keys === "t";
      if (type === "matching") return letters(keys).map(function (rightKey, i) { return [question.pairs[i].key, rightKey]; });
      return type === "choice" ? letters(keys).sort() : letters(keys);
    };
    return { id: question.interaction_id, attempt: attemptNumber, type: type, started: started,
      weight: question.weight, description: description, patterns: [asResponse(correctAnswer(question))],
      response: asResponse(answer), result: isRight(question, answer) ? "correct" : "incorrect" };
  }

  var quiz = { drawCount: drawCount, questionsFor: questionsFor, displayOrder: displayOrder,
    correctAnswer: correctAnswer, isRight: isRight, percentOf: percentOf, answerText: answerText,
    interactionFor: interactionFor };
  modules.quiz = quiz;
  if (typeof module !== "undefined") module.exports = quiz;
}(typeof window !== "undefined" ? window : global));
/* --- dialogue-path.js --- */
/* A dialogue replayed from its saved path (the keys chosen from the start): saving only the path
   keeps suspend_data short, and rebuilds the node, the totals, the decisions and the mood. Pure. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var answerKeys = typeof module !== "undefined" ? require("./answer-keys.js") : modules.answerKeys;

  var ENDING_MOOD = { good: "pleased", mixed: "neutral", poor: "angry" };

  /* {node: id, current: the node, totals: {score id: total}, steps: [{node, current, choice}], mood} */
  function walk(dialogue, path) {
    var node = dialogue.start, totals = {}, steps = [], mood = "neutral";
    dialogue.scores.forEach(function (s) { totals[s.id] = 0; });
    if (dialogue.nodes[node] && dialogue.nodes[node].mood) mood = dialogue.nodes[node].mood;
    /* a key the node doesn't have (a changed course) ends the replay there */
    answerKeys.letters(path).every(function (key) {
      var current = dialogue.nodes[node], choice = current && answerKeys.byKey(current.choices, key);
      if (!choice) return false;
      steps.push({ node: node, current: current, choice: choice });
      Object.keys(choice.effects).forEach(function (s) { totals[s] = (totals[s] || 0) + choice.effects[s]; });
      node = choice.next;
      if (dialogue.nodes[node] && dialogue.nodes[node].mood) mood = dialogue.nodes[node].mood;
      return true;
    });
    var ending = dialogue.nodes[node] && dialogue.nodes[node].ending;
    if (ending && !dialogue.nodes[node].mood) mood = ENDING_MOOD[ending.outcome] || mood;
    return { node: node, current: dialogue.nodes[node], totals: totals, steps: steps, mood: mood };
  }

  var dialoguePath = { walk: walk };
  modules.dialoguePath = dialoguePath;
  if (typeof module !== "undefined") module.exports = dialoguePath;
}(typeof window !== "undefined" ? window : global));
/* --- lms-connection.js --- */
/* The connection to the LMS's API: discovery, calls, commit with retries. It knows the method
   names (from the adapter), not what values mean. Every call is logged (window.scormPlayer.log);
   a failed one is explained in the console with the LMS's own error string. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var cmiRules = modules.cmiRules;

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
  /* a value the LMS already has is not sent again, unless `always` (interactions, whose elements
     are new each time); a value the LMS would refuse is not sent at all */
  function set(connection, element, value, always) {
    value = String(value);
    if (!connection.live || connection.terminated) return false;
    if (!always && connection.sent[element] === value) return true;
    if (!cmiRules.canSend(connection.family, element, value)) {
      console.warn("[scorm] not sent: invalid value for " + element + ": " + JSON.stringify(value));
      return false;
    }
    var ok = call(connection, "setValue", [element, value]).ok;
    if (ok) connection.sent[element] = value;
    return ok;
  }
  /* a refused commit is retried twice, after 0.8 s and 3.2 s, before the learner is told */
  function commit(connection) {
    if (!connection.live || connection.terminated) return;
    clearTimeout(connection.retryTimer);
    if (call(connection, "commit", [""]).ok) { connection.retries = 0; connection.onSaveResult(false); return; }
    if (connection.retries < 2) {
      connection.retries++;
      connection.retryTimer = setTimeout(function () { commit(connection); }, 800 * connection.retries * connection.retries);
    } else { connection.retries = 0; connection.onSaveResult(true); }
  }
  /* final (Exit, Finish): one more commit, and a second if refused, since nothing retries later;
     at pagehide no commit, as Terminate commits and browsers block more during unload */
  function finish(connection, final) {
    if (connection.live) {
      clearTimeout(connection.retryTimer);
      if (final) { if (!call(connection, "commit", [""]).ok) call(connection, "commit", [""]); }
      connection.terminated = true;
      call(connection, "terminate", [""]);
    } else connection.terminated = true;
  }

  /* options: family, apiName, methods, unsetReadError (see lms-scorm12.js and lms-scorm2004.js) */
  function create(options) {
    var connection = { family: options.family, apiName: options.apiName, methods: options.methods,
      unsetReadError: options.unsetReadError, api: null, live: false, terminated: false, log: [], sent: {},
      retryTimer: null, retries: 0, onSaveResult: function () {} };
    function read(element) { return call(connection, "getValue", [element]); }
    return {
      log: connection.log, read: read,
      get: function (element) { var r = read(element); return r.ok ? r.value : ""; },
      open: function () { return open(connection); },
      set: function (element, value, always) { return set(connection, element, value, always); },
      commit: function () { commit(connection); },
      finish: function (final) { finish(connection, final); },
      connected: function () { return connection.live; },
      ended: function () { return connection.terminated; },
      /* fn(failed): true when a commit failed for good, false when one succeeded */
      onSaveResult: function (fn) { connection.onSaveResult = fn; }
    };
  }

  modules.lmsConnection = { create: create, findApi: findApi };
}(typeof window !== "undefined" ? window : global));
/* --- lms-adapter.js --- */
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
/* --- lms-scorm12.js --- */
/* The SCORM 1.2 adapter: the API's names and the player's values in the 1.2 data model
   (docs/player.md, sections 3 to 5). Pure; lms-adapter.js makes the calls. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var timeFormat = typeof module !== "undefined" ? require("./time-format.js") : modules.timeFormat;

  /* the order a status may only move up in: a learner's record never goes back */
  var RANK = { incomplete: 0, completed: 1, failed: 2, passed: 3 };

  /* at launch: the status floor, the saved state, and a mastery score over the course's pass mark */
  function readLaunch(get, hasAssessment, coursePass) {
    var status = get("cmi.core.lesson_status"), suspendData = get("cmi.suspend_data");
    var pass = { mark: coursePass.mark, scaled: coursePass.scaled };
    if (hasAssessment) {
      var mastery = get("cmi.student_data.mastery_score");
      if (mastery !== "" && !isNaN(parseFloat(mastery))) pass.mark = parseFloat(mastery);
    }
    return {
      floor: { lessonStatus: status, completion: status === "passed" || status === "completed" ? "completed" : "",
        success: status === "passed" || status === "failed" ? status : "" },
      suspendData: suspendData, pass: pass
    };
  }
  /* the comparison the LMS makes: raw >= mastery_score */
  function passes(percent, pass) { return percent >= pass.mark; }

  function lessonStatus(summary, floor) {
    var status;
    if (!summary.hasAssessment) status = summary.complete ? "completed" : "incomplete";
    else if (summary.passed && summary.complete) status = "passed";
    else if (summary.failedFinal) status = "failed";
    else status = summary.complete ? "completed" : "incomplete";
    return (RANK[floor.lessonStatus] || 0) > RANK[status] ? floor.lessonStatus : status;
  }
  /* [element, value] pairs sent after every step; summary: progress.summary() */
  function sessionValues(summary, floor, elapsedMs) {
    var values = [["cmi.core.lesson_location", summary.bookmark]];
    if (summary.score != null) {
      values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", String(summary.score)]);
    }
    values.push(["cmi.core.lesson_status", lessonStatus(summary, floor)], ["cmi.core.exit", summary.complete ? "" : "suspend"],
      ["cmi.core.session_time", timespan(elapsedMs)]);
    return values;
  }
  /* value: keys (choice, sequencing), a boolean (true-false) or [left, right] pairs (matching) */
  function response(type, value) {
    if (type === "true-false") return value ? "t" : "f";
    if (type === "matching") return value.map(function (pair) { return pair[0] + "." + pair[1]; }).join(",");
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
/* --- lms-scorm2004.js --- */
/* The SCORM 2004 adapter: the API's names and the player's values in the 2004 data model
   (docs/player.md, sections 3 to 5). Pure; lms-adapter.js makes the calls. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var timeFormat = typeof module !== "undefined" ? require("./time-format.js") : modules.timeFormat;

  /* at launch: the completion and success floors, the saved state, and a scaled_passing_score
     over the course's pass mark */
  function readLaunch(get, hasAssessment, coursePass) {
    var completion = get("cmi.completion_status"), success = get("cmi.success_status");
    if (success !== "passed" && success !== "failed") success = "";
    /* ab-initio means a new attempt: whatever suspend_data says belongs to an earlier one */
    var suspendData = get("cmi.entry") !== "ab-initio" ? get("cmi.suspend_data") : "";
    var pass = { mark: coursePass.mark, scaled: coursePass.scaled };
    if (hasAssessment) {
      var scaled = get("cmi.scaled_passing_score");
      if (scaled !== "" && !isNaN(parseFloat(scaled))) {
        pass.scaled = parseFloat(scaled);
        pass.mark = Math.round(pass.scaled * 10000) / 100;
      }
    }
    return { floor: { completion: completion, success: success, lessonStatus: "" }, suspendData: suspendData, pass: pass };
  }
  /* the comparison the LMS makes: score.scaled >= scaled_passing_score */
  function passes(percent, pass) { return percent / 100 >= pass.scaled; }

  /* success keeps an LMS "passed", and an LMS "failed" until the learner passes */
  function successStatus(summary, floor) {
    if (summary.passed || floor.success === "passed") return "passed";
    if (summary.failedFinal || floor.success === "failed") return "failed";
    return "unknown";
  }
  function completionStatus(summary) { return summary.complete ? "completed" : "incomplete"; }
  /* [element, value] pairs sent after every step; summary: progress.summary() */
  function sessionValues(summary, floor, elapsedMs) {
    var values = [["cmi.location", summary.bookmark],
      ["cmi.progress_measure", String(Math.round(summary.measure * 10000) / 10000)]];
    if (summary.score != null) {
      values.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(summary.score)],
        ["cmi.score.scaled", String(summary.score / 100)]);
    }
    values.push(["cmi.completion_status", completionStatus(summary)], ["cmi.success_status", successStatus(summary, floor)],
      ["cmi.exit", summary.complete ? "normal" : "suspend"], ["cmi.session_time", timespan(elapsedMs)]);
    return values;
  }
  /* value: keys (choice, sequencing), a boolean (true-false) or [left, right] pairs (matching) */
  function response(type, value) {
    if (type === "true-false") return value ? "true" : "false";
    if (type === "matching") return value.map(function (pair) { return pair[0] + "[.]" + pair[1]; }).join("[,]");
    return value.join("[,]");
  }
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

  var scorm2004 = {
    family: "scorm2004", apiName: "API_1484_11", suspendBudget: 64000, unsetReadError: "403",
    methods: { initialize: "Initialize", terminate: "Terminate", getValue: "GetValue", setValue: "SetValue",
      commit: "Commit", lastError: "GetLastError", errorString: "GetErrorString", diagnostic: "GetDiagnostic" },
    interactionElements: { time: "timestamp", response: "learner_response" },
    readLaunch: readLaunch, passes: passes, successStatus: successStatus, completionStatus: completionStatus,
    sessionValues: sessionValues, response: response, objectiveValues: objectiveValues, description: description,
    timespan: timespan,
    timestamp: function (date) { return timeFormat.timestamp("scorm2004", date); },
    result: function (result) { return result; }
  };
  modules.lmsScorm2004 = scorm2004;
  if (typeof module !== "undefined") module.exports = scorm2004;
}(typeof window !== "undefined" ? window : global));
/* --- session.js --- */
/* The learner's session: the live state, loaded at launch from the LMS (or localStorage without
   one) and sent after every meaningful step, so an LMS that loses the window still has the latest. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var stateCodec = modules.state, progress = modules.progress;

  /* course: progress.outline(); lms: lmsAdapter.create(); afterSync: redraws what shows progress */
  function create(course, lms, afterSync) {
    var shape = progress.stateShape(course), storageKey = "scorm-builder:" + course.info.id;
    var coursePassMark = course.assessment ? course.assessment.pass_mark : 0;
    var pass = { mark: coursePassMark, scaled: coursePassMark / 100 };
    var floor = { completion: "", success: "", lessonStatus: "" };
    var startedAt = Date.now();
    var session = { state: null, resumable: false };

    /* the player's own state decides whether to resume, not cmi.entry, which some LMSes get wrong */
    session.launch = function () {
      var saved = "", launch = lms.initialize(!!course.assessment, pass);
      if (launch) {
        floor = launch.floor; pass = launch.pass; saved = launch.suspendData;
      } else {
        try { saved = localStorage.getItem(storageKey) || ""; } catch (e) { saved = ""; }
      }
      var loaded = saved ? stateCodec.load(saved, shape) : null;
      session.resumable = !!(loaded && loaded.s);
      session.state = loaded || stateCodec.fresh(shape);
      if (lms.connected()) session.sync();
    };
    session.persist = function () {
      if (lms.connected()) return lms.saveSuspendData(session.suspendData());
      try { localStorage.setItem(storageKey, JSON.stringify(session.state)); } catch (e) { /* storage blocked */ }
      return true;
    };
    /* send what changed, save the state, commit (not at the end, which commits itself) */
    session.sync = function (noCommit) {
      if (lms.connected()) lms.report(progress.summary(course, session.state, floor), floor, Date.now() - startedAt);
      session.persist();
      if (!noCommit) lms.commit();
      afterSync();
    };
    /* Exit, Finish (final) or pagehide; only the first of them counts */
    session.end = function (final) {
      if (lms.ended()) return;
      if (lms.connected()) session.sync(true);
      else session.persist();
      lms.terminate(final);
    };
    session.suspendData = function () { return stateCodec.encode(session.state, lms.suspendBudget); };
    session.isComplete = function () { return progress.isComplete(course, session.state, floor); };
    session.passes = function (percent) { return lms.passes(percent, pass); };
    session.passMark = function () { return pass.mark; };
    return session;
  }

  modules.session = { create: create };
}(typeof window !== "undefined" ? window : global));
/* --- dom.js --- */
/* Shared view helpers: building elements, the player's words, buttons, focus. Course text goes in
   as text; only the build's *_html fields (Markdown with raw HTML off) go in as HTML. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* t(key, vars): a word of strings/<language>.json with its {name}s filled in; an unknown key
     shows as itself: visible, not fatal */
  function translator(strings) {
    return function (key, vars) {
      var text = strings[key] != null ? String(strings[key]) : key;
      return text.replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
    };
  }
  var idCount = 0;
  function uniqueId(prefix) { return prefix + (++idCount); }

  /* el(tag, {cls, text, html, on<event>, attribute...}, [children]); a null or false attribute or
     child is left out, so optional parts are written inline */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v == null || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v; /* only *_html fields, made safe by the build */
      else if (k === "cls") node.className = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  var PRIMARY = "btn primary";
  function button(label, onClick, cls, extra) {
    var attrs = { type: "button", cls: cls || "btn", text: label, onclick: onClick };
    for (var k in extra) attrs[k] = extra[k];
    return el("button", attrs);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  /* an *_html field as plain text, for interaction descriptions */
  function plainText(html) {
    var box = document.createElement("div");
    box.innerHTML = html || "";
    return (box.textContent || "").replace(/\s+/g, " ").trim();
  }
  /* navigation moves the focus to the new screen's heading, for screen readers and keyboards */
  function focusHeading(root) {
    var heading = (root || document).querySelector("h2, h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }
  /* a short message in a feedback box, such as "Choose an answer first" */
  function hint(box, message) {
    clear(box);
    box.className = "feedback show";
    add(box, el("p", { text: message }));
  }

  modules.dom = { translator: translator, uniqueId: uniqueId, el: el, add: add, PRIMARY: PRIMARY, button: button,
    clear: clear, plainText: plainText, focusHeading: focusHeading, hint: hint };
}(typeof window !== "undefined" ? window : global));
/* --- view-customer.js --- */
/* The customer as scenarios and dialogues show them: the message in its channel (email, chat,
   phone), chat bubbles and the mood chip. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el;

  function moodChip(t, mood) {
    mood = mood || "neutral";
    return el("p", { cls: "mood mood-" + mood }, [el("span", { cls: "mood-dot", "aria-hidden": "true" }),
      el("span", { text: t("mood", { mood: t("mood_" + mood) }) })]);
  }
  /* side: "them", "me", "them now" (list items), or "div" (a lone chat message); focusable: the
     dialogue moves the focus to the customer's new line */
  function bubble(side, who, text, focusable) {
    return el(side === "div" ? "div" : "li", { cls: "bubble " + (side === "div" ? "them" : side), tabindex: focusable ? "-1" : null },
      [el("span", { cls: "who", text: who }), el("p", { text: text })]);
  }
  function channelBox(t, channel, name, says, subject) {
    var who = name || t("customer");
    if (channel === "email") {
      return el("div", { cls: "msg email" }, [
        el("p", { cls: "ch-label", text: t("channel_email") }),
        el("dl", { cls: "email-head" }, [el("dt", { text: t("email_from") }), el("dd", { text: who }),
          subject ? el("dt", { text: t("email_subject") }) : null, subject ? el("dd", { text: subject }) : null]),
        el("div", { cls: "email-body" }, [el("p", { text: says })])
      ]);
    }
    if (channel === "chat") {
      return el("div", { cls: "msg chat" }, [el("p", { cls: "ch-label", text: t("channel_chat") }), bubble("div", who, says)]);
    }
    return el("div", { cls: "msg phone" }, [el("p", { cls: "ch-label", text: t("channel_phone") }),
      el("p", { cls: "line" }, [el("span", { cls: "who", text: who + ": " }), says])]);
  }

  modules.customerView = { moodChip: moodChip, bubble: bubble, channelBox: channelBox };
}(typeof window !== "undefined" ? window : global));
/* --- view-text.js --- */
/* A text page: the body, then its optional figure, callout and quote. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el, add = modules.dom.add;

  function renderText(container, page, index, player) {
    var t = player.t;
    add(container, el("div", { cls: "prose", html: page.body_html }));
    if (page.image) {
      add(container, el("figure", { cls: "figure" }, [el("img", { src: page.image.src, alt: page.image.alt || "" }),
        page.image.caption ? el("figcaption", { text: page.image.caption }) : null]));
    }
    if (page.callout) {
      add(container, el("div", { cls: "callout callout-" + page.callout.style, role: "note" }, [
        el("p", { cls: "callout-label", text: t("callout_" + page.callout.style) }), el("div", { html: page.callout.html })]));
    }
    if (page.quote) {
      add(container, el("figure", { cls: "quote" }, [el("blockquote", {}, [el("p", { text: page.quote.text })]),
        page.quote.by ? el("figcaption", { text: "— " + page.quote.by }) : null]));
    }
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.text = renderText;
}(typeof window !== "undefined" ? window : global));
/* --- view-scenario.js --- */
/* A scenario page: the customer's message, the options, the verdict and feedback, Try again. A
   scored scenario records each answer as an interaction (docs/player.md, section 4). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView;
  var byKey = modules.answerKeys.byKey;

  /* best is right, acceptable is neither right nor wrong, poor is wrong */
  function resultOf(verdict) { return verdict === "best" ? "correct" : verdict === "acceptable" ? "neutral" : "incorrect"; }

  /* the answer locked in, with its verdict, feedback and principle */
  function showResult(view, key) {
    var t = view.t, page = view.page, option = byKey(page.options, key);
    if (!option) return;
    view.radios.forEach(function (r) { r.input.checked = r.option.key === key; r.input.disabled = true; });
    view.submit.disabled = true;
    dom.clear(view.feedback);
    view.feedback.className = "feedback show verdict-" + option.verdict;
    add(view.feedback, el("p", { cls: "verdict", text: t("verdict_" + option.verdict) }), el("div", { cls: "prose", html: option.feedback_html }),
      page.principle && el("p", { cls: "principle", text: t("principle", { title: page.principle.title }) }),
      page.retry && option.verdict !== "best" && dom.button(t("try_again"), view.onRetry));
  }

  function renderScenario(container, page, index, player) {
    var t = player.t, state = player.session.state, customer = page.customer, record = state.sc[index] || [0, ""];
    add(container, customerView.channelBox(t, page.channel, customer.name, customer.says, customer.subject),
      customer.context && el("p", { cls: "context" }, [el("strong", { text: t("context") + ": " }), customer.context]),
      customerView.moodChip(t, customer.mood));
    var name = dom.uniqueId("opt"), feedback = el("div", { cls: "feedback", "aria-live": "polite" });
    var radios = page.options.map(function (option) {
      var id = dom.uniqueId("r");
      return { option: option, input: el("input", { type: "radio", name: name, id: id, value: option.key }), id: id };
    });
    var fieldset = el("fieldset", { cls: "choices" }, [el("legend", { text: page.prompt })].concat(radios.map(function (r) {
      return el("div", { cls: "choice" }, [r.input, el("label", { "for": r.id, text: r.option.text })]);
    })));
    var view = { t: t, page: page, radios: radios, feedback: feedback, onRetry: onRetry };
    view.submit = dom.button(t("submit"), onSubmit, dom.PRIMARY);
    var started = Date.now();
    add(container, fieldset, el("div", { cls: "actions" }, [view.submit]), feedback);

    function onSubmit() {
      var chosen = radios.filter(function (r) { return r.input.checked; })[0];
      if (!chosen) return dom.hint(feedback, t("choose_first"));
      record = [record[0] + 1, chosen.option.key];
      state.sc[index] = record;
      if (page.scored) {
        player.lms.addInteraction({ id: page.interaction_id, attempt: record[0], type: "choice", started: started, weight: 1,
          description: page.prompt, response: [chosen.option.key], result: resultOf(chosen.option.verdict),
          patterns: page.options.filter(function (o) { return o.verdict === "best"; }).map(function (o) { return [o.key]; }) });
      }
      showResult(view, chosen.option.key);
      player.session.sync();
    }
    /* the count of answers stays, so the next answer's interaction id is new */
    function onRetry() {
      record = [record[0], ""]; state.sc[index] = record;
      radios.forEach(function (r) { r.input.checked = false; r.input.disabled = false; });
      view.submit.disabled = false;
      dom.clear(feedback); feedback.className = "feedback";
      started = Date.now();
      player.session.persist();
      radios[0].input.focus();
    }
    if (record[1]) showResult(view, record[1]);
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.scenario = renderScenario;
}(typeof window !== "undefined" ? window : global));
/* --- view-dialogue.js --- */
/* A dialogue page: the conversation, the responses, and at an ending the debrief, scores and
   decisions with Replay. A scored dialogue records each decision as an interaction and each named
   score as an objective (docs/player.md, sections 4 and 5). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView;
  var walk = modules.dialoguePath.walk;

  /* the lines so far; the customer's newest line can take the focus */
  function conversation(t, path, who) {
    var list = el("ol", { cls: "convo", "aria-label": t("conversation", { name: who }) }), lastLine = null;
    path.steps.forEach(function (step) {
      if (step.current.customer) add(list, customerView.bubble("them", who, step.current.customer));
      add(list, customerView.bubble("me", t("you"), step.choice.text));
    });
    if (path.current && path.current.customer) {
      lastLine = customerView.bubble("them now", who, path.current.customer, true);
      add(list, lastLine);
    }
    return { list: list, lastLine: lastLine };
  }
  /* {section, heading}: the ending, whose heading takes the focus when it is reached */
  function endingSection(t, dialogue, path, onReplay) {
    var ending = path.current.ending;
    var table = el("table", { cls: "scores" }, [el("caption", { text: t("scores") }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: t("score_col") }), el("th", { scope: "col", text: t("value_col") }),
        el("th", { scope: "col", text: t("range_col") })])]),
      el("tbody", {}, dialogue.scores.map(function (s) {
        return el("tr", {}, [el("th", { scope: "row", text: s.label }), el("td", { text: String(path.totals[s.id]) }),
          el("td", { text: t("range", { min: s.min, max: s.max }) })]);
      }))]);
    var decisions = el("ol", { cls: "decisions" }, path.steps.map(function (step) {
      return el("li", {}, [el("p", { cls: "dec-choice", text: step.choice.text }),
        step.choice.feedback_html ? el("div", { cls: "prose", html: step.choice.feedback_html }) : null]);
    }));
    var heading = el("h3", { text: ending.title, tabindex: "-1" });
    var section = el("section", { cls: "ending outcome-" + ending.outcome }, [
      el("p", { cls: "outcome", text: t("outcome_" + ending.outcome) }), heading, el("div", { cls: "prose", html: ending.debrief_html }),
      table, el("h4", { text: t("decisions") }), decisions, dom.button(t("replay"), onReplay)]);
    return { section: section, heading: heading };
  }
  function choiceGroup(t, current, onChoose) {
    var labelId = dom.uniqueId("g");
    return el("div", { cls: "dlg-choices", role: "group", "aria-labelledby": labelId },
      [el("p", { id: labelId, cls: "group-label", text: t("your_response") })].concat(current.choices.map(function (choice) {
        return dom.button(choice.text, function () { onChoose(choice); }, "btn choice-btn");
      })));
  }

  function renderDialogue(container, dialogue, index, player) {
    var t = player.t, state = player.session.state;
    if (dialogue.intro_html) add(container, el("div", { cls: "prose intro", html: dialogue.intro_html }));
    var box = el("div", { cls: "dialogue" });
    add(container, box);
    var decisionStarted = Date.now();
    /* [play-through, path]; see state.js */
    function record() { return state.dg[index] || [1, ""]; }
    function draw(focus) {
      dom.clear(box);
      var path = walk(dialogue, record()[1]), who = dialogue.customer || t("customer");
      add(box, el("div", { cls: "dlg-head" }, [el("p", { cls: "ch-label ch-" + dialogue.channel,
        text: t("channel_" + dialogue.channel) + " · " + who }), customerView.moodChip(t, path.mood)]));
      var lines = conversation(t, path, who), zone = el("div", { cls: "dlg-live", "aria-live": "polite" });
      add(box, lines.list);
      add(box, zone);
      if (path.current && path.current.ending) {
        var ending = endingSection(t, dialogue, path, replay);
        add(zone, ending.section);
        if (focus) ending.heading.focus();
      } else if (path.current) {
        add(zone, choiceGroup(t, path.current, choose));
        if (focus && lines.lastLine) lines.lastLine.focus();
      }
    }
    function choose(choice) {
      var before = record(), path = walk(dialogue, before[1]);
      var after = [before[0], before[1] + choice.key];
      state.dg[index] = after;
      var reached = walk(dialogue, after[1]);
      if (dialogue.scored) {
        player.lms.addInteraction({ id: dialogue.interaction_prefix + "_" + path.node, attempt: after[0], type: "choice",
          started: decisionStarted, weight: 1, description: path.current.customer || dialogue.title,
          patterns: path.current.choices.filter(function (c) { return c.best; }).map(function (c) { return [c.key]; }),
          response: [choice.key], result: choice.best ? "correct" : "incorrect" });
        var ended = !!(reached.current && reached.current.ending);
        dialogue.scores.forEach(function (s) {
          player.lms.updateObjective("obj_" + dialogue.id + "_" + s.id, { raw: reached.totals[s.id], min: s.min, max: s.max }, ended);
        });
      }
      decisionStarted = Date.now();
      draw(true);
      player.session.sync();
    }
    /* a new play-through: its interaction ids get the next _a<n> suffix */
    function replay() {
      state.dg[index] = [record()[0] + 1, ""];
      decisionStarted = Date.now();
      draw(true);
      if (!(dialogue.nodes[dialogue.start] && dialogue.nodes[dialogue.start].customer)) {
        var first = box.querySelector(".choice-btn");
        if (first) first.focus();
      }
      player.session.sync();
    }
    draw(false);
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.dialogue = renderDialogue;
}(typeof window !== "undefined" ? window : global));
/* --- view-question.js --- */
/* An assessment question: its inputs, Submit, the feedback, and the way on. For keyboards and
   screen readers: fieldsets with the prompt as legend, one labelled select per matching item,
   up/down buttons for ordering (no drag and drop). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, quiz = modules.quiz;
  var keysOf = modules.answerKeys.keysOf, byKey = modules.answerKeys.byKey, letters = modules.answerKeys.letters;

  /* every kind's inputs answer read() (the answer, or null/"" when incomplete) and show(answer)
     (the answer locked in) */
  function choiceInputs(fieldset, question, attempt, player) {
    var t = player.t, multi = question.kind === "multiple-response", name = dom.uniqueId("q");
    var options = question.kind === "true-false" ? [{ key: "t", text: t("true") }, { key: "f", text: t("false") }]
      : quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.choices))
        .map(function (key) { return byKey(question.choices, key); });
    var inputs = options.map(function (option) {
      var id = dom.uniqueId("c"), input = el("input", { type: multi ? "checkbox" : "radio", name: name, id: id, value: option.key });
      add(fieldset, el("div", { cls: "choice" }, [input, el("label", { "for": id, text: option.text })]));
      return input;
    });
    return {
      read: function () { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }).sort().join(""); },
      show: function (answer) { inputs.forEach(function (i) { i.checked = answer.indexOf(i.value) >= 0; i.disabled = true; }); }
    };
  }
  function matchingInputs(fieldset, question, attempt, player) {
    var rights = quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.pairs), true);
    var selects = question.pairs.map(function (pair) {
      var id = dom.uniqueId("m"), select = el("select", { id: id }, [el("option", { value: "", text: player.t("choose") })]
        .concat(rights.map(function (rightKey) { return el("option", { value: rightKey, text: byKey(question.pairs, rightKey).right }); })));
      add(fieldset, el("div", { cls: "match-row" }, [el("label", { "for": id, text: pair.left }), select]));
      return select;
    });
    return {
      read: function () { var v = selects.map(function (s) { return s.value; }); return v.indexOf("") >= 0 ? null : v.join(""); },
      show: function (answer) { selects.forEach(function (s, i) { s.value = answer.charAt(i); s.disabled = true; }); }
    };
  }
  function orderingInputs(fieldset, question, attempt, player) {
    var t = player.t, order = quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.items), true);
    var frozen = false, list = el("ol", { cls: "order-list" });
    add(fieldset, el("p", { cls: "hint", text: t("order_hint") }));
    add(fieldset, list);
    var textOf = function (k) { return byKey(question.items, k).text; };
    /* redrawn after each move; the focus follows the moved item (its other button at an end) */
    var paint = function (focusKey, direction) {
      dom.clear(list);
      order.forEach(function (k, i) {
        var up = dom.button("", function () { move(i, -1); }, "icon-btn up", { "aria-label": t("move_up", { item: textOf(k) }) });
        var down = dom.button("", function () { move(i, 1); }, "icon-btn down", { "aria-label": t("move_down", { item: textOf(k) }) });
        add(up, el("span", { "aria-hidden": "true", text: "▲" }));
        add(down, el("span", { "aria-hidden": "true", text: "▼" }));
        up.disabled = frozen || i === 0; down.disabled = frozen || i === order.length - 1;
        add(list, el("li", { cls: "order-item" }, [el("span", { cls: "order-n", "aria-hidden": "true", text: String(i + 1) }),
          el("span", { cls: "order-text", text: textOf(k) }), el("span", { cls: "order-btns" }, [up, down])]));
        if (k === focusKey) {
          var same = direction < 0 ? up : down, other = direction < 0 ? down : up;
          (same.disabled ? other : same).focus();
        }
      });
    };
    var move = function (i, direction) {
      var j = i + direction;
      if (j < 0 || j >= order.length) return;
      var k = order[i]; order[i] = order[j]; order[j] = k;
      paint(k, direction);
      player.say(t("moved", { item: textOf(k), n: j + 1, total: order.length }));
    };
    paint();
    return {
      read: function () { return order.join(""); },
      show: function (answer) { order = letters(answer); frozen = true; paint(); }
    };
  }
  /* a prompt of one paragraph goes into the legend without its <p> */
  function legendHtml(html) {
    var box = el("div", { html: html });
    return box.children.length === 1 && box.firstElementChild.tagName === "P" ? box.firstElementChild.innerHTML : html;
  }

  /* after Submit, and when the screen is shown again: the answer locked in, the feedback, the way on */
  function showAnswered(view, answer, announce) {
    var t = view.player.t, assessment = view.player.course.assessment, question = view.question, feedback = view.feedback;
    view.inputs.show(answer);
    view.submit.disabled = true;
    dom.clear(feedback);
    if (assessment.feedback === "immediate") {
      var right = quiz.isRight(question, answer);
      feedback.className = "feedback show " + (right ? "verdict-best" : "verdict-poor");
      add(feedback, el("p", { cls: "verdict", text: right ? t("correct") : t("incorrect") }));
      var general = right ? question.feedback.correct_html : question.feedback.incorrect_html;
      if (general) add(feedback, el("div", { cls: "prose", html: general }));
      (question.choices || []).forEach(function (c) {
        if (answer.indexOf(c.key) >= 0 && c.feedback_html) add(feedback, el("div", { cls: "prose choice-fb", html: c.feedback_html }));
      });
    } else {
      dom.hint(feedback, t("answer_saved"));
    }
    var attempt = view.attempt, last = attempt.qi === view.questions.length - 1;
    var next = dom.button(last ? t("see_results") : t("next_question"), function () {
      if (last) { attempt.ph = "r"; } else { attempt.qi++; }
      view.player.show(view.player.course.assessmentScreen);
    }, dom.PRIMARY);
    add(feedback, el("div", { cls: "actions" }, [next]));
    if (announce) next.focus();
  }

  /* false when the attempt has no question at attempt.qi (the caller shows the results) */
  function renderQuestion(container, attempt, player) {
    var t = player.t, questions = quiz.questionsFor(player.course.assessment, attempt), question = questions[attempt.qi];
    var answered = attempt.an[attempt.qi] != null, started = Date.now();
    if (!question) return false;
    add(container, el("h2", { text: t("question_of", { n: attempt.qi + 1, total: questions.length }), tabindex: "-1" }));
    var view = { player: player, question: question, attempt: attempt, questions: questions };
    view.feedback = el("div", { cls: "feedback", "aria-live": "polite" });
    var fieldset = el("fieldset", { cls: "choices" }, [el("legend", { cls: "q-text", html: legendHtml(question.text_html) })]);
    var kind = question.kind, makeInputs = kind === "single-choice" || kind === "multiple-response" || kind === "true-false"
      ? choiceInputs : kind === "matching" ? matchingInputs : orderingInputs;
    view.inputs = makeInputs(fieldset, question, attempt, player);
    view.submit = dom.button(t("submit"), onSubmit, dom.PRIMARY);
    add(container, fieldset, el("div", { cls: "actions" }, [view.submit]), view.feedback);

    function onSubmit() {
      var answer = view.inputs.read();
      if (answer == null || answer === "") return dom.hint(view.feedback, t(question.kind === "matching" ? "answer_all" : "choose_first"));
      attempt.an[attempt.qi] = answer;
      player.lms.addInteraction(quiz.interactionFor(question, answer, attempt.n, started, dom.plainText(question.text_html)));
      if (attempt.qi === questions.length - 1) { /* the attempt ends at its last answer */
        var percent = quiz.percentOf(questions, attempt.an);
        attempt.sc.push(percent);
        if (player.session.passes(percent)) attempt.ps = 1;
      }
      showAnswered(view, answer, true);
      player.session.sync();
    }
    if (answered) showAnswered(view, attempt.an[attempt.qi], false);
    return true;
  }

  modules.questionView = { render: renderQuestion };
}(typeof window !== "undefined" ? window : global));
/* --- view-assessment.js --- */
/* The assessment's screen by phase (state.js, a.ph): intro, question (view-question.js), results,
   review. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, quiz = modules.quiz, progress = modules.progress;

  function showAssessment(player) { player.show(player.course.assessmentScreen); }
  /* a new attempt takes the next number, also after answers were dropped to fit suspend_data */
  function startAttempt(player, attempt, number) {
    attempt.n = number; attempt.ph = "q"; attempt.qi = 0; attempt.an = [];
    showAssessment(player);
  }

  function renderAssessment(container, player) {
    var t = player.t, assessment = player.course.assessment, state = player.session.state, attempt = state.a;
    add(container, el("p", { cls: "eyebrow", text: assessment.title }));
    if (attempt.ph === "q" && attempt.n > 0) {
      if (modules.questionView.render(container, attempt, player)) return;
      attempt.ph = "r";
      return renderResults(container, attempt, player);
    }
    if (attempt.ph === "v" && attempt.n > 0 && attempt.an.length) return renderReview(container, attempt, player);
    if (attempt.n > 0 && progress.attemptsUsed(state) && (attempt.ph !== "i" || progress.decided(assessment, state))) {
      return renderResults(container, attempt, player);
    }
    add(container, el("h2", { text: assessment.title, tabindex: "-1" }));
    if (assessment.intro_html) add(container, el("div", { cls: "prose", html: assessment.intro_html }));
    add(container, el("ul", { cls: "meta" }, [
      el("li", { text: t("assessment_info", { n: quiz.drawCount(assessment), pass: player.session.passMark() }) }),
      el("li", { text: assessment.attempts ? t("attempts_info", { n: assessment.attempts }) : t("attempts_unlimited") })]));
    add(container, el("div", { cls: "actions" }, [dom.button(t("start_assessment"), function () {
      startAttempt(player, attempt, Math.max(attempt.n, progress.attemptsUsed(state)) + 1);
    }, dom.PRIMARY)]));
  }

  function renderResults(container, attempt, player) {
    var t = player.t, assessment = player.course.assessment, state = player.session.state;
    var percent = attempt.sc[attempt.sc.length - 1], passed = progress.passed(state), used = progress.attemptsUsed(state);
    var canRetry = progress.attemptsLeft(assessment, state);
    add(container, el("h2", { text: t("results"), tabindex: "-1" }));
    var box = el("div", { cls: "results " + (passed ? "is-passed" : "is-failed"), role: "status" }, [
      el("p", { cls: "big-score", text: t("your_score", { n: percent }) }),
      el("p", { cls: "verdict", text: passed ? t("passed") : t("not_passed") }),
      el("ul", { cls: "meta" }, [el("li", { text: t("pass_mark", { n: player.session.passMark() }) }),
        el("li", { text: assessment.attempts ? t("attempts_used", { used: used, allowed: assessment.attempts })
          : t("attempts_used_unlimited", { used: used }) })])
    ]);
    add(container, box, !passed && !canRetry && el("p", { text: t("no_attempts_left") }),
      assessment.feedback === "end" && attempt.an.length && reviewList(attempt, false, player));
    var actions = el("div", { cls: "actions" });
    if (!passed && canRetry) {
      add(actions, dom.button(t("retry"), function () { startAttempt(player, attempt, progress.attemptsUsed(state) + 1); }, dom.PRIMARY));
    }
    if (assessment.review && attempt.an.length && !attempt.nr) {
      add(actions, dom.button(t("review_answers"), function () { attempt.ph = "v"; showAssessment(player); }));
    }
    add(container, actions);
  }

  /* each question right or wrong with its feedback; full: also the learner's and the right answer */
  function reviewList(attempt, full, player) {
    var t = player.t, questions = quiz.questionsFor(player.course.assessment, attempt);
    var lines = function (texts) { return el("ul", {}, texts.map(function (s) { return el("li", { text: s }); })); };
    return el("ol", { cls: "review" }, questions.map(function (question, i) {
      var answer = attempt.an[i], right = answer != null && quiz.isRight(question, answer);
      var parts = [el("div", { cls: "prose", html: question.text_html }),
        el("p", { cls: "verdict " + (right ? "ok" : "ko"), text: right ? t("correct") : t("incorrect") }),
        el("div", { cls: "prose", html: right ? question.feedback.correct_html : question.feedback.incorrect_html })];
      if (full) {
        parts.push(el("p", { cls: "rv-label", text: t("your_answer") }), lines(quiz.answerText(question, answer, t)));
        parts.push(el("p", { cls: "rv-label", text: t("correct_answer") }), lines(quiz.answerText(question, quiz.correctAnswer(question), t)));
      }
      return el("li", { cls: "rv-item" }, parts);
    }));
  }
  function renderReview(container, attempt, player) {
    add(container, el("h2", { text: player.t("review"), tabindex: "-1" }), reviewList(attempt, true, player),
      el("div", { cls: "actions" }, [dom.button(player.t("back_to_results"), function () { attempt.ph = "r"; showAssessment(player); })]));
  }

  modules.assessmentView = { render: renderAssessment };
}(typeof window !== "undefined" ? window : global));
/* --- view-frame.js --- */
/* The screens around the pages: the title screen, the frame (header, outline, footer), moving
   between screens, and the end screens of Exit and Finish (docs/player.md, section 11). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, button = dom.button, progress = modules.progress;
  /* one frame per page: main.js's player context, the #app element, and the frame's live parts,
     emptied at the end screen so that later updates do nothing */
  var player, app, parts = {};

  function noLmsNote() {
    var t = player.t;
    return player.lms.connected() ? null : el("p", { cls: "nolms" }, [el("span", { text: t("no_lms") }),
      el("span", { cls: "sr", text: " " + t("no_lms_detail") })]);
  }
  function titleScreen() {
    var t = player.t, course = player.course, info = course.info, meta = [], resume = player.session.resumable;
    dom.clear(app);
    if (info.duration_minutes) meta.push(t("duration", { n: info.duration_minutes }));
    meta.push(course.lessons.length === 1 ? t("lesson_count_one") : t("lesson_count", { n: course.lessons.length }));
    if (course.assessment) meta.push(t("with_assessment"));
    add(app, el("main", { cls: "title-screen", id: "main" }, [el("div", { cls: "title-card" }, [
      el("h1", { text: info.title }),
      info.description ? el("p", { cls: "lead", text: info.description }) : null,
      el("ul", { cls: "meta" }, meta.map(function (m) { return el("li", { text: m }); })),
      resume ? el("p", { text: t("welcome_back") }) : null,
      button(resume ? t("resume") : t("start"), begin, "btn primary big"),
      noLmsNote()])]));
  }

  function header() {
    var t = player.t, brand = player.brand, title = el("h1", { cls: "course-title", text: player.course.info.title });
    parts.bar = el("div", { cls: "bar-fill" });
    parts.progress = el("div", { cls: "progress", role: "progressbar", "aria-label": t("progress"), "aria-valuemin": "0",
      "aria-valuemax": "100" }, [parts.bar]);
    parts.alert = el("p", { cls: "alert", role: "status" });
    var logo = brand && brand.logo ? el("img", { cls: "logo", src: brand.logo, alt: brand.logo_alt }) : null;
    return el("header", { cls: "top" }, [logo, title, parts.progress, noLmsNote(), button(t("exit"), exitCourse, "btn ghost")]);
  }
  function begin() {
    var t = player.t, state = player.session.state;
    state.s = 1;
    dom.clear(app);
    var top = header(), listId = dom.uniqueId("outline");
    parts.list = el("ol", { cls: "outline-list closed", id: listId });
    /* on phones the outline collapses behind this button (player.css) */
    parts.toggle = button(t("outline"), function () {
      var open = parts.toggle.getAttribute("aria-expanded") !== "true";
      parts.toggle.setAttribute("aria-expanded", String(open));
      parts.list.classList.toggle("closed", !open);
    }, "outline-toggle", { "aria-expanded": "false", "aria-controls": listId });
    parts.nav = el("nav", { "aria-label": t("outline") }, [parts.toggle, parts.list]);
    parts.main = el("main", { id: "main" });
    parts.previous = button(t("previous"), function () { show(state.l - 1); });
    parts.next = button(t("next"), function () { show(state.l + 1); }, dom.PRIMARY);
    parts.finish = button(t("finish"), finishCourse, dom.PRIMARY);
    parts.say = el("p", { cls: "sr", role: "status" });
    var footer = el("footer", { cls: "foot" }, [parts.previous, parts.alert, parts.say, parts.next, parts.finish]);
    add(app, top);
    add(app, el("div", { cls: "layout" }, [parts.nav, el("div", { cls: "content" }, [parts.main, footer])]));
    show(state.l);
  }

  /* screen k: a lesson page or the assessment; Next is never blocked */
  function show(k) {
    var t = player.t, course = player.course, state = player.session.state;
    if (k < 0 || k >= course.screenCount) return;
    state.l = k;
    if (k < course.pageCount && state.vw.charAt(k) !== "1") state.vw = state.vw.slice(0, k) + "1" + state.vw.slice(k + 1);
    dom.clear(parts.main);
    var page = el("div", { cls: "page" });
    add(parts.main, page);
    if (k === course.assessmentScreen) modules.assessmentView.render(page, player);
    else {
      var entry = course.pages[k], lesson = course.lessons[entry.lessonIndex];
      add(page, el("p", { cls: "eyebrow", text: t("lesson_n", { n: entry.lessonIndex + 1 }) + " · " + lesson.title + " · " +
        t("page_of", { n: entry.pageIndex + 1, total: lesson.pages.length }) }));
      add(page, el("h2", { text: entry.page.title, tabindex: "-1" }));
      modules.pageViews[entry.page.kind](page, entry.page, k, player);
    }
    player.session.sync();
    parts.toggle.setAttribute("aria-expanded", "false");
    parts.list.classList.add("closed");
    window.scrollTo(0, 0);
    dom.focusHeading(page);
  }

  function outlineItem(title, sub, mark, current, done, k) {
    add(parts.list, el("li", { cls: (current ? "current " : "") + (done ? "done" : "") }, [
      el("button", { type: "button", cls: "ol-item", "aria-current": current ? "true" : null, onclick: function () { show(k); } }, [
        el("span", { cls: "ol-mark", "aria-hidden": "true", text: done ? "✓" : mark }),
        el("span", { cls: "ol-text" }, [el("span", { cls: "ol-title", text: title }), el("span", { cls: "ol-sub", text: sub })])])]));
  }
  /* after every sync: the progress bar, the outline and the footer buttons */
  function refresh() {
    if (!parts.list) return;
    var t = player.t, course = player.course, state = player.session.state, assessment = course.assessment;
    var percent = Math.round(progress.measure(course, state) * 100);
    parts.bar.style.width = percent + "%";
    parts.progress.setAttribute("aria-valuenow", String(percent));
    dom.clear(parts.list);
    course.lessons.forEach(function (lesson, li) {
      var count = progress.lessonViewed(course, state, li), done = count.viewed === count.total;
      outlineItem(lesson.title, (done ? t("done") + " · " : "") + t("pages_viewed", { n: count.viewed, total: count.total }),
        String(li + 1), state.l < course.pageCount && course.pages[state.l].lessonIndex === li, done, count.first);
    });
    if (assessment) {
      var best = progress.bestScore(state), passed = progress.passed(state);
      outlineItem(assessment.title, passed ? t("status_passed", { n: best })
        : progress.failedFinal(assessment, state) ? t("status_failed", { n: best })
          : state.a.n > 0 ? t("status_in_progress") : t("status_not_started"),
      "★", state.l === course.assessmentScreen, passed, course.assessmentScreen);
    }
    var current = parts.list.querySelector(".current");
    if (current) parts.list.scrollTop = current.offsetTop - 60;
    var last = state.l === course.screenCount - 1;
    parts.previous.disabled = state.l === 0;
    parts.next.hidden = last;
    parts.finish.hidden = !last;
  }

  function endScreen(title, message) {
    dom.clear(app);
    var main = el("main", { id: "main", cls: "title-screen" }, [el("div", { cls: "title-card" }, [
      el("p", { cls: "eyebrow", text: player.course.info.title }), el("h1", { text: title }), el("p", { text: message })])]);
    add(app, main);
    parts = {};
    dom.focusHeading(main);
  }
  function exitCourse() {
    player.session.end(true);
    endScreen(player.t("exited_title"), player.t("exited"));
  }
  function finishCourse() {
    var t = player.t, done = player.session.isComplete();
    player.session.end(true);
    endScreen(done ? t("finished_title") : t("exited_title"), done ? t("finished") : t("finished_incomplete"));
  }
  /* failed: a commit failed for good (lms-connection.js) */
  function notice(failed) {
    if (parts.alert) parts.alert.textContent = failed ? player.t("save_failed") : "";
  }
  /* emptied first, so that the same words are announced again */
  function say(message) {
    var region = parts.say;
    if (!region) return;
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 30);
  }

  modules.frameView = {
    create: function (context, appElement) {
      player = context; app = appElement;
      return { titleScreen: titleScreen, show: show, refresh: refresh, notice: notice, say: say };
    }
  };
}(typeof window !== "undefined" ? window : global));
/* --- main.js --- */
/* The start: reads the course data, wires the modules, launches. `player` is the context every
   view receives; window.scormPlayer is for testers (docs/player.md, section 10). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder;

  var data = JSON.parse(document.getElementById("course-data").textContent);
  var course = modules.progress.outline(data);
  var lms = modules.lmsAdapter.create(course.family === "scorm12" ? modules.lmsScorm12 : modules.lmsScorm2004,
    { language: course.info.language });
  var player = { course: course, t: modules.dom.translator(data.strings || {}), brand: data.brand, lms: lms };
  var frame = modules.frameView.create(player, document.getElementById("app"));
  player.session = modules.session.create(course, lms, frame.refresh);
  player.show = frame.show;
  player.say = frame.say;
  lms.onSaveResult(frame.notice);

  /* only a fallback: Exit and Finish end the session themselves, and then this does nothing */
  window.addEventListener("pagehide", function () { player.session.end(false); });
  window.scormPlayer = {
    log: lms.log,
    state: function () { return player.session.state; },
    connected: lms.connected,
    suspendData: player.session.suspendData,
    passMark: player.session.passMark
  };
  player.session.launch();
  frame.titleScreen();
}(window));
