"""Sound and video made at test time: a caller's voice from Debian's espeak-ng, a small video from ffmpeg, and
their WebVTT captions; and a course with a media page of each kind, a scenario with a recording and a
dialogue node with an image. Without the tools a test fails under CI=true and skips locally (conftest.need)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import need

PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082")
VOICE = "Hi, it's Dana Reyes. My card was blocked this morning and I'm stuck at the shop. Please call me back."
CAPTIONS = """WEBVTT

00:00.000 --> 00:01.500
[a busy shop] Dana: Hi, it's Dana Reyes.

00:01.500 --> 00:03.000
Dana: My card was blocked and I'm stuck.
"""
INSTALL = "install them with: apt-get install -y espeak-ng ffmpeg (scripts/install-test-deps.sh)"


def require_tools() -> None:
    missing = [tool for tool in ("espeak-ng", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        need(f"{' and '.join(missing)} not found; {INSTALL}")


def _run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def make_voice(path: Path, words: str = VOICE) -> Path:
    """A caller's voice as MP3: espeak-ng speaks, ffmpeg encodes (mono, 32 kbit/s)."""
    require_tools()
    wav = path.with_suffix(".wav")
    _run("espeak-ng", "-v", "en-us", "-s", "170", "-w", str(wav), words)
    _run("ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-ac", "1", "-b:a", "32k", "-map_metadata", "-1",
         str(path))
    wav.unlink()
    return path


def make_video(path: Path, seconds: int = 3) -> Path:
    """A small WebM (VP8 and Opus): ffmpeg's test pattern with a tone, 160x120 at 10 frames a second."""
    require_tools()
    _run("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libvpx", "-b:v", "80k",
         "-c:a", "libopus", "-b:a", "24k", "-map_metadata", "-1", "-shortest", str(path))
    return path


COURSE = """\
id: media-course
title: Hearing the customer
lessons:
  - id: listen
    title: Listen first
    pages:
      - type: media
        id: voicemail
        title: A voicemail from Dana
        body: Listen for what Dana needs **before** she says it.
        media:
          src: assets/voicemail.mp3
          transcript: "**Dana:** Hi, it's Dana Reyes. My card was blocked this morning and I'm stuck at the shop."
      - type: media
        id: branch-video
        title: At the branch
        media:
          src: assets/branch.webm
          title: A customer at the counter
          captions: {src: assets/branch.vtt, language: en, label: English}
          transcript: A busy shop; Dana explains her card was blocked.
      - type: scenario
        id: call-back
        title: Calling Dana back
        channel: phone
        customer: {name: Dana, says: "Hi, thanks for calling back.", mood: worried}
        media:
          src: assets/voicemail.mp3
          transcript: "**Dana:** Hi, it's Dana Reyes. My card was blocked this morning."
        prompt: What do you say first?
        image: {src: assets/card.png, alt: "Dana's blocked card on the shop counter"}
        options:
          - {text: "I can see the block; let's lift it now.", verdict: best, feedback: Straight to her problem.}
          - {text: "Can I have your account number?", verdict: poor, feedback: She told you who she is.}
      - type: dialogue
        id: counter
        title: At the counter
        scores: [rapport]
        nodes:
          - id: open
            customer: My card doesn't work!
            image: {src: assets/card.png, alt: A bank card with a red 'blocked' stamp}
            choices:
              - {text: Let me look at the block with you., next: done, effects: {rapport: 1}}
          - id: done
            ending: {outcome: good, title: Sorted, debrief: You went to her problem first.}
assessment:
  questions:
    - type: true-false
      id: block-first
      text: Dana's card is blocked. Should you ask for her account number before anything else?
      image: {src: assets/card.png, alt: A blocked bank card}
      answer: false
"""


def media_course(folder: Path) -> Path:
    """The course above with its files in ``folder``: the voice, the video and its captions, the card image."""
    assets = folder / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    make_voice(assets / "voicemail.mp3")
    make_video(assets / "branch.webm")
    (assets / "branch.vtt").write_text(CAPTIONS, encoding="utf-8")
    (assets / "card.png").write_bytes(PNG_1PX)
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    return folder
