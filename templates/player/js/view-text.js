/* A text page: the body, then its optional figure, callout and quote. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el, add = modules.dom.add;

  function renderText(container, page, index, player) {
    var t = player.t;
    add(container, el("div", { cls: "prose", html: page.body_html }));
    if (page.image) {
      add(container, el("figure", { cls: "figure" }, [el("img", { src: page.image.src, alt: page.image.alt || "" }),
        page.image.caption ? el("figcaption", { text: page.image.caption }) : null]));
    }
    if (page.callout) {
      add(container, el("div", { cls: "callout callout-" + page.callout.style, role: "note" }, [
        el("p", { cls: "callout-label", text: t("callout_" + page.callout.style) }), el("div", { html: page.callout.html })]));
    }
    if (page.quote) {
      add(container, el("figure", { cls: "quote" }, [el("blockquote", {}, [el("p", { text: page.quote.text })]),
        page.quote.by ? el("figcaption", { text: t("quote_by", { by: page.quote.by }) }) : null]));
    }
  }

  modules.pageViews = modules.pageViews || {};
  modules.pageViews.text = renderText;
}(typeof window !== "undefined" ? window : global));
