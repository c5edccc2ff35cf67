#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: desired_state_converge
short_description: Move hosts, set descriptions and custom fields of LogMeIn Central in one task, each kind side by side
description:
  - Applies what M(logmein.central.host_group), M(logmein.central.host_description) and
    M(logmein.central.custom_field) apply, in one task, as the P(logmein.central.desired_state#role) role does.
  - Checks all of its input and plans all of its writes before the first of them, from one read of
    the account; a bad value fails the task and nothing is written. Descriptions, custom-field values and
    the names of custom fields must not hold a control character other than tab (NUL, a line break, ESC,
    DEL and the like); the failure names the option, the host and the character.
  - The API limits each action (about one call a minute) and lets different actions proceed side by
    side, so the three kinds of writes (group moves, descriptions, custom-field values) are sent
    concurrently, each paced by the shared rate limiter. A converge then takes about as long as its
    longest kind of writes, not the sum of all three. Under a limit per account the calls take turns,
    as they would one task after the other.
  - Writes only what differs, so a second run writes nothing.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  groups:
    description:
      - Hosts to move, as a mapping of computer group (name or id) to a list of host ids, as the
        O(logmein.central.host_group#module:groups) option of M(logmein.central.host_group).
    type: dict
    default: {}
  descriptions:
    description:
      - Descriptions to set, as a mapping of host id to description, as the
        O(logmein.central.host_description#module:descriptions) option of M(logmein.central.host_description).
    type: dict
    default: {}
  custom_fields:
    description:
      - Custom fields to create if missing, and values to set on hosts.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The name of the custom field; created if there is none.
        type: str
        required: true
      values:
        description:
          - Values to set, as a mapping of host id to value; C(null) removes a host's value.
          - Hosts not named keep their values.
        type: dict
        default: {}
  review:
    description:
      - In check mode, return the plan for review as RV(reviewed_plan), that is the writes the task would make and
        the estate they were computed from, with its fingerprint. The P(logmein.central.desired_state#role) role and
        the C(logmein.central.drift_report) playbook write it as C(plan.json).
    type: bool
    default: false
  expected_estate:
    description:
      - The C(estate) of a reviewed plan (see RV(reviewed_plan)), given with the plan's C(changes) as
        O(groups), O(descriptions) and O(custom_fields). The task reads the account and, unless every
        attribute of that estate still has the value it had when the plan was made (or the value the plan
        writes), fails naming each one that changed, before anything is written.
    type: dict
  exclusive:
    description:
      - Hold the account's run lock for the whole task, so that two converges of one account (two pipelines, a
        schedule and a manual run, the slices of one job) never write at the same time.
      - The lock is shared by the processes of this controller through its state directory and, with
        O(state_url), by every controller given the same Redis server. A task that finds it held waits up to
        O(lock_wait) seconds, then fails naming the holder (its AWX job or process, host and start), before
        anything is read or written.
      - Check mode writes nothing and takes no lock.
    type: bool
    default: true
  lock_wait:
    description:
      - Seconds to wait for the run lock (see O(exclusive)) before failing.
    type: int
    default: 900
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.rounds
  - logmein.central.attributes
notes:
  - A write that fails stops the writes of its kind; the other kinds go on to the end. The failure
    names, for each kind, the hosts written and those not written.
seealso:
  - ref: ansible_collections.logmein.central.docsite.guide_desired_state
    description: The desired_state role and its playbooks, which run this module.
  - module: logmein.central.host_group
  - module: logmein.central.host_description
  - module: logmein.central.custom_field
'''

EXAMPLES = r'''
- name: Converge three kinds of settings at once (on the controller)
  logmein.central.desired_state_converge:
    groups:
      Reception: [1026433963]
    descriptions:
      1026433963: Reception PC
      1238899440: Warehouse Laptop
    custom_fields:
      - name: Asset tag
        values:
          1026433963: A-0042
          1238899440: null
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
groups:
  description: What M(logmein.central.host_group) returns for the moves (RV(logmein.central.host_group#module:moved)).
  returned: always
  type: dict
  sample: {"changed": true, "moved": [{"host_id": 1026433963, "from_group": "Sales", "from_group_id": 1,
           "to_group": "Reception", "to_group_id": 2}]}
descriptions:
  description: What M(logmein.central.host_description) returns for the descriptions (RV(logmein.central.host_description#module:hosts)).
  returned: always
  type: dict
  sample: {"changed": true, "hosts": [{"host_id": 1026433963, "before": "DESKTOP-7QK2J1X", "after": "Reception PC",
           "changed": true}]}
custom_fields:
  description: What M(logmein.central.custom_field) returns, for each custom field in the order given, with its O(custom_fields[].name).
  returned: always
  type: list
  elements: dict
  sample: [{"name": "Asset tag", "changed": true, "category": {"id": "7", "name": "Asset tag"},
            "hosts": [{"host_id": 1026433963, "before": null, "after": "A-0042", "changed": true}]}]
failed_kinds:
  description: The kinds of writes that failed (C(groups), C(descriptions), C(custom_fields)); each one's result names its hosts written and not written.
  returned: on a failure after the writes began
  type: list
  elements: str
  sample: [descriptions]
complete:
  description: Whether every change was written; false when the task stopped at O(max_duration) or a kind failed.
  returned: when the task wrote, not in check mode
  type: bool
  sample: true
progress:
  description:
    - What became of each change, per kind (C(groups), C(descriptions), and C(custom_fields) by name), as
      host ids under C(written), C(pending) (not written yet), C(failed) and C(outcome_unknown) (the write
      was sent and no answer came, so it may have been carried out), and C(calls_left), the API calls the
      pending changes take.
  returned: when the task wrote, not in check mode
  type: dict
  sample: {"groups": {"written": [1026433963], "pending": [], "failed": [], "outcome_unknown": [], "calls_left": 0},
           "descriptions": {"written": [1026433963], "pending": [1238899440], "failed": [], "outcome_unknown": [],
                            "calls_left": 1},
           "custom_fields": {"Asset tag": {"written": [], "pending": [], "failed": [], "outcome_unknown": [],
                                           "calls_left": 0}}}
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
reviewed_plan:
  description:
    - The plan of the writes, for review (with O(review) in check mode).
    - C(changes) is the input of this module that makes exactly those writes (groups keyed by group id);
      C(estate) holds, for every host the input names, the attributes it manages as they were (group id,
      description, custom-field values), and whether each custom field exists; C(fingerprint) is a digest
      of C(estate).
  returned: with O(review) in check mode
  type: dict
  sample: {"format": "logmein.central.reviewed_plan/1", "fingerprint": "sha256:6f1c...",
           "estate": {"hosts": {"1026433963": {"description": "DESKTOP-7QK2J1X"}}, "custom_fields": {}},
           "changes": {"groups": {}, "descriptions": {"1026433963": "Reception PC"}, "custom_fields": []}}
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 5
'''

from ansible_collections.logmein.central.plugins.module_utils.converge import converge
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.run_lock import LOCK_WAIT_DEFAULT


def main():
    central = CentralModule(
        rounds=True,
        argument_spec=dict(
            groups=dict(type='dict', default={}),
            descriptions=dict(type='dict', default={}),
            custom_fields=dict(type='list', elements='dict', default=[], options=dict(
                name=dict(type='str', required=True),
                values=dict(type='dict', default={}),
            )),
            review=dict(type='bool', default=False),
            expected_estate=dict(type='dict'),
            # Taken by the action plugin (plugins/action/desired_state_converge.py), which holds the lock.
            exclusive=dict(type='bool', default=True),
            lock_wait=dict(type='int', default=LOCK_WAIT_DEFAULT),
        ),
    )
    if central.params['lock_wait'] < 0:
        central.module.fail_json(msg='invalid input, nothing was read: lock_wait must be 0 or more seconds, got %s'
                                 % central.params['lock_wait'], error_kind='validation')
    central.run(converge)


if __name__ == '__main__':
    main()
