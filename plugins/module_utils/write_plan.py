# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A module's writes, planned before the first of them: what ``check_mode`` returns, and how to carry them out.

A plan is computed from validated input and one read of the account; ``apply(api)`` writes
its differences through ``api`` (an API client of the caller's thread) and returns the
result, or raises PartialFailure saying which hosts were written and which were not.
Modules apply their one plan; desired_state_converge applies several side by side.

The writes of a plan are steps (one API call each, for one host or a batch of hosts) sent
in order by ``send_steps``. A long task works in rounds (see rounds.py): when the next
step's slot comes after the end of the round, the plan returns with ``complete: false``
and the rest is written by the next round, which plans again from the account as it is.
Every result says what became of each host in ``progress``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, RoundOver


class WritePlan:
    """``result``: what the task returns without writing; ``write(api)``: the writes, returning the final result.

    ``changes`` lists the host ids the writes change, ``calls`` the API calls they take.
    """

    def __init__(self, result, write=None, changes=(), calls=0):
        self.result = result
        self._write = write
        self.changes = list(changes)
        self.calls = calls

    @property
    def changed(self):
        return bool(self.result.get('changed'))

    def untouched(self):
        """The progress of these writes before any is sent: every change pending."""
        return progress_of(pending=self.changes, calls_left=self.calls)

    def apply(self, api):
        if self._write is None or not self.changed:
            return dict(self.result, complete=True, progress=progress_of())
        return self._write(api)


class PartialFailure(CentralError):
    """A task that wrote some of its changes and then failed; ``result`` says which were done.

    ``causes`` are the error kinds that stopped the writes (``transport``, ``server``,
    ``rate_limited``, ...), and ``outcome_unknown`` says that a write may have been carried
    out although no answer said so: both are in the failed task's result.
    """

    kind = 'partial_failure'

    def __init__(self, message, result, action=None, status=None, causes=(), outcome_unknown=False):
        super().__init__(message, action=action, status=status)
        self.result = result
        self.causes = list(causes)
        self.outcome_unknown = outcome_unknown

    @classmethod
    def of(cls, message, result, errors):
        """The failure of ``errors`` (CentralError, the first one names the action), keeping their causes."""
        causes = []
        for error in errors:
            for cause in getattr(error, 'causes', None) or [error.kind]:
                if cause not in causes:
                    causes.append(cause)
        unknown = any(getattr(error, 'outcome_unknown', False) for error in errors)
        return cls(message, result, action=errors[0].action, status=errors[0].status, causes=causes, outcome_unknown=unknown)

    def to_fail_kwargs(self):
        result = super().to_fail_kwargs()
        result['error_causes'] = self.causes
        return result

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
        return cls.of(message, result, [error])


def progress_of(written=(), pending=(), failed=(), outcome_unknown=(), calls_left=0):
    """The ``progress`` of a plan's writes: host ids by what became of them, and the calls left to make."""
    return {'written': list(written), 'pending': list(pending), 'failed': list(failed),
            'outcome_unknown': list(outcome_unknown), 'calls_left': calls_left}


def send_steps(steps, result, failure_result, wrote_before=False):
    """Send ``steps`` (``[(host ids, send)]``, one API call each) in order; the final result.

    The result is ``result`` with ``complete`` and ``progress``. When the round ends before a
    step, the steps left are ``pending`` and ``complete`` is false. A failed step raises
    PartialFailure with ``failure_result(written host ids)``: the failed step's hosts are
    ``failed`` (``outcome_unknown`` when the write may have been carried out), the steps
    after it ``pending``.
    """
    written = []
    for position, (ids, send) in enumerate(steps):
        try:
            send()
        except RoundOver:
            left = steps[position:]
            progress = progress_of(written, [i for ids_left, dummy in left for i in ids_left], calls_left=len(left))
            return dict(result, complete=False, progress=progress)
        except CentralError as error:
            unknown = bool(getattr(error, 'outcome_unknown', False))
            later = [i for ids_left, dummy in steps[position + 1:] for i in ids_left]
            progress = progress_of(written, later, failed=[] if unknown else ids, outcome_unknown=ids if unknown else [],
                                   calls_left=len(steps) - position)
            failure = PartialFailure.after(error, [{'host_id': i} for i in written],
                                           [{'host_id': i} for i in list(ids) + later], failure_result(written),
                                           wrote_before=wrote_before)
            failure.result['progress'] = progress
            failure.result['complete'] = False
            raise failure
        written.extend(ids)
    return dict(result, complete=True, progress=progress_of(written))
