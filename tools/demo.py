# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make demo`: the shared client against a Central emulator, with the rate limit scaled down.

Starts the emulator with a 250-host company and a one-second rate-limit window (the real
service allows about one call a minute), checks the credentials, looks at the estate,
shows the read cache and the rate limiter at work, and sums up the API calls from the
emulator's request log.
"""

import collections
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))
sys.path.insert(0, os.path.join(ROOT, '.build'))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402

from ansible_collections.logmein.central.plugins.module_utils.central_api import AV_STATUS_NAMES, CentralApi  # noqa: E402
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient  # noqa: E402
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings  # noqa: E402

WINDOW = 1.0
HOSTS = 250


def heading(text):
    print('\n== %s' % text)


def connect(emulator, state_dir, **options):
    values = dict(api_url=emulator.api_url, company_id=emulator.company_id, psk=emulator.psk)
    values.update(options)
    return CentralApi(CentralClient(ConnectionSettings.from_options(values.get), state_dir=state_dir))


def show_estate(api, groups=True):
    estate = api.hosts_with_groups()
    names = {g['id']: g['name'] for g in estate['groups']}
    members = collections.Counter(h['groupid'] for h in estate['hosts'])
    online = sum(1 for h in estate['hosts'] if h['isHostOnline'])
    print('%d hosts (%d online) in %d computer groups' % (len(estate['hosts']), online, len(names) - 1))
    for group_id, count in members.most_common() if groups else ():
        name = names.get(group_id)
        print('  %-40s %4d hosts' % ('(no group)' if name is None else repr(name)[:40], count))
    descriptions = collections.Counter(h['description'] for h in estate['hosts'])
    shared = sum(1 for count in descriptions.values() if count > 1)
    hostile = [d for d in descriptions if '{{' in d or '{%' in d]
    print('%d descriptions are shared by several hosts; %d contain template markers (kept as plain data): %s'
          % (shared, len(hostile), ', '.join(repr(d) for d in hostile[:2])))
    categories = api.categories()
    values = api.host_values()
    print('custom fields: %s; %d hosts carry values' % (', '.join(repr(c['name']) for c in categories), len(values)))
    statuses = collections.Counter(AV_STATUS_NAMES.get(h.get('antiVirusStatus'), 'none') if h.get('antiVirusName') else 'no anti-virus'
                                   for h in api.antivirus_details()['hosts'])
    print('anti-virus: ' + ', '.join('%s %d' % item for item in sorted(statuses.items())))


def main():
    state_dir = tempfile.mkdtemp(prefix='central-demo-state-')
    print('Starting the Central emulator: %d hosts, rate limit one call per action every %.0f s '
          '(the real service: one a minute, so the demo runs %.0fx faster).' % (HOSTS, WINDOW, 60 / WINDOW))
    emulator = start_emulator_process(hosts=HOSTS, rate_limit_window=WINDOW)
    try:
        print('Emulator at %s (company id %s; the PSK is never printed).' % (emulator.api_url, emulator.company_id))

        heading('Credentials check through the shared client')
        api = connect(emulator, state_dir)
        api.check_credentials()
        print('company id and PSK accepted')
        wrong = connect(emulator, state_dir, psk='not-the-psk')
        try:
            wrong.check_credentials()
        except Exception as error:  # pylint: disable=broad-except
            print('a wrong PSK fails clearly: %s' % error)

        heading('The emulated estate (one read per kind of data)')
        show_estate(api)

        heading('The read cache: a second process reads the same data')
        second = connect(emulator, state_dir)
        started = len(emulator.log())
        show_estate(second, groups=False)
        print('-> %d API calls: every answer came from the shared read cache' % (len(emulator.log()) - started))

        heading('The rate limit: three writes of one action in a row')
        estate = api.hosts_with_groups()
        target = estate['hosts'][0]
        started = time.monotonic()
        for suffix in ('A', 'B', 'C'):
            api.set_description(target['id'], 'Demo workstation %s' % suffix)
        print('3 description writes took %.1f s; waits: %s' % (
            time.monotonic() - started, ', '.join('%.1f s' % w for dummy, w in api.client.waits) or 'none'))
        print('the write updated the cached host list in place: %r'
              % [h['description'] for h in api.hosts_with_groups()['hosts'] if h['id'] == target['id']][0])

        heading('Summary from the emulator\'s request log')
        entries = emulator.log()
        by_action = collections.Counter((e['action'], e['status']) for e in entries)
        for (action, status), count in sorted(by_action.items()):
            print('  %-45s HTTP %s x %d' % (action, status, count))
        refused = sum(1 for e in entries if e['status'] == 429)
        print('%d API calls in all, %d answered 429 Too Many Requests.' % (len(entries), refused))
    finally:
        emulator.stop()


if __name__ == '__main__':
    main()
