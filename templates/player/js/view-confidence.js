/* A confidence page (docs/player.md, "The confidence check"): each principle rated from 1 (not at all
   confident) to 5 (very confident), saved once, each rating reported as a likert interaction
   conf_<moment>_<principle> (cmi-rules.js likert). The 'after' page then shows the learner their change
   since the 'before' page (practice.js confidenceChange). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, practice = modules.practice;
  var SCALE = [1, 2, 3, 4, 5];

  function scaleGroup(t, principle, rating) {
    var name = dom.uniqueId("cf"), inputs = [];
    var rows = SCALE.map(function (n) {
      var id = dom.uniqueId("r"), input = el("input", { type: "radio", name: name, id: id, value: n,
        checked: rating === n, disabled: rating > 0 });
      inputs.push(input);
      return el("div", { cls: "choice" }, [input, el("label", { "for": id, text: n + " – " + t("confidence_" + n) })]);
    });
    var box = el("fieldset", { cls: "choices confidence" }, [el("legend", { text: principle.title })].concat(rows));
    return { box: box, inputs: inputs, value: function () {
      var on = inputs.filter(function (i) { return i.checked; })[0];
      return on ? +on.value : 0;
    } };
  }
  /* the learner's own change per principle, on the 'after' page once both are rated */
  function changeList(t, player) {
    var rows = practice.confidenceChange(player.course, player.session.state);
    if (!rows.length) return null;
    return el("section", { cls: "confidence-change" }, [el("h3", { text: t("confidence_change_title") }),
      el("ul", {}, rows.map(function (row) {
        var d = row.after - row.before;
        return el("li", { text: t("confidence_change_row", { title: row.title, before: row.before, after: row.after,
          change: d > 0 ? t("confidence_up", { n: d }) : d < 0 ? t("confidence_down", { n: -d }) : t("confidence_same") }) });
      }))]);
  }

  function renderConfidence(container, page, index, player) {
    var t = player.t, state = player.session.state, saved = (state.cf || {})[page.id] || "", started = Date.now();
    if (page.intro_html) add(container, el("div", { cls: "prose intro", html: page.intro_html }));
    add(container, el("p", { text: t("confidence_prompt") }));
    var groups = page.principles.map(function (p, i) { return scaleGroup(t, p, +saved.charAt(i) || 0); });
    groups.forEach(function (g) { add(container, g.box); });
    var feedback = el("div", { cls: "feedback", "aria-live": "polite" });
    var submit = dom.button(t("confidence_save"), onSave, dom.PRIMARY);
    submit.disabled = !!saved;
    add(container, el("div", { cls: "actions" }, [submit]), feedback);
    if (saved) done(false);

    function done(focus) {
      dom.clear(feedback);
      feedback.className = "feedback show";
      var said = el("p", { text: t("confidence_saved"), tabindex: "-1" });
      add(feedback, said, page.moment === "after" ? changeList(t, player) : null);
      if (focus) said.focus();
    }
    function onSave() {
      var ratings = groups.map(function (g) { return g.value(); });
      if (ratings.indexOf(0) >= 0) return dom.hint(feedback, t("confidence_rate_all"), player.say);
      state.cf = state.cf || {};
      state.cf[page.id] = ratings.join("");
      page.principles.forEach(function (p, i) {
        var item = modules.cmiRules.likert(p.interaction_id, ratings[i], started, p.title);
        if (!item) return;
        item.scale = SCALE.map(function (n) { return { id: String(n), text: t("confidence_" + n) }; }); /* cmi5's scale */
        player.lms.addInteraction(item);
      });
      groups.forEach(function (g) { g.inputs.forEach(function (input) { input.disabled = true; }); });
      submit.disabled = true;
      done(true);
      player.session.sync();
    }
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.confidence = renderConfidence;
}(typeof window !== "undefined" ? window : global));
