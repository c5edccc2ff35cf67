# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A short-lived cache of API reads, shared by every process of the controller.

A play often needs the same data in several tasks, and each read costs a minute of
rate limit. An answer younger than ``read_cache_ttl`` is reused by any process that
has the same credentials. Each answer belongs to a kind of data (hosts, categories,
host values, ...); a successful write bumps the generation of the kinds it changes
and either applies its known effect to the cached answers or drops them. A read that
started before such a write is not stored, so the cache never goes back in time.

A write is recorded as in flight while it is sent. A process killed in the middle of one
(a job timeout, Ctrl-C, a crash) leaves that record behind, and the next process that
uses the cache drops the answers of the kinds that write may have changed: a run started
again reads them anew instead of trusting an answer the write may have made stale.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools
import os
import threading
import time

from ansible_collections.logmein.central.plugins.module_utils.state_store import machine_id, short_hash

GENERATIONS = 'generations.json'
WRITES_IN_FLIGHT = 'writes-in-flight.json'
ENTRY_PREFIX = 'cache-'
# A write in flight recorded by another machine (a shared backend) cannot be checked for a live process:
# it counts as abandoned once older than any write lasts (retries of a request that times out included).
ABANDONED_AFTER = 900.0
_write_tokens = itertools.count()


class ReadCache:
    def __init__(self, store, ttl, tag, clock=time.time):
        self._store = store
        self._ttl = ttl
        self._tag = tag
        self._clock = clock

    @property
    def enabled(self):
        return self._ttl > 0

    def generation(self, kind):
        """The current generation of ``kind``; pass it back to put()."""
        with self._store.locked():
            self._drop_abandoned_writes()
            return self._generations().get(kind, 0)

    def get(self, path, kind):
        """Return ``(True, data)`` for a fresh answer of ``path``, else ``(False, None)``."""
        if not self.enabled:
            return False, None
        with self._store.locked():
            self._drop_abandoned_writes()
            entry = self._store.read(self._name(kind, path))
            generation = self._generations().get(kind, 0)
        if not isinstance(entry, dict) or entry.get('tag') != self._tag or entry.get('path') != path:
            return False, None
        stored, now = entry.get('stored'), self._clock()
        if not isinstance(stored, (int, float)) or isinstance(stored, bool) or not now - self._ttl < stored <= now + 60:
            return False, None  # too old, or stored "in the future": not by a client of this clock
        if entry.get('generation') != generation:
            return False, None
        return True, entry.get('data')

    def put(self, path, kind, data, generation):
        """Store an answer read while ``kind`` was at ``generation``, unless a write came since."""
        if not self.enabled:
            return
        with self._store.locked():
            if self._generations().get(kind, 0) != generation:
                return
            self._prune()
            self._store.write(self._name(kind, path), {
                'path': path, 'kind': kind, 'stored': self._clock(), 'generation': generation,
                'tag': self._tag, 'data': data,
            }, expire=max(self._ttl, 60))

    def apply(self, kind, transform=None):
        """After a write that changed ``kind``: apply ``transform(path, data)`` to its answers, or drop them.

        Runs whether or not this process caches, so the other processes never reuse a stale answer.
        """
        with self._store.locked():
            self._next_generation(kind, transform)

    def write_started(self, kinds):
        """Record a write that may change ``kinds`` as in flight; pass the token returned to write_ended()."""
        if not self._store.shared:
            return None
        token = '%d-%d-%d' % (os.getpid(), threading.get_ident(), next(_write_tokens))
        with self._store.locked():
            in_flight = self._store.read(WRITES_IN_FLIGHT, {})
            in_flight[token] = {'pid': os.getpid(), 'machine': machine_id(), 'started': self._clock(),
                                'kinds': sorted(kinds)}
            self._store.write(WRITES_IN_FLIGHT, in_flight)
        return token

    def write_ended(self, token):
        """The write of ``token`` was answered, or not sent: its effects are known (see apply())."""
        if token is None:
            return
        with self._store.locked():
            in_flight = self._store.read(WRITES_IN_FLIGHT, {})
            if in_flight.pop(token, None) is not None:
                self._store.write(WRITES_IN_FLIGHT, in_flight)

    def _drop_abandoned_writes(self):
        """Drop the answers of the kinds changed by writes whose process died while sending them. Under the lock."""
        in_flight = self._store.read(WRITES_IN_FLIGHT, {})
        if not isinstance(in_flight, dict) or not in_flight:
            return
        here, now = machine_id(), self._clock()
        abandoned = [token for token, write in in_flight.items() if _abandoned(write, here, now)]
        if not abandoned:
            return
        for token in abandoned:
            write = in_flight.pop(token)
            kinds = write.get('kinds') if isinstance(write, dict) else None
            for kind in kinds if isinstance(kinds, list) else self._all_kinds():
                self._next_generation(str(kind), None)
        self._store.write(WRITES_IN_FLIGHT, in_flight)

    def _generations(self):
        """The generation of each kind, as stored; a document of the wrong shape counts as none (all answers stale)."""
        stored = self._store.read(GENERATIONS, {})
        if not isinstance(stored, dict):
            return {}
        return dict((kind, value) for kind, value in stored.items()
                    if isinstance(value, int) and not isinstance(value, bool))

    def _all_kinds(self):
        return list(self._generations())

    def _next_generation(self, kind, transform):
        """Bump ``kind``'s generation; transform its current answers or drop them. Under the lock."""
        generations = self._generations()
        old = generations.get(kind, 0)
        generations[kind] = old + 1
        self._store.write(GENERATIONS, generations)
        for name in self._store.names(self._kind_prefix(kind)):
            entry = self._store.read(name)
            if not isinstance(entry, dict):
                self._store.delete(name)
                continue
            if transform is None or entry.get('generation') != old or entry.get('tag') != self._tag:
                self._store.delete(name)
                continue
            entry['data'] = transform(entry['path'], entry['data'])
            entry['generation'] = old + 1
            self._store.write(name, entry)

    def _prune(self):
        """Drop answers too old for any use by this ttl."""
        self._store.prune(ENTRY_PREFIX, max(self._ttl, 60))

    @staticmethod
    def _kind_prefix(kind):
        return '%s%s-' % (ENTRY_PREFIX, kind)

    @classmethod
    def _name(cls, kind, path):
        return cls._kind_prefix(kind) + short_hash(path) + '.json'


def _abandoned(write, here, now):
    """Whether the write in flight ``write`` (as recorded) will never say it ended."""
    if not isinstance(write, dict):
        return True
    if write.get('machine', here) == here:
        return not _process_alive(write.get('pid'))
    started = write.get('started')
    if not isinstance(started, (int, float)) or isinstance(started, bool):
        return True
    return now - started > ABANDONED_AFTER


def _process_alive(pid):
    """Whether a process ``pid`` runs on this machine (one of another user counts as running)."""
    if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
