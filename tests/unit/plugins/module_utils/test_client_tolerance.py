# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shapes public clients saw from the live service, each accepted in one place.

The ``)]}'`` prefix (client._decode), a retry hint in a 429 body (client.request), a
top-level ``continuation_token`` and a report that is not ready yet (central_api).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import (
    MAX_RETRY_AFTER,
    retry_after_from_body,
    strip_hijacking_prefix,
)
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    BadRequestError,
    CentralError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TransportError,
)
from ansible_collections.logmein.central.plugins.modules import report_facts
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeResponse
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.test_client_fakes import make_client

PREFIXES = [")]}'", ")]}'\n", ")]}',\n", ")]}', ", ")]}'\r\n", "  )]}'\n", ")]}' \n,\n"]
READ = 'GET /v1/inventory/system/reports/{token}'


def prefixed(prefix, body, status=200, headers=None):
    return FakeResponse(status, raw=prefix + json.dumps(body), headers=headers)


# The )]}' prefix -------------------------------------------------------------------------

@pytest.mark.parametrize('prefix', PREFIXES)
def test_hijacking_prefix_is_dropped_before_a_success_body_is_parsed(tmp_path, prefix):
    client, dummy, dummy = make_client(tmp_path, [prefixed(prefix, {'hosts': [{'id': 1}]})])
    assert client.request('GET', '/v2/hosts', 'GET /v2/hosts') == {'hosts': [{'id': 1}]}


def test_a_body_that_is_only_the_prefix_is_an_empty_answer(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(200, raw=")]}',\n")])
    assert client.request('PUT', '/v1/hosts/1/description', 'PUT /v1/hosts/{host-id}/description', {'newDescription': 'x'}) is None


@pytest.mark.parametrize('prefix', PREFIXES)
def test_hijacking_prefix_is_dropped_from_error_bodies(tmp_path, prefix):
    answers = [prefixed(prefix, {'message': 'hostIds is required'}, 400), prefixed(prefix, {'message': 'no such host'}, 404),
               prefixed(prefix, {'message': 'An error occurred'}, 500)]
    client, dummy, dummy = make_client(tmp_path, answers)
    with pytest.raises(BadRequestError) as bad:
        client.request('PUT', '/v1/host-groups/1/hosts', 'PUT /v1/host-groups/{groupid}/hosts', {})
    with pytest.raises(NotFoundError) as missing:
        client.request('PUT', '/v1/hosts/9/description', 'PUT /v1/hosts/{host-id}/description', {'newDescription': 'x'})
    with pytest.raises(ServerError) as failed:
        client.request('POST', '/v1/hosts/1/connection', 'POST /v1/hosts/{host-id}/connection', {}, safe=False)
    assert bad.value.message.endswith('(HTTP 400): hostIds is required')
    assert missing.value.message.endswith('(HTTP 404): no such host')
    assert 'An error occurred' in failed.value.message and ")]}'" not in failed.value.message


def test_a_non_json_error_body_is_quoted_without_the_prefix(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(400, raw=")]}'\nhostIds is required")])
    with pytest.raises(BadRequestError) as bad:
        client.request('PUT', '/v1/host-groups/1/hosts', 'PUT /v1/host-groups/{groupid}/hosts', {})
    assert bad.value.message.endswith('(HTTP 400): hostIds is required')


def test_what_follows_the_prefix_must_still_be_json(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(200, raw=")]}'\n{\"hosts\": [")] * 4)
    with pytest.raises(TransportError, match='not valid JSON'):
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert len(session.requests) == 4


@pytest.mark.parametrize('text, expected', [
    (")]}'\n{}", '{}'), (")]}',\n[1]", '[1]'), ("{\"a\": \")]}'\"}", "{\"a\": \")]}'\"}"), ("[]", "[]"), ("", ""),
    ("x)]}'{}", "x)]}'{}"), (")]}'", ""),
])
def test_strip_hijacking_prefix_only_strips_a_leading_prefix(text, expected):
    assert strip_hijacking_prefix(text) == expected


# A retry hint in the body of a 429 ---------------------------------------------------------

@pytest.mark.parametrize('body', [
    {'retryAfter': 7}, {'retry_after': '7'}, {'retryAfterSeconds': 7.0}, {'RetryAfter': ' 7 '}, {'retryAfterMs': 7000},
    {'retry_after_ms': '7000'}, {'error': {'retryAfter': 7}}, {'error': {'retry_after_ms': 7000}, 'message': 'slow down'},
    {'retryAfter': 'soon', 'retryAfterMs': 7000},
])
def test_a_429_body_names_the_wait_when_there_is_no_retry_after_header(tmp_path, body):
    for number, raw in enumerate((json.dumps(body), ")]}',\n" + json.dumps(body))):
        client, session, dummy = make_client(tmp_path / str(number), [FakeResponse(429, raw=raw), FakeResponse(200, [])])
        assert client.request('GET', '/v2/users', 'GET /v2/users') == []
        assert [w for dummy, w in client.waits] == [pytest.approx(7.0, abs=0.01)]


def test_a_body_hint_is_learned_exactly_as_the_header_would_be(tmp_path):
    by_header, dummy, dummy = make_client(tmp_path / 'header', [FakeResponse(429, headers={'Retry-After': '10'}), FakeResponse(200, []),
                                                                FakeResponse(200, [])])
    by_body, dummy, dummy = make_client(tmp_path / 'body', [FakeResponse(429, {'retryAfter': 10}), FakeResponse(200, []), FakeResponse(200, [])])
    for client in (by_header, by_body):
        client.request('GET', '/v2/users', 'GET /v2/users')
        client.request('GET', '/v2/users', 'GET /v2/users')
    assert by_body.waits == by_header.waits
    assert by_body.limiter.interval('GET /v2/users') == by_header.limiter.interval('GET /v2/users')


def test_the_retry_after_header_wins_over_the_body(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(429, {'retryAfter': 30}, headers={'Retry-After': '3'}), FakeResponse(200, [])])
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert [w for dummy, w in client.waits] == [pytest.approx(3.0, abs=0.01)]


def test_an_unusable_header_leaves_the_body_hint_in_charge(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(429, {'retryAfter': 5}, headers={'Retry-After': 'soon'}), FakeResponse(200, [])])
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert [w for dummy, w in client.waits] == [pytest.approx(5.0, abs=0.01)]


def test_a_huge_body_hint_is_clamped_like_the_header(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(429, {'retryAfter': 10 ** 9}), FakeResponse(200, [])], max_wait=4000)
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert [w for dummy, w in client.waits] == [pytest.approx(MAX_RETRY_AFTER, abs=0.01)]


def test_a_body_hint_over_the_budget_fails_like_the_header(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(429, {'retryAfter': 120})], max_wait=60)
    with pytest.raises(RateLimitError, match='rate_limit_max_wait'):
        client.request('GET', '/v2/users', 'GET /v2/users')
    assert len(session.requests) == 1


@pytest.mark.parametrize('body', [
    {'retryAfter': 'soon'}, {'retryAfter': True}, {'retryAfter': None}, {'retryAfter': [7]}, {'retryAfter': {'seconds': 7}},
    {'retryAfter': 'nan'}, {'retryAfterMs': ''}, {'error': 'Too many requests, retry after 7 s'}, {'wait': 7}, [7], 7,
])
def test_bad_body_hints_are_ignored_and_the_client_backs_off(tmp_path, body):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(429, body), FakeResponse(200, [])])
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert [w for dummy, w in client.waits] == [pytest.approx(1.0, abs=0.1)]  # the first backoff step, as without a hint


@pytest.mark.parametrize('text, expected', [
    ('{"retryAfter": 5}', 5.0), ('{"retry_after": "2.5"}', 2.5), ('{"retryAfterSeconds": 0}', 0.0), ('{"RetryAfter": -3}', 0.0),
    ('{"retryAfterMs": 1500}', 1.5), ('{"retry_after_ms": "250"}', 0.25), ('{"retryAfter": 999999}', MAX_RETRY_AFTER),
    ('{"retryAfterMs": 1e12}', MAX_RETRY_AFTER), ('{"retryAfter": "1e999"}', MAX_RETRY_AFTER), ('{"error": {"RetryAfter": "4"}}', 4.0),
    ('{"retryAfter": 6, "error": {"retryAfter": 4}}', 6.0), ('{"retryAfter": "x", "error": {"retryAfter": 4}}', 4.0),
    (")]}'\n{\"retryAfter\": 5}", 5.0), ('{"retryAfter": NaN}', None), ('{"retryAfter": false}', None), ('{}', None), ('', None),
    ('Too Many Requests', None), ('{"error": {"error": {"retryAfter": 4}}}', None),
])
def test_retry_after_from_body(text, expected):
    assert retry_after_from_body(text) == expected


# wait_for: other waits in the same budget ------------------------------------------------

def test_wait_for_sleeps_and_counts_in_the_budget(tmp_path):
    notes = []
    client, dummy, clock = make_client(tmp_path, [], max_wait=10, notify=notes.append)
    client.wait_for('GET /x', 4.0, 'for the report to be ready')
    assert clock.sleeps == [4.0]
    assert client.other_waits == [('GET /x', 4.0, 'for the report to be ready')] and client.waited == 4.0 and client.waits == []
    assert notes == ['waiting 4.0 s for the report to be ready before GET /x']
    with pytest.raises(RateLimitError) as info:
        client.wait_for('GET /x', 7.0, 'for the report to be ready')
    assert str(info.value).startswith('GET /x: waiting another 7 s for the report to be ready would exceed rate_limit_max_wait (10 s')
    assert info.value.action == 'GET /x'
    assert clock.sleeps == [4.0] and client.waited == 4.0


def test_wait_for_shares_the_budget_with_rate_limit_waits(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(429, headers={'Retry-After': '8'}), FakeResponse(200, [])], max_wait=10)
    client.request('GET', '/v2/users', 'GET /v2/users')
    with pytest.raises(RateLimitError, match='8 s already spent waiting'):
        client.wait_for('GET /x', 4.0, 'for the report to be ready')


# Report pages: continuation_token ----------------------------------------------------------

def _page(hosts, report_token=None, continuation_token=None, has_report=True, has_continuation=False):
    page = {'hosts': dict((str(h), {'hostId': h}) for h in hosts)}
    if has_report:
        page['report'] = {'token': report_token, 'expires': '2030-01-01 00:00:00Z'}
    if has_continuation or continuation_token is not None:
        page['continuation_token'] = continuation_token
    return FakeResponse(200, page)


def ready_waits(client):
    """The waits for a report to be ready, as ``(action, seconds)``."""
    return [(action, seconds) for action, seconds, dummy in client.other_waits]


def _tokens_read(session):
    return [r['url'].rsplit('/', 1)[1] for r in session.requests if r['method'] == 'GET']


def test_a_top_level_continuation_token_names_the_next_page(tmp_path):
    pages = [_page([1], continuation_token='p2', has_report=False), _page([2], continuation_token='p3', has_report=False),
             _page([3], has_report=False, has_continuation=True)]
    client, session, dummy = make_client(tmp_path, pages)
    assert sorted(CentralApi(client).read_inventory_report('system', 'p1')) == [1, 2, 3]
    assert _tokens_read(session) == ['p1', 'p2', 'p3']


def test_report_token_is_preferred_to_continuation_token(tmp_path):
    pages = [_page([1], report_token='p2', continuation_token='elsewhere'), _page([2], report_token=None, continuation_token='elsewhere')]
    client, session, dummy = make_client(tmp_path, pages)
    assert sorted(CentralApi(client).read_inventory_report('system', 'p1')) == [1, 2]
    assert _tokens_read(session) == ['p1', 'p2']


def test_a_report_without_a_token_key_defers_to_continuation_token(tmp_path):
    page = FakeResponse(200, {'report': {'expires': 'x'}, 'continuation_token': 'p2', 'hosts': {'1': {}}})
    client, session, dummy = make_client(tmp_path, [page, _page([2])])
    assert sorted(CentralApi(client).read_inventory_report('hardware', 'p1')) == [1, 2]


@pytest.mark.parametrize('last', [
    {'continuation_token': None}, {'continuation_token': ''}, {}, {'report': {'token': ''}, 'continuation_token': 'p9'},
    {'report': None, 'continuation_token': ''},
])
def test_a_null_or_empty_continuation_token_ends_the_pages(tmp_path, last):
    last = dict(last, hosts={'2': {}})
    client, session, dummy = make_client(tmp_path, [_page([1], continuation_token='p2', has_report=False), FakeResponse(200, last)])
    assert sorted(CentralApi(client).read_inventory_report('system', 'p1')) == [1, 2]
    assert len(session.requests) == 2


def test_a_repeating_top_level_continuation_token_stops_reading(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [_page([1], continuation_token='p1', has_report=False)])
    with pytest.raises(CentralError, match='repeats its continuation token'):
        CentralApi(client).read_inventory_report('system', 'p1')


# A report that is not ready yet ------------------------------------------------------------

CREATED = FakeResponse(200, {'token': 'p1', 'expires': '2030-01-01 00:00:00Z'})


def _not_found():
    return FakeResponse(404, {'message': 'Report not found'})


@pytest.mark.parametrize('not_ready', [
    _not_found(),
    _page([], report_token='p1'),  # empty, and pointing at itself
    _page([], report_token=None),  # empty, and the last page although hosts were asked for
    _page([], has_report=False),
    _page([], continuation_token='p1', has_report=False),
    FakeResponse(200),
])
def test_inventory_report_waits_for_its_first_page(tmp_path, not_ready):
    answers = [CREATED, not_ready, not_ready, _page([5, 6], report_token='p2'), _page([7])]
    client, session, clock = make_client(tmp_path, answers)
    assert sorted(CentralApi(client).inventory_report('system', [5, 6, 7], ['OsType'])) == [5, 6, 7]
    assert _tokens_read(session) == ['p1', 'p1', 'p1', 'p2']
    assert [(action, seconds) for action, seconds, dummy in client.other_waits] == [(READ, 2.0), (READ, 4.0)]
    assert client.waited == 6.0 and clock.sleeps == [2.0, 4.0]


def test_reading_a_report_just_created_waits_for_its_first_page(tmp_path):
    client, session, dummy = make_client(tmp_path, [_not_found(), _page([5])])
    assert CentralApi(client).read_inventory_report('system', 'p1', created_for=[5]) == {5: {'hostId': 5}}
    assert ready_waits(client) == [(READ, 2.0)]


def test_report_facts_reads_its_created_report_once_ready(tmp_path):
    client, session, dummy = make_client(tmp_path, [CREATED, _not_found(), _page([5])])
    report, how = report_facts.inventory(CentralApi(client), 'system', None, [5], ['OsType'], False)
    assert report == {5: {'hostId': 5}} and how['source'] == 'created'
    assert ready_waits(client) == [(READ, 2.0)]


def test_an_empty_report_of_no_hosts_is_not_waited_for(tmp_path):
    client, session, dummy = make_client(tmp_path, [_page([], report_token=None)])
    assert CentralApi(client).read_inventory_report('system', 'p1', created_for=[]) == {}
    assert ready_waits(client) == [] and len(session.requests) == 1


def test_a_report_of_no_hosts_still_waits_out_a_404(tmp_path):
    client, session, dummy = make_client(tmp_path, [_not_found(), _page([], report_token=None)])
    assert CentralApi(client).read_inventory_report('system', 'p1', created_for=[]) == {}
    assert ready_waits(client) == [(READ, 2.0)]


def test_only_the_first_page_may_be_not_ready(tmp_path):
    client, session, dummy = make_client(tmp_path, [CREATED, _page([5], report_token='p2'), _not_found()])
    with pytest.raises(NotFoundError):
        CentralApi(client).inventory_report('system', [5, 6], ['OsType'])
    assert ready_waits(client) == [] and len(session.requests) == 3


def test_a_report_not_read_right_after_its_creation_is_not_waited_for(tmp_path):
    client, session, dummy = make_client(tmp_path, [_not_found()])
    with pytest.raises(NotFoundError):
        CentralApi(client).read_inventory_report('system', 'p1')
    client, session, dummy = make_client(tmp_path, [_page([], report_token=None)])
    assert CentralApi(client).read_inventory_report('system', 'p1') == {}
    assert ready_waits(client) == []


def test_an_active_report_that_answers_404_fails_at_once(tmp_path):
    """use_active_report keeps its behaviour: a 404 on the active report's token is an error, without waiting."""
    active = FakeResponse(200, {'token': 'a1', 'expires': '2030-01-01 00:00:00Z'})
    client, session, dummy = make_client(tmp_path, [active, _not_found()])
    with pytest.raises(NotFoundError):
        report_facts.inventory(CentralApi(client), 'system', None, [5], ['OsType'], True)
    assert ready_waits(client) == [] and len(session.requests) == 2


def test_a_report_never_ready_fails_after_a_bounded_number_of_attempts(tmp_path):
    client, session, clock = make_client(tmp_path, [CREATED] + [_not_found()] * 5)
    with pytest.raises(CentralError) as info:
        CentralApi(client).inventory_report('hardware', [5], ['CpuType'])
    message = str(info.value)
    assert message.startswith('GET /v1/inventory/hardware/reports/{token}: the hardware inventory report was not ready after 5 attempts '
                              'over 30 s (last answer: HTTP 404)')
    assert info.value.action == 'GET /v1/inventory/hardware/reports/{token}'
    assert not isinstance(info.value, NotFoundError)
    assert [w for dummy, w in ready_waits(client)] == [2.0, 4.0, 8.0, 16.0] and client.waited == 30.0
    assert len(session.requests) == 6


def test_an_empty_first_page_that_stays_empty_fails_naming_it(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [CREATED] + [_page([], report_token='p1')] * 5)
    with pytest.raises(CentralError, match=r'not ready after 5 attempts over 30 s \(last answer: a first page without hosts\)'):
        CentralApi(client).inventory_report('system', [5], ['OsType'])


def test_the_wait_between_attempts_doubles_up_to_a_minute(tmp_path, monkeypatch):
    monkeypatch.setattr(CentralApi, '_REPORT_READY_ATTEMPTS', 8)
    client, dummy, dummy = make_client(tmp_path, [CREATED] + [_not_found()] * 8, max_wait=1000)
    with pytest.raises(CentralError, match='not ready after 8 attempts over 182 s'):
        CentralApi(client).inventory_report('system', [5], ['OsType'])
    assert [w for dummy, w in ready_waits(client)] == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


def test_waiting_for_a_report_stops_at_the_budget(tmp_path):
    client, session, clock = make_client(tmp_path, [CREATED] + [_not_found()] * 3, max_wait=5)
    with pytest.raises(RateLimitError) as info:
        CentralApi(client).inventory_report('system', [5], ['OsType'])
    assert str(info.value).startswith(READ + ': waiting another 4 s for the system inventory report to be ready would exceed '
                                      'rate_limit_max_wait (5 s; 2 s already spent waiting in this run)')
    assert client.waited == 2.0 and clock.sleeps == [2.0]
    assert len(session.requests) == 3


def test_waiting_for_a_report_shares_the_budget_with_the_rate_limit(tmp_path):
    answers = [FakeResponse(429, headers={'Retry-After': '9'}), CREATED, _not_found(), _not_found()]
    client, session, dummy = make_client(tmp_path, answers, max_wait=12)
    with pytest.raises(RateLimitError, match='11 s already spent waiting'):
        CentralApi(client).inventory_report('system', [5], ['OsType'])
    assert [w for dummy, w in client.waits] == [pytest.approx(9.0, abs=0.01)] and ready_waits(client) == [(READ, 2.0)]


def test_a_create_answer_without_a_token_is_a_clean_error(tmp_path):
    client, dummy, dummy = make_client(tmp_path, [FakeResponse(201)])
    with pytest.raises(CentralError, match='did not answer its token'):
        CentralApi(client).inventory_report('system', [5], ['OsType'])
