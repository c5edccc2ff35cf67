# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing survives steps of the wall clock, during a run and between runs, over real HTTP.

Client processes pace calls of one action against the emulator's one-second window while their
wall clock steps back or forward by a minute, an hour or two hours (see clock_step_worker.py).
The service (the emulator, whose clock does not step) is the judge: no call may wait more than
the learned interval plus 60 s, and none may be sent faster than the learned interval, save the
limiter's own probes, which try at most half of it below (rate_limit.probe_interval).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest

WORKER = 'ansible_collections.logmein.central.tests.unit.plugins.module_utils.clock_step_worker'
ACTION = 'GET /v2/users'
WINDOW = 1.0
# The longest wait a step may cause: the learned interval (about the window) plus 60 s. A run's
# budget of waits is set to it, so a longer wait fails the run, naming it.
LONGEST_WAIT = WINDOW + 60.0
STEPS = [60, -60, 3600, -3600, 7200, -7200]


def run(emulator, tmp_path, calls, offset=0.0, step=0.0, step_before=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    job = dict(api_url=emulator.api_url, company_id=emulator.company_id, psk=emulator.psk,
               state_dir=str(tmp_path / 'state'), calls=calls, offset=offset, step=step, step_before=step_before,
               max_wait=LONGEST_WAIT)
    process = subprocess.run([sys.executable, '-m', WORKER, json.dumps(job)], capture_output=True, timeout=120, env=env,
                             check=False)
    assert process.stdout, process.stderr.decode()
    return json.loads(process.stdout.decode())


def sends(emulator):
    return [(entry['time'], entry['status']) for entry in emulator.log() if entry['action'] == ACTION]


def check_pacing(emulator, results):
    for result in results:
        assert result['ok'], result.get('error')
        assert all(seconds <= LONGEST_WAIT for dummy, seconds in result['waits']), result['waits']
    times = sends(emulator)
    accepted = [moment for moment, status in times if status == 200]
    first_refusal = next(i for i, (dummy, status) in enumerate(times) if status == 429)
    # Before the first refusal nothing is known; after it every call keeps at least half the window.
    gaps = [later - earlier for (earlier, dummy), (later, dummy) in zip(times[first_refusal:], times[first_refusal + 1:])]
    assert min(gaps) >= 0.5 * WINDOW * 0.95, times
    return accepted


@pytest.fixture
def paced(emulator):
    emulator.configure(rate_limit_window=WINDOW, retry_after=True)
    emulator.clear_log()
    return emulator


@pytest.mark.parametrize('step', STEPS, ids=['%+ds' % step for step in STEPS])
def test_steps_of_the_wall_clock_between_runs_and_during_a_run(paced, tmp_path, step):
    # The first run learns the window. The second starts with its wall clock stepped by ``step`` since
    # the first (a step between runs), and during its run the clock steps back by as much (a step of
    # ``-step`` during a run): every magnitude, in both directions, in both situations.
    first = run(paced, tmp_path, calls=2)
    second = run(paced, tmp_path, calls=3, offset=step, step=-step, step_before=1)
    assert len(check_pacing(paced, [first, second])) == 5
