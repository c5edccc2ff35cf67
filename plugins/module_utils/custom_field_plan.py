# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One custom field and its values: custom_field's input, checked, and its writes planned (see write_plan.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError, naming_refused
from ansible_collections.logmein.central.plugins.module_utils.validation import (
    control_character_problem, desired_host_map, is_control_problem, quote, text_value)
from ansible_collections.logmein.central.plugins.module_utils.write_plan import WritePlan, progress_of, send_steps


def validate(params):
    """Check the whole input before anything is read or written; returns ``{host_id: value or None}``."""
    problems = []
    for option in ('name', 'new_name'):
        value = params[option]
        if value is None:
            continue
        control = control_character_problem(value)
        if control and option in written_names(params):
            problems.append('%s %s %s' % (option, quote(value), control))
        elif not value.strip():
            problems.append('%s must not be empty' % option)
    if params['state'] == 'absent':
        given = [o for o in ('new_name', 'values') if params[o] is not None] + (['purge'] if params['purge'] else [])
        if given:
            problems.append('state=absent deletes the custom field; %s cannot be used with it' % ', '.join(given))
    desired = {}
    if params['values'] is not None:
        try:
            desired = desired_host_map(params['values'], 'values')
        except ValidationError as error:
            problems.append(error.message)
        for host_id, value in desired.items():
            if value is None:
                continue
            text, problem = text_value(value)
            if is_control_problem(problem):
                problems.append('values: the value %s of host %s %s' % (quote(value), host_id, problem))
            elif problem == 'empty':
                problems.append('value of host %s is empty; use null to remove a value' % host_id)
            elif problem:
                problems.append('value of host %s must be a string or null, got %r' % (host_id, value))
            else:
                desired[host_id] = text
    if problems:
        raise ValidationError('invalid input, nothing was written: %s' % '; '.join(problems))
    return desired


def written_names(params):
    """The options whose text may be written to Central as a custom field's name.

    ``name`` is only matched against the existing fields when the task deletes or renames
    (a field created with control characters can still be deleted or renamed); it is the
    name of the field the task creates otherwise.
    """
    if params['state'] == 'absent':
        return ()
    if params['new_name'] is not None and params['new_name'] != params['name']:
        return ('new_name',)
    return ('name',)


def find_one(categories, name):
    """The category called ``name``, None if there is none; ValidationError if several are."""
    found = [c for c in categories if c.get('name') == name]
    if len(found) > 1:
        raise ValidationError('%d custom fields are called %r (ids %s); rename or delete the extra ones in LogMeIn Central'
                              % (len(found), name, ', '.join(c['id'] for c in found)))
    return found[0] if found else None


def plan_category(params, categories):
    """``(category or None, actions)`` where actions are among create, rename, delete."""
    name, new_name = params['name'], params['new_name']
    category = find_one(categories, name)
    if params['state'] == 'absent':
        return category, (['delete'] if category else [])
    if new_name is None or new_name == name:
        return category, ([] if category else ['create'])
    renamed = find_one(categories, new_name)
    if category and renamed:
        raise ValidationError('cannot rename %r to %r: a custom field called %r exists already (id %s)'
                              % (name, new_name, new_name, renamed['id']))
    if category:
        return category, ['rename']
    return renamed, ([] if renamed else ['create'])


def current_values(api, category):
    """``{host_id: value name}`` of this category, from the hosts' value ids."""
    if category is None:
        return {}
    categories, host_values = api.custom_field_values()
    listed = next((c for c in categories if c.get('id') == category['id']), category)
    names = {v['id']: v['name'] for v in listed.get('values') or []}
    return dict((host_id, names.get(by_category[category['id']]))
                for host_id, by_category in host_values.items() if category['id'] in by_category)


def plan_custom_field(params, api):
    """The WritePlan of custom_field's ``params``: the category first, then the values in the order given."""
    desired = validate(params)
    category, actions = plan_category(params, api.categories())
    target_name = params['new_name'] or params['name']

    before = current_values(api, category)
    if desired:
        api.account().require_hosts(desired, option='values')
    if params['purge']:
        desired.update((host_id, None) for host_id in before if host_id not in desired)
    hosts = [{'host_id': host_id, 'before': before.get(host_id), 'after': value, 'changed': before.get(host_id) != value}
             for host_id, value in desired.items()]
    to_write = [h for h in hosts if h['changed']]

    result_category = {'id': category['id'] if category else None, 'name': category['name'] if category else target_name}
    if 'delete' in actions:
        result_category['id'] = None
    elif actions:
        result_category['name'] = target_name
    result = {
        'changed': bool(actions or to_write),
        'category': result_category,
        'hosts': hosts,
        'diff': {
            'before': {'name': category['name'] if category else None,
                       'values': dict((str(h['host_id']), h['before']) for h in to_write)},
            'after': {'name': None if 'delete' in actions else target_name,
                      'values': dict((str(h['host_id']), h['after']) for h in to_write)},
        },
    }

    def write(writer):
        return apply(writer, params, category, actions, to_write, hosts, result, result_category)
    return WritePlan(result, write, changes=[h['host_id'] for h in to_write], calls=len(actions) + len(to_write))


def apply(api, params, category, actions, to_write, hosts, result, result_category):
    """Carry out the plan: the category first, then the values in the order given."""
    if params['state'] == 'absent':
        if 'delete' in actions:
            api.delete_category(category['id'])
        return dict(result, complete=True, progress=progress_of())
    if 'create' in actions:
        category = naming_refused('the new custom field name %s' % quote(result_category['name']),
                                  functools.partial(api.create_category, result_category['name']))
    elif 'rename' in actions:
        naming_refused('the custom field name %s' % quote(params['new_name']),
                       functools.partial(api.rename_category, category['id'], params['new_name']))
    result_category = {'id': category['id'], 'name': result_category['name']}

    def write_value(host):
        if host['after'] is None:
            api.delete_host_value(host['host_id'], category['id'])
        else:
            naming_refused('the value %s of host %s' % (quote(host['after']), host['host_id']),
                           functools.partial(api.set_host_value, host['host_id'], category['id'], host['after']))
    steps = [([host['host_id']], functools.partial(write_value, host)) for host in to_write]
    return send_steps(steps, dict(result, category=result_category),
                      lambda written: {'category': result_category, 'hosts': hosts}, wrote_before=bool(actions))
