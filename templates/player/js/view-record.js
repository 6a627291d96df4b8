/* What the learner is told about their LMS record: the review and browse modes (docs/player.md,
   section 12: the result the LMS holds, the course to look through, every answer locked) and the
   end screen when the LMS did not confirm a save. The words have English, Spanish and French
   defaults here until templates/player/strings/ has them (the strings files win). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add;

  var WORDS = {
    en: {
      review_mode: "Review mode: you can look through the course and your answers. Nothing you do here is recorded.",
      browse_mode: "Browse mode: you can look through the course. Nothing you do here is recorded.",
      review_mode_short: "Review mode: nothing is recorded", browse_mode_short: "Browse mode: nothing is recorded",
      recorded_result: "Your recorded result: {result}", recorded_completed: "Completed",
      review_ended_title: "Review finished", review_ended: "Your record was not changed. You can close this window now.",
      not_saved_title: "Your progress may not be saved",
      not_saved: "The learning system did not confirm that it saved your progress, so next time the course may start " +
        "from an earlier point. If this happens again, tell the learning system's administrator."
    },
    es: {
      review_mode: "Modo de revisión: puede recorrer el curso y sus respuestas. Nada de lo que haga aquí se registra.",
      browse_mode: "Modo de exploración: puede recorrer el curso. Nada de lo que haga aquí se registra.",
      review_mode_short: "Modo de revisión: no se registra nada", browse_mode_short: "Modo de exploración: no se registra nada",
      recorded_result: "Su resultado registrado: {result}", recorded_completed: "Completado",
      review_ended_title: "Revisión terminada", review_ended: "Su registro no ha cambiado. Ya puede cerrar esta ventana.",
      not_saved_title: "Puede que su progreso no se haya guardado",
      not_saved: "La plataforma no confirmó que guardara su progreso, así que la próxima vez el curso puede empezar en " +
        "un punto anterior. Si vuelve a ocurrir, avise al administrador de la plataforma."
    },
    fr: {
      review_mode: "Mode révision : vous pouvez parcourir le cours et vos réponses. Rien de ce que vous faites ici n'est enregistré.",
      browse_mode: "Mode découverte : vous pouvez parcourir le cours. Rien de ce que vous faites ici n'est enregistré.",
      review_mode_short: "Mode révision : rien n'est enregistré", browse_mode_short: "Mode découverte : rien n'est enregistré",
      recorded_result: "Votre résultat enregistré : {result}", recorded_completed: "Terminé",
      review_ended_title: "Révision terminée", review_ended: "Votre dossier n'a pas changé. Vous pouvez fermer cette fenêtre.",
      not_saved_title: "Votre progression n'est peut-être pas enregistrée",
      not_saved: "La plateforme n'a pas confirmé l'enregistrement de votre progression : la prochaine fois, le cours " +
        "reprendra peut-être à un point antérieur. Si cela se reproduit, prévenez l'administrateur de la plateforme."
    }
  };
  /* the defaults for a course language ("fr-CA" -> fr), English for any other */
  function words(language) { return WORDS[String(language || "").split("-")[0]] || WORDS.en; }

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
    Array.prototype.forEach.call(pageElement.querySelectorAll("input, select, textarea, button"), function (control) {
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

  modules.recordView = { words: words, resultText: resultText, titleNote: titleNote, headerNote: headerNote, lock: lock,
    assessment: assessment, endWords: endWords };
}(typeof window !== "undefined" ? window : global));
