# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Long runs and GitOps: rounds with progress, a time budget, results for machines, resuming, reviewed plans.

At the real limit a converge of hundreds of hosts takes hours; here the window is a second
or less, so a round of a few seconds holds a few writes, and every claim is checked in the
emulator's request log.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import signal
import subprocess
import time

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import BIN, writes
from ansible_collections.logmein.central.tests.integration.test_desired_state import (
    DESCRIBE, MOVE, SET_VALUE, assert_ok, drift_report, estate, host_value, side_by_side_document, write_document)

PROGRESS = re.compile(r'^\[localhost\]: (\S+): round (\d+) ended after [^:]+: (\d+) of (\d+) changes written, (\d+) left', re.M)


def accepted_writes(central):
    return [e for e in writes(central) if e['status'] != 429]


def progress_lines(output):
    return [(name, int(number), int(done), int(total), int(left)) for name, number, done, total, left in PROGRESS.findall(output)]


def process_tree(pid):
    """``pid`` and its descendants: Ansible's workers start sessions of their own, so a process group is not all of them."""
    children = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry, encoding='utf-8') as handle:
                    parent = int(handle.read().rsplit(')', 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        queue.extend(children.get(current, ()))
    return tree


def kill_tree(pid):
    """SIGKILL ``pid`` and every process it started, as a job timeout or a lost machine ends a run."""
    for member in process_tree(pid):
        try:
            os.kill(member, signal.SIGKILL)
        except ProcessLookupError:
            pass


def converge_command(path, **variables):
    variables['desired_state_file'] = str(path)
    return ['ansible-playbook', 'logmein.central.converge', '-e', json.dumps(variables)]


def assert_converged(central, document):
    hosts, groups, values, category_ids = estate(central)
    for key, entry in document['hosts'].items():
        host = hosts[int(key)]
        assert host['description'] == entry['description'], (key, host)
        assert host['groupId'] == groups[entry['group']], (key, host)
        assert host_value(host, category_ids, values, 'Location') == entry['custom_fields']['Location'], (key, host)


@pytest.mark.core216
def test_a_long_task_writes_in_rounds_bounded_by_round_seconds_with_one_progress_line_each(ansible, central):
    window, round_seconds, count = 1.0, 3, 8
    central.configure(rate_limit_window=window)
    host_ids = [h['id'] for h in central.state()['hosts'][:count]]
    descriptions = dict((str(i), 'Round robin %d' % n) for n, i in enumerate(host_ids))
    run = ansible.playbook('rounds.yml', extra_vars={'descriptions': descriptions, 'round_seconds': round_seconds})
    assert_ok(run)
    result = ansible.output('described.json')
    lines = progress_lines(run.stdout)
    print('\n'.join(line for line in run.stdout.splitlines() if ': round ' in line))
    assert result['rounds'] >= 2 and len(lines) == result['rounds'], (result['rounds'], lines)
    assert [number for dummy, number, dummy, dummy, dummy in lines] == list(range(1, result['rounds'] + 1))
    assert lines[-1][2:] == (count, count, 0) and result['complete'] and result['changed']
    assert sorted(result['progress']['written']) == sorted(host_ids) and result['progress']['pending'] == []

    # Each round's writes (from the request log) span no more than round_seconds.
    sent = sorted(e['time'] for e in accepted_writes(central))
    assert len(sent) == count  # the minimum: every description once
    before = 0
    for dummy, number, done, dummy, dummy in lines:
        span = sent[done - 1] - sent[before]
        print('round %d: %d writes over %.2f s' % (number, done - before, span))
        assert done > before and span <= round_seconds + 0.25, (number, span)
        before = done
    assert [h['description'] for h in central.state()['hosts'][:count]] == [descriptions[str(i)] for i in host_ids]


def test_the_role_publishes_what_it_wrote_as_artifacts_and_a_result_file(ansible, central, tmp_path):
    window, count = 0.5, 6
    central.configure(rate_limit_window=window)
    document = side_by_side_document(central, count)
    path = write_document(tmp_path / 'desired.yml', document)
    result_file = tmp_path / 'result.json'
    run = ansible.run(*converge_command(path, desired_state_round_seconds=1, desired_state_result_file=str(result_file)),
                      ANSIBLE_INVENTORY_UNPARSED_FAILED='false', ANSIBLE_SHOW_CUSTOM_STATS='1')
    assert_ok(run)
    lines = progress_lines(run.stdout)
    assert len(lines) >= 2 and all(name == 'logmein.central.desired_state_converge' for name, dummy, dummy, dummy, dummy in lines)
    assert lines[-1][2:] == (3 * count, 3 * count, 0), lines
    result = json.loads(result_file.read_text(encoding='utf-8'))
    ids = sorted(int(k) for k in document['hosts'])
    assert result['outcome'] == 'converged' and result['complete'] and result['rounds'] == len(lines)
    assert result['counts'] == {'written': 3 * count, 'pending': 0, 'failed': 0, 'outcome_unknown': 0}
    assert sorted(result['kinds']['descriptions']['written']) == ids
    assert sorted(result['kinds']['groups']['written']) == ids
    assert sorted(result['kinds']['custom_fields']['Location']['written']) == ids
    # The same result as an AWX artifact (set_stats, shown by ANSIBLE_SHOW_CUSTOM_STATS).
    stats = run.stdout[run.stdout.index('CUSTOM STATS'):]
    assert '"desired_state_result"' in stats and '"outcome": "converged"' in stats
    assert len(accepted_writes(central)) == 2 * count + 1
    assert_converged(central, document)


def test_a_time_budget_stops_after_its_round_and_the_next_run_writes_only_what_is_left(ansible, central, tmp_path):
    window, count = 1.0, 10
    central.configure(rate_limit_window=window)
    document = side_by_side_document(central, count)
    path = write_document(tmp_path / 'desired.yml', document)
    result_file = tmp_path / 'result.json'
    run = ansible.run(*converge_command(path, desired_state_round_seconds=2, desired_state_max_duration=3,
                                        desired_state_result_file=str(result_file)),
                      ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    assert_ok(run)  # the default: success, and the result says what is left
    assert 'stopped at max_duration (3 s)' in run.stdout + run.stderr
    result = json.loads(result_file.read_text(encoding='utf-8'))
    assert result['outcome'] == 'incomplete' and not result['complete']
    counts = result['counts']
    assert counts['pending'] > 0 and counts['written'] + counts['pending'] == 3 * count and result['eta_seconds'] > 0
    first = len(accepted_writes(central))
    assert first < 2 * count + 1

    # Gating: the same budget with desired_state_fail_when_incomplete fails, after writing the result.
    result_file.unlink()
    run = ansible.run(*converge_command(path, desired_state_round_seconds=1, desired_state_max_duration=1,
                                        desired_state_fail_when_incomplete=True, desired_state_result_file=str(result_file)),
                      ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    assert run.returncode != 0 and 'stopped at desired_state_max_duration (1 s)' in run.stdout, run.stdout[-3000:]
    gated = json.loads(result_file.read_text(encoding='utf-8'))
    assert gated['outcome'] == 'incomplete' and gated['counts']['pending'] < counts['pending']

    # No budget: the rest, and only the rest, is written.
    assert_ok(ansible.run(*converge_command(path), ANSIBLE_INVENTORY_UNPARSED_FAILED='false'))
    assert len(accepted_writes(central)) == 2 * count + 1
    assert_converged(central, document)


def test_a_converge_killed_midway_and_started_again_writes_the_minimum(ansible, central, tmp_path):
    """Killed while a description write is in flight: it was carried out, but its run never learned so.

    The description writes answer 2 s after they are carried out (and logged), so killing the run
    right after one appears in the log kills it in the middle of that write. The next run must
    not trust its cached read of the descriptions, nor write any change twice.
    """
    window, count = 0.5, 8
    central.configure(rate_limit_window=window)
    central.set_faults([{'kind': 'latency', 'match': 'PUT /v1/hosts/{id}/description', 'seconds': 2}])
    document = side_by_side_document(central, count)
    path = write_document(tmp_path / 'desired.yml', document)
    environment = dict(ansible.env, ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    process = subprocess.Popen([os.path.join(BIN, part) if n == 0 else part for n, part in enumerate(converge_command(path))],
                               env=environment, cwd=str(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while sum(1 for e in accepted_writes(central) if e['action'] == DESCRIBE) < 3 and time.time() < deadline \
                and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, 'the converge ended before it could be killed'
        kill_tree(process.pid)
    finally:
        process.wait(timeout=30)
    time.sleep(2 * window)  # nothing of the killed run may write any more
    killed_after = len(accepted_writes(central))
    assert 0 < killed_after < 2 * count + 1
    central.set_faults([])

    assert_ok(ansible.run(*converge_command(path), ANSIBLE_INVENTORY_UNPARSED_FAILED='false'))
    sent = accepted_writes(central)
    print('killed after %d writes; %d in all' % (killed_after, len(sent)))
    assert sum(1 for e in sent if e['action'] == MOVE) == 1
    assert sum(1 for e in sent if e['action'] == DESCRIBE) == count, [e['path'] for e in sent if e['action'] == DESCRIBE]
    assert sum(1 for e in sent if e['action'] == SET_VALUE) == count
    assert_converged(central, document)


def apply_plan(ansible, plan_path, *args):
    return ansible.run('ansible-playbook', 'logmein.central.converge', '-e', json.dumps({'desired_state_plan_file': str(plan_path)}),
                       *args, ANSIBLE_INVENTORY_UNPARSED_FAILED='false')


def test_a_reviewed_plan_is_applied_exactly_or_refused_naming_what_changed(ansible, central, tmp_path):
    count = 4
    document = side_by_side_document(central, count)
    path = write_document(tmp_path / 'desired.yml', document)
    folder = tmp_path / 'report'
    assert drift_report(ansible, path, folder).returncode != 0  # drift: the gate fails, the plan is written
    plan_path = folder / 'plan.json'
    plan = json.loads(plan_path.read_text(encoding='utf-8'))
    assert plan['format'] == 'logmein.central.reviewed_plan/1' and plan['fingerprint'].startswith('sha256:')
    assert plan['document'] == str(path) and sorted(plan['estate']['hosts']) == sorted(document['hosts'])
    assert sorted(plan['changes']['descriptions']) == sorted(document['hosts'])
    text = (folder / 'drift_report.txt').read_text(encoding='utf-8')
    assert 'desired_state_plan_file=%s/plan.json' % folder in text
    # The target group holds other hosts, which the document does not name: listed for review.
    hosts, groups, dummy, dummy = estate(central)
    others = sorted(i for i, h in hosts.items() if h.get('groupId') == groups['Work Computers'] and str(i) not in document['hosts'])
    assert others and 'hosts in the computer groups the document manages that the document does not name' in text
    assert '"Work Computers" (id %d): %d host(s): %s' % (groups['Work Computers'], len(others), ', '.join(map(str, others))) in text
    report = json.loads((folder / 'drift_report.json').read_text(encoding='utf-8'))
    assert report['fingerprint'] == plan['fingerprint'] and report['unmanaged'][0]['host_ids'] == others
    assert writes(central) == []

    # Someone changes a managed description outside the collection (in Central) after the review.
    changed_id = sorted(int(k) for k in document['hosts'])[1]
    state = central.state()
    next(h for h in state['hosts'] if h['id'] == changed_id)['description'] = 'Changed after the review'
    central.put_state(state)
    central.clear_log()
    refused = apply_plan(ansible, plan_path)
    assert refused.returncode != 0 and writes(central) == [], refused.stdout[-3000:]
    assert 'no longer matches the reviewed plan' in refused.stdout
    assert 'host %d description: ' % changed_id in refused.stdout and '"Changed after the review"' in refused.stdout

    # A plan edited after its review is refused before any call.
    edited = dict(plan, changes=dict(plan['changes'], descriptions={str(changed_id): 'Sneaked in'}))
    edited_path = tmp_path / 'edited.json'
    edited_path.write_text(json.dumps(edited), encoding='utf-8')
    central.clear_log()
    tampered = apply_plan(ansible, edited_path)
    assert tampered.returncode != 0 and 'was changed after it was made' in tampered.stdout and central.log() == []

    # A new plan of the account as it is now, applied: exactly its writes, then nothing.
    assert drift_report(ansible, path, folder).returncode != 0
    plan = json.loads(plan_path.read_text(encoding='utf-8'))
    central.clear_log()
    assert_ok(apply_plan(ansible, plan_path))
    sent = accepted_writes(central)
    assert sum(1 for e in sent if e['action'] == DESCRIBE) == len(plan['changes']['descriptions']) == count
    assert sum(1 for e in sent if e['action'] == MOVE) == len(plan['changes']['groups']) == 1
    assert_converged(central, document)
    central.clear_log()
    again = apply_plan(ansible, plan_path)  # applied again (an interrupted apply run anew): its writes are done
    assert_ok(again)
    assert writes(central) == []
