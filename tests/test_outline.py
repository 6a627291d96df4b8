"""scorm-builder outline: exact pieces of the Markdown and the self-contained HTML, escaping, the graph."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.course.model import Choice, Ending, Node, Source
from scorm_builder.tools.diagram import diagram, layers
from scorm_builder.tools.outline import md_block, md_quote, md_text, outline

COURSE = """\
id: outline-demo
title: Outline <script>alert("title")</script> demo
description: Reviewing *without* an LMS.
audience: Service agents & team leads
duration_minutes: 20
principles:
  - id: timing
    title: Respond within seconds
  - id: unused
    title: Nobody teaches this
lessons:
  - id: basics
    title: Basics
    pages:
      - type: text
        id: intro
        title: Why <it> matters
        body: |
          Customers remember **how you made them feel**.
          <script>alert("body")</script>
        callout:
          style: key-point
          text: Acknowledge first.
      - type: scenario
        id: late-refund
        title: The late refund
        channel: email
        customer:
          name: Sam <script>
          says: |
            Hello,
            I was promised my refund a week ago. <script>alert("says")</script>
          context: Second contact
          subject: Refund?!
          mood: upset
        prompt: What do you write first?
        principle: timing
        options:
          - text: A week is a long time to wait. I'm checking it now <b>today</b>.
            verdict: best
            feedback: It names the *wait* and acts. <script>alert("fb")</script>
          - text: Please allow ten working days.
            verdict: poor
            feedback: Policy first.
      - type: dialogue
        id: refund-call
        title: Follow-up call
        customer: Sam
        intro: Sam calls back.
        scores: [rapport, resolution]
        nodes:
          - id: opening
            customer: Nobody told me anything <script>alert("node")</script>
            mood: upset
            choices:
              - text: I'll check its status while we talk.
                next: end
                effects: {rapport: 2, resolution: 1}
                feedback: Ownership.
              - text: Refunds take ten days.
                next: policy
                effects: {rapport: -1}
          - id: policy
            customer: So I just wait?
            mood: angry
            choices:
              - text: No, I'll trace it now.
                next: end
                effects: {resolution: 1}
                feedback: Recovered.
              - text: Let me start over.
                next: opening
                feedback: Back to the start.
          - id: end
            ending:
              outcome: good
              title: Sam feels <heard>
              debrief: You took ownership.
assessment:
  pass_mark: 75
  attempts: 0
  draw: 3
  questions:
    - id: q-timing
      type: single-choice
      text: When should you acknowledge an emotion? <script>alert("q")</script>
      choices:
        - text: Within seconds of the cue
          correct: true
        - text: At the end <script>
          feedback: Too late.
    - id: q-scripted
      type: true-false
      text: Scripted phrases comfort customers.
      answer: false
      feedback:
        correct: Right.
        incorrect: They sound hollow.
    - id: q-match
      type: matching
      text: Match them.
      pairs:
        - {left: Gas leak, right: Safety first}
        - {left: Address change, right: Be quick}
    - id: q-order
      type: ordering
      text: Order them.
      items: [Acknowledge, Ask, Act]
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = tmp_path / "outline-demo"
    folder.mkdir()
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    return folder


@pytest.fixture
def markdown(course: Path) -> str:
    return outline(course, "markdown")


@pytest.fixture
def html(course: Path) -> str:
    return outline(course, "html")


def section(text: str, start: str, end: str) -> str:
    """The text from the line ``start`` up to (not including) the next line ``end``."""
    begin = text.index(start)
    return text[begin:text.index(end, begin + len(start))]


# -- Markdown --------------------------------------------------------------------------------------
def test_markdown_header_and_principles(markdown):
    assert markdown.startswith(
        '# Outline &lt;script>alert("title")&lt;/script> demo: course outline\n\n'
        "- **Course id:** `outline-demo` · **Version:** 1.0.0 · **Language:** en\n"
        "- **Audience:** Service agents & team leads\n"
        "- **Duration:** about 20 minutes\n"
        "- **Completion:** every lesson viewed and the assessment passed\n\n"
        "Reviewing \\*without\\* an LMS.\n\n"
        "## Contents\n\n"
        "1. Basics (3 pages)\n"
        "2. Assessment (4 questions)\n")
    assert ("| Respond within seconds | `timing` | `late-refund` |\n"
            "| Nobody teaches this | `unused` | **none** |\n") in markdown


def test_markdown_text_page_keeps_markdown_and_makes_html_inert(markdown):
    assert section(markdown, "### 1.1", "### 1.2") == (
        "### 1.1 Why &lt;it> matters (text `intro`)\n\n"
        "Customers remember **how you made them feel**.\n"
        '&lt;script>alert("body")&lt;/script>\n\n'
        "> **Key point:** Acknowledge first.\n\n")


def test_markdown_scenario(markdown):
    assert section(markdown, "### 1.2", "### 1.3") == (
        "### 1.2 The late refund (scenario `late-refund`)\n\n"
        "- **Channel:** email\n"
        "- **Principle:** Respond within seconds (`timing`)\n"
        "- **Scored:** yes · **Retry allowed:** yes\n"
        "- **Customer:** Sam &lt;script>, upset\n"
        "- **Context:** Second contact\n"
        "- **Email subject:** Refund?!\n\n"
        "**The customer says:**\n\n"
        "> Hello,\\\n"
        '> I was promised my refund a week ago. &lt;script>alert("says")&lt;/script>\n\n'
        "**Prompt:** What do you write first?\n\n"
        "1. **a (best)** A week is a long time to wait. I'm checking it now &lt;b>today&lt;/b>.\n"
        '    - Feedback: It names the *wait* and acts. &lt;script>alert("fb")&lt;/script>\n'
        "2. **b (poor)** Please allow ten working days.\n"
        "    - Feedback: Policy first.\n\n")


def test_markdown_dialogue_with_mermaid_graph(markdown):
    assert section(markdown, "### 1.3", "## Assessment") == (
        "### 1.3 Follow-up call (dialogue `refund-call`)\n\n"
        "- **Channel:** phone · **Customer:** Sam\n"
        "- **Start node:** `opening` · **Scored:** yes\n"
        "- **Scores:** rapport (from -1 to 2), resolution (from 1 to 1)\n\n"
        "Sam calls back.\n\n"
        "```mermaid\n"
        "flowchart TD\n"
        '    n1["start: opening (upset)"]\n'
        '    n2["policy (angry)"]\n'
        '    n3(["end: good ending"])\n'
        "    n1 -->|a| n3\n"
        "    n1 -->|b| n2\n"
        "    n2 -->|a| n3\n"
        "    n2 -->|b| n1\n"
        "    classDef good stroke:#1e7b34,stroke-width:2px\n"
        "    class n3 good\n"
        "```\n\n"
        "#### Node `opening` (start), customer upset\n\n"
        '> Nobody told me anything &lt;script>alert("node")&lt;/script>\n\n'
        "- **a.** I'll check its status while we talk. → `end` (rapport +2, resolution +1) · best by score\n"
        "    - Feedback: Ownership.\n"
        "- **b.** Refunds take ten days. → `policy` (rapport -1)\n"
        "    - Feedback: none\n\n"
        "#### Node `policy`, customer angry\n\n"
        "> So I just wait?\n\n"
        "- **a.** No, I'll trace it now. → `end` (resolution +1) · best by score\n"
        "    - Feedback: Recovered.\n"
        "- **b.** Let me start over. → `opening`\n"
        "    - Feedback: Back to the start.\n\n"
        "#### Ending `end` (good): Sam feels &lt;heard>\n\n"
        "You took ownership.\n\n")


def test_markdown_assessment(markdown):
    assessment = markdown[markdown.index("## Assessment"):]
    assert assessment.startswith(
        "## Assessment: Assessment\n\n"
        "- **Pass mark:** 75%\n"
        "- **Attempts:** unlimited\n"
        "- **Questions per attempt:** 3 drawn from a pool of 4\n"
        "- **Shuffle questions:** yes · **Shuffle answers:** yes\n"
        "- **Feedback:** after each question · **Review allowed:** yes\n\n")
    assert ("### Question 1 (`q-timing`, single-choice, weight 1)\n\n"
            'When should you acknowledge an emotion? &lt;script>alert("q")&lt;/script>\n\n'
            "- ✔ **correct**: **a.** Within seconds of the cue\n"
            "- ✘ wrong: **b.** At the end &lt;script>\n"
            "    - Feedback: Too late.\n\n"
            "- **Feedback if right:** none\n"
            "- **Feedback if wrong:** none\n") in assessment
    assert ("**Answer:** false\n\n"
            "- **Feedback if right:** Right.\n"
            "- **Feedback if wrong:** They sound hollow.\n") in assessment
    assert "| Gas leak | Safety first |\n| Address change | Be quick |\n" in assessment
    assert "Correct order:\n\n1. Acknowledge\n2. Ask\n3. Act\n" in assessment


def test_markdown_helpers():
    assert md_text("a*b*_c_ [x] `y` | <z> \\") == "a\\*b\\*\\_c\\_ \\[x\\] \\`y\\` \\| &lt;z> \\\\"
    assert md_quote("one\ntwo\n\nthree") == "> one\\\n> two\n>\n> three"
    assert md_block("# Top\n\n```\n# a comment\n```\n#### Deep\n#hashtag <b>") == \
        "#### Top\n\n```\n# a comment\n```\n###### Deep\n#hashtag &lt;b>"


# -- HTML ------------------------------------------------------------------------------------------
def test_html_escapes_all_course_text(html):
    assert "<script" not in html.lower()
    assert "<h1>Outline &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; demo</h1>" in html
    assert "<title>Outline &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; demo: course outline</title>" in html
    assert '<p>Customers remember <strong>how you made them feel</strong>.\n' \
           '&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;</p>' in html
    assert "<dt>Customer</dt><dd>Sam &lt;script&gt;, upset</dd>" in html
    assert ('<blockquote class="says">Hello,\n'
            "I was promised my refund a week ago. &lt;script&gt;alert(&#34;says&#34;)&lt;/script&gt;\n"
            "</blockquote>") in html
    assert ("<tr><td>a</td><td>A week is a long time to wait. I&#39;m checking it now &lt;b&gt;today&lt;/b&gt;."
            '</td><td class="verdict-best">best</td><td><p>It names the <em>wait</em> and acts. '
            "&lt;script&gt;alert(&quot;fb&quot;)&lt;/script&gt;</p></td></tr>") in html
    assert '<blockquote class="says">Nobody told me anything &lt;script&gt;alert(&#34;node&#34;)&lt;/script&gt;' \
           "</blockquote>" in html
    assert '<tr><td>b</td><td>At the end &lt;script&gt;</td><td class="wrong">wrong</td><td><p>Too late.</p></td></tr>' \
           in html


def test_html_is_self_contained(html):
    """Inline CSS and SVG only: nothing to fetch, and a CSP that would block it anyway."""
    assert "<style>" in html
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">' \
           in html
    for needle in ("http://", "https://", "src=", "<link", "@import", "<iframe", "<object"):
        assert needle not in html, needle
    assert re.findall(r"url\(([^)]*)\)", html) == ["#arrow-refund-call"] * 4


def test_html_scenario_dialogue_and_assessment_facts(html):
    assert "<dt>Principle</dt><dd>Respond within seconds (<code>timing</code>)</dd>" in html
    assert ('<tr><td>Nobody teaches this</td><td><code>unused</code></td><td><span class="none">none</span>'
            "</td></tr>") in html
    assert "<dt>Scores</dt><dd>rapport (from -1 to 2), resolution (from 1 to 1)</dd>" in html
    assert ('<tr><td>a</td><td>I&#39;ll check its status while we talk. <span class="correct">(best by score)</span>'
            '</td><td>rapport +2, resolution +1</td><td><a href="#node-refund-call-end"><code>end</code></a></td>'
            "<td><p>Ownership.</p></td></tr>") in html
    assert ('<h4 id="node-refund-call-end">Ending <code>end</code>: <span class="outcome-good">good</span>, '
            "Sam feels &lt;heard&gt;</h4>\n<p>You took ownership.</p>") in html
    assert "<dt>Pass mark</dt><dd>75%</dd>\n<dt>Attempts</dt><dd>unlimited</dd>\n" \
           "<dt>Questions per attempt</dt><dd>3 drawn from a pool of 4</dd>" in html
    assert '<p><strong>Answer:</strong> <span class="correct">false</span></p>' in html
    assert "<tr><td>Gas leak</td><td>Safety first</td></tr>" in html
    assert "<ol>\n<li>Acknowledge</li>\n<li>Ask</li>\n<li>Act</li>\n</ol>" in html
    assert "<dt>Feedback if wrong</dt><dd><p>They sound hollow.</p></dd>" in html


def test_html_dialogue_graph_is_inline_svg(html):
    """opening -> policy -> end puts end two rows down, so opening -> end passes a waypoint beside
    policy; the loop policy -> opening is dashed, drawn from opening down with its head at the top."""
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.startswith('<svg class="graph" width="176" height="292" viewBox="0 0 176 292" role="img" '
                          'aria-labelledby="arrow-refund-call-title">\n'
                          '<title id="arrow-refund-call-title">Dialogue graph: Follow-up call</title>')
    assert ('<path class="edge" d="M83 60 C83 92 146 92 146 124 L146 168 C146 200 84 200 84 232" '
            'marker-end="url(#arrow-refund-call)"><title>opening → end: choice a</title></path>') in svg
    assert ('<path class="edge back" d="M97 60 C97 92 78 92 78 124" marker-start="url(#arrow-refund-call)">'
            "<title>policy → opening: choice b</title></path>") in svg
    assert ('<rect x="24" y="16" width="119" height="44" rx="8" fill="#ffffff" stroke="#44546a" stroke-width="3"/>\n'
            '<text x="83" y="34" text-anchor="middle" class="node-id">opening</text>\n'
            '<text x="83" y="50" text-anchor="middle" class="node-sub" fill="#44546a">start · upset</text>') in svg
    assert ('<rect x="28" y="232" width="112" height="44" rx="8" fill="#f4f8f4" stroke="#1e7b34" '
            'stroke-width="1.5"/>') in svg
    assert svg.count('<g class="edge-label">') == 4


HERE = Source("graph.yaml", 1, 1, "")


def _node(ident, *targets, ending=None):
    """A model node whose choices a, b... lead to ``targets``; the graphs start at 'a'."""
    return Node(ident, "", "", tuple(Choice(chr(97 + i), "", t, (), "", HERE) for i, t in enumerate(targets)),
                ending, HERE)


GOOD = Ending("good", "Good", "", HERE)
GRAPH = [_node("a", "c", "b"), _node("b", "e", "d"), _node("c", "f", "a"), _node("f", "d", "f"),
         _node("d", ending=GOOD), _node("e", ending=GOOD)]


def test_layers_longest_path_with_loops_left_out():
    """c -> a closes a loop; f -> f stays; every other arrow goes down; rows follow their parents."""
    assert layers("a", GRAPH) == ([["a"], ["b", "c"], ["e", "f"], ["d"]], {("c", "a")})


def test_diagram_routes_long_arrows_through_waypoints():
    drawn = diagram("a", GRAPH, "p")
    paths = {(a["src"], a["dst"]): (a["d"], a["back"]) for a in drawn["arrows"]}
    # b (row 1, x 44) -> d (row 3, x 98): down to a waypoint in row 2 at x 156, straight through it, on to d
    assert paths[("b", "d")] == ("M92 168 C92 200 162 200 162 232 L162 276 C162 308 154 308 154 340", False)
    # f (row 2, x 196): a loop out of and back into its right side
    assert paths[("f", "f")] == ("M292 246 C332 224 332 283 292 261", False)
    assert paths[("c", "a")][1] is True
    assert [(b["id"], b["x"], b["y"]) for b in drawn["boxes"]] == [
        ("a", 106, 16), ("b", 44, 124), ("c", 168, 124), ("f", 196, 232), ("e", 16, 232), ("d", 98, 340)]
    assert (drawn["width"], drawn["height"]) == (356, 400)


# -- the command -----------------------------------------------------------------------------------
def test_cli_prints_markdown(runner, course, markdown):
    result = runner.invoke(main, ["outline", str(course)])
    assert (result.exit_code, result.stdout) == (0, markdown)


def test_cli_writes_html_chosen_by_extension(runner, course, html, tmp_path):
    target = tmp_path / "review" / "outline.html"
    result = runner.invoke(main, ["outline", str(course), "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == html


def test_cli_format_option_and_deterministic_output(runner, course, html):
    first = runner.invoke(main, ["outline", str(course), "--format", "html"])
    second = runner.invoke(main, ["outline", str(course), "--format", "html"])
    assert first.stdout == second.stdout == html


def test_cli_invalid_course(runner, tmp_path, monkeypatch):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "course.yaml").write_text("id: bad\ntitle: Bad\nlessons: nothing\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["outline", "bad"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad/course.yaml:3:10: lessons: wrong type (expected a list of lessons, got the text 'nothing') "
        "— write each lesson on its own line starting with '- '",
        "1 problem found.",
    ]


@pytest.mark.parametrize(("body", "shown"), [
    ("[a](javascript:alert(1))", "[a]\\(javascript:alert(1))"),
    ("[a](JaVa&#x09;Script:alert(1))", "[a]\\(JaVa&#x09;Script:alert(1))"),
    ("[b](data:text/html,<b>x</b>)", "[b]\\(data:text/html,&lt;b>x&lt;/b>)"),
    ("[c]( vbscript:msgbox)", "[c]\\( vbscript:msgbox)"),
    ("[r]: javascript:alert(1)", "\\[r]: javascript:alert(1)"),
    ("[ok](https://example.com) and [aid](assets/aid.pdf)", "[ok](https://example.com) and [aid](assets/aid.pdf)"),
])
def test_links_the_player_refuses_are_inert_in_the_outline(body: str, shown: str) -> None:
    """The player shows javascript:, vbscript:, file: and data: links as text; the Markdown outline too."""
    assert md_block(body) == shown
