/* Seeded randomness for the question draw and the shuffles: the seed is saved, so a resumed
   attempt shows the same questions and orders. Scenario options and dialogue choices are shown
   in an order seeded by the learner id and the item id (answerOrder), so the best answer has no
   fixed place, a learner sees the same order on every launch, and two learners differ. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* mulberry32: small, fast, and the same sequence in every browser for a seed */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  /* Fisher-Yates on a copy: the course's own lists are never reordered */
  function shuffle(list, next) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1)), swap = out[i];
      out[i] = out[j]; out[j] = swap;
    }
    return out;
  }

  /* a text as a seed: FNV-1a, 32 bits */
  function seedOf(text) {
    var h = 0x811C9DC5;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  /* the order to show the keys of one item in, for one learner; learner "" (no LMS) is a fixed
     seed. Warmed up a few draws, as seeds from similar texts start alike. */
  function answerOrder(learner, item, keys) {
    var next = seeded(seedOf(learner + "\n" + item));
    next(); next(); next();
    return shuffle(keys, next);
  }

  var random = { seeded: seeded, shuffle: shuffle, seedOf: seedOf, answerOrder: answerOrder };
  modules.random = random;
  if (typeof module !== "undefined") module.exports = random;
}(typeof window !== "undefined" ? window : global));
