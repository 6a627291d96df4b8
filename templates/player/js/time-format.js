/* Times as each standard writes them (docs/player.md, sections 3 and 4). The family is "scorm12"
   or "scorm2004". */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  function pad(n, width) {
    n = String(n);
    while (n.length < width) n = "0" + n;
    return n;
  }
  /* a session time or latency: 1.2 CMITimespan HH:MM:SS.SS (hours 2 to 4 digits), 2004 an ISO 8601
     duration such as PT1M5.25S; both at most 2 decimals, as LMSes refuse more */
  function timespan(family, ms) {
    var cs = Math.max(0, Math.round(ms / 10)), hours = Math.floor(cs / 360000);
    var minutes = Math.floor(cs / 6000) % 60, seconds = (cs % 6000) / 100;
    if (family === "scorm12") {
      return pad(Math.min(hours, 9999), 2) + ":" + pad(minutes, 2) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
    }
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + Number(seconds.toFixed(2)) + "S";
  }
  /* an interaction's time, in local time: 1.2 CMITime HH:MM:SS, 2004 YYYY-MM-DDThh:mm:ss */
  function timestamp(family, date) {
    var time = pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
    if (family === "scorm12") return time;
    return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) + "T" + time;
  }

  var timeFormat = { pad: pad, timespan: timespan, timestamp: timestamp };
  modules.timeFormat = timeFormat;
  if (typeof module !== "undefined") module.exports = timeFormat;
}(typeof window !== "undefined" ? window : global));
