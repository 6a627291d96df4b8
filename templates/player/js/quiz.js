/* The assessment's logic: the draw, the display order, the right answer, grading, and the
   interaction an answer becomes (docs/player.md, sections 4 and 11). Pure. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var inNode = typeof module !== "undefined";
  var random = inNode ? require("./random.js") : modules.random;
  var answerKeys = inNode ? require("./answer-keys.js") : modules.answerKeys;
  var letters = answerKeys.letters, keysOf = answerKeys.keysOf, byKey = answerKeys.byKey;

  var INTERACTION_TYPE = { "single-choice": "choice", "multiple-response": "choice", "true-false": "true-false",
    matching: "matching", ordering: "sequencing" };

  function drawCount(assessment) { return Math.min(assessment.draw || 1e9, assessment.questions.length); }
  /* the pool's indexes by principle id (questions with none are one group), in the order each first appears */
  function principleGroups(questions) {
    var groups = [], at = Object.create(null);
    questions.forEach(function (q, i) {
      var id = q.principle ? q.principle.id : "";
      if (!(id in at)) { at[id] = groups.length; groups.push([]); }
      groups[at[id]].push(i);
    });
    return groups;
  }
  /* the pool indexes an attempt draws: `draw` of the shuffled pool, or (per_principle) that many of each
     principle group, each group shuffled in turn with the same seeded sequence, then the whole mixed */
  function drawn(assessment, next) {
    var n = assessment.per_principle;
    if (!n) return random.shuffle(assessment.questions.map(function (q, i) { return i; }), next).slice(0, drawCount(assessment));
    var out = [];
    principleGroups(assessment.questions).forEach(function (group) { out = out.concat(random.shuffle(group, next).slice(0, n)); });
    return random.shuffle(out, next);
  }
  /* the questions of attempt `attempt.n`: those saved with it (attempt.q, from state.js, which
     outlive a republished pool), or else the draw of the saved seed */
  function questionsFor(assessment, attempt) {
    if (Array.isArray(attempt.q) && attempt.qn === attempt.n) {
      return attempt.q.map(function (id) {
        for (var i = 0; i < assessment.questions.length; i++) if (assessment.questions[i].id === id) return assessment.questions[i];
        return null;
      }).filter(Boolean);
    }
    var order = drawn(assessment, random.seeded(attempt.sd * 31 + attempt.n));
    if (!assessment.shuffle_questions) order.sort(function (x, y) { return x - y; });
    return order.map(function (i) { return assessment.questions[i]; });
  }
  /* the order a question's keys are shown in; `always` (matching, ordering) shuffles whatever the
     course says, and never shows the items already in the right order */
  function displayOrder(assessment, question, attempt, keys, always) {
    var next = random.seeded(attempt.sd * 17 + attempt.n * 7 + assessment.questions.indexOf(question) * 101 + 5);
    if (!always && !assessment.shuffle_choices) return keys.slice();
    var order = random.shuffle(keys, next);
    if (always && order.join("") === keys.join("") && keys.length > 1) order.push(order.shift());
    return order;
  }
  function correctAnswer(question) {
    if (question.kind === "true-false") return question.answer ? "t" : "f";
    if (question.kind === "matching") return keysOf(question.pairs).join("");
    if (question.kind === "ordering") return keysOf(question.items).join("");
    return question.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.key; }).join("");
  }
  function isRight(question, answer) {
    if (question.kind === "multiple-response" || question.kind === "single-choice") {
      return letters(answer).sort().join("") === correctAnswer(question);
    }
    return answer === correctAnswer(question);
  }
  /* an answer this question can have (state.js checks saved answers with it): one choice key;
     distinct choice keys in order (multiple-response); t or f; a pair key per left item
     (matching); every item key once (ordering) */
  function validAnswer(question, answer) {
    if (typeof answer !== "string" || answer === "") return false;
    var given = letters(answer), kind = question.kind;
    if (kind === "true-false") return answer === "t" || answer === "f";
    if (kind === "ordering") return given.sort().join("") === keysOf(question.items || []).sort().join("");
    var keys = keysOf((kind === "matching" ? question.pairs : question.choices) || []);
    var known = given.every(function (k) { return keys.indexOf(k) >= 0; });
    if (kind === "matching") return known && given.length === keys.length;
    if (kind === "single-choice") return known && given.length === 1;
    return kind === "multiple-response" && known && given.every(function (k, i) { return i === 0 || given[i - 1] < k; });
  }
  /* all-or-nothing per question, weighted */
  function percentOf(questions, answers) {
    var total = 0, got = 0;
    questions.forEach(function (q, i) {
      total += q.weight;
      if (answers[i] != null && isRight(q, answers[i])) got += q.weight;
    });
    return total ? Math.round(got / total * 100) : 0;
  }
  /* an answer as the learner reads it in the review: one line per choice, pair or item */
  function answerText(question, answer, t) {
    if (answer == null || answer === "") return [t("not_answered")];
    if (question.kind === "true-false") return [answer === "t" ? t("true") : t("false")];
    if (question.kind === "matching") {
      return letters(answer).map(function (rightKey, i) {
        var right = byKey(question.pairs, rightKey);
        return t("match_line", { left: question.pairs[i].left, right: right ? right.right : "" });
      });
    }
    if (question.kind === "ordering") return letters(answer).map(function (k) { return byKey(question.items, k).text; });
    return letters(answer).sort().map(function (k) { return byKey(question.choices, k).text; });
  }
  /* an answer as an interaction (lms-adapter.js); the adapters format the responses */
  function interactionFor(question, answer, attemptNumber, started, description) {
    var type = INTERACTION_TYPE[question.kind];
    var asResponse = function (keys) {
      if (type === "true-false") return keys === "t";
      if (type === "matching") return letters(keys).map(function (rightKey, i) { return [question.pairs[i].key, rightKey]; });
      return type === "choice" ? letters(keys).sort() : letters(keys);
    };
    return { id: question.interaction_id, attempt: attemptNumber, type: type, started: started,
      weight: question.weight, description: description, patterns: [asResponse(correctAnswer(question))],
      response: asResponse(answer), result: isRight(question, answer) ? "correct" : "incorrect" };
  }

  var quiz = { drawCount: drawCount, principleGroups: principleGroups, questionsFor: questionsFor, displayOrder: displayOrder,
    correctAnswer: correctAnswer, isRight: isRight, validAnswer: validAnswer, percentOf: percentOf, answerText: answerText,
    interactionFor: interactionFor };
  modules.quiz = quiz;
  if (typeof module !== "undefined") module.exports = quiz;
}(typeof window !== "undefined" ? window : global));
