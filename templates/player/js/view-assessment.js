/* The assessment's screen by phase (state.js, a.ph): intro, question (view-question.js), results
   (with what happens next after the last failed attempt), review (each answer marked ✓ or ✗, the
   right answer only where it differs, "Show incorrect answers only"). */
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
    /* review and browse modes: the read-only screen of view-record.js, nothing to start or submit */
    if (player.session.readOnly) return modules.recordView.assessment(container, player, reviewList);
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
    /* the last attempt failed: what happens next, not a dead end */
    add(container, box, !passed && !canRetry && el("div", { cls: "notice" }, [el("p", { cls: "notice-title", text: t("no_attempts_left") }),
      el("p", { text: t("final_next") })]),
      missedPrinciples(attempt, player), assessment.feedback === "end" && attempt.an.length && reviewList(attempt, false, player));
    var actions = el("div", { cls: "actions" });
    if (!passed && canRetry) {
      add(actions, dom.button(t("retry"), function () { startAttempt(player, attempt, progress.attemptsUsed(state) + 1); }, dom.PRIMARY));
    }
    if (assessment.review && attempt.an.length && !attempt.nr) {
      add(actions, dom.button(t("review_answers"), function () { attempt.ph = "v"; showAssessment(player); }));
    }
    add(container, actions);
  }

  /* the first screen of the lesson that teaches a principle: question.principle.lesson (a lesson
     id), else the lesson of the first scenario with that principle; -1 when none does */
  function lessonScreen(course, principle) {
    var li = -1;
    course.lessons.forEach(function (lesson, i) { if (li < 0 && lesson.id === principle.lesson) li = i; });
    course.pages.forEach(function (entry) {
      if (li < 0 && entry.page.principle && entry.page.principle.id === principle.id) li = entry.lessonIndex;
    });
    for (var k = 0; k < course.pageCount; k++) if (course.pages[k].lessonIndex === li) return k;
    return -1;
  }
  /* the principles behind the questions this attempt missed, once each, with the way to their lesson */
  function missedPrinciples(attempt, player) {
    var t = player.t, course = player.course, seen = {}, items = [];
    quiz.questionsFor(course.assessment, attempt).forEach(function (question, i) {
      var principle = question.principle, answer = attempt.an[i];
      if (!principle || seen[principle.id] || (answer != null && quiz.isRight(question, answer))) return;
      seen[principle.id] = true;
      var k = lessonScreen(course, principle), lesson = k < 0 ? null : course.lessons[course.pages[k].lessonIndex];
      items.push(el("li", {}, [el("span", { cls: "pr-title", text: principle.title }), lesson ? " " : null,
        lesson ? dom.button(t("go_to_lesson", { title: lesson.title }), function () { player.show(k); }, "btn link") : null]));
    });
    return items.length ? el("section", { cls: "missed", "aria-labelledby": "missed-h" }, [
      el("h3", { id: "missed-h", text: t("missed_principles") }), el("ul", {}, items)]) : null;
  }
  /* an answer's lines: numbered for an ordering question, whose order is the answer */
  function answerLines(question, answer, t) {
    return el(question.kind === "ordering" ? "ol" : "ul", {}, quiz.answerText(question, answer, t).map(function (s) {
      return el("li", { text: s });
    }));
  }
  /* each question right (✓) or wrong (✗) with its feedback; full: also the learner's answer and,
     when it isn't the same, the right one */
  function reviewList(attempt, full, player) {
    var t = player.t, questions = quiz.questionsFor(player.course.assessment, attempt);
    return el("ol", { cls: "review" }, questions.map(function (question, i) {
      var answer = attempt.an[i], right = answer != null && quiz.isRight(question, answer), verdict = right ? "correct" : "incorrect";
      var parts = [el("div", { cls: "prose", html: question.text_html }),
        el("p", { cls: "verdict verdict-" + verdict + " " + (right ? "ok" : "ko") }, [el("span", { cls: "v-icon", "aria-hidden": "true",
          text: dom.VERDICT_ICON[verdict] }), " ", el("span", { text: right ? t("correct") : t("incorrect") })]),
        el("div", { cls: "prose", html: right ? question.feedback.correct_html : question.feedback.incorrect_html })];
      if (full && right) parts.push(el("p", { cls: "rv-label", text: t("your_answer_right") }), answerLines(question, answer, t));
      if (full && !right) {
        parts.push(el("p", { cls: "rv-label", text: t("your_answer") }), answerLines(question, answer, t),
          el("p", { cls: "rv-label", text: t("correct_answer") }), answerLines(question, quiz.correctAnswer(question), t));
      }
      return el("li", { cls: "rv-item " + (right ? "is-right" : "is-wrong") }, parts);
    }));
  }
  /* the review, with "Show incorrect answers only" */
  function renderReview(container, attempt, player) {
    var t = player.t, list = reviewList(attempt, true, player), id = dom.uniqueId("f");
    var filter = el("input", { type: "checkbox", id: id, onchange: function () { list.classList.toggle("only-wrong", filter.checked); } });
    add(container, el("h2", { text: t("review"), tabindex: "-1" }), el("p", { cls: "rv-filter" }, [filter, el("label", { "for": id,
      text: t("only_incorrect") })]), list,
    el("div", { cls: "actions" }, [dom.button(t("back_to_results"), function () { attempt.ph = "r"; showAssessment(player); })]));
  }

  modules.assessmentView = { render: renderAssessment };
}(typeof window !== "undefined" ? window : global));
