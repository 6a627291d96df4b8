/* The screens around the pages: the title screen (branded in a company build), the frame (a
   one-row header with the progress in words, outline, footer), moving between screens, the
   assessment as a mode (the footer steps aside during an attempt), the confirmation before
   leaving an unfinished course, and the end screens of Exit and Finish (docs/player.md, 11). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, button = dom.button, progress = modules.progress;
  /* one frame per page: main.js's player context, the #app element, and the frame's live parts,
     emptied at the end screen so that later updates do nothing */
  var player, app, parts = {};

  function noLmsNote() {
    var t = player.t;
    return player.lms.connected() ? null : el("p", { cls: "nolms" }, [el("span", { cls: "nolms-text", text: t("no_lms") }),
      el("span", { cls: "sr", text: " " + t("no_lms_detail") })]);
  }
  function titleScreen() {
    var t = player.t, course = player.course, info = course.info, meta = [], resume = player.session.resumable;
    dom.clear(app);
    if (info.duration_minutes) meta.push(t("duration", { n: info.duration_minutes }));
    meta.push(t("lesson_count", { n: course.lessons.length }));
    if (course.assessment) meta.push(t("with_assessment"));
    add(app, el("main", { cls: "title-screen" + (player.brand && player.brand.company ? " branded" : ""), id: "main" }, [
      el("div", { cls: "title-card" }, [dom.brandLine(player.brand), /* a company build: its logo and name */
        el("h1", { text: info.title }),
        info.description ? el("p", { cls: "lead", text: info.description }) : null,
        el("ul", { cls: "meta" }, meta.map(function (m) { return el("li", { text: m }); })),
        resume ? el("p", { text: t("welcome_back") }) : null,
        modules.recordView.titleNote(player), /* review and browse modes: nothing is recorded (view-record.js) */
        button(resume ? t("resume") : t("start"), begin, "btn primary big"),
        noLmsNote()])]));
  }

  function header() {
    var t = player.t, brand = player.brand, title = el("h1", { cls: "course-title", text: player.course.info.title });
    parts.bar = el("div", { cls: "bar-fill" });
    parts.progress = el("div", { cls: "progress", role: "progressbar", "aria-label": t("progress"), "aria-valuemin": "0",
      "aria-valuemax": "100" }, [parts.bar]);
    parts.percent = el("span", { cls: "percent", "aria-hidden": "true" });
    parts.alert = el("p", { cls: "alert", role: "status" });
    var logo = brand && brand.logo ? el("img", { cls: "logo", src: brand.logo, alt: brand.logo_alt }) : null;
    return el("header", { cls: "top" }, [logo, title, el("div", { cls: "progress-box" }, [parts.progress, parts.percent]),
      noLmsNote(), modules.recordView.headerNote(player), /* review and browse modes (view-record.js) */
      button(t("exit"), function () { confirmLeave("exit", exitCourse); }, "btn ghost")]);
  }
  function begin() {
    var t = player.t, state = player.session.state;
    state.s = 1;
    dom.clear(app);
    var top = header(), listId = dom.uniqueId("outline");
    parts.list = el("ol", { cls: "outline-list closed", id: listId });
    parts.items = [];
    /* on phones the outline collapses behind this button (player.css) */
    parts.toggle = button(t("outline"), function () {
      var open = parts.toggle.getAttribute("aria-expanded") !== "true";
      parts.toggle.setAttribute("aria-expanded", String(open));
      parts.list.classList.toggle("closed", !open);
    }, "outline-toggle", { "aria-expanded": "false", "aria-controls": listId });
    parts.nav = el("nav", { "aria-label": t("outline") }, [parts.toggle, parts.list]);
    /* when resources */
    add(parts.nav, modules.resourcesView.button(player)); /* learner aids: view-resources.js, */
    /* end when */
    /* when certificate */
    add(parts.nav, modules.certificateView.button(player)); /* view-certificate.js */
    /* end when */
    parts.main = el("main", { id: "main" });
    parts.previous = button(t("previous"), function () { show(turn(state, -1)); });
    parts.next = button(t("next"), function () { show(turn(state, 1)); }, dom.PRIMARY);
    parts.finish = button(t("finish"), function () { confirmLeave("finish", finishCourse); }, dom.PRIMARY);
    /* outside the footer, which steps aside during an assessment attempt */
    parts.say = el("p", { cls: "sr", role: "status" });
    parts.why = player.course.info.navigation === "linear" ? el("p", { cls: "next-why", id: dom.uniqueId("why"), hidden: true }) : null;
    parts.foot = el("footer", { cls: "foot" }, [parts.previous, parts.alert, parts.why, parts.next, parts.finish]);
    add(app, top);
    add(app, el("div", { cls: "layout" }, [parts.nav, el("div", { cls: "content" }, [parts.main, parts.foot])]), parts.say);
    show(state.l);
  }

  /* the screen a page turn leads to: past the remediation pages not open to this learner (view-practice.js) */
  function turn(state, direction) {
    /* when practice */
    if (modules.practiceView) return modules.practiceView.step(player.course, state, state.l, direction);
    /* end when */
    return state.l + direction;
  }
  /* screen k: a lesson page or the assessment (with navigation: linear, Next and the outline
     offer only the screens up to linearStop) */
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
      var place = { page: entry.pageIndex + 1, pages: lesson.pages.length };
      /* when practice confidence */
      if (modules.practice) place = modules.practice.lessonPlace(course, state, k); /* hidden remediation pages left out */
      /* end when */
      add(page, el("p", { cls: "eyebrow", text: t("eyebrow", { lesson: entry.lessonIndex + 1, title: lesson.title,
        page: place.page, pages: place.pages }) }));
      add(page, el("h2", { text: entry.page.title, tabindex: "-1" }));
      /* the body once its lesson file is in: at once, or when it comes if this page is still shown (page-loader.js) */
      page.setAttribute("aria-busy", "true");
      player.pages.need(entry.lessonIndex, function (ok) {
        if (!page.isConnected) return;
        page.removeAttribute("aria-busy");
        if (!ok) return add(page, el("p", { cls: "alert", role: "alert", text: t("page_missing") }));
        modules.pageViews[entry.page.kind](page, entry.page, k, player);
        /* when glossary */
        modules.glossary.mark(page, player); /* the first use of each term (glossary.js) */
        /* end when */
        if (player.session.readOnly) modules.recordView.lock(page); /* review and browse: answers are looked at, not given */
      });
    }
    if (player.session.readOnly && k === course.assessmentScreen) modules.recordView.lock(page);
    player.session.sync();
    parts.toggle.setAttribute("aria-expanded", "false");
    parts.list.classList.add("closed");
    window.scrollTo(0, 0);
    dom.focusHeading(page);
  }

  /* a scored scenario counts once answered, a dialogue once it reached an ending (a later
     play-through starts only from an ending, with Replay) */
  function activityDone(entry, k, state) {
    var page = entry.page;
    if (page.kind === "scenario") return !page.scored || !!(state.sc[k] && state.sc[k][0] > 0);
    /* when calibration */
    if (page.kind === "calibration") return !page.scored || !!(state.cb && state.cb[k] && state.cb[k][0] > 0);
    /* end when */
    /* when reply */
    if (page.kind === "reply") return !page.scored || !!(state.rp && state.rp[k] && state.rp[k][0] > 0); /* sent once */
    /* end when */
    if (page.kind !== "dialogue") return true;
    var record = state.dg[k];
    if (!record) return false;
    if (!page.nodes) return record[0] > 1; /* its lesson file is not in yet: main.js asks for it, then refreshes */
    var path = modules.dialoguePath.walk(page, record[1]);
    return record[0] > 1 || !!(path.current && path.current.ending);
  }
  /* [{viewed, total, first, open}] per lesson, in one pass over the pages (they come lesson by
     lesson): a lesson is done when its pages are viewed and none is open */
  function lessonStandings(course, state) {
    var counts = course.lessons.map(function () { return { viewed: 0, total: 0, first: -1, open: 0 }; });
    for (var k = 0; k < course.pageCount; k++) {
      var entry = course.pages[k], count = counts[entry.lessonIndex];
      /* when practice */
      if (modules.practiceView && modules.practiceView.hidden(entry.page, state)) continue; /* a remediation page */
      /* end when */
      if (count.first < 0) count.first = k;
      count.total++;
      if (state.vw.charAt(k) === "1") count.viewed++;
      if (!activityDone(entry, k, state)) count.open++;
    }
    return counts;
  }
  /* the outline's item i, rebuilt only when what it shows changed (parts.items: each item's
     element and what it was built from), so a page turn redraws one or two items, not the list */
  /* key: what the item is drawn from; make(): its outlineElement arguments, asked for only when
     the key changed */
  function outlineItem(i, key, make) {
    var old = parts.items[i];
    if (old && old.key === key) return;
    var item = outlineElement.apply(null, make());
    if (old) parts.list.replaceChild(item, old.item);
    else add(parts.list, item);
    parts.items[i] = { key: key, item: item };
  }
  function outlineElement(title, sub, mark, current, done, k, locked) {
    var inside = [el("span", { cls: "ol-mark", "aria-hidden": "true", text: locked ? "🔒" : done ? "✓" : mark }),
      el("span", { cls: "ol-text" }, [el("span", { cls: "ol-title", text: title }), el("span", { cls: "ol-sub", text: locked || sub })])];
    /* navigation: linear: shown, with the reason, but not a way to go */
    if (locked) return el("li", { cls: "locked" }, [el("div", { cls: "ol-item" }, inside)]);
    return el("li", { cls: (current ? "current " : "") + (done ? "done" : "") }, [
      el("button", { type: "button", cls: "ol-item", "aria-current": current ? "true" : null, onclick: function () { show(k); } }, inside)]);
  }
  function lessonLine(count) {
    var t = player.t, viewed = t("pages_viewed", { n: count.viewed, total: count.total });
    if (count.viewed === count.total && !count.open) return t("lesson_done", { viewed: viewed });
    return count.open ? t("lesson_open", { viewed: viewed, open: t("activities_open", { n: count.open }) }) : viewed;
  }
  /* after every sync: the progress bar, the outline and the footer buttons */
  function refresh() {
    if (!parts.list) return;
    var t = player.t, course = player.course, state = player.session.state, assessment = course.assessment;
    var percent = Math.round(progress.measure(course, state) * 100);
    parts.bar.style.width = percent + "%";
    parts.progress.setAttribute("aria-valuenow", String(percent));
    parts.percent.textContent = t("percent", { n: percent });
    var stop = linearStop(course, state), blocker = stop < course.pageCount ? course.pages[stop].lessonIndex + 1 : 0;
    var counts = lessonStandings(course, state);
    course.lessons.forEach(function (lesson, li) {
      var count = counts[li], current = state.l < course.pageCount && course.pages[state.l].lessonIndex === li;
      var locked = count.first > stop;
      outlineItem(li, [count.viewed, count.total, count.open, current, locked ? blocker : 0].join(" "), function () {
        return [lesson.title, lessonLine(count), String(li + 1), current, count.viewed === count.total && !count.open, count.first,
          locked && t("lesson_locked", { n: blocker })];
      });
    });
    if (assessment) {
      var best = progress.bestScore(state), passed = progress.passed(state);
      var line = [assessment.title, passed ? t("status_passed", { n: best })
        : progress.failedFinal(assessment, state) ? t("status_failed", { n: best })
          : state.a.n > 0 ? t("status_in_progress") : t("status_not_started"),
      "★", state.l === course.assessmentScreen, passed, course.assessmentScreen,
      course.assessmentScreen > stop && t("assessment_locked")];
      outlineItem(course.lessons.length, JSON.stringify(line), function () { return line; });
    }
    /* when practice */
    if (modules.practiceView) modules.practiceView.reviewEntries(course, state).forEach(function (r, i) { /* "For review" */
      outlineItem(course.lessons.length + (assessment ? 1 : 0) + i, r.k + " " + (state.l === r.k), function () {
        return [r.title, t("for_review"), "↺", state.l === r.k, false, r.k];
      });
    });
    /* end when */
    scrollOutline();
    /* when certificate */
    modules.certificateView.refresh(player); /* shown once complete */
    /* end when */
    footerFor(course, state, stop);
  }
  /* the current item wholly in sight in a scrolling outline, never cut at the top */
  function scrollOutline() {
    var list = parts.list, current = list.querySelector(".current");
    if (!current || list.scrollHeight <= list.clientHeight) return;
    var top = current.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + current.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top;
  }
  /* during an attempt the footer offers nothing: the question's own Submit and Next lead on */
  function inAttempt(course, state) {
    return state.l === course.assessmentScreen && !!state.a && state.a.ph === "q" && state.a.n > 0;
  }
  function footerFor(course, state, stop) {
    var last = state.l === course.screenCount - 1, attempt = inAttempt(course, state), held = !last && state.l >= stop;
    parts.foot.classList.toggle("quiet", attempt);
    parts.previous.hidden = attempt;
    parts.previous.disabled = state.l === 0;
    parts.next.hidden = last || attempt;
    parts.finish.hidden = !last || attempt;
    /* navigation: linear: Next waits for the page's activity, and says so beside it */
    if (!parts.why) return;
    parts.next.disabled = held;
    parts.why.hidden = !held;
    parts.why.textContent = held ? player.t(stop < state.l ? "next_locked_earlier" : "next_locked_" + course.pages[state.l].page.kind) : "";
    if (held) parts.next.setAttribute("aria-describedby", parts.why.id);
    else parts.next.removeAttribute("aria-describedby");
  }
  /* the last screen that may be opened: all of them, unless the course's navigation is linear
     (never in review and browse modes, where nothing is answered) */
  function linearStop(course, state) {
    if (course.info.navigation !== "linear" || player.session.readOnly) return course.screenCount;
    return progress.linearStop(course, state, function (entry, k) { return activityDone(entry, k, state); });
  }

  /* what is not done yet, as the course's completion rule counts it */
  function missing() {
    var t = player.t, course = player.course, state = player.session.state, practice = modules.practice;
    var rule = course.assessment || practice ? course.info.completion : "lessons";
    var needs = rule === "both" ? "lessons+assessment" : rule; /* or a mapping's, e.g. lessons+practice (practice.js) */
    var out = [], unseen = state.vw.split("0").length - 1;
    /* when practice confidence */
    var counts = practice && practice.pageCounts(course, state);
    if (counts) unseen = counts.total - counts.viewed; /* remediation pages are not needed */
    /* end when */
    if (needs.indexOf("lessons") >= 0 && unseen) out.push(t("missing_pages", { n: unseen }));
    /* when practice confidence */
    if (needs.indexOf("practice") >= 0 && !practice.practiceDone(course, state)) out.push(t("missing_practice"));
    /* end when */
    if (needs.indexOf("assessment") >= 0 && !progress.passed(state)) out.push(t("missing_assessment"));
    return out;
  }
  /* Exit and Finish before the course is complete (while it still can be) ask first, and say what
     is kept; Stay (or Escape) closes the question and gives the focus back */
  function confirmLeave(kind, leave) {
    var t = player.t, course = player.course, state = player.session.state;
    /* (in review and browse modes nothing is kept or lost: no question) */
    if (player.session.readOnly || player.session.isComplete() || progress.failedFinal(course.assessment, state) ||
      typeof HTMLDialogElement === "undefined") {
      return leave();
    }
    var stay = button(t("stay"), function () { dismiss(); }, dom.PRIMARY);
    var titleId = dom.uniqueId("dlg"), left = missing();
    /* closed at once, not at the dialog's close event, which comes later (Escape goes through it) */
    var dismiss = dom.showModal(el("dialog", { cls: "confirm", "aria-labelledby": titleId }, [
      el("h2", { id: titleId, text: t(kind === "exit" ? "confirm_exit_title" : "confirm_finish_title") }),
      left.length ? el("p", { text: t("confirm_incomplete") }) : null,
      left.length ? el("ul", {}, left.map(function (line) { return el("li", { text: line }); })) : null,
      el("p", { text: t("confirm_kept") }),
      inAttempt(course, state) ? el("p", { text: t("confirm_attempt") }) : null,
      el("div", { cls: "actions" }, [stay, button(t("leave_now"), function () { dismiss(); leave(); })])]), app,
    document.activeElement);
    stay.focus();
  }

  function endScreen(title, message) {
    dom.clear(app);
    var main = el("main", { id: "main", cls: "title-screen" }, [el("div", { cls: "title-card" }, [dom.brandLine(player.brand),
      el("p", { cls: "eyebrow", text: player.course.info.title }), el("h1", { text: title }), el("p", { text: message })])]);
    add(app, main);
    parts = {};
    dom.focusHeading(main);
  }
  /* the end screen never says "saved" when the LMS didn't confirm it, nor in review and browse
     modes, where nothing is written (session.js end, view-record.js endWords) */
  function exitCourse() {
    var t = player.t, words = modules.recordView.endWords(player.session.end(true));
    endScreen(t(words ? words[0] : "exited_title"), t(words ? words[1] : "exited"));
  }
  function finishCourse() {
    var t = player.t, done = player.session.isComplete(), words = modules.recordView.endWords(player.session.end(true));
    if (words) return endScreen(t(words[0]), t(words[1]));
    endScreen(done ? t("finished_title") : t("exited_title"), done ? t("finished") : t("finished_incomplete"));
    /* when certificate */
    if (done) modules.certificateView.offer(app.querySelector(".title-card"), player);
    /* end when */
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
