# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""module_utils/facts.py (snake_case, AV status names) and plugin_utils/_unsafe.py (strings are data)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

from ansible_collections.logmein.central.plugins.module_utils.facts import (
    antivirus_facts,
    av_status_name,
    computer_status_facts,
    inventory_facts,
    snake_case,
    snake_case_keys,
)
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import NEEDS_WRAPPING, make_unsafe


@pytest.mark.parametrize('name, snake', [
    ('lastKnownIpAddress', 'last_known_ip_address'),
    ('isVirusDefinitionUpToDate', 'is_virus_definition_up_to_date'),
    ('antiVirusStatus', 'anti_virus_status'),
    ('hostId', 'host_id'),
    ('DHCPServer', 'dhcp_server'),
    ('primaryWINS', 'primary_wins'),
    ('numberOfCores', 'number_of_cores'),
    ('already_snake', 'already_snake'),
    ('ExternalIp', 'external_ip'),
])
def test_snake_case(name, snake):
    assert snake_case(name) == snake


# The examples of the rule in facts.py's docstring, and other shapes of acronyms.
RULE_EXAMPLES = [
    ('iPAddress', 'ip_address'), ('mACAddress', 'mac_address'), ('lastKnownIPAddress', 'last_known_ip_address'),
    ('DHCPServer', 'dhcp_server'), ('NetworkConnectionDHCPsServer', 'network_connection_dhcps_server'),
    ('hardwareInfo', 'hardware_info'), ('serviceTag', 'service_tag'), ('numberOfCores', 'number_of_cores'), ('osType', 'os_type'),
    ('ipAddress', 'ip_address'), ('cpu2Speed', 'cpu2_speed'), ('CPU2Speed', 'cpu2_speed'), ('IPv6Address', 'ipv6_address'),
    ('lastKnownIpAddress', 'last_known_ip_address'), ('primaryWINS', 'primary_wins'), ('WINSServer', 'wins_server'),
    ('IPs', 'ips'), ('hostIDs', 'host_ids'), ('CPUsCount', 'cpus_count'), ('NetworkConnectionIPAddress', 'network_connection_ip_address'),
    ('xCoordinate', 'x_coordinate'), ('iPhoneModel', 'i_phone_model'), ('OSType', 'os_type'), ('ID', 'id'), ('iP', 'ip'),
    ('already_snake', 'already_snake'), ('Memory Size', 'memory_size'), ('free-space', 'free_space'), ('', ''),
]

# Every key the guide's examples and tables, the API notes and the emulator write today, with its snake_case
# name; none of them is renamed by the rule that keeps acronyms whole.
KEYS_SEEN_TODAY = [
    ('antiVirusName', 'anti_virus_name'), ('antiVirusStatus', 'anti_virus_status'), ('batteries', 'batteries'), ('buildNumber', 'build_number'),
    ('canReportRealTimeProtectionStatus', 'can_report_real_time_protection_status'), ('canReportThreatLog', 'can_report_threat_log'),
    ('capabilities', 'capabilities'), ('capacity', 'capacity'), ('categoryId', 'category_id'), ('categoryid', 'categoryid'),
    ('commandStatuses', 'command_statuses'), ('computerDescription', 'computer_description'), ('connectionUrl', 'connection_url'),
    ('continuation_token', 'continuation_token'), ('created', 'created'), ('date', 'date'), ('defaultGateway', 'default_gateway'),
    ('deletedAt', 'deleted_at'), ('deletedReason', 'deleted_reason'), ('deleteReason', 'delete_reason'), ('description', 'description'),
    ('dhcpServer', 'dhcp_server'), ('directLink', 'direct_link'), ('diskType', 'disk_type'), ('displays', 'displays'), ('drive', 'drive'),
    ('drives', 'drives'), ('email', 'email'), ('endDate', 'end_date'), ('EndDate', 'end_date'), ('expires', 'expires'), ('externalIp', 'external_ip'),
    ('failWhenRaSessionInProgress', 'fail_when_ra_session_in_progress'), ('fields', 'fields'), ('fileSystem', 'file_system'),
    ('firstName', 'first_name'), ('freeSpace', 'free_space'), ('group', 'group'), ('groupid', 'groupid'), ('groupId', 'group_id'),
    ('groupIdList', 'group_id_list'), ('groupName', 'group_name'), ('groups', 'groups'), ('hardwareAssetTag', 'hardware_asset_tag'),
    ('hardwareInfo', 'hardware_info'), ('hardwareManufacturer', 'hardware_manufacturer'), ('hardwareModel', 'hardware_model'),
    ('hasKasperskyInstalled', 'has_kaspersky_installed'), ('hostDescription', 'host_description'), ('hostGroups', 'host_groups'),
    ('hostId', 'host_id'), ('hostIdList', 'host_id_list'), ('hostIds', 'host_ids'), ('hostName', 'host_name'), ('hosts', 'hosts'),
    ('hostsGroups', 'hosts_groups'), ('hostStateChangeDate', 'host_state_change_date'), ('id', 'id'), ('installDate', 'install_date'),
    ('installedAt', 'installed_at'), ('ipAddress', 'ip_address'), ('isCollapsed', 'is_collapsed'), ('isEnabled', 'is_enabled'),
    ('isHostOnline', 'is_host_online'), ('isMac', 'is_mac'), ('isMultipleAntiVirusDetected', 'is_multiple_anti_virus_detected'),
    ('isOnline', 'is_online'), ('isPending', 'is_pending'), ('isRealTimeProtectionOn', 'is_real_time_protection_on'),
    ('isVirusDefinitionUpToDate', 'is_virus_definition_up_to_date'), ('journalEntries', 'journal_entries'),
    ('kasperskyInstallSupported', 'kaspersky_install_supported'), ('lastBootDate', 'last_boot_date'), ('lastFullScanTime', 'last_full_scan_time'),
    ('lastKnownIpAddress', 'last_known_ip_address'), ('lastLogin', 'last_login'), ('lastLoginDate', 'last_login_date'),
    ('lastLogonUserName', 'last_logon_user_name'), ('lastName', 'last_name'), ('lastOnline', 'last_online'),
    ('lastRemoteSession', 'last_remote_session'), ('localUsers', 'local_users'), ('macAddress', 'mac_address'), ('mahData', 'mah_data'),
    ('mediaType', 'media_type'), ('memories', 'memories'), ('memoryModules', 'memory_modules'), ('memorySize', 'memory_size'), ('message', 'message'),
    ('metadata', 'metadata'), ('metadataCategories', 'metadata_categories'), ('model', 'model'), ('modified', 'modified'),
    ('motherboardChipset', 'motherboard_chipset'), ('motherboardMemorySlots', 'motherboard_memory_slots'), ('name', 'name'),
    ('networkConnections', 'network_connections'), ('newDescription', 'new_description'), ('numberOfCores', 'number_of_cores'),
    ('numberOfProcessors', 'number_of_processors'), ('numberOfThreats', 'number_of_threats'), ('operatingSystem', 'operating_system'),
    ('osInstallDate', 'os_install_date'), ('osType', 'os_type'), ('partitions', 'partitions'), ('primaryDns', 'primary_dns'),
    ('primaryScreenResolution', 'primary_screen_resolution'), ('primaryWins', 'primary_wins'), ('processors', 'processors'),
    ('productType', 'product_type'), ('provider', 'provider'), ('raid', 'raid'), ('raidFailingDiskNumber', 'raid_failing_disk_number'),
    ('raidStatus', 'raid_status'), ('raSessionInProgress', 'ra_session_in_progress'), ('renewalDate', 'renewal_date'), ('report', 'report'),
    ('secondaryDns', 'secondary_dns'), ('secondaryWins', 'secondary_wins'), ('sentSuccessfully', 'sent_successfully'),
    ('serialNumber', 'serial_number'), ('serviceTag', 'service_tag'), ('sessionEnd', 'session_end'), ('sessionId', 'session_id'),
    ('sessionStart', 'session_start'), ('settingsTimezone', 'settings_timezone'), ('size', 'size'), ('slot', 'slot'),
    ('softwareVersion', 'software_version'), ('source', 'source'), ('speed', 'speed'), ('startDate', 'start_date'), ('StartDate', 'start_date'),
    ('status', 'status'), ('subnetMask', 'subnet_mask'), ('subscriptionType', 'subscription_type'), ('success', 'success'),
    ('supportLevel', 'support_level'), ('targetHostId', 'target_host_id'), ('targetHostIds', 'target_host_ids'), ('token', 'token'),
    ('totalSize', 'total_size'), ('type', 'type'), ('url', 'url'), ('userIp', 'user_ip'), ('usersData', 'users_data'), ('value', 'value'),
    ('valueid', 'valueid'), ('valueId', 'value_id'), ('values', 'values'), ('version', 'version'),
    ('virusDefinitionVersion', 'virus_definition_version'), ('windowsProfiles', 'windows_profiles'),
]


@pytest.mark.parametrize('name, snake', RULE_EXAMPLES + KEYS_SEEN_TODAY)
def test_snake_case_keeps_acronyms_whole(name, snake):
    assert snake_case(name) == snake


def test_nested_inventory_entries_keep_their_shape_with_keys_converted_at_every_depth():
    entry = {'hostId': 5, 'hardwareInfo': {'model': 'OptiPlex', 'serviceTag': 'ABC', 'mACAddress': None},
             'memories': [{'size': 8}, {'size': 8}], 'operatingSystem': {'type': 'Windows', 'iPAddress': ['10.0.0.1']},
             'processors': [{'id': '1', 'numberOfCores': 4, 'cpu2Speed': None}], 'networkConnections': [],
             'NetworkConnectionDHCPsServer': '10.0.0.2'}
    assert inventory_facts(entry) == {
        'host_id': 5, 'hardware_info': {'model': 'OptiPlex', 'service_tag': 'ABC', 'mac_address': None},
        'memories': [{'size': 8}, {'size': 8}], 'operating_system': {'type': 'Windows', 'ip_address': ['10.0.0.1']},
        'processors': [{'id': '1', 'number_of_cores': 4, 'cpu2_speed': None}], 'network_connections': [],
        'network_connection_dhcps_server': '10.0.0.2'}


def test_snake_case_keys_at_every_depth_values_untouched():
    answer = {'hostId': 1, 'localUsers': [{'lastLogin': None, 'userName': 'Zoë'}], 'osType': 'macOS', 7: 'int key'}
    assert snake_case_keys(answer) == {'host_id': 1, 'local_users': [{'last_login': None, 'user_name': 'Zoë'}],
                                       'os_type': 'macOS', 7: 'int key'}


@pytest.mark.parametrize('code, name', [(0, 'action_required'), (1, 'warning'), (2, 'unknown'), (3, 'ok'), (4, 'free_ok'),
                                        (5, 'partial_ok'), ('3', 'ok'), (9, None), (None, None), (True, None)])
def test_av_status_names(code, name):
    assert av_status_name(code) == name


def test_antivirus_facts_give_the_status_as_code_and_name():
    facts = antivirus_facts({'hostId': 5, 'antiVirusStatus': 0, 'antiVirusName': 'Defender', 'canReportThreatLog': True})
    assert facts == {'host_id': 5, 'anti_virus_status': 0, 'anti_virus_status_name': 'action_required',
                     'anti_virus_name': 'Defender', 'can_report_threat_log': True}


def test_computer_status_and_inventory_facts():
    assert computer_status_facts({'hostId': 5, 'lastKnownIpAddress': '10.0.0.1'}) == {'host_id': 5, 'last_known_ip_address': '10.0.0.1'}
    assert inventory_facts({'processors': [{'numberOfCores': 4}]}) == {'processors': [{'number_of_cores': 4}]}


HOSTILE = "{{ 6 * 7 }}"


def trusted(template):
    """A template written by the playbook's author: trusted (ansible-core 2.19+ templates only trusted strings)."""
    try:
        from ansible.template import trust_as_template
    except ImportError:  # ansible-core < 2.19: every str is a template unless unsafe
        return template
    return trust_as_template(template)


def test_unsafe_values_are_not_templated_on_this_core():
    value = make_unsafe({'description': HOSTILE, 'fields': {HOSTILE: [HOSTILE]}, 'id': 7, 'online': True, 'group': None})
    templar = Templar(loader=DataLoader(), variables={'host': value, 'description': value['description']})
    assert str(templar.template(trusted(HOSTILE))) == '42'  # the templar does template trusted text
    assert templar.template(trusted('{{ description }}')) == HOSTILE
    rendered = templar.template(trusted('{{ host.fields }}'))
    assert HOSTILE in str(rendered) and '42' not in str(rendered)
    assert value['id'] == 7 and value['online'] is True and value['group'] is None


def test_wrapping_only_where_the_core_needs_it():
    from ansible.utils.unsafe_proxy import AnsibleUnsafe
    value = make_unsafe({'a': ['x', {'b': 'y'}]})
    if NEEDS_WRAPPING:
        assert isinstance(value['a'][0], AnsibleUnsafe) and isinstance(value['a'][1]['b'], AnsibleUnsafe)
        assert all(isinstance(key, AnsibleUnsafe) for key in value)
    else:
        assert type(value['a'][0]) is str  # pylint: disable=unidiomatic-typecheck
