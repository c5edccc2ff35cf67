# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The emulator's admin API for runme.sh, at $CENTRAL_ADMIN_URL:

    python admin.py reset PROFILE        the start-up data, that profile, no rate limit, empty log
    python admin.py clear_log
    python admin.py expect_reads N       the log holds N listings' reads (3 calls each), no write
    python admin.py expect_calls JSON    the log holds exactly these [action, status] pairs

A process of its own per call, between ansible-inventory runs: an ansible-playbook run per call
cost about a second and a half of a core each, a fifth of this target. Exits 1 naming what differs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

LISTING_READS = ['GET /v2/hostswithgroups', 'GET /v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields']


def call(method, path, body=None):
    url = os.environ['CENTRAL_ADMIN_URL'] + path
    data = None if body is None else json.dumps(body).encode('utf-8')
    request = Request(url, data=data, method=method, headers={'Content-Type': 'application/json'} if data else {})
    try:
        with urlopen(request, timeout=60) as answer:
            return json.loads(answer.read().decode('utf-8'))
    except (HTTPError, URLError, OSError, ValueError) as error:
        raise SystemExit('inventory_central admin: %s %s failed: %s' % (method, url, error))


def expect(what, seen, expected):
    if seen != expected:
        raise SystemExit('inventory_central admin: the request log holds %s %s, not %s' % (what, seen, expected))


def main(command, argument=None):
    if command == 'reset':
        call('POST', '/reset', {'rate_limit_window': 0, 'profile': argument})
        return
    if command == 'clear_log':
        call('DELETE', '/log')
        return
    entries = call('GET', '/log')['entries']
    expect('writes', [entry for entry in entries if entry['write']], [])
    if command == 'expect_reads':
        expect('the reads', [entry['action'] for entry in entries], LISTING_READS * int(argument))
    elif command == 'expect_calls':
        expect('the calls', [[entry['action'], entry['status']] for entry in entries], json.loads(argument))
    else:
        raise SystemExit('inventory_central admin: unknown command %s' % command)


if __name__ == '__main__':
    main(*sys.argv[1:])
