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
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
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


# The properties below build a client per example: fewer examples keep them quick.
CLIENT_PROPERTIES = settings(PROPERTIES, max_examples=40)


def _page(hosts, token):
    return FakeResponse(200, {'report': {'token': token, 'expires': '2030-01-01 00:00:00Z'}, 'hosts': hosts})


@CLIENT_PROPERTIES
@given(st.lists(st.tuples(st.integers(min_value=1, max_value=10 ** 12), st.sampled_from(['int', 'str', 'padded'])),
                min_size=1, max_size=60, unique_by=lambda pair: pair[0]))
def test_page_keys_written_as_numbers_or_strings_read_the_same(tmp_path_factory, keys):
    written = {'int': lambda i: i, 'str': str, 'padded': lambda i: ' %d ' % i}
    hosts = dict((written[how](number), {'hostId': number}) for number, how in keys)
    client, dummy, dummy = make_client(tmp_path_factory.mktemp('state'), [_page(hosts, None)])
    assert CentralApi(client).read_inventory_report('hardware', 'first') == dict((n, {'hostId': n}) for n, dummy in keys)


@CLIENT_PROPERTIES
@given(st.lists(st.sampled_from(['a', 'b', 'c', 'd', None]), min_size=1, max_size=12))
def test_continuation_tokens_that_come_back_stop_the_reading(tmp_path_factory, tokens):
    """Whatever tokens the pages carry, reading ends: at the first null token, or with an error at the first repeat."""
    answers = [_page({str(i + 1): {}}, token) for i, token in enumerate(tokens)]
    client, session, dummy = make_client(tmp_path_factory.mktemp('state'), answers)
    seen, expected_reads, repeats = {'first'}, 0, False
    for token in tokens:
        expected_reads += 1
        if token is None:
            break
        if token in seen:
            repeats = True
            break
        seen.add(token)
    if expected_reads == len(tokens) and tokens[-1] is not None and not repeats:
        return  # the answers ran out before the reading could end: not a case of this property
    if repeats:
        with pytest.raises(CentralError, match='repeats its continuation token'):
            CentralApi(client).read_inventory_report('system', 'first')
    else:
        assert sorted(CentralApi(client).read_inventory_report('system', 'first')) == list(range(1, expected_reads + 1))
    assert len(session.requests) == expected_reads


@PROPERTIES
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
                    max_leaves=4))
def test_json_values_that_are_not_ids_are_refused_with_their_value(value):
    """Any JSON value the API could put where an id belongs either is an id or raises ValueError naming it."""
    if isinstance(value, str) and value.strip().lstrip('-').isdigit():
        return
    with pytest.raises(ValueError) as info:
        to_id(value)
    if 'not an id' in str(info.value):
        assert repr(value) in str(info.value)


@CLIENT_PROPERTIES
@given(st.text(min_size=1, max_size=12).filter(lambda text: not text.strip().lstrip('-').isdigit()))
def test_a_page_with_a_host_key_that_is_not_an_id_is_a_central_error(tmp_path_factory, key):
    """A malformed report page is reported as a CentralError (a clean task failure), never a bare ValueError."""
    client, dummy, dummy = make_client(tmp_path_factory.mktemp('state'), [_page({key: {}}, None)])
    with pytest.raises(CentralError):
        CentralApi(client).read_inventory_report('system', 'first')
