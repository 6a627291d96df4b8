/* scorm-builder player: plain JavaScript, no framework. Reference: docs/player.md */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("course-data").textContent);
  var S = D.strings || {};
  var C = D.course, A = D.assessment;
  var V12 = D.standard === "scorm12";
  var PAGES = [];
  D.lessons.forEach(function (l, li) {
    l.pages.forEach(function (p, pi) { PAGES.push({ l: li, i: pi, p: p }); });
  });
  var NP = PAGES.length, AS = A ? NP : -1, NS = NP + (A ? 1 : 0);
  var BUDGET = V12 ? 4096 : 64000;
  var STORE = "scorm-builder:" + C.id;

  /* --- small helpers --- */
  function t(key, vars) {
    var s = S[key] != null ? String(S[key]) : key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
  }
  var uidN = 0;
  function uid(p) { return p + (++uidN); }
  function h(tag, a, kids) {
    var e = document.createElement(tag);
    if (a) Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v == null || v === false) return;
      if (k === "text") e.textContent = v;
      else if (k === "html") e.innerHTML = v; /* only *_html fields, made safe by the build */
      else if (k === "cls") e.className = v;
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function add(el) { for (var i = 1; i < arguments.length; i++) if (arguments[i]) el.appendChild(arguments[i]); return el; }
  var PRI = "btn primary";
  function btn(label, fn, cls, extra) {
    var a = { type: "button", cls: cls || "btn", text: label, onclick: fn };
    for (var k in extra) a[k] = extra[k];
    return h("button", a);
  }
  function plain(html) { var d = document.createElement("div"); d.innerHTML = html || ""; return (d.textContent || "").replace(/\s+/g, " ").trim(); }
  function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
  function byKey(list, k) { for (var i = 0; i < list.length; i++) if (list[i].key === k) return list[i]; return null; }
  function keysOf(list) { return list.map(function (x) { return x.key; }); }
  function letters(s) { return s ? s.split("") : []; }
  /* mulberry32: a small seeded generator, so a resumed attempt shows the same draw */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(arr, r) {
    var a = arr.slice();
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(r() * (i + 1)); var x = a[i]; a[i] = a[j]; a[j] = x; }
    return a;
  }

  /* --- time formats --- */
  function span(ms) { /* 1.2 CMITimespan HH:MM:SS.SS; 2004 ISO 8601 duration; both at most 2 decimals */
    var cs = Math.max(0, Math.round(ms / 10)), hh = Math.floor(cs / 360000), mm = Math.floor(cs / 6000) % 60, ss = (cs % 6000) / 100;
    return V12 ? pad(Math.min(hh, 9999), 2) + ":" + pad(mm, 2) + ":" + (ss < 10 ? "0" : "") + ss.toFixed(2)
      : "PT" + (hh ? hh + "H" : "") + (mm ? mm + "M" : "") + Number(ss.toFixed(2)) + "S";
  }
  function stamp(d) {
    var time = pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
    return V12 ? time : d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + "T" + time;
  }

  /* --- SCORM API: discovery, calls, validation --- */
  var M = V12
    ? { init: "LMSInitialize", term: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", err: "LMSGetLastError", str: "LMSGetErrorString", diag: "LMSGetDiagnostic" }
    : { init: "Initialize", term: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit", err: "GetLastError", str: "GetErrorString", diag: "GetDiagnostic" };
  var API_NAME = V12 ? "API" : "API_1484_11";
  var api = null, live = false, terminated = false, log = [];

  function apiIn(win) {
    var hops = 0;
    while (win && hops <= 500) {
      try { var a = win[API_NAME]; if (a && typeof a[M.init] === "function") return a; } catch (e) { /* cross-origin */ }
      var p = null;
      try { p = win.parent; } catch (e) { p = null; }
      if (!p || p === win) break;
      win = p; hops++;
    }
    return null;
  }
  function findAPI() {
    var a = apiIn(window);
    if (!a) { try { if (window.opener) a = apiIn(window.opener); } catch (e) { a = null; } }
    return a;
  }
  function call(m, args) {
    var name = M[m], res = "false", code = "0";
    try { res = String(api[name].apply(api, args)); } catch (e) { res = "false"; code = "exception: " + e.message; }
    if (code === "0") { try { code = String(api[M.err]() || 0); } catch (e) { code = "0"; } }
    var ok = code === "0" && (m === "get" || res === "true");
    /* GetValue of an element the LMS never set answers 403 in SCORM 2004: allowed by the CTS, read as "" */
    if (m === "get" && code === "403" && !V12) { ok = true; res = ""; }
    log.push({ method: name, args: args.slice(), result: res, error: code, ok: ok });
    if (!ok) {
      var str = "", diag = "";
      try { str = String(api[M.str](code)); diag = String(api[M.diag](code)); } catch (e) { /* ignore */ }
      console.warn("[scorm] " + name + "(" + args.map(JSON.stringify).join(", ") + ") returned " + JSON.stringify(res) +
        "; error " + code + " " + str + (diag && diag !== str ? " (" + diag + ")" : ""));
    }
    return { ok: ok, v: res };
  }
  function get(el) { var r = call("get", [el]); return r.ok ? r.v : ""; }

  var DEC = "-?\\d{1,10}(\\.\\d{1,7})?";
  function len(n, m) { return new RegExp("^[\\s\\S]{" + (m || 0) + "," + n + "}$"); }
  var SPAN = V12 ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$/;
  var ID = V12 ? /^[\x21-\x7e]{1,255}$/ : /^[A-Za-z0-9_.:\-]{1,4000}$/;
  var STAT = /^(passed|completed|failed|incomplete|browsed)$/, CSTAT = /^(completed|incomplete|not attempted|unknown)$/;
  var RES = new RegExp("^(correct|" + (V12 ? "wrong" : "incorrect") + "|unanticipated|neutral|" + DEC + ")$");
  var TYPES = /^(true-false|choice|fill-in|long-fill-in|matching|performance|sequencing|likert|numeric|other)$/;
  /* what each element accepts; "s" = decimal 0..100, "d" = any decimal, "u" = -1..1, "p" = 0..1 */
  var RULES = V12 ? {
    "core.lesson_status": STAT, "core.lesson_location": len(255), "core.exit": /^(time-out|suspend|logout|)$/,
    "core.score.raw": "s", "core.score.min": "s", "core.score.max": "s", "core.session_time": SPAN,
    "suspend_data": len(4096), "objectives.n.id": ID, "objectives.n.status": STAT,
    "objectives.n.score.raw": "s", "objectives.n.score.min": "s", "objectives.n.score.max": "s",
    "interactions.n.time": /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, "interactions.n.student_response": len(255),
    "interactions.n.correct_responses.n.pattern": len(255)
  } : {
    "completion_status": CSTAT, "success_status": /^(passed|failed|unknown)$/, "progress_measure": "p",
    "score.scaled": "u", "score.raw": "d", "score.min": "d", "score.max": "d", "location": len(1000),
    "exit": /^(time-out|suspend|logout|normal|)$/, "session_time": SPAN, "suspend_data": len(64000),
    "objectives.n.id": ID, "objectives.n.completion_status": CSTAT,
    "objectives.n.score.raw": "d", "objectives.n.score.min": "d", "objectives.n.score.max": "d",
    "interactions.n.timestamp": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, "interactions.n.learner_response": len(4000, 1),
    "interactions.n.correct_responses.n.pattern": len(4000, 1), "interactions.n.description": len(250)
  };
  RULES["interactions.n.id"] = ID; RULES["interactions.n.type"] = TYPES; RULES["interactions.n.weighting"] = "d";
  RULES["interactions.n.result"] = RES; RULES["interactions.n.latency"] = SPAN;
  function valid(el, v) {
    var r = RULES[el.slice(4).replace(/\.\d+\./g, ".n.")];
    if (!r) return false;
    if (r instanceof RegExp) return r.test(v);
    if (!new RegExp("^" + DEC + "$").test(v)) return false;
    var n = parseFloat(v);
    return r === "d" || (r === "s" && n >= 0 && n <= 100) || (r === "u" && n >= -1 && n <= 1) || (r === "p" && n >= 0 && n <= 1);
  }
  var sent = {};
  function set(el, v, always) {
    v = String(v);
    if (!live || terminated) return false;
    if (!always && sent[el] === v) return true;
    if (!valid(el, v)) { console.warn("[scorm] not sent: invalid value for " + el + ": " + JSON.stringify(v)); return false; }
    var ok = call("set", [el, v]).ok;
    if (ok) sent[el] = v;
    return ok;
  }
  var retryTimer = null, retries = 0;
  function commit() {
    if (!live || terminated) return;
    clearTimeout(retryTimer);
    if (call("commit", [""]).ok) { retries = 0; notice(false); return; }
    if (retries < 2) {
      retries++;
      retryTimer = setTimeout(commit, 800 * retries * retries);
    } else { retries = 0; notice(true); }
  }

  /* --- state --- */
  var st, saved = false, base = { s: "", c: "", x: "" }, passMark = A ? A.pass_mark : 0, passScaled = passMark / 100;
  /* the same comparison the LMS makes: raw >= mastery_score (1.2), score.scaled >= scaled_passing_score (2004) */
  function passes(pct) { return V12 ? pct >= passMark : pct / 100 >= passScaled; }
  var icount = 0, objIdx = {}, ocount = 0, objOK = false;
  var t0 = Date.now();

  function fresh() {
    return {
      v: 1, f: C.fingerprint, l: 0, vw: new Array(NP + 1).join("0"), sc: {}, dg: {},
      a: A ? { sd: Math.floor(Math.random() * 2147483646) + 1, n: 0, ph: "i", qi: 0, an: [], sc: [], ps: 0 } : null
    };
  }
  function load(txt) {
    var o;
    try { o = JSON.parse(txt); } catch (e) { return null; }
    if (!o || typeof o !== "object" || o.v !== 1 || o.f !== C.fingerprint) return null;
    var f = fresh();
    if (typeof o.vw !== "string" || o.vw.length !== NP || /[^01]/.test(o.vw)) o.vw = f.vw;
    if (typeof o.l !== "number" || o.l < 0 || o.l >= NS) o.l = 0;
    if (!o.sc || typeof o.sc !== "object") o.sc = {};
    if (!o.dg || typeof o.dg !== "object") o.dg = {};
    if (A) {
      var a = o.a;
      if (!a || typeof a.sd !== "number" || !Array.isArray(a.sc)) o.a = f.a;
      else {
        a.an = Array.isArray(a.an) ? a.an : [];
        a.n = a.n | 0; a.qi = a.qi | 0; a.ps = a.ps ? 1 : 0;
        if ("iqrv".indexOf(a.ph) < 0 || !a.ph) a.ph = "i";
      }
    } else o.a = null;
    return o;
  }
  function encode() { /* the state as suspend_data, trimmed to the budget; the bookmark always stays */
    var o = JSON.parse(JSON.stringify(st)), s = JSON.stringify(o);
    var steps = [
      function () { if (o.a && (o.a.ph === "r" || o.a.ph === "v")) { o.a.an = []; o.a.ph = "r"; o.a.nr = 1; } },
      function () { Object.keys(o.dg).forEach(function (k) { o.dg[k] = [o.dg[k][0] + 1, ""]; }); },
      function () { Object.keys(o.sc).forEach(function (k) { o.sc[k] = [o.sc[k][0], ""]; }); },
      function () { o.dg = {}; o.sc = {}; },
      function () { if (o.a) { o.a.an = []; o.a.qi = 0; if (o.a.ph === "q") { o.a.ph = "i"; } } }
    ];
    for (var i = 0; s.length > BUDGET && i < steps.length; i++) { steps[i](); s = JSON.stringify(o); }
    return s;
  }
  function persist() {
    if (live) return set("cmi.suspend_data", encode());
    try { localStorage.setItem(STORE, JSON.stringify(st)); } catch (e) { /* storage blocked */ }
    return true;
  }

  /* --- progress and status --- */
  function viewedIn(li) { /* [viewed, pages, first page index] of a lesson */
    var n = 0, tot = 0, first = -1;
    PAGES.forEach(function (x, k) { if (x.l === li) { if (first < 0) first = k; tot++; if (st.vw.charAt(k) === "1") n++; } });
    return [n, tot, first];
  }
  function lessonsDone() { return st.vw.indexOf("0") < 0; }
  function aUsed() { return st.a ? st.a.sc.length : 0; }
  function aPassed() { return !!(st.a && st.a.ps); }
  function aLeft() { return A && (A.attempts === 0 || aUsed() < A.attempts); }
  function aFailedFinal() { return !!(A && !aPassed() && A.attempts > 0 && aUsed() >= A.attempts); }
  function aDone() { return aPassed() || aFailedFinal(); }
  function aBest() { return st.a && st.a.sc.length ? Math.max.apply(null, st.a.sc) : null; }
  function complete() {
    var rule = A ? C.completion : "lessons";
    var ok = rule === "lessons" ? lessonsDone() : rule === "assessment" ? aPassed() : lessonsDone() && aPassed();
    return ok || base.c === "completed";
  }
  function progress() { /* pages viewed / all pages; the assessment counts as one page once decided */
    var n = st.vw.split("1").length - 1 + (A && aDone() ? 1 : 0);
    return NS ? n / NS : 1;
  }
  var RANK = { incomplete: 0, completed: 1, failed: 2, passed: 3 };
  function status12() {
    var s;
    if (!A) s = complete() ? "completed" : "incomplete";
    else if (aPassed() && complete()) s = "passed";
    else if (aFailedFinal()) s = "failed";
    else s = complete() ? "completed" : "incomplete";
    return (RANK[base.x] || 0) > RANK[s] ? base.x : s;
  }
  function success04() {
    if (aPassed() || base.s === "passed") return "passed";
    if (aFailedFinal() || base.s === "failed") return "failed";
    return "unknown";
  }
  function bookmark() { return st.l === AS ? "assessment" : PAGES[st.l].p.id; }

  /* sync: send what changed, save the state, commit. Called after every meaningful step. */
  function sync(noCommit) {
    /* the score once decided; never a fail over a pass the LMS holds */
    var done = complete(), score = A && aDone() && (aPassed() || base.s !== "passed") ? aBest() : null;
    if (live) {
      if (V12) {
        set("cmi.core.lesson_location", bookmark());
        if (score != null) { set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100"); set("cmi.core.score.raw", String(score)); }
        set("cmi.core.lesson_status", status12());
        set("cmi.core.exit", done ? "" : "suspend");
        set("cmi.core.session_time", span(Date.now() - t0));
      } else {
        set("cmi.location", bookmark());
        set("cmi.progress_measure", String(Math.round(progress() * 10000) / 10000));
        if (score != null) {
          set("cmi.score.min", "0"); set("cmi.score.max", "100"); set("cmi.score.raw", String(score));
          set("cmi.score.scaled", String(score / 100));
        }
        set("cmi.completion_status", done ? "completed" : "incomplete");
        set("cmi.success_status", success04());
        set("cmi.exit", done ? "normal" : "suspend");
        set("cmi.session_time", span(Date.now() - t0));
      }
    }
    persist();
    if (!noCommit) commit();
    refreshChrome();
  }

  /* --- interactions and objectives --- */
  function fmt(type, v) { /* v: keys array (choice, sequencing), boolean (true-false), [[l,r]...] (matching) */
    if (type === "true-false") return V12 ? (v ? "t" : "f") : (v ? "true" : "false");
    if (type === "matching") return v.map(function (p) { return p[0] + (V12 ? "." : "[.]") + p[1]; }).join(V12 ? "," : "[,]");
    return v.join(V12 ? "," : "[,]");
  }
  function interaction(o) {
    if (!live || terminated) return;
    var p = "cmi.interactions." + icount + ".";
    if (!set(p + "id", o.id, true)) return;
    icount++;
    set(p + "type", o.type, true);
    set(p + (V12 ? "time" : "timestamp"), stamp(new Date()), true);
    o.patterns.forEach(function (pat, k) { set(p + "correct_responses." + k + ".pattern", fmt(o.type, pat), true); });
    set(p + "weighting", String(o.weight), true);
    set(p + (V12 ? "student_response" : "learner_response"), fmt(o.type, o.resp), true);
    set(p + "result", o.result === "incorrect" && V12 ? "wrong" : o.result, true);
    set(p + "latency", span(Date.now() - o.t), true);
    if (!V12 && o.desc) {
      var d = o.desc.length > 250 ? o.desc.slice(0, 249) + "…" : o.desc;
      if (d.charAt(0) === "{") d = "{lang=" + C.language + "}" + d;
      set(p + "description", d.slice(0, 250), true);
    }
  }
  function suffix(n) { return n >= 2 ? "_a" + n : ""; }
  function objective(id, raw, min, max, ended) {
    if (!live || terminated || !objOK) return;
    var n = objIdx[id], p;
    var isNew = n == null;
    if (isNew) {
      n = ocount;
      if (!set("cmi.objectives." + n + ".id", id, true)) return;
      objIdx[id] = n; ocount++;
    }
    p = "cmi.objectives." + n + ".";
    if (V12) { /* SCORM 1.2 scores are 0..100: the total is rescaled over the score's range */
      raw = max > min ? Math.round((raw - min) / (max - min) * 100) : 100; min = 0; max = 100;
    }
    set(p + "score.min", String(min)); set(p + "score.max", String(max)); set(p + "score.raw", String(raw));
    /* completed at an ending; never set back to incomplete */
    if (ended || isNew) set(p + (V12 ? "status" : "completion_status"), ended ? "completed" : "incomplete");
  }

  /* --- launch --- */
  function launch() {
    api = findAPI();
    if (api) {
      live = call("init", [""]).ok;
      if (!live) api = null;
    }
    var txt = "";
    if (live) {
      if (V12) {
        base.x = get("cmi.core.lesson_status");
        txt = get("cmi.suspend_data");
        if (A) { var ms = get("cmi.student_data.mastery_score"); if (ms !== "" && !isNaN(parseFloat(ms))) passMark = parseFloat(ms); }
        if (base.x === "passed" || base.x === "completed") base.c = "completed";
        if (base.x === "passed" || base.x === "failed") base.s = base.x;
      } else {
        base.c = get("cmi.completion_status");
        base.s = get("cmi.success_status");
        if (base.s !== "passed" && base.s !== "failed") base.s = "";
        if (get("cmi.entry") !== "ab-initio") txt = get("cmi.suspend_data");
        if (A) { var sp = get("cmi.scaled_passing_score"); if (sp !== "" && !isNaN(parseFloat(sp))) { passScaled = parseFloat(sp); passMark = Math.round(passScaled * 10000) / 100; } }
      }
      icount = parseInt(get("cmi.interactions._count"), 10) || 0;
      var oc = call("get", ["cmi.objectives._count"]);
      objOK = oc.ok;
      ocount = parseInt(oc.v, 10) || 0;
      for (var i = 0; i < ocount; i++) objIdx[get("cmi.objectives." + i + ".id")] = i;
    } else {
      try { txt = localStorage.getItem(STORE) || ""; } catch (e) { txt = ""; }
    }
    var o = txt ? load(txt) : null;
    saved = !!(o && o.s);
    st = o || fresh();
    if (live) sync();
    titleScreen();
  }

  /* --- screens --- */
  var app = document.getElementById("app");
  var els = {};
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  function focusHeading(root) {
    var hd = (root || document).querySelector("h2, h1");
    if (hd) { hd.setAttribute("tabindex", "-1"); hd.focus(); }
  }
  function noLmsNote() {
    return live ? null : h("p", { cls: "nolms" }, [h("span", { text: t("no_lms") }),
      h("span", { cls: "sr", text: " " + t("no_lms_detail") })]);
  }
  function notice(on) {
    if (!els.alert) return;
    els.alert.textContent = on ? t("save_failed") : "";
  }

  function titleScreen() {
    clear(app);
    var meta = [];
    if (C.duration_minutes) meta.push(t("duration", { n: C.duration_minutes }));
    meta.push(D.lessons.length === 1 ? t("lesson_count_one") : t("lesson_count", { n: D.lessons.length }));
    if (A) meta.push(t("with_assessment"));
    var main = h("main", { cls: "title-screen", id: "main" }, [
      h("div", { cls: "title-card" }, [
        h("h1", { text: C.title }),
        C.description ? h("p", { cls: "lead", text: C.description }) : null,
        h("ul", { cls: "meta" }, meta.map(function (m) { return h("li", { text: m }); })),
        saved ? h("p", { text: t("welcome_back") }) : null,
        btn(saved ? t("resume") : t("start"), begin, "btn primary big"),
        noLmsNote()
      ])
    ]);
    add(app, main);
  }

  function begin() {
    st.s = 1;
    clear(app);
    var title = h("h1", { cls: "course-title", text: C.title });
    els.bar = h("div", { cls: "bar-fill" });
    els.prog = h("div", { cls: "progress", role: "progressbar", "aria-label": t("progress"), "aria-valuemin": "0", "aria-valuemax": "100" }, [els.bar]);
    els.alert = h("p", { cls: "alert", role: "status" });
    var logo = D.brand && D.brand.logo ? h("img", { cls: "logo", src: D.brand.logo, alt: D.brand.logo_alt }) : null;
    var header = h("header", { cls: "top" }, [logo, title, els.prog, noLmsNote(), btn(t("exit"), exitCourse, "btn ghost")]);
    var listId = uid("outline");
    els.list = h("ol", { cls: "outline-list closed", id: listId });
    els.toggle = btn(t("outline"), function () {
      var open = els.toggle.getAttribute("aria-expanded") !== "true";
      els.toggle.setAttribute("aria-expanded", String(open));
      els.list.classList.toggle("closed", !open);
    }, "outline-toggle", { "aria-expanded": "false", "aria-controls": listId });
    els.nav = h("nav", { "aria-label": t("outline") }, [els.toggle, els.list]);
    els.main = h("main", { id: "main" });
    els.prev = btn(t("previous"), function () { show(st.l - 1); });
    els.next = btn(t("next"), function () { show(st.l + 1); }, PRI);
    els.finish = btn(t("finish"), finishCourse, PRI);
    els.say = h("p", { cls: "sr", role: "status" });
    var footer = h("footer", { cls: "foot" }, [els.prev, els.alert, els.say, els.next, els.finish]);
    add(app, header);
    add(app, h("div", { cls: "layout" }, [els.nav, h("div", { cls: "content" }, [els.main, footer])]));
    show(st.l);
  }

  function show(k) {
    if (k < 0 || k >= NS) return;
    st.l = k;
    if (k < NP && st.vw.charAt(k) !== "1") st.vw = st.vw.slice(0, k) + "1" + st.vw.slice(k + 1);
    clear(els.main);
    var root = h("div", { cls: "page" });
    add(els.main, root);
    if (k === AS) renderAssessment(root);
    else {
      var x = PAGES[k], p = x.p;
      add(root, h("p", { cls: "eyebrow", text: t("lesson_n", { n: x.l + 1 }) + " · " + D.lessons[x.l].title + " · " +
        t("page_of", { n: x.i + 1, total: D.lessons[x.l].pages.length }) }));
      add(root, h("h2", { text: p.title, tabindex: "-1" }));
      ({ text: renderText, scenario: renderScenario, dialogue: renderDialogue })[p.kind](root, p, k);
    }
    sync();
    els.toggle.setAttribute("aria-expanded", "false");
    els.list.classList.add("closed");
    window.scrollTo(0, 0);
    focusHeading(root);
  }

  function refreshChrome() {
    if (!els.list) return;
    var pct = Math.round(progress() * 100);
    els.bar.style.width = pct + "%";
    els.prog.setAttribute("aria-valuenow", String(pct));
    clear(els.list);
    function item(title, sub, mark, cur, done, k) {
      add(els.list, h("li", { cls: (cur ? "current " : "") + (done ? "done" : "") }, [
        h("button", { type: "button", cls: "ol-item", "aria-current": cur ? "true" : null, onclick: function () { show(k); } }, [
          h("span", { cls: "ol-mark", "aria-hidden": "true", text: done ? "✓" : mark }),
          h("span", { cls: "ol-text" }, [h("span", { cls: "ol-title", text: title }), h("span", { cls: "ol-sub", text: sub })])])]));
    }
    D.lessons.forEach(function (l, li) {
      var vc = viewedIn(li), done = vc[0] === vc[1];
      item(l.title, (done ? t("done") + " · " : "") + t("pages_viewed", { n: vc[0], total: vc[1] }), String(li + 1),
        st.l < NP && PAGES[st.l].l === li, done, vc[2]);
    });
    if (A) {
      item(A.title, aPassed() ? t("status_passed", { n: aBest() }) : aFailedFinal() ? t("status_failed", { n: aBest() })
        : st.a.n > 0 ? t("status_in_progress") : t("status_not_started"), "★", st.l === AS, aPassed(), AS);
    }
    var cur = els.list.querySelector(".current");
    if (cur) els.list.scrollTop = cur.offsetTop - 60;
    var last = st.l === NS - 1;
    els.prev.disabled = st.l === 0;
    els.next.hidden = last;
    els.finish.hidden = !last;
  }

  /* --- exit and finish --- */
  function endSession(final) {
    if (terminated) return;
    if (live) {
      sync(true);
      clearTimeout(retryTimer);
      if (final) { if (!call("commit", [""]).ok) call("commit", [""]); }
      terminated = true;
      call("term", [""]);
    } else { persist(); terminated = true; }
  }
  function endScreen(title, msg) {
    clear(app);
    var main = h("main", { id: "main", cls: "title-screen" }, [h("div", { cls: "title-card" }, [
      h("p", { cls: "eyebrow", text: C.title }), h("h1", { text: title }), h("p", { text: msg })])]);
    add(app, main);
    els = {};
    focusHeading(main);
  }
  function exitCourse() {
    endSession(true);
    endScreen(t("exited_title"), t("exited"));
  }
  function finishCourse() {
    var done = complete();
    endSession(true);
    endScreen(done ? t("finished_title") : t("exited_title"), done ? t("finished") : t("finished_incomplete"));
  }
  window.addEventListener("pagehide", function () { endSession(false); });

  /* --- text page --- */
  function renderText(root, p) {
    add(root, h("div", { cls: "prose", html: p.body_html }));
    if (p.image) {
      add(root, h("figure", { cls: "figure" }, [h("img", { src: p.image.src, alt: p.image.alt || "" }),
        p.image.caption ? h("figcaption", { text: p.image.caption }) : null]));
    }
    if (p.callout) {
      add(root, h("div", { cls: "callout callout-" + p.callout.style, role: "note" }, [
        h("p", { cls: "callout-label", text: t("callout_" + p.callout.style) }), h("div", { html: p.callout.html })]));
    }
    if (p.quote) {
      add(root, h("figure", { cls: "quote" }, [h("blockquote", {}, [h("p", { text: p.quote.text })]),
        p.quote.by ? h("figcaption", { text: "— " + p.quote.by }) : null]));
    }
  }

  /* --- scenario --- */
  function hint(fb, msg) { clear(fb); fb.className = "feedback show"; add(fb, h("p", { text: msg })); }
  function moodChip(mood) {
    mood = mood || "neutral";
    return h("p", { cls: "mood mood-" + mood }, [h("span", { cls: "mood-dot", "aria-hidden": "true" }),
      h("span", { text: t("mood", { mood: t("mood_" + mood) }) })]);
  }
  function bubble(cls, who, text, focusable) {
    return h(cls === "div" ? "div" : "li", { cls: "bubble " + (cls === "div" ? "them" : cls), tabindex: focusable ? "-1" : null }, [h("span", { cls: "who", text: who }), h("p", { text: text })]);
  }
  function channelBox(channel, name, says, subject) {
    var who = name || t("customer");
    if (channel === "email") {
      return h("div", { cls: "msg email" }, [
        h("p", { cls: "ch-label", text: t("channel_email") }),
        h("dl", { cls: "email-head" }, [h("dt", { text: t("email_from") }), h("dd", { text: who }),
          subject ? h("dt", { text: t("email_subject") }) : null, subject ? h("dd", { text: subject }) : null]),
        h("div", { cls: "email-body" }, [h("p", { text: says })])
      ]);
    }
    if (channel === "chat") {
      return h("div", { cls: "msg chat" }, [h("p", { cls: "ch-label", text: t("channel_chat") }),
        bubble("div", who, says)]);
    }
    return h("div", { cls: "msg phone" }, [h("p", { cls: "ch-label", text: t("channel_phone") }),
      h("p", { cls: "line" }, [h("span", { cls: "who", text: who + ": " }), says])]);
  }
  function renderScenario(root, p, k) {
    var cu = p.customer, rec = st.sc[k] || [0, ""];
    add(root, channelBox(p.channel, cu.name, cu.says, cu.subject),
      cu.context && h("p", { cls: "context" }, [h("strong", { text: t("context") + ": " }), cu.context]), moodChip(cu.mood));
    var name = uid("opt"), fb = h("div", { cls: "feedback", "aria-live": "polite" });
    var radios = p.options.map(function (o) {
      var id = uid("r");
      return { o: o, input: h("input", { type: "radio", name: name, id: id, value: o.key }), id: id };
    });
    var fs = h("fieldset", { cls: "choices" }, [h("legend", { text: p.prompt })].concat(radios.map(function (r) {
      return h("div", { cls: "choice" }, [r.input, h("label", { "for": r.id, text: r.o.text })]);
    })));
    var submit = btn(t("submit"), onSubmit, PRI);
    var started = Date.now();
    add(root, fs, h("div", { cls: "actions" }, [submit]), fb);

    function showResult(key, announce) {
      var o = byKey(p.options, key);
      if (!o) return;
      radios.forEach(function (r) { r.input.checked = r.o.key === key; r.input.disabled = true; });
      submit.disabled = true;
      clear(fb);
      fb.className = "feedback show verdict-" + o.verdict;
      add(fb, h("p", { cls: "verdict", text: t("verdict_" + o.verdict) }), h("div", { cls: "prose", html: o.feedback_html }),
        p.principle && h("p", { cls: "principle", text: t("principle", { title: p.principle.title }) }),
        p.retry && o.verdict !== "best" && btn(t("try_again"), onRetry));
    }
    function onSubmit() {
      var r = radios.filter(function (x) { return x.input.checked; })[0];
      if (!r) return hint(fb, t("choose_first"));
      rec = [rec[0] + 1, r.o.key];
      st.sc[k] = rec;
      if (p.scored) {
        interaction({ id: p.interaction_id + suffix(rec[0]), type: "choice", t: started, weight: 1, desc: p.prompt,
          patterns: p.options.filter(function (o) { return o.verdict === "best"; }).map(function (o) { return [o.key]; }),
          resp: [r.o.key], result: r.o.verdict === "best" ? "correct" : r.o.verdict === "acceptable" ? "neutral" : "incorrect" });
      }
      showResult(r.o.key, true);
      sync();
    }
    function onRetry() {
      rec = [rec[0], ""]; st.sc[k] = rec;
      radios.forEach(function (r) { r.input.checked = false; r.input.disabled = false; });
      submit.disabled = false;
      clear(fb); fb.className = "feedback";
      started = Date.now();
      persist();
      radios[0].input.focus();
    }
    if (rec[1]) showResult(rec[1], false);
  }

  /* --- dialogue --- */
  function walk(p, path) {
    var node = p.start, totals = {}, steps = [], mood = "neutral";
    p.scores.forEach(function (s) { totals[s.id] = 0; });
    if (p.nodes[node] && p.nodes[node].mood) mood = p.nodes[node].mood;
    letters(path).every(function (key) {
      var n = p.nodes[node], c = n && byKey(n.choices, key);
      if (!c) return false;
      steps.push({ node: node, n: n, c: c });
      Object.keys(c.effects).forEach(function (s) { totals[s] = (totals[s] || 0) + c.effects[s]; });
      node = c.next;
      if (p.nodes[node] && p.nodes[node].mood) mood = p.nodes[node].mood;
      return true;
    });
    var end = p.nodes[node] && p.nodes[node].ending;
    if (end && !p.nodes[node].mood) mood = { good: "pleased", mixed: "neutral", poor: "angry" }[end.outcome] || mood;
    return { node: node, n: p.nodes[node], totals: totals, steps: steps, mood: mood };
  }
  function renderDialogue(root, p, k) {
    if (p.intro_html) add(root, h("div", { cls: "prose intro", html: p.intro_html }));
    var box = h("div", { cls: "dialogue" });
    add(root, box);
    var startT = Date.now();
    function rec() { return st.dg[k] || [1, ""]; }
    function draw(focus) {
      clear(box);
      var r = rec(), w = walk(p, r[1]), who = p.customer || t("customer");
      add(box, h("div", { cls: "dlg-head" }, [h("p", { cls: "ch-label ch-" + p.channel, text: t("channel_" + p.channel) + " · " + who }), moodChip(w.mood)]));
      var convo = h("ol", { cls: "convo", "aria-label": t("conversation", { name: who }) });
      w.steps.forEach(function (s) {
        if (s.n.customer) add(convo, bubble("them", who, s.n.customer));
        add(convo, bubble("me", t("you"), s.c.text));
      });
      var lastLine = null;
      if (w.n && w.n.customer) {
        lastLine = bubble("them now", who, w.n.customer, true);
        add(convo, lastLine);
      }
      add(box, convo);
      var zone = h("div", { cls: "dlg-live", "aria-live": "polite" });
      add(box, zone);
      if (w.n && w.n.ending) {
        var e = w.n.ending;
        var table = h("table", { cls: "scores" }, [h("caption", { text: t("scores") }),
          h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: t("score_col") }), h("th", { scope: "col", text: t("value_col") }), h("th", { scope: "col", text: t("range_col") })])]),
          h("tbody", {}, p.scores.map(function (s) {
            return h("tr", {}, [h("th", { scope: "row", text: s.label }), h("td", { text: String(w.totals[s.id]) }), h("td", { text: t("range", { min: s.min, max: s.max }) })]);
          }))]);
        var dec = h("ol", { cls: "decisions" }, w.steps.map(function (s) {
          return h("li", {}, [h("p", { cls: "dec-choice", text: s.c.text }), s.c.feedback_html ? h("div", { cls: "prose", html: s.c.feedback_html }) : null]);
        }));
        var endH = h("h3", { text: e.title, tabindex: "-1" });
        add(zone, h("section", { cls: "ending outcome-" + e.outcome }, [
          h("p", { cls: "outcome", text: t("outcome_" + e.outcome) }), endH, h("div", { cls: "prose", html: e.debrief_html }),
          table, h("h4", { text: t("decisions") }), dec, btn(t("replay"), replay)]));
        if (focus) endH.focus();
      } else if (w.n) {
        var gid = uid("g");
        add(zone, h("div", { cls: "dlg-choices", role: "group", "aria-labelledby": gid }, [h("p", { id: gid, cls: "group-label", text: t("your_response") })]
          .concat(w.n.choices.map(function (c) { return btn(c.text, function () { choose(c); }, "btn choice-btn"); }))));
        if (focus && lastLine) lastLine.focus();
      }
    }
    function choose(c) {
      var r = rec(), w = walk(p, r[1]);
      var node = w.node, n = w.n;
      r = [r[0], r[1] + c.key];
      st.dg[k] = r;
      var w2 = walk(p, r[1]);
      if (p.scored) {
        interaction({ id: p.interaction_prefix + "_" + node + suffix(r[0]), type: "choice", t: startT, weight: 1,
          desc: n.customer || p.title,
          patterns: n.choices.filter(function (x) { return x.best; }).map(function (x) { return [x.key]; }),
          resp: [c.key], result: c.best ? "correct" : "incorrect" });
        var ended = !!(w2.n && w2.n.ending);
        p.scores.forEach(function (s) { objective("obj_" + p.id + "_" + s.id, w2.totals[s.id], s.min, s.max, ended); });
      }
      startT = Date.now();
      draw(true);
      sync();
    }
    function replay() {
      st.dg[k] = [rec()[0] + 1, ""];
      startT = Date.now();
      draw(true);
      if (!(p.nodes[p.start] && p.nodes[p.start].customer)) { var b = box.querySelector(".choice-btn"); if (b) b.focus(); }
      sync();
    }
    draw(false);
  }

  /* --- assessment --- */
  function drawN() { return Math.min(A.draw || 1e9, A.questions.length); }
  function drawFor(a) { /* the questions of attempt a.n, from the seed */
    var pool = A.questions.map(function (q, i) { return i; }), order = shuffle(pool, rng(a.sd * 31 + a.n)).slice(0, drawN());
    if (!A.shuffle_questions) order.sort(function (x, y) { return x - y; });
    return order.map(function (qi) { return A.questions[qi]; });
  }
  function orderFor(q, a, keys, always) {
    var r = rng(a.sd * 17 + a.n * 7 + A.questions.indexOf(q) * 101 + 5);
    if (!always && !A.shuffle_choices) return keys.slice();
    var o = shuffle(keys, r);
    if (always && o.join("") === keys.join("") && keys.length > 1) o.push(o.shift());
    return o;
  }
  function correctAnswer(q) {
    if (q.kind === "true-false") return q.answer ? "t" : "f";
    if (q.kind === "matching") return keysOf(q.pairs).join("");
    if (q.kind === "ordering") return keysOf(q.items).join("");
    return q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.key; }).join("");
  }
  function isRight(q, ans) {
    if (q.kind === "multiple-response" || q.kind === "single-choice") return letters(ans).sort().join("") === correctAnswer(q);
    return ans === correctAnswer(q);
  }
  function record(q, ans, a, started) {
    var type = { "single-choice": "choice", "multiple-response": "choice", "true-false": "true-false", matching: "matching", ordering: "sequencing" }[q.kind];
    var conv = function (s) {
      if (type === "true-false") return s === "t";
      if (type === "matching") return letters(s).map(function (rk, i) { return [q.pairs[i].key, rk]; });
      return type === "choice" ? letters(s).sort() : letters(s);
    };
    interaction({ id: q.interaction_id + suffix(a.n), type: type, t: started, weight: q.weight, desc: plain(q.text_html),
      patterns: [conv(correctAnswer(q))], resp: conv(ans), result: isRight(q, ans) ? "correct" : "incorrect" });
  }
  function percentOf(qs, an) {
    var tot = 0, got = 0;
    qs.forEach(function (q, i) { tot += q.weight; if (an[i] != null && isRight(q, an[i])) got += q.weight; });
    return tot ? Math.round(got / tot * 100) : 0;
  }
  function answerText(q, ans) {
    if (ans == null || ans === "") return [t("not_answered")];
    if (q.kind === "true-false") return [ans === "t" ? t("true") : t("false")];
    if (q.kind === "matching") return letters(ans).map(function (rk, i) {
      var r = byKey(q.pairs, rk);
      return q.pairs[i].left + " → " + (r ? r.right : "");
    });
    if (q.kind === "ordering") return letters(ans).map(function (k) { return byKey(q.items, k).text; });
    return letters(ans).sort().map(function (k) { return byKey(q.choices, k).text; });
  }

  function renderAssessment(root) {
    var a = st.a;
    add(root, h("p", { cls: "eyebrow", text: A.title }));
    if (a.ph === "q" && a.n > 0) return renderQuestion(root, a);
    if (a.ph === "v" && a.n > 0 && a.an.length) return renderReview(root, a);
    if (a.n > 0 && aUsed() && (a.ph !== "i" || aDone())) return renderResults(root, a);
    add(root, h("h2", { text: A.title, tabindex: "-1" }));
    if (A.intro_html) add(root, h("div", { cls: "prose", html: A.intro_html }));
    add(root, h("ul", { cls: "meta" }, [h("li", { text: t("assessment_info", { n: drawN(), pass: passMark }) }),
      h("li", { text: A.attempts ? t("attempts_info", { n: A.attempts }) : t("attempts_unlimited") })]));
    add(root, h("div", { cls: "actions" }, [btn(t("start_assessment"), function () {
      a.n = Math.max(a.n, aUsed()) + 1; a.ph = "q"; a.qi = 0; a.an = [];
      show(AS);
    }, PRI)]));
  }

  function renderQuestion(root, a) {
    var qs = drawFor(a), q = qs[a.qi], done = a.an[a.qi] != null, started = Date.now();
    if (!q) { a.ph = "r"; return renderResults(root, a); }
    add(root, h("h2", { text: t("question_of", { n: a.qi + 1, total: qs.length }), tabindex: "-1" }));
    var fb = h("div", { cls: "feedback", "aria-live": "polite" });
    var legendKids = function () {
      var tmp = h("div", { html: q.text_html });
      return tmp.children.length === 1 && tmp.firstElementChild.tagName === "P" ? tmp.firstElementChild.innerHTML : q.text_html;
    };
    var legend = h("legend", { cls: "q-text", html: legendKids() });
    var fs = h("fieldset", { cls: "choices" }, [legend]);
    var read, set_;
    if (q.kind === "single-choice" || q.kind === "multiple-response" || q.kind === "true-false") {
      var multi = q.kind === "multiple-response", name = uid("q");
      var opts = q.kind === "true-false" ? [{ key: "t", text: t("true") }, { key: "f", text: t("false") }]
        : orderFor(q, a, keysOf(q.choices)).map(function (key) { return byKey(q.choices, key); });
      var inputs = opts.map(function (o) {
        var id = uid("c"), inp = h("input", { type: multi ? "checkbox" : "radio", name: name, id: id, value: o.key });
        add(fs, h("div", { cls: "choice" }, [inp, h("label", { "for": id, text: o.text })]));
        return inp;
      });
      read = function () { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }).sort().join(""); };
      set_ = function (ans) { inputs.forEach(function (i) { i.checked = ans.indexOf(i.value) >= 0; i.disabled = true; }); };
    } else if (q.kind === "matching") {
      var rights = orderFor(q, a, keysOf(q.pairs), true);
      var sels = q.pairs.map(function (pair) {
        var id = uid("m"), sel = h("select", { id: id }, [h("option", { value: "", text: t("choose") })].concat(rights.map(function (rk) {
          return h("option", { value: rk, text: byKey(q.pairs, rk).right });
        })));
        add(fs, h("div", { cls: "match-row" }, [h("label", { "for": id, text: pair.left }), sel]));
        return sel;
      });
      read = function () { var v = sels.map(function (s) { return s.value; }); return v.indexOf("") >= 0 ? null : v.join(""); };
      set_ = function (ans) { sels.forEach(function (s, i) { s.value = ans.charAt(i); s.disabled = true; }); };
    } else {
      var order = orderFor(q, a, keysOf(q.items), true), frozen = false;
      var list = h("ol", { cls: "order-list" });
      add(fs, h("p", { cls: "hint", text: t("order_hint") }));
      add(fs, list);
      var textOf = function (k) { return byKey(q.items, k).text; };
      var paint = function (focusKey, dir) {
        clear(list);
        order.forEach(function (k, i) {
          var up = btn("", function () { move(i, -1); }, "icon-btn up", { "aria-label": t("move_up", { item: textOf(k) }) });
          var down = btn("", function () { move(i, 1); }, "icon-btn down", { "aria-label": t("move_down", { item: textOf(k) }) });
          add(up, h("span", { "aria-hidden": "true", text: "▲" }));
          add(down, h("span", { "aria-hidden": "true", text: "▼" }));
          up.disabled = frozen || i === 0; down.disabled = frozen || i === order.length - 1;
          add(list, h("li", { cls: "order-item" }, [h("span", { cls: "order-n", "aria-hidden": "true", text: String(i + 1) }),
            h("span", { cls: "order-text", text: textOf(k) }), h("span", { cls: "order-btns" }, [up, down])]));
          if (k === focusKey) { var target = (dir < 0 ? up : down).disabled ? (dir < 0 ? down : up) : (dir < 0 ? up : down); target.focus(); }
        });
      };
      var move = function (i, d) {
        var j = i + d;
        if (j < 0 || j >= order.length) return;
        var k = order[i]; order[i] = order[j]; order[j] = k;
        paint(k, d);
        say(t("moved", { item: textOf(k), n: j + 1, total: order.length }));
      };
      paint();
      read = function () { return order.join(""); };
      set_ = function (ans) { order = letters(ans); frozen = true; paint(); };
    }
    var submit = btn(t("submit"), onSubmit, PRI);
    add(root, fs, h("div", { cls: "actions" }, [submit]), fb);

    function after(ans, announce) {
      set_(ans);
      submit.disabled = true;
      clear(fb);
      if (A.feedback === "immediate") {
        var ok = isRight(q, ans);
        fb.className = "feedback show " + (ok ? "verdict-best" : "verdict-poor");
        add(fb, h("p", { cls: "verdict", text: ok ? t("correct") : t("incorrect") }));
        var qf = ok ? q.feedback.correct_html : q.feedback.incorrect_html;
        if (qf) add(fb, h("div", { cls: "prose", html: qf }));
        (q.choices || []).forEach(function (c) { if (ans.indexOf(c.key) >= 0 && c.feedback_html) add(fb, h("div", { cls: "prose choice-fb", html: c.feedback_html })); });
      } else {
        hint(fb, t("answer_saved"));
      }
      var last = a.qi === qs.length - 1;
      var nb = btn(last ? t("see_results") : t("next_question"), function () {
        if (last) { a.ph = "r"; } else { a.qi++; }
        show(AS);
      }, PRI);
      add(fb, h("div", { cls: "actions" }, [nb]));
      if (announce) nb.focus();
    }
    function onSubmit() {
      var ans = read();
      if (ans == null || ans === "") return hint(fb, t(q.kind === "matching" ? "answer_all" : "choose_first"));
      a.an[a.qi] = ans;
      record(q, ans, a, started);
      if (a.qi === qs.length - 1) { /* the attempt ends at its last answer */
        var pct = percentOf(qs, a.an);
        a.sc.push(pct);
        if (passes(pct)) a.ps = 1;
      }
      after(ans, true);
      sync();
    }
    if (done) after(a.an[a.qi], false);
  }

  function renderResults(root, a) {
    var pct = a.sc[a.sc.length - 1], passed = aPassed();
    add(root, h("h2", { text: t("results"), tabindex: "-1" }));
    var box = h("div", { cls: "results " + (passed ? "is-passed" : "is-failed"), role: "status" }, [
      h("p", { cls: "big-score", text: t("your_score", { n: pct }) }),
      h("p", { cls: "verdict", text: passed ? t("passed") : t("not_passed") }),
      h("ul", { cls: "meta" }, [h("li", { text: t("pass_mark", { n: passMark }) }),
        h("li", { text: A.attempts ? t("attempts_used", { used: aUsed(), allowed: A.attempts }) : t("attempts_used_unlimited", { used: aUsed() }) })])
    ]);
    add(root, box, !passed && !aLeft() && h("p", { text: t("no_attempts_left") }), A.feedback === "end" && a.an.length && reviewList(a, false));
    var acts = h("div", { cls: "actions" });
    if (!passed && aLeft()) add(acts, btn(t("retry"), function () { a.n = aUsed() + 1; a.ph = "q"; a.qi = 0; a.an = []; show(AS); }, PRI));
    if (A.review && a.an.length && !a.nr) add(acts, btn(t("review_answers"), function () { a.ph = "v"; show(AS); }));
    add(root, acts);
  }
  function reviewList(a, full) {
    var qs = drawFor(a);
    return h("ol", { cls: "review" }, qs.map(function (q, i) {
      var ans = a.an[i], ok = ans != null && isRight(q, ans);
      var kids = [h("div", { cls: "prose", html: q.text_html }),
        h("p", { cls: "verdict " + (ok ? "ok" : "ko"), text: ok ? t("correct") : t("incorrect") }),
        h("div", { cls: "prose", html: ok ? q.feedback.correct_html : q.feedback.incorrect_html })];
      if (full) {
        kids.push(h("p", { cls: "rv-label", text: t("your_answer") }), h("ul", {}, answerText(q, ans).map(function (s) { return h("li", { text: s }); })));
        kids.push(h("p", { cls: "rv-label", text: t("correct_answer") }), h("ul", {}, answerText(q, correctAnswer(q)).map(function (s) { return h("li", { text: s }); })));
      }
      return h("li", { cls: "rv-item" }, kids);
    }));
  }
  function renderReview(root, a) {
    add(root, h("h2", { text: t("review"), tabindex: "-1" }), reviewList(a, true), h("div", { cls: "actions" }, [btn(t("back_to_results"), function () { a.ph = "r"; show(AS); })]));
  }

  function say(msg) {
    var el = els.say;
    if (!el) return;
    el.textContent = "";
    setTimeout(function () { el.textContent = msg; }, 30);
  }

  window.scormPlayer = {
    log: log,
    state: function () { return st; },
    connected: function () { return live; },
    suspendData: encode,
    passMark: function () { return passMark; }
  };
  launch();
})();
