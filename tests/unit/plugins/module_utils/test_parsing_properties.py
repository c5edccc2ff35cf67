# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property-based tests of how the client reads API answers: ids, dates and continuation pages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi, to_id
from ansible_collections.logmein.central.plugins.module_utils.dates import parse_api_date
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.test_client_fakes import make_client
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeResponse

PROPERTIES = settings(deadline=None, derandomize=True, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTIES
@given(st.integers(min_value=-1, max_value=2 ** 53))
def test_ids_written_as_numbers_or_strings_read_the_same(number):
    assert to_id(number) == to_id(str(number)) == to_id(' %d ' % number) == number


@PROPERTIES
@given(st.one_of(st.text(), st.floats(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)))
def test_anything_else_is_not_an_id_and_is_named(value):
    if isinstance(value, str) and value.strip().lstrip('-').isdigit():
        return
    with pytest.raises(ValueError):
        to_id(value)
    with pytest.raises(ValidationError) as info:
        host_ids([value], 'hosts')
    assert 'hosts must list host ids' in str(info.value)


@PROPERTIES
@given(st.text(max_size=40))
def test_date_parsing_either_succeeds_or_names_the_value(text):
    try:
        parsed = parse_api_date(text)
    except ValueError as error:
        assert repr(text) in str(error)
    else:
        assert parsed is None or parsed.tzinfo is not None


@PROPERTIES
@given(st.lists(st.integers(min_value=1, max_value=10 ** 9), min_size=0, max_size=120, unique=True),
       st.integers(min_value=1, max_value=50))
def test_every_page_is_read_once_whatever_the_split(tmp_path_factory, ids, page_size):
    pages = [ids[i:i + page_size] for i in range(0, len(ids), page_size)] or [[]]
    answers = []
    for number, page in enumerate(pages):
        token = 'page%d' % (number + 1) if number + 1 < len(pages) else None
        answers.append(FakeResponse(200, {'report': {'token': token, 'expires': '2030-01-01 00:00:00Z'},
                                          'hosts': {str(i): {'hostId': i} for i in page}}))
    client, session, dummy = make_client(tmp_path_factory.mktemp('state'), answers)
    hosts = CentralApi(client).read_inventory_report('system', 'first')
    assert sorted(hosts) == sorted(ids)
    assert len(session.requests) == len(pages)
