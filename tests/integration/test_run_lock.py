# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The run lock on the state directory: two converges of one account on one controller never write at the same time.

Several ansible-playbook processes at once, so a pytest test (the same across machines, on Redis, is
in tests/redis). The first converge is made slow by the rate limit (a 1 s window, six writes of
one action, learned from scratch); the others start while it holds the lock.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import socket
import subprocess
import time

import pytest

from conftest import BIN, PLAYBOOKS, writes

# The action plugin that holds the lock runs in the controller's process: checked on the oldest core too.
pytestmark = pytest.mark.core216
DESCRIBE = 'PUT /v1/hosts/{id}/description'


def _start(ansible, job, descriptions, lock_wait, *args, **variables):
    """Start one converge (tests/integration/playbooks/run_lock.yml) in the background."""
    variables.update({'output_dir': str(ansible.tmp_path), 'job': job, 'descriptions': descriptions, 'lock_wait': lock_wait})
    environment = dict(ansible.env, ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    return subprocess.Popen([os.path.join(BIN, 'ansible-playbook'), os.path.join(PLAYBOOKS, 'run_lock.yml'),
                             '-e', json.dumps(variables)] + list(args),
                            env=environment, cwd=str(ansible.tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)


def _result(ansible, process, job):
    output = process.communicate(timeout=300)[0]
    assert process.returncode == 0, output[-3000:]
    return ansible.output('%s.json' % job), output


def _wait_until_held(ansible, timeout=60):
    """The first converge has taken the lock once its holder document is in the state directory."""
    state = ansible.tmp_path / 'state'
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if list(state.glob('*/run.lock-holder.json')):
            return
        time.sleep(0.05)
    pytest.fail('the first converge never took the run lock')


def test_a_second_converge_waits_for_the_first_or_fails_naming_it(ansible, central):
    central.reset(rate_limit_window=1.0, hosts=60)
    hosts = sorted(h['id'] for h in central.state_hosts())
    first = dict((str(host), 'Run lock first %d' % n) for n, host in enumerate(hosts[:6]))
    second = {str(hosts[10]): 'Run lock second'}
    third = {str(hosts[11]): 'Run lock third'}

    holder = _start(ansible, 'first', first, 900)
    _wait_until_held(ansible)
    refused = _start(ansible, 'second', second, 1)
    checking = _start(ansible, 'check', third, 0, '--check')
    queued = _start(ansible, 'third', third, 300)

    refused_result, dummy = _result(ansible, refused, 'second')
    check_result, dummy = _result(ansible, checking, 'check')
    first_result, dummy = _result(ansible, holder, 'first')
    third_result, dummy = _result(ansible, queued, 'third')

    # The second gave up after its lock_wait, naming the holder, and wrote nothing.
    assert refused_result['failed'] is True
    assert refused_result['error_kind'] == 'run_lock'
    message = refused_result['msg']
    assert 'desired_state converge of process' in message and socket.gethostname() in message and 'since 20' in message
    assert 'Nothing was written' in message and 'lock_wait' in message
    # Check mode took no lock (lock_wait 0 would have failed at once) and wrote nothing.
    assert not check_result.get('failed'), check_result.get('msg')
    assert first_result['complete'] is True and not first_result.get('failed')
    # The third waited: its write came after the last write of the first.
    assert third_result['complete'] is True and not third_result.get('failed')
    log = [entry for entry in writes(central) if entry['action'] == DESCRIBE and entry['status'] == 200]
    written = [entry['path'].split('/')[-2] for entry in log]
    assert sorted(written) == sorted(list(first) + list(third))
    assert written[-1] == list(third)[0], 'the third converge wrote before the first had finished: %s' % written
    descriptions = dict((str(h['id']), h['description']) for h in central.state_hosts())
    assert descriptions[str(hosts[10])] != 'Run lock second'


def test_exclusive_false_takes_no_lock(ansible, central):
    central.reset(rate_limit_window=1.0, hosts=60)
    hosts = sorted(h['id'] for h in central.state_hosts())
    holder = _start(ansible, 'first', dict((str(host), 'Held %d' % n) for n, host in enumerate(hosts[:8])), 900)
    _wait_until_held(ansible)
    free = _start(ansible, 'free', {str(hosts[20]): 'Not locked'}, 0, exclusive=False)
    free_result, dummy = _result(ansible, free, 'free')
    first_result, dummy = _result(ansible, holder, 'first')
    assert not free_result.get('failed'), free_result.get('msg')
    assert first_result['complete'] is True
    # It wrote while the first converge was still writing: it did not wait for the lock.
    written = [entry['path'].split('/')[-2] for entry in writes(central) if entry['action'] == DESCRIBE and entry['status'] == 200]
    assert written.index(str(hosts[20])) < len(written) - 1, written
