# -*- coding: utf-8 -*-
"""Run a module of the collection in-process, as Ansible would, and return its result.

``run_module('host_description', args)`` imports the module, hands it ``args`` the
way the controller does (``_ANSIBLE_ARGS``), runs ``main()`` and parses the JSON it
prints. Any exception other than the module's own exit escapes: that would be a
traceback reaching the user, and the calling test fails on it.
"""

import contextlib
import importlib
import io
import json
from unittest import mock

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings

try:
    from ansible.module_utils import _internal
except ImportError:  # ansible-core 2.16
    _internal = None

MODULES = ('host_description', 'host_group', 'host', 'host_connection', 'custom_field', 'av_action', 'report_facts',
           'desired_state_export', 'desired_state_converge')


class ModuleResult(dict):
    """The module's result dict, with ``.failed`` and ``.rc`` (the exit status)."""

    rc = 0

    @property
    def failed(self):
        return bool(self.get('failed'))


def connection_args(emulator, state_dir, **extra):
    """The connection options for ``emulator``, with a state directory of the test's own."""
    args = dict(api_url=emulator.api_url, company_id=str(emulator.company_id), psk=emulator.psk,
                rate_limit_max_wait=30)
    args.update(extra)
    return args, {'LOGMEIN_CENTRAL_STATE_DIR': str(state_dir)}


def _encoded(args, check_mode, diff):
    payload = dict(args)
    payload['_ansible_check_mode'] = check_mode
    payload['_ansible_diff'] = diff
    return json.dumps({'ANSIBLE_MODULE_ARGS': payload}).encode()


def run_module(name, args, check_mode=False, diff=True, env=None):
    """Run module ``name`` with ``args``; return a ModuleResult (stdout JSON of the module)."""
    module = importlib.import_module('ansible_collections.logmein.central.plugins.modules.' + name)
    stdout = io.StringIO()
    patches = [mock.patch.object(basic, '_ANSIBLE_ARGS', _encoded(args, check_mode, diff))]
    if hasattr(basic, '_ANSIBLE_PROFILE'):
        patches.append(mock.patch.object(basic, '_ANSIBLE_PROFILE', 'legacy'))
    if hasattr(_internal, 'is_controller'):
        # ansible-core 2.19+ sends module.warn() to the controller's display once controller code
        # is imported (other tests of the process do): warnings belong in the result, as in a module process.
        patches.append(mock.patch.object(_internal, 'is_controller', False))
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        stack.enter_context(mock.patch.dict('os.environ', env or {}))
        stack.enter_context(contextlib.redirect_stdout(stdout))
        _reset_module_warnings()
        try:
            module.main()
            rc = 0
        except SystemExit as exit_:
            rc = exit_.code or 0
    text = stdout.getvalue()
    try:
        result = ModuleResult(json.loads(text))
    except ValueError:
        raise AssertionError('module %s printed no JSON result:\n%s' % (name, text))
    result.rc = rc
    result['_stdout'] = text
    return result


def _reset_module_warnings():
    # ansible-core keeps module warnings in module-level lists; a previous run's must not leak in.
    for attribute in ('_global_warnings', '_global_deprecations'):
        value = getattr(module_warnings, attribute, None)
        if isinstance(value, list):
            del value[:]
        elif isinstance(value, dict):
            value.clear()
