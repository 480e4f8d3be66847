"""`python -m bot healthcheck` (the container's health check): the database answers and at
least one of the NLU servers does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.__main__ import main
from tests.conftest import _free_port


class RasaRoot(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # Rasa's "/" needs no token
        body = b"Hello from Rasa: 3.6.21"
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def nlu_root() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), RasaRoot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_healthy_while_one_nlu_server_answers(
    nlu_root: ThreadingHTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = f"http://127.0.0.1:{_free_port()}"
    alive = f"http://127.0.0.1:{nlu_root.server_address[1]}"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'health.db'}")
    monkeypatch.setenv("NLU_MANAGE", "0")
    monkeypatch.setenv("NLU_URLS", f"{dead},{alive}")
    assert main(["healthcheck"]) == 0
    monkeypatch.setenv("NLU_URLS", f"{dead},{dead.replace('127.0.0.1', '127.0.0.2')}")
    assert main(["healthcheck"]) == 1
