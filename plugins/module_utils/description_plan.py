# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The descriptions of hosts: host_description's input, checked, and its writes planned (see write_plan.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError, naming_refused
from ansible_collections.logmein.central.plugins.module_utils.validation import desired_host_map, is_control_problem, quote, text_value
from ansible_collections.logmein.central.plugins.module_utils.write_plan import WritePlan, send_steps


def desired_descriptions(params):
    """``{host_id: description}`` from either form of input; ValidationError naming every bad value."""
    if params['descriptions'] is None:
        raw = {params['host_id']: params['description']}
    else:
        raw = params['descriptions']
    desired = desired_host_map(raw, 'descriptions')
    bad = []
    for host_id, value in desired.items():
        text, problem = text_value(value)
        if is_control_problem(problem):
            bad.append('host %s: the description %s %s' % (host_id, quote(value), problem))
        elif problem:
            bad.append('%s: %r (%s)' % (host_id, value, problem))
        else:
            desired[host_id] = text
    if bad:
        option = 'description' if params['descriptions'] is None else 'descriptions'
        raise ValidationError('invalid %s, nothing was written: %s' % (option, '; '.join(bad)))
    return desired


def plan_descriptions(params, api):
    """The WritePlan of host_description's ``params`` (``host_id`` and ``description``, or ``descriptions``)."""
    desired = desired_descriptions(params)
    account = api.account()
    account.require_hosts(desired, option='host_id' if params['descriptions'] is None else 'descriptions')
    current = dict((host_id, account.hosts[host_id].description) for host_id in desired)

    hosts = [{'host_id': host_id, 'before': current[host_id], 'after': value, 'changed': current[host_id] != value}
             for host_id, value in desired.items()]
    to_write = [h for h in hosts if h['changed']]
    result = {
        'changed': bool(to_write),
        'hosts': hosts,
        'diff': {'before': {str(h['host_id']): h['before'] for h in to_write},
                 'after': {str(h['host_id']): h['after'] for h in to_write}},
    }

    def write(writer):
        steps = [([host['host_id']], functools.partial(
            naming_refused, 'the description %s of host %s' % (quote(host['after']), host['host_id']),
            functools.partial(writer.set_description, host['host_id'], host['after']))) for host in to_write]
        return send_steps(steps, result, lambda written: {'hosts': hosts})
    return WritePlan(result, write, changes=[h['host_id'] for h in to_write], calls=len(to_write))
