/* A coached reply: the learner writes what they would send, in a box that fits the channel (a chat
   message, an email with its subject, or, on a call, the gist of what they said aloud), coached as they
   type (reply-coach.js); once sent, the model answer and "How close was yours?". A `type: reply` page,
   or the section under a scenario with `reply:` (view-scenario.js asks for it once the choice is made).
   Reported as two interactions (reply-record.js; docs/player.md, section 4). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, coach = modules.replyCoach, records = modules.replyRecord;
  var MAX_LENGTH = 4000, RATINGS = [1, 2, 3, 4];

  /* the box for the channel: {node, input (the text), subject (email only)} */
  function composer(t, page, label) {
    var id = dom.uniqueId("reply"), input = el("textarea", { id: id, cls: "reply-text", rows: page.channel === "chat" ? "3" : "6",
      maxlength: MAX_LENGTH, spellcheck: "true" });
    var subject = null, parts = [];
    if (page.channel === "email") {
      var sid = dom.uniqueId("subj"), given = page.customer && page.customer.subject;
      subject = el("input", { id: sid, type: "text", cls: "reply-subject", value: given ? t("reply_re", { subject: given }) : "" });
      parts.push(el("label", { "for": sid, text: t("email_subject") }), subject);
    }
    if (page.channel === "phone") parts.push(el("p", { cls: "reply-say", text: t("reply_phone_say") }));
    parts.push(el("label", { "for": id, cls: "reply-label", text: label }), input);
    return { node: el("div", { cls: "reply-box " + page.channel }, parts), input: input, subject: subject };
  }

  /* the live coaching of the text: the flagged phrases marked in a copy of it and explained, the checklist */
  function coachView(t, family) {
    var mirror = el("p", { cls: "reply-mirror", "aria-hidden": "true", hidden: true });
    var flags = el("ul", { cls: "reply-flags" }), checks = el("ul", { cls: "reply-checks" });
    var limit = records.textKind(family).limit, status = el("p", { cls: "reply-status", role: "status" });
    var cut = el("p", { cls: "reply-cut", hidden: true, text: t("reply_cut", { n: limit }) });
    var node = el("div", { cls: "reply-coach" }, [mirror, flags, el("p", { cls: "reply-checks-title", text: t("reply_checklist") }),
      checks, status, cut]);
    var last = -1;
    function show(text, result) {
      [mirror, flags, checks].forEach(dom.clear);
      mirror.hidden = !result.flags.length;
      coach.pieces(text, result.flags).forEach(function (p) { add(mirror, p.flag ? el("mark", { text: p.text }) : document.createTextNode(p.text)); });
      result.flags.forEach(function (f) {
        add(flags, el("li", { cls: "flag-" + f.kind }, [el("strong", { text: "“" + text.slice(f.start, f.end) + "”" }), " ",
          t("reply_flag_" + f.kind)]));
      });
      result.checks.forEach(function (c) {
        var met = c.met ? "met" : "unmet";
        add(checks, el("li", { cls: met }, [el("span", { cls: "v-icon", "aria-hidden": "true", text: c.met ? "✓" : "○" }),
          el("span", { text: c.actFirst ? t("reply_act_first") : c.label }), el("span", { cls: "sr", text: " " + t("reply_" + met) }),
          !c.met && c.hint ? el("span", { cls: "hint", text: " " + c.hint }) : null]));
      });
      if (result.met !== last) { status.textContent = t("reply_checks_met", { met: result.met, total: result.checks.length }); last = result.met; }
      cut.hidden = text.trim().length <= limit;
    }
    return { node: node, show: show };
  }

  /* the rating "How close was yours?": radios and a button; onRate(rating) */
  function ratingView(t, rating, onRate) {
    var name = dom.uniqueId("rate"), feedback = el("div", { cls: "feedback" });
    var radios = RATINGS.map(function (n) {
      var id = dom.uniqueId("r");
      return { n: n, input: el("input", { type: "radio", name: name, id: id, value: n, checked: n === rating }), id: id };
    });
    var save = dom.button(t("reply_rate_save"), function () {
      var chosen = radios.filter(function (r) { return r.input.checked; })[0];
      if (!chosen) return dom.hint(feedback, t("reply_rate_first"));
      onRate(chosen.n);
    });
    var node = el("div", { cls: "reply-rating" }, [el("fieldset", { cls: "choices likert" }, [el("legend", { text: t("reply_rate") })]
      .concat(radios.map(function (r) { return el("div", { cls: "choice" }, [r.input, el("label", { "for": r.id, text: t("reply_rate_" + r.n) })]); }))),
      el("div", { cls: "actions" }, [save]), feedback]);
    function done(n) {
      radios.forEach(function (r) { r.input.disabled = true; r.input.checked = r.n === n; });
      save.disabled = true;
      dom.hint(feedback, t("reply_rated", { rating: t("reply_rate_" + n) }));
    }
    if (rating) done(rating);
    return { node: node, done: done };
  }

  /* the reply under its customer: {node, reveal()}. label: the words over the box (a reply page's
     prompt; a scenario's reply: the player's "now in your own words") */
  function section(page, index, player, label) {
    var t = player.t, state = player.session.state, reply = page.reply, family = player.lms.family;
    /* the phrases the coaching flags: the course data's "coach" (its language's and company's) */
    var compiled = coach.compile(reply), lists = player.data.coach || { scripted: [], sympathy: [] };
    var box = composer(t, page, label), live = coachView(t, family), after = el("div", { cls: "feedback" });
    var send = dom.button(t("reply_send"), onSend, dom.PRIMARY), started = Date.now();
    var node = el("section", { cls: "reply", "aria-label": label }, [box.node, live.node, el("div", { cls: "actions" }, [send]), after]);
    function rec() { state.rp = state.rp || {}; return state.rp[index] || [0, "", 0, 0]; }
    function update() { live.show(box.input.value, coach.coach(box.input.value, compiled, lists)); }
    /* sent: the box locked until Write another */
    function lock(locked) {
      box.input.readOnly = send.disabled = locked;
      if (box.subject) box.subject.readOnly = locked;
    }
    function again() { return el("div", { cls: "actions" }, [dom.button(t("reply_again"), onAgain)]); }
    box.input.addEventListener("input", update);

    function onSend() {
      var text = box.input.value;
      if (!text.trim()) return dom.hint(after, t("reply_empty"), player.say);
      var result = coach.coach(text, compiled, lists), r = rec(), tries = r[0] + 1;
      state.rp[index] = [tries, result.bits, 0, 1];
      if (page.scored) player.lms.addInteraction(records.textInteraction(reply, family, player.course.info.language, text, result,
        tries, started, page.prompt));
      live.show(text, result);
      showAfter(true);
      player.session.sync();
    }
    /* sent: the box locked, the model answer, the rating; focus: just sent */
    function showAfter(focus) {
      var r = rec(), rated = Date.now();
      lock(true);
      var rating = ratingView(t, r[2], function (n) {
        var now = rec();
        state.rp[index] = [now[0], now[1], n, 1];
        if (page.scored) player.lms.addInteraction(records.ratingInteraction(reply, n, now[0], rated, t("reply_rate"),
          function (k) { return t("reply_rate_" + k); }));
        rating.done(n);
        if (page.retry) add(after, again());
        player.session.sync();
      });
      dom.verdictBox(after, "model", t("reply_model"), [
        !box.input.value && el("p", { text: t("reply_sent_earlier", { met: r[1].split("1").length - 1, total: r[1].length }) }),
        el("blockquote", { cls: "reply-model" }, [el("p", { text: reply.model })]), rating.node,
        r[2] && page.retry && again()], focus);
    }
    function onAgain() {
      var r = rec();
      state.rp[index] = [r[0], "", 0, 0];
      lock(false);
      box.input.value = "";
      dom.clear(after); after.className = "feedback";
      started = Date.now();
      update();
      player.session.persist();
      box.input.focus();
    }
    update();
    if (rec()[3]) showAfter(false);
    return { node: node, reveal: function () { node.hidden = false; } };
  }

  /* a `type: reply` page: the customer in the channel, then the reply */
  function renderReply(container, page, index, player) {
    var t = player.t, customerView = modules.customerView, message = customerView.channelBox(t, page.channel, page.customer);
    add(container, message.box,
      page.customer.context && el("p", { cls: "context" }, [el("strong", { text: t("context_label") }), " ", page.customer.context]),
      customerView.moodChip(t, page.customer.mood), page.image && modules.textView.figure(page.image, "item"),
      section(page, index, player, page.prompt).node);
    var record = player.session.state.rp && player.session.state.rp[index];
    if (!record || !record[3]) customerView.typeOut(message.burst);
  }

  modules.replyView = { section: section };
  modules.pageViews = modules.pageViews || {};
  modules.pageViews.reply = renderReply;
}(typeof window !== "undefined" ? window : global));
