// The live coaching of a coached reply (templates/player/js/reply-coach.js), per keystroke: a
// 2,000-character reply typed one character at a time, the coaching run on the whole text after each
// (what view-reply.js does on every input event), with the English phrase lists of
// scorm_builder/course/phrases.json, three checks (words, a prefix word list, a pattern) and act-first.
// Baseline, in the same run: the same coaching with no phrase list and no check (the text cut into its
// words, what any coaching of the whole text pays); and, for scale, folding the text (NFKC, lower case).
// Prints the median, 95th percentile and maximum; no assertion.
//   node bench/bench_reply_coach.js [--chars 2000] [--rounds 5]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const coach = require("../templates/player/js/reply-coach.js");

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const CHARS = opt("--chars", 2000), ROUNDS = opt("--rounds", 5);
const phrases = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "scorm_builder", "course", "phrases.json"), "utf8"));
const LISTS = { scripted: phrases.scripted_phrases, sympathy: phrases.sympathy_openers };
const REPLY = { act_first: true, checks: [
  { label: "Names the card and the block", any: ["card", "block*", "declin*"], at_least: 2 },
  { label: "Acknowledges the worry", any: ["worr*", "stress*", "embarrass*", "queue"], at_least: 1 },
  { label: "Says when it is fixed", pattern: "\\b(now|right away|straight away|[0-9]+ (seconds|minutes))\\b" }] };
/* a realistic reply: sentences with apostrophes, a scripted phrase now and then, repeated to the length */
const SENTENCES = ["Dana, I've lifted the fraud block on your card just now, so you can pay straight away. ",
  "I apologize for the inconvenience, and I know a queue behind you makes it worse. ",
  "The block came from a purchase abroad that didn't match your usual pattern; it's cleared. ",
  "If the terminal still declines it, tell me and I'll stay on this chat until it goes through. "];
let TEXT = "";
for (let i = 0; TEXT.length < CHARS; i++) TEXT += SENTENCES[i % SENTENCES.length];
TEXT = TEXT.slice(0, CHARS);

function stats(ms) {
  const s = ms.slice().sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1] };
}
function typing(step) {
  const times = [];
  for (let n = 1; n <= TEXT.length; n++) {
    const text = TEXT.slice(0, n), t0 = performance.now();
    step(text);
    times.push(performance.now() - t0);
  }
  return times;
}
const compiled = coach.compile(REPLY), bare = coach.compile({ checks: [], act_first: false }), NONE = { scripted: [], sympathy: [] };
let sink = 0;
const words = (text) => { sink += coach.coach(text, bare, NONE).bits.length; };
const fold = (text) => { sink += text.normalize("NFKC").toLowerCase().length; };
const run = (text) => { const r = coach.coach(text, compiled, LISTS); sink += r.flags.length + coach.pieces(text, r.flags).length; };
typing(run); typing(words); typing(fold); /* warm-up: the JIT settles */
const all = { coach: [], words: [], fold: [] };
for (let r = 0; r < ROUNDS; r++) { all.coach.push(...typing(run)); all.words.push(...typing(words)); all.fold.push(...typing(fold)); }
const c = stats(all.coach), w = stats(all.words), f = stats(all.fold);
const last = stats(all.coach.filter((_, i) => i % TEXT.length === TEXT.length - 1));
const fmt = (v) => v.toFixed(3) + " ms";
console.log(`reply of ${TEXT.length} characters, ${ROUNDS} rounds of ${TEXT.length} keystrokes; node ${process.version}`);
console.log("| per keystroke | median | p95 | max | median ratio to baseline |");
console.log("|---|---|---|---|---|");
console.log(`| baseline: the words only (no list, no check) | ${fmt(w.median)} | ${fmt(w.p95)} | ${fmt(w.max)} | 1.00 |`);
console.log(`| fold the text (NFKC, lower case) | ${fmt(f.median)} | ${fmt(f.p95)} | ${fmt(f.max)} | ${(f.median / w.median).toFixed(2)} |`);
console.log(`| coach + pieces, the text so far | ${fmt(c.median)} | ${fmt(c.p95)} | ${fmt(c.max)} | ${(c.median / w.median).toFixed(2)} |`);
console.log(`| coach + pieces, the last keystroke (${TEXT.length} characters) | ${fmt(last.median)} | ${fmt(last.p95)} | ${fmt(last.max)} | |`);
if (sink < 0) console.log(sink);
