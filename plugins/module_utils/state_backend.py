# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where an account's shared state lives: the controller's state directory, or the Redis server of ``state_url``.

The one place that chooses. A server that cannot be used at the start is never a failed task:
the state directory is used instead and the warning says what that means (see redis_state.py
for a server lost later).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.module_utils.connection_options import redacted_url
from ansible_collections.logmein.central.plugins.module_utils.redis_state import RedisStateStore, StateBackendError
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore, account_key, default_state_dir


def open_state_store(settings, state_dir=None, warn=None, connection=None):
    """The state store of the account of ``settings``: on its state_url's server when set and reachable,
    else in ``state_dir`` (default: the user's, see state_store.default_state_dir)."""
    key = account_key(settings.api_url, settings.company_id)
    root = state_dir or default_state_dir()

    def directory():
        return StateStore(root, key, warn=warn)

    url = getattr(settings, 'state_url', None)
    if not url:
        return directory()
    try:
        return RedisStateStore(url, key, directory, warn=warn, connection=connection)
    except StateBackendError as error:
        if warn:
            warn('the shared state at %s cannot be used (%s): pacing, the read cache and run locks are shared only by '
                 'the processes of this controller, through its state directory' % (redacted_url(url), error))
        return directory()
