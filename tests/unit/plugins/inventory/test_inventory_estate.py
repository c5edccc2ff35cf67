# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Host variables and filters from raw answers (plugin_utils/_inventory_estate.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.account import AmbiguousGroup, UnknownGroup
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids
from ansible_collections.logmein.central.plugins.plugin_utils._inventory_estate import Estate


def answers(**extra):
    data = {
        'format': 1,
        'hosts_with_groups': {
            'groups': [{'id': 10, 'name': 'Lab'}, {'id': 11, 'name': 'Lab'}, {'id': 12, 'name': '13'}, {'id': 13, 'name': 'Desk'},
                       {'id': -1, 'name': None}],
            'hosts': [
                {'id': 3, 'description': 'c', 'groupid': -1, 'isHostOnline': True, 'hostStateChangeDate': '2018-11-05 11:35:43Z'},
                {'id': 1, 'description': 'a', 'groupid': 10, 'isHostOnline': False, 'hostStateChangeDate': '2017-12-06T20:36:00Z'},
                {'id': '2', 'description': None, 'groupid': '11', 'isHostOnline': True, 'hostStateChangeDate': 'yesterday'},
                {'id': 4, 'description': 'd', 'groupid': 12, 'isHostOnline': True, 'hostStateChangeDate': None},
            ],
        },
        'categories': [
            {'id': 'c1', 'name': 'Owner', 'values': [{'id': 'v1', 'name': 'Zoë'}]},
            {'id': 'c2', 'name': 'Owner', 'values': [{'id': 'v2', 'name': 'Ann'}]},
            {'id': 'c3', 'name': 'Site', 'values': [{'id': 'v3', 'name': 'Paris'}]},
        ],
        'host_values': {'1': {'c1': 'v1', 'c3': 'v3'}, '3': {'c3': 'v-gone', 'c-gone': 'v3'}},
    }
    data.update(extra)
    return data


def estate(**extra):
    warnings = []
    return Estate(answers(**extra), warnings.append), warnings


def test_hosts_are_sorted_by_id_and_ids_are_ints():
    built, dummy = estate()
    assert [host_id for host_id, dummy in built.hosts] == [1, 2, 3, 4]


def test_the_variables_of_a_host():
    built, dummy = estate()
    host_id, host = built.hosts[0]
    variables = built.variables(host_id, host, built.custom_values(host_id))
    assert variables == {
        'central_id': 1, 'central_description': 'a', 'central_online': False, 'central_group_id': 10,
        'central_group': 'Lab', 'central_state_changed': '2017-12-06T20:36:00Z',
        'central_custom_fields': {'Owner_c1': 'Zoë', 'Site': 'Paris'},
    }


def test_hosts_in_no_group_unknown_values_and_odd_dates():
    built, dummy = estate()
    by_id = dict(built.hosts)
    third = built.variables(3, by_id[3], built.custom_values(3))
    assert third['central_group_id'] == -1 and third['central_group'] is None
    assert third['central_custom_fields'] == {}  # a value or category the categories answer does not know is left out
    assert third['central_state_changed'] == '2018-11-05T11:35:43Z'
    second = built.variables(2, by_id[2], [])
    assert second['central_group_id'] == 11 and second['central_description'] == ''
    assert second['central_state_changed'] == 'yesterday'  # kept as written when no format fits
    assert built.variables(4, by_id[4], [])['central_state_changed'] is None


def test_categories_sharing_a_name_are_told_apart_with_a_warning():
    built, warnings = estate()
    assert [c.key for c in built.categories] == ['Owner_c1', 'Owner_c2', 'Site']
    assert len(warnings) == 2 and "several custom-field categories are named 'Owner'" in warnings[0]


def test_enrichment_variables_only_when_read():
    built, dummy = estate(
        hosts={'hosts': [{'id': 1, 'hostName': 'DESKTOP-1'}]},
        antivirus={'groups': [], 'hosts': [{'hostId': 1, 'antiVirusStatus': 1, 'isOnline': False}]},
        computer_status=[{'hostId': '1', 'lastKnownIpAddress': '10.1.1.1'}],
        system_inventory={'fields': ['OsType'], 'host_ids': [1], 'hosts': {'1': {'hostId': 1, 'osType': 'macOS'}}},
    )
    by_id = dict(built.hosts)
    first = built.variables(1, by_id[1], [])
    assert first['central_host_name'] == 'DESKTOP-1'
    assert first['central_antivirus'] == {'host_id': 1, 'anti_virus_status': 1, 'anti_virus_status_name': 'warning', 'is_online': False}
    assert first['central_computer_status'] == {'host_id': '1', 'last_known_ip_address': '10.1.1.1'}
    assert first['central_system_inventory'] == {'host_id': 1, 'os_type': 'macOS'}
    assert 'central_hardware_inventory' not in first
    fourth = built.variables(4, by_id[4], [])
    assert fourth['central_host_name'] is None and fourth['central_antivirus'] == {} and fourth['central_computer_status'] == {}
    assert fourth['central_system_inventory'] == {}
    plain, dummy = estate()
    assert not set(plain.variables(1, by_id[1], [])) & {'central_host_name', 'central_antivirus', 'central_computer_status'}


@pytest.mark.parametrize('entries, ids', [
    ([10, 11], [1, 2]),           # the groups named "Lab", by id
    ([12], [4]),                  # an id
    (['Desk'], []),               # the name of a group without hosts
    (['-1'], [3]),                # hosts in no group
    ([-1, 10], [1, 3]),
    (['nope'], []),
])
def test_computer_groups_filter(entries, ids):
    built, dummy = estate()
    warnings = []
    assert [host_id for host_id, dummy in built.select(computer_groups=entries, warn=warnings.append)] == ids
    assert bool(warnings) is ('nope' in entries)


@pytest.mark.parametrize('entry, candidates', [
    ('Lab', ["'Lab' (id 10) by name", "'Lab' (id 11) by name"]),      # a name several groups share
    ('13', ["'Desk' (id 13) by id", "'13' (id 12) by name"]),        # the id of one group, the name of another
    (13, ["'Desk' (id 13) by id", "'13' (id 12) by name"]),
])
def test_an_ambiguous_computer_group_fails_naming_the_candidates(entry, candidates):
    built, dummy = estate()
    with pytest.raises(AmbiguousGroup) as caught:
        built.select(computer_groups=[entry], warn=pytest.fail)
    assert caught.value.message.startswith('computer_groups: group %r is ambiguous' % str(entry))
    assert all(candidate in caught.value.message for candidate in candidates)


def test_an_unknown_computer_group_fails_when_strict():
    built, dummy = estate()
    with pytest.raises(UnknownGroup, match="computer_groups: group 'nope' does not exist.*'Lab' \\(id 10\\)"):
        built.select(computer_groups=['nope'], strict=True)


def test_offline_and_excluded_hosts():
    built, dummy = estate()
    assert [host_id for host_id, dummy in built.select(include_offline=False)] == [2, 3, 4]
    assert [host_id for host_id, dummy in built.select(exclude_hosts=[2, '4'])] == [1, 3]


def test_exclude_hosts_must_be_ids():
    with pytest.raises(ValidationError, match=r"exclude_hosts must list host ids \(integers\); not ids: 'web1'"):
        host_ids([1, 'web1'], 'exclude_hosts')
