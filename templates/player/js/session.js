/* The learner's session: the live state, loaded at launch from the LMS (or localStorage without
   one) and sent after every meaningful step, so an LMS that loses the window still has the latest.
   In review and browse modes (docs/player.md, section 12) the state is loaded and nothing is sent. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var stateCodec = modules.state, progress = modules.progress;

  /* course: progress.outline(); lms: lmsAdapter.create(); afterSync: redraws what shows progress */
  function create(course, lms, afterSync) {
    var shape = progress.stateShape(course), storageKey = "scorm-builder:" + course.info.id;
    var coursePassMark = course.assessment ? course.assessment.pass_mark : 0;
    var pass = { mark: coursePassMark, scaled: coursePassMark / 100 };
    var floor = { completion: "", success: "", lessonStatus: "", score: null };
    var startedAt = Date.now(), outcome = "";
    /* readOnly: review or browse mode (cmi.mode, cmi.core.lesson_mode), where nothing is written;
       record: the result the LMS held at launch ({status, score}) */
    var session = { state: null, resumable: false, readOnly: false, mode: "normal", record: null };

    /* the player's own state decides whether to resume, not cmi.entry, which some LMSes get wrong
       (in 2004 only ab-initio, a new attempt, sets the state aside, when the LMS profile trusts it:
       lms-scorm2004.js); the LMS's bookmark (cmi.location) stands in when the state is missing or
       unusable. The state is written within the profile's suspend_data budget (lms.suspendBudget) */
    session.launch = function () {
      var saved = "", location = "", launch = lms.initialize(!!course.assessment, pass);
      if (launch) {
        floor = launch.floor; pass = launch.pass; saved = launch.suspendData; location = launch.location;
        session.readOnly = launch.readOnly; session.mode = launch.mode || "normal"; session.record = launch.record;
      } else {
        try { saved = localStorage.getItem(storageKey) || ""; } catch (e) { saved = ""; }
      }
      var loaded = (saved ? stateCodec.load(saved, shape, location) : null) || stateCodec.fromBookmark(shape, location);
      session.resumable = !!(loaded && loaded.s);
      session.state = loaded || stateCodec.fresh(shape);
      if (lms.connected()) session.sync();
    };
    session.persist = function () {
      if (session.readOnly) return true;
      if (lms.connected()) return lms.saveSuspendData(session.suspendData());
      try { localStorage.setItem(storageKey, session.suspendData()); } catch (e) { /* storage blocked */ }
      return true;
    };
    /* send what changed, save the state, commit (not at the end, which commits itself); in review
       and browse modes nothing is sent */
    session.sync = function (noCommit) {
      if (!session.readOnly) {
        if (lms.connected()) lms.report(progress.summary(course, session.state, floor), floor, Date.now() - startedAt);
        session.persist();
        if (!noCommit) lms.commit();
      }
      afterSync();
    };
    /* Exit, Finish (final) or pagehide; only the first of them counts. The outcome, for the end
       screen: "saved" (the LMS confirmed it), "not-saved" (it refused or didn't confirm),
       "read-only" (review or browse: nothing was written), "local" (no LMS: kept in this browser) */
    session.end = function (final) {
      if (lms.ended()) return outcome;
      if (session.readOnly) outcome = "read-only";
      else if (lms.connected()) { session.sync(true); outcome = "pending"; }
      else { session.persist(); outcome = "local"; }
      var confirmed = lms.terminate(final);
      if (outcome === "pending") outcome = confirmed ? "saved" : "not-saved";
      return outcome;
    };
    session.suspendData = function () { return stateCodec.encode(session.state, lms.suspendBudget, shape); };
    session.isComplete = function () { return progress.isComplete(course, session.state, floor); };
    session.passes = function (percent) { return lms.passes(percent, pass); };
    session.passMark = function () { return pass.mark; };
    return session;
  }

  modules.session = { create: create };
}(typeof window !== "undefined" ? window : global));
