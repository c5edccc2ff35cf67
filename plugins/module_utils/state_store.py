# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A lock-protected state directory on the controller, shared by every process.

Ansible runs one process per module task and fork; they learn the rate limit and
share reads through small JSON files here. Files are keyed by a hash of the API URL
and company id (never the PSK), readable by the owner only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import tempfile

STATE_DIR_ENV = 'LOGMEIN_CENTRAL_STATE_DIR'


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


class StateStore:
    """JSON documents under one account's folder, each read and written under one lock.

    When the directory cannot be created the store keeps its documents in memory:
    the process still works, it only stops sharing what it learns.
    """

    def __init__(self, root, key):
        self.folder = os.path.join(root, key)
        self._memory = None
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            probe = os.path.join(self.folder, '.lock')
            with open(probe, 'a'):
                pass
        except OSError:
            self._memory = {}

    @property
    def shared(self):
        return self._memory is None

    @contextlib.contextmanager
    def locked(self):
        """Hold the account's lock (an exclusive flock, released when the block ends)."""
        if self._memory is not None:
            yield
            return
        with open(os.path.join(self.folder, '.lock'), 'a') as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def path(self, name):
        return os.path.join(self.folder, name)

    def read(self, name, default=None):
        """The JSON document ``name``, or ``default`` when absent or unreadable. Call under the lock."""
        if self._memory is not None:
            return self._memory.get(name, default)
        try:
            with open(self.path(name), 'r', encoding='utf-8') as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return default

    def write(self, name, document):
        """Replace ``name`` atomically. Call under the lock."""
        if self._memory is not None:
            self._memory[name] = json.loads(json.dumps(document))
            return
        fd, temp_path = tempfile.mkstemp(dir=self.folder, prefix='.tmp-')
        try:
            with os.fdopen(fd, 'w', encoding='utf-8') as handle:
                json.dump(document, handle, separators=(',', ':'))
            os.replace(temp_path, self.path(name))
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
                raise

    def names(self, prefix):
        """Names of the documents starting with ``prefix``."""
        if self._memory is not None:
            return [name for name in self._memory if name.startswith(prefix)]
        try:
            return [name for name in os.listdir(self.folder) if name.startswith(prefix)]
        except OSError:
            return []
