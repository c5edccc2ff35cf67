# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The encoding of strings in events, and the logmein.central.event_text filter that decodes them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from hypothesis import given, strategies

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.filter.event_text import event_text
from ansible_collections.logmein.central.plugins.module_utils.event_text import PREFIX, decode, encode, encode_all
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import NEEDS_WRAPPING


@given(strategies.text())
def test_every_string_comes_back_as_it_was_and_travels_without_a_brace(text):
    encoded = encode(text)
    assert '{' not in encoded
    assert decode(encoded) == text


@pytest.mark.parametrize('text', ['Reception PC', 'Büro München', '50% CPU', 'a } b', ''])
def test_strings_that_cannot_be_templates_travel_as_they_are(text):
    assert encode(text) == text


def test_a_string_that_looks_encoded_is_encoded_so_that_decoding_is_never_ambiguous():
    looks_encoded = PREFIX + 'e3t9'
    assert encode(looks_encoded) != looks_encoded
    assert decode(encode(looks_encoded)) == looks_encoded


def test_the_filter_decodes_a_whole_event_and_marks_its_strings_as_data():
    hostile = "{{ lookup('pipe', 'id') }}"
    event = encode_all({'host': {'id': 7, 'description': hostile, 'online': True}, 'before': None, 'after': hostile})
    decoded = event_text(event)
    assert decoded == {'host': {'id': 7, 'description': hostile, 'online': True}, 'before': None, 'after': hostile}
    if NEEDS_WRAPPING:  # ansible-core 2.16 to 2.18: marked unsafe, never templated (2.19 on: filter results are not)
        assert getattr(decoded['after'], '__UNSAFE__', False)
        assert getattr(decoded['host']['description'], '__UNSAFE__', False)


def test_a_damaged_encoded_string_is_a_clear_error():
    with pytest.raises(AnsibleFilterError, match='not an encoded event text'):
        event_text(PREFIX + '!!not base64!!')
