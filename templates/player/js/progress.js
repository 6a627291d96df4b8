/* Where the learner stands, from the state alone (docs/player.md, section 3). Pure. `floor` is
   what the LMS held at launch ({completion, success, lessonStatus, score}): a status, and the
   score, never move back. */
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
  /* what state.js needs to know of the course: its id, its structure fingerprint, the pages and
     the assessment (their ids, kinds, keys and content hashes) */
  function stateShape(course) {
    return { courseId: course.info.id, fingerprint: course.info.fingerprint,
      pages: course.pages.map(function (entry) { return entry.page; }), assessment: course.assessment };
  }

  /* practice.js, when the package has it (a course with practice that counts or remediation pages) */
  function practiceModule() { return typeof module !== "undefined" ? require("./practice.js") : modules.practice; }
  /* every page viewed (but the remediation pages: practice.js) */
  function lessonsDone(state, course) {
    /* when practice confidence */
    var practice = course && practiceModule();
    if (practice) return practice.lessonsDone(course, state);
    /* end when */
    return state.vw.indexOf("0") < 0;
  }
  /* navigation: linear: the last screen the learner may open, the first page not viewed or whose
     activity is not done (done(entry, k) says), else the last screen */
  function linearStop(course, state, done) {
    var practice = practiceModule();
    for (var k = 0; k < course.pageCount; k++) {
      /* when practice confidence */
      if (practice && practice.hidden(course.pages[k].page, state)) continue; /* a remediation page not opened */
      /* end when */
      if (state.vw.charAt(k) !== "1" || !done(course.pages[k], k)) return k;
    }
    return course.screenCount - 1;
  }
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
    var rule = course.assessment ? course.info.completion : "lessons", practice = practiceModule(), mapped = null;
    /* when practice confidence */
    if (practice) mapped = practice.ruleMet(course, state, passed(state)); /* a completion mapping */
    /* end when */
    var done = mapped != null ? mapped : rule === "lessons" ? lessonsDone(state, course) : rule === "assessment" ? passed(state)
      : lessonsDone(state, course) && passed(state);
    return done || floor.completion === "completed";
  }
  /* pages viewed / all screens; the assessment counts as one page once decided */
  function measure(course, state) {
    var practice = practiceModule(), pages = { viewed: state.vw.split("1").length - 1, total: course.pageCount };
    /* when practice confidence */
    if (practice) pages = practice.pageCounts(course, state); /* remediation pages don't count */
    /* end when */
    var viewed = pages.viewed + (course.assessment && decided(course.assessment, state) ? 1 : 0);
    var screens = pages.total + (course.assessment ? 1 : 0);
    return screens ? viewed / screens : 1;
  }
  function bookmark(course, state) {
    if (state.l === course.assessmentScreen) return "assessment";
    return course.pages[state.l] ? course.pages[state.l].page.id : "";
  }

  /* the score to report: the best once decided; never a fail over a pass the LMS holds, nor below
     the score it holds (floor.score, a percentage) */
  function reportedScore(course, state, floor) {
    var assessment = course.assessment, best = bestScore(state), practice = practiceModule(), counted = false;
    /* when practice confidence */
    counted = !!(practice && course.info.practice); /* practice that counts: the course score (practice.js) */
    if (counted) best = practice.courseScore(course, state, assessment && decided(assessment, state) ? best : null);
    /* end when */
    if (counted ? best == null : !assessment || !decided(assessment, state) || best == null) return null;
    if (!passed(state) && floor.success === "passed") return null;
    return floor.score != null && best < floor.score ? null : best;
  }
  /* everything the LMS adapters report, in one object; `ended`: nothing is left to do, as the
     course is complete or the assessment failed with no attempt left */
  function summary(course, state, floor) {
    var assessment = course.assessment, complete = isComplete(course, state, floor), lost = failedFinal(assessment, state);
    return {
      complete: complete, ended: complete || lost, hasAssessment: !!assessment, passed: passed(state),
      failedFinal: lost, score: reportedScore(course, state, floor), measure: measure(course, state),
      bookmark: bookmark(course, state)
    };
  }

  var progress = {
    outline: outline, stateShape: stateShape, lessonsDone: lessonsDone, linearStop: linearStop,
    attemptsUsed: attemptsUsed, passed: passed, attemptsLeft: attemptsLeft, failedFinal: failedFinal,
    decided: decided, bestScore: bestScore, isComplete: isComplete, measure: measure, bookmark: bookmark,
    reportedScore: reportedScore, summary: summary
  };
  modules.progress = progress;
  if (typeof module !== "undefined") module.exports = progress;
}(typeof window !== "undefined" ? window : global));
