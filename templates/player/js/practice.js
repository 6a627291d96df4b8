/* Practice that counts and the way back (docs/player.md, "Practice that counts"). Pure: progress.js,
   state.js and the views call it only when it is in the package.

   The live state gains three records, by page id (state.js saves them as they are, and never drops
   them for the budget, as the score and the completion rule are made from them):
     pr  the first result of each scenario (its first answer) and dialogue (its first ending):
         2 best or good, 1 acceptable or mixed, 0 poor; saved as "blocked-card:0 fraud-call:2"
     rv  the remediation pages a review link opened to this learner; saved as "why-feelings"
     cf  the ratings of each confidence page, one digit 1-5 per principle (0: not rated), with the
         page's hash; saved as {"conf-start": ["34", "9f8fc"]}
   The course score with weights is
     round((best attempt x assessment_weight + sum of result% x weight) / (assessment_weight + sum of weights))
   where a result not given yet counts 0 %. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  var DIGIT = { best: 2, good: 2, acceptable: 1, mixed: 1, poor: 0 };
  var OPS = {
    ">=": function (a, b) { return a >= b; }, "<=": function (a, b) { return a <= b; },
    ">": function (a, b) { return a > b; }, "<": function (a, b) { return a < b; },
    "==": function (a, b) { return a === b; }, "!=": function (a, b) { return a !== b; }
  };
  var ID = /^[a-z][a-z0-9-]{0,47}$/, RATINGS = /^[0-5]{1,100}$/;
  function own(record, key) { return record && typeof record === "object" && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined; }

  /* a choice's next node after the totals that include its own effects: its first route that holds */
  function routeNext(choice, totals) {
    var routes = choice.routes || [];
    for (var i = 0; i < routes.length; i++) {
      var ok = routes[i].when.every(function (c) { return OPS[c[1]] && OPS[c[1]](totals[c[0]] || 0, c[2]); });
      if (ok) return routes[i].next;
    }
    return choice.next;
  }

  function isRemediation(page) { return !!(page && page.remediation); }
  function isPractice(page) { return page.kind === "scenario" || page.kind === "dialogue"; }
  /* a remediation page the learner was not sent to is hidden */
  function hidden(page, state) { return isRemediation(page) && !(state.rv && state.rv[page.id]); }

  /* the first result of a scenario or dialogue; later ones (Try again, Replay) don't change it */
  function recordResult(state, page, verdict) {
    state.pr = state.pr || {};
    if (own(state.pr, page.id) == null && DIGIT[verdict] != null) state.pr[page.id] = DIGIT[verdict];
  }
  function openReview(state, pageId) { state.rv = state.rv || {}; state.rv[pageId] = true; }
  function resultOf(state, page) {
    var digit = own(state.pr, page.id);
    return digit == null ? null : digit * 50;
  }

  /* every page viewed but the remediation pages */
  function lessonsDone(course, state) {
    return course.pages.every(function (entry, k) { return state.vw.charAt(k) === "1" || isRemediation(entry.page); });
  }
  function practiceDone(course, state) {
    return course.pages.every(function (entry) { return !isPractice(entry.page) || resultOf(state, entry.page) != null; });
  }
  /* the mapping rule (course.info.completion "lessons+practice+assessment"); null for the words of before */
  function ruleMet(course, state, passed) {
    var rule = course.info.completion;
    if (typeof rule !== "string" || rule.indexOf("+") < 0 && rule.indexOf("practice") < 0) return null;
    return rule.split("+").every(function (part) {
      return part === "lessons" ? lessonsDone(course, state) : part === "practice" ? practiceDone(course, state) : passed;
    });
  }
  /* {viewed, total} of the pages that count for progress: remediation pages don't */
  function pageCounts(course, state) {
    var viewed = 0, total = 0;
    course.pages.forEach(function (entry, k) {
      if (isRemediation(entry.page)) return;
      total++;
      if (state.vw.charAt(k) === "1") viewed++;
    });
    return { viewed: viewed, total: total };
  }

  /* the eyebrow's "Page {page} of {pages}" for screen k: its place among the pages of its lesson this
     learner is shown (view-frame.js); a remediation page counts once opened to them, and always when on it */
  function lessonPlace(course, state, k) {
    var li = course.pages[k].lessonIndex, place = { page: 0, pages: 0 };
    course.pages.forEach(function (entry, j) {
      if (entry.lessonIndex !== li || (j !== k && hidden(entry.page, state))) return;
      place.pages++;
      if (j <= k) place.page++;
    });
    return place;
  }

  /* the course score with weights (see above); assessmentBest: the best attempt once the assessment is
     decided, else null. null while it can't be given: the assessment undecided, or (without one) a
     weighted result missing */
  function courseScore(course, state, assessmentBest) {
    var info = course.info.practice, total = 0, weights = 0, missing = false;
    if (!info) return assessmentBest;
    if (course.assessment) {
      if (assessmentBest == null) return null;
      total = assessmentBest * info.assessment_weight; weights = info.assessment_weight;
    }
    course.pages.forEach(function (entry) {
      var page = entry.page, result = resultOf(state, page);
      if (!page.weight) return;
      if (result == null) missing = true;
      total += (result || 0) * page.weight; weights += page.weight;
    });
    if (!weights || (!course.assessment && missing)) return null;
    return Math.round(total / weights);
  }

  /* the saved records into the live state, each checked against the course (unknown ids dropped) */
  function load(saved, shape, state) {
    var byId = {};
    shape.pages.forEach(function (page) { byId["#" + page.id] = page; });
    if (typeof saved.pr === "string") saved.pr.split(" ").forEach(function (item) {
      var parts = item.split(":"), page = byId["#" + parts[0]];
      if (page && isPractice(page) && /^[012]$/.test(parts[1] || "")) { state.pr = state.pr || {}; state.pr[page.id] = +parts[1]; }
    });
    if (typeof saved.rv === "string") saved.rv.split(" ").forEach(function (id) {
      if (ID.test(id) && isRemediation(byId["#" + id])) openReview(state, id);
    });
    shape.pages.forEach(function (page) {
      var record = page.kind === "confidence" ? own(saved.cf, page.id) : undefined;
      if (Array.isArray(record) && typeof record[0] === "string" && RATINGS.test(record[0]) && record[1] === page.h &&
        record[0].length === page.principles.length) { state.cf = state.cf || {}; state.cf[page.id] = record[0]; }
    });
  }
  /* the live records in the saved format; nothing is written for a course that has none */
  function save(state, shape, out) {
    var pr = state.pr || {}, rv = state.rv || {}, cf = state.cf || {}, pages = shape.pages;
    var results = pages.filter(function (p) { return own(pr, p.id) != null; }).map(function (p) { return p.id + ":" + pr[p.id]; });
    var reviews = pages.filter(function (p) { return rv[p.id]; }).map(function (p) { return p.id; });
    var ratings = pages.filter(function (p) { return own(cf, p.id) != null; });
    if (results.length) out.pr = results.join(" ");
    if (reviews.length) out.rv = reviews.join(" ");
    if (ratings.length) {
      out.cf = {};
      ratings.forEach(function (p) { out.cf[p.id] = [cf[p.id], p.h]; });
    }
  }

  /* the change per principle between the 'before' and 'after' confidence pages: [{id, title, before, after}]
     for the principles rated on both */
  function confidenceChange(course, state) {
    var before = null, cf = state.cf || {};
    course.pages.forEach(function (entry) { if (entry.page.kind === "confidence" && entry.page.moment === "before") before = entry.page; });
    var after = course.pages.filter(function (entry) { return entry.page.kind === "confidence" && entry.page.moment === "after"; })[0];
    if (!before || !after || !cf[before.id] || !cf[after.page.id]) return [];
    return after.page.principles.map(function (p, i) {
      var k = before.principles.map(function (q) { return q.id; }).indexOf(p.id);
      return { id: p.id, title: p.title, before: k >= 0 ? +cf[before.id].charAt(k) : 0, after: +cf[after.page.id].charAt(i) };
    }).filter(function (row) { return row.before > 0 && row.after > 0; });
  }

  var practice = { routeNext: routeNext, isRemediation: isRemediation, hidden: hidden, recordResult: recordResult,
    openReview: openReview, resultOf: resultOf, lessonsDone: lessonsDone, practiceDone: practiceDone, ruleMet: ruleMet,
    pageCounts: pageCounts, lessonPlace: lessonPlace, courseScore: courseScore, load: load, save: save, confidenceChange: confidenceChange };
  modules.practice = practice;
  if (typeof module !== "undefined") module.exports = practice;
}(typeof window !== "undefined" ? window : global));
