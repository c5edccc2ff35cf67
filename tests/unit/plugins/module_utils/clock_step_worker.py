# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One client process whose wall clock steps, as when NTP or an administrator sets the time.

Usage: python -m ansible_collections.logmein.central.tests.unit.plugins.module_utils.clock_step_worker '<json>'
with keys api_url, company_id, psk, state_dir, calls, offset (seconds the wall clock is off when the
process starts), step (seconds it steps by) and step_before (the call before which it steps; none:
it does not step). Prints JSON: ``ok``, the client's ``waits``, and ``error`` when it failed.

A step of the system clock moves the wall clock (``time.time``) and nothing else: the monotonic
and boot clocks go on. This process does the same to its own ``time.time``, before the collection
is imported, so that every part of the collection that reads the wall clock sees the step.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys
import time

_real_time = time.time
_offset = [0.0]


def _stepped_time():
    return _real_time() + _offset[0]


def main():
    args = json.loads(sys.argv[1])
    _offset[0] = float(args.get('offset', 0.0))
    time.time = _stepped_time
    # Imported only now: a default argument such as ``clock=time.time`` binds the stepped clock.
    from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
    from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
    from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
    from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError

    options = dict(api_url=args['api_url'], company_id=args['company_id'], psk=args['psk'], read_cache_ttl=0,
                   rate_limit_max_wait=args['max_wait'])
    client = CentralClient(ConnectionSettings.from_options(options.get), state_dir=args['state_dir'])
    api = CentralApi(client)
    try:
        for number in range(args['calls']):
            if number == args.get('step_before'):
                _offset[0] += args['step']
            api.users()
    except CentralError as error:
        print(json.dumps({'ok': False, 'error': str(error), 'waits': client.waits}))
        sys.exit(1)
    print(json.dumps({'ok': True, 'waits': client.waits}))


if __name__ == '__main__':
    main()
