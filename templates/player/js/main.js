/* The start: reads the course data, wires the modules, launches. `player` is the context every
   view receives; window.scormPlayer is for testers (docs/player.md, section 10). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder;

  var data = JSON.parse(document.getElementById("course-data").textContent);
  var course = modules.progress.outline(data);
  var lms = data.standard === "cmi5" ? modules.lmsCmi5.create({ language: course.info.language })
    : modules.lmsAdapter.create(course.family === "scorm12" ? modules.lmsScorm12 : modules.lmsScorm2004,
      { language: course.info.language });
  /* the strings files' words, over view-record.js's defaults for the words they don't have yet */
  var words = data.strings || {};
  var player = { course: course, t: modules.dom.translator(words, course.info.language), brand: data.brand, lms: lms };
  var frame = modules.frameView.create(player, document.getElementById("app"));
  player.session = modules.session.create(course, lms, frame.refresh);
  player.show = frame.show;
  player.say = frame.say;
  lms.onSaveResult(frame.notice);

  /* only a fallback: Exit and Finish end the session themselves, and then this does nothing */
  window.addEventListener("pagehide", function () { player.session.end(false); });
  window.scormPlayer = {
    log: lms.log,
    state: function () { return player.session.state; },
    connected: lms.connected,
    suspendData: player.session.suspendData,
    passMark: player.session.passMark
  };
  player.session.launch();
  frame.titleScreen();
}(window));
