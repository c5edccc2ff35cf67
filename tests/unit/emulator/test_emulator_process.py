# -*- coding: utf-8 -*-
"""TLS mode, the subprocess helper, the CLI launcher."""

import json
import os
import subprocess
import sys
import time

import pytest
import requests

from central_emulator.config import DEFAULT_PSK
from central_emulator.testing import EMULATOR_DIR, start_emulator, start_emulator_process


def test_tls_in_thread():
    running = start_emulator(rate_limit_window=0, tls=True)
    try:
        assert running.api_url.startswith("https://127.0.0.1:")
        answer = requests.get(running.api_url + "/v1/authentication", auth=running.auth, verify=running.cert, timeout=30)
        assert answer.json() == {"success": True}
        localhost = running.api_url.replace("127.0.0.1", "localhost")
        assert requests.get(localhost + "/v2/users", auth=running.auth, verify=running.cert, timeout=30).status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(running.api_url + "/v2/hosts", auth=running.auth, timeout=30)
        assert running.reset(rate_limit_window=0)["hosts"] == 50
    finally:
        running.stop()


def test_subprocess_with_tls_and_options():
    running = start_emulator_process(hosts=12, seed=4, tls=True, rate_limit_window=0.2, retry_after=True, psk="s" * 128)
    try:
        assert running.psk == "s" * 128
        session = requests.Session()
        session.auth = running.auth
        # (session.verify would lose against REQUESTS_CA_BUNDLE: pass verify= per call)
        assert len(session.get(running.api_url + "/v2/hosts", verify=running.cert, timeout=30).json()["hosts"]) == 12
        refused = session.get(running.api_url + "/v2/hosts", verify=running.cert, timeout=30)
        assert refused.status_code == 429 and "Retry-After" in refused.headers
        assert [e["status"] for e in running.log()] == [200, 429]
        running.reset(rate_limit_window=0)
        assert running.psk == "s" * 128
    finally:
        running.stop()
    assert running.process.returncode == 0


def test_launcher_script_prints_no_psk(tmp_path):
    ready = tmp_path / "ready.json"
    launcher = os.path.join(EMULATOR_DIR, "run_emulator.py")
    process = subprocess.Popen([sys.executable, launcher, "--port", "0", "--hosts", "5", "--ready-file", str(ready)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(tmp_path))
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        info = json.loads(ready.read_text(encoding="utf-8"))
        assert set(info) >= {"url", "api_url"}
        answer = requests.get(info["api_url"] + "/v2/hostswithgroups", auth=("1234567890", DEFAULT_PSK), timeout=30)
        assert len(answer.json()["hosts"]) == 5
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    text = (out + err).decode("utf-8")
    assert text.startswith("Central emulator listening on http://127.0.0.1:")
    assert "company id 1234567890, 5 hosts, rate limit 60s per action" in text
    assert "GET /public-api/v2/hostswithgroups -> 200" in text
    assert DEFAULT_PSK not in text and "Basic" not in text


def test_subprocess_start_failure_is_reported(tmp_path):
    with pytest.raises(RuntimeError) as info:
        start_emulator_process(dataset=str(tmp_path / "missing.json"))
    assert "cannot start" in str(info.value)


def test_idle_exit_stops_only_after_that_long_without_a_request():
    running = start_emulator_process(hosts=3, idle_exit=1.5)
    try:
        for dummy in range(4):  # requests keep it alive past the idle time
            time.sleep(0.6)
            running.config()
        assert running.process.poll() is None
        running.process.wait(10)
        assert running.process.returncode == 0
    finally:
        running.stop()
