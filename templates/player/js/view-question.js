/* An assessment question: its inputs, Submit, the feedback, and the way on. For keyboards and
   screen readers: fieldsets with the prompt as legend, one labelled select per matching item,
   up/down buttons for ordering (no drag and drop). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var dom = modules.dom, el = dom.el, add = dom.add, quiz = modules.quiz;
  var keysOf = modules.answerKeys.keysOf, byKey = modules.answerKeys.byKey, letters = modules.answerKeys.letters;

  /* every kind's inputs answer read() (the answer, or null/"" when incomplete) and show(answer)
     (the answer locked in) */
  function choiceInputs(fieldset, question, attempt, player) {
    var t = player.t, multi = question.kind === "multiple-response", name = dom.uniqueId("q");
    var options = question.kind === "true-false" ? [{ key: "t", text: t("true") }, { key: "f", text: t("false") }]
      : quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.choices))
        .map(function (key) { return byKey(question.choices, key); });
    var rows = {};
    var inputs = options.map(function (option) {
      var id = dom.uniqueId("c"), input = el("input", { type: multi ? "checkbox" : "radio", name: name, id: id, value: option.key });
      rows[option.key] = add(fieldset, el("div", { cls: "choice" }, [input, el("label", { "for": id, text: option.text })])).lastChild;
      return input;
    });
    return {
      read: function () { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }).sort().join(""); },
      show: function (answer) { inputs.forEach(function (i) { i.checked = answer.indexOf(i.value) >= 0; i.disabled = true; }); },
      /* ✓ on a chosen right choice (and, revealed, on a right one not chosen), ✗ on a chosen wrong one */
      mark: function (answer, right, reveal) {
        Object.keys(rows).forEach(function (key) {
          var chosen = answer.indexOf(key) >= 0, isRight = right.indexOf(key) >= 0;
          dom.markChoice(rows[key], chosen ? (isRight ? "correct" : "incorrect") : reveal && isRight ? "correct" : null);
        });
      }
    };
  }
  function matchingInputs(fieldset, question, attempt, player) {
    var rights = quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.pairs), true), rows = [];
    var selects = question.pairs.map(function (pair) {
      var id = dom.uniqueId("m"), select = el("select", { id: id }, [el("option", { value: "", text: player.t("choose") })]
        .concat(rights.map(function (rightKey) { return el("option", { value: rightKey, text: byKey(question.pairs, rightKey).right }); })));
      rows.push(add(fieldset, el("div", { cls: "match-row" }, [el("label", { "for": id, text: pair.left }), select])).lastChild);
      return select;
    });
    return {
      read: function () { var v = selects.map(function (s) { return s.value; }); return v.indexOf("") >= 0 ? null : v.join(""); },
      show: function (answer) { selects.forEach(function (s, i) { s.value = answer.charAt(i); s.disabled = true; }); },
      mark: function (answer, right) {
        rows.forEach(function (row, i) { dom.markChoice(row, answer.charAt(i) === right.charAt(i) ? "correct" : "incorrect"); });
      }
    };
  }
  function orderingInputs(fieldset, question, attempt, player) {
    var t = player.t, order = quiz.displayOrder(player.course.assessment, question, attempt, keysOf(question.items), true);
    var frozen = false, list = el("ol", { cls: "order-list" });
    add(fieldset, el("p", { cls: "hint", text: t("order_hint") }));
    add(fieldset, list);
    var textOf = function (k) { return byKey(question.items, k).text; };
    /* redrawn after each move; the focus follows the moved item (its other button at an end) */
    var paint = function (focusKey, direction) {
      dom.clear(list);
      order.forEach(function (k, i) {
        var up = dom.button("", function () { move(i, -1); }, "icon-btn up", { "aria-label": t("move_up", { item: textOf(k) }) });
        var down = dom.button("", function () { move(i, 1); }, "icon-btn down", { "aria-label": t("move_down", { item: textOf(k) }) });
        add(up, el("span", { "aria-hidden": "true", text: "▲" }));
        add(down, el("span", { "aria-hidden": "true", text: "▼" }));
        up.disabled = frozen || i === 0; down.disabled = frozen || i === order.length - 1;
        add(list, el("li", { cls: "order-item" }, [el("span", { cls: "order-n", "aria-hidden": "true", text: String(i + 1) }),
          el("span", { cls: "order-text", text: textOf(k) }), el("span", { cls: "order-btns" }, [up, down])]));
        if (k === focusKey) {
          var same = direction < 0 ? up : down, other = direction < 0 ? down : up;
          (same.disabled ? other : same).focus();
        }
      });
    };
    var move = function (i, direction) {
      var j = i + direction;
      if (j < 0 || j >= order.length) return;
      var k = order[i]; order[i] = order[j]; order[j] = k;
      paint(k, direction);
      player.say(t("moved", { item: textOf(k), n: j + 1, total: order.length }));
    };
    paint();
    return {
      read: function () { return order.join(""); },
      show: function (answer) { order = letters(answer); frozen = true; paint(); },
      mark: function () { /* the order as a whole is right or wrong: the verdict box says it */ }
    };
  }
  /* a prompt of one paragraph goes into the legend without its <p> */
  function legendHtml(html) {
    var box = el("div", { html: html });
    return box.children.length === 1 && box.firstElementChild.tagName === "P" ? box.firstElementChild.innerHTML : html;
  }

  /* the feedback of an immediate answer: the question's, then each chosen choice's under its text,
     then (after a wrong answer, unless the assessment sets reveal_answer: false) the right answer */
  function answerFeedback(view, answer, right) {
    var t = view.player.t, question = view.question, parts = [];
    var general = right ? question.feedback.correct_html : question.feedback.incorrect_html;
    if (general) parts.push(el("div", { cls: "prose", html: general }));
    (question.choices || []).forEach(function (c) {
      if (answer.indexOf(c.key) >= 0 && c.feedback_html) {
        parts.push(el("div", { cls: "choice-fb" }, [el("p", { cls: "fb-for", text: c.text }), el("div", { cls: "prose", html: c.feedback_html })]));
      }
    });
    if (!right && view.player.course.assessment.reveal_answer !== false) {
      parts.push(el("div", { cls: "reveal" }, [el("p", { cls: "rv-label", text: t("correct_answer") }),
        el(question.kind === "ordering" ? "ol" : "ul", {}, quiz.answerText(question, quiz.correctAnswer(question), t)
          .map(function (line) { return el("li", { text: line }); }))]));
    }
    return parts;
  }
  /* after Submit (announce), and when the screen is shown again: the answer locked in, the
     feedback, the way on */
  function showAnswered(view, answer, announce) {
    var t = view.player.t, assessment = view.player.course.assessment, question = view.question, feedback = view.feedback;
    var attempt = view.attempt, last = attempt.qi === view.questions.length - 1;
    view.inputs.show(answer);
    view.submit.disabled = true;
    var next = dom.button(last ? t("see_results") : t("next_question"), function () {
      if (last) { attempt.ph = "r"; } else { attempt.qi++; }
      view.player.show(view.player.course.assessmentScreen);
    }, dom.PRIMARY);
    if (assessment.feedback === "immediate") {
      var right = quiz.isRight(question, answer), correct = quiz.correctAnswer(question);
      view.inputs.mark(answer, correct, !right && assessment.reveal_answer !== false);
      dom.verdictBox(feedback, right ? "correct" : "incorrect", right ? t("correct") : t("incorrect"),
        answerFeedback(view, answer, right).concat([el("div", { cls: "actions" }, [next])]), announce);
    } else {
      dom.hint(feedback, t("answer_saved"));
      add(feedback, el("div", { cls: "actions" }, [next]));
      if (announce) { feedback.scrollIntoView({ block: "nearest" }); next.focus(); }
    }
  }

  /* false when the attempt has no question at attempt.qi (the caller shows the results) */
  function renderQuestion(container, attempt, player) {
    var t = player.t, questions = quiz.questionsFor(player.course.assessment, attempt), question = questions[attempt.qi];
    var answered = attempt.an[attempt.qi] != null, started = Date.now();
    if (!question) return false;
    add(container, el("h2", { text: t("question_of", { n: attempt.qi + 1, total: questions.length }), tabindex: "-1" }));
    var view = { player: player, question: question, attempt: attempt, questions: questions };
    view.feedback = el("div", { cls: "feedback" });
    var fieldset = el("fieldset", { cls: "choices" }, [el("legend", { cls: "q-text", html: legendHtml(question.text_html) })]);
    var kind = question.kind, makeInputs = kind === "single-choice" || kind === "multiple-response" || kind === "true-false"
      ? choiceInputs : kind === "matching" ? matchingInputs : orderingInputs;
    view.inputs = makeInputs(fieldset, question, attempt, player);
    view.submit = dom.button(t("submit"), onSubmit, dom.PRIMARY);
    add(container, question.image && modules.textView.figure(question.image, "item"), fieldset, /* view-text.js */
      el("div", { cls: "actions" }, [view.submit]), view.feedback);

    function onSubmit() {
      var answer = view.inputs.read();
      if (answer == null || answer === "") return dom.hint(view.feedback, t(question.kind === "matching" ? "answer_all" : "choose_first"), player.say);
      attempt.an[attempt.qi] = answer;
      player.lms.addInteraction(quiz.interactionFor(question, answer, attempt.n, started, dom.plainText(question.text_html)));
      if (attempt.qi === questions.length - 1) { /* the attempt ends at its last answer */
        var percent = quiz.percentOf(questions, attempt.an);
        attempt.sc.push(percent);
        if (player.session.passes(percent)) attempt.ps = 1;
      }
      showAnswered(view, answer, true);
      player.session.sync();
    }
    if (answered) showAnswered(view, attempt.an[attempt.qi], false);
    return true;
  }

  modules.questionView = { render: renderQuestion };
}(typeof window !== "undefined" ? window : global));
