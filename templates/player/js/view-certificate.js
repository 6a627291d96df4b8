/* The certificate (docs/player.md): once the course is complete, a Certificate button under the
   outline (and one on the finished screen) opens a printable page: the company's logo and name,
   the certificate's title, the learner's name as the LMS gives it ("Last, First" turned round to
   "First Last"), the course title, today's date in the course's language, the best score and the
   signature line. The name is read from the LMS at launch and never written anywhere. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var shown = []; /* the Certificate buttons of the frame, hidden until the course is complete */

  /* "Learner, Test" -> "Test Learner"; a name with no comma, or more than one, as it is */
  function displayName(raw) {
    var name = String(raw || "").replace(/\s+/g, " ").trim(), parts = name.split(",");
    if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) return name;
    return parts[1].trim() + " " + parts[0].trim();
  }
  function longDate(date, language) {
    try {
      return new Intl.DateTimeFormat(language || "en", { year: "numeric", month: "long", day: "numeric" }).format(date);
    } catch (e) { return date.toISOString().slice(0, 10); }
  }

  function sheet(player, titleId) {
    var el = modules.dom.el, t = player.t, cert = player.data.certificate, course = player.course, brand = player.brand;
    var name = displayName(player.lms.learnerName ? player.lms.learnerName() : "");
    var state = player.session.state, score = course.assessment && cert.show_score ? modules.progress.bestScore(state) : null;
    return el("div", { cls: "cert-sheet" }, [
      modules.dom.brandLine(brand),
      el("h2", { cls: "cert-title", id: titleId, text: cert.title || t("certificate_default_title") }),
      el("p", { text: t(name ? "certificate_certifies" : "certificate_certifies_unnamed") }),
      name ? el("p", { cls: "cert-name", text: name }) : null,
      el("p", { text: t("certificate_completed") }),
      el("p", { cls: "cert-course", text: course.info.title }),
      el("p", { cls: "cert-date", text: t("certificate_date", { date: longDate(new Date(), course.info.language) }) }),
      score != null ? el("p", { cls: "cert-score", text: t("certificate_score", { n: score }) }) : null,
      cert.issuer ? el("p", { cls: "cert-issuer", text: cert.issuer }) : null]);
  }
  function open(player, opener) {
    var dom = modules.dom, el = dom.el, t = player.t;
    var titleId = dom.uniqueId("cert");
    var print = dom.button(t("print"), function () { window.print(); }, dom.PRIMARY);
    document.body.classList.add("printing-certificate"); /* player.css: only the certificate is printed */
    var dismiss = dom.showModal(el("dialog", { cls: "certificate", "aria-labelledby": titleId }, [sheet(player, titleId),
      el("div", { cls: "actions" }, [print, dom.button(t("close"), function () { dismiss(); })])]), document.body, opener,
    function () { document.body.classList.remove("printing-certificate"); });
    print.focus();
  }
  function offered(player) { return !!(player.data && player.data.certificate); }
  /* the button under the outline; null when the course has no certificate */
  function button(player) {
    if (!offered(player)) return null;
    var b = modules.dom.button(player.t("certificate"), function () { open(player, b); }, "btn ghost aid-btn",
      { "aria-haspopup": "dialog", hidden: !player.session.isComplete() });
    shown = [b];
    return b;
  }
  /* after every sync: the button shows once the course is complete */
  function refresh(player) {
    var done = offered(player) && player.session.isComplete();
    shown.forEach(function (b) { b.hidden = !done; });
  }
  /* the finished screen's card: a button to the certificate */
  function offer(card, player) {
    if (!offered(player) || !card) return;
    var b = modules.dom.button(player.t("certificate_view"), function () { open(player, b); }, modules.dom.PRIMARY);
    card.appendChild(b);
  }

  var certificateView = { displayName: displayName, longDate: longDate, button: button, refresh: refresh, offer: offer, open: open };
  modules.certificateView = certificateView;
  if (typeof module !== "undefined") module.exports = certificateView;
}(typeof window !== "undefined" ? window : global));
