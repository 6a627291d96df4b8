// A small course's player data for the node tests (the shape scorm_builder/render/player_data.py
// writes): every page kind, every question kind, and content hashes ("h") as the build makes them.
// change(data, edit) gives a republished copy.
"use strict";

function course() {
  return {
    format: 1, standard: "scorm2004",
    course: { id: "demo", title: "Demo", language: "en", completion: "both", fingerprint: "f0000001" },
    lessons: [
      { id: "one", title: "One", pages: [
        { kind: "text", id: "intro", title: "Intro" },
        { kind: "scenario", id: "refund", title: "Refund", scored: true, retry: true, interaction_id: "scn_refund", h: "5c1d2",
          options: [{ key: "a", text: "Best", verdict: "best" }, { key: "b", text: "Fine", verdict: "acceptable" },
            { key: "c", text: "Poor", verdict: "poor" }] }] },
      { id: "two", title: "Two", pages: [
        { kind: "dialogue", id: "call", title: "Call", scored: true, interaction_prefix: "dlg_call", h: "0d9e8", start: "open",
          scores: [{ id: "rapport", min: -1, max: 2 }],
          nodes: {
            open: { customer: "Hello?", choices: [{ key: "a", text: "Hi", next: "end", effects: { rapport: 2 } },
              { key: "b", text: "What?", next: "again", effects: { rapport: -1 } }], ending: null },
            again: { customer: "Rude.", choices: [{ key: "a", text: "Sorry", next: "end", effects: { rapport: 1 } }], ending: null },
            end: { customer: "", choices: [], ending: { outcome: "good", title: "Done" } } } },
        { kind: "text", id: "outro", title: "Outro" }] }],
    assessment: {
      title: "Check", pass_mark: 80, attempts: 2, draw: null, shuffle_questions: false, shuffle_choices: false,
      feedback: "immediate", review: true,
      questions: [
        { id: "q-single", kind: "single-choice", weight: 1, h: "a1a1a", interaction_id: "q_q-single",
          choices: [{ key: "a", text: "No", correct: false }, { key: "b", text: "Yes", correct: true }] },
        { id: "q-multi", kind: "multiple-response", weight: 1, h: "b2b2b", interaction_id: "q_q-multi",
          choices: [{ key: "a", text: "One", correct: true }, { key: "b", text: "Two", correct: false },
            { key: "c", text: "Three", correct: true }] },
        { id: "q-tf", kind: "true-false", weight: 1, h: "c3c3c", interaction_id: "q_q-tf", answer: false },
        { id: "q-match", kind: "matching", weight: 2, h: "d4d4d", interaction_id: "q_q-match",
          pairs: [{ key: "a", left: "L1", right: "R1" }, { key: "b", left: "L2", right: "R2" }] },
        { id: "q-order", kind: "ordering", weight: 1, h: "e5e5e", interaction_id: "q_q-order",
          items: [{ key: "a", text: "First" }, { key: "b", text: "Second" }, { key: "c", text: "Third" }] }]
    }
  };
}

/* a copy of the course with edit(copy) applied */
function change(edit) {
  const data = course();
  edit(data);
  return data;
}

module.exports = { course, change };
