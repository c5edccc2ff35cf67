#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: desired_state_export
short_description: Export a LogMeIn Central account as a desired-state document
description:
  - Reads the hosts with their computer groups, the custom fields and the hosts' values (three API
    calls, whatever the number of hosts) and returns them as the text of a desired-state document
    that the C(logmein.central.converge) playbook and the C(logmein.central.desired_state)
    role accept unchanged.
  - The document is YAML for review in Git. Hosts are sorted by computer group, then description;
    each host's current description and group stand in a comment beside its id; the same account
    gives the same bytes, so a new export shows real drift as a diff. Every string from Central is a
    quoted, escaped scalar; loading the file gives back exactly the strings that were exported.
  - A host's group is written by name when no other group has that name, else by id. A description
    that is empty is left out, as is the group of a host in no group (the API cannot move a host
    out of its group). Custom fields that several categories share a name with are left out, with a
    warning, since a document cannot say which one it means.
  - A description, custom-field value or custom field name that holds a control character other than
    tab (a line break, NUL, ESC, DEL and the like) is left out too, with a warning naming it, since
    the converge refuses to write such text; converging the export still writes nothing.
  - Writes nothing, to Central or to files. The C(logmein.central.export) playbook writes the
    files.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  groups:
    description:
      - Only the hosts of these computer groups, by name or id; V(-1) stands for the hosts in no group.
      - Resolved as everywhere in the collection, an unknown or ambiguous group fails naming it.
    type: list
    elements: raw
  custom_fields:
    description:
      - Only these custom fields, by name. By default every custom field.
    type: list
    elements: str
  attributes:
    description:
      - What the host entries hold.
    type: list
    elements: str
    choices: [description, group, custom_fields]
    default: [description, group, custom_fields]
  split:
    description:
      - V(none) returns one document in RV(content).
      - V(group) returns one file of hosts per computer group in RV(files) and an index in RV(content)
        that names them under C(include); C(logmein.central.converge) playbook accepts the index.
    type: str
    choices: [none, group]
    default: none
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
attributes:
  check_mode:
    support: full
    details: The module never writes; it runs the same in check mode.
  diff_mode:
    support: none
seealso:
  - module: logmein.central.report_facts
  - ref: ansible_collections.logmein.central.docsite.guide_desired_state
    description: Desired state and drift reports, and GitOps from an export
'''

EXAMPLES = r'''
- name: Export the account as one document
  logmein.central.desired_state_export:
  register: central_export
  delegate_to: localhost
  run_once: true

- name: Write it for review
  ansible.builtin.copy:
    content: "{{ central_export.content }}"
    dest: central.yml
    mode: "0644"
  delegate_to: localhost
  run_once: true

- name: Export the descriptions of two groups only
  logmein.central.desired_state_export:
    groups: [Work Computers, 705185]
    attributes: [description]
  register: central_descriptions
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
content:
  description:
    - The document (O(split=none)) or the index of a split export (O(split=group)), as YAML text.
  returned: always
  type: str
  sample: "---\n# LogMeIn Central desired state, exported by logmein.central.export.\ncustom_fields:\n  - \"Location\"\nhosts: ..."
files:
  description:
    - With O(split=group), the files the index includes, one per computer group (and one for the hosts
      in no group), in the index's order. Empty with O(split=none).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The file name, relative to the index (the group's name in lower-case ASCII words, then its id).
      type: str
      sample: work-computers-705185.yml
    content:
      description: The file's YAML text.
      type: str
      sample: "---\n# LogMeIn Central desired state: hosts of computer group \"Work Computers\" (id 705185) ..."
hosts:
  description: The number of hosts the export holds.
  returned: always
  type: int
  sample: 250
custom_fields:
  description: The names of the custom fields the export lists.
  returned: always
  type: list
  elements: str
  sample: [Asset Tag, Location]
skipped_custom_fields:
  description:
    - Custom fields whose values are not exported - names that several custom fields share, and names that hold
      a control character other than tab (which a converge cannot write back).
  returned: always
  type: list
  elements: str
  sample: []
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 3
'''

from ansible_collections.logmein.central.plugins.module_utils.account import check_group_reference
from ansible_collections.logmein.central.plugins.module_utils.desired_state_export import (
    ATTRIBUTES,
    Export,
    quoted,
    render_document,
    render_split,
)
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.validation import quote


def validate(params):
    """Everything that can be checked before a read; ValidationError naming every problem."""
    problems = []
    for reference in params['groups'] or ():
        try:
            check_group_reference(reference, 'groups')
        except ValidationError as error:
            problems.append(error.message)
    blank = [name for name in params['custom_fields'] or () if not name.strip()]
    if blank:
        problems.append('custom_fields must name custom fields, got %s' % ', '.join(quoted(name) for name in blank))
    if not params['attributes']:
        problems.append('attributes must name at least one of %s' % ', '.join(ATTRIBUTES))
    if problems:
        raise ValidationError('invalid input, nothing was read: %s' % '; '.join(problems))


def narrowing(params):
    """Comment lines that say how the export was narrowed (stable: no date, no account data)."""
    lines = []
    if params['groups']:
        lines.append('Only the hosts of the groups %s.' % ', '.join(quoted(g) for g in params['groups']))
    if params['custom_fields']:
        lines.append('Only the custom fields %s.' % ', '.join(quoted(name) for name in params['custom_fields']))
    if list(params['attributes']) != list(ATTRIBUTES):
        lines.append('Only %s.' % ', '.join(a for a in ATTRIBUTES if a in params['attributes']))
    return lines


def run(central):
    params = central.params
    validate(params)
    account = central.api.account()
    categories, host_values = central.api.custom_field_values()
    export = Export(account, categories, host_values, groups=params['groups'], custom_fields=params['custom_fields'],
                    attributes=params['attributes'])
    refused_names = dict(export.refused_fields)
    for name in export.skipped_fields:
        if name in refused_names:
            central.module.warn('the custom field name %s %s: the field and its values are not exported, since a converge '
                                'cannot write it back; rename it in LogMeIn Central' % (quote(name), refused_names[name]))
        else:
            central.module.warn('%d custom fields are called %s: their values are not exported; rename one in LogMeIn Central'
                                % (len([c for c in categories if c.get('name') == name]), quoted(name)))
    for host_id, what in export.refused:
        central.module.warn('host %s: %s: left out of the export, since a converge cannot write it back; change it in '
                            'LogMeIn Central' % (host_id, what))
    for host_id, what in export.unwritable:
        central.module.warn('host %s: %s is not valid Unicode (a lone surrogate) and cannot be written to a YAML file: '
                            'left out of the export' % (host_id, what))
    if params['split'] == 'group':
        content, files = render_split(export, narrowing(params))
    else:
        content, files = render_document(export, narrowing(params)), []
    return {
        'changed': False,
        'content': content,
        'files': [{'name': name, 'content': text} for name, text in files],
        'hosts': len(export.hosts),
        'custom_fields': [name for dummy, name, dummy in export.fields],
        'skipped_custom_fields': export.skipped_fields,
    }


def main():
    central = CentralModule(
        argument_spec=dict(
            groups=dict(type='list', elements='raw'),
            custom_fields=dict(type='list', elements='str'),
            attributes=dict(type='list', elements='str', choices=list(ATTRIBUTES), default=list(ATTRIBUTES)),
            split=dict(type='str', choices=['none', 'group'], default='none'),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
