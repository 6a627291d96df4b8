/* The course's resources (docs/player.md): a Resources button under the outline opens a dialog
   listing the files of the course's resources: (job aids, checklists), each a link that opens the
   packaged file in a new tab, with its kind and description. Escape or Close shuts the dialog and
   gives the focus back to the button. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};

  /* "PDF", "DOCX": the kind of file a link opens, said after its title */
  function kind(href) {
    var dot = href.lastIndexOf(".");
    return dot < 0 ? "" : href.slice(dot + 1).toUpperCase();
  }
  function open(player, opener) {
    var dom = modules.dom, el = dom.el, t = player.t, titleId = dom.uniqueId("res");
    var list = el("ul", { cls: "resource-list" }, player.data.resources.map(function (r) {
      return el("li", {}, [el("a", { href: r.href, target: "_blank", rel: "noopener" }, [r.title,
        el("span", { cls: "r-kind", text: " (" + kind(r.href) + ")" }), el("span", { cls: "sr", text: " " + t("opens_new_tab") })]),
      r.description ? el("p", { cls: "r-desc", text: r.description }) : null]);
    }));
    var close = dom.button(t("close"), function () { dismiss(); }, dom.PRIMARY);
    var dismiss = dom.showModal(el("dialog", { cls: "confirm resources", "aria-labelledby": titleId }, [
      el("h2", { id: titleId, text: t("resources") }), el("p", { text: t("resources_intro") }), list,
      el("div", { cls: "actions" }, [close])]), document.body, opener);
    var first = list.querySelector("a");
    (first || close).focus();
  }
  /* the button the frame puts under its outline; null when the course has no resources */
  function button(player) {
    var resources = player.data && player.data.resources;
    if (!resources || !resources.length) return null;
    var b = modules.dom.button(player.t("resources"), function () { open(player, b); }, "btn ghost aid-btn",
      { "aria-haspopup": "dialog" });
    return b;
  }

  modules.resourcesView = { button: button, open: open };
}(typeof window !== "undefined" ? window : global));
