/* The customer as scenarios and dialogues show them: the message in its channel (an email thread
   with its subject, chat bubbles with their times and typing dots, a call's caller card), the mood
   chip, and the customer's face (chat.js, or the course's picture). */
(function (host) {
  "use strict";
  var modules = host.scormBuilder = host.scormBuilder || {};
  var el = modules.dom.el, add = modules.dom.add, chat = modules.chat;
  var TYPING_MS = 800; /* the dots before each message of a burst */

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
  /* the customer's face in a mood: the course's picture ({src}), or a built-in face (its name, else the
     customer name's own); decorative, as the name is always beside it. The SVG is chat.js's constants. */
  function avatar(name, mood, face) {
    mood = mood || "neutral";
    var attrs = { cls: "avatar mood-" + mood, "aria-hidden": "true" };
    if (face && face.src) return el("span", attrs, [el("img", { src: face.src, alt: "" })]);
    attrs.html = chat.svg(face, mood, name);
    return el("span", attrs);
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
  /* side: "them", "me", "them now" (list items), or "div" (a message of a scenario's chat); focusable:
     the dialogue moves the focus to the customer's new line; time: "HH:MM"; face: an avatar beside it */
  function bubble(side, who, text, focusable, time, face) {
    return el(side === "div" ? "div" : "li", { cls: "bubble " + (side === "div" ? "them" : side),
      tabindex: focusable ? "-1" : null }, [face, el("span", { cls: "who", text: who }),
      time ? el("time", { cls: "stamp", text: time }) : null, el("p", { text: text })]);
  }
  /* a burst as it is typed: its bubbles are on the page (and read out) at once; unless motion is
     reduced, each shows after a few dots that screen readers skip, and a key press shows them all */
  function typeOut(items) {
    if (!items.length || !host.matchMedia || host.matchMedia("(prefers-reduced-motion:reduce)").matches) return;
    var dots = el(items[0].tagName === "LI" ? "li" : "div", { cls: "typing", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]);
    var i = 0, timer;
    items.forEach(function (b) { b.classList.add("later"); });
    function finish() {
      clearTimeout(timer);
      items.forEach(function (b) { b.classList.remove("later"); });
      if (dots.parentNode) dots.parentNode.removeChild(dots);
      document.removeEventListener("keydown", finish);
    }
    function step() {
      if (i === items.length) return finish();
      items[i].parentNode.insertBefore(dots, items[i]);
      timer = setTimeout(function () { items[i++].classList.remove("later"); step(); }, TYPING_MS);
    }
    document.addEventListener("keydown", finish);
    step();
  }
  /* the messages before the newest, quoted and folded away, newest first */
  function earlier(t, who, lines, time) {
    return el("details", { cls: "earlier" }, [el("summary", { text: t("earlier_messages", { count: lines.length }) })]
      .concat(lines.map(function (line, i) {
        return el("blockquote", {}, [el("p", { cls: "q-head", text: t("wrote", { name: who, time: chat.clock(time, i) }) }),
          el("p", { text: line })]);
      }).reverse()));
  }
  function emailBox(t, who, c) {
    var lines = chat.lines(c.says), n = lines.length;
    return el("div", { cls: "msg email" }, [el("p", { cls: "ch-label", text: t("channel_email") }),
      el("div", { cls: "email-top" }, [avatar(who, c.mood, c.avatar), el("dl", { cls: "email-head" }, [
        el("dt", { text: t("email_from") }), el("dd", { text: who }), el("dt", { text: t("email_to") }), el("dd", { text: t("you") }),
        c.subject ? el("dt", { text: t("email_subject") }) : null, c.subject ? el("dd", { text: c.subject }) : null])]),
      el("div", { cls: "email-body" }, [el("p", { text: lines[n - 1] })]),
      n > 1 ? earlier(t, who, lines.slice(0, -1), c.time) : null]);
  }
  /* a scenario's customer in the channel, c = {name, says, subject, mood, avatar, time}: {box, burst: the
     chat messages to type out} */
  function channelBox(t, channel, c) {
    var who = c.name || t("customer");
    if (channel === "email") return { box: emailBox(t, who, c), burst: [] };
    var head = el("div", { cls: "msg-head" }, [avatar(who, c.mood, c.avatar), el("div", {}, [el("p", { cls: "msg-name", text: who }),
      el("p", { cls: "ch-label", text: t(channel === "chat" ? "channel_chat" : "channel_phone") })])]);
    if (channel === "chat") {
      var bubbles = chat.lines(c.says).map(function (line, i) { return bubble("div", who, line, false, chat.clock(c.time, i)); });
      return { box: add.apply(null, [el("div", { cls: "msg chat" }, [head])].concat(bubbles)), burst: bubbles };
    }
    return { box: el("div", { cls: "msg phone" }, [head].concat(chat.lines(c.says).map(function (line) {
      return el("p", { cls: "line" }, [el("span", { cls: "who", text: t("said_by", { name: who }) }), " ", line]);
    }))), burst: [] };
  }
  /* the line above the learner's choices in an email with a subject: they write the reply */
  function replyHead(t, subject) {
    return subject ? el("p", { cls: "reply-subj" }, [el("span", { "aria-hidden": "true", text: "↩ " }), t("reply_subject", { subject: subject })]) : null;
  }

  modules.customerView = { moodChip: moodChip, moodRank: moodRank, avatar: avatar, callTimer: callTimer, bubble: bubble,
    channelBox: channelBox, typeOut: typeOut, earlier: earlier, replyHead: replyHead };
}(typeof window !== "undefined" ? window : global));
