# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin of the modules whose writes may take hours: it runs them in rounds.

A module cannot print while it runs, so a task of hours would show nothing until it ends.
Its action plugin runs the module once per round (each run ends after ``round_seconds``,
see module_utils/rounds.py), prints a line of progress between rounds, stops after the
round that reaches ``max_duration``, and returns the rounds put together as one result.

This module is private to the collection (leading underscore): no compatibility promise.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.module_utils.common.validation import check_type_bool, check_type_int
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.logmein.central.plugins.module_utils.rounds import ROUND_OPTIONS, TaskRounds, calls_left, counts, progress_line

display = Display()


class RoundsAction(ActionBase):
    _supports_check_mode = True
    _supports_async = True
    # Options that only the first round gets (a check made before the first write).
    FIRST_ROUND_ONLY = ()

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        # Polled by Ansible, not by us: one round writes everything; the async wrapper removes its own temporary files.
        wrap_async = bool(self._task.async_val) and not self._connection.has_native_async
        try:
            if self._task.async_val:
                args = dict(self._task.args, round_seconds=0)
                result.update(self._execute_module(module_args=args, task_vars=task_vars, wrap_async=wrap_async))
                return result
            options, problem = self._round_options()
            if problem:
                result.update(failed=True, msg='invalid input, nothing was read: %s' % problem, error_kind='validation')
                return result
            result.update(self._run_rounds(task_vars, *options))
        finally:
            if not wrap_async:
                self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _round_options(self):
        """``((round_seconds, max_duration, fail_when_incomplete), problem)`` from the task's arguments."""
        values = []
        for name, spec in ROUND_OPTIONS.items():
            value = self._task.args.get(name, spec['default'])
            try:
                values.append(check_type_bool(value) if spec['type'] == 'bool' else check_type_int(value))
            except TypeError:
                return None, '%s must be %s, got %r' % (name, 'a boolean' if spec['type'] == 'bool' else 'a number of seconds', value)
            if spec['type'] == 'int' and values[-1] < 0:
                return None, '%s must be 0 or more seconds, got %s' % (name, values[-1])
        return values, None

    def _run_rounds(self, task_vars, round_seconds, max_duration, fail_when_incomplete):
        started = time.monotonic()
        rounds = TaskRounds()
        name = self._task.action
        stopped_for_time = False
        left_before = None
        while True:
            args = dict(self._task.args)
            if rounds.rounds:
                for option in self.FIRST_ROUND_ONLY:
                    args.pop(option, None)
            if max_duration:
                left = max(int(round(max_duration - (time.monotonic() - started))), 1)
                args['round_seconds'] = min(round_seconds, left) if round_seconds else left
            answer = self._execute_module(module_args=args, task_vars=task_vars)
            rounds.add(answer)
            done = self._task.check_mode or answer.get('failed') or answer.get('complete', True)
            elapsed = time.monotonic() - started
            if rounds.rounds > 1 or not done:
                display.display('%s: %s' % (self._host_label(task_vars), progress_line(
                    name, rounds.rounds, elapsed, rounds.result.get('progress'), answer.get('eta_seconds'))))
            if done:
                break
            # Every round writes something (a host's change, or a category before its values); one that
            # did not would loop for ever.
            left_now = calls_left(answer.get('progress'))
            if not counts(answer.get('progress'))['written'] and left_before is not None and left_now >= left_before:
                rounds.result.update(failed=True, msg='%s: a round wrote nothing; stopped so as not to loop' % name)
                break
            left_before = left_now
            if max_duration and elapsed >= max_duration:
                stopped_for_time = True
                break
        final = rounds.final()
        final['elapsed_seconds'] = round(time.monotonic() - started, 1)
        if stopped_for_time:
            total = counts(final.get('progress'))
            message = ('%s stopped at max_duration (%s s) after %d rounds: %d changes written, %d left; '
                       'run it again to write them' % (name, max_duration, rounds.rounds, total['written'], total['pending']))
            if fail_when_incomplete:
                final.update(failed=True, msg=message)
            else:
                final.setdefault('warnings', []).append(message)
        return final

    def _host_label(self, task_vars):
        return '[%s]' % (task_vars or {}).get('inventory_hostname', 'localhost')
