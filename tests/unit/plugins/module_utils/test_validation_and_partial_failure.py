# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.errors import ServerError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import desired_host_map, host_ids, text_value
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure


def test_host_ids_accept_ints_and_digit_strings_and_name_every_bad_value():
    assert host_ids([1, '2', ' 3 '], 'hosts') == [1, 2, 3]
    with pytest.raises(ValidationError) as info:
        host_ids([1, 'pc-1', True, None, 2.5], 'hosts')
    assert "'pc-1'" in str(info.value) and 'True' in str(info.value) and 'None' in str(info.value) and '2.5' in str(info.value)


def test_desired_host_map_keeps_order_and_refuses_a_host_twice():
    assert list(desired_host_map({'3': 'a', 1: 'b'}, 'values').items()) == [(3, 'a'), (1, 'b')]
    with pytest.raises(ValidationError) as info:
        desired_host_map({'1': 'a', 1: 'b'}, 'values')
    assert 'names host 1 twice' in str(info.value)
    with pytest.raises(ValidationError):
        desired_host_map(['1'], 'values')


@pytest.mark.parametrize('value, expected', [
    ('Office', ('Office', None)), (1234, ('1234', None)), (1.5, ('1.5', None)),
    ('  ', (None, 'empty')), ('', (None, 'empty')), (True, (None, 'not a string')),
    (None, (None, 'not a string')), (['a'], (None, 'not a string')), ({'a': 1}, (None, 'not a string')),
    ('Tab\there', ('Tab\there', None)),
    ('Nul\x00', (None, 'contains the control character \\x00 (U+0000) at character 4 (of the control characters, only tab is allowed)')),
    ('\r\n', (None, 'contains the control character \\r (U+000D) at character 1 and 1 more (of the control characters, only tab '
                    'is allowed)')),
    ('Del\x7f', (None, 'contains the control character \\x7f (U+007F) at character 4 (of the control characters, only tab is allowed)')),
])
def test_text_value(value, expected):
    assert text_value(value) == expected


def test_partial_failure_names_what_was_and_was_not_written():
    error = ServerError('LogMeIn Central failed on PUT /v1/hosts/{host-id}/description (HTTP 500): boom',
                        action='PUT /v1/hosts/{host-id}/description', status=500)
    failure = PartialFailure.after(error, done=[{'host_id': 1}], pending=[{'host_id': 2}, {'host_id': 3}], result={'hosts': []})
    assert str(failure).endswith('written before the failure: 1; not written: 2, 3')
    assert failure.result == {'hosts': [], 'changed': True, 'done_hosts': [1], 'failed_hosts': [2, 3]}
    assert failure.to_fail_kwargs()['status'] == 500
    nothing = PartialFailure.after(error, done=[], pending=[{'host_id': 2}], result={}, wrote_before=False)
    assert nothing.result['changed'] is False
    assert 'written before the failure: none' in str(nothing)
