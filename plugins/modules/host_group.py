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

from ansible_collections.logmein.central.plugins.module_utils.account import check_group_reference
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule, PartialFailure
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids


def raw_moves(params):
    """``[(group reference, host ids)]`` as given, in either form."""
    if params['groups'] is None:
        return [(params['group'], params['hosts'])]
    return list(params['groups'].items())


def moved_ids(reference, hosts):
    if not isinstance(hosts, list):
        raise ValidationError('the hosts of group %r must be a list of host ids, got %r' % (reference, hosts))
    return host_ids(hosts, 'hosts of group %r' % (reference,))


def check_input(params):
    """Before any read: every group reference can name a group, every list of hosts is a list of host ids."""
    problems = []
    for reference, hosts in raw_moves(params):
        try:
            check_group_reference(reference, 'group' if params['groups'] is None else 'groups')
            moved_ids(reference, hosts)
        except ValidationError as error:
            problems.append(error.message)
    if problems:
        raise ValidationError('invalid input, nothing was read: %s' % '; '.join(problems))


def requested_moves(params, account):
    """``[(group, [host ids])]`` from either form of input, validated as a whole."""
    problems, moves, owner = [], [], {}
    option = 'group' if params['groups'] is None else 'groups'
    for reference, hosts in raw_moves(params):
        try:
            group = account.resolve_group(reference, option)
            ids = moved_ids(reference, hosts)
        except ValidationError as error:
            problems.append(error.message)
            continue
        for host_id in ids:
            if owner.get(host_id, group.id) != group.id:
                problems.append('host %s is listed under two groups (%s and %s)' % (host_id, owner[host_id], group.id))
            owner[host_id] = group.id
        moves.append((group, ids))
    if problems:
        raise ValidationError('invalid input, nothing was moved: %s' % '; '.join(problems))
    return moves


def run(central):
    check_input(central.params)
    account = central.api.account()
    moves = requested_moves(central.params, account)
    account.require_hosts([i for dummy, ids in moves for i in ids], option='hosts' if central.params['groups'] is None else 'groups')

    batches = []
    for group, ids in moves:
        current = dict((i, account.hosts[i].group_id) for i in ids)
        pending = [{'host_id': i, 'from_group_id': current[i], 'from_group': account.group_name(current[i]),
                    'to_group_id': group.id, 'to_group': group.name}
                   for i in dict.fromkeys(ids) if current[i] != group.id]
        if pending:
            batches.append((group, pending))
    moved = [item for dummy, pending in batches for item in pending]
    if not central.check_mode:
        for position, (group, pending) in enumerate(batches):
            try:
                central.api.move_hosts(group.id, [item['host_id'] for item in pending])
            except CentralError as error:
                done = [item for dummy, items in batches[:position] for item in items]
                not_done = [item for dummy, items in batches[position:] for item in items]
                raise PartialFailure.after(error, done, not_done, {'moved': done})
    return {
        'changed': bool(moved),
        'moved': moved,
        'diff': {'before': {str(m['host_id']): m['from_group'] for m in moved},
                 'after': {str(m['host_id']): m['to_group'] for m in moved}},
    }


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
