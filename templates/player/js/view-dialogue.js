/* A dialogue page: a header that stays in sight (the customer's face, name, channel and mood,
   whose changes are announced), the conversation, the responses (in the learner's own order), and
   at an ending the debrief, each score as a meter and each decision with the better line there
   was, with Replay. A scored dialogue records each decision as an interaction and each named
   score as an objective (docs/player.md, sections 4 and 5). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView;
  var walk = modules.dialoguePath.walk, byKey = modules.answerKeys.byKey, keysOf = modules.answerKeys.keysOf, chat = modules.chat;

  /* the lines so far, each message its own bubble: in a chat or an email with its time (a minute
     apart from the dialogue's start), the customer's face beside the first of each of their turns;
     in an email what came before the last reply is folded away. {list, lastLine, burst}: the newest
     turn's first message takes the focus, and a chat types its messages out */
  function conversation(t, dialogue, path, who) {
    var n = 0, mood = (dialogue.nodes[dialogue.start] || {}).mood, items = [], burst = [], from = 0;
    function stamp() { return dialogue.channel === "phone" ? null : chat.clock(dialogue.time, n++); }
    function turn(node, now) {
      mood = node.mood || mood;
      from = Math.max(0, items.length - 1);
      return chat.lines(node.customer).map(function (line, i) {
        var b = customerView.bubble(now ? "them now" : "them", who, line, now && !i, stamp(), i ? null : customerView.avatar(who, mood, dialogue.avatar));
        items.push(b);
        return b;
      });
    }
    path.steps.forEach(function (step) {
      turn(step.current, false);
      items.push(customerView.bubble("me", t("you"), step.choice.text, false, stamp()));
    });
    if (path.current && path.current.customer) burst = turn(path.current, true);
    var list = el("ol", { cls: "convo" + (dialogue.channel === "email" ? " thread" : ""), "aria-label": t("conversation", { name: who }) });
    var folded = dialogue.channel === "email" && from > 0 ? el("ol", { cls: "convo thread" }, items.slice(0, from)) : null;
    add.apply(null, [list].concat(folded ? items.slice(from) : items));
    return { list: list, lastLine: burst[0] || null, burst: burst,
      folded: folded && el("details", { cls: "earlier" }, [el("summary", { text: t("earlier_messages", { count: from }) }), folded]) };
  }
  /* each named score as a meter, with its value and range in words */
  function scoreMeters(t, dialogue, path) {
    return el("ul", { cls: "meters" }, dialogue.scores.map(function (s) {
      var id = dom.uniqueId("s"), value = path.totals[s.id];
      return el("li", {}, [el("span", { id: id, cls: "m-label", text: s.label }),
        el("meter", { min: String(s.min), max: String(s.max), value: String(value), "aria-labelledby": id }),
        el("span", { cls: "m-words", text: t("score_words", { value: value, min: s.min, max: s.max }) })]);
    }));
  }
  /* each decision: what the learner said, its feedback, and the best line of that moment when
     another was said */
  function decisionList(t, path) {
    return el("ol", { cls: "decisions" }, path.steps.map(function (step) {
      var better = step.choice.best ? null : step.current.choices.filter(function (c) { return c.best; })[0];
      return el("li", {}, [el("p", { cls: "dec-choice", text: step.choice.text }),
        step.choice.feedback_html ? el("div", { cls: "prose", html: step.choice.feedback_html }) : null,
        better ? el("p", { cls: "better" }, [el("span", { cls: "better-label", text: t("better_line") }), " ", better.text]) : null]);
    }));
  }
  /* the debrief's lines that the path taken shows (dialogue-debrief.js) */
  function debriefLines(ending, path) {
    return el("div", { cls: "prose debrief" }, modules.dialogueDebrief.linesFor(ending, path.steps).map(function (line) {
      return el("div", { cls: "debrief-line", html: line.html });
    }));
  }
  /* {section, heading}: the ending, whose heading takes the focus when it is reached */
  function endingSection(t, dialogue, path, onReplay) {
    var ending = path.current.ending, heading = el("h3", { text: ending.title, tabindex: "-1" });
    var section = el("section", { cls: "ending outcome-" + ending.outcome }, [
      el("p", { cls: "outcome", text: t("outcome_" + ending.outcome) }), heading, debriefLines(ending, path),
      el("h4", { text: t("scores") }), scoreMeters(t, dialogue, path),
      el("h4", { text: t("decisions") }), decisionList(t, path), dom.button(t("replay"), onReplay)]);
    return { section: section, heading: heading };
  }
  /* the node's choices in the order this learner sees them (random.js answerOrder); `shuffle:
     false` on the dialogue or the node keeps the course's order */
  function shownChoices(dialogue, nodeId, player) {
    var node = dialogue.nodes[nodeId];
    if (dialogue.shuffle === false || node.shuffle === false) return node.choices.slice();
    return modules.random.answerOrder(player.lms.learnerId(), dialogue.interaction_prefix + "_" + nodeId,
      keysOf(node.choices)).map(function (key) { return byKey(node.choices, key); });
  }
  function choiceGroup(t, choices, onChoose) {
    var labelId = dom.uniqueId("g");
    return el("div", { cls: "dlg-choices", role: "group", "aria-labelledby": labelId },
      [el("p", { id: labelId, cls: "group-label", text: t("your_response") })].concat(choices.map(function (choice) {
        return dom.button(choice.text, function () { onChoose(choice); }, "btn choice-btn");
      })));
  }

  function renderDialogue(container, dialogue, index, player) {
    var t = player.t, state = player.session.state;
    if (dialogue.intro_html) add(container, el("div", { cls: "prose intro", html: dialogue.intro_html }));
    var box = el("div", { cls: "dialogue dlg-" + dialogue.channel });
    add(container, box);
    var decisionStarted = Date.now(), callStarted = decisionStarted, moodShift = 0;
    /* [play-through, path]; see state.js */
    function record() { return state.dg[index] || [1, ""]; }
    function draw(focus) {
      dom.clear(box);
      var path = walk(dialogue, record()[1]), who = dialogue.customer || t("customer");
      add(box, el("div", { cls: "dlg-head" }, [customerView.avatar(who, path.mood, dialogue.avatar), el("div", { cls: "dlg-who" }, [
        el("p", { cls: "dlg-name", text: who }), el("p", { cls: "ch-label ch-" + dialogue.channel, text: t("channel_" + dialogue.channel) }),
        dialogue.channel === "phone" && path.current && !path.current.ending ? customerView.callTimer(t, callStarted) : null]),
        customerView.moodChip(t, path.mood, moodShift)]));
      moodShift = 0;
      var lines = conversation(t, dialogue, path, who), zone = el("div", { cls: "dlg-live", "aria-live": "polite" });
      var email = dialogue.channel === "email";
      add(box, email && dialogue.subject ? el("p", { cls: "thread-subj" }, [el("strong", { text: t("email_subject") }), " ", dialogue.subject]) : null,
        lines.folded, lines.list, path.current && path.current.image && modules.textView.figure(path.current.image, "item"), zone);
      if (dialogue.channel === "chat" && (focus || !path.steps.length)) customerView.typeOut(lines.burst);
      if (path.current && path.current.ending) {
        var ending = endingSection(t, dialogue, path, replay), review = path.current.ending.review;
        /* when practice */
        var link = review && modules.practiceView && modules.practiceView.reviewLink(player, review); /* view-practice.js */
        if (link) ending.section.insertBefore(link, ending.section.lastChild);
        /* end when */
        add(zone, ending.section);
        if (focus) ending.heading.focus();
      } else if (path.current) {
        add(zone, email ? customerView.replyHead(t, dialogue.subject) : null, choiceGroup(t, shownChoices(dialogue, path.node, player), choose));
        if (focus && lines.lastLine) lines.lastLine.focus();
      }
    }
    function choose(choice) {
      var before = record(), path = walk(dialogue, before[1]);
      var after = [before[0], before[1] + choice.key];
      state.dg[index] = after;
      var reached = walk(dialogue, after[1]);
      if (dialogue.scored) {
        player.lms.addInteraction({ id: dialogue.interaction_prefix + "_" + path.node, attempt: after[0], type: "choice",
          started: decisionStarted, weight: 1, description: chat.lines(path.current.customer).join(" ") || dialogue.title,
          patterns: path.current.choices.filter(function (c) { return c.best; }).map(function (c) { return [c.key]; }),
          response: [choice.key], result: choice.best ? "correct" : "incorrect" });
        var ended = !!(reached.current && reached.current.ending);
        dialogue.scores.forEach(function (s) {
          player.lms.updateObjective("obj_" + dialogue.id + "_" + s.id, { raw: reached.totals[s.id], min: s.min, max: s.max }, ended);
        });
      }
      /* when practice */
      if (reached.current && reached.current.ending && modules.practiceView) { /* the first ending counts (view-practice.js) */
        modules.practiceView.result(player, dialogue, reached.current.ending.outcome, reached.current.ending.review);
      }
      /* end when */
      decisionStarted = Date.now();
      moodShift = customerView.moodRank(reached.mood) - customerView.moodRank(path.mood);
      if (moodShift) player.say(t(moodShift > 0 ? "mood_better" : "mood_worse", { name: dialogue.customer || t("customer"),
        mood: t("mood_" + reached.mood) }));
      draw(true);
      player.session.sync();
    }
    /* a new play-through: its interaction ids get the next _a<n> suffix */
    function replay() {
      state.dg[index] = [record()[0] + 1, ""];
      decisionStarted = callStarted = Date.now();
      draw(true);
      if (!(dialogue.nodes[dialogue.start] && dialogue.nodes[dialogue.start].customer)) {
        var first = box.querySelector(".choice-btn");
        if (first) first.focus();
      }
      player.session.sync();
    }
    draw(false);
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.dialogue = renderDialogue;
}(typeof window !== "undefined" ? window : global));
