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
