/* Answer keys: the course file's options, choices, pairs and items are keyed a, b, c... in order
   (docs/player.md, section 4), so every answer is a string of letters. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  function byKey(list, key) {
    for (var i = 0; i < list.length; i++) if (list[i].key === key) return list[i];
    return null;
  }
  function keysOf(list) { return list.map(function (item) { return item.key; }); }
  function letters(answer) { return answer ? answer.split("") : []; }

  var answerKeys = { byKey: byKey, keysOf: keysOf, letters: letters };
  modules.answerKeys = answerKeys;
  if (typeof module !== "undefined") module.exports = answerKeys;
}(typeof window !== "undefined" ? window : global));
