# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A throw-away redis-server on a loopback port, for the benchmarks: no persistence, its own folder, stopped at the end.

    with redis_server() as url:
        ...  # redis://127.0.0.1:<port>/0
"""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def redis_server(timeout=10.0):
    executable = shutil.which('redis-server')
    if not executable:
        raise SystemExit('redis-server is not installed: apt-get install redis-server (Debian) or put it on PATH')
    folder = tempfile.mkdtemp(prefix='bench-redis-')
    port = free_port()
    process = subprocess.Popen([executable, '--port', str(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
                                '--dir', folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(('127.0.0.1', port), timeout=1) as connection:
                    connection.sendall(b'PING\r\n')
                    if connection.recv(16).startswith(b'+PONG'):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit('redis-server did not start on port %d' % port)
            time.sleep(0.05)
        yield 'redis://127.0.0.1:%d/0' % port
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
