#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: custom_field
short_description: Manage a LogMeIn Central custom field and the values hosts carry for it
description:
  - Creates, renames or deletes a custom field (a I(category) in the API), and sets or removes
    the values hosts carry for it, many hosts in one task.
  - Reads the categories, the hosts' values and the hosts once (through the shared read cache,
    so consecutive tasks share them) and writes only the differences, one call per host as the
    API requires. The API allows about one call of an action a minute.
  - A category create whose answer was lost (timeout, dropped connection) is checked by
    re-reading before anything is sent again, so a category is never created twice.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  name:
    description:
      - The name of the custom field, matched exactly.
      - If two custom fields have this name (possible after a lost create made elsewhere), the
        task fails naming both ids rather than guess.
    type: str
    required: true
  state:
    description:
      - V(present) creates the custom field if it is missing, then applies O(new_name) and O(values).
      - V(absent) deletes it, which removes it and its values from every host in one call.
    type: str
    choices: [present, absent]
    default: present
  new_name:
    description:
      - Rename the custom field found by O(name) to this name. When no field is called O(name)
        but one is called O(new_name), it was renamed already and nothing changes.
      - When neither exists, the field is created under O(new_name).
    type: str
  values:
    description:
      - The values hosts carry for this custom field, as a mapping of host id to value.
      - Keys may be integers or digit strings (YAML keys and extra vars arrive as strings).
      - A value of V(null) removes that host's value. Hosts not listed are left alone unless O(purge=true).
    type: dict
  purge:
    description:
      - Also remove the value of this custom field from every host not listed in O(values).
    type: bool
    default: false
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
notes:
  - Values are strings; numbers are written as their text.
  - Every host id is checked against the account before anything is written.
seealso:
  - module: logmein.central.host_description
'''

EXAMPLES = r'''
# These tasks run on the controller: in a play on localhost, or delegated there once.
- name: Make sure the Location field exists
  logmein.central.custom_field:
    name: Location
  delegate_to: localhost
  run_once: true

- name: Record where computers are
  logmein.central.custom_field:
    name: Location
    values:
      1026433963: Budapest
      1026776926: Budapest
      1238899440: Chicago
  delegate_to: localhost
  run_once: true

- name: Set asset tags from the inventory, and clear the tag of every host not listed
  logmein.central.custom_field:
    name: Asset Tag
    values: "{{ dict(groups['office'] | map('extract', hostvars, 'central_id') | zip(groups['office'] | map('extract', hostvars, 'asset_tag'))) }}"
    purge: true
  delegate_to: localhost
  run_once: true

- name: Remove one host's asset tag
  logmein.central.custom_field:
    name: Asset Tag
    values:
      1238899440: null
  delegate_to: localhost
  run_once: true

- name: Rename a field (idempotent once renamed)
  logmein.central.custom_field:
    name: Asset-Tag
    new_name: Asset Tag
  delegate_to: localhost
  run_once: true

- name: Delete a field from every host
  logmein.central.custom_field:
    name: Old Inventory Number
    state: absent
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
category:
  description: The custom field after the task; C(id) is null when it does not exist (deleted, or in check mode not yet created).
  returned: always
  type: dict
  contains:
    id:
      description: The category's id.
      type: str
      sample: 4a4e5dbd-7213-4f26-a43c-60848d9328fb
    name:
      description: The category's name.
      type: str
      sample: Location
hosts:
  description: Every host whose value the task considered (listed in O(values), or purged), with its value before and after.
  returned: always
  type: list
  elements: dict
  contains:
    host_id:
      description: The host's id.
      type: int
      sample: 1026433963
    before:
      description: The value before the task; null when the host had none.
      type: str
      sample: Chicago
    after:
      description: The value after the task (in check mode, what it would be); null when removed.
      type: str
      sample: Budapest
    changed:
      description: Whether the value was (or would be) written or removed.
      type: bool
      sample: true
failed_hosts:
  description: Hosts whose write failed, when a write failed part-way; the hosts before them were written.
  returned: on a failure after some writes
  type: list
  elements: int
  sample: [1238899440]
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 4
'''

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule, PartialFailure, desired_host_map
from ansible_collections.logmein.central.plugins.module_utils.validation import text_value


def validate(params):
    """Check the whole input before anything is read or written; returns ``{host_id: value or None}``."""
    problems = []
    for option in ('name', 'new_name'):
        value = params[option]
        if value is not None and not value.strip():
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
            if problem == 'empty':
                problems.append('value of host %s is empty; use null to remove a value' % host_id)
            elif problem:
                problems.append('value of host %s must be a string or null, got %r' % (host_id, value))
            else:
                desired[host_id] = text
    if problems:
        raise ValidationError('invalid input, nothing was written: %s' % '; '.join(problems))
    return desired


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


def run(central):
    params = central.params
    desired = validate(params)
    api = central.api
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
    if not central.check_mode:
        result_category = apply(api, params, category, actions, to_write, hosts, result_category)
    return {
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


def apply(api, params, category, actions, to_write, hosts, result_category):
    """Carry out the plan: the category first, then the values in the order given."""
    if params['state'] == 'absent':
        if 'delete' in actions:
            api.delete_category(category['id'])
        return result_category
    if 'create' in actions:
        category = api.create_category(result_category['name'])
    elif 'rename' in actions:
        api.rename_category(category['id'], params['new_name'])
    result_category = {'id': category['id'], 'name': result_category['name']}
    for position, host in enumerate(to_write):
        try:
            if host['after'] is None:
                api.delete_host_value(host['host_id'], category['id'])
            else:
                api.set_host_value(host['host_id'], category['id'], host['after'])
        except CentralError as error:
            raise PartialFailure.after(error, done=to_write[:position], pending=to_write[position:],
                                       result={'category': result_category, 'hosts': hosts}, wrote_before=bool(actions))
    return result_category


def main():
    central = CentralModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
            new_name=dict(type='str'),
            values=dict(type='dict'),
            purge=dict(type='bool', default=False),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
