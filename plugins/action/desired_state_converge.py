# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Runs logmein.central.desired_state_converge in rounds and prints their progress (see plugin_utils/_rounds_action.py),
holding the account's run lock (module_utils/run_lock.py) for all of them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.validation import check_type_bool, check_type_int
from ansible.utils.display import Display

from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings, option_or_environment
from ansible_collections.logmein.central.plugins.module_utils.errors import ConfigurationError
from ansible_collections.logmein.central.plugins.module_utils.run_lock import LOCK_WAIT_DEFAULT, busy_message, run_holder
from ansible_collections.logmein.central.plugins.module_utils.state_backend import open_state_store
from ansible_collections.logmein.central.plugins.module_utils.state_store import RUN_LOCK, LockBusy
from ansible_collections.logmein.central.plugins.plugin_utils._rounds_action import RoundsAction

display = Display()


class ActionModule(RoundsAction):
    # A reviewed plan's estate is compared with a fresh read of the account before the first write; the
    # later rounds go on with the writes (their own writes would not match the plan's estate).
    FIRST_ROUND_ONLY = ('expected_estate',)

    def run(self, tmp=None, task_vars=None):
        exclusive, lock_wait, problem = self._lock_options()
        if problem:
            result = super(RoundsAction, self).run(tmp, task_vars)  # pylint: disable=bad-super-call
            result.update(failed=True, msg='invalid input, nothing was read: %s' % problem, error_kind='validation')
            return result
        if not exclusive or self._task.check_mode:
            return super().run(tmp, task_vars)
        try:
            settings = ConnectionSettings.from_options(lambda name: option_or_environment(self._task.args, name))
        except ConfigurationError:
            # The module says what is wrong with the connection options, before it reads or writes anything.
            return super().run(tmp, task_vars)
        store = open_state_store(settings, warn=display.warning)
        try:
            with store.hold(RUN_LOCK, run_holder('desired_state converge'), lock_wait):
                return super().run(tmp, task_vars)
        except LockBusy as busy:
            result = super(RoundsAction, self).run(tmp, task_vars)  # pylint: disable=bad-super-call
            result.update(failed=True, changed=False, error_kind='run_lock',
                          msg=busy_message(busy, self._task.action))
            return result

    def _lock_options(self):
        """``(exclusive, lock_wait, problem)`` from the task's arguments."""
        try:
            exclusive = check_type_bool(self._task.args.get('exclusive', True))
        except TypeError:
            return None, None, 'exclusive must be a boolean, got %r' % (self._task.args.get('exclusive'),)
        try:
            lock_wait = check_type_int(self._task.args.get('lock_wait', LOCK_WAIT_DEFAULT))
        except TypeError:
            return None, None, 'lock_wait must be a number of seconds, got %r' % (self._task.args.get('lock_wait'),)
        if lock_wait < 0:
            return None, None, 'lock_wait must be 0 or more seconds, got %s' % lock_wait
        return exclusive, lock_wait, None
