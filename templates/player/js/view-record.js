/* What the learner is told about their LMS record: the review and browse modes (docs/player.md,
   section 12: the result the LMS holds, the course to look through, every answer locked) and the
   end screen when the LMS did not confirm a save. Its words are in templates/player/strings/. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add;

  /* the result the LMS held at launch (session.record), in the player's words */
  function resultText(t, record) {
    var status = record ? record.status : "", score = record ? record.score : null;
    if (status === "passed") return score != null ? t("status_passed", { n: score }) : t("passed");
    if (status === "failed") return score != null ? t("status_failed", { n: score }) : t("not_passed");
    if (status === "completed") return t("recorded_completed");
    return status === "incomplete" ? t("status_in_progress") : t("status_not_started");
  }
  /* the title screen's box in review and browse modes; null otherwise */
  function titleNote(player) {
    var t = player.t, session = player.session;
    if (!session.readOnly) return null;
    return el("div", { cls: "callout callout-note", role: "note" }, [
      el("p", { text: t(session.mode === "browse" ? "browse_mode" : "review_mode") }),
      el("p", { text: t("recorded_result", { result: resultText(t, session.record) }) })]);
  }
  /* the header's reminder on every screen */
  function headerNote(player) {
    var session = player.session;
    return session.readOnly ? el("p", { cls: "nolms", text: player.t(session.mode === "browse" ? "browse_mode_short" : "review_mode_short") }) : null;
  }
  /* a page as it was left: every input and every button of the page itself disabled (Submit,
     Try again, a dialogue's responses, Replay); the frame's navigation stays */
  function lock(pageElement) {
    Array.prototype.forEach.call(pageElement.querySelectorAll("input, select, textarea, button:not(.term)"), function (control) {
      control.disabled = true;
    });
  }
  /* the assessment screen in review and browse modes: the result the LMS holds and, when the saved
     state has them, the last attempt's answers with the right ones; nothing to start or submit.
     reviewList: view-assessment.js's list of the questions with their answers */
  function assessment(container, player, reviewList) {
    var t = player.t, attempt = player.session.state.a;
    add(container, el("h2", { text: t("results"), tabindex: "-1" }),
      el("p", { cls: "verdict", role: "status", text: t("recorded_result", { result: resultText(t, player.session.record) }) }));
    if (attempt.n > 0 && attempt.an.length && !attempt.nr) add(container, reviewList(attempt, true, player));
  }
  /* [title, message] of the end screen for session.end()'s outcome, or null for the usual words */
  var END_WORDS = { "read-only": ["review_ended_title", "review_ended"], "not-saved": ["not_saved_title", "not_saved"] };
  function endWords(outcome) { return END_WORDS[outcome] || null; }

  modules.recordView = { resultText: resultText, titleNote: titleNote, headerNote: headerNote, lock: lock,
    assessment: assessment, endWords: endWords };
}(typeof window !== "undefined" ? window : global));
