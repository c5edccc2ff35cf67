# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Processes that share nothing but the Redis URL, as AWX jobs in separate containers: each has a state directory
of its own. Against the emulator at a window of half a second: they pace one action together, reuse each other's
reads, keep what was learned for the next process, and a converge's run lock holds across ansible-playbook runs.

Each claim is compared with the same processes without the URL (their own directories only), where it fails.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import subprocess
import time

import pytest

from ansible_collections.logmein.central.tests.redis.conftest import BIN, COLLECTIONS_PATH, finish, run_worker, start_worker

WINDOW = 0.5
LOGGED_DESCRIBE = 'PUT /v1/hosts/{id}/description'
LOGGED_READ = 'GET /v2/hostswithgroups'


def job(central, tmp_path, name, operation, state_url, **extra):
    settings = {'read_cache_ttl': extra.pop('read_cache_ttl', 0)}
    if state_url:
        settings['state_url'] = state_url
    return dict(operation=operation, api_url=central.api_url, company_id=central.company_id, psk=central.psk,
                state_dir=str(tmp_path / name), settings=settings, **extra)


def describe_together(central, tmp_path, name, state_url, groups):
    """One process per list of host ids in ``groups``, started together; returns the emulator's log of their writes.

    They start calling a tenth of a second apart, as jobs started together would (well within the window: without
    shared state, each is refused). Started within the same millisecond, two may both reserve before either records
    its send (reserve and settle are two steps of the limiter, on either backend), and both be sent at once.
    """
    central.clear_log()
    start_at = time.time() + 1.0  # every process has started and opened its state by then
    workers = [start_worker(job(central, tmp_path, '%s-%d' % (name, n), 'describe', state_url, host_ids=ids,
                                description=name + ' %d', start_at=start_at + 0.1 * n)) for n, ids in enumerate(groups)]
    for worker in workers:
        assert finish(worker)['backend'] == ('redis' if state_url else 'directory')
    entries = [e for e in central.log() if e['action'] == LOGGED_DESCRIBE]
    assert sorted(e['path'] for e in entries if e['status'] == 200) == sorted(
        '/public-api/v1/hosts/%d/description' % i for ids in groups for i in ids), entries
    return entries


def refusals(entries):
    return sum(1 for e in entries if e['status'] == 429)


def host_ids(central, count, skip=0):
    return [h['id'] for h in central.state_hosts()[skip:skip + count]]


def test_processes_pace_one_action_together_no_worse_than_one_job_alone(central, tmp_path, redis_server, redis_url):
    central.configure(rate_limit_window=WINDOW)
    hosts = host_ids(central, 3)
    alone = describe_together(central, tmp_path, 'alone', redis_url, [hosts])
    redis_server.client().flushall()
    shared = describe_together(central, tmp_path, 'shared', redis_url, [[i] for i in hosts])
    apart = describe_together(central, tmp_path, 'apart', None, [[i] for i in hosts])
    span = shared[-1]['time'] - shared[0]['time']
    print('refusals: one job alone %d, three sharing Redis %d, three with their own directories %d; shared span %.2f s'
          % (refusals(alone), refusals(shared), refusals(apart), span))
    assert refusals(shared) <= max(refusals(alone), 1)
    assert refusals(apart) > refusals(shared)
    # No storm: three writes at about a second each (the first guess, before the window is learned), and some slack
    # for a loaded machine.
    assert span < 3 * 1.5, span


def test_a_second_job_reuses_the_first_jobs_read(central, tmp_path, redis_url):
    for name, url in (('shared', redis_url), ('apart', None)):
        central.clear_log()
        for n in range(2):
            result = run_worker(job(central, tmp_path, '%s-%d' % (name, n), 'read', url, read_cache_ttl=60))
            assert result['result'] == 60
        reads = [e for e in central.log() if e['action'] == LOGGED_READ]
        assert len(reads) == (1 if url else 2), (name, reads)


def test_what_one_job_learned_the_next_job_knows(central, tmp_path, redis_url):
    """The second process starts calling the moment the first has ended: paced by what the first learned, never refused."""
    central.configure(rate_limit_window=WINDOW)
    hosts = host_ids(central, 8)
    for name, url, ids in (('shared', redis_url, hosts[:4]), ('apart', None, hosts[4:])):
        central.clear_log()
        go = tmp_path / ('%s-go' % name)
        second = start_worker(job(central, tmp_path, name + '-2', 'describe', url, host_ids=ids[2:], description='Second %d',
                                  start_file=str(go)))
        first = run_worker(job(central, tmp_path, name + '-1', 'describe', url, host_ids=ids[:2], description='First %d',
                               then_file=str(go)))
        second = finish(second)
        assert first['refusals'] >= 1  # learning costs the first job a refusal
        print('%s: the second job was refused %d times' % (name, second['refusals']))
        if url:
            assert second['refusals'] == 0
        else:
            assert second['refusals'] >= 1
        assert [e['status'] for e in central.log() if e['action'] == LOGGED_DESCRIBE].count(200) == 4


# The run lock of desired_state_converge across ansible-playbook runs --------------------------------------


def converge_playbook(tmp_path):
    path = tmp_path / 'converge.yml'
    path.write_text(json.dumps([{'name': 'Converge', 'hosts': 'localhost', 'gather_facts': False, 'tasks': [
        {'name': 'Converge the descriptions', 'register': 'converged', 'ignore_errors': True,
         'logmein.central.desired_state_converge': {'descriptions': '{{ descriptions }}', 'lock_wait': '{{ lock_wait }}'}},
        {'name': 'Keep the result', 'check_mode': False,
         'ansible.builtin.copy': {'content': '{{ converged | to_json }}', 'dest': '{{ result }}', 'mode': '0600'}}]}]))
    return path


class Run:
    """One ansible-playbook run of the converge, with a state directory of its own."""

    def __init__(self, central, tmp_path, name, state_url, descriptions, lock_wait, *args, **env):
        self.result_path = tmp_path / ('%s.json' % name)
        environment = dict((k, v) for k, v in os.environ.items()
                           if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_')) and k not in ('JOB_ID', 'AWX_JOB_ID'))
        environment.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH, ANSIBLE_LOCAL_TEMP=str(tmp_path / ('tmp-' + name)),
                           ANSIBLE_NOCOLOR='1', ANSIBLE_INVENTORY_UNPARSED_FAILED='false', ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'),
                           LOGMEIN_CENTRAL_API_URL=central.api_url, LOGMEIN_CENTRAL_COMPANY_ID=central.company_id,
                           LOGMEIN_CENTRAL_PSK=central.psk, LOGMEIN_CENTRAL_STATE_DIR=str(tmp_path / ('state-' + name)),
                           LOGMEIN_CENTRAL_STATE_URL=state_url, PATH=BIN + os.pathsep + os.environ.get('PATH', ''), **env)
        variables = {'descriptions': dict((str(k), v) for k, v in descriptions.items()), 'lock_wait': lock_wait,
                     'result': str(self.result_path)}
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [os.path.join(BIN, 'ansible-playbook'), str(converge_playbook(tmp_path)), '-e', json.dumps(variables)] + list(args),
            env=environment, cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        self.output = None
        self.ended = None

    def wait(self):
        self.output = self.process.communicate(timeout=300)[0]
        self.ended = time.time()
        assert self.process.returncode == 0, self.output[-5000:]
        with open(str(self.result_path), encoding='utf-8') as handle:
            return json.load(handle)


def wait_for_run_lock(central, server, process, timeout=60.0):
    """Until the first run holds the run lock: its key on the server, or (should it not be there) its first write."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(key.endswith(b':.run.lock') for key in server.client().scan_iter()):
            return True
        if any(e['action'] == LOGGED_DESCRIBE and e['status'] == 200 for e in central.log()):
            return False
        time.sleep(0.05)
    pytest.fail('the first run never wrote')
    return None


def test_the_run_lock_holds_across_playbook_runs_on_separate_controllers(central, tmp_path, redis_server, redis_url):
    central.configure(rate_limit_window=1.5)
    hosts = host_ids(central, 8)
    first_hosts, busy_hosts, waiting_hosts = hosts[:5], hosts[5:7], hosts[7:]
    first = Run(central, tmp_path, 'first', redis_url, dict((i, 'First run %d' % i) for i in first_hosts), 900, JOB_ID='101')
    on_server = wait_for_run_lock(central, redis_server, first.process)
    busy = Run(central, tmp_path, 'busy', redis_url, dict((i, 'Busy run %d' % i) for i in busy_hosts), 1)
    waiting = Run(central, tmp_path, 'waiting', redis_url, dict((i, 'Waiting run %d' % i) for i in waiting_hosts), 120)
    checking = Run(central, tmp_path, 'check', redis_url, dict((i, 'Checked %d' % i) for i in busy_hosts), 0, '--check')

    checked = checking.wait()
    refused = busy.wait()
    assert refused.get('failed') and refused.get('error_kind') == 'run_lock', refused
    assert 'AWX job 101' in refused['msg'] and 'on %s' % socket.gethostname() in refused['msg'], refused['msg']
    assert 'Nothing was written' in refused['msg']
    assert checked.get('failed') is not True and checked['changed'], checked  # check mode takes no lock
    assert first.process.poll() is None, 'the first run ended before the others tried: the test proves nothing'
    assert on_server  # the lock was the server's (not only its own state directory's)

    done = first.wait()
    assert done['changed'] and not done.get('failed'), done
    waited = waiting.wait()
    assert waited['changed'] and not waited.get('failed'), waited
    log = [e for e in central.log() if e['action'] == LOGGED_DESCRIBE and e['status'] == 200]

    def written(ids):
        return [e['time'] for e in log if any(e['path'].endswith('/%d/description' % i) for i in ids)]

    assert len(written(first_hosts)) == 5 and written(busy_hosts) == [] and len(written(waiting_hosts)) == 1
    assert min(written(waiting_hosts)) > max(written(first_hosts))  # it waited for the first run's lock
    described = dict((h['id'], h['description']) for h in central.state_hosts())
    assert not any(described[i].startswith(('Busy run', 'Checked')) for i in busy_hosts)
