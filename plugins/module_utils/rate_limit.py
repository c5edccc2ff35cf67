# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing calls under the Central rate limit, learned from 429 answers and shared by processes.

The guide says only that an API "can be called once every minute". The limiter learns
the interval per action (METHOD + path template) from refusals: the ``Retry-After``
header when sent, otherwise an interval that starts at about a second and doubles
while paced calls are still refused, capped at the documented minute. Every process
reserves its slot under the state store's lock, so many forks calling one action take
turns instead of stampeding. When a refusal cannot be explained by the action's own
recent calls but another action was just called, the limit is taken to be per account
and every action is paced together from then on.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time

INITIAL_INTERVAL = 1.0
MAX_INTERVAL = 60.0
# Paced calls keep this much more than the learned interval apart: the service counts a
# call when it arrives, a little after it was sent (at least 50 ms, 2 % of the interval).
MIN_MARGIN = 0.05
MARGIN_RATIO = 0.02
# Knowledge older than this is forgotten: the service's limits may have changed.
FORGET_AFTER = 3600.0
ACCOUNT_ENTRY = '*'
DOCUMENT = 'rate-limit.json'


def spacing(interval):
    """How far apart paced calls start for a learned ``interval`` (0: no pacing)."""
    if not interval:
        return 0.0
    return interval + max(MIN_MARGIN, interval * MARGIN_RATIO)


def _new_entry():
    return {'last_accepted': None, 'interval': 0.0, 'interval_set_at': 0.0, 'next_slot': 0.0,
            'recent_sends': [], 'updated': 0.0}


class RateLimiter:
    """Reserve, learn and record calls for one account; times are seconds since the epoch."""

    def __init__(self, store, clock=time.time, jitter=random.random):
        self._store = store
        self._clock = clock
        self._jitter = jitter

    def reserve(self, action, max_wait):
        """Return ``(wait, reserved)``: how long to wait before calling ``action``.

        The slot is reserved only when ``wait`` fits within ``max_wait``; otherwise
        nothing is recorded and the caller gives up.
        """
        with self._store.locked():
            state = self._load()
            now = self._clock()
            entry = self._pacing_entry(state, action)
            gap = spacing(entry['interval'])
            earliest = now
            if gap:
                last = entry['last_accepted'] or 0.0
                earliest = max(now, last + gap, entry['next_slot'])
            wait = earliest - now
            if wait > max_wait:
                return wait, False
            if gap:
                entry['next_slot'] = earliest + gap
            own = self._entry(state, action)
            own['recent_sends'] = [t for t in own['recent_sends'] if t > now - MAX_INTERVAL] + [earliest]
            self._touch(state, action, now)
            self._save(state)
            return wait, True

    def settle(self, action):
        """Seconds still to wait once a reserved slot has come.

        The call before ours may have been answered later than its slot foresaw;
        pacing from its actual answer keeps ours from arriving early.
        """
        with self._store.locked():
            state = self._load()
            entry = self._pacing_entry(state, action)
            gap = spacing(entry['interval'])
            if not gap or not entry['last_accepted']:
                return 0.0
            return max(0.0, entry['last_accepted'] + gap - self._clock())

    def accepted(self, action, answered_at):
        """Record that a call of ``action`` was accepted; its answer arrived at ``answered_at``.

        The answer's arrival bounds the moment the service counted the call, so pacing
        from it never starts the next call early.
        """
        with self._store.locked():
            state = self._load()
            for key in (action, ACCOUNT_ENTRY):
                entry = self._entry(state, key)
                entry['last_accepted'] = max(entry['last_accepted'] or 0.0, answered_at)
            self._touch(state, action, answered_at)
            self._save(state)

    def refused(self, action, sent_at, retry_after=None, answered_at=None):
        """Learn from a 429 answer to a call of ``action`` sent at ``sent_at``.

        ``Retry-After`` counts from the answer's arrival (``answered_at``, default now).
        """
        with self._store.locked():
            state = self._load()
            now = self._clock()
            if state['scope'] == 'action' and self._looks_account_wide(state, action, sent_at):
                state['scope'] = 'account'
            entry = self._pacing_entry(state, action)
            last = entry['last_accepted']
            if retry_after is not None:
                free_at = (now if answered_at is None else answered_at) + retry_after
                learned = free_at - last if last is not None and last <= sent_at else retry_after
                if learned > entry['interval']:
                    entry['interval'] = min(learned, MAX_INTERVAL)
                    entry['interval_set_at'] = now
            else:
                if not entry['interval']:
                    entry['interval'] = INITIAL_INTERVAL
                    entry['interval_set_at'] = now
                elif sent_at > entry['interval_set_at']:
                    # Paced by the current interval and still refused: the window is longer.
                    entry['interval'] = min(entry['interval'] * 2, MAX_INTERVAL)
                    entry['interval_set_at'] = now
                base = last if last is not None else sent_at
                # A little jitter keeps controllers that share an account from colliding.
                free_at = base + entry['interval'] * (1.0 + 0.1 * self._jitter())
            entry['next_slot'] = max(entry['next_slot'], free_at)
            self._touch(state, action, now)
            self._save(state)

    def scope(self):
        with self._store.locked():
            return self._load()['scope']

    def interval(self, action):
        """The learned interval for ``action`` (0 when no limit has been seen)."""
        with self._store.locked():
            state = self._load()
            return self._pacing_entry(state, action)['interval']

    def _looks_account_wide(self, state, action, sent_at):
        """True when only another action's recent call can explain a refusal of ``action``."""
        own = state['entries'].get(action)
        horizon = sent_at - MAX_INTERVAL
        if own:
            if own['last_accepted'] and own['last_accepted'] > horizon:
                return False
            earlier_sends = [t for t in own['recent_sends'] if horizon < t <= sent_at]
            if len(earlier_sends) > 1:  # one of them is this very call
                return False
        for key, entry in state['entries'].items():
            if key in (action, ACCOUNT_ENTRY):
                continue
            if entry['last_accepted'] and entry['last_accepted'] > horizon:
                return True
        return False

    def _pacing_entry(self, state, action):
        return self._entry(state, ACCOUNT_ENTRY if state['scope'] == 'account' else action)

    @staticmethod
    def _entry(state, key):
        entry = state['entries'].get(key)
        if entry is None:
            entry = state['entries'][key] = _new_entry()
        return entry

    def _touch(self, state, action, now):
        for key in (action, ACCOUNT_ENTRY):
            self._entry(state, key)['updated'] = now

    def _load(self):
        state = self._store.read(DOCUMENT) or {}
        now = self._clock()
        entries = {}
        for key, entry in (state.get('entries') or {}).items():
            if isinstance(entry, dict) and now - entry.get('updated', 0.0) < FORGET_AFTER:
                merged = _new_entry()
                merged.update(entry)
                entries[key] = merged
        scope = state.get('scope') if entries else None
        return {'scope': scope if scope in ('action', 'account') else 'action', 'entries': entries}

    def _save(self, state):
        self._store.write(DOCUMENT, state)
