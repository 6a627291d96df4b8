/* The way back, on screen (docs/player.md, "Practice that counts"): a scenario's answer and a dialogue's
   ending record their first result (practice.js), and one that names a remediation page opens it to this
   learner: a link on the feedback, and an outline entry "For review". Page turns skip the remediation
   pages that are not open. view-scenario.js, view-dialogue.js and view-frame.js call it when it is there. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, practice = modules.practice;

  function screenOf(course, pageId) {
    for (var k = 0; k < course.pageCount; k++) if (course.pages[k].page.id === pageId) return k;
    return -1;
  }
  /* a scenario answered or a dialogue ended: its first result, and its review page opened */
  function result(player, page, verdict, review) {
    var state = player.session.state;
    practice.recordResult(state, page, verdict);
    if (review && screenOf(player.course, review) >= 0) practice.openReview(state, review);
  }
  /* the link on the feedback to the review page, or null */
  function reviewLink(player, review) {
    var k = review ? screenOf(player.course, review) : -1;
    if (k < 0) return null;
    var title = player.course.pages[k].page.title;
    return el("p", { cls: "review-link" }, [dom.button(player.t("review_link", { title: title }), function () { player.show(k); })]);
  }
  /* the next screen from k in direction step (1 or -1), past the remediation pages not open */
  function step(course, state, k, direction) {
    var next = k + direction;
    while (next >= 0 && next < course.pageCount && practice.hidden(course.pages[next].page, state)) next += direction;
    return next < 0 ? k : next;
  }
  /* the outline's review entries: [{title, k}] of the open remediation pages, in course order */
  function reviewEntries(course, state) {
    var out = [];
    course.pages.forEach(function (entry, k) {
      if (practice.isRemediation(entry.page) && !practice.hidden(entry.page, state)) out.push({ title: entry.page.title, k: k });
    });
    return out;
  }

  modules.practiceView = { result: result, reviewLink: reviewLink, step: step, reviewEntries: reviewEntries,
    hidden: practice.hidden };
}(typeof window !== "undefined" ? window : global));
