"""Every Markdown text of a course model, with the object that holds it: for the links check and the lint."""
from __future__ import annotations

from typing import Iterator, NamedTuple

from scorm_builder.course.model import ChoiceQuestion, Course, DialoguePage, ScenarioPage, Source, TextPage
from scorm_builder.course.model_calibration import CalibrationPage
from scorm_builder.course.model_media import MediaPage


class MarkdownText(NamedTuple):
    holder: Source  # the object that holds the text
    key: str  # its key in that object: body, feedback, debrief...
    text: str
    on_text_page: bool  # a text page's body or callout, where the page's image: key is at hand


def markdown_texts(course: Course) -> Iterator[MarkdownText]:
    """The non-empty Markdown texts, in course order (the keys marked Markdown in the course format)."""
    for page in course.pages:
        if isinstance(page, TextPage):
            yield MarkdownText(page.source, "body", page.body, True)
            if page.callout:
                yield MarkdownText(page.callout.source, "text", page.callout.text, True)
        elif isinstance(page, MediaPage):
            if page.body:
                yield MarkdownText(page.source, "body", page.body, False)
            if page.media.transcript:
                yield MarkdownText(page.media.source, "transcript", page.media.transcript, False)
        elif isinstance(page, ScenarioPage):
            if page.media and page.media.transcript:
                yield MarkdownText(page.media.source, "transcript", page.media.transcript, False)
            for option in page.options:
                yield MarkdownText(option.source, "feedback", option.feedback, False)
        elif isinstance(page, CalibrationPage):
            if page.intro:
                yield MarkdownText(page.source, "intro", page.intro, False)
            for score in page.expert:
                yield MarkdownText(score.source, "reason", score.reason, False)
        elif isinstance(page, DialoguePage):
            if page.intro:
                yield MarkdownText(page.source, "intro", page.intro, False)
            for node in page.nodes:
                for choice in node.choices:
                    if choice.feedback:
                        yield MarkdownText(choice.source, "feedback", choice.feedback, False)
                for line in node.ending.debrief if node.ending else ():
                    yield MarkdownText(line.source, line.key, line.text, False)
    assessment = course.assessment
    if assessment is None:
        return
    if assessment.intro:
        yield MarkdownText(assessment.source, "intro", assessment.intro, False)
    for question in assessment.questions:
        yield MarkdownText(question.source, "text", question.text, False)
        if isinstance(question, ChoiceQuestion):
            for answer in question.choices:
                if answer.feedback:
                    yield MarkdownText(answer.source, "feedback", answer.feedback, False)
        feedback = question.feedback
        for key in ("correct", "incorrect"):
            if feedback and getattr(feedback, key):
                yield MarkdownText(feedback.source, key, getattr(feedback, key), False)
