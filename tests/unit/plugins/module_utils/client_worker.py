# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One client process, as Ansible runs one per task and fork: performs one operation, prints JSON.

Usage: python -m ansible_collections.logmein.central.tests.unit.plugins.module_utils.client_worker '<json>'
with keys api_url, company_id, psk, state_dir, operation, and optional settings.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys
import time

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError


def race_creates(api, args):
    """Plan and create the categories ``args['names']``, each at its moment ``args['starts']``, as custom_field does.

    The plan reads the categories first and creates a missing one a little later (at the real rate limit,
    a minute later): another run that planned at the same moment has the same idea meanwhile.
    """
    created = []
    for name, start in zip(args['names'], args['starts']):
        time.sleep(max(0.0, start - time.time()))
        if any(category.get('name') == name for category in api.categories()):
            continue
        time.sleep(args['think'])
        created.append(api.create_category(name)['id'])
    return created


OPERATIONS = {
    'hosts_with_groups': lambda api, args: len(api.hosts_with_groups()['hosts']),
    'hosts_with_groups_descriptions': lambda api, args: sorted(h['description'] for h in api.hosts_with_groups()['hosts']),
    'set_description': lambda api, args: api.set_description(args['host_id'], args['description']),
    'check_credentials': lambda api, args: api.check_credentials(),
    'race_creates': race_creates,
}


def main():
    args = json.loads(sys.argv[1])
    options = dict(args.get('settings') or {}, api_url=args['api_url'], company_id=args['company_id'], psk=args['psk'])
    try:
        settings = ConnectionSettings.from_options(options.get)
        client = CentralClient(settings, state_dir=args['state_dir'])
        result = OPERATIONS[args['operation']](CentralApi(client), args)
        print(json.dumps({'ok': True, 'result': result, 'calls': client.calls, 'waits': client.waits}))
    except CentralError as error:
        print(json.dumps({'ok': False, 'error': str(error), 'kind': error.kind}))
        sys.exit(1)


if __name__ == '__main__':
    main()
