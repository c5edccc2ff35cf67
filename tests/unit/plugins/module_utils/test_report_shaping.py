# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.account import Account
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.report_shaping import (
    GATHER_KEYS,
    gather_list,
    inventory_fields,
    iso_dates,
    resolve_group_ids,
    selected_host_ids,
    shape_antivirus,
    shape_computer_status,
    shape_custom_fields,
    shape_deleted_hosts,
    shape_groups,
    shape_hosts,
    shape_inventory,
    shape_remote_access,
    shape_users,
)

# The guide's examples, with the quirks the API notes list (ids as strings, both key spellings).
ESTATE = {
    'groups': [{'id': 49932, 'name': 'Work Computers'}, {'id': '49933', 'name': 'Home Computers'},
               {'id': 49934, 'name': 'Work Computers'}, {'id': -1, 'name': None}],
    'hosts': [
        {'description': 'Workhorse', 'groupid': 49932, 'hostStateChangeDate': '2017-12-06T20:36:00Z', 'id': 1001, 'isHostOnline': True},
        {'description': "Kitty's machine", 'groupid': '49933', 'hostStateChangeDate': '2018-11-05 11:35:43Z', 'id': '1002',
         'isHostOnline': False},
        {'description': 'Loner', 'groupid': -1, 'hostStateChangeDate': None, 'id': 1003, 'isHostOnline': True},
        {'description': 'Twin', 'groupid': 49934, 'hostStateChangeDate': 'sometime', 'id': 1004, 'isHostOnline': True},
    ],
}
ACCOUNT = Account.from_answer(ESTATE)


def test_hosts_have_snake_case_keys_group_names_machine_names_and_iso_dates():
    hosts = shape_hosts(ACCOUNT, {'hosts': [{'id': 1001, 'hostName': 'DESKTOP-7QK2J1X'}, {'id': 1002}]})
    assert hosts[0] == {'id': 1001, 'description': 'Workhorse', 'host_state_change_date': '2017-12-06T20:36:00Z',
                        'is_host_online': True, 'group_id': 49932, 'group_name': 'Work Computers', 'host_name': 'DESKTOP-7QK2J1X'}
    assert (hosts[1]['id'], hosts[1]['group_id'], hosts[1]['group_name'], hosts[1]['host_name']) == (1002, 49933, 'Home Computers', None)
    assert hosts[1]['host_state_change_date'] == '2018-11-05T11:35:43Z'
    assert (hosts[2]['group_id'], hosts[2]['group_name'], hosts[2]['host_state_change_date']) == (-1, None, None)
    assert hosts[3]['host_state_change_date'] == 'sometime'  # kept as written when in no known format
    assert 'groupid' not in hosts[0]
    assert shape_hosts(ACCOUNT)[0]['host_name'] is None


def test_groups_list_their_hosts_without_the_no_group_pseudo_group():
    assert shape_groups(ACCOUNT) == [{'id': 49932, 'name': 'Work Computers', 'host_ids': [1001]},
                                     {'id': 49933, 'name': 'Home Computers', 'host_ids': [1002]},
                                     {'id': 49934, 'name': 'Work Computers', 'host_ids': [1004]}]


def test_custom_fields_are_resolved_to_names_per_host():
    categories = [{'id': 'c1', 'name': 'Location', 'values': [{'id': 'v1', 'name': 'Budapest'}, {'id': 'v2', 'name': 'Chicago'}]},
                  {'id': 'c2', 'name': 'Owner', 'values': [{'id': 'v3', 'name': "{{ lookup('pipe', 'id') }}"}]},
                  {'id': 'c3', 'name': 'Empty', 'values': []}]
    host_values = {1002: {'c1': 'v2', 'c2': 'v3'}, 1001: {'c1': 'v1', 'c3': 'gone'}}
    fields = shape_custom_fields(categories, host_values)
    assert fields[0] == {'id': 'c1', 'name': 'Location', 'values_in_use': categories[0]['values'],
                         'hosts': {'1001': 'Budapest', '1002': 'Chicago'}}
    assert fields[1]['hosts'] == {'1002': "{{ lookup('pipe', 'id') }}"}
    assert fields[2]['hosts'] == {}  # a value id the category does not list is left out
    assert list(fields[0]['hosts']) == ['1001', '1002']


@pytest.mark.parametrize('code, name', [(0, 'action_required'), (1, 'warning'), (2, 'unknown'), (3, 'ok'), (4, 'free_ok'),
                                        (5, 'partial_ok'), (9, None), (None, None)])
def test_antivirus_status_by_code_and_by_name(code, name):
    details = {'groups': [{'groupId': 705185, 'groupName': 'Change', 'isCollapsed': None}],
               'hosts': [{'hostId': 1022767460, 'groupId': 705185, 'antiVirusStatus': code, 'antiVirusName': None,
                          'lastFullScanTime': '2018-10-08 17:17:22', 'canReportRealTimeProtectionStatus': False}]}
    host = shape_antivirus(details)[0]
    assert (host['anti_virus_status'], host['anti_virus_status_name']) == (code, name)
    assert host['group_name'] == 'Change' and host['host_id'] == 1022767460
    assert host['last_full_scan_time'] == '2018-10-08T17:17:22Z'
    assert host['can_report_real_time_protection_status'] is False


def test_antivirus_host_in_no_group():
    host = shape_antivirus({'groups': [], 'hosts': [{'hostId': 1, 'groupId': -1, 'antiVirusStatus': 3}]})[0]
    assert (host['group_id'], host['group_name']) == (-1, None)


def test_users_put_the_account_holder_first_with_iso_dates():
    users = shape_users({'mahData': {'id': 1, 'email': 'boss@example.com', 'isEnabled': True, 'lastLoginDate': '10/19/2018 1:15:56 PM'},
                         'usersData': [{'isPending': True, 'id': 2, 'firstName': 'John', 'lastLoginDate': None}]})
    assert users[0] == {'id': 1, 'email': 'boss@example.com', 'is_enabled': True, 'last_login_date': '2018-10-19T13:15:56Z',
                        'is_pending': False, 'is_account_holder': True}
    assert users[1] == {'is_pending': True, 'id': 2, 'first_name': 'John', 'last_login_date': None, 'is_account_holder': False}
    assert shape_users({}) == []


def test_inventory_is_keyed_by_host_id_with_dates_at_every_depth():
    report = {1026433963: {'hostId': 1026433963, 'lastLogonUserName': '.\\John', 'lastBootDate': '2018-11-21 10:16:55Z',
                           'localUsers': [{'name': 'Guest', 'created': '2022-04-11T01:32:38Z', 'lastLogin': None}],
                           'windowsProfiles': [{'name': 'C:\\Users\\zoe', 'size': 1, 'modified': '2025-05-19 20:48:25'}]},
              1000: {'hostId': 1000, 'processors': [{'numberOfCores': 4, 'type': 'Intel'}],
                     'displays': [{'date': '2024-05-14', 'version': '23.0'}]}}
    shaped = shape_inventory(report)
    assert list(shaped) == ['1000', '1026433963']
    host = shaped['1026433963']
    assert host['last_logon_user_name'] == '.\\John' and host['last_boot_date'] == '2018-11-21T10:16:55Z'
    assert host['local_users'] == [{'name': 'Guest', 'created': '2022-04-11T01:32:38Z', 'last_login': None}]
    assert host['windows_profiles'][0]['modified'] == '2025-05-19T20:48:25Z'
    assert shaped['1000']['processors'] == [{'number_of_cores': 4, 'type': 'Intel'}]
    assert shaped['1000']['displays'][0] == {'date': '2024-05-14T00:00:00Z', 'version': '23.0'}
    assert list(shape_inventory(report, host_ids=[1000, 5])) == ['1000']
    assert shape_inventory({}, host_ids=[]) == {}


def test_sessions_status_and_deleted_hosts():
    sessions = shape_remote_access([{'sessionId': 1000001, 'hostId': 1700985719, 'groupId': None,
                                     'sessionStart': '2019-02-25 11:33:40', 'sessionEnd': '2019-02-25 11:36:15', 'userIp': '10.0.0.1'}])
    assert sessions == [{'session_id': 1000001, 'host_id': 1700985719, 'group_id': None, 'session_start': '2019-02-25T11:33:40Z',
                         'session_end': '2019-02-25T11:36:15Z', 'user_ip': '10.0.0.1'}]
    status = shape_computer_status([{'hostId': 1, 'groupId': None, 'computerDescription': 'TestComputer1', 'productType': 'i',
                                     'subscriptionType': 4, 'startDate': '2016-06-14T12:54:00Z', 'status': 99,
                                     'lastKnownIpAddress': '192.168.13.111', 'softwareVersion': 12112},
                                    {'hostId': 2, 'subscriptionType': 7, 'status': None}])
    assert status[0]['last_known_ip_address'] == '192.168.13.111'
    assert (status[0]['status_name'], status[0]['subscription_type_name']) == ('cancelled', 'yearly')
    assert (status[1]['status_name'], status[1]['subscription_type_name']) == (None, None)
    deleted = shape_deleted_hosts([
        {'hostId': 1, 'status': 'Deleted', 'hostName': 'A', 'deleteReason': 'Account Cancel', 'deletedReason': 'Account Cancel',
         'deletedAt': '2018-07-05T11:30:00Z', 'installedAt': '2016-10-20 11:29:00Z'},
        {'hostId': 2, 'deletedReason': 'Invalid Subscription'}, {'hostId': 3, 'deleteReason': 'Host software uninstall'}])
    assert deleted[0] == {'host_id': 1, 'status': 'Deleted', 'host_name': 'A', 'deleted_reason': 'Account Cancel',
                          'deleted_at': '2018-07-05T11:30:00Z', 'installed_at': '2016-10-20T11:29:00Z'}
    assert [d['deleted_reason'] for d in deleted] == ['Account Cancel', 'Invalid Subscription', 'Host software uninstall']


def test_iso_dates_leaves_other_keys_and_values_alone():
    value = {'date': 12, 'name': '2019-03-01', 'items': [{'created': '2019-03-01'}], 'modified': ''}
    assert iso_dates(value) == {'date': 12, 'name': '2019-03-01', 'items': [{'created': '2019-03-01T00:00:00Z'}], 'modified': None}


def test_gather_list_expands_all_and_keeps_one_order():
    assert gather_list(['all']) == list(GATHER_KEYS)
    assert gather_list(['groups', 'hosts', 'groups']) == ['hosts', 'groups']
    assert gather_list(['deleted_hosts', 'antivirus']) == ['antivirus', 'deleted_hosts']


def test_inventory_fields_default_to_all_and_name_unknown_ones():
    offered = ['ExternalIp', 'OsType', 'LastBootDate']
    assert inventory_fields(None, offered, 'system_fields') == offered
    assert inventory_fields(['OsType', 'OsType'], offered, 'system_fields') == ['OsType']
    with pytest.raises(ValidationError) as info:
        inventory_fields(['OsType', 'ostype', 'Bogus'], offered, 'system_fields')
    assert "system_fields names fields LogMeIn Central does not offer: 'ostype', 'Bogus'" in info.value.message
    assert 'valid fields: ExternalIp, OsType, LastBootDate' in info.value.message


def test_groups_by_name_or_id_and_every_bad_one_named():
    assert resolve_group_ids([49932, 49934], ACCOUNT) == [49932, 49934]
    assert resolve_group_ids([49933, '49933', -1, 'Home Computers'], ACCOUNT) == [49933, -1]
    with pytest.raises(ValidationError) as info:
        resolve_group_ids(['Nope', 4, 'Home Computers', 'Work Computers'], ACCOUNT)
    message = info.value.message
    assert "groups: group 'Nope' does not exist in LogMeIn Central" in message
    assert "groups: group '4' does not exist" in message
    assert ("groups: group 'Work Computers' is ambiguous: it matches 'Work Computers' (id 49932) by name, "
            "'Work Computers' (id 49934) by name") in message


def test_selected_hosts():
    assert ACCOUNT.host_ids == [1001, 1002, 1003, 1004]
    assert selected_host_ids(ACCOUNT) is None
    assert selected_host_ids(ACCOUNT, [1004], [-1]) == [1003, 1004]
    assert selected_host_ids(ACCOUNT, [], [49932, 49933]) == [1001, 1002]
    assert selected_host_ids(ACCOUNT, [], [-5]) == []
