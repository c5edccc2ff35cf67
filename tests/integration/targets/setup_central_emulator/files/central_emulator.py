# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start the Central emulator for ansible-test integration targets, or reuse the one already running.

Prints one JSON object: url, api_url, admin_url, company_id, psk, pid, reused.

ansible-test has no teardown step, so the emulator is started with --idle-exit: it stops
itself once no target has called it for that many seconds. Its ready file, under the
collection's tests/output/.tmp (ignored by git and left out of the tarball), lets the
next target of the same run find it. A lock keeps two starts from racing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import fcntl
import json
import os
import subprocess
import sys
import time

from urllib.request import urlopen


def collection_root(start):
    """The collection folder: the first parent holding galaxy.yml and the emulator (targets run from a temp copy)."""
    folder = os.path.abspath(start)
    while folder != os.path.dirname(folder):
        if os.path.isfile(os.path.join(folder, 'galaxy.yml')) and os.path.isdir(os.path.join(folder, 'tests', 'emulator', 'central_emulator')):
            return folder
        folder = os.path.dirname(folder)
    raise SystemExit('central_emulator.py: no collection with tests/emulator above %s' % start)


def answering(info):
    """Whether the emulator of a ready file still answers its admin API."""
    if not info or not info.get('url'):
        return False
    try:
        with urlopen(info['url'] + '/_emulator/health', timeout=5) as answer:
            return answer.status == 200
    except (OSError, ValueError):
        return False


def read_json(path):
    try:
        with open(path, 'r', encoding='utf-8') as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def start(root, ready, log_path, idle_exit, python):
    if os.path.exists(ready):
        os.remove(ready)
    environment = dict(os.environ)
    emulator_dir = os.path.join(root, 'tests', 'emulator')
    environment['PYTHONPATH'] = os.pathsep.join(p for p in (emulator_dir, environment.get('PYTHONPATH')) if p)
    argv = [python, '-m', 'central_emulator', '--port', '0', '--quiet', '--hosts', '60', '--rate-limit-window', '0',
            '--idle-exit', str(idle_exit), '--ready-file', ready]
    with open(log_path, 'ab') as log:
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                                   cwd=os.path.dirname(ready), env=environment, start_new_session=True, close_fds=True)
    deadline = time.monotonic() + 30
    while not os.path.exists(ready):
        if process.poll() is not None or time.monotonic() > deadline:
            with open(log_path, 'rb') as log:
                tail = log.read()[-3000:].decode('utf-8', 'replace')
            raise SystemExit('central emulator did not start (exit %s):\n%s' % (process.poll(), tail))
        time.sleep(0.02)
    return read_json(ready)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--idle-exit', type=float, default=120)
    parser.add_argument('--python', default=sys.executable)
    args = parser.parse_args()

    root = collection_root(os.path.dirname(__file__))
    folder = os.path.join(root, 'tests', 'output', '.tmp', 'central_emulator')
    if not os.path.isdir(folder):
        os.makedirs(folder, mode=0o700)
    ready = os.path.join(folder, 'ready.json')
    with open(os.path.join(folder, 'lock'), 'w', encoding='utf-8') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        info = read_json(ready)
        reused = answering(info)
        if not reused:
            info = start(root, ready, os.path.join(folder, 'emulator.log'), args.idle_exit, args.python)
    sys.path.insert(0, os.path.join(root, 'tests', 'emulator'))
    from central_emulator.config import DEFAULT_PSK  # pylint: disable=import-outside-toplevel

    print(json.dumps({'url': info['url'], 'api_url': info['api_url'], 'admin_url': info['url'] + '/_emulator',
                      'company_id': info['company_id'], 'psk': DEFAULT_PSK, 'pid': info['pid'], 'reused': reused}))


if __name__ == '__main__':
    main()
