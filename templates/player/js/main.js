/* The start: reads the course data, wires the modules, launches. `player` is the context every
   view receives; window.scormPlayer is for testers (docs/player.md, section 10). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder;

  var data = JSON.parse(document.getElementById("course-data").textContent);
  var course = modules.progress.outline(data);
  var lms = data.standard === "cmi5" ? modules.lmsCmi5.create({ language: course.info.language })
    : modules.lmsAdapter.create(course.family === "scorm12" ? modules.lmsScorm12 : modules.lmsScorm2004,
      { language: course.info.language, lms: data.lms || {} }); /* given, so the course data is parsed once */
  /* the strings files' words, over view-record.js's defaults for the words they don't have yet */
  var words = data.strings || {};
  var player = { course: course, t: modules.dom.translator(words, course.info.language), brand: data.brand, lms: lms };
  player.data = data; /* the whole player data, for the feature modules (glossary.js, view-resources.js...) */
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
  player.pages = modules.pageLoader.create(course);
  player.session.launch();
  frame.titleScreen();
  /* after the title screen's first frame: the lesson file of the screen the learner starts or
     resumes on, and those of the dialogues played, which the outline counts once it can walk their
     paths (page-loader.js); without frames (a hidden LMS window), a moment later */
  var preloaded = false;
  function preload() {
    var state = player.session.state, pages = course.pages;
    if (preloaded) return;
    preloaded = true;
    if (state.l < course.pageCount) player.pages.need(pages[state.l].lessonIndex, function () {});
    Object.keys(state.dg).forEach(function (k) { if (pages[k]) player.pages.need(pages[k].lessonIndex, frame.refresh); });
  }
  requestAnimationFrame(function () { setTimeout(preload, 0); });
  setTimeout(preload, 250);
}(window));
