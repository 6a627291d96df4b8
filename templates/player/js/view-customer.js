/* The customer as scenarios and dialogues show them: the message in its channel (email, chat,
   phone), chat bubbles and the mood chip. */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el;

  function moodChip(t, mood) {
    mood = mood || "neutral";
    return el("p", { cls: "mood mood-" + mood }, [el("span", { cls: "mood-dot", "aria-hidden": "true" }),
      el("span", { text: t("mood", { mood: t("mood_" + mood) }) })]);
  }
  /* side: "them", "me", "them now" (list items), or "div" (a lone chat message); focusable: the
     dialogue moves the focus to the customer's new line */
  function bubble(side, who, text, focusable) {
    return el(side === "div" ? "div" : "li", { cls: "bubble " + (side === "div" ? "them" : side), tabindex: focusable ? "-1" : null },
      [el("span", { cls: "who", text: who }), el("p", { text: text })]);
  }
  function channelBox(t, channel, name, says, subject) {
    var who = name || t("customer");
    if (channel === "email") {
      return el("div", { cls: "msg email" }, [
        el("p", { cls: "ch-label", text: t("channel_email") }),
        el("dl", { cls: "email-head" }, [el("dt", { text: t("email_from") }), el("dd", { text: who }),
          subject ? el("dt", { text: t("email_subject") }) : null, subject ? el("dd", { text: subject }) : null]),
        el("div", { cls: "email-body" }, [el("p", { text: says })])
      ]);
    }
    if (channel === "chat") {
      return el("div", { cls: "msg chat" }, [el("p", { cls: "ch-label", text: t("channel_chat") }), bubble("div", who, says)]);
    }
    return el("div", { cls: "msg phone" }, [el("p", { cls: "ch-label", text: t("channel_phone") }),
      el("p", { cls: "line" }, [el("span", { cls: "who", text: who + ": " }), says])]);
  }

  modules.customerView = { moodChip: moodChip, bubble: bubble, channelBox: channelBox };
}(typeof window !== "undefined" ? window : global));
