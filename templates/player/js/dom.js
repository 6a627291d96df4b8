/* Shared view helpers: building elements, the player's words (with plurals), buttons, focus, the
   verdict box and the marks on chosen options. Course text goes in
   as text; only the build's *_html fields (Markdown with raw HTML off) go in as HTML. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* t(key, vars): a word of strings/<language>.json with its {name}s filled in; an unknown key
     shows as itself: visible, not fatal. A count (vars.count, else vars.n) picks the language's
     plural form when the strings have one: key_one, key_few, key_many... (Intl.PluralRules),
     else key_other, else key */
  function translator(strings, language) {
    var rules = null;
    try { rules = new Intl.PluralRules(language || document.documentElement.lang || "en"); } catch (e) { rules = null; }
    return function (key, vars) {
      var count = vars && (vars.count != null ? vars.count : vars.n);
      if (typeof count === "number") {
        var form = key + "_" + (rules ? rules.select(count) : count === 1 ? "one" : "other");
        key = strings[form] != null ? form : strings[key + "_other"] != null ? key + "_other" : key;
      }
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
  /* a short message in a feedback box, such as "Choose an answer first"; said (announce) too, as
     the focus stays where it is */
  function hint(box, message, announce) {
    clear(box);
    box.className = "feedback show";
    add(box, el("p", { text: message }));
    if (announce) announce(message);
  }
  /* VERDICT: each verdict's class, and the icon that says it without colour */
  var VERDICT_ICON = { best: "✓", correct: "✓", acceptable: "◐", poor: "✗", incorrect: "✗" };
  /* the verdict box after Submit: its heading (icon and words), then the parts; with focus, the
     box is scrolled into view (clear of the sticky footer, player.css scroll-padding) and the
     heading takes the focus, so it is read out */
  function verdictBox(box, verdict, title, parts, focus) {
    clear(box);
    box.className = "feedback show verdict-" + verdict;
    var heading = el("h3", { cls: "verdict", tabindex: "-1" }, [el("span", { cls: "v-icon", "aria-hidden": "true",
      text: VERDICT_ICON[verdict] }), el("span", { text: title })]);
    add(box, heading);
    (parts || []).forEach(function (part) { if (part) box.appendChild(part); });
    if (focus) {
      box.scrollIntoView({ block: box.offsetHeight > window.innerHeight * 0.6 ? "start" : "nearest" });
      heading.focus({ preventScroll: true });
    }
    return heading;
  }
  /* the mark on a chosen (or revealed) option, beside its label so the option's name stays its text */
  function markChoice(row, verdict) {
    var old = row.querySelector(".c-mark");
    if (old) row.removeChild(old);
    row.className = row.className.replace(/ ?(marked|verdict-\w+)/g, "") + (verdict ? " marked verdict-" + verdict : "");
    if (verdict) add(row, el("span", { cls: "c-mark", "aria-hidden": "true", text: VERDICT_ICON[verdict] }));
  }

  /* a modal dialog shown in parent; the function it returns closes and removes it (also on Escape,
     through the close event), runs cleanup and gives the focus back to opener */
  function showModal(box, parent, opener, cleanup) {
    function dismiss() {
      if (box.open) box.close();
      if (box.parentNode) box.parentNode.removeChild(box);
      if (cleanup) cleanup();
      if (opener && opener.isConnected) opener.focus();
    }
    box.addEventListener("close", dismiss);
    add(parent, box);
    box.showModal();
    return dismiss;
  }
  /* a company build's logo and name; the logo is decorative there, as the name is written beside it */
  function brandLine(brand) {
    if (!brand || !brand.company) return null;
    return el("p", { cls: "brand-line" }, [brand.logo ? el("img", { cls: "brand-logo", src: brand.logo, alt: "" }) : null,
      el("span", { cls: "brand-name", text: brand.company })]);
  }

  modules.dom = { translator: translator, uniqueId: uniqueId, el: el, add: add, PRIMARY: PRIMARY, button: button,
    clear: clear, plainText: plainText, focusHeading: focusHeading, hint: hint, verdictBox: verdictBox,
    markChoice: markChoice, VERDICT_ICON: VERDICT_ICON, showModal: showModal, brandLine: brandLine };
}(typeof window !== "undefined" ? window : global));
