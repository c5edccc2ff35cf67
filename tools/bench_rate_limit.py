# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: wall time of desired-state converges under the rate limit, against the API floor.

Two jobs, each converged with ``logmein.central.converge`` from scratch by a client that knows
nothing of the limit yet (a fresh state directory), on a fresh emulator:

* HOSTS hosts (default 100) under a short window (WINDOW, default 0.5 s): every host gets
  another computer group, another description and another ``Location``. Per action and per
  account, with and without ``Retry-After``, and per action with refusals that restart the window.
* REAL_HOSTS hosts (default 4) under the documented window (REAL_WINDOW, default 60 s), per
  action, whether or not refused calls restart the window: the job a user lives through at the
  real limit (an API floor of 3 minutes).

Definitions (issue 14): the API floor of a job is the maximum over actions of (that action's
calls - 1) x window (per account: all calls - 1); the role-order floor is the same summed over
actions, what a converge that writes one kind after the other cannot beat. The overhead is the
same job's elapsed time with the limit off. Target: elapsed <= 1.1 x API floor + overhead, and
at most 4 refusals per action (one to learn that there is a limit, 3 beyond it).

    WINDOW=0.5 HOSTS=100 REAL_WINDOW=60 REAL_HOSTS=4 COLLECTIONS_PATH=.build PATH=.venv/bin:$PATH PYTHONPATH=.build \
        python tools/bench_rate_limit.py
"""

import collections
import json
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402
from benchlib import ansible_environment, emit, machine_description, rst_table, run_playbook  # noqa: E402

WINDOW = float(os.environ.get('WINDOW', '0.5'))
HOSTS = int(os.environ.get('HOSTS', '100'))
REAL_WINDOW = float(os.environ.get('REAL_WINDOW', '60'))
REAL_HOSTS = int(os.environ.get('REAL_HOSTS', '4'))
GOAL = 1.1
REFUSALS_PER_ACTION = 4
Case = collections.namedtuple('Case', 'hosts window mode retry_after restart')
# A window of 0 is the job without a limit: the overhead of the cases after it.
CASES = (
    Case(HOSTS, 0, 'action', False, False),
    Case(HOSTS, WINDOW, 'action', False, False),
    Case(HOSTS, WINDOW, 'action', True, False),
    Case(HOSTS, WINDOW, 'action', False, True),
    Case(HOSTS, WINDOW, 'account', False, False),
    Case(HOSTS, WINDOW, 'account', True, False),
    Case(REAL_HOSTS, 0, 'action', False, False),
    Case(REAL_HOSTS, REAL_WINDOW, 'action', False, False),
    Case(REAL_HOSTS, REAL_WINDOW, 'action', False, True),
)


def from_scratch_document(state, count):
    """Every one of ``count`` hosts gets another group, description and Location (a value the field has)."""
    groups = [g for g in state['groups'] if g['id'] != -1 and g.get('name')]
    location = next(c for c in state['customFieldCategories'] if c['name'] == 'Location')
    values = list(location['values'])
    hosts = sorted(state['hosts'], key=lambda h: h['id'])[:count]
    if len(hosts) < count or len(groups) < 2 or len(values) < 2:
        raise SystemExit('the emulator dataset is too small for %d hosts' % count)
    document = {'custom_fields': ['Location'], 'hosts': {}}
    for position, host in enumerate(hosts):
        group = next(g for g in groups[position % len(groups):] + groups if g['id'] != host.get('groupId'))
        current = (host.get('customFields') or {}).get(str(location['id'])) or (host.get('customFields') or {}).get(location['id'])
        value = next(v for v in values[position % len(values):] + values if v['id'] != current)
        document['hosts'][str(host['id'])] = {
            'group': group['name'],
            'description': 'Bench desk %04d' % position,
            'custom_fields': {'Location': value['name']},
        }
    return document


def floors(log, mode, window):
    """``(calls, 429s, most 429s of one action, API floor, role-order floor)`` of a run, from the request log."""
    accepted = collections.Counter(e['action'] for e in log if e['status'] != 429)
    refused = collections.Counter(e['action'] for e in log if e['status'] == 429)
    calls = sum(accepted.values())
    if mode == 'account':
        floor = max(calls - 1, 0) * window
        return calls, sum(refused.values()), max(refused.values() or [0]), floor, floor
    api_floor = max([n - 1 for n in accepted.values()] or [0]) * window
    role_floor = sum(max(n - 1, 0) for n in accepted.values()) * window
    return calls, sum(refused.values()), max(refused.values() or [0]), api_floor, role_floor


def converged(state, document):
    """True when the emulator holds what the document asks for."""
    groups = {g['id']: g['name'] for g in state['groups']}
    location = next(c for c in state['customFieldCategories'] if c['name'] == 'Location')
    names = {v['id']: v['name'] for v in location['values']}
    for host in state['hosts']:
        wanted = document['hosts'].get(str(host['id']))
        if wanted is None:
            continue
        fields = host.get('customFields') or {}
        value = fields.get(str(location['id'])) or fields.get(location['id'])
        if (groups.get(host.get('groupId')) != wanted['group'] or host['description'] != wanted['description']
                or names.get(value) != wanted['custom_fields']['Location']):
            return False
    return True


def run_case(case, work):
    options = dict(hosts=case.hosts + 20, rate_limit_window=case.window, rate_limit_mode=case.mode,
                   retry_after=case.retry_after, refusals_restart_window=case.restart)
    emulator = start_emulator_process(**options)
    try:
        state = emulator.state(inventory=False)
        document = from_scratch_document(state, case.hosts)
        path = os.path.join(work, 'desired_state.json')
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(document, handle)
        env = ansible_environment(emulator, tempfile.mkdtemp(dir=work, prefix='state-'),
                                  LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT='3600')
        emulator.clear_log()
        started = time.monotonic()
        run_playbook('logmein.central.converge', env, work, '-e', json.dumps({'desired_state_file': path}))
        elapsed = time.monotonic() - started
        log = emulator.log()
        if not converged(emulator.state(inventory=False), document):
            raise SystemExit('the converge did not reach the desired state (%s)' % (case,))
    finally:
        emulator.stop()
    return elapsed, log


def main():
    work = tempfile.mkdtemp(prefix='bench-rate-limit-')
    date = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    started = time.monotonic()
    rows = []
    overhead = {}
    for case in CASES:
        elapsed, log = run_case(case, work)
        calls, refused, most_refused, api_floor, role_floor = floors(log, case.mode, case.window)
        if not case.window:
            overhead[case.hosts] = elapsed
            rows.append((case.hosts, 'off', '-', '-', '-', calls, refused, '-', '%.1f' % elapsed, '-', '-', '-', '-'))
            continue
        target = GOAL * api_floor + overhead[case.hosts]
        met = elapsed <= target and most_refused <= REFUSALS_PER_ACTION
        rows.append((case.hosts, case.mode, 'yes' if case.restart else 'no', 'yes' if case.retry_after else 'no',
                     '%g' % case.window, calls, refused, most_refused, '%.1f' % elapsed, '%.1f' % api_floor,
                     '%.2f' % (elapsed / api_floor), '%.1f' % role_floor, '%.1f (%s)' % (target, 'met' if met else 'missed')))
        print('%s: %.1f s for %d calls, %d x 429, API floor %.1f s (%.2f x)'
              % (case, elapsed, calls, refused, api_floor, elapsed / api_floor), file=sys.stderr)
    header = ('hosts', 'limit per', 'refusals restart', 'Retry-After', 'window (s)', 'calls', '429s', 'most 429s of an action',
              'elapsed (s)', 'API floor (s)', 'elapsed / API floor', 'role-order floor (s)', 'target (s)')
    lines = ['Rate-limit wall time: converges from scratch, %d hosts at a %g s window and %d hosts at %g s'
             % (HOSTS, WINDOW, REAL_HOSTS, REAL_WINDOW), '',
             'Command: ``make bench`` (tools/bench_rate_limit.py, WINDOW=%g HOSTS=%d REAL_WINDOW=%g REAL_HOSTS=%d; %.1f minutes)'
             % (WINDOW, HOSTS, REAL_WINDOW, REAL_HOSTS, (time.monotonic() - started) / 60),
             'Machine: %s' % machine_description(date), '']
    lines.extend(rst_table(header, rows))
    lines.append('')
    lines.append('Target: elapsed <= %.1f x API floor + the same job without the limit (%s), and at most %d refusals '
                 'per action.' % (GOAL, ', '.join('%d hosts: %.1f s' % item for item in sorted(overhead.items())),
                                  REFUSALS_PER_ACTION))
    emit('\n'.join(lines))


if __name__ == '__main__':
    main()
