# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Moves of hosts between computer groups: host_group's input, checked, and its writes planned (see write_plan.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

from ansible_collections.logmein.central.plugins.module_utils.account import check_group_reference
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids
from ansible_collections.logmein.central.plugins.module_utils.write_plan import WritePlan, send_steps


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


def plan_moves(params, api):
    """The WritePlan of host_group's ``params`` (``group`` and ``hosts``, or ``groups``): one call per target group."""
    check_input(params)
    account = api.account()
    moves = requested_moves(params, account)
    account.require_hosts([i for dummy, ids in moves for i in ids], option='hosts' if params['groups'] is None else 'groups')

    batches = []
    for group, ids in moves:
        current = dict((i, account.hosts[i].group_id) for i in ids)
        pending = [{'host_id': i, 'from_group_id': current[i], 'from_group': account.group_name(current[i]),
                    'to_group_id': group.id, 'to_group': group.name}
                   for i in dict.fromkeys(ids) if current[i] != group.id]
        if pending:
            batches.append((group, pending))
    moved = [item for dummy, pending in batches for item in pending]
    result = {
        'changed': bool(moved),
        'moved': moved,
        'diff': {'before': {str(m['host_id']): m['from_group'] for m in moved},
                 'after': {str(m['host_id']): m['to_group'] for m in moved}},
    }

    def write(writer):
        steps = [([item['host_id'] for item in pending], functools.partial(writer.move_hosts, group.id, [item['host_id'] for item in pending]))
                 for group, pending in batches]
        return send_steps(steps, result, lambda written: {'moved': [m for m in moved if m['host_id'] in written]})
    return WritePlan(result, write, changes=[m['host_id'] for m in moved], calls=len(batches))
