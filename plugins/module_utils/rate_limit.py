# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing calls under the Central rate limit, learned from 429 answers and shared by processes.

The guide says only that an API "can be called once every minute". The limiter learns
the interval per action (METHOD + path template) from refusals: the ``Retry-After``
header when sent, otherwise an interval that starts at about a second and doubles
while paced calls are still refused, capped at the documented minute. Every process
reserves its slot under the state store's lock, so many forks calling one action take
turns instead of stampeding. An action not yet refused is paced like the one learned
last. When a refusal cannot be explained by the action's own recent calls but another
action was just called, the limit is taken to be per account and every action is paced
together from then on.

A learned interval is an upper bound (the first guess, a doubling or a whole-second
``Retry-After`` overshoot a short window), so once it has worked the limiter probes
below it: when a caller would otherwise wait, one call at a time is sent at the midpoint
between the longest spacing known to be refused and the interval. An accepted probe
becomes the interval; a refused one raises the known floor and costs no time, since
its retry keeps the slot the interval gives. Probing stops when the two are within
5 %, and a paced call refused after a probe restores the interval that worked.
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
# Probing stops when the interval is within this ratio of the longest refused spacing,
# and never goes below the shortest interval worth pacing for.
PROBE_RESOLUTION = 0.05
MIN_PROBE_INTERVAL = 0.1
ACCOUNT_ENTRY = '*'
DOCUMENT = 'rate-limit.json'


def spacing(interval):
    """How far apart paced calls start for a learned ``interval`` (0: no pacing)."""
    if not interval:
        return 0.0
    return interval + max(MIN_MARGIN, interval * MARGIN_RATIO)


def unspaced(gap):
    """The interval whose spacing is ``gap`` (the inverse of ``spacing``)."""
    if gap <= 0:
        return 0.0
    if gap >= MIN_MARGIN / MARGIN_RATIO * (1 + MARGIN_RATIO):
        return gap / (1 + MARGIN_RATIO)
    return max(0.0, gap - MIN_MARGIN)


def _new_entry():
    # floor: the longest interval whose spacing was refused; upper: the interval that
    # worked before an accepted probe; probe_until: a probe is outstanding until then.
    return {'last_accepted': None, 'interval': 0.0, 'interval_set_at': 0.0, 'next_slot': 0.0,
            'recent_sends': [], 'updated': 0.0, 'floor': 0.0, 'upper': 0.0, 'probe_until': 0.0}


def probe_interval(entry, now):
    """The interval to try for the next call of ``entry``, or None when there is nothing to learn."""
    interval, floor = entry['interval'], entry['floor']
    if not interval or entry['probe_until'] > now:
        return None
    # Probe only from an interval that has worked since it was set.
    if not entry['last_accepted'] or entry['last_accepted'] <= entry['interval_set_at']:
        return None
    if interval <= max(floor * (1 + PROBE_RESOLUTION), MIN_PROBE_INTERVAL):
        return None
    return max((floor + interval) / 2.0, MIN_PROBE_INTERVAL)


class RateLimiter:
    """Reserve, learn and record calls for one account; times are seconds since the epoch."""

    def __init__(self, store, clock=time.time, jitter=random.random):
        self._store = store
        self._clock = clock
        self._jitter = jitter
        # This process's outstanding probes: action -> (interval tried, next_slot before, next_slot after).
        self._probes = {}

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
            earliest = normal = now
            probe = None
            if gap:
                last = entry['last_accepted'] or 0.0
                earliest = normal = max(now, last + gap, entry['next_slot'])
                candidate = probe_interval(entry, now)
                # Only a caller that would wait, with nobody queued ahead, probes.
                if candidate is not None and normal > now and entry['next_slot'] <= last + gap:
                    probe_slot = max(now, last + spacing(candidate))
                    if probe_slot < normal:
                        earliest, probe = probe_slot, candidate
            wait = earliest - now
            if wait > max_wait:
                return wait, False
            self._probes.pop(action, None)
            if gap:
                # Callers after a probe queue as if it had taken the interval's slot.
                before = entry['next_slot']
                entry['next_slot'] = normal + gap
                if probe is not None:
                    entry['probe_until'] = normal + gap
                    self._probes[action] = (probe, before, entry['next_slot'])
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
            if action in self._probes:
                gap = spacing(self._probes[action][0])
            if not gap or not entry['last_accepted']:
                return 0.0
            return max(0.0, entry['last_accepted'] + gap - self._clock())

    def accepted(self, action, answered_at, answered=True):
        """Record that a call of ``action`` was accepted; its answer arrived at ``answered_at``.

        The answer's arrival bounds the moment the service counted the call, so pacing
        from it never starts the next call early. ``answered=False`` (the connection
        failed) paces from it all the same but learns nothing from a probe.
        """
        with self._store.locked():
            state = self._load()
            for key in (action, ACCOUNT_ENTRY):
                entry = self._entry(state, key)
                entry['last_accepted'] = max(entry['last_accepted'] or 0.0, answered_at)
            probe = self._end_probe(state, action)
            if probe is not None and answered:
                entry = self._pacing_entry(state, action)
                if probe < entry['interval']:
                    entry['upper'] = entry['interval']
                    entry['interval'] = probe
                    entry['interval_set_at'] = answered_at - 1e-6  # this very call confirms it
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
            probe = self._end_probe(state, action)
            if probe is not None:
                # A refused probe teaches a floor, and its retry keeps the interval's slot.
                entry['floor'] = max(entry['floor'], unspaced(sent_at - last) if last else probe, probe)
                entry['interval_set_at'] = now
                free_at = (last or sent_at) + spacing(entry['interval'])
                if retry_after is not None:
                    free_at = max(free_at, (now if answered_at is None else answered_at) + retry_after)
                entry['next_slot'] = max(entry['next_slot'], free_at)
                self._touch(state, action, now)
                self._save(state)
                return
            if last is not None and last <= sent_at and entry['interval']:
                entry['floor'] = max(entry['floor'], unspaced(sent_at - last))
            if entry['upper'] > entry['interval'] and sent_at > entry['interval_set_at']:
                # The interval an accepted probe taught was luck: back to the one that worked.
                entry['floor'] = max(entry['floor'], entry['interval'])
                entry['interval'], entry['upper'] = entry['upper'], 0.0
                entry['interval_set_at'] = now
                entry['next_slot'] = max(entry['next_slot'], (last or sent_at) + spacing(entry['interval']))
                self._touch(state, action, now)
                self._save(state)
                return
            if retry_after is not None:
                free_at = (now if answered_at is None else answered_at) + retry_after
                learned = free_at - last if last is not None and last <= sent_at else retry_after
                if learned > entry['interval']:
                    entry['interval'] = min(learned, MAX_INTERVAL)
                    entry['interval_set_at'] = now
                # Retry-After counts whole seconds: the window is less than a second shorter.
                entry['floor'] = max(entry['floor'], min(learned, MAX_INTERVAL) - 1.0)
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

    def _end_probe(self, state, action):
        """Forget this process's probe of ``action``; return the interval it tried (None if none)."""
        probe = self._probes.pop(action, None)
        if probe is None:
            return None
        interval, before, after = probe
        entry = self._pacing_entry(state, action)
        entry['probe_until'] = 0.0
        if entry['next_slot'] == after:
            # Nobody queued behind the probe: the next call need not wait for its conservative slot.
            entry['next_slot'] = before
        return interval

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
        if state['scope'] == 'account':
            return self._entry(state, ACCOUNT_ENTRY)
        entry = self._entry(state, action)
        if not entry['interval']:
            # Every action of the API is limited alike: an action not yet refused starts
            # from what the latest learned one knows instead of a 429 and a fresh probe.
            learned = [e for key, e in state['entries'].items() if key not in (action, ACCOUNT_ENTRY) and e['interval']]
            if learned:
                prior = max(learned, key=lambda e: e['interval_set_at'])
                entry['interval'], entry['floor'] = prior['interval'], prior['floor']
        return entry

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
