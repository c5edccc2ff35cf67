# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account as a desired-state document (module_utils/desired_state_export.py): order, stability, and
strings that load back exactly with PyYAML and with Ansible's own loader, whatever Central holds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml

from ansible.parsing.yaml.loader import AnsibleLoader

from ansible_collections.logmein.central.plugins.lookup.desired_state_document import load_document
from ansible_collections.logmein.central.plugins.module_utils.account import Account, Group, Host
from ansible_collections.logmein.central.plugins.module_utils.desired_state_export import (
    Export,
    group_file_name,
    quoted,
    render_document,
    render_split,
)
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import control_character_problem

HOSTILE = [
    "{{ lookup('pipe', 'id') }}", '{% if true %}x{% endif %}', '{# c #}', 'yes', 'no', '~', 'null', 'true', '0x1F', '1e3',
    '12:30', 'a: b', '- item', '* star', '&anchor', '!tag', '!!python/object:os.system', '@at', '`tick`', '|', '>', '%x',
    '#hash', 'a #b', '"quoted"', "'single'", 'back\\slash', 'line\nbreak', 'tab\there', 'cr\rlf', 'nel\x85x', 'ls\u2028x',
    'ps\u2029x', '\ufeffbom', 'del\x7f', 'c1\x9b', 'nul\x00', 'bell\x07', ' lead', 'trail ', 'Büro München', '東京',
    'emoji 🎉', 'rtl \u202eevil', '---', '...', '? q', '[a, b]', '{a: 1}', 'x' * 1000,
]


def loaders(text):
    """The text loaded by PyYAML's safe loader and by the loader Ansible reads vars files and from_yaml with."""
    return [yaml.safe_load(text), AnsibleLoader(text).get_single_data()]


@pytest.mark.parametrize('text', HOSTILE, ids=range(len(HOSTILE)))
def test_every_string_loads_back_exactly_as_a_value_and_as_a_key(text):
    document = 'value: %s\n%s: 1\n' % (quoted(text), quoted(text))
    for loaded in loaders(document):
        assert loaded['value'] == text and isinstance(loaded['value'], str)
        assert loaded[text] == 1


def account_and_fields(descriptions):
    groups = [Group(20, 'Zeta'), Group(10, 'Alpha'), Group(11, 'Alpha'), Group(12, 'Beta')]
    hosts = [Host(1000 + n, description=d, group_id=(10, 11, 12, 20, -1)[n % 5]) for n, d in enumerate(descriptions)]
    categories = [{'id': 'c-loc', 'name': 'Location', 'values': [{'id': 'v%d' % n, 'name': text} for n, text in enumerate(HOSTILE)]},
                  {'id': 'c-twin1', 'name': 'Twin', 'values': []}, {'id': 'c-twin2', 'name': 'Twin', 'values': []},
                  {'id': 'c-tag', 'name': 'Asset Tag', 'values': [{'id': 't1', 'name': 'A-1'}]}]
    host_values = dict((1000 + n, {'c-loc': 'v%d' % (n % len(HOSTILE)), 'c-tag': 't1'}) for n in range(len(descriptions)))
    return Account(groups, hosts), categories, host_values


def converged(text):
    """What a converge may write: ``text``, or None for text it refuses (control characters other than tab)."""
    return None if control_character_problem(text) else text


def test_a_hostile_account_round_trips_through_the_document():
    account, categories, host_values = account_and_fields(HOSTILE)
    export = Export(account, categories, host_values)
    text = render_document(export)
    assert text == render_document(Export(account, categories, host_values))  # stable
    for document in loaders(text):
        assert document['custom_fields'] == ['Asset Tag', 'Location']  # Twin: shared by two fields, left out
        assert sorted(document['hosts']) == sorted(account.hosts)
        for host_id, entry in document['hosts'].items():
            host = account.hosts[host_id]
            assert entry.get('description') == (converged(host.description) if host.description.strip() else None)
            assert entry.get('group') == {10: 10, 11: 11, 12: 'Beta', 20: 'Zeta', -1: None}[host.group_id]
            location = converged(HOSTILE[(host_id - 1000) % len(HOSTILE)])
            assert entry['custom_fields'] == dict([('Location', location)] if location else [], **{'Asset Tag': 'A-1'})
    assert export.skipped_fields == ['Twin']
    # Every string but those holding a control character other than tab: those are named, none lost silently.
    refused = [t for t in HOSTILE if control_character_problem(t)]
    assert sorted(refused) == sorted(['line\nbreak', 'cr\rlf', 'del\x7f', 'nul\x00', 'bell\x07'])
    assert len(export.refused) == 2 * len(refused)  # each as a description and as a value
    assert all('contains the control character' in what for dummy, what in export.refused)


def test_text_the_converge_refuses_is_left_out_of_the_export_and_named():
    hosts = [Host(5, description='Reception\nPC', group_id=1), Host(6, description='Tab\tis fine', group_id=1)]
    account = Account([Group(1, 'G\x1b[31m')], hosts)
    categories = [{'id': 'c', 'name': 'F', 'values': [{'id': 'v', 'name': 'NUL\x00'}, {'id': 'w', 'name': 'ok'}]},
                  {'id': 'd', 'name': 'Bad\x7fName', 'values': [{'id': 'x', 'name': 'fine'}]}]
    export = Export(account, categories, {5: {'c': 'v', 'd': 'x'}, 6: {'c': 'w', 'd': 'x'}})
    assert export.refused == [
        (5, "the description 'Reception\\nPC' contains the control character \\n (U+000A) at character 10 "
            '(of the control characters, only tab is allowed)'),
        (5, "the value of custom field \"F\" 'NUL\\x00' contains the control character \\x00 (U+0000) at character 4 "
            '(of the control characters, only tab is allowed)')]
    assert [name for name, dummy in export.refused_fields] == ['Bad\x7fName']
    assert export.skipped_fields == ['Bad\x7fName']
    for document in loaders(render_document(export)):
        assert document['custom_fields'] == ['F']
        # A group is only a reference, never written: its name is exported whatever it holds.
        assert document['hosts'] == {5: {'group': 'G\x1b[31m'},
                                     6: {'description': 'Tab\tis fine', 'group': 'G\x1b[31m', 'custom_fields': {'F': 'ok'}}}


def test_hosts_are_in_review_order_with_their_current_state_in_a_comment():
    account, categories, host_values = account_and_fields(['b', 'a', 'c', 'B', 'x', 'a2', 'z'])
    text = render_document(Export(account, categories, host_values, attributes=['group']))
    lines = [line for line in text.splitlines() if line.startswith('  ') and not line.startswith('    ')]
    assert lines == [
        '  # group "Alpha" (id 10)', '  1005:  # "a2" in "Alpha"', '  1000:  # "b" in "Alpha"',
        '  # group "Alpha" (id 11)', '  1001:  # "a" in "Alpha"', '  1006:  # "z" in "Alpha"',
        '  # group "Beta" (id 12)', '  1002:  # "c" in "Beta"',
        '  # group "Zeta" (id 20)', '  1003:  # "B" in "Zeta"',
        '  # no group', '  1004: {}  # "x" in no group',
    ]
    assert 'custom_fields' not in text  # not asked for


def test_narrowing_by_group_and_field_and_unknown_ones_fail():
    account, categories, host_values = account_and_fields(['a', 'b', 'c', 'd', 'e'])
    export = Export(account, categories, host_values, groups=['Beta', -1], custom_fields=['Asset Tag'])
    assert [host.id for host, dummy in export.hosts] == [1002, 1004]
    assert [name for dummy, name, dummy in export.fields] == ['Asset Tag']
    with pytest.raises(ValidationError, match="group 'Alpha' is ambiguous"):
        Export(account, categories, host_values, groups=['Alpha'])
    with pytest.raises(ValidationError, match='custom fields that do not exist in LogMeIn Central: "Nope"'):
        Export(account, categories, host_values, custom_fields=['Nope'])


def test_a_split_export_loads_back_as_the_whole_document(tmp_path):
    account, categories, host_values = account_and_fields(HOSTILE)
    export = Export(account, categories, host_values)
    index, files = render_split(export)
    assert [name for name, dummy in files] == ['alpha-10.yml', 'alpha-11.yml', 'beta-12.yml', 'zeta-20.yml', 'no-group.yml']
    (tmp_path / 'index.yml').write_text(index, encoding='utf-8')
    for name, text in files:
        (tmp_path / name).write_text(text, encoding='utf-8')
    (tmp_path / 'whole.yml').write_text(render_document(export), encoding='utf-8')
    assert load_document(str(tmp_path / 'index.yml')) == load_document(str(tmp_path / 'whole.yml'))


@pytest.mark.parametrize('name', ['../x.yml', '/etc/passwd', 'sub/x.yml', '', 7])
def test_an_index_includes_only_files_beside_it(tmp_path, name):
    (tmp_path / 'index.yml').write_text(yaml.safe_dump({'include': [name]}), encoding='utf-8')
    with pytest.raises(Exception, match='include must list file names beside the index'):
        load_document(str(tmp_path / 'index.yml'))


def test_a_host_in_two_included_files_fails_naming_both(tmp_path):
    (tmp_path / 'index.yml').write_text('include: [a.yml, b.yml]\n', encoding='utf-8')
    (tmp_path / 'a.yml').write_text('hosts: {1: {description: x}}\n', encoding='utf-8')
    (tmp_path / 'b.yml').write_text('hosts: {1: {description: y}}\n', encoding='utf-8')
    with pytest.raises(Exception, match='host 1 is in .*a.yml and in .*b.yml'):
        load_document(str(tmp_path / 'index.yml'))


@pytest.mark.parametrize('group, name', [
    (Group(705185, 'Work Computers'), 'work-computers-705185.yml'),
    (Group(7, 'Büro München'), 'buro-munchen-7.yml'),
    (Group(8, '../../etc'), 'etc-8.yml'),
    (Group(9, '東京'), 'group-9.yml'),
    (None, 'no-group.yml'),
])
def test_group_file_names_are_plain_and_stable(group, name):
    assert group_file_name(group) == name
    assert os.sep not in name


def test_a_string_no_yaml_file_can_hold_is_left_out_and_named():
    account = Account([Group(1, 'G')], [Host(5, description='bad \ud800', group_id=1)])
    categories = [{'id': 'c', 'name': 'F', 'values': [{'id': 'v', 'name': 'worse \udfff'}]}]
    export = Export(account, categories, {5: {'c': 'v'}})
    assert export.unwritable == [(5, 'description'), (5, 'the value of custom field "F"')]
    for document in loaders(render_document(export)):
        assert document['hosts'] == {5: {'group': 'G'}}
    assert '"bad \ufffd" in "G"' in render_document(export)
