/* scorm-builder preview, cmi5: asks the preview server (the LMS and LRS, in memory) for a launch, opens the
   course with its launch parameters, and lists what the LRS holds: each statement (verb, object, result,
   time), the state documents, the launch data and the AU's requests. The server's record is polled.
   "Launch mode" relaunches the course in Normal, Browse or Review (LaunchData launchMode). */
(function () {
  "use strict";
  var panel = document.getElementById("cmi5-panel");
  var shown = -1;
  window.previewLrs = null;  // the server's record, for tests and the console

  function row(body, cells, className) {
    var tr = document.createElement("tr");
    if (className) tr.className = className;
    cells.forEach(function (cell) {
      var td = document.createElement("td");
      if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell == null ? "" : String(cell);
      tr.appendChild(td);
    });
    body.appendChild(tr);
    return tr;
  }
  function pre(value) { var p = document.createElement("pre"); p.textContent = JSON.stringify(value, null, 1); return p; }
  function verbOf(s) { return (s.verb.display && s.verb.display["en-US"]) || String(s.verb.id).replace(/^.*\//, ""); }
  function objectOf(s, activityId) {
    var id = String((s.object || {}).id || "");
    return id === activityId ? "the AU" : id.indexOf(activityId + "/") === 0 ? id.slice(activityId.length + 1) : id;
  }
  function resultOf(r) {
    if (!r) return "";
    var parts = [];
    if ("completion" in r) parts.push("completion " + r.completion);
    if ("success" in r) parts.push("success " + r.success);
    if (r.score && r.score.scaled != null) parts.push("score " + r.score.scaled);
    if ("response" in r) parts.push("response " + r.response);
    if (r.duration) parts.push(r.duration);
    return parts.join(", ");
  }
  function fill(selector, items, cells) {
    var body = document.querySelector(selector + " tbody");
    body.textContent = "";
    items.forEach(function (item, i) {
      var tr = row(body, cells(item, i), item.problem || (item.status >= 400 && item.status !== 404) ? "err" : "");
      if (item.problem) tr.title = item.problem;
    });
  }
  function show(record) {
    window.previewLrs = record;
    if (record.changes === shown) return;
    shown = record.changes;
    fill("#statements", record.statements, function (s, i) {
      return [i + 1, verbOf(s) + (s.problem ? " (" + s.problem + ")" : ""), objectOf(s, record.activityId),
        resultOf(s.result), s.timestamp];
    });
    fill("#states", Object.keys(record.states).sort().map(function (k) { return { id: k, doc: record.states[k] }; }),
      function (d) { return [d.id, pre(d.doc)]; });
    document.getElementById("launch-data").textContent = JSON.stringify(record.launchData, null, 1);
    fill("#requests", record.requests, function (r, i) {
      return [i + 1, r.method, r.resource + (r.stateId ? " " + r.stateId : ""), r.status, r.message];
    });
  }
  function poll() {
    return fetch("/api/cmi5", { cache: "no-store" }).then(function (r) { return r.json(); }).then(show)
      .catch(function () { /* server stopped */ });
  }
  /* the launch mode: a select at the top of the panel; none chosen yet: the server's (preview --mode) */
  var modeLabel = document.createElement("label"), modes = document.createElement("select"), last = null;
  modes.id = "cmi5-mode";
  ["", "Normal", "Browse", "Review"].forEach(function (m) {
    var option = document.createElement("option");
    option.value = m.toLowerCase(); option.textContent = m || "(as launched)"; option.hidden = !m;
    modes.appendChild(option);
  });
  modeLabel.append("Launch mode ", modes);
  panel.insertBefore(modeLabel, panel.firstChild);
  modes.addEventListener("change", function () { if (last) launch(last[0], last[1], last[2], false); });
  /* a new session of the registration (a new registration when `fresh`): the course opens with its launch URL */
  function launch(status, token, frame, fresh) {
    last = [status, token, frame];
    return fetch("/api/cmi5/launch?registration=" + (fresh ? "new" : "same") + (modes.value ? "&mode=" + modes.value : ""),
                 { method: "POST", headers: { "X-Preview-Token": token } })
      .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { throw new Error(t); }); })
      .then(function (answer) {
        modes.value = answer.launchMode.toLowerCase();
        frame.src = "/pkg/index.html?v=" + status.version + "&" + answer.query; return poll();
      })
      .catch(function (err) { document.getElementById("build-state").textContent = String(err.message || err); });
  }
  setInterval(function () { if (!panel.hidden) poll(); }, 500);
  window.previewCmi5 = { launch: launch, poll: poll, panel: panel };
}());
