# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: a converge in rounds at the real one-minute window: what a user sees and waits.

Starts the emulator with a 60-second window per action (no Retry-After, the hardest case to
learn), then runs ``ansible-playbook logmein.central.converge`` on a document that gives
``HOSTS`` hosts (default 6) a new description and a new custom-field value (two actions, side
by side), with rounds of ``ROUND_SECONDS`` (default 150) and a fresh state directory. From the
progress lines and the emulator's request log it reports: the run's time against the API's
floor ((HOSTS - 1) minutes), each round's length, and each estimate of the time left against
the time the rest of the run then took. About (HOSTS - 1) minutes.

    HOSTS=6 ROUND_SECONDS=150 PATH=.venv/bin:$PATH PYTHONPATH=.build python tools/bench_rounds.py
"""

import json
import os
import re
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402

import benchlib  # noqa: E402

WINDOW = 60.0
PROGRESS = re.compile(r'round (\d+) ended after ([^:]+): (\d+) of (\d+) changes written, (\d+) left'
                      r'(?:, about (.+) to go)?')


def seconds(text):
    """``4 min 10 s`` -> 250."""
    total = 0
    for number, unit in re.findall(r'(\d+) (h|min|s)\b', text or ''):
        total += int(number) * {'h': 3600, 'min': 60, 's': 1}[unit]
    return total


def main():
    hosts = int(os.environ.get('HOSTS', '6'))
    round_seconds = int(os.environ.get('ROUND_SECONDS', '150'))
    load_before = benchlib.load_average()
    emulator = start_emulator_process(timeout=300, rate_limit_window=WINDOW, hosts=60, quiet=True)
    work = tempfile.mkdtemp(prefix='bench-rounds-')
    try:
        emulator.configure(rate_limit_window=WINDOW, rate_limit_mode='action', retry_after=False)
        chosen = [h['id'] for h in emulator.state(inventory=False)['hosts'][:hosts]]
        document = {'custom_fields': ['Location'], 'hosts': dict(
            (str(i), {'description': 'Bench round %d' % n, 'custom_fields': {'Location': 'Site %d' % n}})
            for n, i in enumerate(chosen))}
        path = os.path.join(work, 'desired.yml')
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(document, handle)
        env = benchlib.ansible_environment(emulator, os.path.join(work, 'state'))
        emulator.clear_log()
        started = time.time()
        output = benchlib.run_playbook('logmein.central.converge', env, work, '-e', json.dumps({
            'desired_state_file': path, 'desired_state_round_seconds': round_seconds,
            'desired_state_result_file': os.path.join(work, 'result.json')}))
        elapsed = time.time() - started
        with open(os.path.join(work, 'result.json'), encoding='utf-8') as handle:
            result = json.load(handle)
        entries = [e for e in emulator.log() if e['write']]
        accepted = [e for e in entries if e['status'] != 429]
        first = min(e['time'] for e in entries)
        span = max(e['time'] for e in accepted) - first
        lines = [line for line in output.splitlines() if 'changes written' in line]
        rows, previous = [], 0.0
        ends = []
        for line in lines:
            number, ended, done, total, left, eta = PROGRESS.search(line).groups()
            ends.append((int(number), seconds(ended), int(done), int(total), int(left), seconds(eta) if eta else None))
        run_end = ends[-1][1] if ends else 0
        for number, ended, done, total, left, eta in ends:
            rows.append(['%d' % number, '%d s' % (ended - previous), '%d of %d' % (done, total),
                         '%d s' % eta if eta is not None else '-', '%d s' % (run_end - ended)])
            previous = ended
        floor = (hosts - 1) * WINDOW
        text = ['Converge in rounds at the real window: %d hosts, a description and a value each (two actions side by side), '
                'rounds of %d s, %.0f s per action without Retry-After, fresh state.' % (hosts, round_seconds, WINDOW), '']
        text.extend(benchlib.rst_table(['round', 'length', 'written', 'estimate left', 'actually left'], rows))
        text.append('')
        text.append('writes from first to last: %.1f s, floor %.0f s (%.2f x); ansible-playbook %.1f s; %d writes, %d refused; '
                    'outcome %s after %d rounds.' % (span, floor, span / floor, elapsed, len(accepted),
                                                     len(entries) - len(accepted), result['outcome'], result['rounds']))
        text.append(benchlib.machine_description(load_before=load_before))
        benchlib.emit('\n'.join(text))
    finally:
        emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
