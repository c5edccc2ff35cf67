# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every module of the collection shares: connection options, the API client, results and failures."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings, connection_argument_spec
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids


class CentralModule:
    """An AnsibleModule with the connection options, a lazily built API client and clean failures.

    ``run(handler)`` calls ``handler(self)``, which returns the result dict; any
    CentralError becomes a failure with its message, never a traceback, and the
    rate-limit waits of the run become warnings.
    """

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        kwargs.setdefault('supports_check_mode', True)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self._api = None

    @property
    def api(self):
        if self._api is None:
            settings = ConnectionSettings.from_options(self.params.get)
            self._api = CentralApi(CentralClient(settings))
        return self._api

    def run(self, handler):
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        try:
            result = handler(self)
        except CentralError as error:
            failure = error.to_fail_kwargs()
            failure.update(getattr(error, 'result', None) or {})
            self._add_warnings(failure)
            self.module.fail_json(**failure)
        self._add_warnings(result)
        self.module.exit_json(**result)

    def _add_warnings(self, result):
        if self._api is None:
            return
        client = self._api.client
        for warning in client.warnings:
            self.module.warn(warning)
        waited = collections.OrderedDict()
        for action, seconds in client.waits:
            waited[action] = waited.get(action, 0.0) + seconds
        for action, seconds in waited.items():
            self.module.warn('waited %.1f s for the LogMeIn Central rate limit before %s' % (seconds, action))
        for action, seconds, reason in client.other_waits:
            self.module.warn('waited %.1f s %s before %s' % (seconds, reason, action))
        result['api_calls'] = client.calls


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


def desired_host_map(raw, option):
    """A mapping keyed by host id (ints or digit strings) as ``{int: value}``, in the given order."""
    if not isinstance(raw, dict):
        raise ValidationError('%s must be a mapping of host id to value, got %r' % (option, raw))
    ids = host_ids(list(raw), option)
    desired = collections.OrderedDict()
    for host_id, value in zip(ids, raw.values()):
        if host_id in desired:
            raise ValidationError('%s names host %s twice' % (option, host_id))
        desired[host_id] = value
    return desired
