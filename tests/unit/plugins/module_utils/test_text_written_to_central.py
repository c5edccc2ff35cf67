# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Text written to Central (descriptions, custom-field values and names): control characters refused before any
write, in one place (validation.py) that host_description, custom_field, desired_state_converge and the
desired_state role share; and a value the service refuses (HTTP 400) named with its host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.filter.desired_state import desired_state_plan
from ansible_collections.logmein.central.plugins.module_utils.account import Account, Group, Host
from ansible_collections.logmein.central.plugins.module_utils.converge import check_input
from ansible_collections.logmein.central.plugins.module_utils.custom_field_plan import validate as check_custom_field
from ansible_collections.logmein.central.plugins.module_utils.description_plan import desired_descriptions, plan_descriptions
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    BadRequestError, ServerError, ValidationError, naming_refused)
from ansible_collections.logmein.central.plugins.module_utils.validation import (
    CONTROL_CHARACTERS, control_character_problem, text_value)
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure

REFUSED = [chr(code) for code in range(0x00, 0x09)] + [chr(code) for code in range(0x0a, 0x20)] + ['\x7f']


def test_the_refused_characters_are_c0_but_tab_and_del():
    assert sorted(CONTROL_CHARACTERS) == REFUSED
    assert '\t' not in CONTROL_CHARACTERS


@pytest.mark.parametrize('char', REFUSED, ids=['U+%04X' % ord(c) for c in REFUSED])
def test_every_refused_character_is_refused_wherever_it_stands(char):
    for text in (char + 'x', 'x' + char, 'Reception' + char + 'PC'):
        value, problem = text_value(text)
        assert value is None
        assert problem.startswith('contains the control character %s (U+%04X)' % (repr(char)[1:-1], ord(char)))


@pytest.mark.parametrize('text', ['Tab\tseparated', 'Büro München', '会议室电脑', 'nel\x85x', 'c1\x9b', 'ls\u2028x', 'x' * 5000])
def test_tab_other_unicode_and_long_text_are_accepted(text):
    # No length limit: the guide states none (a refusal by the service is reported, see below).
    assert text_value(text) == (text, None)


def test_the_problem_shows_the_character_escaped_and_where_it_is():
    assert control_character_problem('Reception\x00PC') == (
        'contains the control character \\x00 (U+0000) at character 10 (of the control characters, only tab is allowed)')
    assert control_character_problem('a\nb\rc\x1b[31m') == (
        'contains the control character \\n (U+000A) at character 2 and 2 more (of the control characters, only tab is allowed)')
    assert control_character_problem('del\x7f').startswith('contains the control character \\x7f (U+007F) at character 4')
    assert control_character_problem('fine\ttext') is None


def test_a_blank_value_with_a_line_break_names_the_line_break():
    assert text_value('\r\n')[1].startswith('contains the control character \\r')
    assert text_value(' \t ') == (None, 'empty')


def description_params(**params):
    return dict(dict(host_id=None, description=None, descriptions=None), **params)


def test_host_description_names_the_option_the_host_and_the_character():
    with pytest.raises(ValidationError) as info:
        desired_descriptions(description_params(host_id=1026433963, description='Reception\x00PC'))
    assert str(info.value) == (
        "invalid description, nothing was written: host 1026433963: the description 'Reception\\x00PC' contains the "
        'control character \\x00 (U+0000) at character 10 (of the control characters, only tab is allowed)')


def test_one_bad_description_among_many_fails_them_all_naming_each_bad_one():
    with pytest.raises(ValidationError) as info:
        desired_descriptions(description_params(descriptions={1: 'Fine', '2': 'Line\nbreak', 3: 'Also fine', 4: 'Esc\x1b[2J'}))
    message = str(info.value)
    assert message.startswith('invalid descriptions, nothing was written: ')
    assert "host 2: the description 'Line\\nbreak' contains the control character \\n (U+000A)" in message
    assert "host 4: the description 'Esc\\x1b[2J' contains the control character \\x1b (U+001B)" in message
    assert 'host 1' not in message and 'host 3' not in message
    assert '\n' not in message and '\x1b' not in message  # the message itself is one clean line


def custom_field_params(**params):
    return dict(dict(name='Location', state='present', new_name=None, values=None, purge=False), **params)


def test_custom_field_values_and_names_are_refused_naming_each():
    with pytest.raises(ValidationError) as info:
        check_custom_field(custom_field_params(name='Asset\x00Tag', values={1: 'Budapest', 2: 'Bad\x7f', 3: None}))
    message = str(info.value)
    assert "name 'Asset\\x00Tag' contains the control character \\x00 (U+0000) at character 6" in message
    assert "values: the value 'Bad\\x7f' of host 2 contains the control character \\x7f (U+007F) at character 4" in message
    assert 'host 1' not in message
    with pytest.raises(ValidationError, match=r"new_name 'Two\\nLines' contains the control character \\n"):
        check_custom_field(custom_field_params(new_name='Two\nLines'))


def test_a_name_that_is_only_matched_may_hold_control_characters():
    """A field created with such a name earlier (by another tool) can still be deleted or renamed."""
    assert check_custom_field(custom_field_params(name='Old\x00Name', state='absent')) == {}
    assert check_custom_field(custom_field_params(name='Old\x00Name', new_name='New Name')) == {}


def test_converge_checks_every_kind_and_names_every_bad_text_before_any_read():
    params = {'groups': {}, 'descriptions': {1: 'Fine', 2: 'Bad\x00'},
              'custom_fields': [{'name': 'Location', 'values': {3: 'Buda\npest'}}, {'name': 'Bad\x1bName', 'values': {}}]}
    with pytest.raises(ValidationError) as info:
        check_input(params)
    message = str(info.value)
    assert message.startswith('invalid input, nothing was written: ')
    assert "descriptions: invalid descriptions, nothing was written: host 2: the description 'Bad\\x00'" in message
    assert "custom field 'Location': invalid input, nothing was written: values: the value 'Buda\\npest' of host 3" in message
    assert "custom field 'Bad\\x1bName': invalid input, nothing was written: name 'Bad\\x1bName' contains" in message


CENTRAL = {'groups': [{'id': 1, 'name': 'Office', 'host_ids': [10, 11]}],
           'custom_fields': [{'id': 'c', 'name': 'Location', 'values_in_use': [], 'hosts': {}}]}


def test_the_role_lists_every_bad_text_of_the_document():
    result = desired_state_plan({
        'custom_fields': ['Location', 'New\x00Field'],
        'hosts': {
            10: {'description': 'Reception\r\nPC', 'custom_fields': {'Location': 'Buda\x07pest'}},
            11: {'description': 'Tab\tis fine', 'custom_fields': {'Bad\x1bName': 'x'}},
        },
    }, CENTRAL)
    assert not result['valid']
    assert result['problems'] == [
        "custom_fields: a name 'New\\x00Field' contains the control character \\x00 (U+0000) at character 4 "
        '(of the control characters, only tab is allowed)',
        "host 10: description 'Reception\\r\\nPC' contains the control character \\r (U+000D) at character 10 and 1 more "
        '(of the control characters, only tab is allowed)',
        "host 10: value of custom field 'Location' 'Buda\\x07pest' contains the control character \\x07 (U+0007) at character 5 "
        '(of the control characters, only tab is allowed)',
        "host 11: custom field name 'Bad\\x1bName' contains the control character \\x1b (U+001B) at character 4 "
        '(of the control characters, only tab is allowed)',
    ]


# A value the service refuses (HTTP 400) --------------------------------------------------------------

def test_a_refused_write_names_what_was_refused_and_keeps_its_kind():
    def refuse():
        raise BadRequestError('LogMeIn Central refused PUT /v1/hosts/{host-id}/description (HTTP 400): Invalid parameter',
                              action='PUT /v1/hosts/{host-id}/description', status=400)
    with pytest.raises(BadRequestError) as info:
        naming_refused("the description 'x' of host 7", refuse)
    assert str(info.value) == ("the description 'x' of host 7 was refused: LogMeIn Central refused "
                               'PUT /v1/hosts/{host-id}/description (HTTP 400): Invalid parameter')
    assert (info.value.action, info.value.status, info.value.kind) == ('PUT /v1/hosts/{host-id}/description', 400, 'bad_request')
    assert naming_refused('anything', lambda: 'sent') == 'sent'

    def fail():
        raise ServerError('LogMeIn Central failed (HTTP 500)', status=500)
    with pytest.raises(ServerError) as info:
        naming_refused('anything', fail)
    assert str(info.value) == 'LogMeIn Central failed (HTTP 500)'  # not a refusal of the value: unchanged


class RefusingApi:
    """Sets descriptions; the service refuses the one of ``refused``."""

    def __init__(self, refused):
        self.refused = refused
        self.written = []

    def account(self, fresh=False):
        return Account([Group(1, 'Office')], [Host(host_id, description='Old', group_id=1) for host_id in (1, 2, 3)])

    def set_description(self, host_id, description):
        if host_id == self.refused:
            raise BadRequestError('LogMeIn Central refused PUT /v1/hosts/{host-id}/description (HTTP 400): '
                                  'Invalid parameter newDescription', action='PUT /v1/hosts/{host-id}/description', status=400)
        self.written.append(host_id)


def test_a_description_the_service_refuses_fails_naming_the_host_and_the_value():
    api = RefusingApi(refused=2)
    plan = plan_descriptions(description_params(descriptions={1: 'First', 2: 'x' * 300, 3: 'Third'}), api)
    with pytest.raises(PartialFailure) as info:
        plan.apply(api)
    message = str(info.value)
    assert message.startswith("the description '%s'... of host 2 was refused: LogMeIn Central refused "
                              'PUT /v1/hosts/{host-id}/description (HTTP 400): Invalid parameter newDescription' % ('x' * 60))
    assert message.endswith('written before the failure: 1; not written: 2, 3')
    assert api.written == [1]
    assert info.value.status == 400
    assert info.value.result['progress']['failed'] == [2] and info.value.result['progress']['pending'] == [3]
