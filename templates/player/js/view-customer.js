/* The customer as scenarios and dialogues show them: the message in its channel (email, chat,
   phone), chat bubbles, the mood chip and the customer's face (initials). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el;

  /* the moods from worst to best: a change up is "calmer", down "more upset" */
  var MOODS = ["angry", "upset", "worried", "neutral", "calm", "pleased"];
  function moodRank(mood) { return MOODS.indexOf(mood || "neutral"); }
  /* shift: the last change (> 0 better, < 0 worse), shown by an arrow for the screen after it */
  function moodChip(t, mood, shift) {
    mood = mood || "neutral";
    return el("p", { cls: "mood mood-" + mood + (shift ? " shifted" : "") }, [el("span", { cls: "mood-dot", "aria-hidden": "true" }),
      el("span", { text: t("mood", { mood: t("mood_" + mood) }) }),
      shift ? el("span", { cls: "mood-shift", "aria-hidden": "true", text: shift > 0 ? "▲" : "▼" }) : null]);
  }
  /* a face for the customer: their initials on their mood's colour (no picture, no request) */
  function avatar(name, mood) {
    var initials = String(name).split(/\s+/).filter(Boolean).slice(0, 2).map(function (w) { return w.charAt(0); }).join("");
    return el("span", { cls: "avatar mood-" + (mood || "neutral"), "aria-hidden": "true", text: initials.toUpperCase() });
  }
  /* a call's running time from `since`, ticking while it is on the page (aria-hidden: not read out every second) */
  function callTimer(t, since) {
    var node = el("span", { cls: "call-timer", "aria-hidden": "true" }), timer;
    function tick() {
      var s = Math.floor((Date.now() - since) / 1000);
      node.textContent = t("call_time", { m: Math.floor(s / 60), s: (s % 60 < 10 ? "0" : "") + s % 60 });
    }
    tick();
    timer = setInterval(function () { if (node.isConnected) tick(); else clearInterval(timer); }, 1000);
    return node;
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
      el("p", { cls: "line" }, [el("span", { cls: "who", text: t("said_by", { name: who }) }), " ", says])]);
  }

  modules.customerView = { moodChip: moodChip, moodRank: moodRank, avatar: avatar, callTimer: callTimer, bubble: bubble, channelBox: channelBox };
}(typeof window !== "undefined" ? window : global));
