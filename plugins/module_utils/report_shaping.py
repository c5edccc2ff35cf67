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

from ansible_collections.logmein.central.plugins.module_utils.account import group_record, is_provisional_value_id, record_group_id, record_id
from ansible_collections.logmein.central.plugins.module_utils.dates import to_iso8601
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.facts import (
    antivirus_facts,
    code_name,
    computer_status_facts,
    inventory_facts,
    snake_case_keys,
)

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


# Gathered facts ------------------------------------------------------------------------

def shape_hosts(account, hosts_answer=None):
    """The hosts of an account.Account, with ``group_id`` (-1: no group), ``group_name`` and ``host_name``.

    ``hosts_answer`` is the GET /v2/hosts answer, the only one with the machine's own
    name (``hostName``, optional in the API): ``host_name`` is null when it is absent.
    Fields of the API the model does not know are kept, in snake_case.
    """
    machine_names = {}
    for host in (hosts_answer or {}).get('hosts') or ():
        machine_names[record_id(host)] = host.get('hostName')
    shaped = []
    for host in account.hosts.values():
        facts = record(host.other)
        facts.update({
            'id': host.id,
            'description': host.description,
            'is_host_online': host.online,
            'host_state_change_date': iso_date(host.state_changed),
            'group_id': host.group_id,
            'group_name': account.group_name(host.group_id),
        })
        facts['host_name'] = machine_names.get(host.id, facts.get('host_name'))
        shaped.append(facts)
    return shaped


def shape_groups(account):
    """The computer groups (not the -1 pseudo-group of hosts in no group), each with the ids of its hosts."""
    members = {}
    for host in account.hosts.values():
        members.setdefault(host.group_id, []).append(host.id)
    return [{'id': group.id, 'name': group.name, 'host_ids': members.get(group.id, [])} for group in account.groups]


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
        found = group_record(group)
        if found is not None:
            names[found.id] = found.name
    shaped = []
    for host in details.get('hosts') or ():
        facts = iso_dates(antivirus_facts(host))
        facts['group_id'] = record_group_id(host)
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


def resolve_group_ids(references, account, option='groups'):
    """Group ids for ``groups`` entries, resolved by account.Account.resolve_group (-1: hosts in no group).

    Every unknown or ambiguous entry is named in one ValidationError.
    """
    ids, problems = account.resolve_groups(references, option)
    if problems:
        raise ValidationError('; '.join(problems))
    return ids


def selected_host_ids(account, host_ids=None, group_ids=None):
    """The ids of the hosts named or in the groups named, in the account's order; None when nothing narrows."""
    if not host_ids and not group_ids:
        return None
    named = set(host_ids or ())
    groups = set(group_ids or ())
    return [host.id for host in account.hosts.values() if host.id in named or host.group_id in groups]
