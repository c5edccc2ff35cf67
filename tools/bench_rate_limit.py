# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: wall time of a 100-host desired-state converge under a short rate-limit window.

For each rate-limit mode of the emulator (per action, per account) and with and without
``Retry-After``, a fresh emulator (window WINDOW seconds, default 0.5) is converged with
``logmein.central.converge`` from scratch: every one of HOSTS hosts (default 100) gets
another computer group, another description and another ``Location``. The client starts
with no knowledge of the limit (fresh state directory). The same job with the limit off
shows what the run costs without waiting.

Each row gives the calls made (from the emulator's request log), the 429 answers, the
elapsed time of ``ansible-playbook`` and the floor the API allows for those calls:

* per account, every call serializes: floor = (calls - 1) x window;
* per action, the calls of one action serialize: the API floor is the busiest action's
  (calls - 1) x window. The role's tasks run one after another, one action each, so the
  floor for the role's order is the sum of that over the actions; both are shown.

A forced wait is a call that had to wait for the window (an accepted call of an action, or
of the account, after its first); the goal is at most one 429 per forced wait and an
elapsed time within 1.1 x the floor.

    WINDOW=0.5 HOSTS=100 COLLECTIONS_PATH=.build PATH=.venv/bin:$PATH PYTHONPATH=.build python tools/bench_rate_limit.py
"""

import collections
import json
import statistics
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
GOAL = 1.1
CASES = (
    ('off', 'action', False),
    ('on', 'action', False),
    ('on', 'action', True),
    ('on', 'account', False),
    ('on', 'account', True),
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


def median_gap(log, mode):
    """The median time between consecutive accepted calls of one action (or of the account), from the log."""
    last, gaps = {}, []
    for entry in log:
        if entry['status'] == 429:
            continue
        key = '*' if mode == 'account' else entry['action']
        if key in last:
            gaps.append(entry['time'] - last[key])
        last[key] = entry['time']
    return statistics.median(gaps) if gaps else 0.0


def floors(log, mode):
    """(calls, 429s, forced waits, floor per account or busiest action, floor in the role's order)."""
    accepted = collections.Counter(e['action'] for e in log if e['status'] != 429)
    refused = sum(1 for e in log if e['status'] == 429)
    if mode == 'account':
        calls = sum(accepted.values())
        waits = max(calls - 1, 0)
        return calls, refused, waits, waits * WINDOW, waits * WINDOW
    waits = sum(max(n - 1, 0) for n in accepted.values())
    busiest = max(accepted.values()) - 1 if accepted else 0
    return sum(accepted.values()), refused, waits, busiest * WINDOW, waits * WINDOW


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


def run_case(limit, mode, retry_after, work):
    options = dict(hosts=HOSTS + 20, rate_limit_window=WINDOW if limit == 'on' else 0, rate_limit_mode=mode,
                   retry_after=retry_after)
    emulator = start_emulator_process(**options)
    try:
        state = emulator.state(inventory=False)
        document = from_scratch_document(state, HOSTS)
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
            raise SystemExit('the converge did not reach the desired state (mode %s)' % mode)
    finally:
        emulator.stop()
    return elapsed, log


def main():
    work = tempfile.mkdtemp(prefix='bench-rate-limit-')
    date = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    rows = []
    baseline = None
    for limit, mode, retry_after in CASES:
        elapsed, log = run_case(limit, mode, retry_after, work)
        calls, refused, waits, api_floor, role_floor = floors(log, mode)
        if limit == 'off':
            baseline = elapsed
            rows.append(('off', '-', '-', calls, refused, '-', '-', '%.1f' % elapsed, '-', '-', '-'))
            continue
        rows.append((mode, 'yes' if retry_after else 'no', '%.1f' % WINDOW, calls, refused, waits, '%.3f' % median_gap(log, mode),
                     '%.1f' % elapsed,
                     '%.1f' % role_floor, '%.2f' % (elapsed / role_floor), '%.1f' % api_floor))
        print('%s, Retry-After %s: %.1f s for %d calls, %d x 429, floor %.1f s (%.2f x)'
              % (mode, retry_after, elapsed, calls, refused, role_floor, elapsed / role_floor), file=sys.stderr)
    header = ('limit per', 'Retry-After', 'window (s)', 'calls', '429s', 'forced waits', 'median gap (s)', 'elapsed (s)',
              'floor, role order (s)', 'elapsed / floor', 'API floor (s)')
    lines = ['Rate-limit wall time: converge of %d hosts from scratch' % HOSTS, '',
             'Command: ``make bench`` (tools/bench_rate_limit.py, WINDOW=%s HOSTS=%d)' % (WINDOW, HOSTS),
             'Machine: %s' % machine_description(date), '']
    lines.extend(rst_table(header, rows))
    lines.append('')
    lines.append('Without the limit the same job takes %.1f s: that much of each elapsed time is Ansible and the '
                 'emulator, not waiting. The per-action API floor assumes the calls of different actions overlap; '
                 'the role sends them task after task.' % baseline)
    emit('\n'.join(lines))


if __name__ == '__main__':
    main()
