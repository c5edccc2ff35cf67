# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The service check: which shapes an account's answers have, against what the collection handles.

Each probe reads its endpoints once, through the shared client (its read cache and rate
limiter). Each answer is checked against a description of the shape the collection reads:

- the shape of the vendor's guide is ``ok``;
- a known variant the collection tolerates (``groupId``, ids as strings, ``hostGroups``, a
  top-level ``continuation_token``, ...) is a *variant*, informational;
- anything else the collection reads and could not handle is a *deviation*: endpoint, path
  in the answer, what was expected and what was seen, as types, never as values.

``shape`` describes an answer without any of its values: key names, types, which keys are
optional, list lengths rounded. Keys that are data (host ids used as keys, anything that is
not a plain identifier) are replaced by a marker. ``profile`` puts the shapes, the emulator
quirks they imply and what the rate limiter observed into the emulator's profile format.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import re

from ansible_collections.logmein.central.plugins.module_utils.account import GROUP_KEYS, ONLINE_KEY, STATE_CHANGED_KEY
from ansible_collections.logmein.central.plugins.module_utils.central_api import ANTIVIRUS, CATEGORIES, FIELDS, HOST_VALUES, HOSTS, USERS
from ansible_collections.logmein.central.plugins.module_utils.errors import NotFoundError

# probe -> [(action, path, read cache kind or None for a read that is never cached)]
PROBES = collections.OrderedDict([
    ('hosts', [('GET /v2/hosts', '/v2/hosts', HOSTS)]),
    ('groups', [('GET /v2/hostswithgroups', '/v2/hostswithgroups', HOSTS)]),
    ('custom_fields', [('GET /v1/hosts/custom-fields/categories', '/v1/hosts/custom-fields/categories', CATEGORIES),
                       ('GET /v1/hosts/custom-fields', '/v1/hosts/custom-fields', HOST_VALUES)]),
    ('antivirus', [('GET /v1/hosts/anti-virus/details', '/v1/hosts/anti-virus/details', ANTIVIRUS)]),
    ('users', [('GET /v2/users', '/v2/users', USERS)]),
    ('inventory_fields', [('GET /v1/inventory/system/fields', '/v1/inventory/system/fields', FIELDS),
                          ('GET /v1/inventory/hardware/fields', '/v1/inventory/hardware/fields', FIELDS)]),
    ('active_reports', [('GET /v1/inventory/system/reports', '/v1/inventory/system/reports', None),
                        ('GET /v1/inventory/hardware/reports', '/v1/inventory/hardware/reports', None)]),
])
ALL = 'all'
AUTHENTICATION = 'GET /v1/authentication'
# Marker of an object key that is data (a host id in an inventory report) or not a plain identifier.
ID_KEY = '<host id>'
OTHER_KEY = '<not an identifier>'
_IDENTIFIER = re.compile(r'^[A-Za-z][A-Za-z0-9_]{0,63}$')
_DIGITS = re.compile(r'^-?[0-9]{1,20}$')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
_DATE = re.compile(r'^(\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?'
                   r'|\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?)$')


def probes_of(names):
    """The probes named (``all`` for every one), in the order of PROBES; ValueError naming an unknown one."""
    names = list(names or ())
    unknown = [n for n in names if n != ALL and n not in PROBES]
    if unknown:
        raise ValueError('probe must name %s or %s, got %s' % (', '.join(PROBES), ALL, ', '.join(repr(n) for n in unknown)))
    if ALL in names:
        return list(PROBES)
    return [p for p in PROBES if p in names]


# Shapes, never values -------------------------------------------------------------------

def type_name(value):
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'bool'
    if isinstance(value, int):
        return 'int'
    if isinstance(value, float):
        return 'float'
    if isinstance(value, str):
        return 'str'
    if isinstance(value, dict):
        return 'object'
    if isinstance(value, list):
        return 'list'
    return 'other'


def string_format(text):
    """What a string looks like (``digits``, ``uuid``, ``date`` with its pattern, ``empty``, ``text``): never the string."""
    if text == '':
        return 'empty'
    if _DIGITS.match(text):
        return 'digits'
    if _UUID.match(text):
        return 'uuid'
    if _DATE.match(text):
        return 'date ' + re.sub(r'[0-9]', '9', text)
    if text.lower().startswith(('http://', 'https://')):
        return 'url'
    return 'text'


def rounded_length(length):
    """A list's length to one significant digit (0 to 9 exact): 37 -> 40, 1234 -> 1000."""
    if length < 10:
        return length
    magnitude = 10 ** (len(str(length)) - 1)
    return int(round(float(length) / magnitude)) * magnitude


def redacted_key(key, keys):
    """The name a key of an object is described under: itself when it is a plain identifier, else a marker."""
    if _DIGITS.match(key) and all(_DIGITS.match(k) for k in keys):
        return ID_KEY
    if _IDENTIFIER.match(key) and not _DIGITS.match(key):
        return key
    return ID_KEY if _DIGITS.match(key) else OTHER_KEY


def shape(value):
    """The shape of a JSON value: ``{"types": [...]}`` plus ``formats`` (strings), ``keys`` and ``optional``
    (objects), ``length`` and ``items`` (lists)."""
    node = {'types': [type_name(value)]}
    if isinstance(value, str):
        node['formats'] = [string_format(value)]
    elif isinstance(value, dict):
        keys = collections.OrderedDict()
        for key in value:
            name = redacted_key(str(key), value)
            keys[name] = merge(keys[name], shape(value[key])) if name in keys else shape(value[key])
        node['keys'] = dict(keys)
        node['optional'] = []
    elif isinstance(value, list):
        node['length'] = rounded_length(len(value))
        items = None
        for item in value:
            items = shape(item) if items is None else merge(items, shape(item))
        if items is not None:
            node['items'] = items
    return node


def merge(one, other):
    """One shape for two values of the same place (list items, several data keys)."""
    node = {'types': sorted(set(one['types']) | set(other['types']))}
    if 'formats' in one or 'formats' in other:
        node['formats'] = sorted(set(one.get('formats', ())) | set(other.get('formats', ())))
    if 'keys' in one or 'keys' in other:
        left, right = one.get('keys'), other.get('keys')
        if left is None or right is None:  # an object on one side only: its keys are all optional
            node['keys'] = dict(left or right)
            node['optional'] = sorted(node['keys'])
        else:
            node['keys'] = dict((k, merge(left[k], right[k]) if k in left and k in right else left.get(k, right.get(k)))
                                for k in list(left) + [k for k in right if k not in left])
            node['optional'] = sorted(set(one.get('optional', ())) | set(other.get('optional', ())) | (set(left) ^ set(right)))
    if 'length' in one or 'length' in other:
        node['length'] = max(one.get('length', 0), other.get('length', 0))
        if 'items' in one or 'items' in other:
            node['items'] = (merge(one['items'], other['items']) if 'items' in one and 'items' in other
                             else one.get('items', other.get('items')))
    return node


# What the collection handles ----------------------------------------------------------

class Findings:
    """Variants and deviations, each (endpoint, path, ...) once."""

    def __init__(self):
        self.variants = collections.OrderedDict()
        self.deviations = collections.OrderedDict()

    def variant(self, endpoint, path, variant):
        self.variants.setdefault((endpoint, path, variant), {'endpoint': endpoint, 'path': path, 'variant': variant})

    def deviation(self, endpoint, path, expected, seen):
        self.deviations.setdefault((endpoint, path, expected, seen),
                                   {'endpoint': endpoint, 'path': path, 'expected': expected, 'seen': seen})


def _seen(value):
    name = type_name(value)
    return 'a string (%s)' % string_format(value) if name == 'str' else name


def _join(path, key):
    return '%s.%s' % (path, key) if path else key


class Spec:
    def check(self, value, path, endpoint, findings):
        raise NotImplementedError


class Id(Spec):
    """An integer id; a string of digits is the known variant."""

    def check(self, value, path, endpoint, findings):
        if isinstance(value, int) and not isinstance(value, bool):
            return
        if isinstance(value, str) and _DIGITS.match(value):
            findings.variant(endpoint, path, 'id as a string of digits')
            return
        findings.deviation(endpoint, path, 'an integer id (or a string of digits)', _seen(value))


class Value(Spec):
    """A scalar of one of ``types`` (type_name), or null when ``nullable``."""

    def __init__(self, *types, **options):
        self.types = types
        self.nullable = options.get('nullable', False)

    def check(self, value, path, endpoint, findings):
        name = type_name(value)
        if name in self.types or (value is None and self.nullable):
            return
        if name == 'int' and 'float' in self.types:
            return
        findings.deviation(endpoint, path, ' or '.join(self.types + (('null',) if self.nullable else ())), _seen(value))


class ListOf(Spec):
    def __init__(self, items, nullable=False):
        self.items = items
        self.nullable = nullable

    def check(self, value, path, endpoint, findings):
        if value is None and self.nullable:
            return
        if not isinstance(value, list):
            findings.deviation(endpoint, path, 'list', _seen(value))
            return
        for item in value:
            self.items.check(item, path + '[]', endpoint, findings)


class Obj(Spec):
    """An object. ``required``/``optional``: ``{key: spec}``; ``spellings``: ``[(guide key, (variant keys), spec,
    required)]``; ``nested``: ``{key: (spec, variant)}``, an object the guide nests and a variant flattens (or the
    reverse): either is handled."""

    def __init__(self, required=None, optional=None, spellings=(), nullable=False):
        self.required = required or {}
        self.optional = optional or {}
        self.spellings = spellings
        self.nullable = nullable

    def check(self, value, path, endpoint, findings):
        if value is None and self.nullable:
            return
        if not isinstance(value, dict):
            findings.deviation(endpoint, path or '(the answer)', 'object', _seen(value))
            return
        for key, spec in self.required.items():
            if key not in value:
                findings.deviation(endpoint, _join(path, key), 'key %s' % key, 'absent')
            else:
                spec.check(value[key], _join(path, key), endpoint, findings)
        for key, spec in self.optional.items():
            if key in value:
                spec.check(value[key], _join(path, key), endpoint, findings)
        for guide, variants, spec, required in self.spellings:
            if guide in value:
                spec.check(value[guide], _join(path, guide), endpoint, findings)
                continue
            used = [v for v in variants if v in value]
            if used:
                findings.variant(endpoint, _join(path, used[0]), 'key %s for %s' % (used[0], guide))
                spec.check(value[used[0]], _join(path, used[0]), endpoint, findings)
            elif required:
                findings.deviation(endpoint, _join(path, guide), 'key %s (or %s)' % (guide, ', '.join(variants)), 'absent')


class HostMap(Spec):
    """An object keyed by host id (inventory report pages)."""

    def __init__(self, entries):
        self.entries = entries

    def check(self, value, path, endpoint, findings):
        if value is None:
            return
        if not isinstance(value, dict):
            findings.deviation(endpoint, path, 'object keyed by host id', _seen(value))
            return
        for key, entry in value.items():
            if not _DIGITS.match(str(key)):
                findings.deviation(endpoint, path + '.' + OTHER_KEY, 'a host id as key', 'a key that is not a number')
            self.entries.check(entry, path + '.' + ID_KEY, endpoint, findings)


class Capabilities(Spec):
    """Anti-virus capabilities nested in ``capabilities`` (the guide's table) or flat in the host (its example)."""

    FLAGS = ('canReportThreatLog', 'canReportRealTimeProtectionStatus')

    def check(self, value, path, endpoint, findings):
        if not isinstance(value, dict) or 'capabilities' in value:
            return
        if any(flag in value for flag in self.FLAGS):
            findings.variant(endpoint, path, 'anti-virus capabilities flat in the host (no capabilities object)')


class AllOf(Spec):
    def __init__(self, *specs):
        self.specs = specs

    def check(self, value, path, endpoint, findings):
        for spec in self.specs:
            spec.check(value, path, endpoint, findings)


_TEXT = Value('str', nullable=True)
_BOOL = Value('bool', nullable=True)
# The raw keys come from the account model (account.py), the one reader of the answers' keys.
_GUIDE_GROUP_KEY, _CAMEL_GROUP_KEY = GROUP_KEYS[0], GROUP_KEYS[1]
_GROUP_KEY = (_GUIDE_GROUP_KEY, GROUP_KEYS[1:], Id(), False)
_HOST_STATE = {ONLINE_KEY: _BOOL, STATE_CHANGED_KEY: _TEXT}
_REPORT_HOST = Obj(optional={'hostId': Id()})

SPECS = {
    'GET /v2/hosts': Obj(required={'hosts': ListOf(Obj(
        required={'id': Id()},
        optional=dict(_HOST_STATE, description=_TEXT, hostName=_TEXT)))}),
    'GET /v2/hostswithgroups': Obj(required={
        'groups': ListOf(Obj(required={'id': Id()}, optional={'name': _TEXT})),
        'hosts': ListOf(Obj(required={'id': Id()},
                            optional=dict(_HOST_STATE, description=_TEXT),
                            spellings=[_GROUP_KEY]))}),
    'GET /v1/hosts/custom-fields/categories': Obj(required={'metadataCategories': ListOf(Obj(
        required={'id': Value('str'), 'name': Value('str')},
        optional={'values': ListOf(Obj(required={'id': Value('str'), 'name': Value('str')}), nullable=True)}))}),
    'GET /v1/hosts/custom-fields': Obj(required={'hosts': ListOf(Obj(
        required={'id': Id()},
        optional={'metadata': ListOf(Obj(spellings=[('categoryId', ('categoryid',), Value('str'), True),
                                                    ('valueId', ('valueid',), Value('str'), True)]), nullable=True)}))}),
    'GET /v1/hosts/anti-virus/details': Obj(
        required={'hosts': ListOf(AllOf(Obj(required={'hostId': Id()},
                                            optional={'hostDescription': _TEXT, 'antiVirusStatus': Value('int', nullable=True),
                                                      'isOnline': _BOOL, 'capabilities': Obj(nullable=True)},
                                            spellings=[(_CAMEL_GROUP_KEY, (_GUIDE_GROUP_KEY,), Id(), False)]),
                                        Capabilities()))},
        spellings=[('hostsGroups', ('hostGroups',), ListOf(Obj(optional={_CAMEL_GROUP_KEY: Id(), 'groupName': _TEXT})), False)]),
    'GET /v2/users': Obj(optional={'mahData': Obj(nullable=True), 'usersData': ListOf(Obj(), nullable=True)}),
    'GET /v1/inventory/system/fields': ListOf(Value('str')),
    'GET /v1/inventory/hardware/fields': ListOf(Value('str')),
    'GET /v1/inventory/system/reports': Obj(optional={'token': _TEXT, 'expires': _TEXT}),
    'GET /v1/inventory/hardware/reports': Obj(optional={'token': _TEXT, 'expires': _TEXT}),
}
REPORT_PAGE = Obj(optional={'hosts': HostMap(_REPORT_HOST), 'report': Obj(optional={'token': _TEXT}, nullable=True),
                            'continuation_token': _TEXT})


def check_answer(endpoint, answer, findings):
    spec = SPECS.get(endpoint)
    if spec is not None:
        spec.check(answer, '', endpoint, findings)


def check_report_page(endpoint, page, findings):
    REPORT_PAGE.check(page, '', endpoint, findings)
    if isinstance(page, dict):
        report = page.get('report')
        if 'continuation_token' in page and not (isinstance(report, dict) and 'token' in report):
            findings.variant(endpoint, 'continuation_token', 'continuation token at the top level (not report.token)')
        for entry in (page.get('hosts') or {}).values() if isinstance(page.get('hosts'), dict) else ():
            if isinstance(entry, dict) and any(isinstance(v, dict) for v in entry.values()):
                findings.variant(endpoint, 'hosts.' + ID_KEY, 'inventory entries with nested objects')
                break


# The run --------------------------------------------------------------------------------

class ServiceCheck:
    """Reads the probes' endpoints once each through ``api``'s client and keeps their shapes and findings."""

    def __init__(self, api):
        self.api = api
        self.findings = Findings()
        self.shapes = collections.OrderedDict()
        self.ok = []

    def run(self, probes):
        self.api.check_credentials()
        self.shapes[AUTHENTICATION] = {'types': ['object'], 'keys': {'success': {'types': ['bool']}}, 'optional': []}
        for probe in probes:
            for action, path, kind in PROBES[probe]:
                self._read(action, path, kind)
        return self

    def _read(self, action, path, kind):
        client = self.api.client
        before = len(self.findings.variants), len(self.findings.deviations)
        if kind is None:
            try:
                answer = client.request('GET', path, action)
            except NotFoundError:
                self.shapes[action] = {'types': ['HTTP 404']}
                self.ok.append(action)
                return
        else:
            answer = client.get(path, action, kind)
        self.shapes[action] = shape(answer)
        check_answer(action, answer, self.findings)
        if (len(self.findings.variants), len(self.findings.deviations)) == before:
            self.ok.append(action)
        if kind is None and isinstance(answer, dict) and isinstance(answer.get('token'), str) and answer['token']:
            self._read_report_page(path, answer['token'])

    def _read_report_page(self, path, token):
        """The first page of the account's active inventory report: a read, answered from the report already made."""
        action = 'GET %s/{token}' % path
        before = len(self.findings.variants), len(self.findings.deviations)
        try:
            page = self.api.client.request('GET', '%s/%s' % (path, token), action)
        except NotFoundError:
            self.shapes[action] = {'types': ['HTTP 404']}
            return
        self.shapes[action] = shape(page)
        check_report_page(action, page, self.findings)
        if (len(self.findings.variants), len(self.findings.deviations)) == before:
            self.ok.append(action)

    # What the limiter saw ----------------------------------------------------------------

    def limiter(self):
        client = self.api.client
        refusals = collections.OrderedDict()
        for action, header, body in client.refusals:
            entry = refusals.setdefault(action, {'action': action, 'refusals': 0, 'retry_after_header': 0, 'retry_hint_in_body': 0})
            entry['refusals'] += 1
            entry['retry_after_header'] += int(header)
            entry['retry_hint_in_body'] += int(body)
        actions = [AUTHENTICATION] + [a for a in self.shapes if a != AUTHENTICATION]
        intervals = dict((a, round(self.api.client.limiter.interval(a), 3)) for a in actions if self.api.client.limiter.interval(a))
        return {
            'refusals': list(refusals.values()),
            'retry_after_header_seen': any(h for dummy, h, dummy in client.refusals),
            'retry_hint_in_body_seen': any(b for dummy, dummy, b in client.refusals),
            'learned_intervals': intervals,
            'waited_seconds': round(client.waited, 1),
            'shared_state': client.state_backend,
        }

    # The profile -------------------------------------------------------------------------

    def quirks(self, limiter):
        """The emulator quirks the answers show (only those the probes could see)."""
        quirks = {}
        variants = [(v['endpoint'], v['variant'], v['path']) for v in self.findings.variants.values()]
        if 'GET /v2/hostswithgroups' in self.shapes:
            spelled = [path for endpoint, variant, path in variants
                       if endpoint == 'GET /v2/hostswithgroups' and variant.startswith('key %s' % _CAMEL_GROUP_KEY)]
            quirks['hosts_group_key'] = _CAMEL_GROUP_KEY if spelled else _GUIDE_GROUP_KEY
        id_endpoints = [a for a in ('GET /v2/hostswithgroups', 'GET /v2/hosts', 'GET /v1/hosts/custom-fields') if a in self.shapes]
        if id_endpoints:
            quirks['ids_as_strings'] = any(endpoint in id_endpoints and variant == 'id as a string of digits'
                                           for endpoint, variant, dummy in variants)
        if 'GET /v1/hosts/anti-virus/details' in self.shapes:
            quirks['av_details_style'] = 'example' if any(
                endpoint == 'GET /v1/hosts/anti-virus/details' and ('hostGroups' in variant or 'flat' in variant)
                for endpoint, variant, dummy in variants) else 'table'
        pages = [a for a in self.shapes if a.endswith('/{token}') and a in self.ok + [v[0] for v in variants]]
        if pages:
            quirks['continuation_key'] = 'continuation_token' if any('continuation token' in v for dummy, v, dummy in variants) else 'report.token'
            quirks['inventory_nesting'] = 'nested' if any('nested' in v for dummy, v, dummy in variants) else 'flat'
        if limiter['refusals']:
            quirks['retry_after'] = limiter['retry_after_header_seen']
            quirks['retry_hint'] = 'body' if limiter['retry_hint_in_body_seen'] else 'none'
        return quirks

    def profile(self, limiter):
        quirks = self.quirks(limiter)
        return {
            'name': 'service-check',
            'description': ('The shapes of a LogMeIn Central account, redacted by logmein.central.service_check: key '
                            'names, types, optional keys and rounded list lengths, no value. Quirks the probes could '
                            'not see keep the guide value.'),
            'quirks': quirks,
            'shapes': dict(self.shapes),
        }
