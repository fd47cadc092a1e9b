"""`practicehub serve`: the site answers over real HTTP, static files included."""

from __future__ import annotations

import json
import os
import re
import selectors
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_line(process: subprocess.Popen, limit: float) -> str:
    # A limit only so a broken server fails the test instead of hanging it.
    with selectors.DefaultSelector() as sel:
        sel.register(process.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=limit):
            return ""
    return process.stdout.readline()


@pytest.fixture
def fresh_instance(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PRACTICEHUB_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEBUG": "0",
    }
    subprocess.run(
        [sys.executable, "-m", "practicehub", "migrate", "-v0"], env=env, check=True, timeout=300
    )
    return env


def test_serve_prints_its_address_and_serves_the_api_and_static_files(fresh_instance):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "practicehub", "serve", "--port", str(port)],
        env=fresh_instance,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(process, limit=120)
        assert f"Practice Hub is running at http://127.0.0.1:{port}/" in line, line
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/api/vocabularies", timeout=30) as response:
            assert response.status == 200
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert json.load(response)["themes"]
        with urllib.request.urlopen(f"{base}/api/docs", timeout=30) as response:
            page = response.read().decode()
        # collectstatic ran: the docs link to hashed file names that WhiteNoise serves.
        script = re.search(r'src="(/static/ninja/swagger-ui-bundle\.[0-9a-f]+\.js)"', page)
        assert script, page
        request = urllib.request.Request(base + script[1], headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            assert "max-age=315360000" in response.headers["Cache-Control"]
            assert response.headers["Content-Encoding"] == "gzip"
    finally:
        process.terminate()
        process.wait(timeout=30)
