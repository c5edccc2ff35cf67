# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Group moves, descriptions and custom fields planned together and written side by side.

The API limits each action, and its actions proceed independently: a converge that writes
its kinds one after the other takes the sum of their times, one that writes them side by
side the longest of them. So every kind is planned first (all input checked, one read of
the account through the read cache), and then each kind that has writes gets a thread and
an API client of its own. The clients share the rate limiter and the read cache on disk,
as forks do. Where the limiter has learned that the limit applies per account, no two calls
may overlap anyway, and the kinds are written one after the other, as separate tasks would.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.logmein.central.plugins.module_utils.custom_field_plan import plan_custom_field
from ansible_collections.logmein.central.plugins.module_utils.custom_field_plan import validate as check_custom_field
from ansible_collections.logmein.central.plugins.module_utils.description_plan import desired_descriptions, plan_descriptions
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.group_move_plan import check_input as check_moves
from ansible_collections.logmein.central.plugins.module_utils.group_move_plan import plan_moves
from ansible_collections.logmein.central.plugins.module_utils.reviewed_plan import (
    changes_of, check_scope, refuse_if_changed, reviewed_plan, scope_of, snapshot)
from ansible_collections.logmein.central.plugins.module_utils.rounds import seconds_left
from ansible_collections.logmein.central.plugins.module_utils.write_plan import PartialFailure, progress_of

KINDS = ('groups', 'descriptions', 'custom_fields')
HEADERS = {'groups': 'computer groups', 'descriptions': 'descriptions'}


def check_input(params):
    """Every kind's input checked, before any read; ValidationError naming every problem."""
    plan_all(params, None, stages=('check',))


def plan_all(params, api, stages=('check', 'plan')):
    """``{kind: [(label, WritePlan)]}`` for desired_state_converge's ``params``; ValidationError naming every problem.

    Every kind's input is checked before the first call, then every kind is planned (the
    reads), before anything is written.
    """
    requests = []
    if params['groups']:
        requests.append(('groups', None, check_moves, plan_moves, {'group': None, 'hosts': None, 'groups': params['groups']}))
    if params['descriptions']:
        requests.append(('descriptions', None, desired_descriptions, plan_descriptions,
                         {'host_id': None, 'description': None, 'descriptions': params['descriptions']}))
    for field in params['custom_fields']:
        requests.append(('custom_fields', field['name'], check_custom_field, plan_custom_field,
                         {'name': field['name'], 'state': 'present', 'new_name': None, 'values': field['values'], 'purge': False}))
    plans = dict((kind, []) for kind in KINDS)
    for stage in stages:
        problems = []
        for kind, label, check, planner, kind_params in requests:
            try:
                if stage == 'check':
                    check(kind_params)
                else:
                    plans[kind].append((label, planner(kind_params, api)))
            except ValidationError as error:
                problems.append('%s: %s' % ('custom field %r' % label if label is not None else kind, error.message))
        if problems:
            raise ValidationError('invalid input, nothing was written: %s' % '; '.join(problems))
    return plans


def write_side_by_side(plans, new_api, concurrently=True, apis=None):
    """Apply each kind's plans in order, the kinds concurrently; ``{kind: [result or CentralError]}``.

    ``apis``, a dict, receives the API client each kind wrote with.

    With ``concurrently=False`` the kinds are written one after the other: under a limit per
    account no two calls may overlap, so threads would only take turns, and a caller that
    always has another queued ahead of it never probes below the interval it learned.
    """
    outcomes = dict((kind, []) for kind in KINDS)
    lanes = [kind for kind in KINDS if any(plan.changed for dummy, plan in plans[kind])]
    apis = {} if apis is None else apis

    def lane(kind, api):
        for dummy, plan in plans[kind]:
            try:
                outcomes[kind].append(plan.apply(api))
            except CentralError as error:
                outcomes[kind].append(error)
                return  # the later writes of this kind may depend on the failed one: not attempted

    if concurrently:
        apis.update((kind, new_api()) for kind in lanes)
        threads = [threading.Thread(target=lane, args=(kind, apis[kind]), name='central-%s' % kind) for kind in lanes]
        for thread in threads:
            thread.daemon = True
            thread.start()
        for thread in threads:
            thread.join()
    else:
        api = new_api()
        for kind in lanes:
            apis[kind] = api
            lane(kind, api)
    for kind in KINDS:
        if kind not in lanes:
            outcomes[kind] = [plan.result for dummy, plan in plans[kind]]
        else:
            # After a failure, the rest of the kind was not attempted.
            outcomes[kind].extend([None] * (len(plans[kind]) - len(outcomes[kind])))
    return outcomes


def converge(central):
    params = central.params
    expected = params['expected_estate']
    if expected is not None:
        # A reviewed plan: its estate against the account as it is now, before anything else.
        check_scope(expected)
        check_input(params)
        estate = snapshot(expected, central.api, fresh=True)
        changes = dict((key, params[key]) for key in KINDS)
        refuse_if_changed(expected, estate, changes, central.api.account())
    plans = plan_all(params, central.api)
    if params['review']:
        estate = snapshot(scope_of(params), central.api)
    if central.check_mode:
        outcomes = dict((kind, [plan.result for dummy, plan in plans[kind]]) for kind in KINDS)
        result = combine(plans, outcomes)
        if params['review']:
            result['reviewed_plan'] = reviewed_plan(estate, changes_of(result))
        return result
    per_account = central.api.client.limiter.scope() == 'account'
    apis = {}
    outcomes = write_side_by_side(plans, central.new_api, concurrently=not per_account, apis=apis)
    try:
        result = combine(plans, outcomes, written=True)
    except PartialFailure as failure:
        failure.result['eta_seconds'] = _seconds_left(failure.result['progress'], apis, per_account)
        raise
    result['eta_seconds'] = _seconds_left(result['progress'], apis, per_account)
    return result


def _seconds_left(progress, apis, per_account):
    """The time the calls left take: a kind's plans one after the other, the kinds side by side (unless per account)."""
    calls = {}
    for kind, lane in _lanes(progress):
        calls[kind] = calls.get(kind, 0) + lane['calls_left']
    return seconds_left([(calls[kind], apis[kind].client) for kind in calls if kind in apis], side_by_side=not per_account)


def _lanes(progress):
    """``(kind, progress of one plan)`` of a converge's ``progress``."""
    for kind in KINDS:
        if kind == 'custom_fields':
            for lane in progress[kind].values():
                yield kind, lane
        else:
            yield kind, progress[kind]


def combine(plans, outcomes, written=False):
    """The task's result from each kind's results; raises PartialFailure when a kind failed.

    ``written``: the outcomes are those of writes (not of check mode); the result then says
    whether everything was written (``complete``) and what became of each change (``progress``).
    """
    failures = []
    results = {}
    progress = {'groups': progress_of(), 'descriptions': progress_of(), 'custom_fields': {}}
    for kind in KINDS:
        items = []
        for (label, plan), outcome in zip(plans[kind], outcomes[kind]):
            if isinstance(outcome, CentralError):
                failures.append((kind, label, outcome))
                outcome = dict(getattr(outcome, 'result', None) or {}, failed=True, msg=outcome.message)
            elif outcome is None:
                outcome = dict(plan.result, changed=False, skipped=True, msg='not attempted: an earlier write of this kind failed',
                               progress=plan.untouched())
            if kind == 'custom_fields':
                progress[kind][label] = outcome.get('progress') or plan.untouched()
            else:
                progress[kind] = outcome.get('progress') or plan.untouched()
            items.append(dict(outcome, name=label) if kind == 'custom_fields' else outcome)
        results[kind] = items
    result = {
        'groups': results['groups'][0] if results['groups'] else {'changed': False, 'moved': []},
        'descriptions': results['descriptions'][0] if results['descriptions'] else {'changed': False, 'hosts': []},
        'custom_fields': results['custom_fields'],
    }
    result['changed'] = any(item.get('changed') for kind in KINDS for item in results[kind])
    if written:
        result['progress'] = progress
        result['complete'] = not failures and all(item.get('complete', True) for kind in KINDS for item in results[kind])
    result['diff'] = [dict(item['diff'], before_header=_header(kind, item), after_header=_header(kind, item))
                      for kind in KINDS for item in results[kind] if item.get('changed') and item.get('diff')]
    if failures:
        kinds = list(dict.fromkeys(kind for kind, dummy, dummy in failures))
        message = 'writes of %d kind(s) failed, the others went on to the end: %s' % (len(kinds), '; '.join(
            '%s: %s' % ('custom field %r' % label if label else kind, error.message) for kind, label, error in failures))
        raise PartialFailure.of(message, dict(result, failed_kinds=kinds), [error for dummy, dummy, error in failures])
    return result


def _header(kind, item):
    return HEADERS.get(kind) or 'custom field %s' % item.get('name')
