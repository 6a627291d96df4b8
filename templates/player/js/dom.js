/* Shared view helpers: building elements, the player's words, buttons, focus. Course text goes in
   as text; only the build's *_html fields (Markdown with raw HTML off) go in as HTML. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* t(key, vars): a word of strings/<language>.json with its {name}s filled in; an unknown key
     shows as itself: visible, not fatal */
  function translator(strings) {
    return function (key, vars) {
      var text = strings[key] != null ? String(strings[key]) : key;
      return text.replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
    };
  }
  var idCount = 0;
  function uniqueId(prefix) { return prefix + (++idCount); }

  /* el(tag, {cls, text, html, on<event>, attribute...}, [children]); a null or false attribute or
     child is left out, so optional parts are written inline */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v == null || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v; /* only *_html fields, made safe by the build */
      else if (k === "cls") node.className = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  var PRIMARY = "btn primary";
  function button(label, onClick, cls, extra) {
    var attrs = { type: "button", cls: cls || "btn", text: label, onclick: onClick };
    for (var k in extra) attrs[k] = extra[k];
    return el("button", attrs);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  /* an *_html field as plain text, for interaction descriptions */
  function plainText(html) {
    var box = document.createElement("div");
    box.innerHTML = html || "";
    return (box.textContent || "").replace(/\s+/g, " ").trim();
  }
  /* navigation moves the focus to the new screen's heading, for screen readers and keyboards */
  function focusHeading(root) {
    var heading = (root || document).querySelector("h2, h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }
  /* a short message in a feedback box, such as "Choose an answer first" */
  function hint(box, message) {
    clear(box);
    box.className = "feedback show";
    add(box, el("p", { text: message }));
  }

  modules.dom = { translator: translator, uniqueId: uniqueId, el: el, add: add, PRIMARY: PRIMARY, button: button,
    clear: clear, plainText: plainText, focusHeading: focusHeading, hint: hint };
}(typeof window !== "undefined" ? window : global));
