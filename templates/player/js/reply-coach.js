/* Live coaching of a learner's own reply (docs/player.md, section 4): the hollow phrases in it and the
   author's checklist, recomputed on every keystroke. Pure. The phrase lists come in the course data
   ("coach": scorm_builder/render/reply_data.py, from scorm_builder/course/phrases.json, the file
   `scorm-builder lint` reads), and the matching is that of scorm_builder/course/phrases.py (lint's):
   normalise, contains_phrase and starts_with_phrase, the same on both sides (tests/js/reply-coach.test.js
   runs the cases of tests/fixtures/reply-coach-cases.json, which tests/test_reply.py runs in Python). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* lint.py _QUOTES: curly quotes and accents made straight, then apostrophes dropped */
  var APOSTROPHES = /[\u0027\u2018\u2019\u201b\u2032\u00b4\u0060]/g;
  /* a word: letters, digits and marks (Python's [^\W_]), with apostrophes inside it dropped */
  var TOKEN = /(?:[\p{L}\p{N}\p{M}]|[\u0027\u2018\u2019\u201b\u2032\u00b4\u0060])+/gu;
  var WORDISH = /[\p{L}\p{N}\p{M}]/u;
  /* lint.py _SALUTATION: a greeting ("Hi Sam,", "Dear Ms Lee,") or a one-word lead-in ("Okay,") */
  var SALUTATION = /^\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?![\p{L}\p{N}_])[^,.!?\n]{0,40}[,.!\n]|[\p{L}\p{M}][\p{L}\p{N}\p{M}_\u0027\u2019-]*\s*[,!])\s*/iu;

  /* Python's casefold is toLowerCase but for a few letters, ß the one a course is likely to use */
  function fold(word) { return word.normalize("NFKC").replace(APOSTROPHES, "").toLowerCase().replace(/ß/g, "ss"); }
  /* the words of a text with where each starts and ends in it: [{w, start, end}] */
  function tokens(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (!WORDISH.test(m[0])) continue; /* apostrophes alone */
      var folded = fold(m[0]);
      /* NFKC may split one into several words ("¼" is "1⁄4"), as may a mark left uncombined (Python's
         \w has no marks): each keeps the whole span */
      folded.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
        if (w) out.push({ w: w, start: m.index, end: m.index + m[0].length });
      });
    }
    return out;
  }
  function words(phrase) { return tokens(phrase).map(function (t) { return t.w; }); }

  /* where `wanted` (words; the last may end with * for a prefix) occurs in `have` (tokens): indexes */
  function find(have, wanted, prefix) {
    var hits = [], n = wanted.length;
    if (!n) return hits;
    for (var i = 0; i + n <= have.length; i++) {
      var k = 0;
      while (k < n && (have[i + k].w === wanted[k] || (prefix && k === n - 1 && have[i + k].w.indexOf(wanted[k]) === 0))) k++;
      if (k === n) hits.push(i);
    }
    return hits;
  }
  /* where the text may open: its start, and after each of up to two greetings or lead-ins (lint.py
     starts_with_phrase), as indexes into its tokens; a lead-in ends at punctuation and spaces, so the
     tokens after it are the text's own */
  function openings(text, have) {
    var at = [0], offset = 0, lead;
    for (var round = 0; round < 2 && (lead = SALUTATION.exec(text.slice(offset))); round++) {
      offset += lead[0].length;
      var i = 0;
      while (i < have.length && have[i].start < offset) i++;
      at.push(i);
    }
    return at;
  }
  /* the sympathy flag of `wanted` (words of phrase) at one of the openings, or null */
  function openerAt(have, at, wanted, phrase) {
    for (var r = 0; r < at.length && wanted.length; r++) {
      var i = at[r], k = 0;
      while (k < wanted.length && i + k < have.length && have[i + k].w === wanted[k]) k++;
      if (k === wanted.length) return { kind: "sympathy", phrase: phrase, start: have[i].start, end: have[i + k - 1].end };
    }
    return null;
  }
  /* a phrase list's words, made once per list */
  var listWords = new WeakMap();
  function wordsOf(list) {
    if (!listWords.has(list)) listWords.set(list, list.map(function (p) { return { phrase: p, words: words(p) }; }));
    return listWords.get(list);
  }

  /* a check's words as [words, prefix?]: "worr*" matches any word starting with worr */
  function wordTest(word) {
    var bare = word.replace(/\*\s*$/, "");
    return { words: words(bare), prefix: bare !== word };
  }
  /* the reply's checks compiled once: [{label, hint, test(tokens, text)}], the act-first one last */
  function compile(reply) {
    var checks = (reply.checks || []).map(function (check) {
      var test;
      if (check.pattern != null) {
        var re = new RegExp(check.pattern, "iu");
        test = function (have, text) { return re.test(text); };
      } else {
        var tests = check.any.map(wordTest), need = check.at_least || 1;
        test = function (have) {
          var met = 0;
          for (var i = 0; i < tests.length && met < need; i++) if (find(have, tests[i].words, tests[i].prefix).length) met++;
          return met >= need;
        };
      }
      return { label: check.label, hint: check.hint || "", test: test };
    });
    return { checks: checks, actFirst: !!reply.act_first };
  }

  /* the coaching of `text`: flags [{kind: "scripted"|"sympathy", phrase, start, end}] in text order,
     checks [{label, hint, met}] (the act-first check last, label ""), bits ("1" met, "0" not, one a
     check) and met, the count met. lists: {scripted, sympathy}; compiled: compile(reply) */
  function coach(text, compiled, lists) {
    var have = tokens(text), flags = [], blank = !have.length;
    wordsOf(lists.scripted || []).forEach(function (p) {
      find(have, p.words).forEach(function (i) {
        flags.push({ kind: "scripted", phrase: p.phrase, start: have[i].start, end: have[i + p.words.length - 1].end });
      });
    });
    var opener = null;
    if (compiled.actFirst && !blank) {
      var at = openings(text, have), sympathy = wordsOf(lists.sympathy || []);
      for (var s = 0; s < sympathy.length && !opener; s++) opener = openerAt(have, at, sympathy[s].words, sympathy[s].phrase);
      if (opener) flags.push(opener);
    }
    flags.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var checks = compiled.checks.map(function (c) { return { label: c.label, hint: c.hint, met: !blank && c.test(have, text) }; });
    if (compiled.actFirst) checks.push({ label: "", hint: "", met: !blank && !opener, actFirst: true });
    var bits = checks.map(function (c) { return c.met ? "1" : "0"; }).join("");
    return { flags: flags, checks: checks, bits: bits, met: bits.split("1").length - 1 };
  }
  /* the text in pieces for showing it with its flags marked: [{text, flag|null}], overlaps merged */
  function pieces(text, flags) {
    var out = [], at = 0;
    flags.forEach(function (f) {
      if (f.end <= at) return;
      var start = Math.max(f.start, at);
      if (start > at) out.push({ text: text.slice(at, start), flag: null });
      out.push({ text: text.slice(start, f.end), flag: f });
      at = f.end;
    });
    if (at < text.length) out.push({ text: text.slice(at), flag: null });
    return out;
  }

  var replyCoach = { compile: compile, coach: coach, pieces: pieces };
  /* when lint-cases */
  /* lint.py's normalise, contains_phrase and starts_with_phrase, which the player itself doesn't call: for
     tests/js/reply-coach.test.js, which runs lint's cases on this file (a package leaves the block out: no
     package has the feature "lint-cases") */
  replyCoach.normalise = function (text) { return words(text).join(" "); };
  replyCoach.containsPhrase = function (text, phrase) { return find(tokens(text), words(phrase)).length > 0; };
  replyCoach.startsWithPhrase = function (text, phrase) {
    var have = tokens(text);
    return openerAt(have, openings(text, have), words(phrase)) !== null;
  };
  /* end when */
  modules.replyCoach = replyCoach;
  if (typeof module !== "undefined") module.exports = replyCoach;
}(typeof window !== "undefined" ? window : global));
