#!/usr/bin/env bash
# Installs what the test suite needs: Debian's chromium, espeak-ng and ffmpeg, the Python test extras, Ralph (the cmi5 tests'
# LRS) and the pinned node packages of the browser tests (scorm-again as the LMS run-time, axe-core).
# Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

# espeak-ng and ffmpeg make the media tests' sound and video at test time (tests/media_fixtures.py).
if [ ! -x /usr/bin/chromium ] || ! command -v espeak-ng >/dev/null 2>&1 || ! command -v ffmpeg >/dev/null 2>&1; then
    echo "install-test-deps: installing Debian's chromium, espeak-ng and ffmpeg"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium espeak-ng ffmpeg
fi

echo "install-test-deps: pip install -e '.[test]'"
python -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'

# Ralph, the real LRS behind the cmi5 browser tests (tests/browser/ralph.py), in a virtualenv of its
# own: ralph-malph[cli] pins click<8.2.1, older than the click scorm-builder is tested with, and its
# server needs requests, which no extra of it names (../shared/cmi5/README.md).
RALPH_VENV="${SCORM_TEST_RALPH_VENV:-$HOME/.cache/scorm-builder-tests/ralph-5.1.0}"
if [ ! -x "$RALPH_VENV/bin/ralph" ]; then
    echo "install-test-deps: installing Ralph 5.1.0 (ralph-malph) in $RALPH_VENV"
    python -m venv "$RALPH_VENV"
    "$RALPH_VENV/bin/python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        'ralph-malph[cli,lrs]==5.1.0' 'requests>=2.31'
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "install-test-deps: npm is missing; installing Debian's nodejs and npm"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi

# npm ci installs exactly what package-lock.json pins (and replaces node_modules).
echo "install-test-deps: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "install-test-deps: done (chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing);" \
     "ralph: $("$RALPH_VENV/bin/ralph" --version 2>/dev/null || echo missing))"
