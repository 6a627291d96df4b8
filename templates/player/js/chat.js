/* A conversation's pure parts: its messages and their times (`time:` plus a minute per message, the
   same on every launch), and the customer's built-in faces as inline SVG (no file, no request): twelve
   skin tones and kinds of hair (format/conversation.py FACES, same order), chosen by `avatar:` or
   from the name, brows and mouth after the mood; the markup is these constants, never course text. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  var SKIN = { light: "#f3d5c3", fair: "#e6b792", medium: "#c68e66", olive: "#a9774d", brown: "#7f4f31", deep: "#55331f" };
  var CAP = "M11.5 19c0-7 3.8-10.5 8.5-10.5s8.5 3.5 8.5 10.5c-1.5-3.5-4.5-5.5-8.5-5.5s-7 2-8.5 5.5z";
  var CURLS = "M11 19a3 3 0 0 1 2.5-5a3 3 0 0 1 4-3.5a3 3 0 0 1 5 0a3 3 0 0 1 4 3.5a3 3 0 0 1 2.5 5c-2-3-5-4.5-9-4.5s-7 1.5-9 4.5z";
  function hair(length) { return "M10.5 20c0-8 4-11.5 9.5-11.5s9.5 3.5 9.5 11.5v" + length + "h-19z"; }
  /* name, skin, hair colour, hair behind the head, hair in front of it */
  var FACES = [
    ["light-short", "light", "#5b3b24", "", CAP],
    ["light-long", "light", "#c99a45", hair(12), CAP],
    ["fair-bun", "fair", "#8c3f22", "M16 8a4 4 0 1 1 8 0a4 4 0 1 1-8 0z", CAP],
    ["fair-grey", "fair", "#a9a9a9", "", CAP],
    ["medium-bob", "medium", "#1f1a17", hair(7), CAP],
    ["medium-short", "medium", "#2b211b", "", CAP],
    ["olive-wavy", "olive", "#3a2618", hair(9) + "M10.5 29q2.4 2 4.8 0t4.7 0 4.7 0 4.8 0z", CAP],
    ["olive-headscarf", "olive", "#2f7d6b", "M10 21c0-9 4.5-13 10-13s10 4 10 13v11c-4 2-16 2-20 0z",
      "M11.5 21c.5-6 3.5-9.5 8.5-9.5s8 3.5 8.5 9.5c-2-3-5-4.5-8.5-4.5s-6.5 1.5-8.5 4.5z"],
    ["brown-curly", "brown", "#1c1511", "", CURLS],
    ["brown-long", "brown", "#15100d", hair(12), CAP],
    ["deep-coils", "deep", "#120d0a", "", CURLS],
    ["deep-braids", "deep", "#17110d", "M10.5 19h3v14h-3zM26.5 19h3v14h-3z", CAP]
  ];
  var BROWS = { angry: "M15 16.3l3.5 1.3M25 16.3l-3.5 1.3", upset: "M15 17.3l3.5-.6M25 17.3l-3.5-.6", worried: "M15 17.6l3.5-1.2M25 17.6l-3.5-1.2" };
  var MOUTH = { pleased: "M16 25.5q4 4 8 0", calm: "M16.5 26q3.5 2 7 0", neutral: "M17 26.5h6", worried: "M16.5 27q1.75-1.5 3.5 0t3.5 0",
    upset: "M16.5 27.5q3.5-2.5 7 0", angry: "M16 28q4-3.5 8 0" };
  var CLOTHES = ["#3f6e9e", "#7a4f9e", "#2f7d6b", "#a0523d"];

  /* the face of a name: the same name gets the same face on every build and launch */
  function faceFor(name) {
    var h = 0, s = String(name || "");
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
    return FACES[h % FACES.length][0];
  }
  function path(d, fill) { return d ? '<path d="' + d + '" fill="' + fill + '"/>' : ""; }
  /* the SVG markup of a face (a name of FACES; another one is the name's own) in a mood */
  function svg(face, mood, name) {
    var i = 0;
    while (i < FACES.length && FACES[i][0] !== face) i++;
    if (i === FACES.length) return svg(faceFor(name), mood);
    var f = FACES[i], skin = SKIN[f[1]], ink = ' fill="none" stroke="#2a2320" stroke-width="1.3" stroke-linecap="round"/>';
    return '<svg viewBox="0 0 40 40" focusable="false"><circle cx="20" cy="20" r="20" fill="currentColor" opacity=".15"/>' +
      path(f[3], f[2]) + path("M7 40c1-7 6-10 13-10s12 3 13 10z", CLOTHES[i % 4]) + path("M17 25h6v6h-6z", skin) +
      '<ellipse cx="20" cy="20" rx="8" ry="9.5" fill="' + skin + '"/>' + path(f[4], f[2]) +
      '<circle cx="17" cy="20.5" r="1.1" fill="#2a2320"/><circle cx="23" cy="20.5" r="1.1" fill="#2a2320"/>' +
      (BROWS[mood] ? '<path d="' + BROWS[mood] + '"' + ink : "") + '<path d="' + (MOUTH[mood] || MOUTH.neutral) + '"' + ink + "</svg>";
  }

  /* the messages of `says`: a list as it is, one text as a list of one, nothing as none */
  function lines(says) { return Array.isArray(says) ? says : says ? [says] : []; }
  /* "HH:MM", `step` minutes after `start` ("HH:MM"), round the clock */
  function clock(start, step) {
    var hm = String(start || "09:30").split(":"), m = ((+hm[0] * 60 + +hm[1] + step) % 1440 + 1440) % 1440;
    return (m < 600 ? "0" : "") + Math.floor(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + m % 60;
  }

  var chat = { FACES: FACES.map(function (f) { return f[0]; }), faceFor: faceFor, svg: svg, lines: lines, clock: clock };
  modules.chat = chat;
  if (typeof module !== "undefined") module.exports = chat;
}(typeof window !== "undefined" ? window : global));
