# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What report_facts gathers, shaped for playbooks.

Every record is a dict with snake_case keys (``facts.snake_case_keys``) holding the
API's values, except dates, which are rewritten in ISO 8601 (``2019-02-25T11:33:40Z``)
whatever format the API used; a date in a format nobody foresaw is kept as written.
Lists stay lists; inventory reports are dicts keyed by host id (as text, since JSON
object keys are text). The selection helpers validate ``hosts`` / ``groups`` and the
inventory field names, naming every bad value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.logmein.central.plugins.module_utils.central_api import is_provisional_value_id, to_id
from ansible_collections.logmein.central.plugins.module_utils.dates import to_iso8601
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.facts import (
    antivirus_facts,
    code_name,
    computer_status_facts,
    inventory_facts,
    snake_case_keys,
)

NO_GROUP = -1

# What report_facts can gather, in the order it gathers them.
GATHER_KEYS = ('hosts', 'groups', 'custom_fields', 'antivirus', 'users', 'system_inventory', 'hardware_inventory',
               'remote_access', 'computer_status', 'deleted_hosts')

# The (snake_case) keys whose values are dates, at any depth of any record:
# hosts, anti-virus, users, sessions, computer status, deleted hosts, then the
# inventory's (boot and install dates, local users, profiles, journal, displays).
DATE_KEYS = frozenset((
    'host_state_change_date', 'last_full_scan_time', 'last_login_date', 'session_start', 'session_end',
    'start_date', 'renewal_date', 'last_online', 'last_remote_session', 'install_date', 'deleted_at', 'installed_at',
    'last_boot_date', 'os_install_date', 'created', 'last_login', 'modified', 'date',
))

# Computer-status codes, as the guide lists them.
SUBSCRIPTION_STATUS_NAMES = {0: 'marked_for_cancel', 1: 'active', 2: 'expired', 3: 'banned', 99: 'cancelled'}
SUBSCRIPTION_TYPE_NAMES = {0: 'basic', 2: 'monthly', 4: 'yearly', 6: 'yearly_direct'}


def iso_date(value):
    """ISO 8601 text for an API date; None stays None; text in no known format is kept as it is."""
    if not isinstance(value, str):
        return value
    try:
        return to_iso8601(value)
    except ValueError:
        return value


def iso_dates(value):
    """A copy of a snake_case record in which the values of DATE_KEYS (at any depth) are ISO 8601."""
    if isinstance(value, dict):
        return dict((key, iso_date(item) if key in DATE_KEYS else iso_dates(item)) for key, item in value.items())
    if isinstance(value, list):
        return [iso_dates(item) for item in value]
    return value


def record(raw):
    """One API record as facts: snake_case keys, ISO 8601 dates."""
    return iso_dates(snake_case_keys(raw))


def _id_or_none(value):
    try:
        return to_id(value)
    except (TypeError, ValueError):
        return None


# Gathered facts ------------------------------------------------------------------------

def group_names(estate):
    """``{group id: name}`` of the real computer groups of a hosts_with_groups() answer (no -1)."""
    names = {}
    for group in estate.get('groups') or ():
        group_id = _id_or_none(group.get('id'))
        if group_id is not None and group_id != NO_GROUP:
            names[group_id] = group.get('name')
    return names


def host_group_id(host):
    """A host's group id, -1 when it is in no group (``groupid`` in hostswithgroups, ``groupId`` elsewhere)."""
    value = host.get('groupid', host.get('groupId'))
    group_id = None if value is None else _id_or_none(value)
    return NO_GROUP if group_id is None else group_id


def shape_hosts(estate, hosts_answer=None):
    """Hosts of hosts_with_groups(), with ``group_id`` (-1: no group), ``group_name`` and ``host_name``.

    ``hosts_answer`` is the GET /v2/hosts answer, the only one with the machine's own
    name (``hostName``, optional in the API): ``host_name`` is null when it is absent.
    """
    names = group_names(estate)
    machine_names = {}
    for host in (hosts_answer or {}).get('hosts') or ():
        machine_names[_id_or_none(host.get('id'))] = host.get('hostName')
    shaped = []
    for host in estate.get('hosts') or ():
        raw = dict(host)
        raw.pop('groupid', None)
        raw.pop('groupId', None)
        facts = record(raw)
        facts['id'] = _id_or_none(host.get('id'))
        facts['group_id'] = host_group_id(host)
        facts['group_name'] = names.get(facts['group_id'])
        facts['host_name'] = machine_names.get(facts['id'], host.get('hostName'))
        shaped.append(facts)
    return shaped


def shape_groups(estate):
    """The computer groups (not the -1 pseudo-group of hosts in no group), each with the ids of its hosts."""
    members = {}
    for host in estate.get('hosts') or ():
        members.setdefault(host_group_id(host), []).append(_id_or_none(host.get('id')))
    shaped = []
    for group_id, name in group_names(estate).items():
        shaped.append({'id': group_id, 'name': name, 'host_ids': members.get(group_id, [])})
    return shaped


def shape_custom_fields(categories, host_values):
    """Custom fields with their values and, per host id, the value the host carries, by name.

    The values are under ``values_in_use``: a key named ``values`` would be read by Jinja
    as the method of dicts (``field.values``).

    ``categories`` and ``host_values`` are CentralApi.custom_field_values()
    (``{host_id: {category_id: value_id}}``). A value id the category does not list is
    left out, as the inventory plugin does.
    """
    shaped = []
    for category in categories or ():
        names = dict((value.get('id'), value.get('name')) for value in category.get('values') or ())
        # A value written within the read cache's lifetime has no known id yet: null until Central is read again.
        values = [{'id': None if is_provisional_value_id(value_id) else value_id, 'name': name} for value_id, name in names.items()]
        hosts = {}
        for host_id in sorted(host_values or {}):
            value_id = host_values[host_id].get(category.get('id'))
            if value_id in names:
                hosts[str(host_id)] = names[value_id]
        shaped.append({'id': category.get('id'), 'name': category.get('name'), 'values_in_use': values, 'hosts': hosts})
    return shaped


def shape_antivirus(details):
    """Hosts of CentralApi.antivirus_details() with the status by code and by name, and the group's name."""
    names = {}
    for group in details.get('groups') or ():
        group_id = _id_or_none(group.get('groupId', group.get('id')))
        if group_id is not None:
            names[group_id] = group.get('groupName', group.get('name'))
    shaped = []
    for host in details.get('hosts') or ():
        facts = iso_dates(antivirus_facts(host))
        facts['group_id'] = host_group_id(host)
        facts['group_name'] = names.get(facts['group_id'])
        shaped.append(facts)
    return shaped


def shape_users(answer):
    """The master account holder (``is_account_holder: true``) first, then the users."""
    shaped = []
    holder = (answer or {}).get('mahData')
    if holder:
        facts = record(holder)
        facts.setdefault('is_pending', False)
        facts['is_account_holder'] = True
        shaped.append(facts)
    for user in (answer or {}).get('usersData') or ():
        facts = record(user)
        facts['is_account_holder'] = False
        shaped.append(facts)
    return shaped


def shape_inventory(report, host_ids=None):
    """An inventory report (``{host_id: data}``) as ``{"<host id>": facts}``, in host id order.

    ``host_ids`` keeps only those hosts (an active report may hold others).
    """
    wanted = None if host_ids is None else set(host_ids)
    shaped = {}
    for host_id in sorted(report or {}):
        if wanted is None or host_id in wanted:
            shaped[str(host_id)] = iso_dates(inventory_facts(report[host_id]))
    return shaped


def shape_remote_access(sessions):
    return [record(session) for session in sessions or ()]


def shape_computer_status(entries):
    """Computer status, with ``status_name`` and ``subscription_type_name`` next to the codes."""
    shaped = []
    for entry in entries or ():
        facts = iso_dates(computer_status_facts(entry))
        facts['status_name'] = code_name(SUBSCRIPTION_STATUS_NAMES, facts.get('status'))
        facts['subscription_type_name'] = code_name(SUBSCRIPTION_TYPE_NAMES, facts.get('subscription_type'))
        shaped.append(facts)
    return shaped


def shape_deleted_hosts(entries):
    """Deleted hosts with ``deleted_reason`` whichever spelling the API used."""
    shaped = []
    for entry in entries or ():
        facts = record(entry)
        reason = facts.pop('delete_reason', None)
        facts.setdefault('deleted_reason', reason)
        shaped.append(facts)
    return shaped


# Input ---------------------------------------------------------------------------------

def gather_list(values):
    """The keys to gather, in GATHER_KEYS order; ``all`` means every one."""
    wanted = set(values or ())
    if 'all' in wanted:
        return list(GATHER_KEYS)
    return [key for key in GATHER_KEYS if key in wanted]


def inventory_fields(requested, offered, option):
    """The fields to ask for: all the service offers when ``requested`` is empty.

    Unknown names fail, naming them and listing the valid ones.
    """
    if not requested:
        return list(offered)
    unknown = [name for name in requested if name not in offered]
    if unknown:
        raise ValidationError('%s names fields LogMeIn Central does not offer: %s; valid fields: %s'
                              % (option, ', '.join(repr(name) for name in unknown), ', '.join(offered)))
    return list(dict.fromkeys(requested))


def resolve_group_ids(references, estate, option='groups'):
    """Group ids for ``groups`` entries: a group's name (every group of that name), else its id.

    ``-1`` stands for the hosts in no group. Unknown entries fail, all of them named.
    """
    names = group_names(estate)
    by_name = {}
    for group_id, name in names.items():
        by_name.setdefault(name, []).append(group_id)
    wanted, unknown = [], []
    for reference in references or ():
        if isinstance(reference, str) and reference in by_name:
            wanted.extend(by_name[reference])
            continue
        group_id = _id_or_none(reference)
        if group_id is not None and (group_id in names or group_id == NO_GROUP):
            wanted.append(group_id)
        else:
            unknown.append(reference)
    if unknown:
        raise ValidationError('%s names computer groups that do not exist in LogMeIn Central: %s'
                              % (option, ', '.join(repr(value) for value in unknown)))
    return list(dict.fromkeys(wanted))


def estate_host_ids(estate):
    """The ids of every host of a hosts_with_groups() answer, in its order."""
    return [host_id for host_id in (_id_or_none(host.get('id')) for host in estate.get('hosts') or ()) if host_id is not None]


def selected_host_ids(estate, host_ids=None, group_ids=None):
    """The ids of the hosts named or in the groups named, in the estate's order; None when nothing narrows."""
    if not host_ids and not group_ids:
        return None
    named = set(host_ids or ())
    groups = set(group_ids or ())
    selected = []
    for host in estate.get('hosts') or ():
        host_id = _id_or_none(host.get('id'))
        if host_id in named or host_group_id(host) in groups:
            selected.append(host_id)
    return selected
