#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: host
short_description: Delete LogMeIn Central hosts, or assert that they exist
description:
  - With O(state=absent), deletes the listed hosts that still exist, all in one call.
    Hosts already gone are no change.
  - With O(state=present), changes nothing and fails listing every listed host that does not
    exist, as an assertion for pipelines. The API cannot add hosts; a computer joins Central when
    the LogMeIn host software is installed on it.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  hosts:
    description:
      - Ids of the hosts. Integers or digit strings.
    type: list
    elements: raw
    required: true
  state:
    description:
      - V(absent) deletes the hosts; V(present) asserts that they exist.
      - Required, with no default, so that a deletion is never implied.
    type: str
    choices: [absent, present]
    required: true
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
notes:
  - Deleted hosts appear in the deleted-hosts report (M(logmein.central.report_facts)).
seealso:
  - module: logmein.central.host_group
'''

EXAMPLES = r'''
- name: Delete decommissioned computers
  logmein.central.host:
    hosts: [1026433963, 1026776926]
    state: absent
  delegate_to: localhost
  run_once: true

- name: Fail the pipeline when a computer the desired state names is gone
  logmein.central.host:
    hosts: "{{ desired.hosts.keys() | list }}"
    state: present
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
deleted:
  description: Hosts that were (or in check mode would be) deleted.
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [1026433963]
already_absent:
  description: Listed hosts that did not exist.
  returned: when O(state=absent)
  type: list
  elements: int
  sample: [1026776926]
present:
  description: Listed hosts that exist.
  returned: when O(state=present), also when the task fails
  type: list
  elements: int
  sample: [1026433963, 1026776926]
missing_hosts:
  description:
    - Listed hosts that do not exist, each once, sorted. With O(state=present) the task fails when
      this is not empty; a caller that registers the failure (C(failed_when) false) reads the
      missing hosts here rather than from the message.
  returned: when O(state=present), also when the task fails
  type: list
  elements: int
  sample: [1026776926]
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 2
'''

from ansible_collections.logmein.central.plugins.module_utils.account import MissingHosts
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids


def run(central):
    wanted = list(dict.fromkeys(host_ids(central.params['hosts'], 'hosts')))
    account = central.api.account()
    missing = account.missing(wanted)
    if central.params['state'] == 'present':
        try:
            account.require_hosts(wanted)
        except MissingHosts as error:
            error.result['present'] = [i for i in wanted if i not in missing]
            raise
        return {'changed': False, 'present': wanted, 'missing_hosts': []}

    deleted = [i for i in wanted if i not in missing]
    if deleted and not central.check_mode:
        central.api.delete_hosts(deleted)
    return {
        'changed': bool(deleted),
        'deleted': deleted,
        'already_absent': [i for i in wanted if i in missing],
        'diff': {'before': {'hosts': deleted}, 'after': {'hosts': []}},
    }


def main():
    central = CentralModule(
        argument_spec=dict(
            hosts=dict(type='list', elements='raw', required=True),
            state=dict(type='str', choices=['absent', 'present'], required=True),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
