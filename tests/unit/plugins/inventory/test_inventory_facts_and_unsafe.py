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
