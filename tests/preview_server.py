"""The preview server of a course, started for a test and stopped after it (the `preview_server` fixture
of tests/conftest.py, used by tests/test_preview.py and tests/browser/test_preview.py)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from scorm_builder.tools.preview import Preview, make_server, watch


@contextmanager
def serving(course: Path, standard: str = "scorm2004-4") -> Iterator[tuple[Preview, str]]:
    """(the preview, its base URL without a trailing slash), built once and served on a free port of
    127.0.0.1 with the course folder watched; the watcher and the server are stopped on leaving."""
    preview = Preview(course, None, standard)
    preview.rebuild()
    server = make_server(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    observer = watch(preview)
    try:
        yield preview, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        observer.stop()
        server.shutdown()
        server.server_close()
