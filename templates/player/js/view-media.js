/* Media: a sound or video file of the course in the browser's own player (its controls work with the
   keyboard), named by the media's title, with its captions track (a video always has one) and its
   transcript in a disclosure, open for sound, whose only text it is. A media page shows its text, then the
   media, and counts as seen when opened, like a text page; a scenario shows its recording above the
   choices (view-scenario.js) (docs/player.md, section 2). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el, add = modules.dom.add;

  function block(media, t) {
    var video = media.kind === "video", c = media.captions;
    var player = el(video ? "video" : "audio", { controls: true, preload: "metadata", "aria-label": media.title }, [
      el("source", { src: media.src, type: media.type }),
      c && el("track", { kind: "captions", src: c.src, srclang: c.language, "default": true,
        label: c.label || t("captions_label", { language: c.language }) }),
      el("p", { text: t("media_fallback") })]);
    var transcript = media.transcript_html && el("details", { cls: "transcript", open: !video }, [
      el("summary", { text: t("transcript") }), el("div", { cls: "prose", html: media.transcript_html })]);
    return el("div", { cls: "media media-" + media.kind }, [player, transcript]);
  }

  function renderMedia(container, page, index, player) {
    add(container, page.body_html && el("div", { cls: "prose", html: page.body_html }), block(page.media, player.t));
  }

  modules.mediaView = { block: block };
  modules.pageViews = modules.pageViews || {};
  modules.pageViews.media = renderMedia;
}(typeof window !== "undefined" ? window : global));
