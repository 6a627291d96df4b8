"""A small test LMS on 127.0.0.1: serves packages, LMS pages and scorm-again, and records commits."""
from __future__ import annotations

import html
import itertools
import json
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

HERE = Path(__file__).resolve().parent
LMS_DIR = HERE / "lms"
# Only these node packages are served, and only these folders of them.
NODE_FILES = {"scorm-again": "dist", "axe-core": ""}
RUNTIME = {"scorm12": ("scorm12.js", "Scorm12API", "API"),
           "scorm2004": ("scorm2004.js", "Scorm2004API", "API_1484_11")}
# What a rejected commit answers: scorm-again turns this into Commit() == "false" and this error code.
REJECT_CODE = {"scorm12": 101, "scorm2004": 391}
# How the LMS page opens the package: in an iframe; two iframes deep; two deep with the middle
# frame from another origin (localhost instead of 127.0.0.1, as an LMS's player frame on a CDN
# would be); in a popup window.
MODES = ("iframe", "nested", "nested-cross-origin", "popup")


@dataclass
class Commit:
    """One POST from scorm-again: the CMI it sent and whether it was the termination beacon."""

    body: dict[str, Any]
    terminate: bool
    rejected: bool


@dataclass
class Launch:
    """One LMS session: what the LMS page loads and what the server heard back."""

    id: str
    standard: str  # scorm12 | scorm2004
    package_url: str
    mode: str  # iframe | nested | nested-cross-origin | popup
    preload: dict[str, Any] | None
    reject: int  # how many commits to reject before accepting
    commits: list[Commit] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"/lms/launch/{self.id}"

    @property
    def accepted(self) -> list[Commit]:
        return [c for c in self.commits if not c.rejected]


class LmsServer:
    """A threaded HTTP server; start() once per test session, stop() at the end."""

    def __init__(self, node_modules: Path):
        self.node_modules = node_modules
        self.mounts: dict[str, Path] = {}
        self.launches: dict[str, Launch] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._httpd: ThreadingHTTPServer | None = None

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> str:
        server = self

        class Handler(_Handler):
            lms = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, name="test-lms", daemon=True).start()
        return self.base

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def base(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- what tests set up ----------------------------------------------------------------------
    def mount(self, folder: Path) -> str:
        """Serve an unpacked package; returns the URL of its folder (ending in /)."""
        with self._lock:
            name = f"p{next(self._ids)}"
            self.mounts[name] = Path(folder)
        return f"{self.base}/pkg/{name}/"

    def launch(self, standard: str, package_url: str, mode: str = "iframe",
               preload: dict[str, Any] | None = None, reject: int = 0) -> Launch:
        if standard not in RUNTIME:
            raise ValueError(f"standard must be scorm12 or scorm2004, got {standard!r}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        with self._lock:
            launch = Launch(f"s{next(self._ids)}", standard, package_url, mode, preload, reject)
            self.launches[launch.id] = launch
        return launch

    def wait_for_terminate(self, launch: Launch, timeout: float = 5.0) -> Commit:
        """The termination commit (sent with sendBeacon, so it may arrive after the page moved on)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                done = [c for c in launch.commits if c.terminate]
                if done:
                    return done[-1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"the LMS received no termination commit within {timeout} s; "
                                         f"{len(launch.commits)} other commit(s)")
                self._changed.wait(left)

    # -- what the handler calls -----------------------------------------------------------------
    def record(self, launch_id: str, body: bytes, terminate: bool) -> tuple[bool, int]:
        with self._changed:
            launch = self.launches.get(launch_id)
            if launch is None:
                raise KeyError(launch_id)
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                data = {"unparsed": body.decode("utf-8", "replace")}
            rejected = len(launch.commits) < launch.reject and not terminate
            launch.commits.append(Commit(data, terminate, rejected))
            self._changed.notify_all()
            return not rejected, REJECT_CODE[launch.standard]

    def lms_page(self, launch_id: str) -> str | None:
        launch = self.launches.get(launch_id)
        if launch is None:
            return None
        script, cls, name = RUNTIME[launch.standard]
        config = {"id": launch.id, "standard": launch.standard, "runtime": cls, "apiName": name,
                  "packageUrl": launch.package_url, "mode": launch.mode, "preload": launch.preload,
                  "commitUrl": f"/commit/{launch.id}",
                  "otherOrigin": self.base.replace("127.0.0.1", "localhost")}
        text = (LMS_DIR / "lms.html").read_text(encoding="utf-8")
        return (text.replace("{{runtime}}", f"/node_modules/scorm-again/{script}")
                .replace("{{config}}", html.escape(json.dumps(config), quote=False)))

    def static_file(self, path: str) -> Path | None:
        parts = [p for p in unquote(path).split("/") if p]
        if any(p in ("..", ".") or "\\" in p for p in parts) or len(parts) < 2:
            return None
        root, rest = parts[0], parts[1:]
        if root == "lms":
            base = LMS_DIR
        elif root == "pkg":
            base, rest = self.mounts.get(rest[0]), rest[1:]
        elif root == "node_modules" and rest[0] in NODE_FILES:
            base = self.node_modules / rest[0] / NODE_FILES[rest[0]]
            rest = rest[1:]
        else:
            return None
        if base is None:
            return None
        target = base.joinpath(*rest) if rest else base / "index.html"
        return target if target.is_file() else None


class _Handler(BaseHTTPRequestHandler):
    lms: LmsServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows failures itself
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the page went away mid-request
                pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")
        if url.path.startswith("/lms/launch/"):
            page = self.lms.lms_page(url.path.rsplit("/", 1)[1])
            if page is None:
                return self._send(404, b"no such launch", "text/plain")
            return self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        target = self.lms.static_file(url.path)
        if target is None:
            return self._send(404, f"not found: {url.path}".encode(), "text/plain")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self._send(200, target.read_bytes(), ctype)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if not url.path.startswith("/commit/"):
            return self._send(404, b"not found", "text/plain")
        terminate = parse_qs(url.query).get("terminate") == ["true"]
        try:
            ok, code = self.lms.record(url.path.rsplit("/", 1)[1], body, terminate)
        except KeyError:
            return self._send(404, b"no such launch", "text/plain")
        answer = {"result": "true", "errorCode": 0} if ok else {"result": "false", "errorCode": code}
        self._send(200, json.dumps(answer).encode(), "application/json")
