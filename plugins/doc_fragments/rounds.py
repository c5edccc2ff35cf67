# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # Modules whose writes may take hours at the API's limit: rounds, progress, a time budget.
    DOCUMENTATION = r'''
options:
  round_seconds:
    description:
      - The task writes in rounds of at most this many seconds and prints a line of progress after
        each round (written so far, left, and the time left estimated from the learned pacing) in the
        output of C(ansible-playbook) and AWX. A task done in its first round prints nothing more.
      - Each round plans again from the account as it is (through the read cache), so a task
        interrupted at any point and run again writes only what is left.
      - Every round writes at least one change of each kind, so a round lasts longer than this when
        one call of an action must wait longer (up to about a minute at the API's limit).
      - C(0) writes everything in one round, without progress lines, as a task started with C(async) does.
    type: int
    default: 300
  max_duration:
    description:
      - Stop after the round that reaches this many seconds from the start of the task; the last round
        is shortened to end then. C(0) means no limit.
      - A task stopped this way succeeds with RV(complete=false) and says what is left in RV(progress),
        unless O(fail_when_incomplete=true). A later run writes what is left.
    type: int
    default: 0
  fail_when_incomplete:
    description:
      - Fail the task when it stops at O(max_duration) with changes left to write, for pipelines that
        must gate on a complete run.
    type: bool
    default: false
attributes:
  action:
    description: An action plugin of the same name runs the rounds on the controller and prints their progress.
    support: full
  async:
    description: With C(async), the task writes everything in one round (as O(round_seconds=0)), without progress lines.
    support: full
notes:
  - Long writes work in rounds (see O(round_seconds)); at the API's limit of about one call of an action
    a minute, 300 changes of one kind take about 5 hours. The P(logmein.central.desired_state#role) role
    exposes the same options as C(desired_state_round_seconds), C(desired_state_max_duration) and
    C(desired_state_fail_when_incomplete).
'''
