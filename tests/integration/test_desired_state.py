# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The desired_state role and the converge / drift_report playbooks, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

import collections
import json
import os

from ansible_collections.logmein.central.tests.integration.conftest import HERE, reads, writes

SAMPLES = os.path.join(HERE, 'desired_state')
GROUPS = ('Work Computers', 'sales-team', 'Finance & Legal')
MOVE = 'PUT /v1/host-groups/{groupid}/hosts'
DESCRIBE = 'PUT /v1/hosts/{id}/description'
SET_VALUE = 'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}'
DELETE_VALUE = 'DELETE /v1/hosts/{id}/custom-fields/value-by-category/{category-id}'


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def converge(ansible, document, *args):
    return ansible.run('ansible-playbook', 'logmein.central.converge', '-e', json.dumps({'desired_state_file': str(document)}), *args,
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false')


def drift_report(ansible, document, folder):
    return ansible.run('ansible-playbook', 'logmein.central.drift_report',
                       '-e', json.dumps({'desired_state_file': str(document), 'drift_report_dir': str(folder)}),
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false')


def write_document(path, document):
    # JSON is YAML: the file is what a user would write, with integer host ids as keys (as text in JSON).
    path.write_text(json.dumps(document), encoding='utf-8')
    return path


def estate(central):
    """``(hosts by id, group id by name, {category name: {value id: name}}, category id by name)`` of the emulator."""
    state = central.state(inventory=False)
    hosts = {h['id']: h for h in state['hosts']}
    groups = {g['name']: g['id'] for g in state['groups']}
    values = {c['name']: {v['id']: v['name'] for v in c['values']} for c in state['customFieldCategories']}
    category_ids = {c['name']: c['id'] for c in state['customFieldCategories']}
    return hosts, groups, values, category_ids


def host_value(host, category_ids, values, name):
    value_id = host.get('customFields', {}).get(category_ids[name])
    return values[name].get(value_id) if value_id else None


def big_document(central):
    """200 hosts, 3 target groups, 2 categories; returns (document, the writes the API needs)."""
    hosts, groups, values, category_ids = estate(central)
    chosen = sorted(hosts)[:200]
    # Asset Tag's values and Szeged (a Location) are new to Central: their ids are unknown after the writes.
    document = {'custom_fields': ['Asset Tag', 'Location'], 'hosts': {}}
    needed = collections.Counter()
    moved_to = set()
    for position, host_id in enumerate(chosen):
        group = GROUPS[position % 3]
        location = ('Budapest', 'Chicago', 'Szeged')[position % 3]
        tag = 'DS-%04d' % position if position % 2 else host_value(hosts[host_id], category_ids, values, 'Asset Tag')
        description = 'Desk %d' % position if position % 4 else hosts[host_id]['description']
        entry = {'group': group if position % 5 else groups[group], 'description': description,
                 'custom_fields': {'Location': location, 'Asset Tag': tag}}
        if position % 7 == 0:
            entry['custom_fields']['Asset Tag'] = None
        document['hosts'][str(host_id) if position % 2 else host_id] = entry
        host = hosts[host_id]
        if host.get('groupId') != groups[group]:
            moved_to.add(group)
        if host['description'] != description:
            needed[DESCRIBE] += 1
        for name, value in entry['custom_fields'].items():
            before = host_value(host, category_ids, values, name)
            if before != value:
                needed[SET_VALUE if value is not None else DELETE_VALUE] += 1
    needed[MOVE] = len(moved_to)
    return document, needed


def test_200_hosts_converge_with_the_writes_needed_and_constant_reads(ansible, central, tmp_path):
    central.reset(hosts=250)
    document, needed = big_document(central)
    path = write_document(tmp_path / 'big.yml', document)
    assert needed[MOVE] == 3 and needed[DESCRIBE] > 100 and needed[SET_VALUE] > 100 and needed[DELETE_VALUE] > 10

    central.clear_log()
    run = converge(ansible, path)
    assert_ok(run)
    done = collections.Counter(e['action'] for e in writes(central))
    assert done == needed
    read_actions = collections.Counter(e['action'] for e in reads(central))
    print('first run: %d reads %s, %d writes %s' % (sum(read_actions.values()), dict(read_actions), sum(done.values()), dict(done)))
    # Three reads whatever the number of custom fields: new values are cached under provisional ids.
    assert read_actions == {'GET /v2/hostswithgroups': 1, 'GET /v1/hosts/custom-fields/categories': 1,
                            'GET /v1/hosts/custom-fields': 1}, read_actions

    hosts, groups, values, category_ids = estate(central)
    for key, entry in document['hosts'].items():
        host = hosts[int(key)]
        assert host['description'] == entry['description']
        assert host['groupId'] == groups.get(entry['group'], entry['group'])
        for name, value in entry['custom_fields'].items():
            assert host_value(host, category_ids, values, name) == value

    central.clear_log()
    again = converge(ansible, path)
    assert_ok(again)
    assert writes(central) == []
    assert 'changed=0' in again.stdout
    print('second run: %d reads' % len(reads(central)))
    assert len(reads(central)) <= 3

    report = drift_report(ansible, path, tmp_path / 'report')
    assert_ok(report)
    assert 'No drift' in (tmp_path / 'report' / 'drift_report.txt').read_text(encoding='utf-8')


@pytest.mark.both_profiles
def test_check_mode_writes_nothing_and_shows_every_drift(ansible, central, tmp_path):
    sample = os.path.join(SAMPLES, 'small.yml')
    run = ansible.playbook('desired_state_role.yml', '--check', '--diff', extra_vars={'document_file': sample, 'role_check_mode': True})
    assert_ok(run)
    assert writes(central) == []
    drift = ansible.output('drift.json')
    assert drift['categories'] == ['Rack']
    assert sorted(m['host_id'] for m in drift['moves']) == [1000000591, 1000001359, 1000016746]
    assert sorted(d['host_id'] for d in drift['descriptions']) == [1000000591, 1000016746]
    assert sorted((v['host_id'], v['custom_field']) for v in drift['values']) == [
        (1000000591, 'Asset Tag'), (1000000591, 'Location'), (1000001359, 'Rack'), (1000020153, 'Asset Tag')]
    assert drift['count'] == 10
    assert 'TV Workstation' in run.stdout and 'sales-team' in run.stdout  # the diffs

    assert_ok(ansible.playbook('desired_state_role.yml', extra_vars={'document_file': sample}))
    assert writes(central)
    assert ansible.output('drift.json')['count'] == 10
    central.clear_log()
    assert_ok(ansible.playbook('desired_state_role.yml', extra_vars={'document_file': sample}))
    assert writes(central) == []
    assert ansible.output('drift.json') == {'changed': False, 'count': 0, 'categories': [], 'moves': [], 'descriptions': [], 'values': []}


def test_drift_report_gates_on_drift(ansible, central, tmp_path):
    sample = os.path.join(SAMPLES, 'small.yml')
    folder = tmp_path / 'report'
    run = drift_report(ansible, sample, folder)
    assert run.returncode != 0
    assert writes(central) == []
    text = (folder / 'drift_report.txt').read_text(encoding='utf-8')
    assert '10 difference(s)' in text
    assert 'host 1000016746: (no group) -> "Finance & Legal"' in text
    assert 'host 1000000591, Asset Tag: "AT-000000" -> "12ab34"' in text
    assert json.loads((folder / 'drift_report.json').read_text(encoding='utf-8'))['drift']['count'] == 10
    page = (folder / 'drift_report.html').read_text(encoding='utf-8')
    assert '10 difference(s)' in page and 'Finance &amp; Legal' in page and 'Finance & Legal' not in page

    assert_ok(converge(ansible, sample))
    central.clear_log()
    clean = drift_report(ansible, sample, folder)
    assert_ok(clean)
    assert writes(central) == []
    assert 'No drift' in (folder / 'drift_report.txt').read_text(encoding='utf-8')
    assert json.loads((folder / 'drift_report.json').read_text(encoding='utf-8'))['drift']['changed'] is False


# Bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): they reorder the visible line around them.
BIDI = ('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c')


@pytest.mark.core216
def test_the_drift_report_shows_hostile_strings_without_letting_them_reorder_a_line(ansible, central, tmp_path):
    """Descriptions, group and custom-field names with bidi and control characters, from Central and the document.

    The text report shows values as JSON strings with the bidi controls escaped (the exact value, as the
    plan will write it) and bare names with them removed; the JSON files escape every non-ASCII character.
    """
    state = central.state(inventory=False)
    host, other = state['hosts'][0]['id'], state['hosts'][1]['id']
    state['hosts'][0]['description'] = 'Desk \u202e1\r\ngnp.exe'  # Central may hold controls; a document may not
    group = [g for g in state['groups'] if g['name'] == 'sales-team'][0]
    group['name'] = 'Team \u2066A\u2069'
    for entry in state['hosts']:
        if entry.get('groupId') == group['id']:
            entry['groupId'] = -1
    # Host 0 stays in the group, host 1 moves into it, host 2 is in it without being named (for review).
    state['hosts'][0]['groupId'], state['hosts'][1]['groupId'], state['hosts'][2]['groupId'] = group['id'], -1, group['id']
    central.put_state(state)
    central.clear_log()
    field = 'Rack\u202eX'
    document = {'custom_fields': [field], 'hosts': {
        str(host): {'description': ' =HYPERLINK("http://evil.example/","\u200fclick") next\x9bline', 'group': group['name'],
                    'custom_fields': {field: '\u061cR-01\t'}},
        str(other): {'group': group['name']}}}
    folder = tmp_path / 'report'
    run = drift_report(ansible, write_document(tmp_path / 'hostile.yml', document), folder)
    assert run.returncode != 0  # drift: the gate fails
    assert writes(central) == []

    text = (folder / 'drift_report.txt').read_text(encoding='utf-8')
    assert not any(char in text for char in BIDI) and '\x9b' not in text and '\r' not in text
    lines = text.splitlines()
    assert '4 difference(s); converge with:' in lines
    assert '  - RackX' in lines  # a bare name: bidi controls removed
    assert ('  - host %d: "Desk \\u202e1\\r\\ngnp.exe" -> " =HYPERLINK(\\"http://evil.example/\\",\\"\\u200fclick\\") next\\u009bline"'
            % host) in lines
    assert '  - host %d, RackX: null -> "\\u061cR-01\\t"' % host in lines
    assert '  - host %d: (no group) -> "Team \\u2066A\\u2069"' % other in lines
    assert '  - "Team \\u2066A\\u2069" (id %d): 1 host(s): %d' % (group['id'], state['hosts'][2]['id']) in lines

    # The page: text with bidi controls removed and control characters replaced, escaped as HTML.
    page = (folder / 'drift_report.html').read_text(encoding='utf-8')
    assert not any(char in page for char in BIDI) and '\x9b' not in page and '\r' not in page
    assert '<span class="v">Desk 1\ufffd\ufffdgnp.exe</span>' in page
    assert '<span class="v"> =HYPERLINK(&#34;http://evil.example/&#34;,&#34;click&#34;) next\ufffdline</span>' in page
    assert '<span class="v">RackX</span>' in page and '<span class="v">Team A</span>' in page

    # The files for tools: the exact strings, every non-ASCII character escaped by JSON.
    for name in ('drift_report.json', 'plan.json'):
        raw = (folder / name).read_text(encoding='utf-8')
        assert not any(char in raw for char in BIDI) and '\\u202e' in raw
    drift = json.loads((folder / 'drift_report.json').read_text(encoding='utf-8'))['drift']
    assert drift['categories'] == [field]
    assert [(d['host_id'], d['before'], d['after']) for d in drift['descriptions']] == [
        (host, state['hosts'][0]['description'], document['hosts'][str(host)]['description'])]
    assert {m['after'] for m in drift['moves']} == {group['name']}


@pytest.mark.both_profiles
def test_an_invalid_document_fails_listing_every_problem_and_writes_nothing(ansible, central, tmp_path):
    run = converge(ansible, os.path.join(SAMPLES, 'invalid.yml'))
    assert run.returncode != 0
    assert writes(central) == []
    output = run.stdout + run.stderr
    assert 'has 10 problem(s), nothing was written' in output
    for problem in ("unknown key 'colour' at the top of the document",
                    'custom_fields: a name must be a string, got 42',
                    "host 1000000591: unknown key 'owner'",
                    'host 1000000591: description must not be empty',
                    "host 1000000591: group 'No Such Group' does not exist",
                    "custom field 'Undeclared Field' is neither listed under custom_fields nor existing",
                    "value of custom field 'Location' must be a string",
                    'host 9999999999 does not exist in LogMeIn Central',
                    "hosts: 'not-an-id' is not a host id",
                    'host 1000001359: the entry must be a mapping'):
        assert problem in output, problem
    report = drift_report(ansible, os.path.join(SAMPLES, 'invalid.yml'), tmp_path / 'report')
    assert report.returncode != 0
    assert not (tmp_path / 'report').exists()
    assert writes(central) == []


def side_by_side_document(central, count):
    """``count`` hosts, each with a new description, a new Location value and a move to another group."""
    hosts, groups, dummy, dummy = estate(central)
    target = GROUPS[0]
    chosen = sorted(i for i in hosts if hosts[i].get('groupId') != groups[target])[:count]
    return {'custom_fields': ['Location'], 'hosts': dict(
        (str(host_id), {'group': target, 'description': 'Side by side %d' % n, 'custom_fields': {'Location': 'Site %d' % n}})
        for n, host_id in enumerate(chosen))}


def write_span(central):
    """``(seconds from the first write to the last accepted one, {action: calls}, refusals)`` from the request log."""
    entries = writes(central)
    accepted = [e for e in entries if e['status'] != 429]
    return (max(e['time'] for e in accepted) - min(e['time'] for e in entries),
            collections.Counter(e['action'] for e in accepted), sum(1 for e in entries if e['status'] == 429))


@pytest.mark.parametrize('mode', ['action', 'account'])
def test_kinds_of_writes_proceed_side_by_side_at_the_api_floor(ansible, central, tmp_path, mode):
    """Issue 14: a converge takes the longest kind of writes (per action), not their sum; per account, no slower.

    The overhead is the same converge with the limit off, measured the same way (from the request log).
    """
    window, count = 1.0, 12
    document = side_by_side_document(central, count)
    path = write_document(tmp_path / 'side_by_side.yml', document)
    playbook = ['ansible-playbook', 'logmein.central.converge', '-e', json.dumps({'desired_state_file': str(path)})]
    assert_ok(ansible.run(*playbook, ANSIBLE_INVENTORY_UNPARSED_FAILED='false', LOGMEIN_CENTRAL_STATE_DIR=tmp_path / 'off'))
    overhead, calls, dummy = write_span(central)
    assert calls == {DESCRIBE: count, SET_VALUE: count, MOVE: 1}

    central.reset()
    central.configure(rate_limit_window=window, rate_limit_mode=mode)
    assert_ok(ansible.run(*playbook, ANSIBLE_INVENTORY_UNPARSED_FAILED='false', LOGMEIN_CENTRAL_STATE_DIR=tmp_path / 'limited'))
    elapsed, calls, refusals = write_span(central)
    assert calls == {DESCRIBE: count, SET_VALUE: count, MOVE: 1}
    if mode == 'action':
        floor = (count - 1) * window
    else:
        floor = (sum(calls.values()) - 1) * window
    print('%s: %.1f s, floor %.0f s, overhead %.1f s, %d refusals' % (mode, elapsed, floor, overhead, refusals))
    assert elapsed <= 1.1 * floor + overhead, (elapsed, floor, overhead, refusals)
    if mode == 'action':
        # Descriptions and values were written side by side: each kind's span covers most of the other's.
        described = [e['time'] for e in writes(central) if e['action'] == DESCRIBE and e['status'] != 429]
        valued = [e['time'] for e in writes(central) if e['action'] == SET_VALUE and e['status'] != 429]
        assert min(valued) < max(described) and min(described) < max(valued)
