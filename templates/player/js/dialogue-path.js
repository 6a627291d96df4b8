/* A dialogue replayed from its saved path (the keys chosen from the start): saving only the path
   keeps suspend_data short, and rebuilds the node, the totals, the decisions and the mood. Pure. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var answerKeys = typeof module !== "undefined" ? require("./answer-keys.js") : modules.answerKeys;
  var practice = typeof module !== "undefined" ? require("./practice.js") : null; /* in a page: modules.practice, below */

  var ENDING_MOOD = { good: "pleased", mixed: "neutral", poor: "angry" };

  /* {node: id, current: the node, totals: {score id: total}, steps: [{node, current, choice}], mood} */
  function walk(dialogue, path) {
    practice = practice || modules.practice;
    var node = dialogue.start, totals = {}, steps = [], mood = "neutral";
    dialogue.scores.forEach(function (s) { totals[s.id] = 0; });
    if (dialogue.nodes[node] && dialogue.nodes[node].mood) mood = dialogue.nodes[node].mood;
    /* a key the node doesn't have (a changed course) ends the replay there */
    answerKeys.letters(path).every(function (key) {
      var current = dialogue.nodes[node], choice = current && answerKeys.byKey(current.choices, key);
      if (!choice) return false;
      steps.push({ node: node, current: current, choice: choice });
      Object.keys(choice.effects).forEach(function (s) { totals[s] = (totals[s] || 0) + choice.effects[s]; });
      node = choice.routes && practice ? practice.routeNext(choice, totals) : choice.next; /* routes: practice.js */
      if (dialogue.nodes[node] && dialogue.nodes[node].mood) mood = dialogue.nodes[node].mood;
      return true;
    });
    var ending = dialogue.nodes[node] && dialogue.nodes[node].ending;
    if (ending && !dialogue.nodes[node].mood) mood = ENDING_MOOD[ending.outcome] || mood;
    return { node: node, current: dialogue.nodes[node], totals: totals, steps: steps, mood: mood };
  }

  var dialoguePath = { walk: walk };
  modules.dialoguePath = dialoguePath;
  if (typeof module !== "undefined") module.exports = dialoguePath;
}(typeof window !== "undefined" ? window : global));
