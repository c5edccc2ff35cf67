# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reviewed plans: the estate a plan was computed from, what changed since, and plans edited after review."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.reviewed_plan import (
    changes_of, check_plan, differences, fingerprint, refuse_if_changed, reviewed_plan, scope_of)

ESTATE = {'hosts': {'1': {'group_id': 10, 'description': 'old', 'custom_fields': {'Rack': None}},
                    '2': {'description': 'same'}},
          'custom_fields': {'Rack': False}}
CHANGES = {'groups': {'20': [1]}, 'descriptions': {'1': 'new'}, 'custom_fields': [{'name': 'Rack', 'values': {'1': 'R1'}}]}


def test_the_fingerprint_depends_on_values_not_on_key_order():
    reordered = {'custom_fields': {'Rack': False}, 'hosts': {'2': {'description': 'same'},
                                                             '1': {'custom_fields': {'Rack': None}, 'description': 'old', 'group_id': 10}}}
    assert fingerprint(ESTATE) == fingerprint(reordered)
    assert fingerprint(ESTATE) != fingerprint(dict(ESTATE, custom_fields={'Rack': True}))


def test_the_same_estate_or_the_planned_values_match_anything_else_is_named():
    assert differences(ESTATE, ESTATE, CHANGES) == []
    written = {'hosts': {'1': {'group_id': 20, 'description': 'new', 'custom_fields': {'Rack': 'R1'}}, '2': {'description': 'same'}},
               'custom_fields': {'Rack': True}}
    assert differences(ESTATE, written, CHANGES) == []  # a plan applied in part, or again
    changed = {'hosts': {'1': {'group_id': 30, 'description': 'someone else', 'custom_fields': {'Rack': 'R9'}}},
               'custom_fields': {'Rack': False}}
    assert differences(ESTATE, changed, CHANGES) == [
        'host 1 group: "10" in the plan, now "30"',
        'host 1 description: "old" in the plan, now "someone else"',
        'host 1 custom field "Rack": none in the plan, now "R9"',
        'host 2: gone from the account',
    ]
    with pytest.raises(ValidationError) as refused:
        refuse_if_changed(ESTATE, changed, CHANGES)
    assert 'no longer matches the reviewed plan' in refused.value.message and 'nothing was written' in refused.value.message
    assert differences(ESTATE, dict(ESTATE, custom_fields={'Rack': True}), {}) == [
        'custom field "Rack": missing in the plan, now existing']


def test_a_plan_edited_after_it_was_made_is_refused():
    plan = reviewed_plan(ESTATE, CHANGES)
    check_plan(plan)
    edited = dict(plan, changes=dict(CHANGES, descriptions={'1': 'sneaked in'}))
    with pytest.raises(ValidationError, match='changed after it was made'):
        check_plan(edited)
    with pytest.raises(ValidationError, match='changed after it was made'):
        check_plan(dict(plan, estate=dict(ESTATE, custom_fields={})))
    with pytest.raises(ValidationError, match='not a reviewed plan'):
        check_plan({'format': 'something else'})
    with pytest.raises(ValidationError, match='changes must be a mapping'):
        check_plan(dict(plan, changes=[]))


def test_a_check_mode_result_becomes_the_input_of_exactly_its_writes():
    result = {
        'groups': {'moved': [{'host_id': 1, 'to_group_id': 20}, {'host_id': 3, 'to_group_id': 20}]},
        'descriptions': {'hosts': [{'host_id': 1, 'after': 'new', 'changed': True}, {'host_id': 2, 'after': 'same', 'changed': False}]},
        'custom_fields': [{'name': 'Rack', 'category': {'id': None, 'name': 'Rack'}, 'hosts': []},
                          {'name': 'Site', 'category': {'id': '7', 'name': 'Site'}, 'hosts': [{'host_id': 2, 'after': None, 'changed': True}]},
                          {'name': 'Kept', 'category': {'id': '8', 'name': 'Kept'}, 'hosts': [{'host_id': 2, 'after': 'x', 'changed': False}]}],
    }
    assert changes_of(result) == {'groups': {'20': [1, 3]}, 'descriptions': {'1': 'new'},
                                  'custom_fields': [{'name': 'Rack', 'values': {}}, {'name': 'Site', 'values': {'2': None}}]}


def test_the_scope_of_an_input_is_every_attribute_it_manages():
    params = {'groups': {'Work': [1, '2']}, 'descriptions': {'1': 'x'}, 'custom_fields': [{'name': 'Rack', 'values': {3: None}}]}
    assert scope_of(params) == {'hosts': {'1': {'group_id': None, 'description': None}, '2': {'group_id': None},
                                          '3': {'custom_fields': {'Rack': None}}}, 'custom_fields': {'Rack': None}}
