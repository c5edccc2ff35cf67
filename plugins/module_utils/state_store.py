# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A lock-protected state directory on the controller, shared by every process.

Ansible runs one process per module task and fork; they learn the rate limit and
share reads through small JSON files here. Files are keyed by a hash of the API URL
and company id (never the PSK), readable by the owner only.

Nothing found there is trusted: a state directory in a shared place (a temporary
directory, a home directory in some CI or container setups) may hold what another local
user put there, so the directories and files are checked before each use (see
private_directory and StateStore._open), and the documents read are checked by their
users (rate_limit.py, read_cache.py) before anything depends on them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import socket
import stat
import tempfile
import threading
import time

STATE_DIR_ENV = 'LOGMEIN_CENTRAL_STATE_DIR'
# The lock of the documents (pacing, read cache): held for file operations only, never across a call.
DOCUMENTS_LOCK = '.lock'
# The lock of creates: held across a fresh read and the create it decides, which may take a minute
# of rate limit, so it is a lock of its own and never stalls the pacing of other processes.
CREATE_LOCK = '.create.lock'
# The lock of a whole run (a desired-state converge): held for as long as the run writes, which may be hours.
RUN_LOCK = '.run.lock'
# How often a process waiting for a long lock (create, run) tries again.
LONG_LOCK_POLL = 0.5
BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id'


def default_state_dir():
    """LOGMEIN_CENTRAL_STATE_DIR, else <user cache dir>/logmein.central."""
    configured = os.environ.get(STATE_DIR_ENV)
    if configured:
        return os.path.expanduser(configured)
    cache_home = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(cache_home, 'logmein.central')


def account_key(api_url, company_id):
    """A stable file-name-safe key for one account at one API URL."""
    digest = hashlib.sha256(('%s\0%s' % (api_url.rstrip('/'), company_id)).encode('utf-8'))
    return digest.hexdigest()[:32]


def short_hash(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]


def boot_id():
    """The id of this boot of the machine ('' where the system does not say)."""
    try:
        with open(BOOT_ID_FILE) as handle:
            return handle.read().strip()
    except (IOError, OSError):
        return ''


_MACHINE_ID = []


def machine_id():
    """This machine's name and boot: a process id means something only on the machine (and boot) that gave it.

    Read once per process: the read cache asks for it under its lock.
    """
    if not _MACHINE_ID:
        _MACHINE_ID.append('%s/%s' % (socket.gethostname(), boot_id()))
    return _MACHINE_ID[0]


class UnsafeState(Exception):
    """A path of the state directory that must not be used; the message names it and what is wrong."""


class LockBusy(Exception):
    """A long lock (a run's) stayed held by another process for all the time allowed; ``holder`` says whose it is
    (a dict as the holder wrote it, None when unknown; its values are not trusted)."""

    def __init__(self, lock, holder, waited):
        super().__init__('%s is held by another process' % lock)
        self.lock = lock
        self.holder = holder
        self.waited = waited


def create_private_directories(path):
    """Create ``path`` and each missing parent with mode 0700; return the directories created, outermost first.

    Directories that already exist are left as they are (they belong to the user's setup):
    the collection only ever creates private ones, never one that the default umask would
    leave readable by all (``os.makedirs`` makes a missing ``~/.cache`` 0755).
    """
    missing = []
    current = path
    while current and not os.path.lexists(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    created = []
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
            created.append(folder)
        except FileExistsError:
            pass
    return created


def private_directory(path):
    """Create ``path`` (and missing parents) with mode 0700, then check it; UnsafeState when it is not private.

    Private: a real directory (not a symbolic link), owned by the effective user, that neither
    its group nor others may write into. Anyone who could write there could point our files
    elsewhere or plant state that stalls every call.
    """
    create_private_directories(path)
    check_private(path, os.lstat(path), 'directory')


def check_private(path, info, kind):
    """UnsafeState unless ``info`` (an lstat or fstat result of ``path``) is a private ``kind`` of this user."""
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeState('%s is a symbolic link' % path)
    wanted = stat.S_ISDIR if kind == 'directory' else stat.S_ISREG
    if not wanted(info.st_mode):
        raise UnsafeState('%s is not a %s' % (path, 'directory' if kind == 'directory' else 'regular file'))
    if info.st_uid != os.geteuid():
        raise UnsafeState('%s belongs to another user (uid %d, not %d)' % (path, info.st_uid, os.geteuid()))
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeState('%s is writable by its group or by others (mode %04o)' % (path, stat.S_IMODE(info.st_mode)))


class StateStore:
    """JSON documents under one account's folder, each read and written under one lock.

    The folder and its root are created private (0700) and checked before use; files are
    opened without following symbolic links and must be regular files of this user. When
    something is not so, or the directory cannot be created, the store keeps its documents in
    memory and says why once (``warn``): the process still works, it only stops sharing what
    it learns.
    """

    backend = 'directory'
    # The clock whose times the documents hold: None, each process's own (see rate_limit.pacing_clock,
    # which compares across the processes of one machine). A backend shared by machines gives its own.
    clock = None
    clock_domain = None

    def __init__(self, root, key, warn=None):
        self.folder = os.path.join(root, key)
        self._memory = None
        self._warn = warn
        self.problem = None
        try:
            private_directory(root)
            private_directory(self.folder)
            os.close(self._open(DOCUMENTS_LOCK, os.O_RDWR | os.O_CREAT))
        except UnsafeState as error:
            self._use_memory('%s' % error)
        except OSError as error:
            self._use_memory('%s cannot be used: %s' % (self.folder, error.strerror or error))

    @property
    def shared(self):
        return self._memory is None

    def _use_memory(self, problem):
        """From now on, keep the documents in this process only; say why, once."""
        if self._memory is None:
            self._memory = {}
        if self.problem is None:
            self.problem = problem
            if self._warn:
                self._warn('the state directory is not used (%s): rate-limit pacing and the read cache are not shared '
                           'with other processes; set LOGMEIN_CENTRAL_STATE_DIR to a private directory' % problem)

    def _open(self, name, flags):
        """A descriptor of the regular file ``name`` of this user, never through a symbolic link, never blocking."""
        path = self.path(name)
        try:
            fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, 'O_CLOEXEC', 0), 0o600)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.EMLINK):
                raise UnsafeState('%s is a symbolic link' % path) from None
            if error.errno == errno.ENXIO:
                raise UnsafeState('%s is not a regular file' % path) from None
            raise
        try:
            check_private(path, os.fstat(fd), 'file')
        except UnsafeState:
            os.close(fd)
            raise
        return fd

    @contextlib.contextmanager
    def locked(self, lock=DOCUMENTS_LOCK):
        """Hold one of the account's locks (an exclusive flock, released when the block ends).

        The documents' lock by default; ``CREATE_LOCK`` around a create. Without a state
        directory, the lock holds between the threads of this process only.
        """
        if self._memory is not None:
            with _process_lock(self.folder, lock):
                yield
            return
        try:
            fd = self._open(lock, os.O_RDWR | os.O_CREAT)
        except (UnsafeState, OSError) as error:
            self._use_memory(str(error))
            with _process_lock(self.folder, lock):
                yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def path(self, name):
        return os.path.join(self.folder, name)

    def read(self, name, default=None):
        """The JSON document ``name``, or ``default`` when absent or unreadable. Call under the lock."""
        if self._memory is not None:
            return self._memory.get(name, default)
        try:
            fd = self._open(name, os.O_RDONLY)
        except FileNotFoundError:
            return default
        except (UnsafeState, OSError) as error:
            self._use_memory(str(error))
            return default
        try:
            with os.fdopen(fd, 'r', encoding='utf-8') as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return default

    def write(self, name, document, expire=None):  # pylint: disable=unused-argument
        """Replace ``name`` atomically. Call under the lock.

        ``expire`` (seconds) says when the document is of no more use; here prune() removes such documents.
        """
        if self._memory is not None:
            self._memory[name] = json.loads(json.dumps(document))
            return
        try:
            fd, temp_path = tempfile.mkstemp(dir=self.folder, prefix='.tmp-')
        except OSError as error:
            self._use_memory('%s cannot be written: %s' % (self.folder, error.strerror or error))
            self._memory[name] = json.loads(json.dumps(document))
            return
        try:
            with os.fdopen(fd, 'w', encoding='utf-8') as handle:
                json.dump(document, handle, separators=(',', ':'))
            os.replace(temp_path, self.path(name))  # replaces a symbolic link itself, never its target
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp_path)
            self._use_memory('%s cannot be written: %s' % (self.folder, error.strerror or error))
            self._memory[name] = json.loads(json.dumps(document))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_path)
            raise

    def delete(self, name):
        """Remove ``name`` if present. Call under the lock."""
        if self._memory is not None:
            self._memory.pop(name, None)
            return
        try:
            os.unlink(self.path(name))
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                self._use_memory('%s cannot be removed: %s' % (self.path(name), exc.strerror or exc))

    def names(self, prefix):
        """Names of the documents starting with ``prefix``."""
        if self._memory is not None:
            return [name for name in self._memory if name.startswith(prefix)]
        try:
            return [name for name in os.listdir(self.folder) if name.startswith(prefix)]
        except OSError:
            return []

    def prune(self, prefix, max_age):
        """Remove the documents starting with ``prefix`` not written for ``max_age`` seconds (by file age,
        without parsing them). Call under the lock."""
        if self._memory is not None:
            return
        limit = time.time() - max_age
        for name in self.names(prefix):
            try:
                if os.lstat(self.path(name)).st_mtime < limit:
                    self.delete(name)
            except OSError:
                continue

    @contextlib.contextmanager
    def hold(self, lock, holder, wait):
        """Hold the long lock ``lock`` (a run's) for the block, waiting up to ``wait`` seconds (None: for as long
        as it takes); LockBusy, with what the holder wrote of itself (``holder``, a dict), when it stays held.

        An exclusive flock of the processes of this controller, released by the system when its process ends,
        however it ends.
        """
        started = time.monotonic()
        with self._long_lock(lock, wait) as taken:
            if not taken:
                with self.locked():
                    raise LockBusy(lock, self.read(_holder_document(lock)), time.monotonic() - started)
            with self.locked():
                self.write(_holder_document(lock), holder)
            try:
                yield
            finally:
                with self.locked():
                    self.delete(_holder_document(lock))

    @contextlib.contextmanager
    def _long_lock(self, lock, wait):
        """Yield whether ``lock`` was taken within ``wait`` seconds: its flock, or without a state directory a lock
        of this process's threads only."""
        fd = None
        if self._memory is None:
            try:
                fd = self._open(lock, os.O_RDWR | os.O_CREAT)
            except (UnsafeState, OSError) as error:
                self._use_memory(str(error))
        if fd is None:
            guard = _process_lock(self.folder, lock)
            taken = guard.acquire(timeout=-1 if wait is None else wait)
            try:
                yield taken
            finally:
                if taken:
                    guard.release()
            return
        try:
            taken = _flock_within(fd, wait)
            try:
                yield taken
            finally:
                if taken:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _flock_within(fd, wait):
    """Take an exclusive flock of ``fd`` within ``wait`` seconds (None: however long it takes); whether it was taken."""
    started = time.monotonic()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            waited = time.monotonic() - started
            if wait is not None and waited >= wait:
                return False
            time.sleep(LONG_LOCK_POLL if wait is None else min(LONG_LOCK_POLL, max(wait - waited, 0.01)))


def _holder_document(lock):
    """The document in which the holder of ``lock`` says who it is."""
    return '%s-holder.json' % lock.lstrip('.')


_process_locks = {}
_process_locks_guard = threading.Lock()


def _process_lock(folder, lock):
    """The lock of this process that stands for ``lock`` of ``folder`` when there is no state directory."""
    with _process_locks_guard:
        return _process_locks.setdefault((folder, lock), threading.RLock())
