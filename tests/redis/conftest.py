# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shared state on a real Redis server (``make redis``, tools/redis.sh).

``redis_server`` (session) runs Debian's ``redis-server`` on a free loopback port, without
persistence; ``redis_url`` empties it before each test. ``start_redis()`` starts more servers
of a test's own (a password, a restart, a server lost mid-run). ``make_store`` gives the stores
of the contract suite, once per backend: several instances of the directory backend share one
state directory (the processes of one controller); several instances of the Redis backend share
nothing but the URL (each has a fallback directory of its own, as separate containers would).

The stage never skips: without ``redis-server`` or the Python library ``redis``, tests fail.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from ansible_collections.logmein.central.plugins.module_utils.redis_state import RedisStateStore
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore, account_key

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION_ROOT = os.path.dirname(os.path.dirname(HERE))
COLLECTIONS_PATH = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION_ROOT)))
EMULATOR_DIR = os.path.join(COLLECTION_ROOT, 'tests', 'emulator')
BIN = os.path.dirname(sys.executable)
WORKER = 'ansible_collections.logmein.central.tests.redis.worker'
BACKENDS = ('directory', 'redis')
ACCOUNT = account_key('https://central.example/public-api', '1234')

if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from central_emulator.testing import start_emulator_process  # noqa: E402 pylint: disable=wrong-import-position


def redis_server_binary():
    """REDIS_SERVER (set by tools/redis.sh), else redis-server on PATH or in /usr/bin; fails, never skips."""
    found = os.environ.get('REDIS_SERVER') or shutil.which('redis-server') or (
        '/usr/bin/redis-server' if os.access('/usr/bin/redis-server', os.X_OK) else None)
    if not found:
        pytest.fail('redis-server was not found: install the Debian package redis-server (tools/redis.sh does as root)')
    return found


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server process on 127.0.0.1, no persistence: stopped and started again, it has lost its data."""

    def __init__(self, password=None, port=None):
        self.port = port or free_port()
        self.password = password
        self.directory = tempfile.mkdtemp(prefix='logmein-central-redis-')
        self.process = None

    @property
    def url(self):
        auth = ':%s@' % self.password if self.password else ''
        return 'redis://%s127.0.0.1:%d/0' % (auth, self.port)

    def client(self):
        import redis  # pylint: disable=import-outside-toplevel
        return redis.Redis(host='127.0.0.1', port=self.port, password=self.password, socket_timeout=5)

    def start(self, timeout=15.0):
        argv = [redis_server_binary(), '--port', str(self.port), '--bind', '127.0.0.1', '--save', '',
                '--appendonly', 'no', '--dir', self.directory, '--logfile', os.path.join(self.directory, 'redis.log')]
        if self.password:
            argv += ['--requirepass', self.password]
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.client().ping():
                    return self
            except Exception:  # pylint: disable=broad-except
                if self.process.poll() is not None or time.monotonic() > deadline:
                    with open(os.path.join(self.directory, 'redis.log'), encoding='utf-8', errors='replace') as log:
                        tail = log.read()[-2000:]
                    self.stop()
                    pytest.fail('redis-server did not answer PING on port %d:\n%s' % (self.port, tail))
            time.sleep(0.02)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self):
        """Stop and start again on the same port: without persistence, every key is gone."""
        self.stop()
        return self.start()

    def remove(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture(scope='session')
def redis_server():
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def redis_url(redis_server):
    """The URL of the session's server, emptied for this test."""
    if redis_server.process is None or redis_server.process.poll() is not None:
        redis_server.start()
    redis_server.client().flushall()
    return redis_server.url


@pytest.fixture
def start_redis():
    """Start a throw-away server of the test's own: ``start_redis(password=None)``; all are removed at the end."""
    servers = []

    def start(password=None):
        server = RedisServer(password=password)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.remove()


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def make_store(request, backend, tmp_path):
    """``make_store(key=ACCOUNT, warn=None)``: a new store instance of the test's backend, as one more process would open it."""
    count = [0]
    url = request.getfixturevalue('redis_url') if backend == 'redis' else None

    def make(key=ACCOUNT, warn=None):
        count[0] += 1
        if backend == 'directory':
            return StateStore(str(tmp_path / 'state'), key, warn=warn)
        fallback_root = str(tmp_path / ('fallback-%d' % count[0]))
        return RedisStateStore(url, key, lambda: StateStore(fallback_root, key, warn=warn), warn=warn)

    make.backend = backend
    make.url = url
    make.state_dir = str(tmp_path / 'state')
    return make


@pytest.fixture(scope='session')
def central_process():
    running = start_emulator_process(rate_limit_window=0, hosts=60)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def central(central_process):
    """The emulator reset to its start-up data, rate limit off, empty request log."""
    central_process.reset(rate_limit_window=0)
    return central_process


def child_environment():
    return dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))


def start_worker(job):
    """A worker process (tests/redis/worker.py) doing ``job``; its stdout is one JSON line per event."""
    return subprocess.Popen([sys.executable, '-m', WORKER, json.dumps(job)], stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_environment(),
                            universal_newlines=True)


def finish(process, timeout=120):
    """The last JSON line a worker printed; fails the test, with its stderr, if it failed."""
    out, err = process.communicate(timeout=timeout)
    lines = [line for line in out.splitlines() if line.strip()]
    assert process.returncode == 0 and lines, 'worker exited %s:\n%s\n%s' % (process.returncode, out[-3000:], err[-3000:])
    return json.loads(lines[-1])


def run_worker(job, timeout=120):
    return finish(start_worker(job), timeout)


def wait_for_line(process, expected, timeout=30.0):
    """Read the worker's stdout until a JSON line with ``event == expected``; fails if it ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        event = json.loads(line)
        if event.get('event') == expected:
            return event
    process.kill()
    out, err = process.communicate()
    pytest.fail('worker did not report %r:\n%s\n%s' % (expected, out[-3000:], err[-3000:]))
    return None
