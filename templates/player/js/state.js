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
