"""Real servers for the store tests, on 127.0.0.1 and free ports; each context manager stops its server.

- :func:`oxigraph`: the ``oxigraph`` package's ``oxigraph serve`` on a folder (skips when not installed);
- :func:`refusing`: a stdlib HTTP server that answers every request with a chosen status (401/403/413...);
- :func:`forwarding`: a stdlib HTTP proxy in front of another server, counting the requests it passes on;
- :func:`silent`: a stdlib HTTP server that reads every request and never answers, counting them;
- :func:`virtuoso`: Debian's Virtuoso 7 (``virtuoso-t``) on a copy of its ini with spare ports, anonymous
  SPARQL updates granted through ``isql-vt`` (skips when virtuoso-t is not installed).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

#: Debian's Virtuoso ini: /etc's is written by the package's postinst, /usr/share's ships in the package.
VIRTUOSO_INIS = (Path("/etc/virtuoso-opensource-7/virtuoso.ini"), Path("/usr/share/virtuoso-opensource-7/virtuoso.ini"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until something listens on ``port``; fails early when the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command of the running venv, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve``; :meth:`stop` ends it (leaving :func:`oxigraph` also does)."""

    process: subprocess.Popen
    port: int
    location: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def stop(self) -> None:
        stop(self.process)


def start_oxigraph(location: Path) -> OxigraphServer:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
    except RuntimeError:
        stop(process)
        raise
    return OxigraphServer(process, port, location)


@contextmanager
def oxigraph(location: Path) -> Iterator[OxigraphServer]:
    server = start_oxigraph(location)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """A stdlib HTTP server on 127.0.0.1 and a free port (yielded), in a thread, stopped at the end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@dataclass
class RefusingServer:
    """Answers each request with the next of ``statuses``, then with ``status``, sending ``headers`` too;
    records what it received."""

    port: int = 0
    status: int = 403
    statuses: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


@contextmanager
def refusing() -> Iterator[RefusingServer]:
    state = RefusingServer()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers)))
            status = state.statuses.pop(0) if state.statuses else state.status
            body = f"refused with {status}".encode() if status >= 400 else b""
            self.send_response(status)
            if status == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="test"')
            for name, value in state.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as port:
        state.port = port
        yield state


@dataclass
class Forwarder:
    """A proxy's address and the (method, path) of every request it passed on."""

    port: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def forwarding(target_port: int) -> Iterator[Forwarder]:
    """Requests to the proxy go to 127.0.0.1:``target_port`` as they are (path, headers, body), and back."""
    import http.client

    state = Forwarder()

    class Handler(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append((self.command, self.path))
            connection = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
            finally:
                connection.close()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _forward

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as port:
        state.port = port
        yield state


@dataclass
class Virtuoso:
    http_port: int
    sql_port: int
    folder: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, statements: str) -> str:
        result = subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql-vt failed: {result.stdout}{result.stderr}")
        return result.stdout


def _virtuoso_ini(template: Path, folder: Path, sql_port: int, http_port: int) -> Path:
    text = template.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    text = re.sub(r"(?m)^(ServerPort\s*=\s*)1111\b", rf"\g<1>{sql_port}", text)
    text = re.sub(r"(?m)^(ServerPort\s*=\s*)8890\b", rf"\g<1>{http_port}", text)
    text = re.sub(r"(?m)^(DefaultHost\s*=\s*)\S+", rf"\g<1>127.0.0.1:{http_port}", text)
    ini = folder / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


@contextmanager
def virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Virtuoso 7 on spare ports with a fresh database in ``folder``; anonymous SPARQL updates granted."""
    template = next((ini for ini in VIRTUOSO_INIS if ini.exists()), None)
    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt") and template):
        pytest.skip("Virtuoso 7 (Debian virtuoso-opensource) is not installed")
    sql_port, http_port = free_port(), free_port()
    ini = _virtuoso_ini(template, folder, sql_port, http_port)
    # Without +wait the server forks into the background; +foreground keeps it our child so we can stop it.
    process = subprocess.Popen(
        ["virtuoso-t", "+configfile", str(ini), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(folder)},
    )
    try:
        wait_for_port(http_port, process, timeout=90)
        wait_for_port(sql_port, process, timeout=90)
        server = Virtuoso(http_port, sql_port, folder)
        server.isql("GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);")
        yield server
    finally:
        stop(process)


@dataclass
class SilentServer:
    """Accepts connections and reads each request, never answers; records (method, path) of every request."""

    port: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


@contextmanager
def silent() -> Iterator[SilentServer]:
    """A server that takes every request and keeps the client waiting until the context ends."""
    state = SilentServer()

    class Handler(BaseHTTPRequestHandler):
        def _hold(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append((self.command, self.path))
            state.released.wait(120)
            self.close_connection = True

        do_GET = do_POST = do_PUT = _hold

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as port:
        state.port = port
        try:
            yield state
        finally:
            state.released.set()
