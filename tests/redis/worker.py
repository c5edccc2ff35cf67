# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One process of the Redis tests, as one Ansible task or one AWX job would be: prints one JSON line per event.

Usage: python -m ansible_collections.logmein.central.tests.redis.worker '<json>'

Store operations (key ``store``: ``{backend, url, state_dir, key}``):
  ``increment``  ``count`` times, under the documents' lock: read the counter document ``name``, write it plus one.
  ``hold``       hold the long lock ``lock`` as ``holder``; say ``held``; sleep until killed. ``lease`` shortens
                 redis_state.LONG_LOCK_LEASE in this process (a holder that dies frees the lock within it).
Client operations (keys ``api_url``, ``company_id``, ``psk``, ``state_dir``, ``settings``):
  ``describe``   after waiting for ``start_at`` (wall clock) or for the file ``start_file``, set the description of
                 each of ``host_ids``; then create the file ``then_file``.
  ``read``       GET /v2/hostswithgroups (through the read cache).
  ``interval``   the interval learned for ``action``.
Each client operation ends with ``{"event": "done", "result", "calls", "refusals", "warnings", "backend"}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys
import time

from ansible_collections.logmein.central.plugins.module_utils import redis_state
from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore


def say(**event):
    print(json.dumps(event), flush=True)


def open_store(spec):
    if spec['backend'] == 'directory':
        return StateStore(spec['state_dir'], spec['key'])
    return redis_state.RedisStateStore(spec['url'], spec['key'], lambda: StateStore(spec['state_dir'], spec['key']))


def increment(args):
    store = open_store(args['store'])
    for dummy in range(args['count']):
        with store.locked():
            document = store.read(args['name'], {'count': 0})
            # A pause between read and write: without mutual exclusion, increments are lost.
            time.sleep(0.001)
            store.write(args['name'], {'count': document['count'] + 1})
    say(event='done', backend=type(store).__name__)


def hold(args):
    if args.get('lease'):
        redis_state.LONG_LOCK_LEASE = args['lease']
    store = open_store(args['store'])
    with store.hold(args['lock'], args['holder'], None):
        say(event='held')
        time.sleep(args.get('release_after', 3600))
    say(event='done')


def client_operation(args):
    options = dict(args.get('settings') or {}, api_url=args['api_url'], company_id=args['company_id'], psk=args['psk'])
    client = CentralClient(ConnectionSettings.from_options(options.get), state_dir=args['state_dir'])
    api = CentralApi(client)
    operation = args['operation']
    if operation == 'describe':
        time.sleep(max(0.0, args.get('start_at', 0) - time.time()))
        while args.get('start_file') and not os.path.exists(args['start_file']):
            time.sleep(0.005)
        for host_id in args['host_ids']:
            api.set_description(host_id, args['description'] % host_id)
        if args.get('then_file'):
            with open(args['then_file'], 'w'):
                pass  # the next process may start: this one has sent its last call
        result = None
    elif operation == 'read':
        result = len(api.hosts_with_groups()['hosts'])
    elif operation == 'interval':
        result = client.limiter.interval(args['action'])
    else:
        raise ValueError(operation)
    say(event='done', result=result, calls=client.calls, refusals=len(client.refusals), warnings=client.warnings,
        backend=client.state_backend)


def main():
    args = json.loads(sys.argv[1])
    operations = {'increment': increment, 'hold': hold}
    operations.get(args['operation'], client_operation)(args)


if __name__ == '__main__':
    main()
