#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: host_description
short_description: Set the descriptions of LogMeIn Central hosts
description:
  - Sets the computer description of one host, or of many hosts in one task.
  - Reads the current descriptions once and writes only those that differ, one call per host
    as the API requires. The API allows about one call of an action a minute, so a task that
    changes N descriptions takes about N-1 minutes; the client paces the calls within
    O(rate_limit_max_wait).
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  host_id:
    description:
      - The id of the host to describe. Requires O(description).
      - Mutually exclusive with O(descriptions).
    type: int
  description:
    description:
      - The new description of O(host_id). It must not be empty, nor hold a control character other than tab
        (NUL, a line break, ESC, DEL and the like); such a description fails the task, naming the host and the
        character, before anything is written.
    type: str
  descriptions:
    description:
      - Descriptions of many hosts, as a mapping of host id to description.
      - Keys may be integers or digit strings (YAML keys and extra vars arrive as strings).
      - Every description is checked as O(description) is before anything is written, so one bad description
        fails the task and none is written.
      - Mutually exclusive with O(host_id).
    type: dict
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.rounds
  - logmein.central.attributes
notes:
  - Descriptions need not be unique in LogMeIn Central.
  - The collection sets no length limit. When LogMeIn Central refuses a description (HTTP 400), the task fails
    naming the host and the description, and which hosts were written before.
  - Every host id is checked against the account before anything is written; unknown ids fail the task.
seealso:
  - module: logmein.central.host_group
  - module: logmein.central.host
'''

EXAMPLES = r'''
# These tasks run on the controller: in a play on localhost, or delegated there once.
- name: Describe one host
  logmein.central.host_description:
    host_id: 1026433963
    description: TV Workstation
  delegate_to: localhost
  run_once: true

- name: Describe many hosts in one task
  logmein.central.host_description:
    descriptions:
      1026433963: TV Workstation
      1026776926: Reception PC
      "1238899440": Warehouse Laptop
  delegate_to: localhost
  run_once: true

- name: Name every host of the play (from the logmein.central.central inventory) after its inventory name
  logmein.central.host_description:
    descriptions: "{{ dict(ansible_play_hosts | map('extract', hostvars, 'central_id') | zip(ansible_play_hosts)) }}"
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
hosts:
  description: Every host the task named, in the order given, with its description before and after.
  returned: always
  type: list
  elements: dict
  contains:
    host_id:
      description: The host's id.
      type: int
      sample: 1026433963
    before:
      description: The description before the task.
      type: str
      sample: DESKTOP-7QK2J1X
    after:
      description: The description after the task (in check mode, what it would be).
      type: str
      sample: TV Workstation
    changed:
      description: Whether the description was (or would be) written.
      type: bool
      sample: true
failed_hosts:
  description: Hosts whose write failed, when a write failed part-way; the hosts before them were written.
  returned: on a failure after some writes
  type: list
  elements: int
  sample: [1026776926]
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
  sample: 2
'''

from ansible_collections.logmein.central.plugins.module_utils.description_plan import plan_descriptions
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule


def run(central):
    return central.apply(plan_descriptions(central.params, central.api))


def main():
    central = CentralModule(
        rounds=True,
        argument_spec=dict(
            host_id=dict(type='int'),
            description=dict(type='str'),
            descriptions=dict(type='dict'),
        ),
        mutually_exclusive=[('host_id', 'descriptions'), ('description', 'descriptions')],
        required_one_of=[('host_id', 'descriptions')],
        required_together=[('host_id', 'description')],
    )
    central.run(run)


if __name__ == '__main__':
    main()
