/* A scenario page: the customer's message, the options (in the learner's own order: random.js
   answerOrder), the verdict and feedback, Try again. A scored scenario records each answer as an
   interaction under the option's own key (docs/player.md, section 4). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView;
  var byKey = modules.answerKeys.byKey, keysOf = modules.answerKeys.keysOf;

  /* best is right, acceptable is neither right nor wrong, poor is wrong */
  function resultOf(verdict) { return verdict === "best" ? "correct" : verdict === "acceptable" ? "neutral" : "incorrect"; }

  /* the options in the order this learner sees them; `shuffle: false` keeps the course's order */
  function shownOptions(page, player) {
    if (page.shuffle === false) return page.options.slice();
    return modules.random.answerOrder(player.lms.learnerId(), page.interaction_id, keysOf(page.options))
      .map(function (key) { return byKey(page.options, key); });
  }

  /* the answer locked in, with its mark, verdict, feedback and principle; focus: just submitted */
  function showResult(view, key, focus) {
    var t = view.t, page = view.page, option = byKey(page.options, key);
    if (!option) return;
    view.radios.forEach(function (r) {
      r.input.checked = r.option.key === key; r.input.disabled = true;
      dom.markChoice(r.row, r.option.key === key ? option.verdict : null);
    });
    view.submit.disabled = true;
    dom.verdictBox(view.feedback, option.verdict, t("verdict_" + option.verdict), [
      el("div", { cls: "prose", html: option.feedback_html }),
      page.principle && el("p", { cls: "principle", text: t("principle", { title: page.principle.title }) }),
      /* when practice */
      option.review && modules.practiceView && modules.practiceView.reviewLink(view.player, option.review), /* view-practice.js */
      /* end when */
      page.retry && option.verdict !== "best" && el("div", { cls: "actions" }, [dom.button(t("try_again"), view.onRetry)])], focus);
    if (view.reply) view.reply.reveal(); /* reply: now in the learner's own words (view-reply.js) */
  }

  function renderScenario(container, page, index, player) {
    var t = player.t, state = player.session.state, customer = page.customer, record = state.sc[index] || [0, ""];
    var message = customerView.channelBox(t, page.channel, customer), email = page.channel === "email";
    add(container, message.box,
      customer.context && el("p", { cls: "context" }, [el("strong", { text: t("context_label") }), " ", customer.context]),
      customerView.moodChip(t, customer.mood));
    var name = dom.uniqueId("opt"), feedback = el("div", { cls: "feedback" });
    var radios = shownOptions(page, player).map(function (option) {
      var id = dom.uniqueId("r");
      return { option: option, input: el("input", { type: "radio", name: name, id: id, value: option.key }), id: id };
    });
    var fieldset = el("fieldset", { cls: "choices" + (email ? " as-reply" : "") }, [el("legend", { text: page.prompt }),
      email ? customerView.replyHead(t, customer.subject) : null].concat(radios.map(function (r) {
      r.row = el("div", { cls: "choice" }, [r.input, el("label", { "for": r.id, text: r.option.text })]);
      return r.row;
    })));
    var view = { t: t, page: page, radios: radios, feedback: feedback, onRetry: onRetry, player: player };
    view.submit = dom.button(t("submit"), onSubmit, dom.PRIMARY);
    var started = Date.now();
    add(container,
      /* when media */
      page.media && modules.mediaView && modules.mediaView.block(page.media, t), /* view-media.js */
      /* end when */
      page.image && modules.textView.figure(page.image, "item"), fieldset, /* view-text.js */
      el("div", { cls: "actions" }, [view.submit]), feedback);
    /* when reply */
    view.reply = page.reply && modules.replyView ? modules.replyView.section(page, index, player, t("reply_own_words")) : null;
    if (view.reply) { view.reply.node.hidden = true; add(container, view.reply.node); }
    /* end when */

    function onSubmit() {
      var chosen = radios.filter(function (r) { return r.input.checked; })[0];
      if (!chosen) return dom.hint(feedback, t("choose_first"), player.say);
      record = [record[0] + 1, chosen.option.key];
      state.sc[index] = record;
      if (page.scored) {
        player.lms.addInteraction({ id: page.interaction_id, attempt: record[0], type: "choice", started: started, weight: 1,
          description: page.prompt, response: [chosen.option.key], result: resultOf(chosen.option.verdict),
          patterns: page.options.filter(function (o) { return o.verdict === "best"; }).map(function (o) { return [o.key]; }) });
      }
      /* when practice */
      if (modules.practiceView) modules.practiceView.result(player, page, chosen.option.verdict, chosen.option.review);
      /* end when */
      showResult(view, chosen.option.key, true);
      player.session.sync();
    }
    /* the count of answers stays, so the next answer's interaction id is new */
    function onRetry() {
      record = [record[0], ""]; state.sc[index] = record;
      radios.forEach(function (r) { r.input.checked = false; r.input.disabled = false; dom.markChoice(r.row, null); });
      view.submit.disabled = false;
      dom.clear(feedback); feedback.className = "feedback";
      started = Date.now();
      player.session.persist();
      radios[0].input.focus();
    }
    if (record[1]) showResult(view, record[1], false);
    else customerView.typeOut(message.burst);
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.scenario = renderScenario;
}(typeof window !== "undefined" ? window : global));
