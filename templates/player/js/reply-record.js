/* A coached reply's record: what the saved state keeps of it and what the LMS is sent (docs/player.md,
   sections 4 and 6). Pure. The text itself is never saved: it goes to the LMS as the interaction's
   response (SCORM 1.2: fill-in, cut to 255 characters; 2004 and cmi5: long-fill-in, up to 4,000).
   The saved state keeps, per page id, "rp": {id: [replies sent, checklist result, rating, h]}: the
   result one 0 or 1 per check (act-first last), the rating 0 (not yet) or 1..4; h the reply's hash
   (scorm_builder/render/reply_data.py), without which only the count is kept. state.js calls load and
   save; scorm_builder/render/suspend.py bounds the record. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  var COUNT_MAX = 1000000, RATING_MAX = 4, BITS = /^[01]*$/;
  var RATING_SUFFIX = "_rating"; /* the rating's id: the reply's and this (scorm_builder/render/reply_data.py) */
  /* the response's element and its length: SCORM 1.2's, and that of 2004 and cmi5 */
  var TEXT = { scorm12: { type: "fill-in", limit: 255 }, scorm2004: { type: "long-fill-in", limit: 4000 } };

  function isCount(v) { return typeof v === "number" && v % 1 === 0 && v >= 0 && v <= COUNT_MAX; }
  function textKind(family) { return TEXT[family] || TEXT.scorm2004; }
  /* the text as the family's response: 1.2 cuts it to 255 characters, the last an ellipsis; 2004 reads
     a leading {...} as a language tag, so one is put first. A 2004 long-fill-in response is one
     localized string (RTE 4th ed. 4.2.9.2): [,], [.] and [:] in it are the learner's words, sent as they
     are. xAPI's long-fill-in response is a list delimited by [,], so cmi5 sends a [,] of the learner's
     as (,), lest it read as two responses */
  function lmsText(text, family, language) {
    var limit = textKind(family).limit, out = text.trim();
    if (family === "cmi5") out = out.replace(/\[,\]/g, "(,)");
    if (out.length > limit) out = out.slice(0, limit - 1) + "…";
    if (family !== "scorm12" && out.charAt(0) === "{") out = ("{lang=" + language + "}" + out).slice(0, limit);
    return out;
  }
  /* the live [tries, bits, rating, sent] from a saved [tries, bits, rating, h] (sent: 1) or [tries] (the
     next reply being written: sent 0); null when there is none */
  function fromSaved(saved, reply) {
    if (!Array.isArray(saved) || !isCount(saved[0]) || saved[0] === 0) return null;
    var size = reply.checks.length + (reply.act_first ? 1 : 0);
    var same = saved[3] === reply.h && typeof saved[1] === "string" && BITS.test(saved[1]) && saved[1].length === size;
    var rating = same && isCount(saved[2]) && saved[2] <= RATING_MAX ? saved[2] : 0;
    return same ? [saved[0], saved[1], rating, 1] : [saved[0], "", 0, 0];
  }
  /* saved.rp into the live state.rp (by screen index), for the pages that have a reply; state.rp is
     left out while there is no record (the views add it) */
  function load(saved, shape, state) {
    var records = saved !== null && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
    shape.pages.forEach(function (page, k) {
      var record = page.reply && fromSaved(records[page.id], page.reply); /* an inherited key is no array */
      if (record) (state.rp = state.rp || {})[k] = record;
    });
  }
  /* the live state.rp into out.rp, left out when there is no record */
  function save(state, shape, out) {
    var rp = {}, any = false;
    shape.pages.forEach(function (page, k) {
      var record = state.rp && state.rp[k];
      if (!page.reply || !record || !record[0]) return;
      rp[page.id] = record[3] ? [record[0], record[1], record[2], page.reply.h] : [record[0]];
      any = true;
    });
    if (any) out.rp = rp;
  }

  /* the interaction of a reply sent: the text, and as result whether every check was met (neutral
     without checks). family: "scorm12", "scorm2004" or "cmi5" */
  function textInteraction(reply, family, language, text, result, attempt, started, description) {
    return interaction(reply.interaction_id, textKind(family).type, 1, attempt, started, description, lmsText(text, family, language),
      !result.checks.length ? "neutral" : result.met === result.checks.length ? "correct" : "incorrect");
  }
  function interaction(id, type, weight, attempt, started, description, response, result) {
    return { id: id, attempt: attempt, type: type, started: started, weight: weight, description: description,
      response: [response], patterns: [], result: result };
  }
  /* the self-rating "How close was yours?" as a likert interaction: "1" (not close) to "4" (very close);
     words(n): the words of rating n, for the scale cmi5 sends (lms-cmi5.js), left out without it */
  function ratingInteraction(reply, rating, attempt, started, description, words) {
    var item = interaction(reply.interaction_id + RATING_SUFFIX, "likert", 0, attempt, started, description, String(rating), "neutral");
    if (words) {
      item.scale = [];
      for (var n = 1; n <= RATING_MAX; n++) item.scale.push({ id: String(n), text: words(n) });
    }
    return item;
  }

  var replyRecord = { textKind: textKind, lmsText: lmsText, load: load, save: save,
    textInteraction: textInteraction, ratingInteraction: ratingInteraction };
  modules.replyRecord = replyRecord;
  if (typeof module !== "undefined") module.exports = replyRecord;
}(typeof window !== "undefined" ? window : global));
