# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One request to the Central emulator's admin API, made in the controller process.

The targets call the admin API (reset, state, faults, config) dozens of times; as a module
(``ansible.builtin.uri``) each call costs a module run. This action asks from the controller:

    central_admin:
      url: "{{ central_admin_url }}/reset"    # required
      method: POST                             # default GET
      body: {profile: guide}                   # sent as JSON; none when left out

It returns ``status`` and ``json`` (the answer), ``changed`` for any method but GET, and fails
naming the URL on an HTTP error, an unreachable emulator or an answer that is not JSON.

``json`` holds the emulator's dataset, with strings such as ``{{ lookup('pipe', 'id') }}``: they
stay data. On ansible-core up to 2.18 they are marked unsafe here (make_unsafe); from 2.19 on,
strings from ``json.loads`` are untrusted as they are.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from urllib.error import HTTPError, URLError

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.urls import open_url
from ansible.plugins.action import ActionBase

from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe

_METHODS = ('GET', 'POST', 'PUT', 'DELETE')


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('url', 'method', 'body'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # not used: nothing runs on the target
        args = self._task.args
        url = args.get('url')
        method = str(args.get('method') or 'GET').upper()
        if not url or not isinstance(url, str):
            return dict(result, failed=True, msg='central_admin: url is required (the admin API URL to call)')
        if method not in _METHODS:
            return dict(result, failed=True, msg='central_admin: method must be one of %s, not %s' % (', '.join(_METHODS), method))
        data = None
        headers = {'Accept': 'application/json'}
        if args.get('body') is not None:
            data = json.dumps(args['body']).encode('utf-8')
            headers['Content-Type'] = 'application/json'
        where = '%s %s' % (method, url)
        try:
            answer = open_url(url, data=data, headers=headers, method=method, timeout=60, follow_redirects='none')
            status = answer.getcode()
            content = answer.read()
        except HTTPError as error:
            return dict(result, failed=True, status=error.code,
                        msg='central_admin: %s answered HTTP %s: %s' % (where, error.code, _excerpt(error.read())))
        except (URLError, OSError, ValueError) as error:
            return dict(result, failed=True, msg='central_admin: %s failed: %s' % (where, to_text(error)))
        try:
            payload = json.loads(to_text(content, errors='surrogate_or_strict'))
        except ValueError:
            return dict(result, failed=True, status=status,
                        msg='central_admin: %s answered HTTP %s with no JSON: %s' % (where, status, _excerpt(content)))
        result.update(changed=method != 'GET', status=status, json=make_unsafe(payload))
        return result


def _excerpt(content, limit=300):
    text = to_text(content or b'', errors='surrogate_then_replace').strip()
    return text if len(text) <= limit else text[:limit] + '...'
