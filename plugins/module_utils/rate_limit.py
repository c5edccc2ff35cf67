# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing calls under the Central rate limit, learned from 429 answers and shared by processes.

The guide says only that an API "can be called once every minute": not whether the limit
applies per action or per account, nor whether a refused call counts toward the window.
The limiter learns the interval per action (METHOD + path template) from refusals: the
``Retry-After`` header when sent, otherwise a ladder of guesses (LADDER: 1, 2, 8 s, then
the documented minute) climbed while paced calls are still refused. The ladder is short
because a refusal may restart the window: at the real minute it costs at most four
refusals, and a window of a second or two is still met at its own length.

Every process reserves its slot under the state store's lock and records the moment it
sends, and the next call is paced from the latest send as well as from the latest
accepted answer, so forks calling one action take turns. A refusal of a call sent less
than the interval after another process's call is a collision, not a longer window.
An action not yet refused is paced like the one learned last. When a refusal cannot be
explained by the action's own recent calls but another action was just called, the limit
is taken to be per account: every action is paced together from then on, starting from
what was learned per action.

A learned interval is an upper bound (a rung of the ladder or a whole-second
``Retry-After``), so once it has worked the limiter probes below it: when a caller would
otherwise wait, one call is sent at the midpoint between the longest spacing known to be
refused and the interval. An accepted probe becomes the interval. A refused one raises the
known floor, and its retry at the interval's slot tells whether refusals restart the
window (the retry is refused too) or not; from then on refused calls are paced from their
own refusal, or not. Probing stops within 5 % of the floor, at the documented minute (the
window is not longer, so nothing is gained), and when an action's refusals would exceed
REFUSAL_BUDGET. A paced call refused after a probe restores the interval that worked.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import random
import time

from ansible_collections.logmein.central.plugins.module_utils.state_store import boot_id

INITIAL_INTERVAL = 1.0
MAX_INTERVAL = 60.0
# The longest wait a 429 may ask for (Retry-After is clamped to it). A time of the state more than
# this ahead of now was not written by a client that paced itself: the state is not used.
MAX_RETRY_AFTER = 3600.0
MAX_AHEAD = max(MAX_INTERVAL, MAX_RETRY_AFTER)
# A Retry-After shorter than this says nothing usable: a service that answers "0" to a call it
# refused would be called again at once, again and again. Such a refusal is learned from as if
# it had no Retry-After (the ladder, which waits at least the learned interval).
MIN_RETRY_AFTER = 1.0
# The guesses climbed while paced calls are refused; beyond the last one, MAX_INTERVAL.
LADDER = (1.0, 2.0, 8.0)
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
PROBE_STEP = 0.25
# After a refusal the next slot is up to this ratio of the interval later: controllers
# that share an account without sharing a state directory drift apart instead of colliding.
JITTER_RATIO = 0.05
# Refusals one action may cost before the limiter stops probing below what works.
REFUSAL_BUDGET = 4
ACCOUNT_ENTRY = '*'
DOCUMENT = 'rate-limit.json'


def _pacing_clock():
    """``(name, clock)``: the clock that paces calls.

    Not the wall clock: NTP, a virtual machine resumed, or an administrator may step it by
    minutes or hours while calls wait, and every process of the controller would then wait
    hours or call at once. CLOCK_BOOTTIME (Linux) and, elsewhere, the monotonic clock never
    step, and every process of one machine reads the same one, so the times in the shared
    state compare across processes. (CLOCK_BOOTTIME also counts time suspended.)
    """
    if hasattr(time, 'CLOCK_BOOTTIME'):
        try:
            time.clock_gettime(time.CLOCK_BOOTTIME)
            return 'boottime', lambda: time.clock_gettime(time.CLOCK_BOOTTIME)
        except OSError:
            pass
    return 'monotonic', time.monotonic


CLOCK_NAME, pacing_clock = _pacing_clock()
# Times of the pacing clock compare only within one boot of one machine: the state says which.
CLOCK_DOMAIN = '%s:%s' % (CLOCK_NAME, boot_id())


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


def next_rung(interval):
    """The guess after ``interval`` was refused although calls were paced by it."""
    for rung in LADDER:
        if rung > interval:
            return rung
    return MAX_INTERVAL


def _new_entry():
    # floor: the longest interval whose spacing was refused; upper: the interval that
    # worked before an accepted probe; probe_until: a probe is outstanding until then;
    # last_accepted_sent: when the last accepted call was sent; sends: when calls were sent (the last minute's), by any process; refusals: how many
    # this entry has had; proven_at: when a call paced by the interval itself was accepted;
    # probe_refused: when a refused probe was sent, until the call after it tells whether that
    # refusal restarted the window.
    return {'last_accepted': None, 'last_accepted_sent': None, 'interval': 0.0, 'interval_set_at': 0.0, 'next_slot': 0.0,
            'sends': [], 'updated': 0.0, 'floor': 0.0, 'upper': 0.0, 'probe_until': 0.0,
            'refusals': 0, 'proven_at': 0.0, 'probe_refused': 0.0}


def probe_interval(entry, now, restarts=None):
    """The interval to try for the next call of ``entry``, or None when there is nothing to learn.

    ``restarts`` (None: not known yet) is whether a refused call restarts the window.
    """
    interval, floor = entry['interval'], entry['floor']
    if not interval or interval >= MAX_INTERVAL or entry['probe_until'] > now or entry['probe_refused']:
        return None  # (the call after a refused probe is paced by the interval: it tells what the refusal did)
    if entry['refusals'] + 1 > REFUSAL_BUDGET:
        return None
    # Probe only from an interval that has worked, at its own spacing, since it was set.
    if entry['proven_at'] <= entry['interval_set_at']:
        return None
    if interval <= max(floor * (1 + PROBE_RESOLUTION), MIN_PROBE_INTERVAL):
        return None
    # An accepted probe costs nothing. A refused one costs nothing more where refusals leave
    # the window alone (halve the range then), and up to the spacing it tried where they
    # restart it (step a quarter of the way down: from an interval that is right, little is lost).
    step = 0.5 if restarts is False else PROBE_STEP
    return max(interval - (interval - floor) * step, MIN_PROBE_INTERVAL)


class RateLimiter:
    """Reserve, learn and record calls for one account; times are those of ``clock``.

    ``clock`` (default: ``pacing_clock``) and ``domain`` (default: ``CLOCK_DOMAIN``, or a
    name of its own for another clock) say which times the state holds; state of another
    domain is rebased (see ``_rebased``).
    """

    def __init__(self, store, clock=None, jitter=random.random, domain=None):
        self._store = store
        self._clock = clock or pacing_clock
        self._domain = domain or (CLOCK_DOMAIN if clock is None else 'given')
        self._jitter = jitter
        # This process's outstanding probes: action -> (interval tried, next_slot before, next_slot after).
        self._probes = {}
        # When this process sent its calls: nothing learned yet, it does not wait behind its own.
        self._own_sends = []

    def reserve(self, action, max_wait):
        """Return ``(wait, reserved)``: how long to wait before calling ``action``.

        The slot is reserved only when ``wait`` fits within ``max_wait``; otherwise
        nothing is recorded and the caller gives up.
        """
        with self._store.locked():
            state = self._load()
            now = self._clock()
            entry = self._pacing_entry(state, action)
            gap = _gap(entry, self._own_sends)
            earliest = normal = now
            probe = None
            if gap:
                base = _pacing_base(entry)
                earliest = normal = max(now, base + gap, entry['next_slot'])
                candidate = probe_interval(entry, now, state['restarts'])
                # Only a caller that would wait, with nobody queued ahead, probes.
                if candidate is not None and normal > now and entry['next_slot'] <= base + gap:
                    probe_slot = max(now, base + spacing(candidate))
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
            self._touch(state, action, now)
            self._save(state)
            return wait, True

    def settle(self, action):
        """Seconds still to wait once a reserved slot has come; 0 records the call as sent now.

        The calls before ours, of this process or another, may have been sent or answered
        later than their slots foresaw: pacing from them keeps ours from arriving early.
        A caller told to wait asks again after waiting, since what it waits for may change
        meanwhile (another process sends, or learns a longer interval).
        """
        with self._store.locked():
            state = self._load()
            now = self._clock()
            entry = self._pacing_entry(state, action)
            gap = _gap(entry, self._own_sends)
            if action in self._probes:
                gap = spacing(self._probes[action][0])
            wait = max(0.0, _pacing_base(entry) + gap - now) if gap else 0.0
            if wait > 0:
                return wait
            for key in (action, ACCOUNT_ENTRY):
                own = self._entry(state, key)
                own['sends'] = [t for t in own['sends'] if t > now - MAX_INTERVAL] + [now]
            self._own_sends = [t for t in self._own_sends if t > now - MAX_INTERVAL] + [now]
            self._touch(state, action, now)
            self._save(state)
            return 0.0

    def accepted(self, action, answered_at, answered=True, sent_at=None):
        """Record that a call of ``action`` was accepted; its answer arrived at ``answered_at``.

        The answer's arrival bounds the moment the service counted the call, so pacing
        from it never starts the next call early. ``answered=False`` (the connection
        failed) paces from it all the same but learns nothing from a probe.
        """
        with self._store.locked():
            state = self._load()
            entry = self._pacing_entry(state, action)
            # An accepted call proves the window no longer than its distance from the last
            # accepted one (a refused call between them may or may not have restarted it).
            proof = None
            if answered and sent_at is not None and entry['last_accepted_sent'] and entry['last_accepted_sent'] < sent_at:
                proof = unspaced(sent_at - entry['last_accepted_sent'])
            for key in (action, ACCOUNT_ENTRY):
                own = self._entry(state, key)
                own['last_accepted'] = max(own['last_accepted'] or 0.0, answered_at)
                if sent_at is not None and answered:
                    own['last_accepted_sent'] = max(own['last_accepted_sent'] or 0.0, sent_at)
            probe = self._end_probe(state, action)
            if probe is not None and answered and proof is not None and max(probe, proof) < entry['interval']:
                entry['upper'] = entry['interval']
                entry['interval'] = max(probe, proof)
                entry['interval_set_at'] = answered_at - 1e-6  # this very call confirms it
                entry['proven_at'] = answered_at
            elif proof is not None and entry['interval'] and proof <= entry['interval'] * (1 + PROBE_RESOLUTION):
                entry['proven_at'] = answered_at  # accepted at the interval's own spacing
            if entry['probe_refused'] and answered and sent_at is not None and state['restarts'] is None \
                    and sent_at - entry['probe_refused'] < entry['interval']:
                state['restarts'] = False  # accepted within the window a refused probe would have restarted
            entry['probe_refused'] = 0.0
            self._touch(state, action, answered_at)
            self._save(state)

    def refused(self, action, sent_at, retry_after=None, answered_at=None):
        """Learn from a 429 answer to a call of ``action`` sent at ``sent_at``.

        ``Retry-After`` counts from the answer's arrival (``answered_at``, default now).
        """
        if retry_after is not None and retry_after < MIN_RETRY_AFTER:
            retry_after = None
        with self._store.locked():
            state = self._load()
            now = self._clock()
            answered_at = now if answered_at is None else answered_at
            switched = state['scope'] == 'action' and self._looks_account_wide(state, action, sent_at)
            if switched:
                state['scope'] = 'account'
            entry = self._pacing_entry(state, action)
            entry['refusals'] += 1
            self._learn_from_refusal(state, entry, action, sent_at, retry_after, answered_at, switched)
            self._touch(state, action, now)
            self._save(state)

    def _learn_from_refusal(self, state, entry, action, sent_at, retry_after, answered_at, switched):
        last = entry['last_accepted']
        # How far after the call before it (accepted or not) this one was sent: the window is
        # longer, whether or not that call restarted it.
        other = _latest_other_send(entry, sent_at)
        earlier = [t for t in (other, entry['last_accepted_sent'] or last) if t and t <= sent_at]
        refused_spacing = unspaced(sent_at - max(earlier)) if earlier else None
        probe = self._end_probe(state, action)
        retry_free_at = answered_at + retry_after if retry_after is not None else 0.0
        if probe is not None:
            # A refused probe teaches a floor. Its retry is paced by the interval from the probe
            # where refusals restart the window, else from the last accepted call. While that is
            # not known and the refusal budget has room, the retry finds out (refused too: they
            # restart it); without room, it is paced as if they did.
            entry['floor'] = max(entry['floor'], refused_spacing or 0.0, probe)
            restarts = state['restarts']
            if restarts is None and entry['refusals'] < REFUSAL_BUDGET:
                entry['probe_refused'] = sent_at
                restarts = False
            if restarts is False:
                _forget_send(entry, sent_at)
            base = sent_at if restarts is not False else _pacing_base(entry)
            self._queue(entry, max(base + spacing(entry['interval']), retry_free_at))
            return
        if entry['probe_refused'] and sent_at - entry['probe_refused'] < entry['interval']:
            # The retry of a refused probe refused too: the probe restarted the window (another
            # action may have found that out meanwhile). It teaches nothing about the window.
            state['restarts'] = True
            entry['probe_refused'] = 0.0
            self._queue(entry, max(sent_at + spacing(entry['interval']), retry_free_at))
            return
        entry['probe_refused'] = 0.0
        if state['restarts'] is False:
            _forget_send(entry, sent_at)  # a refused call leaves the window alone
        if switched or (entry['interval'] and other is not None and sent_at - other < unspaced(spacing(entry['interval']))):
            # Another call explains the refusal (another action's, or a concurrent one of this
            # action): the window is no longer than thought, the next call waits its turn.
            entry['interval'] = entry['interval'] or INITIAL_INTERVAL
            self._queue(entry, max(_refusal_base(state, entry, sent_at) + spacing(entry['interval']), retry_free_at))
            return
        if refused_spacing is not None:
            entry['floor'] = max(entry['floor'], refused_spacing)
        if entry['upper'] > entry['interval'] and sent_at > entry['interval_set_at']:
            # The interval an accepted probe taught was luck: back to the one that worked.
            entry['floor'] = max(entry['floor'], entry['interval'])
            entry['interval'], entry['upper'] = entry['upper'], 0.0
            entry['interval_set_at'] = answered_at
            self._queue(entry, _refusal_base(state, entry, sent_at) + spacing(entry['interval']))
            return
        if retry_after is not None:
            learned = retry_free_at - last if last is not None and last <= sent_at else retry_after
            if learned > entry['interval']:
                entry['interval'] = min(learned, MAX_INTERVAL)
                entry['interval_set_at'] = answered_at
            # Retry-After counts whole seconds: the window is less than a second shorter.
            entry['floor'] = max(entry['floor'], min(learned, MAX_INTERVAL) - 1.0)
            # The service said when it is free: the refused call is not where pacing starts.
            _forget_send(entry, sent_at)
            self._queue(entry, retry_free_at)
            return
        if not entry['interval'] or sent_at > entry['interval_set_at']:
            # The first refusal, or one of a call paced by the current interval: the window is
            # longer than both that interval and the spacing just refused.
            known = max(entry['interval'], entry['floor'])
            entry['interval'] = next_rung(known) if known else INITIAL_INTERVAL
            entry['interval_set_at'] = answered_at
        # A little jitter keeps controllers that share an account from colliding.
        self._queue(entry, _refusal_base(state, entry, sent_at) + entry['interval'] * (1.0 + JITTER_RATIO * self._jitter()))

    @staticmethod
    def _queue(entry, free_at):
        entry['next_slot'] = max(entry['next_slot'], free_at)

    def scope(self):
        with self._store.locked():
            return self._load()['scope']

    def restarts(self):
        """Whether refused calls restart the window: True, False, or None while not known."""
        with self._store.locked():
            return self._load()['restarts']

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
            if _latest_other_send(own, sent_at, horizon) is not None:
                return False
        for key, entry in state['entries'].items():
            if key in (action, ACCOUNT_ENTRY):
                continue
            if entry['last_accepted'] and entry['last_accepted'] > horizon:
                return True
        return False

    def _pacing_entry(self, state, action):
        key = ACCOUNT_ENTRY if state['scope'] == 'account' else action
        entry = self._entry(state, key)
        if not entry['interval']:
            # Every action of the API is limited alike: an action not yet refused (or the
            # account, when the limit turns out to be per account) starts from what the
            # latest learned action knows instead of a 429 and a fresh climb.
            learned = [e for other, e in state['entries'].items() if other not in (key, ACCOUNT_ENTRY) and e['interval']]
            if learned:
                prior = max(learned, key=lambda e: e['interval_set_at'])
                for field in ('interval', 'floor', 'refusals'):
                    entry[field] = prior[field]
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
        """The state document, its entries checked: one of the wrong shape or from the future is not used."""
        state = self._store.read(DOCUMENT) or {}
        now = self._clock()
        entries = {}
        stored = state.get('entries') if isinstance(state, dict) else None
        stored = stored if isinstance(stored, dict) else {}
        if stored and state.get('clock') != self._domain:
            stored = _rebased(stored, now, state.get('saved_wall'))
        for key, entry in stored.items():
            entry = _checked_entry(entry, now)
            if entry is not None and now - entry['updated'] < FORGET_AFTER:
                entries[key] = entry
        scope = state.get('scope') if entries else None
        restarts = state.get('restarts') if entries else None
        return {'scope': scope if scope in ('action', 'account') else 'action',
                'restarts': restarts if restarts in (True, False) else None, 'entries': entries}

    def _save(self, state):
        self._store.write(DOCUMENT, dict(state, clock=self._domain, saved_wall=time.time()))


_TIMES = ('last_accepted', 'last_accepted_sent', 'interval_set_at', 'next_slot', 'updated', 'probe_until', 'proven_at',
          'probe_refused')
_SPANS = ('interval', 'floor', 'upper')


# Times of an entry that lie in the past when they are written (the others, such as next_slot, may lie ahead).
_PAST_TIMES = ('last_accepted', 'last_accepted_sent', 'interval_set_at', 'updated', 'proven_at', 'probe_refused')


def _rebased(stored, now, saved_wall):
    """Entries written with another clock (another boot, or a version that paced by the wall clock), moved to ours.

    Their times cannot be compared with ``now``; what was learned (intervals, floors, refusals)
    still holds. The latest moment they record is taken to be now, as if the calls had just been
    made: the first call waits at most one interval more than it might have, and never goes early.
    Entries the wall clock says are older than FORGET_AFTER are forgotten (a wall clock that
    stepped can only make that forget too early or too late, never make a call wait or hurry).
    """
    if _number(saved_wall) and time.time() - saved_wall > FORGET_AFTER:
        return {}
    latest = [value for entry in stored.values() if isinstance(entry, dict)
              for key, value in entry.items() if key in _PAST_TIMES and _number(value)]
    latest += [value for entry in stored.values() if isinstance(entry, dict) and isinstance(entry.get('sends'), list)
               for value in entry['sends'] if _number(value)]
    if not latest:
        return {}
    shift = now - max(latest)
    rebased = {}
    for key, entry in stored.items():
        if not isinstance(entry, dict):
            continue
        moved = dict(entry)
        for field, value in entry.items():
            if field in _TIMES and _number(value) and value:
                moved[field] = value + shift
            elif field == 'sends' and isinstance(value, list):
                moved[field] = [v + shift if _number(v) else v for v in value]
        rebased[key] = moved
    return rebased


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _checked_entry(entry, now):
    """``entry`` over a new entry's defaults when every field has its type and no time is too far ahead; else None."""
    if not isinstance(entry, dict):
        return None
    merged = _new_entry()
    for key, value in entry.items():
        if key not in merged:
            continue
        if key in _TIMES:
            if value is None and key in ('last_accepted', 'last_accepted_sent'):
                merged[key] = None
                continue
            if not _number(value) or value > now + MAX_AHEAD:
                return None
        elif key in _SPANS:
            if not _number(value) or not 0 <= value <= MAX_AHEAD:
                return None
        elif key == 'refusals':
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                return None
        elif key == 'sends':
            if not isinstance(value, list) or not all(_number(v) and v <= now + MAX_AHEAD for v in value):
                return None
        merged[key] = value
    return merged


def _gap(entry, own_sends):
    """How far apart calls of ``entry`` start now.

    With nothing learned, calls are not paced, except behind another process's call not
    yet answered: those wait the first guess, one after the other, instead of all being
    sent at once and refused together. (A call unanswered after a minute no longer counts.)
    """
    if entry['interval']:
        return spacing(entry['interval'])
    if any(t > (entry['last_accepted'] or 0.0) and t not in own_sends for t in entry['sends']):
        return spacing(INITIAL_INTERVAL)
    return 0.0


def _pacing_base(entry):
    """When the latest call that may have started the window was sent.

    The next call is paced from it. Calls from one controller take about as long to arrive,
    so send-to-send spacing is what the service sees (the margin of ``spacing`` covers the
    difference). Without a recorded send, the last accepted answer bounds when the service
    counted the call. A refused call counts too: the guide does not say that it leaves the
    window alone, and pacing as if it restarted it costs little where it does not.
    """
    sends = entry['sends'] + ([entry['last_accepted_sent']] if entry['last_accepted_sent'] else [])
    return max(sends) if sends else (entry['last_accepted'] or 0.0)


def _refusal_base(state, entry, sent_at):
    """When the window may have started after a call sent at ``sent_at`` was refused: at that
    call itself, unless refusals are known to leave the window alone."""
    if state['restarts'] is False:
        return _pacing_base(entry)
    return max(_pacing_base(entry), sent_at)


def _own_send(entry, sent_at):
    """The recorded send of the call sent at ``sent_at`` (the nearest, within half a second), or None.

    The limiter records a call when it tells the caller to go; the caller notes the time a
    moment later, when it sends.
    """
    own = min(entry['sends'], key=lambda t: abs(t - sent_at)) if entry['sends'] else None
    return own if own is not None and abs(own - sent_at) <= 0.5 else None


def _latest_other_send(entry, sent_at, after=None):
    """The latest call recorded as sent before ``sent_at`` other than the one sent then, or None."""
    own = _own_send(entry, sent_at)
    earlier = [t for t in entry['sends'] if t != own and t <= sent_at and (after is None or t > after)]
    return max(earlier) if earlier else None


def _forget_send(entry, sent_at):
    """Drop the record of the call sent at ``sent_at``."""
    own = _own_send(entry, sent_at)
    if own is not None:
        entry['sends'].remove(own)
