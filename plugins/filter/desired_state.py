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

import re

from ansible.errors import AnsibleFilterError

DOCUMENT_KEYS = ('custom_fields', 'hosts')
HOST_KEYS = ('description', 'group', 'custom_fields')
# The message of logmein.central.host (state=present) for hosts that do not exist.
MISSING_HOSTS = re.compile(r'do not exist in LogMeIn Central: ([0-9, ]+)')


def _id(value):
    """An id from an int or a digit string; ValueError otherwise (bools are not ids)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str) and re.match(r'^\s*-?[0-9]+\s*$', value):
        return int(value)
    raise ValueError(value)


def _text(value):
    """``(text, None)`` for a non-empty string or number, else ``(None, problem)`` (as the modules accept)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, 'must be a string, got %r' % (value,)
    text = str(value)
    if not text.strip():
        return None, 'must not be empty'
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


def _short(name, limit=60):
    """``repr`` of a name, cut to ``limit`` characters."""
    text = repr(str(name))
    return text if len(text) <= limit else text[:limit - 4] + '...' + text[-1]


def _resolve_group(reference, groups):
    """``(group, problem)``: the group a name or id names, as logmein.central.host_group resolves it."""
    try:
        as_id = _id(reference)
    except ValueError:
        as_id = None
    candidates = [g for g in groups if as_id is not None and g['id'] == as_id]
    candidates.extend(g for g in groups if g['name'] == str(reference) and g not in candidates)
    if len(candidates) > 1:
        return None, 'group %s is ambiguous (id of %r, name of group %s); use the id' % (
            _plain(reference), candidates[0]['name'], ', '.join(str(g['id']) for g in candidates[1:]))
    if not candidates:
        return None, 'group %s does not exist (the API cannot create groups); existing groups: %s' % (
            _plain(reference), ', '.join('%s (%s)' % (_short(g['name']), g['id']) for g in groups) or 'none')
    return candidates[0], None


def _estate(central):
    """``(groups, categories)`` from report_facts' ``ansible_facts.central`` (gather groups and custom_fields)."""
    if not isinstance(central, dict) or 'groups' not in central or 'custom_fields' not in central:
        raise AnsibleFilterError('desired_state_plan needs the facts of logmein.central.report_facts '
                                 'gathered with gather=[groups, custom_fields]')
    groups = [{'id': _id(g['id']), 'name': str(g['name']) if g.get('name') is not None else None,
               'host_ids': [_id(h) for h in g.get('host_ids') or ()]}
              for g in central['groups'] or ()]
    categories = {}
    for category in central['custom_fields'] or ():
        categories.setdefault(str(category['name']), []).append(category)
    return groups, categories


def missing_hosts(host_check):
    """``(ids, problem)`` from the registered result of logmein.central.host with state=present.

    The role registers it with ``failed_when: false``: a success lists the hosts under ``present``;
    a failure names the unknown hosts in its message.
    """
    if not isinstance(host_check, dict) or host_check.get('skipped') or 'present' in host_check:
        return [], None
    match = MISSING_HOSTS.search(str(host_check.get('msg', '')))
    if not match:
        return [], 'could not check that the hosts exist: %s' % host_check.get('msg', 'unknown error')
    return sorted(int(i) for i in re.findall(r'[0-9]+', match.group(1))), None


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
    groups, categories = _estate(central)
    real_groups = [g for g in groups if g['id'] != -1 and g['name'] is not None]
    grouped = {}
    for group in real_groups:
        for host_id in group['host_ids']:
            grouped[host_id] = group['id']

    for name in listed:
        if len(categories.get(name, ())) > 1:
            problems.append('%d custom fields are called %r (ids %s)' % (
                len(categories[name]), name, ', '.join(str(c['id']) for c in categories[name])))
    known_fields = set(listed) | set(categories)

    host_ids, group_moves, descriptions, values = [], {}, {}, {}
    for key, entry in raw_hosts.items():
        try:
            host_id = _id(key)
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
                group, problem = _resolve_group(reference, real_groups)
                if problem:
                    problems.append('%s: %s' % (where, problem))
                else:
                    group_moves.setdefault(group['id'], []).append(host_id)
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
                    problems.append('%s: value of custom field %r %s (null removes a value)' % (where, name, problem))
                else:
                    values.setdefault(name, {})[host_id] = text

    unverified = [i for i in host_ids if i not in grouped]
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
    return {
        'valid': not problems,
        'problems': problems,
        'host_ids': host_ids,
        'unverified_hosts': unverified,
        'custom_fields': fields,
        'groups': moves,
        'descriptions': descriptions,
    }


def desired_state_drift(group_result, description_result, field_results):
    """The drift the modules found (check mode) or corrected; see desired_state_drift.yml."""
    def usable(result):
        return isinstance(result, dict) and not result.get('skipped')

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


class FilterModule:
    def filters(self):
        return {
            'desired_state_plan': desired_state_plan,
            'desired_state_drift': desired_state_drift,
        }
