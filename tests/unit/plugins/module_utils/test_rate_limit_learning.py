# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Learning the limit from a fresh state, in simulated time, for every reading of the guide.

The guide says an API "can be called once every minute" and nothing more: the limit may be
per action or per account, and a refused call may or may not count toward the window. A
simulated service implements each combination at windows of 0.5, 2 and 60 s, and the real
RateLimiter paces a job of two actions called one after the other (as the role calls them).

Definitions (issue 14): the floor of the job is what the limit itself costs: per action, the
sum over the two actions of (calls - 1) x window; per account, (all calls - 1) x window. The
target: elapsed <= 1.1 x floor + the time the same job takes without a limit, and at most
3 refusals per action beyond the first.

The same service paces eight processes (Ansible's forks) calling one action once each, each
with its own RateLimiter on the shared state directory, interleaved in simulated time: a
collision between them must not be taken for a longer window.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import heapq

import pytest

from ansible_collections.logmein.central.plugins.module_utils.rate_limit import INITIAL_INTERVAL, RateLimiter, spacing
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore, account_key
from ansible_collections.logmein.central.tests.unit.plugins.module_utils.fake_http import FakeClock

A = 'PUT /v1/hosts/{host-id}/description'
B = 'POST /v1/hosts/{host-id}/custom-fields/value-by-category/{category-id}'
LATENCY = 0.05  # each way: a call is counted LATENCY after it is sent and answered LATENCY later
# Calls per action: the 4-host job at the documented minute, longer jobs at short windows (as the benchmarks run).
CALLS = {0.5: 100, 2.0: 40, 60.0: 4}


class Service:
    """Accepts a call when ``window`` passed since the window's start, per action or per account.

    The window starts at each accepted call and, with ``restart``, at each refused one too.
    """

    def __init__(self, clock, window, scope, restart):
        self.clock, self.window, self.scope, self.restart = clock, window, scope, restart
        self.started = {}
        self.refusals = {}

    def counts(self, action):
        key = '*' if self.scope == 'account' else action
        now = self.clock()
        start = self.started.get(key)
        if start is not None and now - start < self.window:
            if self.restart:
                self.started[key] = now
            self.refusals[action] = self.refusals.get(action, 0) + 1
            return False
        self.started[key] = now
        return True

    def call(self, limiter, action):
        """One call as the client makes it: reserve, wait, settle, send, learn; repeated until accepted."""
        while True:
            wait, reserved = limiter.reserve(action, 100000)
            assert reserved
            self.clock.advance(wait)
            settled = limiter.settle(action)
            while settled:
                self.clock.advance(settled)
                settled = limiter.settle(action)
            sent_at = self.clock()
            self.clock.advance(LATENCY)
            accepted = self.counts(action)
            self.clock.advance(LATENCY)
            if accepted:
                limiter.accepted(action, self.clock(), sent_at=sent_at)
                return
            limiter.refused(action, sent_at, retry_after=None, answered_at=self.clock())


def new_limiter(tmp_path, clock):
    return RateLimiter(StateStore(str(tmp_path), account_key('https://x/public-api', '1')), clock=clock, jitter=lambda: 0.5)


def run_job(tmp_path, window, scope, restart):
    """``(elapsed, floor, refusals by action)`` of a job: CALLS[window] calls of A, then of B."""
    clock = FakeClock()
    limiter = new_limiter(tmp_path, clock)
    service = Service(clock, window, scope, restart)
    calls = CALLS[window]
    start = clock()
    for action in (A, B):
        for dummy in range(calls):
            service.call(limiter, action)
    elapsed = clock() - start
    unlimited = 2 * calls * 2 * LATENCY
    floor = (2 * calls - 1) * window if scope == 'account' else 2 * (calls - 1) * window
    return elapsed, floor, unlimited, service.refusals


def combinations():
    for restart in (False, True):
        for scope in ('action', 'account'):
            for window in sorted(CALLS):
                yield pytest.param(window, scope, restart,
                                   id='%s-%s-%gs' % ('refusals-restart' if restart else 'refusals-do-not-count', scope, window))


@pytest.mark.parametrize('window, scope, restart', list(combinations()))
def test_learning_meets_the_target(tmp_path, window, scope, restart):
    elapsed, floor, unlimited, refusals = run_job(tmp_path, window, scope, restart)
    summary = 'window %s, per %s, refusals %s: %.1f s, floor %.1f s (%.2f x), refusals %s' % (
        window, scope, 'restart it' if restart else 'do not count', elapsed, floor, elapsed / floor, sorted(refusals.values()))
    print(summary)
    assert elapsed <= 1.1 * floor + unlimited, summary
    assert all(count <= 4 for count in refusals.values()), summary


@pytest.mark.parametrize('restart', [False, True])
def test_a_refused_probe_tells_whether_refusals_restart_the_window(tmp_path, restart):
    clock = FakeClock()
    limiter = new_limiter(tmp_path, clock)
    service = Service(clock, 0.5, 'action', restart)
    for dummy in range(10):
        service.call(limiter, A)
    assert limiter.restarts() is restart
    # Known: a refused probe of B costs no second refusal to find out.
    for dummy in range(40):
        service.call(limiter, B)
    assert service.refusals.get(B, 0) <= 3


def fork(limiter, service, action, start):
    """One process making one call, as a generator of the seconds it waits (see run_forks)."""
    yield start
    clock = service.clock
    while True:
        wait, reserved = limiter.reserve(action, 100000)
        assert reserved
        yield wait
        settled = limiter.settle(action)
        while settled:
            yield settled
            settled = limiter.settle(action)
        sent_at = clock()
        yield LATENCY
        accepted = service.counts(action)
        yield LATENCY
        if accepted:
            limiter.accepted(action, clock(), sent_at=sent_at)
            return
        limiter.refused(action, sent_at, retry_after=None, answered_at=clock())


def run_forks(tmp_path, window, restart, starts):
    """``(elapsed, refusals)`` of one call each by processes starting at ``starts``, interleaved in simulated time.

    Each process has its own RateLimiter on the shared state directory, as Ansible's forks do.
    """
    clock = FakeClock()
    service = Service(clock, window, 'action', restart)
    begin = clock()
    interleave(clock, [fork(new_limiter(tmp_path, clock), service, A, start) for start in starts])
    return clock() - begin, service.refusals


def interleave(clock, processes):
    """Run generators of waits side by side in simulated time, each step at the time it waits for."""
    queue = []
    for number, process in enumerate(processes):
        heapq.heappush(queue, (clock() + next(process), number, process))
    while queue:
        due, number, process = heapq.heappop(queue)
        clock.now = max(clock.now, due)
        try:
            heapq.heappush(queue, (clock() + next(process), number, process))
        except StopIteration:
            pass


# Eight forks writing one description each: all at once, or started a fraction of a second apart as Ansible starts them.
STARTS = {'at-once': [0.0] * 8, 'staggered': [0.15 * n for n in range(8)]}


@pytest.mark.parametrize('restart', [False, True], ids=['refusals-do-not-count', 'refusals-restart'])
@pytest.mark.parametrize('window', [2.0, 60.0])
@pytest.mark.parametrize('starts', sorted(STARTS))
def test_forks_take_turns_without_escalating(tmp_path, starts, window, restart):
    elapsed, refusals = run_forks(tmp_path, window, restart, STARTS[starts])
    floor = 7 * window
    unlimited = STARTS[starts][-1] + 2 * LATENCY
    if starts == 'at-once':
        # Processes that start at the very same instant, before anything is learned, take turns
        # at the first guess: the second is refused once, and that refusal may restart the window.
        unlimited += spacing(INITIAL_INTERVAL)
    summary = 'window %s, %s, refusals %s: %.1f s, floor %.1f s (%.2f x), refusals %s' % (
        window, starts, 'restart it' if restart else 'do not count', elapsed, floor, elapsed / floor, refusals.get(A, 0))
    print(summary)
    assert elapsed <= 1.1 * floor + unlimited, summary
    assert refusals.get(A, 0) <= 4, summary


def lane(limiter, service, action, calls):
    """One kind of writes of a converge: ``calls`` calls of ``action``, one after the other (see run_forks)."""
    for dummy in range(calls):
        yield from fork(limiter, service, action, 0.0)


C = 'PUT /v1/host-groups/{groupid}/hosts'


@pytest.mark.parametrize('restart', [False, True], ids=['refusals-do-not-count', 'refusals-restart'])
@pytest.mark.parametrize('window, calls', [(0.5, 100), (2.0, 40), (60.0, 4)])
def test_kinds_written_side_by_side_meet_the_api_floor(tmp_path, window, calls, restart):
    """desired_state_converge's lanes: three actions at once, each with a limiter of its own on the shared state."""
    clock = FakeClock()
    service = Service(clock, window, 'action', restart)
    begin = clock()
    interleave(clock, [lane(new_limiter(tmp_path, clock), service, action, count)
                       for action, count in ((A, calls), (B, calls), (C, max(calls // 10, 2)))])
    elapsed = clock() - begin
    floor = (calls - 1) * window
    unlimited = calls * 2 * LATENCY
    summary = 'window %s, refusals %s: %.1f s, API floor %.1f s (%.2f x), refusals %s' % (
        window, 'restart it' if restart else 'do not count', elapsed, floor, elapsed / floor, service.refusals)
    print(summary)
    assert elapsed <= 1.1 * floor + unlimited, summary
    assert all(count <= 4 for count in service.refusals.values()), summary
