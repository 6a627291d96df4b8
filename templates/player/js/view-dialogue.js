/* A dialogue page: the conversation, the responses, and at an ending the debrief, scores and
   decisions with Replay. A scored dialogue records each decision as an interaction and each named
   score as an objective (docs/player.md, sections 4 and 5). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, customerView = modules.customerView;
  var walk = modules.dialoguePath.walk;

  /* the lines so far; the customer's newest line can take the focus */
  function conversation(t, path, who) {
    var list = el("ol", { cls: "convo", "aria-label": t("conversation", { name: who }) }), lastLine = null;
    path.steps.forEach(function (step) {
      if (step.current.customer) add(list, customerView.bubble("them", who, step.current.customer));
      add(list, customerView.bubble("me", t("you"), step.choice.text));
    });
    if (path.current && path.current.customer) {
      lastLine = customerView.bubble("them now", who, path.current.customer, true);
      add(list, lastLine);
    }
    return { list: list, lastLine: lastLine };
  }
  /* {section, heading}: the ending, whose heading takes the focus when it is reached */
  function endingSection(t, dialogue, path, onReplay) {
    var ending = path.current.ending;
    var table = el("table", { cls: "scores" }, [el("caption", { text: t("scores") }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: t("score_col") }), el("th", { scope: "col", text: t("value_col") }),
        el("th", { scope: "col", text: t("range_col") })])]),
      el("tbody", {}, dialogue.scores.map(function (s) {
        return el("tr", {}, [el("th", { scope: "row", text: s.label }), el("td", { text: String(path.totals[s.id]) }),
          el("td", { text: t("range", { min: s.min, max: s.max }) })]);
      }))]);
    var decisions = el("ol", { cls: "decisions" }, path.steps.map(function (step) {
      return el("li", {}, [el("p", { cls: "dec-choice", text: step.choice.text }),
        step.choice.feedback_html ? el("div", { cls: "prose", html: step.choice.feedback_html }) : null]);
    }));
    var heading = el("h3", { text: ending.title, tabindex: "-1" });
    var section = el("section", { cls: "ending outcome-" + ending.outcome }, [
      el("p", { cls: "outcome", text: t("outcome_" + ending.outcome) }), heading, el("div", { cls: "prose", html: ending.debrief_html }),
      table, el("h4", { text: t("decisions") }), decisions, dom.button(t("replay"), onReplay)]);
    return { section: section, heading: heading };
  }
  function choiceGroup(t, current, onChoose) {
    var labelId = dom.uniqueId("g");
    return el("div", { cls: "dlg-choices", role: "group", "aria-labelledby": labelId },
      [el("p", { id: labelId, cls: "group-label", text: t("your_response") })].concat(current.choices.map(function (choice) {
        return dom.button(choice.text, function () { onChoose(choice); }, "btn choice-btn");
      })));
  }

  function renderDialogue(container, dialogue, index, player) {
    var t = player.t, state = player.session.state;
    if (dialogue.intro_html) add(container, el("div", { cls: "prose intro", html: dialogue.intro_html }));
    var box = el("div", { cls: "dialogue" });
    add(container, box);
    var decisionStarted = Date.now();
    /* [play-through, path]; see state.js */
    function record() { return state.dg[index] || [1, ""]; }
    function draw(focus) {
      dom.clear(box);
      var path = walk(dialogue, record()[1]), who = dialogue.customer || t("customer");
      add(box, el("div", { cls: "dlg-head" }, [el("p", { cls: "ch-label ch-" + dialogue.channel,
        text: t("channel_" + dialogue.channel) + " · " + who }), customerView.moodChip(t, path.mood)]));
      var lines = conversation(t, path, who), zone = el("div", { cls: "dlg-live", "aria-live": "polite" });
      add(box, lines.list);
      add(box, zone);
      if (path.current && path.current.ending) {
        var ending = endingSection(t, dialogue, path, replay);
        add(zone, ending.section);
        if (focus) ending.heading.focus();
      } else if (path.current) {
        add(zone, choiceGroup(t, path.current, choose));
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
          started: decisionStarted, weight: 1, description: path.current.customer || dialogue.title,
          patterns: path.current.choices.filter(function (c) { return c.best; }).map(function (c) { return [c.key]; }),
          response: [choice.key], result: choice.best ? "correct" : "incorrect" });
        var ended = !!(reached.current && reached.current.ending);
        dialogue.scores.forEach(function (s) {
          player.lms.updateObjective("obj_" + dialogue.id + "_" + s.id, { raw: reached.totals[s.id], min: s.min, max: s.max }, ended);
        });
      }
      decisionStarted = Date.now();
      draw(true);
      player.session.sync();
    }
    /* a new play-through: its interaction ids get the next _a<n> suffix */
    function replay() {
      state.dg[index] = [record()[0] + 1, ""];
      decisionStarted = Date.now();
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
