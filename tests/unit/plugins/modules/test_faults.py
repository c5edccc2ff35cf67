# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The fault suite: every module, in process, against the emulator's deterministic faults.

``FAULTS`` lists the faults, ``COMPONENTS`` the eight modules and the inventory plugin, and
``MATRIX`` the outcome expected of each pair: the job either completes correctly (the
emulator's state shows the work done) or fails clearly (one line naming the action or the
status, no traceback, no PSK, and no claim of work that the state shows was not done). A
non-idempotent create (a custom field category, a remote-session link, an anti-virus
command) is never carried out twice. The inventory plugin's column runs in
tests/unit/plugins/inventory/test_inventory_faults.py; ``matrix_rst()`` renders the whole
table for the documentation.

Time is scaled down, as ``make demo`` scales the rate limit window: retry backoff and the
first learned rate-limit interval are a hundredth of the real ones. What is retried, how
often and in which order does not change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import functools

import pytest
import yaml

from ansible_collections.logmein.central.plugins.module_utils import client as client_mod
from ansible_collections.logmein.central.plugins.module_utils import rate_limit as rate_limit_mod
from ansible_collections.logmein.central.tests.unit.plugins.modules.module_runner import connection_args, run_module

# Faults --------------------------------------------------------------------------------------

Fault = collections.namedtuple('Fault', 'key title rules connection config')

# ``rules(key_action)`` gives the emulator's fault rules; ``key_action`` is the component's
# main call (its write; for a reader, the report creation or its first read).
FAULTS = [
    Fault('error_500', 'HTTP 500 on every 2nd call',
          lambda key: [{'kind': 'error_500', 'every': 2}], {}, {}),
    Fault('drop_before', 'connection dropped before every 2nd call is processed',
          lambda key: [{'kind': 'drop_before', 'every': 2}], {}, {}),
    Fault('drop_after_commit', 'main call committed, its answer dropped',
          lambda key: [{'kind': 'drop_after_commit', 'count': 1, 'match': key}], {}, {}),
    Fault('latency', 'main call answers after 1.5 s, timeout 0.5 s',
          lambda key: [{'kind': 'latency', 'seconds': 1.5, 'count': 1, 'match': key}], {'timeout': 0.5}, {}),
    Fault('malformed_json', 'every 2nd answer is truncated JSON',
          lambda key: [{'kind': 'malformed_json', 'every': 2}], {}, {}),
    Fault('status_429', 'a run of three 429 answers',
          lambda key: [{'kind': 'status_429', 'count': 3}], {'rate_limit_max_wait': 5}, {}),
    Fault('status_429_budget', '429 on every call, rate_limit_max_wait 0',
          lambda key: [{'kind': 'status_429'}], {'rate_limit_max_wait': 0}, {}),
    Fault('expired_token', 'report tokens expired (active report, and within a read)',
          None, {}, {}),
]
FAULT_KEYS = [fault.key for fault in FAULTS]

COMPONENTS = ['host_description', 'host_group', 'host', 'host_connection', 'custom_field', 'av_action', 'report_facts',
              'desired_state_export', 'desired_state_converge', 'inventory']

COMPLETES = 'completes'
FAILS = 'fails'
NOT_APPLICABLE = 'n/a'
Outcome = collections.namedtuple('Outcome', 'kind note xfail')


def completes(note='', xfail=None):
    return Outcome(COMPLETES, note, xfail)


def fails(note='', xfail=None):
    return Outcome(FAILS, note, xfail)


# A cell with ``xfail=Bug(short, reason)`` is a known bug: a strict xfail until it is fixed.
Bug = collections.namedtuple('Bug', 'short reason')


def row(default, **cells):
    """A row of the matrix: ``default`` in every component's cell but those given."""
    result = dict((component, default) for component in COMPONENTS)
    result.update(cells)
    return result


NO_TOKEN = Outcome(NOT_APPLICABLE, 'n/a (no report token)', None)
NOTHING_DONE = 'nothing written'
UNKNOWN = 'outcome unknown, nothing duplicated'

# The published matrix: MATRIX[fault][component]. ``kind`` is the outcome the suite
# requires; a cell with ``xfail`` does not meet it yet, and its note says what happens.
MATRIX = {
    'error_500': row(
        completes('retried'),
        host_connection=fails('HTTP 500 named, nothing created'),
        custom_field=fails('HTTP 500 named; re-read, not sent again; ' + UNKNOWN),
        av_action=fails('HTTP 500 named, command not sent'),
    ),
    'drop_before': row(
        completes('retried'),
        host_connection=fails(UNKNOWN),
        custom_field=fails('re-read, not sent again; ' + UNKNOWN),
        av_action=fails(UNKNOWN),
    ),
    'drop_after_commit': row(
        completes('retried'),
        host=completes('retried; the delete is verified by re-reading'),
        host_connection=fails(UNKNOWN),
        custom_field=completes('create verified by re-reading, not sent twice'),
        av_action=fails(UNKNOWN),
    ),
    'latency': row(
        completes('retried after the timeout'),
        host=completes('retried; the delete is verified by re-reading'),
        host_connection=fails(UNKNOWN),
        custom_field=completes('create verified by re-reading, not sent twice'),
        av_action=fails(UNKNOWN),
    ),
    'malformed_json': row(
        completes('retried'),
        host=completes('retried; the delete is verified by re-reading'),
        host_connection=fails(UNKNOWN),
        custom_field=completes('create verified by re-reading, not sent twice'),
        av_action=fails(UNKNOWN),
    ),
    'status_429': row(completes('waited out')),
    'status_429_budget': row(fails('rate limit and rate_limit_max_wait named, ' + NOTHING_DONE)),
    'expired_token': row(
        NO_TOKEN,
        report_facts=completes('an expired active report is replaced; a token expiring mid-read fails clearly'),
        inventory=fails('a token expiring mid-read: HTTP 400 "expired" named'),
    ),
}

# What a failure's message must say under a fault, and the faults under which a failed job has written nothing
# (the emulator refused or dropped every write before carrying it out).
FAILURE_SAYS = {'error_500': 'HTTP 500', 'status_429_budget': 'rate_limit_max_wait', 'expired_token': 'expired'}
NOTHING_COMMITTED = ('error_500', 'drop_before', 'status_429_budget')

# Token expiry variants for the components that read inventory reports.
TOKEN_CASES = ('active_expired', 'expires_while_reading')


def cases(components):
    """pytest parameters ``(fault, component)`` of the matrix for ``components``, with their xfail marks."""
    params = []
    for fault in FAULTS:
        if fault.key == 'expired_token':
            continue
        for component in components:
            outcome = MATRIX[fault.key][component]
            marks = [pytest.mark.xfail(strict=True, reason=outcome.xfail.reason)] if outcome.xfail else []
            params.append(pytest.param(fault, component, marks=marks, id='%s-%s' % (fault.key, component)))
    return params


def matrix_rst():
    """The matrix as an RST list-table, faults by components."""
    lines = ['.. list-table:: Faults and outcomes', '   :header-rows: 1', '   :stub-columns: 1', '',
             '   * - fault']
    lines.extend('     - %s' % component for component in COMPONENTS)
    for fault in FAULTS:
        lines.append('   * - %s' % fault.title)
        for component in COMPONENTS:
            outcome = MATRIX[fault.key][component]
            if outcome.kind == NOT_APPLICABLE:
                text = outcome.note
            else:
                text = outcome.kind + (' (%s)' % outcome.note if outcome.note else '')
                if outcome.xfail:
                    text = '%s required; known bug: %s' % (text, outcome.xfail.short)
            lines.append('     - %s' % text)
    return '\n'.join(lines) + '\n'


# Time, scaled down -----------------------------------------------------------------------------

@pytest.fixture
def fast_time(monkeypatch):
    """Retry backoff and the rate limiter's guesses and cap at a hundredth of their real length.

    The cap too: a refused spacing longer than the last scaled guess (slow calls on a loaded
    machine) climbs to it.
    """
    monkeypatch.setattr(client_mod, 'backoff_delay',
                        functools.partial(client_mod.backoff_delay, base=client_mod.RETRY_BASE_DELAY / 100,
                                          cap=client_mod.RETRY_MAX_DELAY / 100))
    monkeypatch.setattr(rate_limit_mod, 'INITIAL_INTERVAL', rate_limit_mod.INITIAL_INTERVAL / 100)
    monkeypatch.setattr(rate_limit_mod, 'LADDER', tuple(rung / 100 for rung in rate_limit_mod.LADDER))
    monkeypatch.setattr(rate_limit_mod, 'MAX_INTERVAL', rate_limit_mod.MAX_INTERVAL / 100)


# Components ----------------------------------------------------------------------------------

def committed(entries, action=None):
    """Requests (of ``action``, or all) that the emulator carried out, whether or not their answer arrived."""
    return [e for e in entries if action in (None, e['action']) and (
        e['fault'] in ('drop_after_commit', 'malformed_json', 'latency') or (e['fault'] is None and e['status'] == 200))]


def check_clean_failure(message, output, psk):
    """A failure's message: one line, no traceback, and the PSK nowhere in the output."""
    assert isinstance(message, str) and message.strip()
    assert '\n' not in message.strip(), message
    assert 'Traceback' not in output
    assert psk not in output


def check_informative_failure(message, action, write):
    """The message names the action (or the rate limit), and says so when a write may have been carried out."""
    assert 'rate limit' in message or (action and action in message), 'the message does not name %s: %s' % (action, message)
    if write:
        assert 'unknown' in message or 'may have' in message, 'a write of unknown outcome, not said: %s' % message


class Scenario:
    """One component's job: what it is asked, how its work shows in the state, what it may claim."""

    component = None
    key_action = None
    non_idempotent = None  # the action whose committed count must never exceed one
    fault_match = None  # an action the rules of every n-th call are narrowed to

    def rules(self, fault):
        rules = fault.rules(self.key_action)
        if self.fault_match:
            rules = [dict(rule, match=rule.get('match', self.fault_match)) if 'every' in rule else rule for rule in rules]
        return rules

    def __init__(self, emulator):
        self.emulator = emulator
        self.hosts = emulator.state_hosts()

    def args(self):
        raise NotImplementedError

    def check_done(self, result):
        """Assert that the state shows all of the work done (the result is a success)."""
        raise NotImplementedError

    def check_claims(self, result):
        """Assert that whatever a failed result claims as done, the state shows done."""
        assert not result.get('changed'), result


class HostDescription(Scenario):
    component = 'host_description'
    key_action = 'PUT /v1/hosts/{host-id}/description'

    def __init__(self, emulator):
        super().__init__(emulator)
        self.targets = dict((h['id'], 'fault test %d' % h['id']) for h in self.hosts[:3])

    def args(self):
        return {'descriptions': dict((str(k), v) for k, v in self.targets.items())}

    def described(self):
        return set(h['id'] for h in self.emulator.state_hosts() if self.targets.get(h['id']) == h['description'])

    def check_done(self, result):
        assert result['changed']
        assert self.described() == set(self.targets)

    def check_claims(self, result):
        assert set(result.get('done_hosts') or ()) <= self.described(), result
        if result.get('changed'):
            assert self.described(), result


class HostGroup(Scenario):
    component = 'host_group'
    key_action = 'PUT /v1/host-groups/{groupid}/hosts'

    def __init__(self, emulator):
        super().__init__(emulator)
        groups = [g['id'] for g in emulator.state(inventory=False)['groups']]
        first, second = groups[0], groups[1]
        self.targets = {}
        for host in self.hosts:
            if host['groupId'] != first and len([g for g in self.targets.values() if g == first]) < 2:
                self.targets[host['id']] = first
            elif host['groupId'] != second and second not in self.targets.values():
                self.targets[host['id']] = second

    def args(self):
        groups = {}
        for host_id, group_id in self.targets.items():
            groups.setdefault(str(group_id), []).append(host_id)
        return {'groups': groups}

    def moved(self):
        return set(h['id'] for h in self.emulator.state_hosts() if self.targets.get(h['id']) == h['groupId'])

    def check_done(self, result):
        assert result['changed'] and len(result['moved']) == len(self.targets)
        assert self.moved() == set(self.targets)

    def check_claims(self, result):
        assert set(result.get('done_hosts') or ()) <= self.moved(), result
        assert set(m['host_id'] for m in result.get('moved') or ()) <= self.moved(), result


class Host(Scenario):
    component = 'host'
    key_action = 'DELETE /v1/hosts'

    def __init__(self, emulator):
        super().__init__(emulator)
        self.targets = [h['id'] for h in self.hosts[-2:]]

    def args(self):
        return {'hosts': self.targets, 'state': 'absent'}

    def deleted(self):
        return set(self.targets) - set(h['id'] for h in self.emulator.state_hosts())

    def check_done(self, result):
        assert result['changed'] and sorted(result['deleted']) == sorted(self.targets)
        assert self.deleted() == set(self.targets)

    def check_claims(self, result):
        assert set(result.get('deleted') or ()) <= self.deleted(), result
        if result.get('changed'):
            assert self.deleted(), result


class HostConnection(Scenario):
    component = 'host_connection'
    key_action = 'POST /v1/hosts/{id}/connection'
    non_idempotent = key_action

    def __init__(self, emulator):
        super().__init__(emulator)
        self.target = next(h['id'] for h in self.hosts if h['isHostOnline'] and not h['raSessionInProgress'])

    def args(self):
        return {'host_id': self.target}

    def check_done(self, result):
        assert result['changed'] and 'connectionUrl' in (result['connection'] or {}), result
        assert len(committed(self.emulator.log(), self.key_action)) == 1

    def check_claims(self, result):
        assert not result.get('connection'), result


class CustomField(Scenario):
    component = 'custom_field'
    key_action = 'POST /v1/hosts/custom-fields/categories'
    non_idempotent = key_action
    name = 'Fault Field'

    def __init__(self, emulator):
        super().__init__(emulator)
        self.values = {self.hosts[0]['id']: 'alpha', self.hosts[1]['id']: 'beta'}

    def args(self):
        return {'name': self.name, 'values': dict((str(k), v) for k, v in self.values.items())}

    def category(self):
        found = [c for c in self.emulator.state_categories() if c['name'] == self.name]
        assert len(found) <= 1, 'the category was created %d times' % len(found)
        return found[0] if found else None

    def set_values(self):
        category = self.category()
        if category is None:
            return set()
        names = dict((v['id'], v['name']) for v in category['values'])
        return set(h['id'] for h in self.emulator.state_hosts()
                   if h['id'] in self.values and names.get(h['customFields'].get(category['id'])) == self.values[h['id']])

    def check_done(self, result):
        category = self.category()
        assert category is not None and result['category']['id'] == category['id'], result
        assert self.set_values() == set(self.values)

    def check_claims(self, result):
        category = self.category()
        if (result.get('category') or {}).get('id'):
            assert category is not None and result['category']['id'] == category['id'], result
        assert set(result.get('done_hosts') or ()) <= self.set_values(), result
        if result.get('changed'):
            assert category is not None, result


class AvAction(Scenario):
    component = 'av_action'
    key_action = 'POST /v1/anti-virus/actions/update-definition'
    non_idempotent = key_action

    def __init__(self, emulator):
        super().__init__(emulator)
        self.targets = [h['id'] for h in self.hosts
                        if h['isHostOnline'] and h['antiVirus'].get('antiVirusName') and h['antiVirus']['antiVirusStatus'] != 2
                        and not h['antiVirus']['isVirusDefinitionUpToDate']][:3]
        assert len(self.targets) == 3

    def args(self):
        return {'action': 'update_definition', 'hosts': self.targets}

    def updated(self):
        return set(h['id'] for h in self.emulator.state_hosts()
                   if h['id'] in self.targets and h['antiVirus']['isVirusDefinitionUpToDate'])

    def check_done(self, result):
        assert result['changed'] and sorted(result['sent']) == sorted(self.targets), result
        assert self.updated() == set(self.targets)

    def check_claims(self, result):
        assert set(result.get('sent') or ()) <= self.updated(), result
        if result.get('changed'):
            assert self.updated(), result


SYSTEM_FIELDS = ['LastBootDate', 'OsType']


class ReportFacts(Scenario):
    component = 'report_facts'
    key_action = 'POST /v1/inventory/system/reports'

    def __init__(self, emulator, use_active_report=False):
        super().__init__(emulator)
        self.use_active_report = use_active_report

    def args(self):
        return {'gather': ['hosts', 'groups', 'custom_fields', 'system_inventory'], 'system_fields': SYSTEM_FIELDS,
                'use_active_report': self.use_active_report}

    def check_done(self, result):
        facts = result['ansible_facts']['central']
        assert len(facts['hosts']) == len(self.hosts)
        assert len(facts['custom_fields']) >= 1
        inventory = facts['system_inventory']
        assert len(inventory) == len(self.hosts), inventory
        assert all(len(entry) > 1 for entry in (inventory.values() if isinstance(inventory, dict) else inventory))


class DesiredStateExport(Scenario):
    component = 'desired_state_export'
    key_action = 'GET /v1/hosts/custom-fields'

    def args(self):
        return {}

    def check_done(self, result):
        document = yaml.safe_load(result['content'])
        assert sorted(document['hosts']) == sorted(h['id'] for h in self.hosts)
        assert document['custom_fields']


class DesiredStateConverge(Scenario):
    """Descriptions, group moves and custom-field values at once, each kind in a thread of its own."""

    component = 'desired_state_converge'
    key_action = 'PUT /v1/hosts/{host-id}/description'
    # A fault of every 2nd call hits the description writes only: with three kinds written side by
    # side, which kind's call is the 2nd is a matter of timing, and the outcome would be too.
    fault_match = key_action

    def __init__(self, emulator):
        super().__init__(emulator)
        self.descriptions = HostDescription(emulator)
        self.groups = HostGroup(emulator)
        self.values = dict((h['id'], 'converge %d' % n) for n, h in enumerate(self.hosts[:2]))

    def args(self):
        return {'descriptions': self.descriptions.args()['descriptions'], 'groups': self.groups.args()['groups'],
                'custom_fields': [{'name': 'Location', 'values': dict((str(k), v) for k, v in self.values.items())}]}

    def set_values(self):
        category = next(c for c in self.emulator.state_categories() if c['name'] == 'Location')
        names = dict((v['id'], v['name']) for v in category['values'])
        return set(h['id'] for h in self.emulator.state_hosts()
                   if h['id'] in self.values and names.get(h['customFields'].get(category['id'])) == self.values[h['id']])

    def check_done(self, result):
        assert result['changed'], result
        assert self.descriptions.described() == set(self.descriptions.targets)
        assert self.groups.moved() == set(self.groups.targets)
        assert self.set_values() == set(self.values)

    def check_claims(self, result):
        self.descriptions.check_claims(result.get('descriptions') or {})
        self.groups.check_claims(result.get('groups') or {})
        for field in result.get('custom_fields') or ():
            assert set(field.get('done_hosts') or ()) <= self.set_values(), result
        if not result.get('changed'):
            assert not self.descriptions.described() and not self.set_values(), result


SCENARIOS = {
    'host_description': HostDescription,
    'host_group': HostGroup,
    'host': Host,
    'host_connection': HostConnection,
    'custom_field': CustomField,
    'av_action': AvAction,
    'report_facts': ReportFacts,
    'desired_state_export': DesiredStateExport,
    'desired_state_converge': DesiredStateConverge,
}


def check_outcome(expected, succeeded, describe):
    actual = COMPLETES if succeeded else FAILS
    assert actual == expected.kind, 'expected the job to %s, it %s: %s' % (expected.kind[:-1], actual[:-1], describe())


def check_no_duplicate(emulator, action):
    if action:
        assert len(committed(emulator.log(), action)) <= 1, 'non-idempotent %s carried out twice' % action


def uncertain_write(result):
    """True when the failure is a transport failure of a write: the service may have carried it out."""
    action = result.get('api_action') or ''
    return result.get('error_kind') == 'transport' and not action.startswith('GET ')


def check_failure_says(fault_key, message, emulator):
    """What the message must say under this fault; and that nothing was written when no write got through."""
    if fault_key in FAILURE_SAYS:
        assert FAILURE_SAYS[fault_key] in message, message
    if fault_key in NOTHING_COMMITTED:
        writes = committed([e for e in emulator.log() if e['write']])
        assert not writes, writes


def judge(emulator, scenario, fault_key, result):
    """The checks of one cell; the informative-message checks come last (the known bugs trip on those)."""
    expected = MATRIX[fault_key][scenario.component]
    check_no_duplicate(emulator, scenario.non_idempotent)
    if result.failed:
        assert result.rc != 0
        check_clean_failure(result['msg'], result['_stdout'], emulator.psk)
        scenario.check_claims(result)
        check_failure_says(fault_key, result['msg'], emulator)
    else:
        scenario.check_done(result)
    check_outcome(expected, not result.failed, lambda: result.get('msg'))
    if result.failed:
        check_informative_failure(result['msg'], result.get('api_action'), uncertain_write(result))


# The matrix, modules ---------------------------------------------------------------------------

@pytest.mark.parametrize('fault, component', cases(list(SCENARIOS)))
def test_fault(emulator, tmp_path, fast_time, fault, component):  # pylint: disable=redefined-outer-name,unused-argument
    emulator.configure(page_size=20, **fault.config)
    scenario = SCENARIOS[component](emulator)
    args, env = connection_args(emulator, tmp_path / 'state', **fault.connection)
    args.update(scenario.args())
    emulator.set_faults(scenario.rules(fault))
    emulator.clear_log()

    result = run_module(component, args, env=env)

    assert any(rule['fired'] for rule in emulator.faults()), 'the fault never fired'
    emulator.set_faults([])
    judge(emulator, scenario, fault.key, result)


@pytest.mark.parametrize('case', TOKEN_CASES)
def test_expired_report_token(emulator, tmp_path, fast_time, case):  # pylint: disable=redefined-outer-name,unused-argument
    """An expired active report is replaced by a new one; a token that expires while a report is read fails clearly."""
    emulator.configure(page_size=20)
    scenario = ReportFacts(emulator, use_active_report=True)
    args, env = connection_args(emulator, tmp_path / 'state')
    args.update(scenario.args())
    if case == 'active_expired':
        first = run_module('report_facts', args, env=env)
        assert not first.failed and first['inventory_reports']['system']['source'] == 'created'
        emulator.expire_reports()
        result = run_module('report_facts', dict(args, read_cache_ttl=0), env=env)
        judge(emulator, scenario, 'expired_token', result)
        assert result['inventory_reports']['system']['source'] == 'created'
    else:
        expire_while_reading(emulator)
        result = run_module('report_facts', args, env=env)
        assert result.failed, 'a report whose token expired while it was read was reported as gathered'
        check_clean_failure(result['msg'], result['_stdout'], emulator.psk)
        check_failure_says('expired_token', result['msg'], emulator)
        check_informative_failure(result['msg'], result.get('api_action'), write=False)


def expire_while_reading(emulator):
    """Every token lives 0.2 s and the first page answers after 0.5 s: its continuation token is dead on arrival."""
    emulator.configure(report_token_ttl=0.2)
    emulator.set_faults([{'kind': 'latency', 'seconds': 0.5, 'count': 1, 'match': 'GET /v1/inventory/system/reports/{token}'}])


def test_the_matrix_covers_every_fault_and_component():
    assert sorted(MATRIX) == sorted(FAULT_KEYS)
    for row in MATRIX.values():
        assert sorted(row) == sorted(COMPONENTS)
    table = matrix_rst()
    assert table.count('   * - ') == len(FAULTS) + 1
