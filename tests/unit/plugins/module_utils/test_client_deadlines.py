# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A request ends within its deadline and an answer is read up to a size, against real HTTP servers that
misbehave: one that answers a byte at a time, and one that answers more than the client reads."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import socket
import threading
import time

import pytest

from ansible_collections.logmein.central.plugins.module_utils.client import DEADLINE_FACTOR, MAX_ANSWER_BYTES, CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, TransportError

TIMEOUT = 0.5


@contextlib.contextmanager
def serving(answer):
    """A loopback HTTP server whose every connection gets ``answer(connection)``; yields its URL."""
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)
    stop = threading.Event()

    def handle(connection):
        with connection:
            connection.settimeout(10)
            request = b''
            while b'\r\n\r\n' not in request:
                request += connection.recv(4096)
            with contextlib.suppress(OSError):
                answer(connection, stop)

    def accept():
        while not stop.is_set():
            try:
                connection, dummy = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield 'http://127.0.0.1:%d/public-api' % listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def dripping(connection, stop):
    """Headers at once, then a JSON body of 100 bytes, one every 0.2 s: each byte well within the timeout."""
    body = b'{"pad": "' + b'x' * 88 + b'"}'
    connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(body))
    for position in range(len(body)):
        if stop.wait(0.2):
            return
        connection.sendall(body[position:position + 1])


def oversized(connection, stop):
    """A valid JSON answer one byte longer than the client reads."""
    length = MAX_ANSWER_BYTES + 1
    connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % length)
    connection.sendall(b'{"pad": "')
    block = b'x' * (1024 * 1024)
    left = length - len(b'{"pad": "') - len(b'"}')
    while left > 0 and not stop.is_set():
        connection.sendall(block[:min(left, len(block))])
        left -= min(left, len(block))
    connection.sendall(b'"}')


def client_of(url, tmp_path):
    settings = ConnectionSettings(url, '1234', 'psk', timeout=TIMEOUT, read_cache_ttl=0)
    return CentralClient(settings, state_dir=str(tmp_path / 'state'), sleep=lambda seconds: None)


def test_a_service_that_answers_a_byte_at_a_time_fails_the_request_at_its_deadline(tmp_path):
    with serving(dripping) as url:
        client = client_of(url, tmp_path)
        started = time.monotonic()
        with pytest.raises(TransportError) as failure:
            client.request('POST', '/v1/hosts/1/connection', 'POST /v1/hosts/{host-id}/connection', {}, safe=False)
        elapsed = time.monotonic() - started
    deadline = TIMEOUT * DEADLINE_FACTOR
    assert deadline <= elapsed < deadline + 2.0, elapsed  # not the 20 s the drip would take
    assert 'no complete answer from 127.0.0.1' in str(failure.value) and failure.value.outcome_unknown


def test_an_answer_beyond_the_size_the_client_reads_fails_naming_the_action_and_is_not_retried(tmp_path):
    with serving(oversized) as url:
        client = client_of(url, tmp_path)
        with pytest.raises(CentralError) as failure:
            client.request('GET', '/v2/hostswithgroups', 'GET /v2/hostswithgroups')
    assert str(failure.value) == 'the answer to GET /v2/hostswithgroups is larger than 64 MiB: it was not read'
    assert failure.value.kind == 'transport' and client.calls == 1
