# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The rate limiter's learning and the read cache, with a fake clock and a real state directory."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.rate_limit import FORGET_AFTER, RateLimiter, spacing
from ansible_collections.logmein.central.plugins.module_utils.read_cache import ReadCache, credentials_tag
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore, account_key
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeClock

A = 'GET /v2/hosts'
B = 'GET /v2/users'


@pytest.fixture
def clock():
    return FakeClock()


def limiter(tmp_path, clock):
    """A limiter as one process would build it; several share the state directory."""
    return RateLimiter(StateStore(str(tmp_path), account_key('https://x/public-api', '1')), clock=clock, jitter=lambda: 0.0)


def test_no_limit_known_means_no_wait(tmp_path, clock):
    assert limiter(tmp_path, clock).reserve(A, 300) == (0.0, True)


def test_a_stampede_queues_behind_one_interval_without_escalating(tmp_path, clock):
    processes = [limiter(tmp_path, clock) for dummy in range(10)]
    for process in processes:
        assert process.reserve(A, 300) == (0.0, True)
    processes[0].accepted(A, clock())
    for process in processes[1:]:
        process.refused(A, clock())  # all sent before anything was learned
    waits = [process.reserve(A, 300)[0] for process in processes[1:]]
    assert waits == [pytest.approx(n * spacing(1.0)) for n in range(1, 10)]
    assert spacing(1.0) == pytest.approx(1.05)
    assert processes[0].interval(A) == 1.0


def test_refusal_of_a_paced_call_doubles_up_to_the_minute(tmp_path, clock):
    process = limiter(tmp_path, clock)
    process.accepted(A, clock())
    intervals = []
    for dummy in range(9):
        wait, dummy_reserved = process.reserve(A, 10000)
        clock.advance(wait)
        process.refused(A, clock())
        intervals.append(process.interval(A))
    assert intervals == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_retry_after_sets_the_interval_from_the_last_accepted_call(tmp_path, clock):
    process = limiter(tmp_path, clock)
    process.accepted(A, clock())
    clock.advance(5)
    process.refused(A, clock(), retry_after=55)
    assert process.interval(A) == pytest.approx(60)
    assert process.reserve(A, 300)[0] == pytest.approx(spacing(60) - 5)


def test_a_wait_beyond_the_budget_reserves_nothing(tmp_path, clock):
    first, second = limiter(tmp_path, clock), limiter(tmp_path, clock)
    first.accepted(A, clock())
    first.refused(A, clock(), retry_after=30)
    assert first.reserve(A, 10) == (pytest.approx(spacing(30)), False)
    assert second.reserve(A, 300) == (pytest.approx(spacing(30)), True)  # the refused reservation left no gap


def test_actions_are_paced_separately_by_default(tmp_path, clock):
    process = limiter(tmp_path, clock)
    process.reserve(A, 300)
    process.accepted(A, clock())
    process.refused(A, clock())
    assert process.reserve(B, 300) == (0.0, True)
    assert process.scope() == 'action'


def test_a_refusal_only_another_action_explains_switches_to_account_scope(tmp_path, clock):
    process = limiter(tmp_path, clock)
    process.reserve(A, 300)
    process.accepted(A, clock())
    clock.advance(0.1)
    process.reserve(B, 300)
    process.refused(B, clock(), retry_after=2)
    assert process.scope() == 'account'
    # now A waits behind B's window too
    assert process.reserve(A, 300)[0] > 0


def test_knowledge_is_forgotten_after_an_hour(tmp_path, clock):
    process = limiter(tmp_path, clock)
    process.accepted(A, clock())
    process.refused(A, clock(), retry_after=60)
    clock.advance(FORGET_AFTER + 1)
    assert process.interval(A) == 0
    assert process.reserve(A, 0) == (0.0, True)


def cache(tmp_path, clock, ttl=60, psk='k'):
    store = StateStore(str(tmp_path), account_key('https://x/public-api', '1'))
    return ReadCache(store, ttl, credentials_tag('1', psk), clock=clock)


def test_cache_serves_fresh_answers_to_other_instances(tmp_path, clock):
    writer, reader = cache(tmp_path, clock), cache(tmp_path, clock)
    writer.put('/v2/hosts', 'hosts', {'hosts': [1]}, writer.generation('hosts'))
    assert reader.get('/v2/hosts', 'hosts') == (True, {'hosts': [1]})
    clock.advance(60)
    assert reader.get('/v2/hosts', 'hosts') == (False, None)


def test_cache_is_not_shared_with_other_credentials(tmp_path, clock):
    writer, stranger = cache(tmp_path, clock), cache(tmp_path, clock, psk='wrong')
    writer.put('/v2/hosts', 'hosts', {'hosts': [1]}, writer.generation('hosts'))
    assert stranger.get('/v2/hosts', 'hosts') == (False, None)


def test_a_write_during_a_read_keeps_the_read_out(tmp_path, clock):
    first, second = cache(tmp_path, clock), cache(tmp_path, clock)
    generation = first.generation('hosts')
    second.apply('hosts')  # a write lands while the read is in flight
    first.put('/v2/hosts', 'hosts', {'hosts': ['stale']}, generation)
    assert first.get('/v2/hosts', 'hosts') == (False, None)


def test_writes_transform_in_place_or_drop_only_their_kind(tmp_path, clock):
    shared = cache(tmp_path, clock)
    shared.put('/v2/hosts', 'hosts', {'hosts': [{'id': 1, 'description': 'old'}]}, shared.generation('hosts'))
    shared.put('/v2/users', 'users', {'usersData': []}, shared.generation('users'))

    def rename(path, data):
        data['hosts'][0]['description'] = 'new'
        return data
    shared.apply('hosts', rename)
    assert shared.get('/v2/hosts', 'hosts') == (True, {'hosts': [{'id': 1, 'description': 'new'}]})
    shared.apply('hosts')
    assert shared.get('/v2/hosts', 'hosts') == (False, None)
    assert shared.get('/v2/users', 'users') == (True, {'usersData': []})


def test_ttl_zero_disables_the_cache(tmp_path, clock):
    off = cache(tmp_path, clock, ttl=0)
    off.put('/v2/hosts', 'hosts', {}, off.generation('hosts'))
    assert off.get('/v2/hosts', 'hosts') == (False, None)


def test_an_unwritable_state_directory_falls_back_to_memory(tmp_path, clock):
    blocker = tmp_path / 'file'
    blocker.write_text('not a folder')
    store = StateStore(str(blocker), 'key')
    assert not store.shared
    with store.locked():
        store.write('doc', {'a': 1})
        assert store.read('doc') == {'a': 1}
