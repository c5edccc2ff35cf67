# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""One model of a LogMeIn Central account's hosts and computer groups.

The answer of ``GET /v2/hostswithgroups`` is read here and nowhere else: the modules, the
report shaping, the inventory plugin and the desired_state role's filter all work on an
``Account`` built once from it, so that they agree on what a host's group is, which host
ids exist and what a group reference means.

Tolerance. The guide writes a host's group as ``groupid`` and types it as a string; a
live-API test of a public client asserts ``groupId``; the examples show integers. Every
spelling in ``GROUP_KEYS`` is read, and host and group ids are ints whether the service
sent ``1026433963`` or ``"1026433963"``. An id that is not a number is an error naming the
action, never a host silently left out. Custom-field category and value ids stay the API's
strings: they are uuids, not numbers.

Group references (``host_group``, report_facts' ``groups``, the inventory's
``computer_groups``, the role's ``group``) are resolved by ``Account.resolve_group``, with
one policy:

- a reference is a group's name (exact match) or its id (an integer or a digit string);
  ``-1`` names the hosts in no group where that makes sense (selecting, not moving);
- it must match exactly one group: a name that several groups share, or a reference that
  is the id of one group and the name of another, is ambiguous and fails naming the
  candidates with their ids and names, so the user can pick the other identifier;
- a reference that matches no group fails naming the groups that exist.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import quote, to_id

HOSTS_WITH_GROUPS = 'GET /v2/hostswithgroups'
# The pseudo-group of hostswithgroups that holds the hosts in no group (its name is null).
NO_GROUP = -1
INVENTORY_KINDS = ('system', 'hardware')
# The spellings of a host's group id: the guide's table and example, and what public clients saw.
GROUP_KEYS = ('groupid', 'groupId', 'groupID')
# A host record's keys of its state, as the guide spells them.
ONLINE_KEY = 'isHostOnline'
STATE_CHANGED_KEY = 'hostStateChangeDate'
# The cached id of a custom-field value Central has just created, until Central is read again.
PROVISIONAL_VALUE_PREFIX = 'new-value:'
# Groups named in a message about an unknown group, at most.
MAX_GROUPS_LISTED = 20


def is_provisional_value_id(value_id):
    """True for the cached id of a value Central has just created (its real id is not known yet)."""
    return isinstance(value_id, str) and value_id.startswith(PROVISIONAL_VALUE_PREFIX)


# Records of the API's answers ----------------------------------------------------------
# Used by the model, and by the read cache's in-place edits of cached answers.

def record_id(record, key='id'):
    """The int id under ``key`` of an API record; None when it has none or it is not a number."""
    if not isinstance(record, dict):
        return None
    try:
        return to_id(record.get(key))
    except ValueError:
        return None


def group_key(record):
    """The key under which a host record holds its group id (the guide's ``groupid`` when it has none)."""
    for key in GROUP_KEYS:
        if key in record:
            return key
    return GROUP_KEYS[0]


def _group_value(record):
    """A host record's group id as the service wrote it, under whichever spelling; None when it has none."""
    for key in GROUP_KEYS:
        if record.get(key) is not None:
            return record[key]
    return None


def record_group_id(record):
    """A host record's group id; NO_GROUP when it has none (hostswithgroups, anti-virus details)."""
    value = _group_value(record)
    if value is None:
        return NO_GROUP
    try:
        return to_id(value)
    except ValueError:
        return NO_GROUP


def set_record_group(record, group_id):
    """Set a cached host record's group id under the key (and in the type) the service used."""
    key = group_key(record)
    record[key] = str(group_id) if isinstance(record.get(key), str) else group_id


# The model -----------------------------------------------------------------------------

Group = collections.namedtuple('Group', ['id', 'name'])


def group_record(record):
    """The Group of a group record of any answer (``{id, name}``, or ``{groupId, groupName}`` in the
    anti-virus details); None when it has no numeric id."""
    if not isinstance(record, dict):
        return None
    for key in ('id',) + GROUP_KEYS:
        group_id = record_id(record, key)
        if group_id is not None:
            name = record.get('name', record.get('groupName'))
            return Group(group_id, None if name is None else str(name))
    return None


class Host:
    """One host of hostswithgroups: typed fields, and the API's other fields as they came."""

    __slots__ = ('id', 'description', 'group_id', 'online', 'state_changed', 'other')

    # The keys the model reads; the rest of a record is kept in ``other``.
    KEYS = ('id', 'description', ONLINE_KEY, STATE_CHANGED_KEY) + GROUP_KEYS

    def __init__(self, host_id, description=None, group_id=NO_GROUP, online=False, state_changed=None, other=None):
        self.id = host_id
        self.description = description
        self.group_id = group_id
        self.online = online
        self.state_changed = state_changed
        self.other = other or {}

    @classmethod
    def from_record(cls, record, action=HOSTS_WITH_GROUPS):
        if not isinstance(record, dict):
            raise CentralError('%s: the answer lists a host that is not an object: %s' % (action, quote(record)), action=action)
        host_id = _answer_id(record.get('id'), 'host', action)
        value = _group_value(record)
        group_id = NO_GROUP if value is None else _answer_id(value, 'group of host %s' % host_id, action)
        description = record.get('description')
        other = dict((key, value) for key, value in record.items() if key not in cls.KEYS)
        return cls(host_id, None if description is None else str(description), group_id,
                   bool(record.get(ONLINE_KEY)), record.get(STATE_CHANGED_KEY), other)


def _answer_id(value, what, action):
    try:
        return to_id(value)
    except ValueError:
        raise CentralError('%s: the answer names a %s by %s, which is not a numeric id' % (action, what, quote(value)),
                           action=action) from None


def check_group_reference(reference, option='group'):
    """ValidationError unless ``reference`` can name a group (a string or an integer): checked before any read."""
    if isinstance(reference, bool) or not isinstance(reference, (str, int)):
        raise ValidationError('%s: %s is not a computer group name or id' % (option, quote(reference)))


class UnknownGroup(ValidationError):
    """A group reference that matches no computer group."""


class AmbiguousGroup(ValidationError):
    """A group reference that matches several computer groups."""


class MissingHosts(ValidationError):
    """Hosts the account does not have; the failed task's result lists them under ``missing_hosts``."""

    def __init__(self, message, missing):
        super().__init__(message)
        self.missing = missing
        self.result = {'missing_hosts': missing}


class Account:
    """The hosts and computer groups of an account.

    ``groups``: the real computer groups (never the -1 pseudo-group), in the API's order.
    ``hosts``: ``{id: Host}`` in the API's order.
    """

    def __init__(self, groups=(), hosts=()):
        self.groups = list(groups)
        self.hosts = collections.OrderedDict((host.id, host) for host in hosts)
        self._group_by_id = dict((group.id, group) for group in self.groups)
        self._groups_by_name = {}
        for group in self.groups:
            self._groups_by_name.setdefault(group.name, []).append(group)

    @classmethod
    def from_answer(cls, answer, action=HOSTS_WITH_GROUPS):
        """The model of a hostswithgroups answer; CentralError naming ``action`` for an answer it cannot read."""
        if answer is None:
            answer = {}
        if not isinstance(answer, dict):
            raise CentralError('%s: the answer is not an object with groups and hosts' % action, action=action)
        groups = []
        for group in answer.get('groups') or ():
            if not isinstance(group, dict):
                raise CentralError('%s: the answer lists a group that is not an object: %s' % (action, quote(group)),
                                   action=action)
            group_id = _answer_id(group.get('id'), 'group', action)
            if group_id != NO_GROUP:
                name = group.get('name')
                groups.append(Group(group_id, None if name is None else str(name)))
        hosts = [Host.from_record(record, action) for record in answer.get('hosts') or ()]
        return cls(groups, hosts)

    # Hosts -----------------------------------------------------------------------------

    @property
    def host_ids(self):
        return list(self.hosts)

    def missing(self, ids):
        """The ids of ``ids`` the account does not have, sorted, each once."""
        return sorted(set(ids) - set(self.hosts))

    def require_hosts(self, ids, option='hosts'):
        """Fail before any write, listing every id the account does not have."""
        missing = self.missing(ids)
        if missing:
            raise MissingHosts('%s names hosts that do not exist in LogMeIn Central: %s'
                               % (option, ', '.join(str(i) for i in missing)), missing)

    def members(self, group_id):
        """The ids of the hosts in a group (NO_GROUP: in no group), in the API's order."""
        return [host.id for host in self.hosts.values() if host.group_id == group_id]

    # Groups ----------------------------------------------------------------------------

    def group(self, group_id):
        """The Group of an id; None for NO_GROUP and for ids the account does not have."""
        return self._group_by_id.get(group_id)

    def group_name(self, group_id):
        group = self._group_by_id.get(group_id)
        return group.name if group else None

    def resolve_group(self, reference, option='group', allow_no_group=False):
        """The Group a name or id refers to (see the module docstring); ValidationError otherwise.

        With ``allow_no_group``, ``-1`` refers to the hosts in no group: ``Group(-1, None)``.
        Messages start with ``option`` unless it is ``group`` (the message says "group" already).
        """
        where = '' if option in (None, 'group') else '%s: ' % option
        check_group_reference(reference, option)
        try:
            as_id = to_id(reference)
        except ValueError:
            as_id = None
        candidates = []
        if as_id is not None and as_id in self._group_by_id:
            candidates.append(('id', self._group_by_id[as_id]))
        elif as_id == NO_GROUP and allow_no_group:
            candidates.append(('id', Group(NO_GROUP, None)))
        text = str(reference)
        candidates.extend(('name', group) for group in self._groups_by_name.get(text, ()) if group.id != as_id)
        if len(candidates) == 1:
            return candidates[0][1]
        if candidates:
            raise AmbiguousGroup('%sgroup %s is ambiguous: it matches %s; use the id of the group you mean, or a name no '
                                 'other group has' % (where, quote(reference), ', '.join(
                                     '%s (id %s) by %s' % (quote(group.name), group.id, how) for how, group in candidates)))
        listed = ', '.join('%s (id %s)' % (quote(group.name), group.id) for group in self.groups[:MAX_GROUPS_LISTED])
        if len(self.groups) > MAX_GROUPS_LISTED:
            listed += ' and %d more' % (len(self.groups) - MAX_GROUPS_LISTED)
        raise UnknownGroup('%sgroup %s does not exist in LogMeIn Central (the API cannot create groups); existing groups: %s'
                           % (where, quote(reference), listed or 'none'))

    def resolve_groups(self, references, option='groups', allow_no_group=True):
        """``(group ids, problems)`` for a list of references, in the given order, each id once."""
        ids, problems = [], []
        for reference in references or ():
            try:
                ids.append(self.resolve_group(reference, option, allow_no_group).id)
            except ValidationError as error:
                problems.append(error.message)
        return list(dict.fromkeys(ids)), problems
