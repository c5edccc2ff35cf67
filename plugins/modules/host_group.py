#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: host_group
short_description: Move LogMeIn Central hosts into computer groups
description:
  - Moves hosts into an existing computer group, or into several groups in one task.
  - Reads the hosts and their groups once and moves only the hosts that are not already in
    their target group, with one call per target group (the API moves many hosts at once).
  - The API cannot create or delete computer groups; create them in LogMeIn Central first.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  group:
    description:
      - The target computer group, by name (exact match) or by id. Requires O(hosts).
      - Mutually exclusive with O(groups).
    type: raw
  hosts:
    description:
      - Ids of the hosts to move into O(group). Integers or digit strings.
    type: list
    elements: raw
  groups:
    description:
      - Many target groups in one task, as a mapping of group (name or id) to a list of host ids.
      - A host may appear under one group only.
      - Mutually exclusive with O(group).
    type: dict
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
notes:
  - Every group and host is checked against the account before anything is moved; an unknown
    group fails naming the groups that exist, unknown hosts fail listing all of them.
  - A group is named by its name or its id. A name several groups share, or a reference that is the
    id of one group and the name of another, is ambiguous and fails naming the candidates; refer to
    the group by its id, or by a name no other group has.
seealso:
  - module: logmein.central.host_description
'''

EXAMPLES = r'''
- name: Move three hosts into one group
  logmein.central.host_group:
    group: Work Computers
    hosts: [1026433963, 1026776926, 1238899440]
  delegate_to: localhost
  run_once: true

- name: Sort hosts into several groups with one call per group
  logmein.central.host_group:
    groups:
      Work Computers: [1026433963, 1026776926]
      Home Computers: [1238899440]
      49934: [1022767460]
  delegate_to: localhost
  run_once: true

- name: Move every host of an inventory group (from the logmein.central.central inventory) into one Central group
  logmein.central.host_group:
    group: Kiosks
    hosts: "{{ groups['kiosk_candidates'] | map('extract', hostvars, 'central_id') | list }}"
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
moved:
  description: The hosts that were (or in check mode would be) moved.
  returned: always
  type: list
  elements: dict
  contains:
    host_id:
      description: The host's id.
      type: int
      sample: 1026433963
    from_group_id:
      description: The id of the group it was in; -1 for no group.
      type: int
      sample: -1
    from_group:
      description: The name of the group it was in; null for no group.
      type: str
      sample: null
    to_group_id:
      description: The id of its new group.
      type: int
      sample: 49932
    to_group:
      description: The name of its new group.
      type: str
      sample: Work Computers
failed_hosts:
  description: Hosts whose move failed, when a later group's move failed after earlier groups were moved.
  returned: on a failure after some moves
  type: list
  elements: int
  sample: [1238899440]
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 2
'''

from ansible_collections.logmein.central.plugins.module_utils.group_move_plan import plan_moves
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule


def run(central):
    return central.apply(plan_moves(central.params, central.api))


def main():
    central = CentralModule(
        argument_spec=dict(
            group=dict(type='raw'),
            hosts=dict(type='list', elements='raw'),
            groups=dict(type='dict'),
        ),
        mutually_exclusive=[('group', 'groups'), ('hosts', 'groups')],
        required_one_of=[('group', 'groups')],
        required_together=[('group', 'hosts')],
    )
    central.run(run)


if __name__ == '__main__':
    main()
