/* The debrief lines of a dialogue's ending that the path taken shows: a line with "chose"
   [node, key] shows only when that choice was taken on the path, one with "not_chose" only when it
   was not (both must hold when a line has both). Pure. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  function tookIt(steps, pick) {
    return steps.some(function (step) { return step.node === pick[0] && step.choice.key === pick[1]; });
  }
  /* the lines of `ending` to show after `steps` (dialogue-path.js walk: [{node, choice}, ...]) */
  function linesFor(ending, steps) {
    return (ending.debrief || []).filter(function (line) {
      return (!line.chose || tookIt(steps, line.chose)) && (!line.not_chose || !tookIt(steps, line.not_chose));
    });
  }

  var dialogueDebrief = { linesFor: linesFor };
  modules.dialogueDebrief = dialogueDebrief;
  if (typeof module !== "undefined") module.exports = dialogueDebrief;
}(typeof window !== "undefined" ? window : global));
