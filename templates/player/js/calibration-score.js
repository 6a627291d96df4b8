/* Calibration, pure: the learner's scores against the expert's, criterion by criterion, and the
   interaction a calibration page reports (docs/player.md, section 4). The learner is calibrated when
   every score is within the page's tolerance of the expert's (the build's model_calibration.py is
   the same rule). Scores are kept in the saved state as one digit per criterion ("021"). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* the scores a saved text holds, or null when it doesn't fit the rubric: a digit per criterion,
     each on its criterion's scale (a republished rubric may have fewer levels) */
  function fromText(text, criteria) {
    if (typeof text !== "string" || text.length !== criteria.length || !/^[0-9]+$/.test(text)) return null;
    var scores = text.split("").map(Number);
    return scores.every(function (s, i) { return s < criteria[i].levels.length; }) ? scores : null;
  }
  function toText(scores) { return scores.join(""); }

  /* {calibrated, rows: [{id, title, mine, expert, gap, within, reason_html}]}, in the rubric's order */
  function compare(page, criteria, scores) {
    var rows = criteria.map(function (c, i) {
      var expert = page.expert[i], gap = Math.abs(scores[i] - expert.score);
      return { id: c.id, title: c.title, mine: scores[i], expert: expert.score, gap: gap,
        within: gap <= page.tolerance, reason_html: expert.reason_html };
    });
    return { calibrated: rows.every(function (r) { return r.within; }), rows: rows };
  }

  /* the interaction: type performance, a step per criterion; the response the learner's scores, the
     pattern the expert's (a [low, high] range on the criterion's scale when the tolerance allows one);
     correct when calibrated. attempt: the scorings so far, this one included; started: ms */
  function interaction(page, criteria, scores, attempt, started, description) {
    var pattern = criteria.map(function (c, i) {
      var e = page.expert[i].score, low = Math.max(0, e - page.tolerance), high = Math.min(c.levels.length - 1, e + page.tolerance);
      return [c.id, low === high ? String(e) : [String(low), String(high)]];
    });
    return { id: page.interaction_id, attempt: attempt, type: "performance", started: started, weight: 1,
      description: description, response: criteria.map(function (c, i) { return [c.id, String(scores[i])]; }),
      result: compare(page, criteria, scores).calibrated ? "correct" : "incorrect", patterns: [pattern] };
  }

  var calibrationScore = { fromText: fromText, toText: toText, compare: compare, interaction: interaction };
  modules.calibrationScore = calibrationScore;
  if (typeof module !== "undefined") module.exports = calibrationScore;
}(typeof window !== "undefined" ? window : global));
