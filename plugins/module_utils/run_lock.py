# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The run lock of an account: two converges of one account never write at the same time.

Two pipelines, a schedule and a manual run, or the slices of one AWX job could otherwise
converge one account at once and undo each other's writes. The lock is held by the
controller-side action of logmein.central.desired_state_converge for all its rounds (see
state_store.StateStore.hold: a flock of the processes of one controller; with a state_url,
a lease on the Redis server renewed while held, for every machine). A run that finds it held
waits up to ``lock_wait`` seconds, then fails naming the holder: its job, host and start.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import os
import socket

# AWX and Automation Controller give each job its id in the environment.
JOB_ENV = ('JOB_ID', 'AWX_JOB_ID', 'TOWER_JOB_ID')
LOCK_WAIT_DEFAULT = 900
_SHOWN_LENGTH = 120


def run_holder(purpose):
    """What this run says of itself to a run that waits for it."""
    job = next((os.environ[name] for name in JOB_ENV if os.environ.get(name)), None)
    return {
        'purpose': purpose,
        'job': 'AWX job %s' % job if job else 'process %d' % os.getpid(),
        'host': socket.gethostname(),
        'started': datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
    }


def describe_holder(holder):
    """The holder of a lock as words for an error: its job, host and start; never more than it said, nor trusted.

    The holder wrote that document (another process, or whoever can write the state): only its
    short, printable strings are shown.
    """
    if not isinstance(holder, dict):
        return 'a holder that did not say who it is'
    shown = dict((field, _shown(holder.get(field))) for field in ('purpose', 'job', 'host', 'started'))
    if not any(shown.values()):
        return 'a holder that did not say who it is'
    words = [shown['purpose'] or 'a run', 'of %s' % shown['job'] if shown['job'] else '',
             'on %s' % shown['host'] if shown['host'] else '', 'since %s' % shown['started'] if shown['started'] else '']
    return ' '.join(word for word in words if word)


def busy_message(busy, what):
    """The error of a run that waited ``busy.waited`` seconds for the run lock (``busy``: state_store.LockBusy)."""
    return ('%s: another run of this account holds its run lock (%s); waited %.0f s for it (lock_wait). Nothing was '
            'written. Run again when it has ended, raise lock_wait, or set exclusive (desired_state_exclusive) to false '
            'to let runs overlap' % (what, describe_holder(busy.holder), busy.waited))


def _shown(value):
    if not isinstance(value, str):
        return ''
    printable = ''.join(char for char in value if char.isprintable())
    return printable[:_SHOWN_LENGTH]
