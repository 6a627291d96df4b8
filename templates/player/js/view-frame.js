/* The screens around the pages: the title screen, the frame (header, outline, footer), moving
   between screens, and the end screens of Exit and Finish (docs/player.md, section 11). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, button = dom.button, progress = modules.progress;
  /* one frame per page: main.js's player context, the #app element, and the frame's live parts,
     emptied at the end screen so that later updates do nothing */
  var player, app, parts = {};

  function noLmsNote() {
    var t = player.t;
    return player.lms.connected() ? null : el("p", { cls: "nolms" }, [el("span", { text: t("no_lms") }),
      el("span", { cls: "sr", text: " " + t("no_lms_detail") })]);
  }
  function titleScreen() {
    var t = player.t, course = player.course, info = course.info, meta = [], resume = player.session.resumable;
    dom.clear(app);
    if (info.duration_minutes) meta.push(t("duration", { n: info.duration_minutes }));
    meta.push(course.lessons.length === 1 ? t("lesson_count_one") : t("lesson_count", { n: course.lessons.length }));
    if (course.assessment) meta.push(t("with_assessment"));
    add(app, el("main", { cls: "title-screen", id: "main" }, [el("div", { cls: "title-card" }, [
      el("h1", { text: info.title }),
      info.description ? el("p", { cls: "lead", text: info.description }) : null,
      el("ul", { cls: "meta" }, meta.map(function (m) { return el("li", { text: m }); })),
      resume ? el("p", { text: t("welcome_back") }) : null,
      button(resume ? t("resume") : t("start"), begin, "btn primary big"),
      noLmsNote()])]));
  }

  function header() {
    var t = player.t, brand = player.brand, title = el("h1", { cls: "course-title", text: player.course.info.title });
    parts.bar = el("div", { cls: "bar-fill" });
    parts.progress = el("div", { cls: "progress", role: "progressbar", "aria-label": t("progress"), "aria-valuemin": "0",
      "aria-valuemax": "100" }, [parts.bar]);
    parts.alert = el("p", { cls: "alert", role: "status" });
    var logo = brand && brand.logo ? el("img", { cls: "logo", src: brand.logo, alt: brand.logo_alt }) : null;
    return el("header", { cls: "top" }, [logo, title, parts.progress, noLmsNote(), button(t("exit"), exitCourse, "btn ghost")]);
  }
  function begin() {
    var t = player.t, state = player.session.state;
    state.s = 1;
    dom.clear(app);
    var top = header(), listId = dom.uniqueId("outline");
    parts.list = el("ol", { cls: "outline-list closed", id: listId });
    /* on phones the outline collapses behind this button (player.css) */
    parts.toggle = button(t("outline"), function () {
      var open = parts.toggle.getAttribute("aria-expanded") !== "true";
      parts.toggle.setAttribute("aria-expanded", String(open));
      parts.list.classList.toggle("closed", !open);
    }, "outline-toggle", { "aria-expanded": "false", "aria-controls": listId });
    parts.nav = el("nav", { "aria-label": t("outline") }, [parts.toggle, parts.list]);
    parts.main = el("main", { id: "main" });
    parts.previous = button(t("previous"), function () { show(state.l - 1); });
    parts.next = button(t("next"), function () { show(state.l + 1); }, dom.PRIMARY);
    parts.finish = button(t("finish"), finishCourse, dom.PRIMARY);
    parts.say = el("p", { cls: "sr", role: "status" });
    var footer = el("footer", { cls: "foot" }, [parts.previous, parts.alert, parts.say, parts.next, parts.finish]);
    add(app, top);
    add(app, el("div", { cls: "layout" }, [parts.nav, el("div", { cls: "content" }, [parts.main, footer])]));
    show(state.l);
  }

  /* screen k: a lesson page or the assessment; Next is never blocked */
  function show(k) {
    var t = player.t, course = player.course, state = player.session.state;
    if (k < 0 || k >= course.screenCount) return;
    state.l = k;
    if (k < course.pageCount && state.vw.charAt(k) !== "1") state.vw = state.vw.slice(0, k) + "1" + state.vw.slice(k + 1);
    dom.clear(parts.main);
    var page = el("div", { cls: "page" });
    add(parts.main, page);
    if (k === course.assessmentScreen) modules.assessmentView.render(page, player);
    else {
      var entry = course.pages[k], lesson = course.lessons[entry.lessonIndex];
      add(page, el("p", { cls: "eyebrow", text: t("lesson_n", { n: entry.lessonIndex + 1 }) + " · " + lesson.title + " · " +
        t("page_of", { n: entry.pageIndex + 1, total: lesson.pages.length }) }));
      add(page, el("h2", { text: entry.page.title, tabindex: "-1" }));
      modules.pageViews[entry.page.kind](page, entry.page, k, player);
    }
    player.session.sync();
    parts.toggle.setAttribute("aria-expanded", "false");
    parts.list.classList.add("closed");
    window.scrollTo(0, 0);
    dom.focusHeading(page);
  }

  function outlineItem(title, sub, mark, current, done, k) {
    add(parts.list, el("li", { cls: (current ? "current " : "") + (done ? "done" : "") }, [
      el("button", { type: "button", cls: "ol-item", "aria-current": current ? "true" : null, onclick: function () { show(k); } }, [
        el("span", { cls: "ol-mark", "aria-hidden": "true", text: done ? "✓" : mark }),
        el("span", { cls: "ol-text" }, [el("span", { cls: "ol-title", text: title }), el("span", { cls: "ol-sub", text: sub })])])]));
  }
  /* after every sync: the progress bar, the outline and the footer buttons */
  function refresh() {
    if (!parts.list) return;
    var t = player.t, course = player.course, state = player.session.state, assessment = course.assessment;
    var percent = Math.round(progress.measure(course, state) * 100);
    parts.bar.style.width = percent + "%";
    parts.progress.setAttribute("aria-valuenow", String(percent));
    dom.clear(parts.list);
    course.lessons.forEach(function (lesson, li) {
      var count = progress.lessonViewed(course, state, li), done = count.viewed === count.total;
      outlineItem(lesson.title, (done ? t("done") + " · " : "") + t("pages_viewed", { n: count.viewed, total: count.total }),
        String(li + 1), state.l < course.pageCount && course.pages[state.l].lessonIndex === li, done, count.first);
    });
    if (assessment) {
      var best = progress.bestScore(state), passed = progress.passed(state);
      outlineItem(assessment.title, passed ? t("status_passed", { n: best })
        : progress.failedFinal(assessment, state) ? t("status_failed", { n: best })
          : state.a.n > 0 ? t("status_in_progress") : t("status_not_started"),
      "★", state.l === course.assessmentScreen, passed, course.assessmentScreen);
    }
    var current = parts.list.querySelector(".current");
    if (current) parts.list.scrollTop = current.offsetTop - 60;
    var last = state.l === course.screenCount - 1;
    parts.previous.disabled = state.l === 0;
    parts.next.hidden = last;
    parts.finish.hidden = !last;
  }

  function endScreen(title, message) {
    dom.clear(app);
    var main = el("main", { id: "main", cls: "title-screen" }, [el("div", { cls: "title-card" }, [
      el("p", { cls: "eyebrow", text: player.course.info.title }), el("h1", { text: title }), el("p", { text: message })])]);
    add(app, main);
    parts = {};
    dom.focusHeading(main);
  }
  function exitCourse() {
    player.session.end(true);
    endScreen(player.t("exited_title"), player.t("exited"));
  }
  function finishCourse() {
    var t = player.t, done = player.session.isComplete();
    player.session.end(true);
    endScreen(done ? t("finished_title") : t("exited_title"), done ? t("finished") : t("finished_incomplete"));
  }
  /* failed: a commit failed for good (lms-connection.js) */
  function notice(failed) {
    if (parts.alert) parts.alert.textContent = failed ? player.t("save_failed") : "";
  }
  /* emptied first, so that the same words are announced again */
  function say(message) {
    var region = parts.say;
    if (!region) return;
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 30);
  }

  modules.frameView = {
    create: function (context, appElement) {
      player = context; app = appElement;
      return { titleScreen: titleScreen, show: show, refresh: refresh, notice: notice, say: say };
    }
  };
}(typeof window !== "undefined" ? window : global));
