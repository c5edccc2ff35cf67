# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The desired_state filters: validation of a document against the estate, the plan of writes, the drift summary."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.filter.desired_state import (
    FilterModule,
    desired_state_drift,
    desired_state_plan,
    missing_hosts,
)

CENTRAL = {
    'groups': [
        {'id': 705185, 'name': 'Work Computers', 'host_ids': [1, 2]},
        {'id': 714175, 'name': 'sales-team', 'host_ids': [3]},
        {'id': 709199, 'name': 'Finance & Legal', 'host_ids': []},
        {'id': 800000, 'name': '705185', 'host_ids': []},
    ],
    'custom_fields': [
        {'id': 'c-loc', 'name': 'Location', 'values_in_use': [{'id': 'v-bud', 'name': 'Budapest'}], 'hosts': {'1': 'Budapest'}},
        {'id': 'c-tag', 'name': 'Asset Tag', 'values_in_use': [], 'hosts': {}},
        {'id': 'c-tw1', 'name': 'Twin', 'values_in_use': [], 'hosts': {}},
        {'id': 'c-tw2', 'name': 'Twin', 'values_in_use': [], 'hosts': {}},
    ],
}


def plan(document, host_check=None):
    return desired_state_plan(document, CENTRAL, host_check)


def test_the_filters_are_registered():
    assert sorted(FilterModule().filters()) == ['desired_state_drift', 'desired_state_plan', 'desired_state_result']


def test_a_valid_document_is_planned_by_kind():
    result = plan({
        'custom_fields': ['Location', 'Rack'],
        'hosts': {
            1: {'description': 'TV Workstation', 'group': 'sales-team', 'custom_fields': {'Location': 'Budapest', 'Rack': 'R1'}},
            '2': {'group': 709199, 'custom_fields': {'Asset Tag': 1234, 'Location': None}},
            3: {'description': 42},
            4: {},
        },
    })
    assert result['valid'] and result['problems'] == []
    assert result['host_ids'] == [1, 2, 3, 4]
    assert result['unverified_hosts'] == [4]
    assert result['groups'] == {714175: [1], 709199: [2]}
    assert result['descriptions'] == {1: 'TV Workstation', 3: '42'}
    assert result['custom_fields'] == [
        {'name': 'Location', 'exists': True, 'values': {1: 'Budapest', 2: None}, 'new_values': False},
        {'name': 'Rack', 'exists': False, 'values': {1: 'R1'}, 'new_values': True},
        {'name': 'Asset Tag', 'exists': True, 'values': {2: '1234'}, 'new_values': True},
    ]


def test_custom_fields_whose_values_are_all_in_use_go_first():
    result = plan({'custom_fields': ['Asset Tag', 'Rack', 'Location'],
                   'hosts': {1: {'custom_fields': {'Asset Tag': 'new', 'Location': 'Budapest'}}, 2: {'custom_fields': {'Location': None}}}})
    assert [(f['name'], f['new_values']) for f in result['custom_fields']] == [
        ('Location', False), ('Asset Tag', True), ('Rack', True)]


def test_an_empty_document_manages_nothing():
    for document in ({}, {'hosts': None, 'custom_fields': None}):
        result = plan(document)
        assert result['valid']
        assert (result['groups'], result['descriptions'], result['custom_fields'], result['unverified_hosts']) == ({}, {}, [], [])


def test_every_problem_is_listed():
    result = plan({
        'custom_fields': ['Location', 42, '', 'Location', 'Twin'],
        'colour': 'blue',
        'hosts': {
            1: {'description': '', 'group': 'Nope', 'owner': 'x', 'custom_fields': {'Undeclared': 'x', 'Location': ['a']}},
            'x1': {'group': 'Work Computers'},
            2: 'a string',
            '3': {'group': True, 'custom_fields': 'Location=x'},
            3: {'description': 'twice'},
            5: {'custom_fields': {7: 'x', 'Location': ''}},
        },
    }, host_check={'changed': False, 'failed': True, 'missing_hosts': [5, 99], 'present': [],
                   'msg': 'hosts names hosts that do not exist in LogMeIn Central: 5, 99'})
    assert not result['valid']
    expected = [
        "unknown key 'colour' at the top of the document",
        'custom_fields: a name must be a string, got 42',
        'custom_fields: a name must not be empty',
        "custom_fields names 'Location' twice",
        "2 custom fields are called 'Twin' (ids c-tw1, c-tw2)",
        "host 1: unknown key 'owner'",
        'host 1: description must not be empty',
        "host 1: group 'Nope' does not exist",
        "host 1: custom field 'Undeclared' is neither listed under custom_fields nor existing",
        "host 1: value of custom field 'Location' must be a string, got ['a']",
        "hosts: 'x1' is not a host id",
        "host 2: the entry must be a mapping",
        'host 3: group must be a group name or id, got True',
        'host 3: custom_fields must be a mapping',
        'hosts names host 3 twice',
        'host 5: custom field name 7 is not a string',
        "host 5: value of custom field 'Location' must not be empty",
        'host 5 does not exist in LogMeIn Central',
        'host 99 does not exist in LogMeIn Central',
    ]
    assert len(result['problems']) == len(expected)
    for problem, start in zip(result['problems'], expected):
        assert start in problem, (problem, start)


def test_a_group_name_that_is_another_groups_id_is_ambiguous():
    result = plan({'hosts': {1: {'group': '705185'}}})
    assert result['problems'] == ["host 1: group '705185' is ambiguous: it matches 'Work Computers' (id 705185) by id, "
                                  "'705185' (id 800000) by name; use the id of the group you mean, or a name no other group has"]
    assert plan({'hosts': {1: {'group': 'Work Computers'}}})['groups'] == {705185: [1]}


def test_long_group_names_are_cut_in_the_list_of_groups():
    central = dict(CENTRAL, groups=[{'id': 1, 'name': 'x' * 1000, 'host_ids': []}])
    problem = desired_state_plan({'hosts': {1: {'group': 'y'}}}, central)['problems'][0]
    assert len(problem) < 200 and problem.endswith("xxx'... (id 1)")


def test_facts_without_groups_and_custom_fields_are_an_error():
    with pytest.raises(AnsibleFilterError, match='gather=\\[groups, custom_fields\\]'):
        desired_state_plan({}, {'groups': []})


@pytest.mark.parametrize('host_check, expected', [
    (None, ([], None)),
    ({'skipped': True}, ([], None)),
    ({'changed': False, 'present': [1, 2], 'missing_hosts': []}, ([], None)),
    ({'failed': True, 'missing_hosts': [12, 3], 'msg': 'hosts names hosts that do not exist in LogMeIn Central: 12, 3'}, ([3, 12], None)),
    # The message is not parsed: only the result's list counts.
    ({'failed': True, 'msg': 'hosts names hosts that do not exist in LogMeIn Central: 12, 3'},
     ([], 'could not check that the hosts exist: hosts names hosts that do not exist in LogMeIn Central: 12, 3')),
    ({'failed': True, 'msg': 'authentication failed'}, ([], 'could not check that the hosts exist: authentication failed')),
])
def test_missing_hosts_from_the_host_module(host_check, expected):
    assert missing_hosts(host_check) == expected


def test_drift_summarises_what_the_modules_found():
    groups = {'changed': True, 'moved': [{'host_id': 1, 'from_group_id': -1, 'from_group': None, 'to_group_id': 7, 'to_group': 'G'}]}
    descriptions = {'changed': True, 'hosts': [{'host_id': 1, 'before': 'a', 'after': 'b', 'changed': True},
                                               {'host_id': 2, 'before': 'c', 'after': 'c', 'changed': False}]}
    fields = {'results': [
        {'changed': True, 'category': {'id': None, 'name': 'Rack'}, 'diff': {'before': {'name': None, 'values': {}}},
         'hosts': [{'host_id': 1, 'before': None, 'after': 'R1', 'changed': True}], 'item': {'name': 'Rack'}},
        {'changed': False, 'category': {'id': 'c', 'name': 'Location'}, 'diff': {'before': {'name': 'Location', 'values': {}}},
         'hosts': [{'host_id': 1, 'before': 'B', 'after': 'B', 'changed': False}]},
        {'skipped': True},
    ]}
    drift = desired_state_drift(groups, descriptions, fields)
    assert drift == {
        'changed': True, 'count': 4, 'categories': ['Rack'],
        'moves': [{'host_id': 1, 'before': None, 'after': 'G', 'before_id': -1, 'after_id': 7}],
        'descriptions': [{'host_id': 1, 'before': 'a', 'after': 'b'}],
        'values': [{'host_id': 1, 'custom_field': 'Rack', 'before': None, 'after': 'R1'}],
    }


def test_no_drift_when_every_task_was_skipped_or_unchanged():
    drift = desired_state_drift({'skipped': True}, {'skipped': True}, {'results': []})
    assert drift == {'changed': False, 'count': 0, 'categories': [], 'moves': [], 'descriptions': [], 'values': []}


def test_the_run_result_says_per_kind_and_host_what_was_written_and_what_is_left():
    from ansible_collections.logmein.central.plugins.filter.desired_state import desired_state_result

    def lane(**statuses):
        return dict({'written': [], 'pending': [], 'failed': [], 'outcome_unknown': [], 'calls_left': 0}, **statuses)

    converged = {'changed': True, 'complete': False, 'rounds': 3, 'elapsed_seconds': 900.5, 'eta_seconds': 120.0, 'api_calls': 20,
                 'progress': {'groups': lane(written=[1]), 'descriptions': lane(written=[1, '2'], pending=[3], calls_left=1),
                              'custom_fields': {'Rack': lane(outcome_unknown=[4], pending=[5])}}}
    result = desired_state_result(converged)
    assert result['outcome'] == 'incomplete' and not result['complete'] and result['message'] == ''
    assert result['counts'] == {'written': 3, 'pending': 2, 'failed': 0, 'outcome_unknown': 1}
    assert result['kinds']['descriptions'] == {'written': [1, 2], 'pending': [3], 'failed': [], 'outcome_unknown': []}
    assert result['kinds']['custom_fields']['Rack']['outcome_unknown'] == [4]
    assert (result['rounds'], result['elapsed_seconds'], result['eta_seconds'], result['api_calls']) == (3, 900.5, 120.0, 20)

    failed = desired_state_result(dict(converged, failed=True, msg='writes of 1 kind(s) failed'))
    assert failed['outcome'] == 'failed' and failed['message'] == 'writes of 1 kind(s) failed'
    assert desired_state_result({'changed': False, 'complete': True})['outcome'] == 'converged'
    # A converge that failed before it wrote (bad input, refused credentials): nothing per kind.
    assert desired_state_result({'failed': True, 'msg': 'invalid'})['counts']['written'] == 0
    with pytest.raises(AnsibleFilterError):
        desired_state_result('not a result')
