# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: concurrent jobs on one account, each with its own state directory, without and with a shared Redis.

In AWX every job runs in its own container: without ``state_url`` the jobs do not see each
other's pacing. JOBS jobs (default 4, separate ``ansible-playbook`` processes started together,
separate state directories) each set WRITES host descriptions (default 10): one API action, one
call per host, at a WINDOW of 0.5 s per action. Cases: one job alone; JOBS jobs on the state
directory; JOBS jobs sharing a real redis-server through LOGMEIN_CENTRAL_STATE_URL; and the same
without a limit (the jobs' own time, Ansible's start-up included). Then the first three again at the
documented minute (REAL_WINDOW) with REAL_WRITES writes per job: what a user lives through.

Figures from the emulator's request log: the calls accepted, the refusals (429), and the API
floor, (calls - 1) x window, which no pacing can beat. Target (issue 20): the concurrent jobs on
Redis have no more refusals than one job alone.

    JOBS=4 WRITES=10 WINDOW=0.5 REAL_WRITES=2 REAL_WINDOW=60 COLLECTIONS_PATH=.build PATH=.venv/bin:$PATH \
        PYTHONPATH=.build python tools/bench_shared_state.py
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402
from benchlib import BIN, ansible_environment, emit, load_average, machine_description, rst_table  # noqa: E402
from redis_server import redis_server  # noqa: E402

JOBS = int(os.environ.get('JOBS', '4'))
WRITES = int(os.environ.get('WRITES', '10'))
WINDOW = float(os.environ.get('WINDOW', '0.5'))
# The same at the documented minute, with fewer writes (REAL_WINDOW=0 leaves these cases out).
REAL_WINDOW = float(os.environ.get('REAL_WINDOW', '60'))
REAL_WRITES = int(os.environ.get('REAL_WRITES', '2'))
ACTION = 'PUT /v1/hosts/{id}/description'
PLAYBOOK = os.path.join(ROOT, 'tools', 'bench', 'shared_state_job.yml')
Case = collections.namedtuple('Case', 'jobs backend window writes')
CASES = (
    Case(1, 'directory', WINDOW, WRITES),
    Case(JOBS, 'directory', WINDOW, WRITES),
    Case(JOBS, 'redis', WINDOW, WRITES),
    Case(JOBS, 'redis', 0, WRITES),
) + ((
    Case(1, 'directory', REAL_WINDOW, REAL_WRITES),
    Case(JOBS, 'directory', REAL_WINDOW, REAL_WRITES),
    Case(JOBS, 'redis', REAL_WINDOW, REAL_WRITES),
) if REAL_WINDOW else ())


def job_documents(state, jobs, writes):
    """Each job's descriptions: ``writes`` hosts of its own, each to a description it does not have."""
    hosts = sorted(state['hosts'], key=lambda h: h['id'])
    if len(hosts) < jobs * writes:
        raise SystemExit('the emulator has %d hosts, %d needed' % (len(hosts), jobs * writes))
    return [dict((str(host['id']), 'Bench job %d desk %02d' % (job, n))
                 for n, host in enumerate(hosts[job * writes:(job + 1) * writes])) for job in range(jobs)]


def run_case(case, work, state_url=None):
    emulator = start_emulator_process(hosts=case.jobs * case.writes + 10, rate_limit_window=case.window,
                                      rate_limit_mode='action')
    try:
        documents = job_documents(emulator.state(inventory=False), case.jobs, case.writes)
        extra = {'LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT': '3600', 'LOGMEIN_CENTRAL_READ_CACHE_TTL': '0'}
        if state_url:
            extra['LOGMEIN_CENTRAL_STATE_URL'] = state_url
        emulator.clear_log()
        started = time.monotonic()
        processes = []
        for document in documents:
            env = ansible_environment(emulator, tempfile.mkdtemp(dir=work, prefix='state-'), **extra)
            processes.append(subprocess.Popen(
                [os.path.join(BIN, 'ansible-playbook'), PLAYBOOK, '-e', json.dumps({'bench_descriptions': document})],
                env=env, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True))
        outputs = [process.communicate()[0] for process in processes]
        elapsed = time.monotonic() - started
        for process, output in zip(processes, outputs):
            if process.returncode != 0:
                raise SystemExit('a job failed (rc %d):\n%s' % (process.returncode, output[-6000:]))
            if state_url and 'shared state' in output:
                raise SystemExit('a job did not use the shared state:\n%s' % output[-3000:])
        descriptions = dict((str(h['id']), h['description']) for h in emulator.state(inventory=False)['hosts'])
        if any(descriptions[host] != wanted for document in documents for host, wanted in document.items()):
            raise SystemExit('the jobs did not write every description (%s)' % (case,))
        log = emulator.log()
    finally:
        emulator.stop()
    return elapsed, log


def main():
    work = tempfile.mkdtemp(prefix='bench-shared-state-')
    date = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    load_before = load_average()
    started = time.monotonic()
    rows = []
    refusals = {}
    for case in CASES:
        if case.backend == 'redis':
            with redis_server() as url:
                elapsed, log = run_case(case, work, url)
        else:
            elapsed, log = run_case(case, work)
        writes = [entry for entry in log if entry['action'] == ACTION]
        accepted = sum(1 for entry in writes if entry['status'] != 429)
        refused = sum(1 for entry in writes if entry['status'] == 429)
        refusals[case] = refused
        floor = max(accepted - 1, 0) * case.window
        rows.append((case.jobs, case.writes, case.backend, '%g' % case.window if case.window else 'off', accepted, refused,
                     '%.1f' % elapsed, '%.1f' % floor if floor else '-', '%.2f' % (elapsed / floor) if floor else '-'))
        print('%s: %.1f s, %d calls, %d x 429' % (case, elapsed, accepted, refused), file=sys.stderr)
    header = ('jobs', 'writes each', 'state', 'window (s)', 'calls', '429s', 'elapsed (s)', 'API floor (s)', 'elapsed / floor')
    lines = ['Concurrent jobs on one account: %d jobs writing one action, separate state directories' % JOBS, '',
             'Command: ``make bench`` (tools/bench_shared_state.py, JOBS=%d WRITES=%d WINDOW=%g REAL_WRITES=%d REAL_WINDOW=%g; '
             '%.1f minutes)' % (JOBS, WRITES, WINDOW, REAL_WRITES, REAL_WINDOW, (time.monotonic() - started) / 60),
             'Machine: %s' % machine_description(date, load_before), '']
    lines.extend(rst_table(header, rows))
    lines.append('')
    for window in sorted(set(case.window for case in CASES if case.window)):
        alone = refusals[next(case for case in CASES if case.window == window and case.jobs == 1)]
        shared = refusals[next(case for case in CASES if case.window == window and case.backend == 'redis')]
        lines.append('Target at %g s: the %d jobs sharing Redis have no more refusals than one job alone: %d vs %d (%s).'
                     % (window, JOBS, shared, alone, 'met' if shared <= alone else 'missed'))
    emit('\n'.join(lines))


if __name__ == '__main__':
    main()
