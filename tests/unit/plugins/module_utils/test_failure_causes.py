# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A failure says what really happened: whether a write may have been carried out, and the error behind it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from ansible_collections.logmein.central.plugins.module_utils.converge import combine
from ansible_collections.logmein.central.plugins.module_utils.errors import RateLimitError, ServerError, TransportError
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure, WritePlan, send_steps
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeResponse
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.test_client_fakes import make_client

ACTION = 'PUT /v1/hosts/{host-id}/description'


def fail_with(error):
    def send():
        raise error
    return send


def test_a_partial_failure_keeps_the_unknown_outcome_and_the_cause_of_the_write_that_failed():
    lost = TransportError('no answer from central.example within timeout (5 s)', action=ACTION, outcome_unknown=True)
    steps = [([1], lambda: None), ([2], fail_with(lost)), ([3], lambda: None)]
    with pytest.raises(PartialFailure) as failure:
        send_steps(steps, {'changed': True}, lambda written: {'hosts': written})
    failed = failure.value.to_fail_kwargs()
    assert failed['outcome_unknown'] is True and failed['error_causes'] == ['transport']
    assert failed['error_kind'] == 'partial_failure' and failure.value.result['progress']['outcome_unknown'] == [2]


def test_a_partial_failure_without_a_write_of_unknown_outcome_does_not_claim_one():
    refused = ServerError('LogMeIn Central failed on %s (HTTP 500): boom' % ACTION, action=ACTION, status=500)
    with pytest.raises(PartialFailure) as failure:
        send_steps([([1], lambda: None), ([2], fail_with(refused))], {'changed': True}, lambda written: {})
    failed = failure.value.to_fail_kwargs()
    assert 'outcome_unknown' not in failed and failed['error_causes'] == ['server'] and failed['status'] == 500


def test_a_converge_failure_keeps_the_causes_and_the_unknown_outcome_of_every_kind():
    lost = TransportError('no answer', action=ACTION, outcome_unknown=True)
    wrapped = PartialFailure.after(lost, [], [{'host_id': 2}], {'changed': False})
    refused = RateLimitError('waiting would exceed rate_limit_max_wait', action='PUT /v1/hosts/hostgroups', status=429)
    plan = WritePlan({'changed': True, 'diff': {'before': '', 'after': ''}})
    plans = {'groups': [(None, plan)], 'descriptions': [(None, plan)], 'custom_fields': []}
    with pytest.raises(PartialFailure) as failure:
        combine(plans, {'groups': [refused], 'descriptions': [wrapped], 'custom_fields': []}, written=True)
    failed = failure.value.to_fail_kwargs()
    assert failed['outcome_unknown'] is True and failed['error_causes'] == ['rate_limited', 'transport']


def test_a_safe_write_whose_retry_the_budget_refuses_fails_with_its_real_cause_and_unknown_outcome(tmp_path):
    # The first attempt waits out a 429 (60 s of the 100 s budget); the second gets no answer and may have been
    # carried out; its retry would wait another minute. No 429 stopped this write: a lost answer did.
    answers = [FakeResponse(429, {}, headers={'Retry-After': '60'}), requests.exceptions.ReadTimeout('read timed out')]
    client, session, dummy = make_client(tmp_path, answers, max_wait=100)
    with pytest.raises(TransportError) as failure:
        client.request('PUT', '/v1/hosts/1/description', ACTION, {'description': 'x'}, safe=True)
    failed = failure.value.to_fail_kwargs()
    assert failed['error_kind'] == 'transport' and failed['outcome_unknown'] is True and 'status' not in failed
    assert 'it was not retried' in failed['msg'] and 'rate_limit_max_wait' in failed['msg']
    assert len(session.requests) == 2


def test_a_wait_beyond_the_budget_without_any_429_does_not_claim_one(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(429, {}, headers={'Retry-After': '60'}),
                                                    FakeResponse(200, {})], max_wait=100)
    client.request('GET', '/v2/hosts', 'GET /v2/hosts')  # learns the minute
    with pytest.raises(RateLimitError) as failure:
        client.request('GET', '/v2/hosts', 'GET /v2/hosts')  # paced: a minute more would exceed the budget
    assert failure.value.status is None and len(session.requests) == 2
