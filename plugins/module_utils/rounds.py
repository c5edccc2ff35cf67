# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Long writes in rounds: the options, the pacing and time left, and one task's rounds put together.

At about one call of an action a minute, writing hundreds of descriptions or values takes
hours. Such a task works in rounds: the module runs for at most ``round_seconds``, writes
what fits, and returns what it wrote and what is left (``progress``); its action plugin
prints a line of progress and runs the next round, which plans again from the account as
it then is. A task interrupted at any point and run again writes only what is left, and
``max_duration`` ends a task cleanly after the round that reaches it.

The module side (options, time left) and the action side (merging the rounds' results,
the progress line) are here, so both are tested without Ansible's machinery.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

ROUND_OPTIONS = dict(
    round_seconds=dict(type='int', default=300),
    max_duration=dict(type='int', default=0),
    fail_when_incomplete=dict(type='bool', default=False),
)
STATUSES = ('written', 'pending', 'failed', 'outcome_unknown')


def check_round_options(params):
    """Problems with the round options, as messages naming the option and the bad value."""
    problems = []
    for name in ('round_seconds', 'max_duration'):
        if params.get(name) is not None and params[name] < 0:
            problems.append('%s must be 0 or more seconds, got %s' % (name, params[name]))
    return problems


def seconds_per_call(client):
    """The pacing of ``client``'s writes: the longest interval learned for their actions, else their spacing."""
    actions = list(dict.fromkeys(action for action, dummy in client.writes))
    learned = max([client.limiter.interval(action) for action in actions] or [0.0])
    if learned:
        return learned
    times = [sent_at for dummy, sent_at in client.writes]
    if len(times) > 1:
        return (times[-1] - times[0]) / (len(times) - 1)
    return 0.0


def seconds_left(lanes, side_by_side=True):
    """Estimated seconds to write what is left: ``lanes`` are ``(calls left, client that wrote them)``.

    Lanes side by side take as long as the longest; one after the other, their sum.
    """
    times = [calls * seconds_per_call(client) for calls, client in lanes if calls]
    if not times:
        return 0.0
    return max(times) if side_by_side else sum(times)


def is_progress(value):
    return isinstance(value, dict) and 'written' in value and 'pending' in value


def merge_progress(earlier, later):
    """The progress of two rounds of one task: written adds up, the rest is the later round's.

    Progress is one lane (a dict of statuses), or a mapping of names to progress (as
    desired_state_converge returns per kind and custom field). A lane the later round does
    not mention had nothing left to write.
    """
    if earlier is None:
        return later
    if later is None:
        later = {}
    if is_progress(earlier) or is_progress(later):
        earlier = earlier or {}
        merged = dict(later) if later else dict((key, [] if key in STATUSES else 0) for key in earlier)
        merged['written'] = list(earlier.get('written') or []) + list(later.get('written') or [])
        for key in STATUSES[1:]:
            merged[key] = list(later.get(key) or [])
        merged['calls_left'] = later.get('calls_left', 0)
        return merged
    return dict((name, merge_progress(earlier.get(name), later.get(name))) for name in list(dict.fromkeys(list(earlier) + list(later))))


def counts(progress):
    """``{status: number of changes}`` of a progress, summed over its lanes."""
    totals = dict((key, 0) for key in STATUSES)
    if is_progress(progress):
        for key in STATUSES:
            totals[key] += len(progress.get(key) or ())
    elif isinstance(progress, dict):
        for lane in progress.values():
            for key, number in counts(lane).items():
                totals[key] += number
    return totals


def calls_left(progress):
    """The API calls the pending changes of a progress take, over its lanes."""
    if is_progress(progress):
        return progress.get('calls_left') or 0
    if isinstance(progress, dict):
        return sum(calls_left(lane) for lane in progress.values())
    return 0


def duration(seconds):
    """``2 h 5 min``, ``4 min 10 s``, ``12 s``: a duration a person reads at a glance."""
    seconds = int(round(max(seconds, 0)))
    if seconds >= 3600:
        return '%d h %d min' % (seconds // 3600, seconds % 3600 // 60)
    if seconds >= 60:
        return '%d min %d s' % (seconds // 60, seconds % 60)
    return '%d s' % seconds


def wait_warning(action, seconds):
    return 'waited %.1f s for the LogMeIn Central rate limit before %s' % (seconds, action)


def progress_line(task, round_number, elapsed, progress, eta_seconds):
    """One line of progress after a round, e.g. for the output of ansible-playbook and AWX."""
    total = counts(progress)
    done, left = total['written'], total['pending']
    line = '%s: round %d ended after %s: %d of %d changes written, %d left' % (
        task, round_number, duration(elapsed), done, done + left + total['failed'] + total['outcome_unknown'], left)
    if left:
        line += ', about %s to go at the learned pacing' % duration(eta_seconds) if eta_seconds else ', time left unknown yet'
    return line


class TaskRounds:
    """The rounds of one task put together into the task's result.

    The first round's result is the base: it shows the differences found when the task
    started (``diff``, the per-host lists). The later rounds add what they wrote.
    """

    def __init__(self):
        self.result = None
        self.rounds = 0
        self.warnings = []
        self.waits = {}

    def add(self, result):
        self.rounds += 1
        for warning in result.pop('warnings', None) or ():
            if warning not in self.warnings:
                self.warnings.append(warning)
        for action, seconds in (result.get('rate_limit_waits') or {}).items():
            self.waits[action] = self.waits.get(action, 0.0) + seconds
        if self.result is None:
            self.result = dict(result)
            return
        merged = self.result
        merged['progress'] = merge_progress(merged.get('progress'), result.get('progress'))
        merged['changed'] = bool(merged.get('changed') or result.get('changed'))
        merged['complete'] = result.get('complete', True)
        merged['api_calls'] = merged.get('api_calls', 0) + result.get('api_calls', 0)
        merged['eta_seconds'] = result.get('eta_seconds', 0.0)
        merged['rate_limit_waits'] = dict(self.waits)
        for key in ('failed', 'msg', 'error_kind', 'api_action', 'status', 'outcome_unknown', 'failed_kinds',
                    'done_hosts', 'failed_hosts', 'exception'):
            if key in result:
                merged[key] = result[key]
        if 'done_hosts' in result and is_progress(merged['progress']):
            merged['done_hosts'] = list(merged['progress']['written'])

    def final(self):
        result = dict(self.result or {})
        result.pop('rate_limit_waits', None)  # told as warnings below
        result['rounds'] = self.rounds
        warnings = self.warnings + [wait_warning(action, seconds) for action, seconds in self.waits.items()]
        if warnings:
            result['warnings'] = warnings
        return result
