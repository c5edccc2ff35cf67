# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every endpoint of the vendor guide is reached with a 2xx through the collection's public content."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from central_emulator.routes import REALTIME_ALTERNATIVE, ROUTES

# The 32 endpoints of the vendor guide (central-api-guide.txt: the authentication section and its table of
# contents), written out by hand, not taken from the emulator, in the emulator's "METHOD template" notation:
# the guide's {host-id} is {id}, the token of a generated inventory report is {token}, and the deleted-hosts
# report keeps the guide's trailing slash.
GUIDE_ENDPOINTS = (
    'GET /v1/authentication',
    # Hosts
    'GET /v2/hosts',
    'GET /v2/hostswithgroups',
    'PUT /v1/hosts/{id}/description',
    'PUT /v1/host-groups/{groupid}/hosts',
    'POST /v1/hosts/{id}/connection',
    'DELETE /v1/hosts',
    # System inventory
    'GET /v1/inventory/system/fields',
    'POST /v1/inventory/system/reports',
    'GET /v1/inventory/system/reports',
    'GET /v1/inventory/system/reports/{token}',
    # Hardware inventory
    'GET /v1/inventory/hardware/fields',
    'POST /v1/inventory/hardware/reports',
    'GET /v1/inventory/hardware/reports',
    'GET /v1/inventory/hardware/reports/{token}',
    # Anti-virus
    'GET /v1/hosts/anti-virus/details',
    'POST /v1/anti-virus/actions/enable-realtimetypeprotection',
    'POST /v1/anti-virus/actions/start-fullscan',
    'POST /v1/anti-virus/actions/refresh-status',
    'POST /v1/anti-virus/actions/update-definition',
    # Custom fields
    'GET /v1/hosts/custom-fields/categories',
    'GET /v1/hosts/custom-fields',
    'POST /v1/hosts/custom-fields/categories',
    'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}',
    'PUT /v1/hosts/custom-fields/categories/{category-id}',
    'DELETE /v1/hosts/custom-fields/categories/{category-id}',
    'DELETE /v1/hosts/{id}/custom-fields/value-by-category/{category-id}',
    # Users
    'GET /v2/users',
    # Reports
    'POST /v1/reports/remote-access',
    'POST /v1/reports/remote-access-with-groups',
    'POST /v1/reports/computer-status',
    'POST /v1/reports/deleted-hosts/',
)

# The emulator also answers the path other public clients use for real-time protection (api-notes.md); the
# guide does not document it, so it is not one of the 32.
EMULATOR_ONLY = {'POST %s' % REALTIME_ALTERNATIVE}

START, END, DELETED_SINCE = '2024-11-01', '2025-05-31', '2024-10-01'


def test_the_guide_lists_32_endpoints_and_the_emulator_implements_exactly_those():
    assert len(GUIDE_ENDPOINTS) == len(set(GUIDE_ENDPOINTS)) == 32
    implemented = {route.action for route in ROUTES} - EMULATOR_ONLY
    assert sorted(implemented - set(GUIDE_ENDPOINTS)) == [], 'the emulator implements endpoints the guide does not list'
    assert sorted(set(GUIDE_ENDPOINTS) - implemented) == [], 'the emulator lacks endpoints of the guide'


def test_every_guide_endpoint_is_reached_through_the_modules(ansible, central):
    hosts = central.state()['hosts']
    online = [h for h in hosts if h['isHostOnline'] and not h.get('raSessionInProgress')]
    with_av = [h for h in online if h['antiVirus']['antiVirusName'] and h['antiVirus']['antiVirusStatus'] != 2]
    host = online[0]
    group = [g for g in central.state()['groups'] if g['name'] and g['id'] not in (-1, host['groupId'])][0]
    run = ansible.playbook('endpoint_coverage.yml', extra_vars={
        'start_date': START, 'end_date': END, 'deleted_since': DELETED_SINCE,
        'host_id': host['id'], 'online_host_id': online[1]['id'], 'av_host_id': with_av[0]['id'],
        'target_group': group['name'], 'deleted_host_id': hosts[-1]['id']})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    log = central.log()
    assert log, 'the emulator logged no request'
    reached = {entry['action'] for entry in log if 200 <= entry['status'] < 300}
    missing = [endpoint for endpoint in GUIDE_ENDPOINTS if endpoint not in reached]
    assert missing == [], 'not reached with a 2xx through the modules: %s' % ', '.join(missing)
