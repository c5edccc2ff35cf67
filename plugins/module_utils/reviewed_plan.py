# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reviewed plans: what a converge will write, and the estate it was computed from, for plan/apply pipelines.

A drift report (check mode) returns its plan: the writes (``changes``, in the converge's own
input form) and the ``estate`` they were computed from (every managed attribute of every host
the document names, whether or not it differs, and whether each custom field exists), with a
``fingerprint`` of that estate. Someone reviews the plan (an AWX approval node, a merge
request); the converge given the plan reads the account, finds the same estate or refuses,
naming each attribute that changed since, and then writes exactly the reviewed changes.

An attribute that already has the value the plan writes matches too: a plan applied in
rounds, or interrupted and applied again, finds its own writes done, not a changed estate.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json

from ansible_collections.logmein.central.plugins.module_utils.custom_field_plan import current_values, find_one
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import to_id

PLAN_FORMAT = 'logmein.central.reviewed_plan/1'
# Differences named in a refusal; the rest are counted.
MAX_DIFFERENCES_LISTED = 20


def fingerprint(estate):
    """A digest of an estate: the same attributes with the same values give the same fingerprint."""
    canonical = json.dumps(estate, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
    return 'sha256:' + hashlib.sha256(canonical.encode('ascii')).hexdigest()


def scope_of(params):
    """The estate a converge's input manages: ``{"hosts": {id: {attribute: None}}, "custom_fields": {name: None}}``."""
    hosts = {}

    def attributes(host_id):
        return hosts.setdefault(str(to_id(host_id)), {})
    for dummy, ids in (params['groups'] or {}).items():
        for host_id in ids or ():
            attributes(host_id)['group_id'] = None
    for host_id in params['descriptions'] or {}:
        attributes(host_id)['description'] = None
    for field in params['custom_fields'] or ():
        for host_id in field['values'] or {}:
            attributes(host_id).setdefault('custom_fields', {})[field['name']] = None
    return {'hosts': hosts, 'custom_fields': dict((field['name'], None) for field in params['custom_fields'] or ())}


def check_scope(estate, option='expected_estate'):
    """ValidationError unless ``estate`` has the shape snapshot() returns; before any read."""
    problems = []
    if not isinstance(estate, dict) or not isinstance(estate.get('hosts'), dict) \
            or not isinstance(estate.get('custom_fields'), dict):
        raise ValidationError('%s must be a mapping with hosts and custom_fields (the estate of a reviewed plan)' % option)
    for key, attributes in estate['hosts'].items():
        try:
            to_id(key)
        except ValueError:
            problems.append('%s is not a host id' % (key,))
            continue
        if not isinstance(attributes, dict) or set(attributes) - {'group_id', 'description', 'custom_fields'} \
                or not isinstance(attributes.get('custom_fields', {}), dict):
            problems.append('host %s: the attributes must be group_id, description and/or custom_fields' % key)
    if problems:
        raise ValidationError('%s: %s' % (option, '; '.join(problems)))


def snapshot(scope, api, fresh=False):
    """The account's values of the attributes ``scope`` names (as scope_of() or a plan's estate names them).

    Reads through the read cache, unless ``fresh``: a reviewed plan is checked against the
    account as it is, and the fresh answers are cached for the converge's planning.
    """
    account = api.account(fresh=fresh)
    names = set(scope['custom_fields'])
    for attributes in scope['hosts'].values():
        names.update(attributes.get('custom_fields') or ())
    categories = api.categories(fresh=fresh) if names else []
    if names and fresh and api.client.cache.enabled:
        api.custom_field_values(fresh=True)  # cached for current_values() below and the planning
    values = {}
    exists = {}
    for name in sorted(names):
        try:
            category = find_one(categories, name)
        except ValidationError:
            category = None  # several fields of that name: the converge's own checks name them
        exists[name] = category is not None
        values[name] = current_values(api, category) if category else {}
    hosts = {}
    for key, attributes in scope['hosts'].items():
        host = account.hosts.get(to_id(key))
        if host is None:
            hosts[key] = None
            continue
        current = {}
        if 'group_id' in attributes:
            current['group_id'] = host.group_id
        if 'description' in attributes:
            current['description'] = host.description
        if 'custom_fields' in attributes:
            current['custom_fields'] = dict((name, values[name].get(host.id)) for name in attributes['custom_fields'])
        hosts[key] = current
    return {'hosts': hosts, 'custom_fields': dict((name, exists[name]) for name in scope['custom_fields'])}


def planned_values(changes, group_id_of=to_id):
    """``{(host key, attribute or custom field name): value written}`` and the custom fields created, of ``changes``.

    ``group_id_of`` turns the group references of ``changes`` into ids (a plan's are ids).
    """
    after = {}
    for reference, ids in (changes.get('groups') or {}).items():
        for host_id in ids or ():
            after[(str(to_id(host_id)), 'group_id')] = group_id_of(reference)
    for host_id, description in (changes.get('descriptions') or {}).items():
        after[(str(to_id(host_id)), 'description')] = description
    for field in changes.get('custom_fields') or ():
        for host_id, value in (field.get('values') or {}).items():
            after[(str(to_id(host_id)), ('custom_field', field['name']))] = value
    return after, set(field['name'] for field in changes.get('custom_fields') or ())


def differences(planned, current, changes=None, account=None):
    """What changed from the estate of a plan to the current one, as messages (empty when they match).

    With the plan's ``changes``, an attribute that has the value the plan writes matches too;
    ``account`` resolves their group references and names groups in the messages.
    """
    group_id_of = (lambda reference: account.resolve_group(reference, 'groups').id) if account else to_id
    after, created = planned_values(changes or {}, group_id_of)
    found = []
    name_of = (lambda group_id: account.group_name(group_id) or group_id) if account else str

    def differs(key, attribute, before, now):
        return now != before and ((key, attribute) not in after or now != after[(key, attribute)])
    for key in sorted(planned['hosts'], key=to_id):
        before, now = planned['hosts'][key], current['hosts'].get(key)
        if before is None or now is None:
            if before != now:
                found.append('host %s: %s' % (key, 'gone from the account' if now is None else 'now in the account'))
            continue
        for attribute in ('group_id', 'description'):
            if attribute in before and differs(key, attribute, before[attribute], now.get(attribute)):
                show = (lambda v: _quote(name_of(v))) if attribute == 'group_id' else _quote
                found.append('host %s %s: %s in the plan, now %s' % (
                    key, 'group' if attribute == 'group_id' else attribute, show(before[attribute]), show(now.get(attribute))))
        for name, value in sorted((before.get('custom_fields') or {}).items()):
            now_value = (now.get('custom_fields') or {}).get(name)
            if differs(key, ('custom_field', name), value, now_value):
                found.append('host %s custom field %s: %s in the plan, now %s' % (key, _quote(name), _quote(value), _quote(now_value)))
    for name, existed in sorted(planned['custom_fields'].items()):
        exists = current['custom_fields'].get(name)
        if existed != exists and not (exists and name in created):
            found.append('custom field %s: %s in the plan, now %s' % (
                _quote(name), 'existing' if existed else 'missing', 'existing' if exists else 'missing'))
    return found


def refuse_if_changed(planned, current, changes, account=None):
    """ValidationError naming what changed since the plan, when anything did."""
    found = differences(planned, current, changes, account)
    if not found:
        return
    listed = '; '.join(found[:MAX_DIFFERENCES_LISTED])
    if len(found) > MAX_DIFFERENCES_LISTED:
        listed += '; and %d more' % (len(found) - MAX_DIFFERENCES_LISTED)
    raise ValidationError('the account no longer matches the reviewed plan (fingerprint %s, now %s), nothing was written: %s. '
                          'Make and review a new plan (logmein.central.drift_report)'
                          % (fingerprint(planned), fingerprint(current), listed))


def changes_of(result):
    """A converge's result (check mode) as its input: exactly the writes it plans."""
    groups = {}
    for move in result['groups'].get('moved') or ():
        groups.setdefault(str(move['to_group_id']), []).append(move['host_id'])
    descriptions = dict((str(host['host_id']), host['after']) for host in result['descriptions'].get('hosts') or ()
                        if host.get('changed'))
    custom_fields = []
    for field in result['custom_fields']:
        values = dict((str(host['host_id']), host['after']) for host in field.get('hosts') or () if host.get('changed'))
        created = (field.get('category') or {}).get('id') is None
        if values or created:
            custom_fields.append({'name': field['name'], 'values': values})
    return {'groups': groups, 'descriptions': descriptions, 'custom_fields': custom_fields}


def reviewed_plan(estate, changes):
    plan = {'format': PLAN_FORMAT, 'fingerprint': fingerprint(estate), 'estate': estate, 'changes': changes}
    plan['checksum'] = checksum(plan)
    return plan


def checksum(plan):
    """A digest of a whole plan (its changes too), so a plan edited after its review is refused."""
    return fingerprint(dict((key, plan.get(key)) for key in ('format', 'fingerprint', 'estate', 'changes')))


def check_plan(plan, where='the plan'):
    """ValidationError unless ``plan`` is a reviewed plan as reviewed_plan() made it, unchanged since."""
    if not isinstance(plan, dict) or plan.get('format') != PLAN_FORMAT:
        raise ValidationError('%s is not a reviewed plan of logmein.central (its format must be %s)' % (where, PLAN_FORMAT))
    check_scope(plan.get('estate'), '%s: estate' % where)
    changes = plan.get('changes')
    if not isinstance(changes, dict) or not isinstance(changes.get('groups'), dict) \
            or not isinstance(changes.get('descriptions'), dict) or not isinstance(changes.get('custom_fields'), list):
        raise ValidationError('%s: changes must be a mapping with groups, descriptions and custom_fields' % where)
    if plan.get('fingerprint') != fingerprint(plan['estate']) or plan.get('checksum') != checksum(plan):
        raise ValidationError('%s was changed after it was made (its fingerprint or checksum does not match its content); '
                              'make and review a new plan' % where)


def _quote(value):
    return 'none' if value is None else json.dumps(value, ensure_ascii=False)
