# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A Redis server that fails never fails a run: one warning, and the state directory of the controller instead.

Unreachable at the start, a wrong password, lost between two calls, slow (accepts and never answers),
restarted without its data; and the URL's password is never shown.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import threading
import time

import pytest

from ansible_collections.logmein.central.plugins.module_utils import redis_state
from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.rate_limit import RateLimiter
from ansible_collections.logmein.central.plugins.module_utils.state_backend import open_state_store
from ansible_collections.logmein.central.plugins.module_utils.state_store import RUN_LOCK, account_key
from ansible_collections.logmein.central.tests.redis.conftest import BIN, COLLECTIONS_PATH, free_port, run_worker

PASSWORD = 'Pa55-w0rd-never-shown'
DESCRIBE = 'PUT /v1/hosts/{host-id}/description'  # the limiter's name of the action
LOGGED_DESCRIBE = 'PUT /v1/hosts/{id}/description'  # the emulator's


def client(central, tmp_path, state_url, **options):
    values = dict(api_url=central.api_url, company_id=central.company_id, psk=central.psk, state_url=state_url)
    values.update(options)
    return CentralApi(CentralClient(ConnectionSettings.from_options(values.get), state_dir=str(tmp_path / 'state')))


def state_folder(central, tmp_path):
    return tmp_path / 'state' / account_key(central.api_url, central.company_id)


def state_files(central, tmp_path):
    folder = state_folder(central, tmp_path)
    return sorted(os.listdir(str(folder))) if folder.exists() else []


def test_unreachable_at_the_start_warns_once_and_uses_the_directory(central, tmp_path):
    url = 'redis://:%s@127.0.0.1:%d/0' % (PASSWORD, free_port())  # nobody listens there
    api = client(central, tmp_path, url)
    api.hosts_with_groups()
    api.set_description(api.hosts_with_groups()['hosts'][0]['id'], 'Written all the same')
    warnings = api.client.warnings
    assert len(warnings) == 1, warnings
    assert 'redis://127.0.0.1:%d/0' % int(url.rsplit(':', 1)[1].split('/')[0]) in warnings[0]
    assert 'run locks' in warnings[0] and 'state directory' in warnings[0]
    assert PASSWORD not in repr(warnings)
    assert api.client.state_backend == 'directory'
    assert 'rate-limit.json' in state_files(central, tmp_path)
    assert any(name.startswith('cache-') for name in state_files(central, tmp_path))


def test_a_wrong_password_warns_without_the_password(central, tmp_path, start_redis):
    server = start_redis(password=PASSWORD)
    wrong = 'Wr0ng-pa55-never-shown'
    api = client(central, tmp_path, server.url.replace(PASSWORD, wrong))
    api.hosts_with_groups()
    warnings = api.client.warnings
    assert len(warnings) == 1 and 'redis://127.0.0.1:%d/0' % server.port in warnings[0], warnings
    assert wrong not in repr(warnings) and PASSWORD not in repr(warnings)
    assert api.client.state_backend == 'directory'
    # The right password: the server is used, and said nowhere either.
    right = client(central, tmp_path, server.url)
    right.hosts_with_groups()
    assert right.client.state_backend == 'redis' and right.client.warnings == []
    assert any(key.endswith(b':rate-limit.json') for key in server.client().scan_iter())


def test_lost_mid_run_warns_once_and_the_run_goes_on_paced_in_the_directory(central, tmp_path, start_redis):
    central.configure(rate_limit_window=0.5)
    server = start_redis(password=PASSWORD)
    api = client(central, tmp_path, server.url)
    hosts = [h['id'] for h in api.hosts_with_groups()['hosts'][:5]]
    api.set_description(hosts[0], 'Before the loss')
    api.set_description(hosts[1], 'Before the loss')
    assert api.client.state_backend == 'redis' and api.client.warnings == []
    server.stop()
    central.clear_log()
    for host in hosts[2:]:
        api.set_description(host, 'After the loss')
    warnings = api.client.warnings
    assert len(warnings) == 1 and 'was lost' in warnings[0] and 'locks' in warnings[0], warnings
    assert 'redis://127.0.0.1:%d/0' % server.port in warnings[0] and PASSWORD not in repr(warnings)
    assert api.client.state_backend == 'directory'
    assert 'rate-limit.json' in state_files(central, tmp_path)
    # Pacing went on in the directory: after at most one refusal to learn again, the calls are spaced by the window.
    entries = [e for e in central.log() if e['action'] == LOGGED_DESCRIBE]
    assert [e['status'] for e in entries].count(200) == 3 and [e['status'] for e in entries].count(429) <= 1, entries
    accepted = [e['time'] for e in entries if e['status'] == 200]
    assert all(b - a >= 0.5 for a, b in zip(accepted, accepted[1:])), accepted
    # The run lock of this process is the directory's now.
    with api.client.run_lock({'purpose': 'after the loss'}, 0):
        assert os.path.exists(str(state_folder(central, tmp_path) / RUN_LOCK))


class SilentServer:
    """Accepts connections and never answers: a server that hangs (swapping, stopped, behind a dead proxy)."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(('127.0.0.1', 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, dummy = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        for connection in self.connections:
            connection.close()
        self.socket.close()


def test_a_slow_server_costs_a_few_seconds_at_most(central, tmp_path):
    silent = SilentServer()
    try:
        settings = ConnectionSettings.from_options(dict(api_url=central.api_url, company_id=central.company_id, psk=central.psk,
                                                        state_url='redis://:%s@127.0.0.1:%d/0' % (PASSWORD, silent.port)).get)
        warnings = []
        started = time.monotonic()
        store = open_state_store(settings, str(tmp_path / 'state'), warn=warnings.append)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert silent.connections, 'the client never connected'
    assert elapsed < 7.0, elapsed  # a few command timeouts (COMMAND_TIMEOUT, 2 s), not the system's minutes
    assert store.backend == 'directory' and len(warnings) == 1 and PASSWORD not in warnings[0], warnings
    assert 'Timeout' in warnings[0] or 'timed out' in warnings[0], warnings


def test_a_restart_without_persistence_loses_no_learned_interval(central, tmp_path, start_redis):
    """The process that notices the empty server (its epoch key gone) writes back what it last saw; a new one sees it."""
    server = start_redis()
    key = account_key(central.api_url, central.company_id)
    warnings = []
    store = redis_state.RedisStateStore(server.url, key, lambda: pytest.fail('the restart was taken for a loss'),
                                        warn=warnings.append)
    limiter = RateLimiter(store, clock=store.clock, domain=store.clock_domain)
    now = store.clock()
    limiter.accepted(DESCRIBE, now, sent_at=now)
    limiter.refused(DESCRIBE, now + 0.1, retry_after=8)
    assert limiter.interval(DESCRIBE) == pytest.approx(8.0, abs=0.2)
    with store.locked():
        store.write('cache-hosts-x.json', {'data': 1}, expire=60)
    server.restart()
    assert list(server.client().scan_iter()) == []
    assert limiter.interval(DESCRIBE) == pytest.approx(8.0, abs=0.2)  # takes the lock: notices, writes back
    assert len(warnings) == 1 and 'lost its data' in warnings[0] and 'rate-limit.json' in warnings[0], warnings
    assert 'cache-' not in warnings[0]
    stored = dict((k.decode().rsplit(':', 1)[1], v) for k, v in ((k, server.client().get(k)) for k in server.client().scan_iter()))
    assert 'cache-hosts-x.json' not in stored and 'epoch' in stored and 'rate-limit.json' in stored
    # A new process, with a state directory of its own, knows the interval without a refusal.
    seen = run_worker({'operation': 'interval', 'action': DESCRIBE, 'api_url': central.api_url, 'company_id': central.company_id,
                       'psk': central.psk, 'state_dir': str(tmp_path / 'new'), 'settings': {'state_url': server.url}})
    assert seen['backend'] == 'redis' and seen['result'] == pytest.approx(8.0, abs=0.2), seen


def test_the_password_is_in_no_output_of_a_playbook(central, tmp_path, start_redis):
    """-vvv output of a play whose state_url carries a password: to a server that answers, and to one that is gone."""
    import subprocess  # pylint: disable=import-outside-toplevel
    server = start_redis(password=PASSWORD)
    playbook = tmp_path / 'describe.yml'
    playbook.write_text(json.dumps([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [
        {'logmein.central.host_description': {'descriptions': {str(h['id']): 'Told nobody' for h in central.state_hosts()[:2]}},
         'register': 'described'},
        {'ansible.builtin.debug': {'var': 'described'}}]}]))
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_')))
    env.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH, ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'), ANSIBLE_NOCOLOR='1',
               ANSIBLE_INVENTORY_UNPARSED_FAILED='false', LOGMEIN_CENTRAL_API_URL=central.api_url,
               LOGMEIN_CENTRAL_COMPANY_ID=central.company_id, LOGMEIN_CENTRAL_PSK=central.psk,
               LOGMEIN_CENTRAL_STATE_DIR=str(tmp_path / 'state'), LOGMEIN_CENTRAL_STATE_URL=server.url,
               ANSIBLE_LOG_PATH=str(tmp_path / 'ansible.log'))
    outputs = []
    for alive in (True, False):
        if not alive:
            server.stop()
        run = subprocess.run([os.path.join(BIN, 'ansible-playbook'), str(playbook), '-vvv'], env=env, cwd=str(tmp_path),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300, check=False)
        assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
        outputs.append(run.stdout + run.stderr)
    assert 'cannot be used' in outputs[1] and 'redis://127.0.0.1:%d/0' % server.port in outputs[1]
    with open(str(tmp_path / 'ansible.log'), encoding='utf-8') as log:
        outputs.append(log.read())
    for output in outputs:
        assert PASSWORD not in output


def test_a_restart_noticed_first_by_a_new_process_still_loses_no_learned_interval(central, tmp_path, start_redis):
    """After the restart a new job opens the store first (it sets a new epoch); the job still running must write back
    what it learned all the same when it next takes the lock, not take the new epoch for a restore done by another."""
    server = start_redis()
    key = account_key(central.api_url, central.company_id)
    store = redis_state.RedisStateStore(server.url, key, lambda: pytest.fail('the restart was taken for a loss'))
    limiter = RateLimiter(store, clock=store.clock, domain=store.clock_domain)
    now = store.clock()
    limiter.accepted(DESCRIBE, now, sent_at=now)
    limiter.refused(DESCRIBE, now + 0.1, retry_after=8)
    server.restart()
    job = {'operation': 'interval', 'action': DESCRIBE, 'api_url': central.api_url, 'company_id': central.company_id,
           'psk': central.psk, 'settings': {'state_url': server.url}}
    early = run_worker(dict(job, state_dir=str(tmp_path / 'early')))
    assert early['backend'] == 'redis' and early['result'] == 0.0  # nobody has written it back yet
    assert limiter.interval(DESCRIBE) == pytest.approx(8.0, abs=0.2)
    late = run_worker(dict(job, state_dir=str(tmp_path / 'late')))
    assert late['result'] == pytest.approx(8.0, abs=0.2), late
