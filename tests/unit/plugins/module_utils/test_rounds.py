# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Long writes in rounds: the client ends a round before a write, plans say what is left, rounds add up."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import HOSTS, CentralApi
from ansible_collections.logmein.central.plugins.module_utils.errors import RateLimitError, RoundOver, ServerError, TransportError
from ansible_collections.logmein.central.plugins.module_utils.read_cache import ReadCache
from ansible_collections.logmein.central.plugins.module_utils.rounds import (
    TaskRounds, calls_left, counts, duration, merge_progress, progress_line, seconds_left)
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure, progress_of, send_steps

from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeResponse
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.test_client_fakes import make_client

DESCRIBE = 'PUT /v1/hosts/{host-id}/description'


def describe(client, host_id):
    client.request('PUT', '/v1/hosts/%d/description' % host_id, DESCRIBE, {'newDescription': 'x'})


def test_a_round_ends_before_a_write_whose_slot_comes_after_it_but_never_before_the_first(tmp_path):
    # Each description call is refused once with Retry-After 10, then accepted: one call every 10 s.
    answers = [FakeResponse(429, headers={'Retry-After': '10'}), FakeResponse(200)] + [FakeResponse(200)] * 3
    client, session, clock = make_client(tmp_path, answers)
    client.round_ends_at = clock() + 5
    describe(client, 1)  # refused, then sent 10 s later: until one is accepted, writes wait whatever the round
    client.round_ends_at = clock() + 12
    describe(client, 2)  # 10 s later: still in the round
    with pytest.raises(RoundOver) as ended:
        describe(client, 3)  # its slot comes after the end of the round: not sent
    assert ended.value.action == DESCRIBE and ended.value.wait > 0
    assert len(session.requests) == 3 and [a for a, dummy in client.writes] == [DESCRIBE] * 3
    client.round_ends_at = None
    describe(client, 3)  # without a round, the call waits as always
    assert len(session.requests) == 4


def test_a_round_ends_rather_than_fail_when_its_waits_have_used_rate_limit_max_wait(tmp_path):
    # Waits of 10 s, a budget of 15 s, a round of 60 s: the second write's wait would exceed the budget.
    answers = [FakeResponse(429, headers={'Retry-After': '10'})] + [FakeResponse(200)] * 4
    client, session, clock = make_client(tmp_path, answers, max_wait=15)
    client.round_ends_at = clock() + 60
    describe(client, 1)
    with pytest.raises(RoundOver):
        describe(client, 2)  # the round ends; the next one has a budget of its own
    client.round_ends_at = None
    with pytest.raises(RateLimitError):
        describe(client, 2)  # without rounds, the task fails as always


def test_a_write_of_unknown_outcome_is_retried_whatever_the_round(tmp_path):
    # A dropped answer leaves the outcome unknown: the retry goes even past the end of the round.
    answers = [FakeResponse(200), TransportError('dropped'), FakeResponse(200)]
    client, session, clock = make_client(tmp_path, answers)
    describe(client, 1)
    client.round_ends_at = clock()  # the round is over
    describe(client, 2)
    assert len(session.requests) == 3


def test_steps_left_at_the_end_of_a_round_are_pending_and_failures_name_their_hosts():
    sent = []

    def step(host_id, error=None):
        def send():
            if error is not None:
                raise error
            sent.append(host_id)
        return [host_id], send

    def round_over():
        raise RoundOver(DESCRIBE, 12)

    result = send_steps([step(1), step(2), ([3], round_over), step(4)], {'changed': True}, lambda written: {})
    assert sent == [1, 2] and result['complete'] is False
    assert result['progress'] == progress_of(written=[1, 2], pending=[3, 4], calls_left=2)

    lost = TransportError('no answer', action=DESCRIBE)
    lost.outcome_unknown = True
    with pytest.raises(PartialFailure) as failed:
        send_steps([step(5), step(6, lost), step(7)], {'changed': True}, lambda written: {'hosts': written})
    assert failed.value.result['progress'] == progress_of(written=[5], pending=[7], outcome_unknown=[6], calls_left=2)
    assert failed.value.result['done_hosts'] == [5] and failed.value.result['failed_hosts'] == [6, 7]
    with pytest.raises(PartialFailure) as failed:
        send_steps([step(8, ServerError('HTTP 500', action=DESCRIBE, status=500))], {'changed': True}, lambda written: {})
    assert failed.value.result['progress'] == progress_of(failed=[8], calls_left=1)


def test_the_rounds_of_a_task_add_up_into_one_result():
    rounds = TaskRounds()
    rounds.add({'changed': True, 'complete': False, 'api_calls': 4, 'diff': {'before': {'1': 'a', '2': 'b'}},
                'progress': progress_of(written=[1], pending=[2, 3], calls_left=2), 'rate_limit_waits': {DESCRIBE: 50.0},
                'warnings': ['same']})
    rounds.add({'changed': True, 'complete': True, 'api_calls': 2, 'diff': {'before': {'2': 'b'}},
                'progress': progress_of(written=[2, 3]), 'rate_limit_waits': {DESCRIBE: 70.0}, 'warnings': ['same']})
    final = rounds.final()
    assert final['rounds'] == 2 and final['complete'] and final['api_calls'] == 6
    assert final['diff'] == {'before': {'1': 'a', '2': 'b'}}  # the differences found when the task started
    assert final['progress'] == progress_of(written=[1, 2, 3])
    assert final['warnings'] == ['same', 'waited 120.0 s for the LogMeIn Central rate limit before %s' % DESCRIBE]


def test_progress_per_kind_merges_kind_by_kind():
    earlier = {'groups': progress_of(written=[1]), 'descriptions': progress_of(written=[1], pending=[2], calls_left=1),
               'custom_fields': {'Rack': progress_of(pending=[5], calls_left=1)}}
    later = {'groups': progress_of(), 'descriptions': progress_of(written=[2]),
             'custom_fields': {'Rack': progress_of(failed=[5], calls_left=1)}}
    merged = merge_progress(earlier, later)
    assert merged['descriptions'] == progress_of(written=[1, 2])
    assert merged['groups'] == progress_of(written=[1])
    assert merged['custom_fields']['Rack'] == progress_of(failed=[5], calls_left=1)
    assert counts(merged) == {'written': 3, 'pending': 0, 'failed': 1, 'outcome_unknown': 0}
    assert calls_left(earlier) == 2 and calls_left(merged) == 1


def test_the_progress_line_says_what_is_done_what_is_left_and_how_long_it_takes():
    progress = progress_of(written=list(range(45)), pending=list(range(255)), calls_left=255)
    line = progress_line('logmein.central.host_description', 9, 2700, progress, 255 * 60.0)
    assert line == ('logmein.central.host_description: round 9 ended after 45 min 0 s: 45 of 300 changes written, 255 left, '
                    'about 4 h 15 min to go at the learned pacing')
    assert duration(59.6) == '1 min 0 s' and duration(7) == '7 s'


class FakeClient:
    def __init__(self, interval, writes):
        self.writes = writes
        self.limiter = type('Limiter', (), {'interval': lambda limiter, action: interval})()


def test_time_left_uses_the_learned_interval_and_lanes_side_by_side_take_the_longest():
    slow = FakeClient(60.0, [(DESCRIBE, 0.0)])
    unlimited = FakeClient(0.0, [('POST x', 0.0), ('POST x', 3.0), ('POST x', 6.0)])  # spaced 3 s apart
    assert seconds_left([(10, slow), (4, unlimited)]) == 600.0
    assert seconds_left([(10, slow), (4, unlimited)], side_by_side=False) == 612.0
    assert seconds_left([(0, slow)]) == 0.0


def test_a_write_left_in_flight_by_a_dead_process_drops_the_cached_reads_it_may_have_changed(tmp_path):
    store = StateStore(str(tmp_path), 'account')
    cache = ReadCache(store, 3600, 'tag')
    cache.put('/v2/hosts', HOSTS, {'hosts': ['old']}, cache.generation(HOSTS))
    cache.put('/v1/other', 'other', {'x': 1}, cache.generation('other'))
    token = cache.write_started([HOSTS])
    assert cache.get('/v2/hosts', HOSTS) == (True, {'hosts': ['old']})  # our own write: still in flight
    cache.write_ended(token)
    assert cache.get('/v2/hosts', HOSTS) == (True, {'hosts': ['old']})

    # A process that started a write and died before its answer (a job timeout, kill -9).
    dead = subprocess.run([sys.executable, '-c', 'import os; print(os.getpid())'], stdout=subprocess.PIPE, check=True)
    cache.write_started([HOSTS])
    in_flight = store.read('writes-in-flight.json')
    store.write('writes-in-flight.json', dict((token, dict(write, pid=int(dead.stdout))) for token, write in in_flight.items()))
    assert cache.get('/v2/hosts', HOSTS) == (False, None)
    assert cache.get('/v1/other', 'other') == (True, {'x': 1})  # the other kinds are kept
    assert store.read('writes-in-flight.json') == {}


def test_api_writes_are_in_flight_only_while_they_are_sent(tmp_path):
    client, session, dummy = make_client(tmp_path, [FakeResponse(200)], ttl=60)
    seen = []
    original = client._send

    def send(method, url, body, action):
        seen.append(dict(client.cache._store.read('writes-in-flight.json', {})))
        return original(method, url, body, action)
    client._send = send
    CentralApi(client).set_description(1, 'x')
    assert len(seen) == 1 and list(seen[0].values())[0]['kinds']
    assert client.cache._store.read('writes-in-flight.json') == {}


def report_pages(count, per_page=50):
    """The pages of a report of ``count`` hosts, each naming the next; the second page is refused once (Retry-After 60)."""
    pages = []
    ids = list(range(1, count + 1))
    for number, start in enumerate(range(0, count, per_page)):
        following = 'p%d' % (number + 2) if start + per_page < count else None
        if number == 1:
            pages.append(FakeResponse(429, headers={'Retry-After': '60'}))
        pages.append(FakeResponse(200, {'hosts': dict((str(i), {'hostId': i}) for i in ids[start:start + per_page]),
                                        'report': {'token': following}}))
    return pages


def test_a_long_report_read_fails_before_waiting_when_it_cannot_fit_and_names_the_option(tmp_path):
    # 1,000 hosts: 20 pages at one page a minute take 19 minutes, more than the default 300 s of waiting.
    client, session, dummy = make_client(tmp_path, report_pages(1000))
    with pytest.raises(RateLimitError) as caught:
        CentralApi(client).read_inventory_report('system', 'p1', created_for=list(range(1, 1001)))
    message = caught.value.message
    assert 'has 20 pages of 50 hosts, read at one page every 60 s: the 18 pages left take about 18 min' in message
    assert 'Raise rate_limit_max_wait to at least 1200' in message
    assert len(session.requests) == 3  # pages 1 and 2 (refused once): no wait for the third


def test_a_long_report_read_that_fits_says_how_long_it_takes(tmp_path):
    client, session, dummy = make_client(tmp_path, report_pages(200), max_wait=600)
    hosts = CentralApi(client).read_inventory_report('system', 'p1', created_for=list(range(1, 201)))
    assert len(hosts) == 200
    notice = 'reading the system inventory report (4 pages) takes about 2 min more at one page every 60 s'
    assert [w for w in client.warnings if 'inventory report' in w] == [notice]  # a module says it when it ends
    told = []
    client, session, dummy = make_client(tmp_path / 'plugin', report_pages(200), max_wait=600, announce=told.append)
    CentralApi(client).read_inventory_report('system', 'p1', created_for=list(range(1, 201)))
    assert told == [notice] and notice not in client.warnings  # the inventory plugin says it before waiting
