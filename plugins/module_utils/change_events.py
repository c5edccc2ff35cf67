# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Changes in a Central account as events: what the ``logmein.central.events`` source polls.

The account has no change feed, so changes are found by comparing two reads of the same
answers. Event types come in three families, each needing its own reads and nothing else:

=============  ==========================================================  ==========================
family         event types                                                 reads per poll
=============  ==========================================================  ==========================
host           host_added, host_removed, host_online, host_offline,        GET /v2/hostswithgroups
               host_group_changed, host_description_changed
antivirus      av_status_changed, av_definitions_outdated,                 GET /v1/hosts/anti-virus/details
               av_realtime_protection_off, av_threats_found
custom_field   custom_field_changed                                        the categories and the hosts'
                                                                           values (2 reads)
=============  ==========================================================  ==========================

The last snapshot of each family is the *baseline*, kept in the state directory, so that a
restarted source reports what changed while it was down instead of replaying the estate.
A family without a baseline (the first poll, a new state directory) sets it silently unless
``initial_events`` is true. A family whose read fails keeps its baseline, so its changes are
reported by the next poll that reads it. The baseline is saved after the poll's events were
handed on: a source stopped between the two reports them again when it starts (at least
once, never lost).

Every string of an event that came from the API is encoded by ``event_text``, so that no
version of Ansible can run it as a template.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.errors import AuthenticationError, CentralError
from ansible_collections.logmein.central.plugins.module_utils.event_text import encode_all
from ansible_collections.logmein.central.plugins.module_utils.report_shaping import shape_antivirus
from ansible_collections.logmein.central.plugins.module_utils.state_store import short_hash

HOST, ANTIVIRUS, CUSTOM_FIELD = 'host', 'antivirus', 'custom_field'
FAMILIES = {
    HOST: ('host_added', 'host_removed', 'host_online', 'host_offline', 'host_group_changed',
           'host_description_changed'),
    ANTIVIRUS: ('av_status_changed', 'av_definitions_outdated', 'av_realtime_protection_off', 'av_threats_found'),
    CUSTOM_FIELD: ('custom_field_changed',),
}
# The API actions each family reads, once per poll.
READS = {
    HOST: ('GET /v2/hostswithgroups',),
    ANTIVIRUS: ('GET /v1/hosts/anti-virus/details',),
    CUSTOM_FIELD: ('GET /v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields'),
}
DEFAULT_EVENTS = (HOST, ANTIVIRUS)
# The anti-virus state every anti-virus event carries (as the poll found it), beside before and after.
ANTIVIRUS_STATE_KEYS = ('product', 'status', 'definitions_up_to_date', 'realtime_protection', 'threats')
EVENT_TYPES = tuple(event_type for family in (HOST, ANTIVIRUS, CUSTOM_FIELD) for event_type in FAMILIES[family])
BASELINE_FORMAT = 1
SOURCE_NAME = 'logmein.central.events'


def family_of(event_type):
    for family, types in FAMILIES.items():
        if event_type in types:
            return family
    return None


def selected_types(names):
    """The event types named by ``names`` (families or types); ValueError naming each unknown name."""
    types, unknown = [], []
    for name in names:
        found = FAMILIES.get(name) or ((name,) if family_of(name) else None)
        if found is None:
            unknown.append(name)
            continue
        types.extend(found)
    if unknown:
        raise ValueError('unknown event %s %s: use the families %s or the types %s'
                         % ('type' if len(unknown) == 1 else 'types', ', '.join(repr(name) for name in unknown),
                            ', '.join(FAMILIES), ', '.join(EVENT_TYPES)))
    return tuple(event_type for event_type in EVENT_TYPES if event_type in types)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


# Snapshots: what each family's reads say, keyed by host id (a string: they are stored as JSON) ------

def host_snapshot(account):
    return dict((str(host.id), {'description': host.description, 'group_id': host.group_id,
                                'group': account.group_name(host.group_id), 'online': bool(host.online)})
                for host in account.hosts.values())


def antivirus_snapshot(details):
    snapshot = {}
    for host in shape_antivirus(details):
        host_id = host.get('host_id')
        if host_id is None:
            continue
        snapshot[str(host_id)] = {
            'description': host.get('host_description'), 'group_id': host.get('group_id'),
            'group': host.get('group_name'), 'online': host.get('is_online'),
            'product': host.get('anti_virus_name'), 'status': host.get('anti_virus_status_name'),
            'definitions_up_to_date': host.get('is_virus_definition_up_to_date'),
            'realtime_protection': host.get('is_real_time_protection_on'),
            'threats': host.get('number_of_threats'),
        }
    return snapshot


def custom_field_snapshot(categories, host_values):
    fields = dict((str(category.get('id')), category.get('name')) for category in categories)
    names = dict(((str(category.get('id')), value.get('id')), value.get('name'))
                 for category in categories for value in category.get('values') or ())
    hosts = {}
    for host_id, by_category in host_values.items():
        values = dict((str(category_id), names.get((str(category_id), value_id)))
                      for category_id, value_id in by_category.items() if str(category_id) in fields)
        if values:
            hosts[str(host_id)] = values
    return {'fields': fields, 'hosts': hosts}


def read_family(api, family):
    """One family's snapshot, read afresh (the reads also refresh the read cache playbooks share)."""
    if family == HOST:
        return host_snapshot(api.account(fresh=True))
    if family == ANTIVIRUS:
        return antivirus_snapshot(api.antivirus_details(fresh=True))
    return custom_field_snapshot(*api.custom_field_values(fresh=True))


# Differences ----------------------------------------------------------------------------------------

def _threats(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def host_changes(before, after):
    """``(type, host_id, before, after, extra)`` for each change of the host family."""
    changes = []
    for host_id in sorted(set(before) | set(after), key=_id_order):
        old, new = before.get(host_id), after.get(host_id)
        if old is None:
            changes.append(('host_added', host_id, None, new, {}))
            continue
        if new is None:
            changes.append(('host_removed', host_id, old, None, {}))
            continue
        if old['online'] != new['online']:
            changes.append(('host_online' if new['online'] else 'host_offline', host_id, old['online'], new['online'], {}))
        if old['group_id'] != new['group_id']:
            changes.append(('host_group_changed', host_id, {'id': old['group_id'], 'name': old['group']},
                            {'id': new['group_id'], 'name': new['group']}, {}))
        if old['description'] != new['description']:
            changes.append(('host_description_changed', host_id, old['description'], new['description'], {}))
    return changes


def antivirus_changes(before, after):
    """Changes of the anti-virus family; a host new to the answer counts as changed from null."""
    changes = []
    for host_id in sorted(after, key=_id_order):
        old, new = before.get(host_id) or {}, after[host_id]
        if new['status'] != old.get('status') and new['status'] is not None:
            changes.append(('av_status_changed', host_id, old.get('status'), new['status'], {}))
        if new['definitions_up_to_date'] is False and old.get('definitions_up_to_date') is not False:
            changes.append(('av_definitions_outdated', host_id, old.get('definitions_up_to_date'), False, {}))
        if new['realtime_protection'] is False and old.get('realtime_protection') is not False:
            changes.append(('av_realtime_protection_off', host_id, old.get('realtime_protection'), False, {}))
        if _threats(new['threats']) > _threats(old.get('threats')):
            changes.append(('av_threats_found', host_id, old.get('threats'), new['threats'], {}))
    return changes


def custom_field_changes(before, after, removed_hosts=()):
    """Changes of a host's custom-field values (``before``/``after``: value names, null when unset).

    A field that did not exist before, or is gone now, changes every host that carries a value
    of it; the values of hosts removed from the account (``removed_hosts``) are not reported.
    """
    changes = []
    fields = dict(before.get('fields') or {})
    fields.update(after.get('fields') or {})
    old_hosts, new_hosts = before.get('hosts') or {}, after.get('hosts') or {}
    for host_id in sorted(set(old_hosts) | set(new_hosts), key=_id_order):
        if host_id in removed_hosts:
            continue
        old, new = old_hosts.get(host_id) or {}, new_hosts.get(host_id) or {}
        for field_id in sorted(set(old) | set(new)):
            if old.get(field_id) != new.get(field_id):
                changes.append(('custom_field_changed', host_id, old.get(field_id), new.get(field_id),
                                {'field': {'id': field_id, 'name': fields.get(field_id)}}))
    return changes


DIFFERENCES = {HOST: host_changes, ANTIVIRUS: antivirus_changes}
EMPTY = {HOST: {}, ANTIVIRUS: {}, CUSTOM_FIELD: {'fields': {}, 'hosts': {}}}


def _id_order(host_id):
    return (len(host_id), host_id)


# Baseline ----------------------------------------------------------------------------------------

def _valid_snapshot(family, snapshot):
    """Whether a stored snapshot has the shape this module writes (the state directory is checked, not trusted)."""
    if family == CUSTOM_FIELD:
        return (isinstance(snapshot, dict) and isinstance(snapshot.get('fields'), dict)
                and isinstance(snapshot.get('hosts'), dict)
                and all(isinstance(values, dict) for values in snapshot['hosts'].values()))
    keys = {'description', 'group_id', 'group', 'online'}
    if family == ANTIVIRUS:
        keys |= set(ANTIVIRUS_STATE_KEYS)
    return isinstance(snapshot, dict) and all(isinstance(entry, dict) and keys <= set(entry) for entry in snapshot.values())


class Baseline:
    """The last snapshot of each family, in the account's state store under the source's ``name``."""

    def __init__(self, store, name, warn):
        self._store = store
        self.document = 'eda-baseline-%s.json' % short_hash(name)
        self._warn = warn

    def load(self):
        with self._store.locked():
            document = self._store.read(self.document)
        if document is None:
            return {}
        families = document.get('families') if isinstance(document, dict) and document.get('format') == BASELINE_FORMAT else None
        if not isinstance(families, dict):
            self._warn('the stored baseline %s is not one this source wrote: it is not used, and the first poll '
                       'sets a new one' % self._store.path(self.document))
            return {}
        kept = {}
        for family, entry in families.items():
            snapshot = entry.get('snapshot') if isinstance(entry, dict) else None
            if family in FAMILIES and _valid_snapshot(family, snapshot):
                kept[family] = snapshot
            else:
                self._warn('the stored baseline of the %s events is not valid: it is not used' % family)
        return kept

    def save(self, snapshots, observed_at):
        document = {'format': BASELINE_FORMAT, 'source': SOURCE_NAME,
                    'families': dict((family, {'observed_at': iso(observed_at), 'snapshot': snapshot})
                                     for family, snapshot in snapshots.items())}
        with self._store.locked():
            self._store.write(self.document, document)


# Polling ----------------------------------------------------------------------------------------

class PollResult:
    """A poll's events, the families it could not read (``{family: CentralError}``), and what to save."""

    def __init__(self, events, failures, snapshots, observed_at):
        self.events = events
        self.failures = failures
        self.snapshots = snapshots
        self.observed_at = observed_at


class ChangeFeed:
    """Polls the families of ``types`` and turns the differences with the baseline into events."""

    def __init__(self, types, baseline, company_id, initial_events=False, clock=utc_now):
        self.types = frozenset(types)
        self.families = tuple(family for family in FAMILIES if self.types & set(FAMILIES[family]))
        self.company_id = company_id
        self.initial_events = initial_events
        self._baseline = baseline
        self._snapshots = baseline.load()
        self._clock = clock

    @property
    def reads_per_poll(self):
        return sum(len(READS[family]) for family in self.families)

    def poll(self, client):
        """Read each family once through ``client`` (a CentralClient) and compare.

        AuthenticationError is raised (nothing will work until the credentials change); any
        other error of a family's read is kept in ``failures`` and that family's baseline is
        left as it was. Call ``commit`` once the events were handed on.
        """
        api = CentralApi(client)
        observed_at = self._clock()
        current, failures = {}, {}
        for family in self.families:
            try:
                current[family] = read_family(api, family)
            except AuthenticationError:
                raise
            except CentralError as error:
                failures[family] = error
        changes = []
        removed = set()
        for family in self.families:
            if family not in current:
                continue
            before = self._snapshots.get(family)
            if before is None and not self.initial_events:
                continue  # the first poll of this family sets its baseline
            if family == CUSTOM_FIELD:
                continue  # after the host family: it needs the hosts removed in this poll
            found = DIFFERENCES[family](before or EMPTY[family], current[family])
            removed.update(change[1] for change in found if change[0] == 'host_removed')
            changes.extend(found)
        if CUSTOM_FIELD in current and (CUSTOM_FIELD in self._snapshots or self.initial_events):
            changes.extend(custom_field_changes(self._snapshots.get(CUSTOM_FIELD) or EMPTY[CUSTOM_FIELD],
                                                current[CUSTOM_FIELD], removed))
        events = [self._event(change, current, observed_at) for change in changes if change[0] in self.types]
        return PollResult(events, failures, current, observed_at)

    def commit(self, result):
        """Make the snapshots of ``result`` the baseline (the families that were read)."""
        if not result.snapshots:
            return
        self._snapshots.update(result.snapshots)
        self._baseline.save(self._snapshots, result.observed_at)

    def _host(self, host_id, current):
        """The host as the freshest snapshot of this poll (or the baseline, for a removed host) shows it."""
        for snapshots in (current, self._snapshots):
            for family in (HOST, ANTIVIRUS):
                entry = (snapshots.get(family) or {}).get(host_id)
                if entry is not None:
                    return {'id': int(host_id), 'description': entry['description'], 'group_id': entry['group_id'],
                            'group': entry['group'], 'online': entry['online']}
        return {'id': int(host_id), 'description': None, 'group_id': None, 'group': None, 'online': None}

    def _event(self, change, current, observed_at):
        event_type, host_id, before, after, extra = change
        body = {'type': event_type, 'company_id': self.company_id, 'host': self._host(host_id, current),
                'before': before, 'after': after, 'observed_at': iso(observed_at)}
        body.update(extra)
        if event_type in FAMILIES[ANTIVIRUS]:
            state = current[ANTIVIRUS][host_id]
            body['antivirus'] = dict((key, state[key]) for key in ANTIVIRUS_STATE_KEYS)
        return {'central': encode_all(body)}
