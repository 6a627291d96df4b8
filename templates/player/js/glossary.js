/* The glossary (docs/player.md): on each page, the first use of each term of the course's
   glossary: becomes a button (aria-expanded) that shows the term's definition right after it, a
   disclosure: Enter or Space opens and closes it, Escape closes it with the focus on the term.
   Text in links, buttons, labels, headings, code and form controls is never marked. Text a view adds
   later (feedback after Submit, dialogue lines, an assessment attempt's feedback) is marked too, for the
   terms not yet used on the page: a MutationObserver on the page, until the page is gone. The matching
   (firstUses) is pure and the same on every launch: whole words, ignoring case, longer forms first. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var SKIP = { A: 1, BUTTON: 1, LABEL: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, CODE: 1, PRE: 1, KBD: 1,
    TEXTAREA: 1, INPUT: 1, SELECT: 1, OPTION: 1, SCRIPT: 1, STYLE: 1, SUMMARY: 1, LEGEND: 1, CITE: 1 };

  var MARKED = new WeakMap(); /* the pages marked, with their marks */

  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  /* one pattern for every form of every term: [{term, forms, definition}] -> {pattern, owner: form -> index} */
  function compile(glossary) {
    var owner = {}, forms = [];
    glossary.forEach(function (entry, i) {
      entry.forms.forEach(function (form) {
        var key = form.trim().replace(/\s+/g, " ").toLowerCase();
        if (!(key in owner)) { owner[key] = i; forms.push(key); }
      });
    });
    forms.sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });
    var body = forms.map(function (f) { return escape(f).replace(/ /g, "\\s+"); }).join("|");
    return { pattern: new RegExp("(?<![\\p{L}\\p{N}_])(?:" + body + ")(?![\\p{L}\\p{N}_])", "giu"), owner: owner };
  }
  /* texts: the text runs of a page in document order -> [{text, start, end, term}] for the first use
     of each term (text: the run's index), in document order. seen: {term index: true} of the terms
     already used on the page, which are skipped (and the ones found are added to it) */
  function firstUses(texts, glossary, seen) {
    if (!glossary || !glossary.length) return [];
    var compiled, out = [];
    seen = seen || {};
    try { compiled = compile(glossary); } catch (e) { return []; } /* a browser without Unicode lookbehind: no marks */
    texts.forEach(function (text, index) {
      var found, rx = compiled.pattern;
      rx.lastIndex = 0;
      while ((found = rx.exec(text))) {
        var term = compiled.owner[found[0].replace(/\s+/g, " ").toLowerCase()];
        if (seen[term]) continue;
        seen[term] = true;
        out.push({ text: index, start: found.index, end: found.index + found[0].length, term: term });
      }
    });
    return out;
  }

  function markable(node, root) {
    for (var p = node.parentNode; p && p !== root; p = p.parentNode) {
      if (SKIP[p.nodeName] || (p.classList && (p.classList.contains("eyebrow") || p.classList.contains("term-def")))) return false;
    }
    return true;
  }
  /* the markable text nodes under start (root, or a part added to it later) */
  function textNodes(root, start) {
    var walker = document.createTreeWalker(start || root, NodeFilter.SHOW_TEXT), out = [], node;
    while ((node = walker.nextNode())) if (node.nodeValue.trim() && markable(node, root)) out.push(node);
    return out;
  }
  /* the button and its definition for one use; the definition is read after the term, and hidden until asked for */
  function disclosure(word, entry, player, hintId) {
    var el = modules.dom.el, defId = modules.dom.uniqueId("gdef");
    var def = el("span", { cls: "term-def", id: defId, hidden: true }, [el("strong", { text: entry.term }),
      " " + player.t("glossary_means") + " ", entry.definition]);
    var toggle = el("button", { type: "button", cls: "term", "aria-expanded": "false", "aria-controls": defId,
      "aria-describedby": hintId, text: word });
    function set(open) { toggle.setAttribute("aria-expanded", String(open)); def.hidden = !open; }
    toggle.addEventListener("click", function () { set(toggle.getAttribute("aria-expanded") !== "true"); });
    function escapeKey(e) {
      if (e.key !== "Escape" || def.hidden) return;
      e.preventDefault(); e.stopPropagation(); set(false); toggle.focus();
    }
    toggle.addEventListener("keydown", escapeKey);
    def.addEventListener("keydown", escapeKey);
    return [toggle, def];
  }
  /* the first uses among nodes (text nodes under root) of the terms not in seen, marked */
  function markNodes(nodes, root, player, marks) {
    var glossary = player.data.glossary, uses = firstUses(nodes.map(function (n) { return n.nodeValue; }), glossary, marks.seen);
    if (!uses.length) return;
    if (!marks.hintId) {
      marks.hintId = modules.dom.uniqueId("ghint");
      root.appendChild(modules.dom.el("span", { id: marks.hintId, hidden: true, text: player.t("glossary_hint") }));
    }
    for (var i = uses.length - 1; i >= 0; i--) { /* from the end, so earlier offsets in the same run stay right */
      var use = uses[i], node = nodes[use.text], text = node.nodeValue;
      var after = document.createTextNode(text.slice(use.end)), parts = disclosure(text.slice(use.start, use.end), glossary[use.term], player, marks.hintId);
      node.nodeValue = text.slice(0, use.start);
      node.parentNode.insertBefore(after, node.nextSibling);
      node.parentNode.insertBefore(parts[1], after);
      node.parentNode.insertBefore(parts[0], parts[1]);
    }
  }
  /* the text nodes of what was added under root, in document order, each once */
  function addedNodes(records, root) {
    var out = [];
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (added) {
        if (!added.isConnected || !root.contains(added)) return;
        var nodes = added.nodeType === 3 ? (added.nodeValue.trim() && markable(added, root) ? [added] : []) : textNodes(root, added);
        nodes.forEach(function (n) { if (out.indexOf(n) < 0) out.push(n); });
      });
    });
    return out.sort(function (a, b) { return a.compareDocumentPosition(b) & 4 ? -1 : 1; }); /* 4: b follows a */
  }
  /* root: a page's element, once its view has drawn it; what is added to it later is watched */
  function mark(root, player) {
    var glossary = player.data && player.data.glossary;
    if (!glossary || !glossary.length || MARKED.has(root)) return;
    var marks = { seen: {}, hintId: null };
    MARKED.set(root, marks);
    markNodes(textNodes(root), root, player, marks);
    if (typeof MutationObserver === "undefined") return;
    var observer = new MutationObserver(function (records) {
      if (!root.isConnected) return observer.disconnect(); /* another page is shown */
      markNodes(addedNodes(records, root), root, player, marks);
      observer.takeRecords(); /* the marks' own nodes */
    });
    observer.observe(root, { childList: true, subtree: true });
  }

  var glossary = { firstUses: firstUses, mark: mark };
  modules.glossary = glossary;
  /* the assessment screen too (view-frame.js marks the lesson pages): its intro, and the feedback each
     attempt draws later. view-assessment.js is loaded before this file (order.txt) */
  var assessmentView = modules.assessmentView;
  if (assessmentView && !assessmentView.glossaryMarked) {
    var render = assessmentView.render;
    assessmentView.render = function (root, player) { var out = render(root, player); mark(root, player); return out; };
    assessmentView.glossaryMarked = true;
  }
  if (typeof module !== "undefined") module.exports = glossary;
}(typeof window !== "undefined" ? window : global));
