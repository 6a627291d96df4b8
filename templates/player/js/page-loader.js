/* The pages' bodies, loaded when they are needed (docs/player.md, "What the package holds"):
   index.html carries each page's head (kind, id, title, hashes); the rest of a lesson's pages is
   in its own file, course/lesson-NNN.js, a plain script that calls scormBuilder.lessonPages(i,
   [bodies]) (a <script src> works from file:// and in every LMS, with no request for data). A
   body is merged into its page's object, so the views, the state and the outline all see the
   whole page once it is in. A lesson without "src" carries its pages whole. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* course: progress.outline(); the loader of that course's lesson files */
  function create(course) {
    /* per lesson: "in", "loading" or "failed" (absent: not asked for), and who waits for it */
    var status = {}, waiting = {};

    function ready(li) { return !course.lessons[li].src || status[li] === "in"; }
    function settle(li, ok) {
      status[li] = ok ? "in" : "failed";
      var callbacks = waiting[li] || [];
      waiting[li] = [];
      callbacks.forEach(function (done) { done(ok); });
    }
    function request(li) {
      var lesson = course.lessons[li];
      if (!lesson || ready(li) || status[li] === "loading") return;
      status[li] = "loading";
      var script = document.createElement("script");
      script.src = lesson.src;
      /* a file that is missing, or ran without calling lessonPages with this lesson's pages */
      script.onerror = function () { settle(li, false); };
      script.onload = function () { if (status[li] === "loading") settle(li, false); };
      document.head.appendChild(script);
    }
    /* done(ok) once lesson li's pages are whole (at once when they are); the lessons beside it
       are asked for too, so that Next and Previous seldom wait */
    function need(li, done) {
      if (ready(li)) done(true);
      else if (status[li] === "failed") done(false);
      else {
        (waiting[li] = waiting[li] || []).push(done);
        request(li);
      }
      request(li + 1);
      request(li - 1);
    }
    /* called by a lesson file: its pages' bodies, in order */
    modules.lessonPages = function (li, bodies) {
      var lesson = course.lessons[li];
      if (!lesson || status[li] !== "loading" || !Array.isArray(bodies) || bodies.length !== lesson.pages.length) return;
      lesson.pages.forEach(function (page, i) {
        var body = bodies[i] || {};
        Object.keys(body).forEach(function (key) { page[key] = body[key]; });
      });
      settle(li, true);
    };
    return { ready: ready, need: need };
  }

  modules.pageLoader = { create: create };
}(typeof window !== "undefined" ? window : global));
