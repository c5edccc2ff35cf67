# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every module of the collection shares: connection options, the API client, results and failures."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import time

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings, connection_argument_spec
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError
from ansible_collections.logmein.central.plugins.module_utils.rounds import ROUND_OPTIONS, check_round_options, is_progress, seconds_left, wait_warning


def _without_nul(value):
    """``value`` with each NUL written ``\\x00``; other types as they are."""
    if isinstance(value, bytes):
        return value.replace(b'\x00', b'\\x00')
    if isinstance(value, str):
        return value.replace('\x00', '\\x00')
    return value


class _AnsibleModule(AnsibleModule):
    """An AnsibleModule whose log lines show a NUL as ``\\x00``.

    ansible-core logs every module's arguments to syslog on the target, and syslog cannot take a
    NUL: a NUL in a text option (a description, a custom field name) would fail the task there
    with "Failed to log to syslog (embedded null character)", naming neither the option nor the
    host, before the module could refuse the text itself (validation.py) with a message that does.
    The line is still logged, with the NUL escaped.
    """

    def log(self, msg, log_args=None):
        if log_args is not None:
            log_args = dict((key, _without_nul(value)) for key, value in log_args.items())
        return super().log(_without_nul(msg), log_args=log_args)


class CentralModule:
    """An AnsibleModule with the connection options, a lazily built API client and clean failures.

    ``run(handler)`` calls ``handler(self)``, which returns the result dict; any
    CentralError becomes a failure with its message, never a traceback, and the
    rate-limit waits of the run become warnings.

    With ``rounds=True`` the module takes the round options (see rounds.py): its API
    clients stop starting writes at the end of the round, and the result carries the
    waits as ``rate_limit_waits`` for the action plugin, which adds up the rounds.
    """

    def __init__(self, argument_spec, rounds=False, **kwargs):
        self.started = time.monotonic()
        spec = connection_argument_spec()
        spec.update(argument_spec)
        if rounds:
            spec.update(ROUND_OPTIONS)
        kwargs.setdefault('supports_check_mode', True)
        self.module = _AnsibleModule(argument_spec=spec, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.rounds = rounds
        self._api = None
        self._apis = []

    @property
    def api(self):
        if self._api is None:
            self._api = self.new_api()
        return self._api

    def new_api(self):
        """Another API client for this task (one per thread), sharing its pacing and read cache on disk."""
        settings = ConnectionSettings.from_options(self.params.get)
        api = CentralApi(CentralClient(settings))
        if self.rounds and self.params['round_seconds']:
            left = max(self.params['round_seconds'] - (time.monotonic() - self.started), 0.0)
            api.client.round_ends_at = api.client.now() + left
        self._apis.append(api)
        return api

    def apply(self, plan):
        """The result of a WritePlan: written unless in check mode."""
        return plan.result if self.check_mode else plan.apply(self.api)

    def run(self, handler):
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        problems = check_round_options(self.params) if self.rounds else []
        if problems:
            self.module.fail_json(msg='invalid input, nothing was read: %s' % '; '.join(problems), error_kind='validation')
        try:
            result = handler(self)
        except CentralError as error:
            failure = error.to_fail_kwargs()
            failure.update(getattr(error, 'result', None) or {})
            self._add_time_left(failure)
            self._add_warnings(failure)
            self.module.fail_json(**failure)
        self._add_time_left(result)
        self._add_warnings(result)
        self.module.exit_json(**result)

    def _add_time_left(self, result):
        """A single plan's estimate of the time its writes left take (desired_state_converge sets its own)."""
        if self.rounds and self._api is not None and is_progress(result.get('progress')) and 'eta_seconds' not in result:
            result['eta_seconds'] = seconds_left([(result['progress']['calls_left'], self._api.client)])

    def _add_warnings(self, result):
        if not self._apis:
            return
        clients = [api.client for api in self._apis]
        for warning in collections.OrderedDict((w, True) for client in clients for w in client.warnings):
            self.module.warn(warning)
        waited = collections.OrderedDict()
        for action, seconds in (wait for client in clients for wait in client.waits):
            waited[action] = waited.get(action, 0.0) + seconds
        if self.rounds and self.params['round_seconds']:
            result['rate_limit_waits'] = waited  # the action plugin warns of the waits of all rounds at once
        else:
            for action, seconds in waited.items():
                self.module.warn(wait_warning(action, seconds))
        for action, seconds, reason in (wait for client in clients for wait in client.other_waits):
            self.module.warn('waited %.1f s %s before %s' % (seconds, reason, action))
        result['api_calls'] = sum(client.calls for client in clients)
