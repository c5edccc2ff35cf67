# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account's shared state on a Redis (or Valkey) server, for controllers that share no directory.

In AWX every job runs in its own container, often on another execution node: a state directory
is seen by one job only. Given the same ``state_url``, their processes keep the documents of
state_store.StateStore (the rate limiter's, the read cache's, the EDA baseline) under one key
per document, ``logmein.central:<account key>:<name>``, and take the same locks:

- The documents' lock is a key set with NX and a short expiry, released by a script that deletes
  it only if it still holds this process's token; the rate limiter runs its algorithm under it,
  as it does under the directory's flock. A holder that dies frees it when it expires.
- Long locks (creates, a converge's run lock) are renewed by a thread while held; the key says
  who holds it, for the error of a run that waited too long.
- Times: processes on different machines do not share a clock, so the documents hold the Redis
  server's time (TIME), read once when the store opens and carried on by this machine's clock that
  never steps (rate_limit.pacing_clock).

Faults never fail a run: Redis unreachable at the start is handled by state_backend (the
directory is used instead); lost during the run, this store says so once and hands every
later operation to the directory (``fallback``). A server that restarts without its data loses
the documents: the first process that notices (the epoch key is gone) writes back what it last
saw of the ones that matter (the learned limits, the EDA baseline); cached answers are simply
read again.

What the server holds is not trusted more than a directory: its users check each document
(rate_limit.py, read_cache.py, change_events.py), as they do the files.

The Python library ``redis`` is imported only when a state_url is given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import random
import threading
import time
import uuid

from ansible_collections.logmein.central.plugins.module_utils.connection_options import redacted_url, url_password
from ansible_collections.logmein.central.plugins.module_utils.rate_limit import pacing_clock
from ansible_collections.logmein.central.plugins.module_utils.run_lock import run_holder
from ansible_collections.logmein.central.plugins.module_utils.state_store import DOCUMENTS_LOCK, LONG_LOCK_POLL, LockBusy

KEY_PREFIX = 'logmein.central'
# Each command waits at most this long: a slow server slows a call by seconds, never by minutes.
COMMAND_TIMEOUT = 2.0
# The documents' lock is held for a few commands; a holder that stops for longer loses it.
DOCUMENTS_LOCK_LEASE = 10.0
# Long locks are renewed every third of this while held; a holder that dies frees them within it.
LONG_LOCK_LEASE = 30.0
EPOCH = 'epoch'
# Documents not written back after a restart: answers are read again, locks belong to the processes that took them.
NOT_KEPT_PREFIXES = ('cache-', '.')
CLOCK_DOMAIN = 'redis-server-time'

_ACQUIRE = """
local taken = redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
return {taken and 1 or 0, redis.call('get', KEYS[2])}
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
# 1: renewed; 2: the key was gone (a restart) and is ours again; 0: another process holds it.
_RENEW = """
local current = redis.call('get', KEYS[1])
if current == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
if not current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
return 0
"""


class StateBackendError(Exception):
    """The server of a state_url cannot be used; the message says why, never with the URL's password."""


def connect(url, timeout=COMMAND_TIMEOUT):
    """A client of the server at ``url`` (checked by connection_options.check_state_url); the library is imported here."""
    try:
        import redis  # pylint: disable=import-outside-toplevel
    except ImportError:
        raise StateBackendError('the Python library "redis" is not installed on the controller (pip install redis)') from None
    try:
        return redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout, retry_on_timeout=False)
    except (ValueError, redis.exceptions.RedisError) as error:
        raise StateBackendError(_without_secret(str(error), url)) from None


def backend_errors():
    """What a lost or failing server raises: the library's errors and the socket's."""
    import redis  # pylint: disable=import-outside-toplevel
    return (redis.exceptions.RedisError, OSError)


def _without_secret(text, url):
    """``text`` (an error of the library) without the URL or its password, should it quote them."""
    password = url_password(url)
    text = text.replace(url, redacted_url(url))
    if password:
        text = text.replace(password, '********')
    return text


class RedisStateStore:
    """StateStore's documents and locks (see state_store.py) on a Redis server; the directory once it is lost."""

    clock_domain = CLOCK_DOMAIN

    def __init__(self, url, key, fallback, warn=None, connection=None):
        """Open the store of account ``key``; StateBackendError when the server cannot be used now.

        ``fallback()`` gives the directory's StateStore, used from the moment the server is lost.
        """
        self.url = redacted_url(url)
        self._secret_url = url
        self._base = '%s:%s:' % (KEY_PREFIX, key)
        self._fallback_factory = fallback
        self._fallback = None
        self._warn = warn
        self.problem = None
        self._kept = {}
        self._kept_guard = threading.Lock()
        self._redis = connection or connect(url)
        self._errors = backend_errors()
        try:
            self._offset = self._server_time_offset()
            self._acquire_script = self._redis.register_script(_ACQUIRE)
            self._release_script = self._redis.register_script(_RELEASE)
            self._renew_script = self._redis.register_script(_RENEW)
            self._redis.set(self._key(EPOCH), uuid.uuid4().hex, nx=True)
            self._epoch = self._decoded(self._redis.get(self._key(EPOCH)))
        except self._errors as error:
            raise StateBackendError(_without_secret(str(error), url)) from None

    # Where the state is ---------------------------------------------------------------

    @property
    def shared(self):
        return self._fallback is None or self._fallback.shared

    @property
    def backend(self):
        """'redis', or 'directory' once the server was lost during this process (the directory is used since)."""
        return 'redis' if self._fallback is None else 'directory'

    def path(self, name):
        """Where ``name`` is, for messages."""
        if self._fallback is not None:
            return self._fallback.path(name)
        return '%s key %s' % (self.url, self._key(name))

    def clock(self):
        """The server's time (seconds since the epoch), carried on by this machine's clock that never steps."""
        return pacing_clock() + self._offset

    def _server_time_offset(self):
        """The server's time minus this machine's pacing clock, from the quickest of three TIME round trips."""
        best = None
        for dummy in range(3):
            before = pacing_clock()
            seconds, micros = self._redis.time()
            after = pacing_clock()
            if best is None or after - before < best[0]:
                best = (after - before, seconds + micros / 1e6 - (before + after) / 2.0)
        return best[1]

    def _key(self, name):
        return self._base + name

    # Documents --------------------------------------------------------------------------

    def read(self, name, default=None):
        """The JSON document ``name``, or ``default`` when absent or not JSON. Call under the lock."""
        if self._fallback is None:
            try:
                raw = self._redis.get(self._key(name))
            except self._errors as error:
                self._lose(error)
            else:
                if raw is None:
                    return default
                try:
                    document = json.loads(self._decoded(raw))
                except ValueError:
                    return default
                self._keep(name, document)
                return document
        return self._fallback.read(name, default)

    def write(self, name, document, expire=None):
        """Replace ``name``; ``expire`` (seconds): the server removes it then. Call under the lock."""
        if self._fallback is None:
            text = json.dumps(document, separators=(',', ':'))
            try:
                self._redis.set(self._key(name), text, px=int(expire * 1000) if expire else None)
            except self._errors as error:
                self._lose(error)
            else:
                self._keep(name, json.loads(text))
                return
        self._fallback.write(name, document, expire)

    def delete(self, name):
        if self._fallback is None:
            try:
                self._redis.delete(self._key(name))
            except self._errors as error:
                self._lose(error)
            else:
                with self._kept_guard:
                    self._kept.pop(name, None)
                return
        self._fallback.delete(name)

    def names(self, prefix):
        """Names of the documents starting with ``prefix``."""
        if self._fallback is None:
            pattern = _glob_escaped(self._key(prefix)) + '*'
            try:
                return [self._decoded(key)[len(self._base):] for key in self._redis.scan_iter(match=pattern, count=500)]
            except self._errors as error:
                self._lose(error)
        return self._fallback.names(prefix)

    def prune(self, prefix, max_age):
        """Nothing to do: documents written with ``expire`` are removed by the server."""
        if self._fallback is not None:
            self._fallback.prune(prefix, max_age)

    # Locks ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self, lock=DOCUMENTS_LOCK):
        """Hold one of the account's locks on the server: the documents' lock by default, held briefly; any
        other (the create lock) is a long lock, see hold()."""
        if lock != DOCUMENTS_LOCK:
            with self.hold(lock, run_holder(lock.lstrip('.')), None):
                yield
            return
        token = uuid.uuid4().hex
        if self._fallback is None and self._acquire(lock, token, DOCUMENTS_LOCK_LEASE, None, 0.05):
            try:
                yield
            finally:
                self._release(lock, token)
            return
        with self._fallback.locked(lock):
            yield

    @contextlib.contextmanager
    def hold(self, lock, holder, wait):
        """Hold the long lock ``lock`` for the block, renewed while held; wait up to ``wait`` seconds (None: for as
        long as it takes), then LockBusy with what the holder wrote of itself."""
        value = json.dumps(dict(holder, token=uuid.uuid4().hex), separators=(',', ':'))
        if self._fallback is None and self._acquire(lock, value, LONG_LOCK_LEASE, wait, LONG_LOCK_POLL):
            renewal = _Renewal(self, lock, value)
            renewal.start()
            try:
                yield
            finally:
                renewal.stop()
                self._release(lock, value)
            return
        with self._fallback.hold(lock, holder, wait):
            yield

    def _acquire(self, lock, token, lease, wait, longest_pause):
        """Take ``lock`` with ``token``: True once taken, False when the server is lost (use the fallback).

        Waits while another process holds it, with pauses that grow to ``longest_pause``; LockBusy after ``wait``.
        Taking the documents' lock also tells whether the server lost its data since this store opened.
        """
        started = time.monotonic()
        pause = 0.002
        while True:
            try:
                taken, epoch = self._acquire_script(keys=[self._key(lock), self._key(EPOCH)],
                                                    args=[token, int(lease * 1000)])
            except self._errors as error:
                self._lose(error)
                return False
            if taken:
                if lock == DOCUMENTS_LOCK:
                    self._check_epoch(self._decoded(epoch) if epoch is not None else None)
                return True
            waited = time.monotonic() - started
            if wait is not None and waited >= wait:
                raise LockBusy(lock, self._holder(lock), waited)
            time.sleep(pause * (0.5 + random.random()))
            pause = min(pause * 2, longest_pause)

    def _release(self, lock, token):
        try:
            self._release_script(keys=[self._key(lock)], args=[token])
        except self._errors as error:
            self._lose(error)

    def _holder(self, lock):
        """What the holder of ``lock`` wrote of itself (a dict, unchecked), or None."""
        try:
            document = json.loads(self._decoded(self._redis.get(self._key(lock)) or b'null'))
        except (ValueError,) + self._errors:
            return None
        return document if isinstance(document, dict) else None

    def renew(self, lock, value):
        """Keep holding the long lock ``lock``: 1 renewed, 2 taken again after the server lost it, 0 lost to another
        process, None when the server cannot be reached."""
        try:
            return self._renew_script(keys=[self._key(lock)], args=[value, int(LONG_LOCK_LEASE * 1000)])
        except self._errors:
            return None

    def warn(self, message):
        if self._warn:
            self._warn(message)

    # Faults -----------------------------------------------------------------------------

    def _lose(self, error):
        """The server failed: say so once, and from now on keep the state in the directory."""
        if self._fallback is not None:
            return
        self.problem = _without_secret(str(error) or type(error).__name__, self._secret_url)
        self.warn('the shared state at %s was lost (%s): from now on this process paces its calls, caches its reads '
                  'and takes its locks in the state directory of this controller only' % (self.url, self.problem))
        self._fallback = self._fallback_factory()

    def _check_epoch(self, epoch):
        """Under the documents' lock: when the server lost its data since this process last saw it, write back the
        documents this process last saw, those not there again (what another process wrote since wins).

        Lost: the epoch key is gone, or holds an epoch this process has not seen. A new epoch is set by the first
        process that writes back, and also by a process that opens the store after the restart, before any
        process still running has noticed it: a new epoch alone does not mean that what this one knows is back.
        """
        if epoch == self._epoch:
            return
        with self._kept_guard:
            kept = dict(self._kept)
        self._epoch = epoch if epoch is not None else uuid.uuid4().hex
        written = []
        try:
            for name, document in kept.items():
                if self._redis.set(self._key(name), json.dumps(document, separators=(',', ':')), nx=True):
                    written.append(name)
            if epoch is None:
                self._redis.set(self._key(EPOCH), self._epoch)
        except self._errors as error:
            self._lose(error)
            return
        if written:
            self.warn('the shared state at %s had lost its data (a restart?): wrote back what this process last '
                      'saw of %s' % (self.url, ', '.join(sorted(written))))

    def _keep(self, name, document):
        if not name.startswith(NOT_KEPT_PREFIXES) and name != EPOCH:
            with self._kept_guard:
                self._kept[name] = document

    @staticmethod
    def _decoded(value):
        return value.decode('utf-8', 'replace') if isinstance(value, bytes) else value


class _Renewal(threading.Thread):
    """Renews a long lock every third of its lease until stopped; says once if it was lost to another process."""

    def __init__(self, store, lock, value):
        super().__init__(name='logmein.central lock renewal', daemon=True)
        self._store, self._lock, self._value = store, lock, value
        self._stopped = threading.Event()
        self._warned = False

    def run(self):
        while not self._stopped.wait(LONG_LOCK_LEASE / 3.0):
            if self._store.renew(self._lock, self._value) == 0 and not self._warned:
                self._warned = True
                self._store.warn('the lock %s at %s was taken by another process while this one held it (this one '
                                 'was stopped for more than %.0f s?)' % (self._lock, self._store.url, LONG_LOCK_LEASE))

    def stop(self):
        self._stopped.set()
        self.join(LONG_LOCK_LEASE)


def _glob_escaped(text):
    """``text`` as a literal in a SCAN MATCH pattern."""
    return ''.join('\\' + char if char in '*?[]\\' else char for char in text)
