# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One contract, two backends: the state directory and a real Redis server keep documents, locks, the rate
limiter's learning and the read cache alike (each test runs once per backend, see conftest.make_store)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import os
import signal
import time

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.rate_limit import RateLimiter, spacing
from ansible_collections.logmein.central.plugins.module_utils.read_cache import ReadCache
from ansible_collections.logmein.central.plugins.module_utils.state_store import RUN_LOCK, LockBusy, account_key
from ansible_collections.logmein.central.tests.redis.conftest import ACCOUNT, finish, start_worker, wait_for_line

A = 'GET /v2/hosts'
HOLDER = {'purpose': 'desired_state converge', 'job': 'AWX job 4242', 'host': 'node-7.example', 'started': '2026-12-01T02:00:00+00:00'}


class FakeClock:
    def __init__(self, start=1000000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def store_spec(make_store, key=ACCOUNT, state_dir=None):
    return {'backend': make_store.backend, 'url': make_store.url, 'key': key, 'state_dir': state_dir or make_store.state_dir}


# Documents --------------------------------------------------------------------------------


def test_documents_are_read_written_deleted_and_listed(make_store):
    first, second = make_store(), make_store()
    with first.locked():
        assert first.read('rate-limit.json') is None
        assert first.read('rate-limit.json', {'none': True}) == {'none': True}
        first.write('rate-limit.json', {'entries': {'a': [1, 2.5, None, 'x']}})
        first.write('cache-hosts-1.json', {'data': 'é ✓'})
        first.write('cache-hosts-2.json', [1])
        first.write('cache-other[*].json', 3)
    with second.locked():
        assert second.read('rate-limit.json') == {'entries': {'a': [1, 2.5, None, 'x']}}
        assert second.read('cache-hosts-1.json') == {'data': 'é ✓'}
        assert sorted(second.names('cache-hosts-')) == ['cache-hosts-1.json', 'cache-hosts-2.json']
        assert second.names('cache-other[') == ['cache-other[*].json']  # a prefix is literal, not a pattern
        assert second.names('nothing-') == []
        second.delete('cache-hosts-1.json')
        second.delete('never-written.json')
    with first.locked():
        assert first.read('cache-hosts-1.json') is None
        assert sorted(first.names('cache-')) == ['cache-hosts-2.json', 'cache-other[*].json']


def test_a_document_written_with_expire_is_gone_after_it(make_store):
    store = make_store()
    with store.locked():
        store.write('cache-short.json', {'a': 1}, expire=0.3)
    time.sleep(0.5)
    other = make_store()
    with other.locked():
        other.write('cache-fresh.json', {'a': 2}, expire=0.3)
        # The read cache prunes with its documents' expiry: the directory removes them by age, the server has
        # expired them itself.
        other.prune('cache-', 0.3)
        assert other.read('cache-short.json') is None
        assert other.read('cache-fresh.json') == {'a': 2}
        assert other.names('cache-') == ['cache-fresh.json']


def test_another_account_sees_none_of_the_documents(make_store):
    store, stranger = make_store(), make_store(key=account_key('https://central.example/public-api', '999'))
    with store.locked():
        store.write('rate-limit.json', {'a': 1})
    with stranger.locked():
        assert stranger.read('rate-limit.json') is None
        assert 'rate-limit.json' not in stranger.names('')


# Locks --------------------------------------------------------------------------------------


def test_the_documents_lock_excludes_other_processes(make_store):
    """4 processes x 50 increments of one document, each a read and a write under the lock: none is lost."""
    def state_dir(n):  # the directory's processes share it; Redis workers have fallback directories of their own
        return make_store.state_dir if make_store.backend == 'directory' else '%s-%d' % (make_store.state_dir, n)

    workers = [start_worker({'operation': 'increment', 'store': store_spec(make_store, state_dir=state_dir(n)),
                             'count': 50, 'name': 'counter.json'}) for n in range(4)]
    for worker in workers:
        assert finish(worker, timeout=60)['backend'] == ('StateStore' if make_store.backend == 'directory' else 'RedisStateStore')
    store = make_store()
    with store.locked():
        assert store.read('counter.json') == {'count': 200}


def test_a_long_lock_held_elsewhere_is_busy_with_its_holder_then_free_once_released(make_store):
    holder, other = make_store(), make_store()
    with holder.hold(RUN_LOCK, HOLDER, 0):
        started = time.monotonic()
        with pytest.raises(LockBusy) as busy:
            with other.hold(RUN_LOCK, {'purpose': 'second'}, 0.4):
                pytest.fail('both held the run lock')
        assert time.monotonic() - started >= 0.4 and busy.value.waited >= 0.4
        assert busy.value.lock == RUN_LOCK
        assert dict((field, busy.value.holder[field]) for field in HOLDER) == HOLDER
        # The documents' lock is another lock: pacing goes on while a run holds its lock.
        with other.locked():
            pass
    with other.hold(RUN_LOCK, {'purpose': 'second'}, 0):
        pass


def test_a_long_lock_is_freed_when_its_holder_is_killed(make_store, tmp_path):
    """A run killed (a job timeout, a lost node) never blocks the next: the directory's flock ends with the process, a
    Redis lease within its length (shortened to 1 s in the killed process)."""
    # The directory's processes share it; a Redis worker has a fallback directory of its own.
    state_dir = make_store.state_dir if make_store.backend == 'directory' else str(tmp_path / 'worker')
    worker = start_worker({'operation': 'hold', 'lock': RUN_LOCK, 'holder': HOLDER, 'lease': 1.0,
                           'store': store_spec(make_store, state_dir=state_dir)})
    try:
        wait_for_line(worker, 'held')
        if make_store.backend == 'redis':
            time.sleep(1.5)  # longer than the lease: the holder renews it while it lives
        with pytest.raises(LockBusy) as busy:
            with make_store().hold(RUN_LOCK, {'purpose': 'second'}, 0.2):
                pytest.fail('the lock of a living holder was taken')
        assert busy.value.holder['job'] == 'AWX job 4242'
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.communicate()
    started = time.monotonic()
    with make_store().hold(RUN_LOCK, {'purpose': 'second'}, 5):
        freed_after = time.monotonic() - started
    # (Redis: the 1 s lease, plus a waiter's pause of up to 0.75 s between tries; far below the 30 s default lease.)
    assert freed_after < (1.0 if make_store.backend == 'directory' else 3.0), freed_after


# The rate limiter and the read cache ------------------------------------------------------


def test_what_one_limiter_learns_another_sees(make_store):
    clock = FakeClock()
    first, second = [RateLimiter(make_store(), clock=clock, jitter=lambda: 0.0, domain='test-clock') for dummy in range(2)]
    assert first.reserve(A, 300) == (0.0, True)
    assert first.settle(A) == 0.0
    first.accepted(A, clock(), sent_at=clock())
    assert second.reserve(A, 300) == (0.0, True)
    assert second.settle(A) == 0.0
    second.refused(A, clock())
    assert first.interval(A) == 1.0 and second.interval(A) == 1.0
    # Reservations queue, whichever instance makes them.
    waits = [limiter.reserve(A, 300) for limiter in (first, second, first)]
    assert waits == [(pytest.approx(spacing(1.0) * n), True) for n in (1, 2, 3)]


def cache(make_store, clock, psk='secret', ttl=60):
    settings = ConnectionSettings('https://central.example/public-api', '1234', psk)
    from ansible_collections.logmein.central.plugins.module_utils.connection_options import settings_tag  # pylint: disable=import-outside-toplevel
    return ReadCache(make_store(), ttl, settings_tag(settings, 'read-cache'), clock=clock)


def test_the_read_cache_serves_other_instances_until_a_write_or_its_age(make_store):
    clock = FakeClock()
    first, second = cache(make_store, clock), cache(make_store, clock)
    generation = first.generation('hosts')
    first.put('/v2/hostswithgroups', 'hosts', {'hosts': [{'id': 1, 'description': 'old'}]}, generation)
    first.put('/v2/groups', 'groups', ['g'], first.generation('groups'))
    assert second.get('/v2/hostswithgroups', 'hosts') == (True, {'hosts': [{'id': 1, 'description': 'old'}]})

    def described(path, data):
        return {'hosts': [dict(h, description='new') for h in data['hosts']]}

    second.apply('hosts', described)  # a write's known effect: the answer is transformed, not dropped
    assert first.get('/v2/hostswithgroups', 'hosts') == (True, {'hosts': [{'id': 1, 'description': 'new'}]})
    first.apply('hosts')  # an effect not known: dropped
    assert second.get('/v2/hostswithgroups', 'hosts') == (False, None)
    assert second.get('/v2/groups', 'groups') == (True, ['g'])  # another kind is kept
    # A read that started before a write is not stored.
    stale = second.generation('hosts')
    first.apply('hosts')
    second.put('/v2/hostswithgroups', 'hosts', {'hosts': []}, stale)
    assert first.get('/v2/hostswithgroups', 'hosts') == (False, None)
    clock.advance(61)
    assert first.get('/v2/groups', 'groups') == (False, None)


def test_the_read_cache_serves_no_other_credentials_nor_account(make_store):
    clock = FakeClock()
    first = cache(make_store, clock)
    first.put('/v2/groups', 'groups', ['g'], first.generation('groups'))
    assert cache(make_store, clock, psk='another psk').get('/v2/groups', 'groups') == (False, None)
    settings = ConnectionSettings('https://central.example/public-api', '999', 'secret')
    from ansible_collections.logmein.central.plugins.module_utils.connection_options import settings_tag  # pylint: disable=import-outside-toplevel
    stranger = ReadCache(make_store(key=account_key(settings.api_url, settings.company_id)), 60,
                         settings_tag(settings, 'read-cache'), clock=clock)
    assert stranger.get('/v2/groups', 'groups') == (False, None)


def stored_text(make_store, tmp_path):
    """Every key and value the backend holds (the Redis server's), or every file name and content under tmp_path."""
    if make_store.backend == 'redis':
        import redis  # pylint: disable=import-outside-toplevel
        server = redis.Redis.from_url(make_store.url)
        return [key.decode() + ' ' + (server.get(key) or b'').decode() for key in server.scan_iter()]
    texts = []
    for folder, dummy, files in os.walk(str(tmp_path)):
        for name in files:
            with open(os.path.join(folder, name), 'rb') as handle:
                texts.append(os.path.join(folder, name) + ' ' + handle.read().decode('utf-8', 'replace'))
    return texts


def test_the_psk_is_in_no_stored_key_or_value(make_store, central, tmp_path):
    """A client pacing, caching and writing through the backend: neither the PSK nor the Authorization token is stored."""
    central.configure(rate_limit_window=0.2)
    psk = central.psk
    settings = ConnectionSettings.from_options(dict(api_url=central.api_url, company_id=central.company_id, psk=psk,
                                                    state_url=make_store.url).get)
    api = CentralApi(CentralClient(settings, state_dir=str(tmp_path / 'state')))
    hosts = api.hosts_with_groups()['hosts']
    api.set_description(hosts[0]['id'], 'Stored nowhere else')
    api.set_description(hosts[1]['id'], 'Stored nowhere else')
    api.hosts_with_groups()
    assert api.client.state_backend == make_store.backend
    texts = stored_text(make_store, tmp_path)
    assert any('rate-limit.json' in text for text in texts) and any('cache-' in text for text in texts), texts
    token = base64.b64encode(('%s:%s' % (central.company_id, psk)).encode()).decode()
    for text in texts:
        assert psk not in text and token not in text
