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

from ansible_collections.logmein.central.plugins.module_utils.client import (
    strip_hijacking_prefix,
)
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    BadRequestError,
    NotFoundError,
    ServerError,
    TransportError,
)
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeResponse
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.test_client_fakes import make_client

PREFIXES = [")]}'", ")]}'\n", ")]}',\n", ")]}', ", ")]}'\r\n", "  )]}'\n", ")]}' \n,\n"]


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
