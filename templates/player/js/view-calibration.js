/* A calibration page: a transcript (the customer's and the agent's lines, in its channel), the
   course's rubric as a form (a score per criterion, each level with what earns it), then, criterion
   by criterion, the learner's score beside the expert's with the expert's reason, and whether the
   learner is calibrated (within the page's tolerance everywhere: calibration-score.js). A scored
   page records each scoring as one performance interaction (docs/player.md, section 4). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView, chat = modules.chat;
  var score = modules.calibrationScore;

  /* the transcript as a conversation: the customer's turns on one side (a burst a bubble a message),
     the agent's on the other, with times in a chat or an email */
  function transcript(t, page) {
    var who = page.customer || t("customer"), agent = page.agent || t("cal_agent"), n = 0, first = true;
    function stamp() { return page.channel === "phone" ? null : chat.clock(page.time, n++); }
    var items = [];
    page.transcript.forEach(function (turn) {
      chat.lines(turn.says).forEach(function (line, i) {
        if (turn.who === "agent") return items.push(customerView.bubble("me", agent, line, false, stamp()));
        items.push(customerView.bubble("them", who, line, false, stamp(), i === 0 && first ? customerView.avatar(who, "neutral", page.avatar) : null));
        first = false;
      });
    });
    return el("ol", { cls: "convo calib-convo" + (page.channel === "email" ? " thread" : ""),
      "aria-label": t("cal_transcript", { name: who }) }, items);
  }

  /* a fieldset per criterion, a radio per level: {box, groups: [[input per level]]} */
  function rubricForm(t, criteria) {
    var groups = criteria.map(function (c) {
      var name = dom.uniqueId("cal");
      return c.levels.map(function (text, s) {
        var id = dom.uniqueId("r");
        return { input: el("input", { type: "radio", name: name, id: id, value: s }), id: id, text: text, score: s };
      });
    });
    var box = el("div", { cls: "calib-form" }, criteria.map(function (c, i) {
      return el("fieldset", { cls: "choices" }, [el("legend", { text: c.question ? t("cal_criterion", { title: c.title, question: c.question }) : c.title })]
        .concat(groups[i].map(function (r) {
          return el("div", { cls: "choice" }, [r.input, el("label", { "for": r.id, text: t("cal_level", { score: r.score, text: r.text }) })]);
        })));
    }));
    return { box: box, groups: groups };
  }

  function rowWords(t, row) {
    var key = row.gap === 0 ? "cal_row_same" : row.within ? "cal_row_within" : "cal_row_apart";
    return t(key, { mine: row.mine, expert: row.expert, count: row.gap });
  }
  /* the comparison, criterion by criterion, in the verdict box; focus: just submitted */
  function showResult(view, scores, focus) {
    var t = view.t, page = view.page, result = score.compare(page, view.criteria, scores);
    view.form.groups.forEach(function (group, i) {
      group.forEach(function (r) { r.input.checked = r.score === scores[i]; r.input.disabled = true; });
    });
    view.submit.disabled = true;
    var matched = result.rows.filter(function (r) { return r.within; }).length;
    dom.verdictBox(view.feedback, result.calibrated ? "correct" : "incorrect", t(result.calibrated ? "cal_calibrated" : "cal_not_calibrated"), [
      el("p", { text: t(page.tolerance ? "cal_summary_within" : "cal_summary_exact",
        { n: matched, total: result.rows.length, count: page.tolerance }) }),
      el("ol", { cls: "calib-rows" }, result.rows.map(function (row) {
        return el("li", { cls: "verdict-" + (row.within ? "correct" : "incorrect") }, [
          el("p", { cls: "calib-row" }, [el("span", { cls: "c-mark", "aria-hidden": "true", text: dom.VERDICT_ICON[row.within ? "correct" : "incorrect"] }),
            el("strong", { text: row.title }), " ", rowWords(t, row)]),
          el("p", { cls: "calib-why", text: t("cal_reason") }),
          el("div", { cls: "prose", html: row.reason_html })]);
      })),
      page.principle && el("p", { cls: "principle", text: t("principle", { title: page.principle.title }) }),
      page.retry && !result.calibrated && el("div", { cls: "actions" }, [dom.button(t("cal_retry"), view.onRetry)])], focus);
  }

  function renderCalibration(container, page, index, player) {
    var t = player.t, state = player.session.state, rubric = player.data.rubric || { criteria: [] }, criteria = rubric.criteria;
    var record = (state.cb && state.cb[index]) || [0, ""];
    var form = rubricForm(t, criteria), feedback = el("div", { cls: "feedback" });
    var view = { t: t, page: page, criteria: criteria, form: form, feedback: feedback, onRetry: onRetry };
    view.submit = dom.button(t("cal_submit"), onSubmit, dom.PRIMARY);
    var started = Date.now();
    add(container, page.intro_html && el("div", { cls: "prose", html: page.intro_html }), transcript(t, page),
      el("h3", { text: rubric.title }), form.box, el("div", { cls: "actions" }, [view.submit]), feedback);

    function onSubmit() {
      var scores = form.groups.map(function (group) {
        var chosen = group.filter(function (r) { return r.input.checked; })[0];
        return chosen ? chosen.score : -1;
      });
      if (scores.indexOf(-1) >= 0) return dom.hint(feedback, t("cal_choose_all"), player.say);
      record = [record[0] + 1, score.toText(scores)];
      (state.cb = state.cb || {})[index] = record;
      if (page.scored) player.lms.addInteraction(score.interaction(page, criteria, scores, record[0], started, page.title));
      showResult(view, scores, true);
      player.session.sync();
    }
    /* the count of scorings stays, so the next one's interaction id is new */
    function onRetry() {
      record = [record[0], ""]; state.cb[index] = record;
      form.groups.forEach(function (group) { group.forEach(function (r) { r.input.checked = false; r.input.disabled = false; }); });
      view.submit.disabled = false;
      dom.clear(feedback); feedback.className = "feedback";
      started = Date.now();
      player.session.persist();
      form.groups[0][0].input.focus();
    }
    var saved = score.fromText(record[1], criteria);
    if (saved) showResult(view, saved, false);
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.calibration = renderCalibration;
}(typeof window !== "undefined" ? window : global));
