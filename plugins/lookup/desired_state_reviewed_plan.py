# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: desired_state_reviewed_plan
short_description: Load a reviewed plan (plan.json) written by the drift report
description:
  - Reads the C(plan.json) that the C(logmein.central.drift_report) playbook writes and checks its
    shape, and that neither its estate nor its changes were edited after it was made (its
    fingerprint and checksum). Returns it as data whose strings are never templated.
  - The P(logmein.central.desired_state#role) role loads C(desired_state_plan_file) with it, then
    applies exactly the plan's changes, or refuses if the account no longer matches the plan's estate.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  _terms:
    description: Paths of plan files, absolute or relative to the current folder.
    type: list
    elements: path
    required: true
'''

EXAMPLES = r'''
- name: Apply a reviewed plan
  ansible.builtin.include_role:
    name: logmein.central.desired_state
  vars:
    desired_state_plan_file: reports/plan.json
'''

RETURN = r'''
_raw:
  description:
    - The plans, each with C(format), C(fingerprint), C(checksum), C(estate) and C(changes); see the
      RV(logmein.central.desired_state_converge#module:reviewed_plan) return value.
  type: list
  elements: dict
'''

import json

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.reviewed_plan import check_plan
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe


def load_plan(path):
    try:
        with open(path, 'r', encoding='utf-8') as handle:
            plan = json.load(handle)
    except (IOError, OSError) as error:
        raise AnsibleLookupError('cannot read the reviewed plan %s: %s' % (path, error.strerror or error)) from None
    except ValueError as error:
        raise AnsibleLookupError('the reviewed plan %s is not valid JSON: %s' % (path, error)) from None
    try:
        check_plan(plan, 'the reviewed plan %s' % path)
    except ValidationError as error:
        raise AnsibleLookupError(error.message) from None
    return plan


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        return [make_unsafe(load_plan(str(term))) for term in terms]
