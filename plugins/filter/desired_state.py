# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Filters of the desired_state role: validate a desired-state document and plan its writes; summarise drift.

Pure Python, no API access: the role reads the estate with report_facts and the host module
(through the shared read cache) and hands the facts to these filters. Documentation of each
filter is in the ``<filter name>.yml`` file beside this one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.module_utils.account import NO_GROUP, Account, Group, Host
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import (
    control_character_problem, is_control_problem, quote, text_value, to_id)

DOCUMENT_KEYS = ('custom_fields', 'hosts')
RUN_STATUSES = ('written', 'pending', 'failed', 'outcome_unknown')
HOST_KEYS = ('description', 'group', 'custom_fields')
_TEXT_PROBLEMS = {'not a string': 'must be a string, got %s', 'empty': 'must not be empty'}


def _text(value):
    """``(text, None)`` for a non-empty string or number, else ``(None, problem)``, as the modules accept."""
    text, problem = text_value(value)
    if is_control_problem(problem):
        return None, '%s %s' % (quote(value), problem)
    if problem:
        return None, _TEXT_PROBLEMS[problem].replace('%s', _plain(value))
    return text, None


def _plain(value):
    """``repr`` without the noise of tagged or unsafe subclasses."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, str):
        return repr(str(value))
    return repr(value)


def _account(central):
    """``(account, categories)`` from report_facts' ``ansible_facts.central`` (gather groups and custom_fields).

    The groups facts list each group's hosts, so the account knows the hosts that are in a
    group; a host in no group is checked with logmein.central.host (``unverified_hosts``).
    """
    if not isinstance(central, dict) or 'groups' not in central or 'custom_fields' not in central:
        raise AnsibleFilterError('desired_state_plan needs the facts of logmein.central.report_facts '
                                 'gathered with gather=[groups, custom_fields]')
    try:
        groups, hosts = [], []
        for group in central['groups'] or ():
            group_id = to_id(group['id'])
            if group_id == NO_GROUP or group.get('name') is None:
                continue
            groups.append(Group(group_id, str(group['name'])))
            hosts.extend(Host(to_id(host_id), group_id=group_id) for host_id in group.get('host_ids') or ())
    except (KeyError, TypeError, ValueError) as error:
        raise AnsibleFilterError('desired_state_plan: the groups facts are not those of logmein.central.report_facts (%s)'
                                 % error) from None
    categories = {}
    for category in central['custom_fields'] or ():
        categories.setdefault(str(category['name']), []).append(category)
    return Account(groups, hosts), categories


def missing_hosts(host_check):
    """``(ids, problem)`` from the registered result of logmein.central.host with state=present.

    The role registers it with ``failed_when: false``; the result lists the hosts that do
    not exist under ``missing_hosts``, whether the task failed for them or not. A failure
    without that list (a refused credential, an unreachable service) is a problem.
    """
    if not isinstance(host_check, dict) or host_check.get('skipped'):
        return [], None
    missing = host_check.get('missing_hosts')
    if isinstance(missing, list):
        try:
            return sorted(to_id(i) for i in missing), None
        except ValueError:
            pass
    if not host_check.get('failed') and 'present' in host_check:
        return [], None
    return [], 'could not check that the hosts exist: %s' % host_check.get('msg', 'unknown error')


def _check_document_shape(document, problems):
    """The top level: ``(custom_fields list, hosts mapping)``, problems appended."""
    if not isinstance(document, dict):
        problems.append('the document must be a mapping with custom_fields and/or hosts, got %s' % _plain(document))
        return [], {}
    for key in document:
        if key not in DOCUMENT_KEYS:
            problems.append('unknown key %s at the top of the document (allowed: %s)' % (_plain(key), ', '.join(DOCUMENT_KEYS)))
    names = document.get('custom_fields')
    listed = []
    if names is None:
        names = []
    if not isinstance(names, list):
        problems.append('custom_fields must be a list of custom field names, got %s' % _plain(names))
        names = []
    for name in names:
        text, problem = _text(name) if isinstance(name, str) else (None, 'must be a string, got %s' % _plain(name))
        if problem:
            problems.append('custom_fields: a name %s' % problem)
        elif text in listed:
            problems.append('custom_fields names %r twice' % text)
        else:
            listed.append(text)
    hosts = document.get('hosts')
    if hosts is None:
        hosts = {}
    if not isinstance(hosts, dict):
        problems.append('hosts must be a mapping of host id to host entry, got %s' % _plain(hosts))
        hosts = {}
    return listed, hosts


def desired_state_plan(document, central, host_check=None):
    """Validate ``document`` against the estate and plan the writes; see desired_state_plan.yml."""
    problems = []
    listed, raw_hosts = _check_document_shape(document, problems)
    account, categories = _account(central)

    for name in listed:
        if len(categories.get(name, ())) > 1:
            problems.append('%d custom fields are called %r (ids %s)' % (
                len(categories[name]), name, ', '.join(str(c['id']) for c in categories[name])))
    known_fields = set(listed) | set(categories)

    host_ids, group_moves, descriptions, values = [], {}, {}, {}
    for key, entry in raw_hosts.items():
        try:
            host_id = to_id(key)
        except ValueError:
            problems.append('hosts: %s is not a host id (an integer)' % _plain(key))
            continue
        where = 'host %s' % host_id
        if host_id in host_ids:
            problems.append('hosts names host %s twice' % host_id)
            continue
        host_ids.append(host_id)
        if not isinstance(entry, dict):
            problems.append('%s: the entry must be a mapping with description, group and/or custom_fields, got %s' % (where, _plain(entry)))
            continue
        for item in entry:
            if item not in HOST_KEYS:
                problems.append('%s: unknown key %s (allowed: %s)' % (where, _plain(item), ', '.join(HOST_KEYS)))
        if 'description' in entry:
            text, problem = _text(entry['description'])
            if problem:
                problems.append('%s: description %s' % (where, problem))
            else:
                descriptions[host_id] = text
        if 'group' in entry:
            reference = entry['group']
            if isinstance(reference, bool) or not isinstance(reference, (str, int)):
                problems.append('%s: group must be a group name or id, got %s' % (where, _plain(reference)))
            else:
                try:
                    group = account.resolve_group(reference, 'group')
                except ValidationError as error:
                    problems.append('%s: %s' % (where, error.message))
                else:
                    group_moves.setdefault(group.id, []).append(host_id)
        if 'custom_fields' in entry:
            fields = entry['custom_fields']
            if not isinstance(fields, dict):
                problems.append('%s: custom_fields must be a mapping of custom field name to value, got %s' % (where, _plain(fields)))
                continue
            for name, value in fields.items():
                if not isinstance(name, str):
                    problems.append('%s: custom field name %s is not a string' % (where, _plain(name)))
                    continue
                name = str(name)
                control = control_character_problem(name)
                if control:
                    problems.append('%s: custom field name %s %s' % (where, quote(name), control))
                    continue
                if name not in known_fields:
                    problems.append('%s: custom field %r is neither listed under custom_fields nor existing' % (where, name))
                    continue
                if len(categories.get(name, ())) > 1 and name not in listed:
                    problems.append('%s: %d custom fields are called %r' % (where, len(categories[name]), name))
                    continue
                if value is None:
                    values.setdefault(name, {})[host_id] = None
                    continue
                text, problem = _text(value)
                if problem:
                    hint = '' if is_control_problem(text_value(value)[1]) else ' (null removes a value)'
                    problems.append('%s: value of custom field %r %s%s' % (where, name, problem, hint))
                else:
                    values.setdefault(name, {})[host_id] = text

    unverified = [i for i in host_ids if i not in account.hosts]
    missing, problem = missing_hosts(host_check)
    if problem:
        problems.append(problem)
    for host_id in missing:
        problems.append('host %s does not exist in LogMeIn Central' % host_id)

    fields = []
    for name in listed + sorted(n for n in values if n not in listed):
        existing = categories.get(name) or []
        in_use = set(str(v.get('name')) for c in existing for v in c.get('values_in_use') or ())
        wanted = values.get(name, {})
        fields.append({'name': name, 'exists': bool(existing), 'values': wanted,
                       'new_values': not existing or any(v is not None and v not in in_use for v in wanted.values())})
    # A stable task order: fields whose values Central already knows first, then those with new values.
    fields.sort(key=lambda field: field['new_values'])
    moves = dict((group_id, ids) for group_id, ids in group_moves.items())
    named = set(host_ids)
    unmanaged = []
    for group_id in moves:
        others = sorted(i for i in account.members(group_id) if i not in named)
        if others:
            unmanaged.append({'group': account.group_name(group_id), 'group_id': group_id, 'host_ids': others})
    return {
        'unmanaged': unmanaged,
        'valid': not problems,
        'problems': problems,
        'host_ids': host_ids,
        'unverified_hosts': unverified,
        'custom_fields': fields,
        'groups': moves,
        'descriptions': descriptions,
    }


def desired_state_drift(group_result, description_result=None, field_results=None):
    """The drift the modules found (check mode) or corrected; see desired_state_drift.yml."""
    def usable(result):
        return isinstance(result, dict) and not result.get('skipped')

    if description_result is None and field_results is None and isinstance(group_result, dict) \
            and 'custom_fields' in group_result:
        # One result of desired_state_converge, which holds the three.
        group_result, description_result, field_results = (
            group_result.get('groups'), group_result.get('descriptions'), group_result.get('custom_fields'))

    categories, moves, descriptions, values = [], [], [], []
    if usable(group_result):
        for move in group_result.get('moved') or ():
            moves.append({'host_id': move['host_id'], 'before': move.get('from_group'), 'after': move.get('to_group'),
                          'before_id': move.get('from_group_id'), 'after_id': move.get('to_group_id')})
    if usable(description_result):
        for host in description_result.get('hosts') or ():
            if host.get('changed'):
                descriptions.append({'host_id': host['host_id'], 'before': host.get('before'), 'after': host.get('after')})
    results = field_results.get('results') if isinstance(field_results, dict) else field_results
    for result in results or ():
        if not usable(result):
            continue
        name = (result.get('category') or {}).get('name') or (result.get('item') or {}).get('name')
        diff_before = (result.get('diff') or {}).get('before') or {}
        if result.get('changed') and diff_before.get('name') is None:
            categories.append(name)
        for host in result.get('hosts') or ():
            if host.get('changed'):
                values.append({'host_id': host['host_id'], 'custom_field': name,
                               'before': host.get('before'), 'after': host.get('after')})
    count = len(categories) + len(moves) + len(descriptions) + len(values)
    return {
        'changed': bool(count),
        'count': count,
        'categories': categories,
        'moves': moves,
        'descriptions': descriptions,
        'values': values,
    }


def desired_state_result(converge_result):
    """What a converge wrote, for machines: see desired_state_result.yml."""
    if not isinstance(converge_result, dict):
        raise AnsibleFilterError('desired_state_result needs the registered result of logmein.central.desired_state_converge')
    progress = converge_result.get('progress')
    kinds = {'groups': _statuses(None), 'descriptions': _statuses(None), 'custom_fields': {}}
    if isinstance(progress, dict):
        kinds['groups'] = _statuses(progress.get('groups'))
        kinds['descriptions'] = _statuses(progress.get('descriptions'))
        kinds['custom_fields'] = dict((str(name), _statuses(lane)) for name, lane in (progress.get('custom_fields') or {}).items())
    lanes = [kinds['groups'], kinds['descriptions']] + list(kinds['custom_fields'].values())
    totals = dict((status, sum(len(lane[status]) for lane in lanes)) for status in RUN_STATUSES)
    failed = bool(converge_result.get('failed'))
    complete = not failed and converge_result.get('complete', True) is not False
    return {
        'outcome': 'failed' if failed else 'converged' if complete else 'incomplete',
        'complete': complete,
        'message': str(converge_result.get('msg') or '') if failed else '',
        'counts': totals,
        'kinds': kinds,
        'rounds': converge_result.get('rounds', 0),
        'elapsed_seconds': converge_result.get('elapsed_seconds', 0.0),
        'eta_seconds': converge_result.get('eta_seconds', 0.0),
        'api_calls': converge_result.get('api_calls', 0),
    }


def _statuses(lane):
    lane = lane if isinstance(lane, dict) else {}
    return dict((status, [to_id(i) for i in lane.get(status) or ()]) for status in RUN_STATUSES)


class FilterModule:
    def filters(self):
        return {
            'desired_state_plan': desired_state_plan,
            'desired_state_drift': desired_state_drift,
            'desired_state_result': desired_state_result,
        }
