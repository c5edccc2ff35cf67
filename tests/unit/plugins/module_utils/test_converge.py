# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""desired_state_converge's writing: kinds side by side, a failure stops only its kind, results combined."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.logmein.central.plugins.module_utils.converge import combine, write_side_by_side
from ansible_collections.logmein.central.plugins.module_utils.errors import ServerError
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure, WritePlan


def plan(result, write):
    return WritePlan(dict(result, changed=True), write)


def test_each_kind_writes_in_a_thread_of_its_own_with_its_own_client():
    # Each kind's first write waits for the other two: written one after the other, they would never meet.
    meeting = threading.Barrier(3, timeout=10)
    clients = []

    def new_api():
        clients.append(object())
        return clients[-1]

    def writer(result):
        def write(api):
            assert api in clients
            meeting.wait()
            return dict(result, changed=True, client=api)
        return write

    plans = {
        'groups': [(None, plan({'moved': []}, writer({'moved': [1]})))],
        'descriptions': [(None, plan({'hosts': []}, writer({'hosts': [2]})))],
        'custom_fields': [('Location', plan({'hosts': []}, writer({'hosts': [3]}))), ('Rack', WritePlan({'changed': False}))],
    }
    outcomes = write_side_by_side(plans, new_api)
    assert len(clients) == 3
    assert len(set(id(o['client']) for o in (outcomes['groups'][0], outcomes['descriptions'][0], outcomes['custom_fields'][0]))) == 3
    assert outcomes['custom_fields'][1] == {'changed': False, 'complete': True, 'progress': {
        'written': [], 'pending': [], 'failed': [], 'outcome_unknown': [], 'calls_left': 0}}
    result = combine(plans, outcomes)
    assert result['changed'] and result['groups']['moved'] == [1] and [f['name'] for f in result['custom_fields']] == ['Location', 'Rack']


def test_a_failed_write_stops_its_kind_and_the_others_go_on():
    written = []

    def failing(api):
        raise PartialFailure.after(ServerError('HTTP 500', action='POST x', status=500), done=[{'host_id': 7}],
                                   pending=[{'host_id': 8}], result={'hosts': []})

    def later(api):
        written.append('Rack')
        return {'changed': True}

    def describe(api):
        written.append('descriptions')
        return {'changed': True, 'hosts': [{'host_id': 1}]}

    plans = {
        'groups': [],
        'descriptions': [(None, plan({'hosts': []}, describe))],
        'custom_fields': [('Location', plan({'hosts': []}, failing)), ('Rack', plan({'hosts': []}, later))],
    }
    outcomes = write_side_by_side(plans, object)
    assert written == ['descriptions']  # Rack comes after the failed Location: not attempted
    with pytest.raises(PartialFailure) as caught:
        combine(plans, outcomes)
    failure = caught.value
    assert failure.result['failed_kinds'] == ['custom_fields']
    assert "custom field 'Location': HTTP 500" in failure.message
    location, rack = failure.result['custom_fields']
    assert location['failed'] and location['done_hosts'] == [7] and location['failed_hosts'] == [8]
    assert rack['skipped'] and not rack['changed']
    assert failure.result['descriptions']['changed'] and failure.result['changed']


def test_check_mode_results_carry_one_diff_per_kind_with_a_header():
    plans = {
        'groups': [(None, WritePlan({'changed': True, 'moved': [], 'diff': {'before': {'1': 'A'}, 'after': {'1': 'B'}}}))],
        'descriptions': [],
        'custom_fields': [('Rack', WritePlan({'changed': True, 'hosts': [], 'diff': {'before': {}, 'after': {'values': {}}}}))],
    }
    result = combine(plans, dict((kind, [p.result for dummy, p in plans[kind]]) for kind in plans))
    assert [d['before_header'] for d in result['diff']] == ['computer groups', 'custom field Rack']
    assert result['descriptions'] == {'changed': False, 'hosts': []}


def test_under_a_limit_per_account_the_kinds_are_written_one_after_the_other():
    order, threads = [], set()

    def writer(name):
        def write(api):
            order.append(name)
            threads.add(threading.current_thread().name)
            return {'changed': True}
        return write

    plans = {
        'groups': [(None, plan({'moved': []}, writer('groups')))],
        'descriptions': [(None, plan({'hosts': []}, writer('descriptions')))],
        'custom_fields': [('Location', plan({'hosts': []}, writer('Location')))],
    }
    clients = []
    write_side_by_side(plans, lambda: clients.append(object()) or clients[-1], concurrently=False)
    assert order == ['groups', 'descriptions', 'Location'] and threads == {threading.current_thread().name}
    assert len(clients) == 1
