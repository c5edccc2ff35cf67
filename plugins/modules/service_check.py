#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: service_check
short_description: Check LogMeIn Central credentials and the shapes of the account's answers
description:
  - Always checks the credentials with C(GET /v1/authentication). Refused credentials fail with one message
    naming the options, their environment variables and where LogMeIn Central shows the values; TLS and network
    errors fail the same way.
  - With O(probe), reads read-only endpoints once each, paced by the shared rate limiter and through the shared
    read cache, and compares each answer with what the collection handles. The shape of the vendor's guide is
    listed under RV(ok); a known variant the collection tolerates under RV(variants) (informational); a shape it
    does not handle under RV(deviations), which fails the task unless O(fail_on_deviation=false).
  - Returns RV(profile), the shapes of the account in the format of the Central emulator's profiles, redacted
    (key names, types, nesting, optional keys, list lengths rounded; never a value, an id, a name, a token, a
    URL, the company ID or the PSK), and what the rate limiter observed. The C(logmein.central.service_check)
    playbook writes the profile to a file to attach to a bug report; the emulator loads it with C(--profile).
  - Never writes, to Central or to files.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  probe:
    description:
      - The endpoints to read besides C(GET /v1/authentication), each once. V(all) reads every one.
      - V(hosts) reads C(GET /v2/hosts); V(groups) C(GET /v2/hostswithgroups); V(custom_fields) the categories
        and the hosts' values; V(antivirus) C(GET /v1/hosts/anti-virus/details); V(users) C(GET /v2/users);
        V(inventory_fields) the system and hardware inventory fields; V(active_reports) the active system and
        hardware inventory report tokens, and the first page of each active report (no report is created).
    type: list
    elements: str
    choices: [hosts, groups, custom_fields, antivirus, users, inventory_fields, active_reports, all]
    default: []
  fail_on_deviation:
    description:
      - Fail the task when an answer has a shape the collection does not handle (listed under RV(deviations)).
      - With V(false) the task succeeds and reports them; the credentials must still be accepted.
    type: bool
    default: true
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
attributes:
  check_mode:
    details: It only reads; check mode checks the same.
  diff_mode:
    support: N/A
    details: It changes nothing.
notes:
  - One API call for the credentials, plus one per endpoint probed (two for V(custom_fields),
    V(inventory_fields) and V(active_reports), one more for each active report). Reads answered by the read
    cache within O(read_cache_ttl) cost no call. At the real service's pace (one call per action a minute),
    O(probe=all) takes a few seconds unless another task has just called the same actions.
seealso:
  - ref: ansible_collections.logmein.central.docsite.guide_troubleshooting
    description: Troubleshooting, and what to attach to a bug report
'''

EXAMPLES = r'''
- name: Check the credentials (one API call)
  logmein.central.service_check:
  delegate_to: localhost
  run_once: true

- name: Check every shape the collection relies on, without failing on deviations
  logmein.central.service_check:
    probe: [all]
    fail_on_deviation: false
  register: central_check
  delegate_to: localhost
  run_once: true

- name: Write the redacted profile for a bug report
  ansible.builtin.copy:
    content: "{{ central_check.profile | ansible.builtin.to_nice_json }}"
    dest: central-profile.json
    mode: "0644"
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
authenticated:
  description: Whether the service accepted the credentials (always V(true) when the task succeeds).
  returned: always
  type: bool
  sample: true
probed:
  description: The probes run, in order.
  returned: always
  type: list
  elements: str
  sample: [hosts, groups]
ok:
  description: The endpoints read whose answers have the shape of the vendor's guide.
  returned: always
  type: list
  elements: str
  sample: ["GET /v1/authentication", "GET /v2/hosts"]
variants:
  description: Known variants of the guide's shapes that the collection tolerates, one per endpoint and path.
  returned: always
  type: list
  elements: dict
  sample: [{"endpoint": "GET /v2/hostswithgroups", "path": "hosts[].groupId", "variant": "key groupId for groupid"}]
  contains:
    endpoint:
      description: The API call.
      type: str
    path:
      description: Where in the answer, C([]) standing for any item of a list.
      type: str
    variant:
      description: What differs from the guide.
      type: str
deviations:
  description: Shapes the collection does not handle, one per endpoint, path, expectation and sighting.
  returned: always
  type: list
  elements: dict
  sample: [{"endpoint": "GET /v2/hosts", "path": "hosts[].id", "expected": "an integer id (or a string of digits)",
            "seen": "a string (text)"}]
  contains:
    endpoint:
      description: The API call.
      type: str
    path:
      description: Where in the answer.
      type: str
    expected:
      description: What the collection reads there.
      type: str
    seen:
      description: What the answer holds there, as a type (never a value).
      type: str
profile:
  description:
    - The account's shapes in the format of the Central emulator's profiles, redacted. C(quirks) holds the
      emulator quirks the probes could see (the others keep the guide's value when the emulator loads it);
      C(shapes) describes each answer by endpoint.
    - A shape has C(types) and, by type, C(formats) (strings, such as V(digits), V(uuid), V(text) or a date
      pattern with every digit written 9), C(keys) and C(optional) (objects), C(length) (rounded to one
      significant digit) and C(items) (lists). A key that is data, such as a host id keying an inventory
      report, is written V(<host id>).
  returned: always
  type: dict
  sample: {"name": "service-check", "description": "...", "quirks": {"ids_as_strings": false},
           "shapes": {"GET /v1/authentication": {"types": ["object"], "keys": {"success": {"types": ["bool"]}}, "optional": []}}}
limiter:
  description: What the rate limiter observed during the check.
  returned: always
  type: dict
  contains:
    refusals:
      description: The 429 answers by action, with how many carried a C(Retry-After) header or a wait in the body.
      type: list
      elements: dict
      sample: [{"action": "GET /v2/hosts", "refusals": 1, "retry_after_header": 0, "retry_hint_in_body": 1}]
    retry_after_header_seen:
      description: Whether any 429 answer carried a usable C(Retry-After) header.
      type: bool
    retry_hint_in_body_seen:
      description: Whether any 429 answer named its wait in its JSON body.
      type: bool
    learned_intervals:
      description: The interval between calls the limiter has learned, in seconds, by action (actions it knows none of are left out).
      type: dict
      sample: {"GET /v2/hosts": 60.0}
    waited_seconds:
      description: The seconds the check waited for the rate limit.
      type: float
      sample: 0.0
    shared_state:
      description:
        - Where pacing, the read cache and locks were shared during the check. V(redis) is the server of
          O(state_url); V(directory) is this controller's state directory, without O(state_url) or when its server
          could not be used (a warning then says why). Check it once after setting O(state_url), in AWX for example.
      type: str
      choices: [redis, directory]
      sample: redis
'''

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.service_check import AUTHENTICATION, PROBES, ServiceCheck, probes_of


def run(central):
    params = central.params
    try:
        probes = probes_of(params['probe'])
    except ValueError as error:
        raise ValidationError('invalid input, nothing was read: %s' % error) from None
    check = ServiceCheck(central.api).run(probes)
    limiter = check.limiter()
    result = {
        'changed': False,
        'authenticated': True,
        'probed': probes,
        'ok': [AUTHENTICATION] + check.ok,
        'variants': list(check.findings.variants.values()),
        'deviations': list(check.findings.deviations.values()),
        'profile': check.profile(limiter),
        'limiter': limiter,
    }
    if result['deviations'] and params['fail_on_deviation']:
        error = CentralError('LogMeIn Central answered %d shape(s) the collection does not handle: %s; see deviations, and '
                             'attach the profile to a bug report' % (len(result['deviations']), '; '.join(
                                 '%s at %s: expected %s, seen %s' % (d['endpoint'], d['path'], d['expected'], d['seen'])
                                 for d in result['deviations'])))
        error.result = result
        raise error
    return result


def main():
    central = CentralModule(
        argument_spec=dict(
            probe=dict(type='list', elements='str', choices=list(PROBES) + ['all'], default=[]),
            fail_on_deviation=dict(type='bool', default=True),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
