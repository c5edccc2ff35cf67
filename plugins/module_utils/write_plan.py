# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A module's writes, planned before the first of them: what ``check_mode`` returns, and how to carry them out.

A plan is computed from validated input and one read of the account; ``apply(api)`` writes
its differences through ``api`` (an API client of the caller's thread) and returns the
result, or raises PartialFailure saying which hosts were written and which were not.
Modules apply their one plan; desired_state_converge applies several side by side.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError


class WritePlan:
    """``result``: what the task returns without writing; ``write(api)``: the writes, returning the final result."""

    def __init__(self, result, write=None):
        self.result = result
        self._write = write

    @property
    def changed(self):
        return bool(self.result.get('changed'))

    def apply(self, api):
        if self._write is None or not self.changed:
            return self.result
        return self._write(api)


class PartialFailure(CentralError):
    """A task that wrote some of its changes and then failed; ``result`` says which were done."""

    kind = 'partial_failure'

    def __init__(self, message, result, action=None, status=None):
        super().__init__(message, action=action, status=status)
        self.result = result

    @classmethod
    def after(cls, error, done, pending, result, wrote_before=False):
        """Wrap ``error``: ``done`` and ``pending`` are lists of dicts with ``host_id``, in write order.

        ``wrote_before`` says that the task changed something before these writes.
        """
        done_ids = [item['host_id'] for item in done]
        pending_ids = [item['host_id'] for item in pending]
        result = dict(result, changed=bool(done_ids) or wrote_before, done_hosts=done_ids, failed_hosts=pending_ids)
        message = '%s; written before the failure: %s; not written: %s' % (
            error.message, ', '.join(str(i) for i in done_ids) or 'none', ', '.join(str(i) for i in pending_ids))
        return cls(message, result, action=error.action, status=error.status)
