"""The course format's learner aids: the resources shown in the player's menu, the glossary of terms the
player explains where they are first used on a page, and the certificate a learner prints on completion.

format/course.py puts :data:`AID_KEYS` among the course's keys; course/aids.py checks the files and terms,
and templates/player/js/glossary.js, view-resources.js and view-certificate.js show them.
"""
from __future__ import annotations

from scorm_builder.format.spec import Bool, F, ListOf, Obj, Str

RESOURCE = Obj("resource", {
    "title": F(Str("The resource's name, shown as its link in the player's Resources list", max_len=120), True),
    "file": F(Str("Path of the file inside the course's assets/ folder, e.g. assets/job-aid.pdf (a document, "
                  "picture, sound or video)", example="assets/job-aid.pdf"), True),
    "description": F(Str("One sentence under the link on what the file is for", max_len=250)),
}, "A file the learner can open from the player's Resources list at any time")

TERM = Obj("term", {
    "term": F(Str("The word or phrase, as it is written in the text (matched ignoring case, whole words)",
                  max_len=80, example="de-escalation"), True),
    "definition": F(Str("What the term means, in a sentence or two; {{ terms.* }} placeholders work here",
                        max_len=400), True),
    "also": F(ListOf(Str("Another form of the term, e.g. a plural", max_len=80),
                     "Other forms marked as the same term, e.g. [de-escalate, de-escalating]", item_name="form")),
}, "A glossary term: the first use on each page is marked and opens its definition")

CERTIFICATE = Obj("certificate", {
    "title": F(Str("The certificate's heading; default the player's words for 'Certificate of completion' in the "
                   "course's language", max_len=120)),
    "issuer": F(Str("The signature line under the certificate, e.g. 'Head of Customer Care, {{ company.name }}'",
                    max_len=120)),
    "show_score": F(Bool("Show the learner's best assessment score on the certificate"), default=True),
}, "A printable certificate offered once the course is complete: the learner's name as the LMS gives it, the "
   "course title, the date, the score and the company's branding (nothing is stored)")

AID_KEYS = {
    "resources": F(ListOf(RESOURCE, "Files the learner can open from the player's Resources list (job aids, "
                          "checklists); each is packaged and listed in the manifest", min_items=1,
                          item_name="resource")),
    "glossary": F(ListOf(TERM, "Terms the player explains: the first use of each on a page is a button that "
                         "opens its definition", min_items=1, item_name="term")),
    "certificate": F(CERTIFICATE),
}
