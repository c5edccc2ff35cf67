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
      - When the task may create the field under this name (O(state=present) without O(new_name)), the name must
        not hold a control character other than tab (NUL, a line break, ESC, DEL and the like). To delete or rename
        a field whose name holds one, give it here with O(state=absent) or O(new_name).
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
      - It must not hold a control character other than tab.
    type: str
  values:
    description:
      - The values hosts carry for this custom field, as a mapping of host id to value.
      - Keys may be integers or digit strings (YAML keys and extra vars arrive as strings).
      - A value of V(null) removes that host's value. Hosts not listed are left alone unless O(purge=true).
      - A value must not be empty, nor hold a control character other than tab (NUL, a line break, ESC, DEL and
        the like). Every value is checked before anything is written, so one bad value fails the task, naming the
        host and the character, and nothing is written.
    type: dict
  purge:
    description:
      - Also remove the value of this custom field from every host not listed in O(values).
    type: bool
    default: false
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.rounds
  - logmein.central.attributes
notes:
  - Values are strings; numbers are written as their text.
  - The collection sets no length limit. When LogMeIn Central refuses a value or a name (HTTP 400), the task fails
    naming it (and the host, for a value), and which hosts were written before.
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
complete:
  description: Whether every change was written; false when the task stopped at O(max_duration).
  returned: when the task wrote, not in check mode
  type: bool
  sample: true
progress:
  description:
    - What became of each change, as host ids under C(written), C(pending) (not written yet),
      C(failed) and C(outcome_unknown) (the write was sent and no answer came, so it may have been carried
      out), and C(calls_left), the API calls the pending changes take.
  returned: when the task wrote, not in check mode
  type: dict
  sample: {"written": [1026433963], "pending": [1238899440], "failed": [], "outcome_unknown": [], "calls_left": 1}
eta_seconds:
  description: The estimated seconds the pending changes take at the pacing learned for their API actions.
  returned: when the task wrote, not in check mode
  type: float
  sample: 60.0
rounds:
  description: The number of rounds the task ran (see O(round_seconds)).
  returned: always
  type: int
  sample: 3
elapsed_seconds:
  description: How long the task took, its rounds together.
  returned: always
  type: float
  sample: 845.2
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 4
'''

from ansible_collections.logmein.central.plugins.module_utils.custom_field_plan import plan_custom_field
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule


def run(central):
    return central.apply(plan_custom_field(central.params, central.api))


def main():
    central = CentralModule(
        rounds=True,
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
