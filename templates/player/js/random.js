/* Seeded randomness for the question draw and the shuffles: the seed is saved, so a resumed
   attempt shows the same questions and orders. */
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

  var random = { seeded: seeded, shuffle: shuffle };
  modules.random = random;
  if (typeof module !== "undefined") module.exports = random;
}(typeof window !== "undefined" ? window : global));
