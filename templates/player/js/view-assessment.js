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
