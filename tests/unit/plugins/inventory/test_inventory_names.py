# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Host names (usable, unique, independent of the API's order) and group names (valid, clashes reported)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.logmein.central.plugins.plugin_utils._inventory_names import (
    prefix_problem,
    GroupNames,
    choose_host_name,
    name_problem,
    unique_host_names,
)
from ansible_collections.logmein.central.plugins.module_utils.validation import quote


@pytest.mark.parametrize('name', ['Reception PC', 'Büro München 3', '会议室电脑', "Anna's Laptop", 'DESKTOP-7QK2J1X',
                                  'a{b}', 'x % y', 'host.example.com', '1000000123', 'x!', 'PC ~ 2'])
def test_usable_names(name):
    assert name_problem(name) is None


@pytest.mark.parametrize('name, reason', [
    ('', 'is empty'),
    ('   ', 'is empty'),
    (None, 'is empty'),
    ("{{ lookup('pipe', 'id') }}", 'template marker'),
    ('{% raw %}x{% endraw %}', 'template marker'),
    ('a {# comment #}', 'template marker'),
    ('Desk 4, Floor 2', 'breaks host patterns'),
    ('Floor: 2', 'breaks host patterns'),
    ('web[1]', 'breaks host patterns'),
    ('x]', 'breaks host patterns'),
    ('Ctrl\x07Bell', 'control characters'),
    ('tab\there', 'control characters'),
    ('nul\x00', 'control characters'),
    ('c1\x85', 'control characters'),
    ('!not', 'pattern operator'),
    ('&and', 'pattern operator'),
    ('~regex', 'pattern operator'),
    ('localhost', 'controller'),
    ('LocalHost', 'controller'),
    ('127.0.0.1', 'controller'),
    (' leading', 'white space'),
    ('trailing ', 'white space'),
    # Names of the controller beyond the literal ones, invisible characters, floods.
    ('127.0.0.2', 'controller'),
    ('127.255.255.254', 'controller'),
    ('::1', 'controller'),
    ('0:0:0:0:0:0:0:1', 'controller'),
    ('localhost.localdomain', 'controller'),
    ('localhost6', 'controller'),
    ('db\u200b01', 'invisible format characters'),              # zero-width space: looks like db01
    ('\u202eexe.tseuqer', 'invisible format characters'),      # right-to-left override
    ('\ufeffBOM', 'invisible format characters'),
    ('x' * 254, 'longer than 253 characters'),
])
def test_refused_names(name, reason):
    assert reason in name_problem(name)


def test_the_first_usable_preference_wins_and_refusals_are_recorded():
    refusals = []
    candidates = {'description': '{{ evil }}', 'host_name': 'DESKTOP-1', 'id': '7'}
    assert choose_host_name(7, candidates, ['description', 'host_name', 'id'], refusals) == 'DESKTOP-1'
    assert [(r.host_id, r.source) for r in refusals] == [(7, 'description')]
    assert str(refusals[0]) == "host 7: its description '{{ evil }}' is not used as its name: it contains a template marker ({{, {% or {#)"


def test_a_missing_candidate_is_skipped_quietly_and_the_id_is_the_last_resort():
    refusals = []
    assert choose_host_name(7, {'description': 'a,b', 'host_name': None, 'id': '7'}, ['host_name', 'description'], refusals) == '7'
    assert [r.source for r in refusals] == ['description']


def test_a_prefix_starts_every_name_and_is_checked_itself():
    refusals = []
    candidates = {'description': 'db01', 'id': '7'}
    assert choose_host_name(7, candidates, ['description', 'id'], refusals, prefix='central_') == 'central_db01'
    assert choose_host_name(8, {'description': 'a,b', 'id': '8'}, ['description', 'id'], refusals, prefix='central_') == 'central_8'
    assert prefix_problem('') is None and prefix_problem('central_') is None
    assert 'white space' in prefix_problem(' c') and 'template marker' in prefix_problem('{{ x }}')
    assert 'controller' in prefix_problem('localhost')


def test_shared_names_all_get_the_id():
    names = unique_host_names({1: 'PC', 2: 'PC', 3: 'Kiosk', 4: 'PC'})
    assert names == {1: 'PC_1', 2: 'PC_2', 3: 'Kiosk', 4: 'PC_4'}


def test_a_suffixed_name_that_meets_another_hosts_own_name_renames_that_host_too():
    names = unique_host_names({2: 'PC', 3: 'PC', 4: 'PC_2', 9: 'PC_2_4'})
    assert names == {2: 'PC_2', 3: 'PC_3', 4: 'PC_2_4', 9: 'PC_2_4_9'}
    assert len(set(names.values())) == len(names)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(min_value=1, max_value=60), st.sampled_from(['PC', 'PC_2', 'PC_3', 'PC_2_3', '5', 'K', '']),
                       min_size=1, max_size=30))
def test_names_are_unique_and_do_not_depend_on_the_order_of_the_answer(chosen):
    names = unique_host_names(chosen)
    assert len(set(names.values())) == len(names)
    items = list(chosen.items())
    random.Random(len(items)).shuffle(items)
    assert unique_host_names(dict(items)) == names
    for host_id, name in names.items():
        assert name == chosen[host_id] or name.startswith(chosen[host_id] + '_')


def test_group_names_are_sanitized_like_ansible_does():
    warnings = []
    groups = GroupNames(warnings.append)
    assert groups.claim('Servers: EU, [prod]', 'a') == 'Servers__EU___prod_'
    assert groups.claim("Helpdesk {{ lookup('pipe', 'id') }}", 'b') == 'Helpdesk____lookup__pipe____id_____'
    assert groups.claim('Büro München', 'c') == 'Büro_München'
    assert groups.claim('2nd floor', 'd') == '_nd_floor'
    assert warnings == []


def test_a_group_name_from_two_sources_is_warned_naming_both():
    warnings = []
    groups = GroupNames(warnings.append)
    assert groups.claim('sales team', "group 'sales team'") == 'sales_team'
    assert groups.claim('sales-team', "group 'sales-team'") == 'sales_team'
    assert groups.claim('sales team', "group 'sales team'") == 'sales_team'  # the same source again: no clash
    assert warnings == ["the group name 'sales_team' comes from both group 'sales team' and group 'sales-team': "
                        "their hosts are in one group"]


@pytest.mark.parametrize('raw', ['all', 'ungrouped'])
def test_builtin_group_names_are_refused_naming_the_source(raw):
    warnings = []
    assert GroupNames(warnings.append).claim(raw, "Central computer group '%s' (id 3)" % raw) is None
    assert warnings == ["Central computer group '%s' (id 3) gives the group name '%s', which is Ansible's built-in group: "
                        "no group is made for it" % (raw, raw)]


def test_an_empty_group_name_is_refused():
    warnings = []
    assert GroupNames(warnings.append).claim('', 'custom field') is None
    assert 'empty group name' in warnings[0]


def test_quote_escapes_control_characters_and_cuts_long_text():
    assert quote('Ctrl\x07\x1b[31m') == "'Ctrl\\x07\\x1b[31m'"
    assert quote('x' * 100, limit=5) == "'xxxxx'..."
    assert quote('Zoë') == "'Zoë'"
