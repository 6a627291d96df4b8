/* A text page: the body, its statistic call-outs, then its optional figure (below the body unless
   the image says above, beside or full), callout and quote (docs/player.md, section 2). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el, add = modules.dom.add;

  /* an image of a text page, scenario or question; a decorative one has alt "" */
  function figure(image, cls) {
    return el("figure", { cls: "figure" + (cls ? " " + cls : "") }, [el("img", { src: image.src, alt: image.alt || "" }),
      image.caption ? el("figcaption", { text: image.caption }) : null]);
  }
  /* each statistic: the figure and its caption read as one sentence, then the source as a citation */
  function stats(list, t) {
    return el("ul", { cls: "stats" }, list.map(function (s) {
      return el("li", { cls: "stat" }, [el("p", { cls: "stat-line" }, [el("span", { cls: "stat-figure", text: s.figure }),
        " ", el("span", { cls: "stat-caption", text: s.caption })]),
      el("p", { cls: "stat-source" }, [t("stat_source") + " ", el("cite", { text: s.source })])]);
    }));
  }

  function renderText(container, page, index, player) {
    var t = player.t, image = page.image, placement = image ? image.placement || "below" : "";
    var prose = el("div", { cls: "prose", html: page.body_html });
    if (placement === "above" || placement === "full") add(container, figure(image, placement === "full" ? "full" : ""), prose);
    else if (placement === "beside") add(container, el("div", { cls: "beside" }, [prose, figure(image, "side")]));
    else add(container, prose);
    if (page.stats) add(container, stats(page.stats, t));
    if (placement === "below") add(container, figure(image));
    if (page.callout) {
      add(container, el("div", { cls: "callout callout-" + page.callout.style, role: "note" }, [
        el("p", { cls: "callout-label", text: t("callout_" + page.callout.style) }), el("div", { html: page.callout.html })]));
    }
    if (page.quote) {
      add(container, el("figure", { cls: "quote" }, [el("blockquote", {}, [el("p", { text: page.quote.text })]),
        page.quote.by ? el("figcaption", { text: t("quote_by", { by: page.quote.by }) }) : null]));
    }
  }

  modules.textView = { figure: figure };
  modules.pageViews = modules.pageViews || {};
  modules.pageViews.text = renderText;
}(typeof window !== "undefined" ? window : global));
