# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The client's edge cases against declared answers: 429 sequences, retries, errors, secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import os

import pytest
import requests

from ansible_collections.logmein.central.plugins.module_utils.central_api import CATEGORIES, HOST_VALUES, CentralApi, is_provisional_value_id
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient, parse_retry_after
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TLSError,
    TransportError,
)

from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeClock, FakeResponse, FakeSession

PSK = 'P' * 60 + 'secret-psk-value' + 'Q' * 52


def make_client(tmp_path, answers, max_wait=300, ttl=0, **kwargs):
    clock = FakeClock()
    session = FakeSession(answers, clock=clock, call_duration=0.05)
    settings = ConnectionSettings('https://central.example/public-api', '1234', PSK, rate_limit_max_wait=max_wait,
                                  read_cache_ttl=ttl)
    client = CentralClient(settings, session=session, state_dir=str(tmp_path / 'state'), clock=clock, sleep=clock.sleep,
                           jitter=lambda: 0.0, **kwargs)
    return client, session, clock


def test_sends_basic_auth_and_json(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(200, {'success': True}), FakeResponse(200)])
    CentralApi(client).check_credentials()
    client.request('PUT', '/v1/hosts/1/description', 'PUT /v1/hosts/{host-id}/description', {'newDescription': 'x'})
    first, second = session.requests
    expected = 'Basic ' + base64.b64encode(('1234:' + PSK).encode()).decode()
    assert first['headers']['Authorization'] == expected
    assert first['url'] == 'https://central.example/public-api/v1/authentication'
    assert 'Content-Type' not in first['headers']
    assert second['headers']['Content-Type'] == 'application/json'
    assert second['data'] == b'{"newDescription": "x"}'


def test_429_without_retry_after_backs_off_and_succeeds(tmp_path):
    client, session, clock = make_client(tmp_path, [FakeResponse(429), FakeResponse(429), FakeResponse(200, {'hosts': []})])
    assert client.request('GET', '/v2/hosts', 'GET /v2/hosts') == {'hosts': []}
    assert len(session.requests) == 3
    # about one second first, then doubled
    assert [w for dummy, w in client.waits] == [pytest.approx(1.0, abs=0.1), pytest.approx(2.0, abs=0.1)]
    assert client.waited == pytest.approx(sum(w for dummy, w in client.waits))


def test_429_with_retry_after_waits_exactly(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(429, headers={'retry-after': '7'}), FakeResponse(200, [])])
    assert client.request('GET', '/v2/users', 'GET /v2/users') == []
    assert len(client.waits) == 1
    assert client.waits[0][1] == pytest.approx(7.0, abs=0.01)


def test_learned_interval_paces_the_next_call_without_a_refusal(tmp_path):
    client, session, clock = make_client(tmp_path, [FakeResponse(429, headers={'Retry-After': '10'}), FakeResponse(200, []),
                                                    FakeResponse(200, [])])
    client.request('GET', '/v2/users', 'GET /v2/users')
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert [r['url'] for r in session.requests].count('https://central.example/public-api/v2/users') == 3
    assert len(client.waits) == 2  # the second call waited its turn instead of being refused


def test_zero_budget_fails_at_first_429(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(429)], max_wait=0)
    with pytest.raises(RateLimitError) as info:
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert 'GET /v2/hosts' in str(info.value)
    assert 'rate_limit_max_wait' in str(info.value)
    assert len(session.requests) == 1


def test_budget_exhausted_fails_naming_action_and_suggesting_batching(tmp_path):
    answers = [FakeResponse(429, headers={'Retry-After': '120'})]
    client, session, dummy = make_client(tmp_path, answers, max_wait=60)
    with pytest.raises(RateLimitError) as info:
        client.request('PUT', '/v1/hosts/1/description', 'PUT /v1/hosts/{host-id}/description', {'newDescription': 'a'})
    message = str(info.value)
    assert 'PUT /v1/hosts/{host-id}/description' in message
    assert 'Batch' in message and '60 s' in message


def test_server_error_on_read_is_retried(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(500, {'message': 'An error occurred'}), FakeResponse(200, {'hosts': []})])
    assert client.request('GET', '/v2/hosts', 'GET /v2/hosts') == {'hosts': []}
    assert len(session.requests) == 2


def test_server_error_on_unsafe_write_is_not_retried(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(503)])
    with pytest.raises(ServerError):
        client.request('POST', '/v1/hosts/1/connection', 'POST /v1/hosts/{host-id}/connection', {}, safe=False)
    assert len(session.requests) == 1


def test_persistent_server_error_gives_up_after_four_attempts(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(500)] * 4)
    with pytest.raises(ServerError) as info:
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert 'HTTP 500' in str(info.value)
    assert len(session.requests) == 4


def test_connection_errors_and_malformed_json_are_retried_for_reads(tmp_path):
    answers = [requests.exceptions.ConnectionError('Connection aborted.'), FakeResponse(200, raw='{"hosts": ['),
               requests.exceptions.ReadTimeout('read timed out'), FakeResponse(200, {'hosts': [1]})]
    client, session, dummy = make_client(tmp_path, answers)
    assert client.request('GET', '/v2/hosts', 'GET /v2/hosts') == {'hosts': [1]}


def test_lost_answer_to_unsafe_write_reports_unknown_outcome(tmp_path):
    client, session, dummy = make_client(tmp_path, [requests.exceptions.ConnectionError('RemoteDisconnected')])
    with pytest.raises(TransportError) as info:
        client.request('POST', '/v1/hosts/custom-fields/categories', 'POST /v1/hosts/custom-fields/categories', {'name': 'a'}, safe=False)
    assert info.value.outcome_unknown
    assert len(session.requests) == 1


@pytest.mark.parametrize('status', [401, 409])
def test_auth_failure_statuses_raise_at_once(tmp_path, status):
    client, session, dummy = make_client(tmp_path, [FakeResponse(status, {'message': 'Not authenticated.'})])
    with pytest.raises(AuthenticationError) as info:
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert 'authentication' in str(info.value)
    assert len(session.requests) == 1


def test_success_false_is_an_authentication_failure(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(200, {'success': False})])
    with pytest.raises(AuthenticationError):
        CentralApi(client).check_credentials()


def test_bad_request_and_not_found_carry_the_service_message(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(400, {'message': 'hostIds is required'}), FakeResponse(404, {'message': 'no such host'})])
    with pytest.raises(BadRequestError) as bad:
        client.request('PUT', '/v1/host-groups/1/hosts', 'PUT /v1/host-groups/{groupid}/hosts', {})
    assert 'hostIds is required' in str(bad.value)
    with pytest.raises(NotFoundError) as missing:
        client.request('PUT', '/v1/hosts/9/description', 'PUT /v1/hosts/{host-id}/description', {'newDescription': 'x'})
    assert 'no such host' in str(missing.value)


def test_tls_error_names_the_certificate_problem(tmp_path):
    error = requests.exceptions.SSLError("HTTPSConnectionPool(host='central.example', port=443): Max retries exceeded "
                                         "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
                                         "certificate verify failed: self-signed certificate (_ssl.c:1000)')))")
    client, session, dummy = make_client(tmp_path, [error])
    with pytest.raises(TLSError) as info:
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    assert 'self-signed certificate' in str(info.value)
    assert 'ca_path' in str(info.value)
    assert len(session.requests) == 1


def test_secrets_never_appear_in_messages_or_state(tmp_path):
    token = base64.b64encode(('1234:' + PSK).encode()).decode()
    answers = [FakeResponse(400, {'message': 'bad header Basic %s for %s' % (token, PSK)}),
               requests.exceptions.ConnectionError('failed with %s' % PSK)]
    client, session, dummy = make_client(tmp_path, answers, ttl=60)
    messages = []
    for dummy_call in range(2):
        with pytest.raises(Exception) as info:
            client.request('POST', '/v1/reports/computer-status', 'POST /v1/reports/computer-status', {}, safe=False)
        messages.append(str(info.value))
    assert all(PSK not in m and token not in m for m in messages), messages
    assert 'secret-psk-value' not in repr(client.settings)
    for folder, dummy_dirs, files in os.walk(str(tmp_path / 'state')):
        for name in files:
            with open(os.path.join(folder, name), 'rb') as handle:
                content = handle.read()
            assert PSK.encode() not in content and token.encode() not in content


def test_verify_uses_ca_path_or_validate_certs(tmp_path):
    ca = tmp_path / 'ca.pem'
    ca.write_text('x')
    settings = ConnectionSettings('https://central.example/public-api', '1', 'k', ca_path=str(ca))
    session = FakeSession([FakeResponse(200, [])])
    CentralClient(settings, session=session, state_dir=str(tmp_path)).request('GET', '/v2/users', 'GET /v2/users')
    assert session.requests[0]['verify'] == str(ca)
    settings = ConnectionSettings('https://central.example/public-api', '1', 'k', validate_certs=False)
    session = FakeSession([FakeResponse(200, [])])
    client = CentralClient(settings, session=session, state_dir=str(tmp_path))
    client.request('GET', '/v2/users', 'GET /v2/users')
    assert session.requests[0]['verify'] is False
    assert any('validate_certs is false' in w for w in client.warnings)


@pytest.mark.parametrize('value, expected', [
    ('5', 5.0), ('  2.5 ', 2.5), ('-3', 0.0), ('999999', 3600.0), ('soon', None), (None, None),
    ('Wed, 21 Oct 2015 07:28:10 GMT', 10.0),
])
def test_parse_retry_after(value, expected):
    now = 1445412480.0  # 07:28:00 GMT that day
    assert parse_retry_after(value, now=now) == expected


def test_read_pages_until_the_continuation_token_is_null(tmp_path):
    pages = [FakeResponse(200, {'report': {'token': 'p2', 'expires': 'x'}, 'hosts': {'1': {'hostId': 1}}}),
             FakeResponse(200, {'report': {'token': 'p3', 'expires': 'x'}, 'hosts': {'2': {'hostId': 2}}}),
             FakeResponse(200, {'report': {'token': None, 'expires': 'x'}, 'hosts': {'3': {'hostId': 3}}})]
    client, session, dummy = make_client(tmp_path, pages)
    hosts = CentralApi(client).read_inventory_report('system', 'p1')
    assert sorted(hosts) == [1, 2, 3]
    assert [r['url'].rsplit('/', 1)[1] for r in session.requests] == ['p1', 'p2', 'p3']


def test_a_repeating_continuation_token_stops_reading(tmp_path):
    page = {'report': {'token': 'p1', 'expires': 'x'}, 'hosts': {}}
    client, session, dummy = make_client(tmp_path, [FakeResponse(200, page), FakeResponse(200, page)])
    with pytest.raises(Exception) as info:
        CentralApi(client).read_inventory_report('hardware', 'p1')
    assert 'repeats its continuation token' in str(info.value)


def test_antivirus_details_accepts_both_documented_shapes(tmp_path):
    example = {'hostGroups': [{'groupId': 1}], 'hosts': [{'hostId': 5, 'capabilities': {'canReportThreatLog': True}}]}
    table = {'hostsGroups': [{'groupId': 1}], 'hosts': [{'hostId': 5, 'canReportThreatLog': True}]}
    for answer in (example, table):
        client, session, dummy = make_client(tmp_path, [FakeResponse(200, answer)])
        details = CentralApi(client).antivirus_details()
        assert details['groups'] == [{'groupId': 1}]
        assert details['hosts'] == [{'hostId': 5, 'canReportThreatLog': True}]


def test_realtime_protection_falls_back_to_the_alternative_path_once(tmp_path):
    answers = [FakeResponse(404, {'message': 'not found'}),
               FakeResponse(200, {'commandStatuses': [{'targetHostId': 1, 'sentSuccessfully': True}]})]
    client, session, dummy = make_client(tmp_path, answers)
    statuses = CentralApi(client).antivirus_action('enable_realtime_protection', ['1'])
    assert statuses == [{'targetHostId': 1, 'sentSuccessfully': True}]
    assert [r['url'].rsplit('/', 1)[1] for r in session.requests] == ['enable-realtimetypeprotection', 'enable-realtimeprotection']


def test_setting_a_known_value_updates_cached_host_values_in_place(tmp_path):
    categories = {'metadataCategories': [{'id': 'loc', 'name': 'Location', 'values': [{'id': 'v-bud', 'name': 'Budapest'}]}]}
    values = {'hosts': [{'id': 1, 'metadata': [{'categoryId': 'loc', 'valueId': 'v-chi'}]}]}
    answers = [FakeResponse(200, categories), FakeResponse(200, values), FakeResponse(200), FakeResponse(200),
               FakeResponse(200, values), FakeResponse(200, categories)]
    client, session, dummy = make_client(tmp_path, answers, ttl=60)
    api = CentralApi(client)
    api.categories()
    api.host_values()
    api.set_host_value(2, 'loc', 'Budapest')  # known name: in place
    assert api.host_values() == {1: {'loc': 'v-chi'}, 2: {'loc': 'v-bud'}}
    assert len(session.requests) == 3
    api.set_host_value(1, 'loc', 'Vienna')  # a new name: cached under a provisional id, no re-read
    assert len(session.requests) == 4
    provisional = api.host_values()[1]['loc']
    assert is_provisional_value_id(provisional)
    assert {'id': provisional, 'name': 'Vienna'} in api.categories()[0]['values']
    api.set_host_value(2, 'loc', 'Vienna')  # the same new name again: the provisional id is reused
    assert api.host_values()[2]['loc'] == provisional
    assert len(session.requests) == 5


def test_setting_a_value_without_cached_categories_drops_the_cached_values(tmp_path):
    values = {'hosts': [{'id': 1, 'metadata': [{'categoryId': 'loc', 'valueId': 'v-chi'}]}]}
    client, session, dummy = make_client(tmp_path, [FakeResponse(200, values), FakeResponse(200), FakeResponse(200, values)], ttl=60)
    api = CentralApi(client)
    api.host_values()
    api.set_host_value(1, 'loc', 'Vienna')  # the category's values are not cached: nothing to check the name against
    api.host_values()
    assert len(session.requests) == 3


def test_custom_field_values_reconcile_provisional_ids_with_fresher_answers(tmp_path):
    categories = {'metadataCategories': [{'id': 'loc', 'name': 'Location', 'values': [{'id': 'v-bud', 'name': 'Budapest'}]}]}
    real = {'metadataCategories': [{'id': 'loc', 'name': 'Location',
                                    'values': [{'id': 'v-bud', 'name': 'Budapest'}, {'id': 'v-vie', 'name': 'Vienna'}]}]}
    values = {'hosts': [{'id': 1, 'metadata': [{'categoryId': 'loc', 'valueId': 'v-bud'}]}]}
    values_read_later = {'hosts': [{'id': 1, 'metadata': [{'categoryId': 'loc', 'valueId': 'v-vie'}]}]}
    answers = [FakeResponse(200, categories), FakeResponse(200, values), FakeResponse(200),
               FakeResponse(200, values_read_later), FakeResponse(200, real)]
    client, session, dummy = make_client(tmp_path, answers, ttl=60)
    api = CentralApi(client)
    api.custom_field_values()
    api.set_host_value(1, 'loc', 'Vienna')  # cached as provisional in both answers
    assert api.custom_field_values()[1] == {1: {'loc': 'new-value:Vienna'}}
    assert len(session.requests) == 3
    # The host values expire first and are read again: their real id is unknown to the cached
    # categories, which list a provisional value, so the categories are read again too.
    client.cache.apply(HOST_VALUES)
    read_categories, host_values = api.custom_field_values()
    assert host_values == {1: {'loc': 'v-vie'}} and {'id': 'v-vie', 'name': 'Vienna'} in read_categories[0]['values']
    assert len(session.requests) == 5


def test_a_provisional_host_value_is_found_by_name_in_fresher_categories(tmp_path):
    categories = {'metadataCategories': [{'id': 'loc', 'name': 'Location', 'values': []}]}
    real = {'metadataCategories': [{'id': 'loc', 'name': 'Location', 'values': [{'id': 'v-vie', 'name': 'Vienna'}]}]}
    values = {'hosts': []}
    answers = [FakeResponse(200, categories), FakeResponse(200, values), FakeResponse(200), FakeResponse(200, real)]
    client, session, dummy = make_client(tmp_path, answers, ttl=60)
    api = CentralApi(client)
    api.custom_field_values()
    api.set_host_value(1, 'loc', 'Vienna')
    client.cache.apply(CATEGORIES)  # the categories expire first
    assert api.custom_field_values()[1] == {1: {'loc': 'v-vie'}}
    assert len(session.requests) == 4


class WindowedService(FakeSession):
    """A service that accepts one call per ``window`` seconds and refuses the others with a too short Retry-After."""

    def __init__(self, clock, window, retry_after):
        super().__init__([], clock=clock, call_duration=0.05)
        self.window, self.retry_after, self.last_accepted, self.sent = window, retry_after, None, []

    def request(self, method, url, **kwargs):
        self.requests.append({'method': method, 'url': url})
        self.sent.append(self.clock())
        self.clock.advance(self.call_duration)
        if self.last_accepted is not None and self.clock() - self.last_accepted < self.window:
            return FakeResponse(429, {'message': 'Too many requests'}, headers={'Retry-After': self.retry_after})
        self.last_accepted = self.clock()
        return FakeResponse(200, {'hosts': []})


@pytest.mark.parametrize('retry_after', ['0', '0.2'])
def test_a_retry_after_of_zero_is_no_reason_to_call_again_at_once(tmp_path, retry_after):
    client, session, clock = make_client(tmp_path, [])
    service = WindowedService(clock, window=2.0, retry_after=retry_after)
    client._session = service
    for dummy in range(3):
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')
    refused = len(service.sent) - 3
    assert refused <= 4, service.sent  # the ladder (1, 2 s), not 20 calls in a row
    gaps = [later - earlier for earlier, later in zip(service.sent, service.sent[1:])]
    # The second call goes at once (nothing is known yet) and is refused; every call after a refusal waits.
    assert min(gaps[1:]) >= 1.0, gaps
