/* The learner's saved state: a fresh one, reading a saved one back, and writing it as suspend_data
   within the LMS's budget. Pure: the course comes in as an argument (progress.stateShape).

   THE FORMAT (this comment is its one description; docs/player.md section 6 and
   scorm_builder/render/suspend.py, which bounds its length, refer to it). Compact JSON keyed by
   the course's own ids, so that a republished course reads what still holds and drops the rest:

     {"v":2,"c":"every-kind","l":"*","vw":"welcome double-charge outage",
      "sc":{"double-charge":[2,"a","09347"]},"dg":{"outage":[1,"b","0d61e"]},
      "a":{"sd":1890369619,"n":1,"ph":"q","qi":1,"q":[["q-first","b","00f8b"],["q-signals"],["q-script"],
      ["q-match"],["q-steps"]],"sc":[],"ps":0},"s":1}

   v      format version, 2 (a version 1 state is read too: see fromVersion1)
   c      the course id; a state of another course is ignored
   l      the bookmark: the page id, or * for the assessment
   vw     the ids of the pages viewed, separated by spaces
   sc     scenarios by page id: [answers given] or [answers given, key of the answer on screen, h]
   dg     dialogues by page id: [play-through] or [play-through, keys chosen from the start, h]; the
          path rebuilds the node, the scores and the history
   rp     coached replies by page id: [replies sent] or [replies sent, checklist result, rating, h]
          (reply-record.js); never the text; left out while there is none
   cb     calibration pages by page id: [scorings given] or [scorings given, the learner's scores on
          screen, a digit per rubric criterion in order ("021"), h]; left out while there is none
   a.sd   the seed of the question draw and of the shuffles (1..2147483646)
   a.n    the current attempt number (0 = not started)
   a.ph   where the learner is: i intro, q a question, r results, v review
   a.qi   the question on screen, an index into a.q
   a.q    the questions of attempt a.n in the order asked: [question id] or [question id, answer, h].
          Answers are choice keys ("ac"), t/f, the right-hand key chosen for each left item in
          order (matching), the item keys in the learner's order (ordering)
   a.sc   each finished attempt's percentage
   a.ps   1 once passed
   a.nr   1 when the answers for review were dropped (to save space, or because a question changed)
   pr, rv, cf  practice results, review pages opened, confidence ratings (practice.js describes them)
   s      1 once the learner pressed Start (the title screen then offers Resume)
   vb, f  only when the viewed pages' ids don't fit the budget: one 0/1 per page in the build's
          order, valid only for the build whose structure fingerprint (data.course.fingerprint) is f
   `a` is left out in a course without an assessment.

   h is the item's content hash, made at build time (scorm_builder/render/item_hashes.py: the
   options, choices, pairs, items, answer and dialogue nodes). An answer is kept only while its
   item's hash is the same, so a republished course never reads an answer against changed options;
   the counts stay, so interaction ids stay unique.

   READING never throws and never trusts: every field is checked for type and range, and what is
   invalid is dropped item by item (unknown keys too); an invalid bookmark falls back to the LMS's
   (cmi.location). An attempt in progress goes on from its first question without a kept answer.
   The live state the views use is by screen index: {l, vw: "0101", sc: {index: [tries, key]},
   dg: {index: [plays, path]}, a, s}; a.q and a.qn (the attempt they belong to) keep a saved
   attempt's questions, so a republished pool doesn't change an attempt underway.

   THE BUDGET: 4,096 characters in SCORM 1.2, 64,000 in 2004. A longer state loses detail in the
   order of encode()'s steps until it fits; it never loses the bookmark, the viewed pages, the
   attempt count, the scores or the passed flag, so the status can always be recomputed. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var inNode = typeof module !== "undefined";
  var quiz = inNode ? require("./quiz.js") : modules.quiz;
  var answerKeys = inNode ? require("./answer-keys.js") : modules.answerKeys;

  var VERSION = 2, SEED_MAX = 2147483646, COUNT_MAX = 1000000, AT_ASSESSMENT = "*";
  var PATH = /^[a-z]+$/, BITS = /^[01]*$/;

  /* practice.js and reply-record.js when the package has them (looked up when used, as they come later in player.js) */
  function practiceModule() { return inNode ? require("./practice.js") : modules.practice; }
  function replyModule() { return inNode ? require("./reply-record.js") : modules.replyRecord; }
  function isRecord(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isCount(v) { return typeof v === "number" && v % 1 === 0 && v >= 0 && v <= COUNT_MAX; }
  function isPercent(v) { return typeof v === "number" && v % 1 === 0 && v >= 0 && v <= 100; }
  function isSeed(v) { return typeof v === "number" && v % 1 === 0 && v >= 1 && v <= SEED_MAX; }
  /* record[key] only when record is a plain object that has it (never its prototype's) */
  function own(record, key) { return isRecord(record) && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined; }

  function freshAttempt(random) {
    return { sd: Math.floor((random || Math.random)() * SEED_MAX) + 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 };
  }
  /* shape: {courseId, fingerprint, pages: the pages' data in order, assessment: its data or null};
     random: Math.random or a stand-in */
  function fresh(shape, random) {
    return { l: 0, vw: new Array(shape.pages.length + 1).join("0"), sc: {}, dg: {},
      a: shape.assessment ? freshAttempt(random) : null };
  }

  /* the screen a bookmark names: a page id, or `assessmentWord` (* in the state, "assessment" in
     cmi.location); -1 when the course has no such screen */
  function screenOf(shape, id, assessmentWord) {
    if (typeof id !== "string" || id === "") return -1;
    if (id === assessmentWord && shape.assessment) return shape.pages.length;
    for (var k = 0; k < shape.pages.length; k++) if (shape.pages[k].id === id) return k;
    return -1;
  }
  /* a fresh state at the LMS's bookmark (cmi.location), for when there is no usable saved state;
     null when the bookmark names no screen past the first */
  function fromBookmark(shape, location, random) {
    var at = screenOf(shape, location, "assessment");
    if (at <= 0) return null;
    var state = fresh(shape, random);
    state.l = at; state.s = 1;
    return state;
  }

  function loadViewed(saved, shape) {
    var seen = {};
    if (typeof saved.vw === "string") saved.vw.split(" ").forEach(function (id) { seen["#" + id] = true; });
    var bits = typeof saved.vb === "string" && saved.f === shape.fingerprint && saved.vb.length === shape.pages.length &&
      BITS.test(saved.vb) ? saved.vb : "";
    return shape.pages.map(function (page, k) { return seen["#" + page.id] || bits.charAt(k) === "1" ? "1" : "0"; }).join("");
  }
  /* [tries, key]: the key only while the options are the ones it was chosen from */
  function scenarioRecord(saved, page) {
    if (!Array.isArray(saved) || !isCount(saved[0]) || saved[0] === 0) return null;
    var key = saved[1], keep = typeof key === "string" && saved[2] === page.h && !!answerKeys.byKey(page.options, key);
    return [saved[0], keep ? key : ""];
  }
  /* [plays, path]: a path that no longer holds starts a new play-through, so its interaction ids
     stay unique */
  function dialogueRecord(saved, page) {
    if (!Array.isArray(saved) || !isCount(saved[0]) || saved[0] === 0) return null;
    var path = saved[1];
    if (path === undefined || path === "") return [saved[0], ""];
    return typeof path === "string" && PATH.test(path) && saved[2] === page.h ? [saved[0], path] : [saved[0] + 1, ""];
  }
  /* when calibration */
  /* [tries, scores]: the scores only while the transcript and the expert's scores are the ones they were given for */
  function calibrationRecord(saved, page) {
    if (!Array.isArray(saved) || !isCount(saved[0]) || saved[0] === 0) return null;
    var scores = saved[1], keep = typeof scores === "string" && /^[0-9]+$/.test(scores) &&
      scores.length === page.expert.length && saved[2] === page.h;
    return [saved[0], keep ? scores : ""];
  }
  /* end when */
  function loadPageRecords(saved, shape, state) {
    /* when calibration */
    shape.pages.forEach(function (page, k) {
      var record = page.kind === "calibration" ? calibrationRecord(own(saved.cb, page.id), page) : null;
      if (record) (state.cb = state.cb || {})[k] = record; /* cb: only in a state that has one */
    });
    /* end when */
    shape.pages.forEach(function (page, k) {
      var record = page.kind === "scenario" ? scenarioRecord(own(saved.sc, page.id), page)
        : page.kind === "dialogue" ? dialogueRecord(own(saved.dg, page.id), page) : null;
      if (record) state[page.kind === "scenario" ? "sc" : "dg"][k] = record;
    });
  }

  /* the saved questions of an attempt against the course's pool: {ids, answers (null where none
     is kept), changed: a question is gone, or an answer was given to a question that changed} */
  function drawnQuestions(list, assessment) {
    var pool = {}, ids = [], answers = [], changed = false;
    assessment.questions.forEach(function (q) { pool["#" + q.id] = q; });
    list.forEach(function (record) {
      var question = Array.isArray(record) && typeof record[0] === "string" ? pool["#" + record[0]] : null;
      if (!question || ids.indexOf(question.id) >= 0) { changed = true; return; }
      var given = typeof record[1] === "string" && record[1] !== "";
      var kept = given && record[2] === question.h && quiz.validAnswer(question, record[1]);
      if (given && !kept) changed = true;
      ids.push(question.id);
      answers.push(kept ? record[1] : null);
    });
    return { ids: ids, answers: answers, changed: changed };
  }
  /* a finished attempt: its answers only serve the review, so they are kept whole or not at all */
  function finishedAttempt(attempt, phase, drawn) {
    attempt.ph = phase === "v" ? "v" : "r";
    if (drawn.changed) attempt.nr = 1;
    if (drawn.changed || !drawn.ids.length) { attempt.ph = "r"; return attempt; }
    attempt.q = drawn.ids; attempt.qn = attempt.n; attempt.an = drawn.answers; attempt.qi = drawn.ids.length - 1;
    return attempt;
  }
  /* an attempt in progress keeps every answer still valid and goes on from its first question
     without one, or shows the answer just given when that is the question before. An attempt ends
     at the answer to its last question, so that one is never kept here (the learner walks through
     the open questions to it). With no question left it restarts at the intro, and the next
     attempt takes a new number */
  function attemptInProgress(attempt, drawn, savedQi, list) {
    var answers = drawn.answers, last = answers.length - 1;
    if (!drawn.ids.length) return attempt;
    answers[last] = null;
    var open = answers.indexOf(null);
    var current = isCount(savedQi) && Array.isArray(list[savedQi]) ? drawn.ids.indexOf(list[savedQi][0]) : -1;
    while (answers.length && answers[answers.length - 1] === null) answers.pop();
    attempt.ph = "q"; attempt.q = drawn.ids; attempt.qn = attempt.n; attempt.an = answers;
    attempt.qi = current >= 0 && current === open - 1 ? current : open;
    return attempt;
  }
  function loadAttempt(saved, assessment, start) {
    if (!isRecord(saved)) return start;
    var scores = Array.isArray(saved.sc) ? saved.sc.filter(isPercent) : [];
    var attempt = { sd: isSeed(saved.sd) ? saved.sd : start.sd, n: Math.max(isCount(saved.n) ? saved.n : 0, scores.length),
      ph: "i", qi: 0, an: [], sc: scores, ps: saved.ps === 1 && scores.length ? 1 : 0 };
    if (saved.nr === 1) attempt.nr = 1;
    var phase = saved.ph === "q" || saved.ph === "r" || saved.ph === "v" ? saved.ph : "i";
    if (attempt.n === 0 || phase === "i") return attempt;
    var list = Array.isArray(saved.q) ? saved.q : [], last = list[list.length - 1];
    var finished = phase !== "q" || (saved.qi === list.length - 1 && Array.isArray(last) && typeof last[1] === "string" && last[1] !== "");
    var drawn = drawnQuestions(list, assessment);
    return finished ? finishedAttempt(attempt, phase, drawn) : attemptInProgress(attempt, drawn, saved.qi, list);
  }

  /* a version 1 state (by screen index, tied to the build's structure fingerprint) as version 2.
     The fingerprint covers the page ids and their order but not the options' order, so only what
     doesn't depend on the options is carried: the pages viewed, the bookmark, the counts, the scores */
  function fromVersion1(old, shape) {
    if (old.f !== shape.fingerprint) return null;
    var pages = shape.pages, out = { v: VERSION, c: shape.courseId, sc: {}, dg: {}, s: old.s };
    if (typeof old.vw === "string" && old.vw.length === pages.length) {
      out.vw = pages.filter(function (p, k) { return old.vw.charAt(k) === "1"; }).map(function (p) { return p.id; }).join(" ");
    }
    if (isCount(old.l)) out.l = old.l === pages.length ? AT_ASSESSMENT : pages[old.l] ? pages[old.l].id : "";
    pages.forEach(function (page, k) {
      var record = own(page.kind === "scenario" ? old.sc : old.dg, String(k));
      if (!Array.isArray(record) || !isCount(record[0])) return;
      if (page.kind === "scenario") out.sc[page.id] = [record[0]];
      if (page.kind === "dialogue") out.dg[page.id] = [record[1] ? record[0] + 1 : record[0]];
    });
    var a = old.a;
    if (isRecord(a)) {
      var finished = a.ph === "r" || a.ph === "v";
      out.a = { sd: a.sd, n: a.n, ph: finished ? "r" : "i", sc: a.sc, ps: a.ps,
        nr: a.nr === 1 || (finished && Array.isArray(a.an) && a.an.length > 0) ? 1 : 0 };
    }
    return out;
  }

  /* the saved text as a live state, or null when it isn't a state of this course; `location` is
     the LMS's bookmark (cmi.location), used when the state's own names no screen */
  function load(text, shape, location) {
    var saved;
    try { saved = JSON.parse(text); } catch (e) { return null; }
    if (!isRecord(saved)) return null;
    if (saved.v === 1) saved = fromVersion1(saved, shape);
    if (!saved || saved.v !== VERSION || saved.c !== shape.courseId) return null;
    var state = fresh(shape);
    state.vw = loadViewed(saved, shape);
    state.l = screenOf(shape, saved.l, AT_ASSESSMENT);
    if (state.l < 0) state.l = Math.max(0, screenOf(shape, location, "assessment"));
    loadPageRecords(saved, shape, state);
    /* when practice confidence */
    var practice = practiceModule();
    if (practice) practice.load(saved, shape, state); /* pr, rv, cf: practice.js */
    /* end when */
    /* when reply */
    var replies = replyModule();
    if (replies) replies.load(saved.rp, shape, state); /* rp: reply-record.js */
    /* end when */
    if (shape.assessment) state.a = loadAttempt(saved.a, shape.assessment, state.a);
    if (saved.s === 1) state.s = 1;
    return state;
  }

  function savedAttempt(attempt, assessment) {
    var out = { sd: attempt.sd, n: attempt.n, ph: attempt.ph, qi: attempt.qi };
    if (attempt.n > 0 && (attempt.ph === "q" || ((attempt.ph === "r" || attempt.ph === "v") && attempt.an.length))) {
      out.q = quiz.questionsFor(assessment, attempt).map(function (q, i) {
        var answer = attempt.an[i];
        return typeof answer === "string" && answer !== "" ? [q.id, answer, q.h] : [q.id];
      });
    }
    out.sc = attempt.sc; out.ps = attempt.ps;
    if (attempt.nr) out.nr = 1;
    return out;
  }
  /* the live state in the saved format, every detail kept */
  function toSaved(state, shape) {
    var pages = shape.pages, out = { v: VERSION, c: shape.courseId };
    out.l = state.l >= pages.length ? AT_ASSESSMENT : pages[state.l] ? pages[state.l].id : "";
    out.vw = pages.filter(function (p, k) { return state.vw.charAt(k) === "1"; }).map(function (p) { return p.id; }).join(" ");
    out.sc = {}; out.dg = {};
    /* when calibration */
    var cb = {};
    pages.forEach(function (page, k) {
      var record = page.kind === "calibration" && state.cb && state.cb[k];
      if (record) cb[page.id] = record[1] ? [record[0], record[1], page.h] : [record[0]];
    });
    if (Object.keys(cb).length) out.cb = cb;
    /* end when */
    pages.forEach(function (page, k) {
      var scenario = page.kind === "scenario" && state.sc[k], dialogue = page.kind === "dialogue" && state.dg[k];
      if (scenario) out.sc[page.id] = scenario[1] ? [scenario[0], scenario[1], page.h] : [scenario[0]];
      if (dialogue) out.dg[page.id] = dialogue[1] ? [dialogue[0], dialogue[1], page.h] : [dialogue[0]];
    });
    /* when reply */
    var replies = replyModule();
    if (replies) replies.save(state, shape, out); /* rp, left out while there is none: reply-record.js */
    /* end when */
    /* when practice confidence */
    var practice = practiceModule(); /* after rp, in the order of the bound's state (render/suspend.py) */
    if (practice) practice.save(state, shape, out); /* pr, rv, cf (never dropped for the budget): practice.js */
    /* end when */
    if (state.a) out.a = savedAttempt(state.a, shape.assessment);
    if (state.s) out.s = 1;
    return out;
  }

  /* the state as suspend_data, cut down to the budget by dropping detail, least useful first */
  function encode(state, budget, shape) {
    var out = toSaved(state, shape), text = JSON.stringify(out);
    var steps = [
      /* 1. the answers kept for Review answers after an attempt */
      function () { if (out.a && out.a.q && out.a.ph !== "q") { delete out.a.q; out.a.ph = "r"; out.a.nr = 1; } },
      /* 2. the dialogue paths: a dialogue restarts as a new play-through, so its ids stay unique */
      function () { Object.keys(out.dg).forEach(function (id) { var d = out.dg[id]; out.dg[id] = [d.length > 1 ? d[0] + 1 : d[0]]; }); },
      /* 3. the scenario answers on screen; the counts stay, so interaction ids stay unique */
      function () {
        Object.keys(out.sc).forEach(function (id) { out.sc[id] = [out.sc[id][0]]; });
        Object.keys(out.cb || {}).forEach(function (id) { out.cb[id] = [out.cb[id][0]]; });
      },
      /* 4. the viewed pages by position instead of by id: still read by this build, not by a republished one */
      function () { delete out.vw; out.vb = state.vw; out.f = shape.fingerprint; },
      /* 5. all scenario and dialogue records */
      function () { out.sc = {}; out.dg = {}; delete out.cb; delete out.rp; },
      /* 6. the answers of an attempt in progress: it restarts at its intro, the next attempt gets a new number */
      function () { if (out.a && out.a.ph === "q") { delete out.a.q; out.a.ph = "i"; out.a.qi = 0; } }
    ];
    for (var i = 0; text.length > budget && i < steps.length; i++) { steps[i](); text = JSON.stringify(out); }
    return text;
  }

  var state = { fresh: fresh, load: load, fromBookmark: fromBookmark, screenOf: screenOf,
    encode: encode };
  modules.state = state;
  if (typeof module !== "undefined") module.exports = state;
}(typeof window !== "undefined" ? window : global));
