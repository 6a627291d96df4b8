// The middle frame of the "nested" launch: it holds no API; the package inside it must find
// the one two levels up.
(function () {
  "use strict";
  var src = new URLSearchParams(location.search).get("src");
  var frame = document.createElement("iframe");
  frame.title = "Course content";
  frame.name = "course";
  frame.src = src;
  document.body.appendChild(frame);
})();
