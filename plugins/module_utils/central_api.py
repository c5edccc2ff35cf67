# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The actions of the LogMeIn Central public API, on top of CentralClient.

Reads go through the shared read cache, each under the kind of data it returns.
Writes declare which kinds they change and, where the effect is known, apply it to
the cached answers in place; write answers are undocumented, so none is relied on.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math

from ansible_collections.logmein.central.plugins.module_utils.account import (
    INVENTORY_KINDS,
    PROVISIONAL_VALUE_PREFIX,
    Account,
    is_provisional_value_id,
    record_id,
    set_record_group,
)
from ansible_collections.logmein.central.plugins.module_utils.dates import split_report_windows
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    BadRequestError,
    CentralError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TransportError,
    credentials_refused,
)
from ansible_collections.logmein.central.plugins.module_utils.validation import to_id

# Kinds of cached data.
HOSTS = 'hosts'
CATEGORIES = 'categories'
HOST_VALUES = 'host_values'
ANTIVIRUS = 'antivirus'
USERS = 'users'
FIELDS = 'fields'
MAX_REPORT_PAGES = 10000
# "If more than 50 entries are generated, a continuation token is created": hosts per page of an inventory report.
REPORT_PAGE_SIZE = 50

AV_ACTION_PATHS = {
    'enable_realtime_protection': '/v1/anti-virus/actions/enable-realtimetypeprotection',
    'full_scan': '/v1/anti-virus/actions/start-fullscan',
    'refresh_status': '/v1/anti-virus/actions/refresh-status',
    'update_definition': '/v1/anti-virus/actions/update-definition',
}
# Other public clients call this path; the guide documents the one above.
AV_REALTIME_ALTERNATIVE_PATH = '/v1/anti-virus/actions/enable-realtimeprotection'


class CentralApi:
    def __init__(self, client):
        self.client = client
        self._timed_reports = set()  # the inventory reports whose reading time the user was told

    # Authentication ----------------------------------------------------------------------

    def check_credentials(self):
        """Raise AuthenticationError unless the service accepts the company id and PSK."""
        answer = self.client.request('GET', '/v1/authentication', 'GET /v1/authentication')
        if not isinstance(answer, dict) or answer.get('success') is not True:
            raise credentials_refused('the service answered success: false', 'GET /v1/authentication', 200)
        return True

    # Hosts and groups --------------------------------------------------------------------

    def hosts(self, fresh=False):
        """GET /v2/hosts: ``{"hosts": [...]}``, the only answer with ``hostName``."""
        return self.client.get('/v2/hosts', 'GET /v2/hosts', HOSTS, fresh=fresh)

    def hosts_with_groups(self, fresh=False):
        """GET /v2/hostswithgroups: ``{"groups": [...], "hosts": [...]}``; group -1 holds hosts in no group."""
        return self.client.get('/v2/hostswithgroups', 'GET /v2/hostswithgroups', HOSTS, fresh=fresh)

    def account(self, fresh=False):
        """The hosts and computer groups of hostswithgroups as one model (account.Account)."""
        return Account.from_answer(self.hosts_with_groups(fresh=fresh))

    def set_description(self, host_id, description):
        host_id = to_id(host_id)
        self._write('PUT', '/v1/hosts/%d/description' % host_id, 'PUT /v1/hosts/{host-id}/description',
                    {'newDescription': description}, safe=True,
                    effects={HOSTS: _edit_hosts(lambda h: h.update(description=description), {host_id}),
                             ANTIVIRUS: _edit_av_hosts(lambda h: h.update(hostDescription=description), {host_id})})

    def move_hosts(self, group_id, host_ids):
        group_id = to_id(group_id)
        ids = sorted({to_id(h) for h in host_ids})
        self._write('PUT', '/v1/host-groups/%d/hosts' % group_id, 'PUT /v1/host-groups/{groupid}/hosts',
                    {'hostIds': ids}, safe=True,
                    effects={HOSTS: _edit_hosts(lambda h: set_record_group(h, group_id), set(ids), only_path='/v2/hostswithgroups'),
                             ANTIVIRUS: _edit_av_hosts(lambda h: set_record_group(h, group_id), set(ids))})

    def delete_hosts(self, host_ids):
        ids = sorted({to_id(h) for h in host_ids})
        try:
            self._write('DELETE', '/v1/hosts', 'DELETE /v1/hosts', {'hostIds': ids}, safe=True,
                        effects={HOSTS: _drop_hosts('hosts', 'id', set(ids)),
                                 HOST_VALUES: _drop_hosts('hosts', 'id', set(ids)),
                                 ANTIVIRUS: _drop_hosts('hosts', 'hostId', set(ids))})
        except (BadRequestError, NotFoundError) as error:
            # The retry of a delete whose answer was lost names hosts that are gone.
            if not getattr(error, 'outcome_unknown', False):
                raise
            if set(self.account(fresh=True).hosts) & set(ids):
                raise
            for kind in (HOST_VALUES, ANTIVIRUS):
                self.client.cache.apply(kind)

    def create_connection(self, host_id, direct_link=False, fail_when_session_in_progress=True):
        """POST a remote-session link; the answer (undocumented) is returned as is and holds a secret link."""
        host_id = to_id(host_id)
        return self.client.request('POST', '/v1/hosts/%d/connection' % host_id, 'POST /v1/hosts/{host-id}/connection',
                                   {'directLink': bool(direct_link), 'failWhenRaSessionInProgress': bool(fail_when_session_in_progress)},
                                   safe=False)

    # Custom fields -----------------------------------------------------------------------

    def categories(self, fresh=False):
        """The custom-field categories: ``[{"id", "name", "values": [{"id", "name"}]}]``."""
        answer = self.client.get('/v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields/categories',
                                 CATEGORIES, fresh=fresh)
        return list((answer or {}).get('metadataCategories') or [])

    def host_values(self, fresh=False):
        """``{host_id: {category_id: value_id}}`` for the hosts that carry values."""
        answer = self.client.get('/v1/hosts/custom-fields', 'GET /v1/hosts/custom-fields', HOST_VALUES, fresh=fresh)
        values = {}
        for host in (answer or {}).get('hosts') or []:
            host_id = record_id(host)
            if host_id is None:
                raise CentralError('GET /v1/hosts/custom-fields: the answer names a host by %r, which is not a numeric id'
                                   % (host.get('id') if isinstance(host, dict) else host,), action='GET /v1/hosts/custom-fields')
            values[host_id] = dict(
                (item.get('categoryId', item.get('categoryid')), item.get('valueId', item.get('valueid')))
                for item in host.get('metadata') or [])
        return values

    def custom_field_values(self, fresh=False):
        """``(categories, host_values)`` that agree with each other.

        Cached answers may list a value written in this run under a provisional id, and the
        two answers may come from different moments: a value a host carries is looked up
        by name when its id is provisional, and categories that know provisional values
        but not a host's value are read again.
        """
        categories = self.categories(fresh=fresh)
        host_values = self.host_values(fresh=fresh)
        if not fresh and _has_provisional_values(categories) and _unlisted_values(categories, host_values):
            categories = self.categories(fresh=True)
        by_name = dict(((c.get('id'), v.get('name')), v.get('id')) for c in categories for v in c.get('values') or ())
        for by_category in host_values.values():
            for category_id, value_id in list(by_category.items()):
                if is_provisional_value_id(value_id):
                    by_category[category_id] = by_name.get((category_id, value_id[len(PROVISIONAL_VALUE_PREFIX):]), value_id)
        return categories, host_values

    def create_category(self, name):
        """Create a category and return it as ``{"id", "name", "values"}``.

        A create is not idempotent, so two runs that both planned it (from a cached read, or
        at the same moment) must not both send it. Under the account's create lock, held by
        one process of this controller at a time, the categories are read afresh: a category
        of that name created meanwhile is returned instead of a second one. (Two controllers
        that do not share a state directory can still race.)

        The create's answer is undocumented: the new id is learned by re-reading. When the
        answer is lost, the re-read tells whether the create happened; a create it does not
        show fails with ``outcome_unknown`` and is never sent a second time.
        """
        path, action = '/v1/hosts/custom-fields/categories', 'POST /v1/hosts/custom-fields/categories'
        with self.client.create_lock():
            categories = self.categories(fresh=True)
            existing = [c for c in categories if c.get('name') == name]
            if existing:
                return existing[0]
            known = {c.get('id') for c in categories}
            token = self.client.cache.write_started([CATEGORIES])
            try:
                return self._create_category(name, known, path, action)
            finally:
                self.client.cache.write_ended(token)

    def _create_category(self, name, known, path, action):
        try:
            answer = self.client.request('POST', path, action, {'name': name}, safe=False)
        except (TransportError, ServerError) as error:
            self.client.cache.apply(CATEGORIES)
            created = self._new_categories(name, known)
            if created:
                return created[0]
            error.outcome_unknown = True
            error.message += ('; a fresh read does not list the category %r, so it may still appear: it was not sent '
                              'again, and a later run creates it only if it is still missing' % name)
            error.args = (error.message,)
            raise error
        if isinstance(answer, dict) and answer.get('id'):
            category = {'id': answer['id'], 'name': answer.get('name', name), 'values': []}
            self.client.cache.apply(CATEGORIES, lambda p, data: _append_category(data, category))
            return category
        self.client.cache.apply(CATEGORIES)
        created = self._new_categories(name, known)
        if not created:
            raise CentralError('LogMeIn Central accepted the new category %r but does not list it' % name, action=action)
        return created[0]

    def rename_category(self, category_id, name):
        self._write('PUT', '/v1/hosts/custom-fields/categories/%s' % category_id,
                    'PUT /v1/hosts/custom-fields/categories/{category-id}', {'name': name}, safe=True,
                    effects={CATEGORIES: _edit_categories(category_id, lambda c: c.update(name=name))})

    def delete_category(self, category_id):
        try:
            self._write('DELETE', '/v1/hosts/custom-fields/categories/%s' % category_id,
                        'DELETE /v1/hosts/custom-fields/categories/{category-id}', None, safe=True,
                        effects={CATEGORIES: _edit_categories(category_id, None),
                                 HOST_VALUES: _drop_host_values(category_id, None)})
        except (BadRequestError, NotFoundError) as error:
            # The retry of a delete whose answer was lost names a category that is gone.
            if not getattr(error, 'outcome_unknown', False) or any(c.get('id') == category_id for c in self.categories(fresh=True)):
                raise
            self.client.cache.apply(HOST_VALUES)

    def set_host_value(self, host_id, category_id, value):
        """Set a host's value, and keep the cached categories and host values up to date.

        Central gives a value name it has not seen a new id, and does not say which. The
        cached category then lists the value under a provisional id (see
        ``is_provisional_value_id``) until Central is read again, so a following task in
        the run still knows every host's value without a re-read.
        """
        host_id = to_id(host_id)
        cached, value_id = self._cached_value_id(category_id, value)
        if not cached:
            effects = {HOST_VALUES: None, CATEGORIES: None}
        elif value_id is None:
            value_id = PROVISIONAL_VALUE_PREFIX + str(value)
            effects = {CATEGORIES: _add_value(category_id, value_id, value), HOST_VALUES: _set_host_value(host_id, category_id, value_id)}
        else:
            effects = {HOST_VALUES: _set_host_value(host_id, category_id, value_id)}
        self._write('POST', '/v1/hosts/%d/custom-fields/value-by-category/%s' % (host_id, category_id),
                    'POST /v1/hosts/{host-id}/custom-fields/value-by-category/{category-id}', {'value': value}, safe=True,
                    effects=effects)

    def delete_host_value(self, host_id, category_id):
        host_id = to_id(host_id)
        self._write('DELETE', '/v1/hosts/%d/custom-fields/value-by-category/%s' % (host_id, category_id),
                    'DELETE /v1/hosts/{host-id}/custom-fields/value-by-category/{category-id}', None, safe=True,
                    effects={HOST_VALUES: _drop_host_values(category_id, {host_id})})

    # Anti-virus --------------------------------------------------------------------------

    def antivirus_details(self, fresh=False, for_hosts=None):
        """``{"groups": [...], "hosts": [...]}`` with ``capabilities`` flattened into each host.

        The guide's example says ``hostGroups`` and nests ``capabilities``; its table says
        ``hostsGroups`` and flat fields. Both are accepted.

        A cached answer that anti-virus commands were sent since (see antivirus_action) is read
        afresh when the caller needs the whole estate (``for_hosts`` None) or one of the hosts
        commanded; a caller that needs only other hosts (``for_hosts``: their ids) reuses it.
        """
        path, action = '/v1/hosts/anti-virus/details', 'GET /v1/hosts/anti-virus/details'
        answer = self.client.get(path, action, ANTIVIRUS, fresh=fresh) or {}
        commanded = _commanded_hosts(answer)
        if commanded and not fresh and (for_hosts is None or commanded & set(for_hosts)):
            answer = self.client.get(path, action, ANTIVIRUS, fresh=True) or {}
        groups = answer.get('hostsGroups', answer.get('hostGroups')) or []
        hosts = []
        for host in answer.get('hosts') or []:
            flat = dict(host)
            capabilities = flat.pop('capabilities', None) or {}
            for key, value in capabilities.items():
                flat.setdefault(key, value)
            hosts.append(flat)
        return {'groups': list(groups), 'hosts': hosts}

    def antivirus_action(self, action, host_ids):
        """Send an anti-virus command; returns the service's ``commandStatuses`` list.

        A host runs the command later, when it gets it: the details the service answers do not
        change when the command is answered. So the cached details are kept, with the hosts
        commanded marked in them (antivirus_details reads afresh for those): the remediations of
        one poll of the EDA source, each on its own host, cost their commands alone.
        """
        path = AV_ACTION_PATHS[action]
        targets = sorted({to_id(h) for h in host_ids})
        body = {'targetHostIds': targets}
        try:
            answer = self.client.request('POST', path, 'POST ' + path, body, safe=False)
        except NotFoundError:
            if action != 'enable_realtime_protection':
                raise
            answer = self.client.request('POST', AV_REALTIME_ALTERNATIVE_PATH, 'POST ' + AV_REALTIME_ALTERNATIVE_PATH, body, safe=False)
        finally:
            self.client.cache.apply(ANTIVIRUS, _mark_commanded(targets))
        return list((answer or {}).get('commandStatuses') or [])

    # Users -------------------------------------------------------------------------------

    def users(self, fresh=False):
        """``{"mahData": {...}, "usersData": [...]}``."""
        return self.client.get('/v2/users', 'GET /v2/users', USERS, fresh=fresh) or {}

    # Inventory reports -------------------------------------------------------------------

    def inventory_fields(self, kind):
        """The field names the service offers for ``system`` or ``hardware`` inventory."""
        kind = _inventory_kind(kind)
        path = '/v1/inventory/%s/fields' % kind
        return list(self.client.get(path, 'GET ' + path, FIELDS) or [])

    def create_inventory_report(self, kind, host_ids, fields):
        """Create a report; returns ``{"token", "expires"}``. Creating a report only reads, so it is retried.

        Read it with ``read_inventory_report(kind, token, created_for=host_ids)``: its first page may not be ready yet.
        """
        kind = _inventory_kind(kind)
        path = '/v1/inventory/%s/reports' % kind
        answer = self.client.request('POST', path, 'POST ' + path,
                                     {'hostIds': sorted({to_id(h) for h in host_ids}), 'fields': list(fields)}, safe=True)
        if not isinstance(answer, dict) or not answer.get('token'):
            raise CentralError('LogMeIn Central created the %s inventory report but did not answer its token' % kind,
                               action='POST ' + path)
        return answer

    def active_inventory_report(self, kind):
        """The account's active report ``{"token", "expires"}``, or None when there is none."""
        kind = _inventory_kind(kind)
        path = '/v1/inventory/%s/reports' % kind
        try:
            answer = self.client.request('GET', path, 'GET ' + path)
        except NotFoundError:
            return None
        if not isinstance(answer, dict) or not answer.get('token'):
            return None
        return answer

    def read_inventory_report(self, kind, token, created_for=None):
        """Read every continuation page of a report; returns ``{host_id: data}``.

        A page names the next one in ``report.token`` (the guide) or in a top-level
        ``continuation_token``; ``report.token`` wins when both are there, and a null or
        empty token ends the report. ``created_for`` (the host ids of a report this run
        has just created) says that the first page may not be ready yet: see
        ``_first_report_page``. Without it a 404 is an error at once.
        """
        kind = _inventory_kind(kind)
        action = 'GET /v1/inventory/%s/reports/{token}' % kind
        hosts = {}
        seen = set()
        pages = -(-len(created_for) // REPORT_PAGE_SIZE) if created_for else None
        for number in range(MAX_REPORT_PAGES):
            seen.add(token)
            if number > 0 and pages:
                self._check_time_to_read(kind, action, pages, number)
            if number == 0 and created_for is not None:
                page = self._first_report_page(kind, token, action, bool(created_for))
            else:
                page = self._report_page(kind, token, action)
            for key, data in (page.get('hosts') or {}).items():
                try:
                    hosts[to_id(key)] = data
                except ValueError:
                    raise CentralError('the %s inventory report names a host %r that is not a host id' % (kind, key),
                                       action=action) from None
            token = self._continuation_token(page)
            if not token:
                return hosts
            if token in seen:
                raise CentralError('the %s inventory report repeats its continuation token; stopped reading' % kind, action=action)
        raise CentralError('the %s inventory report has more than %d pages; stopped reading' % (kind, MAX_REPORT_PAGES), action=action)

    def inventory_report(self, kind, host_ids, fields):
        """Create a report for these hosts and fields and read all of it, waiting for it to be ready."""
        ids = sorted({to_id(h) for h in host_ids})
        report = self.create_inventory_report(kind, ids, fields)
        return self.read_inventory_report(kind, report['token'], created_for=ids)

    def _check_time_to_read(self, kind, action, pages, number):
        """Before waiting for page ``number`` (from 0) of ``pages``: fail now if the pages left cannot fit in
        rate_limit_max_wait at the pacing learned for the action, and say once how long they take."""
        interval = self.client.limiter.interval(action)
        left = pages - number
        if not interval or left < 1:
            return
        needed = left * interval
        budget = self.client.settings.rate_limit_max_wait
        if needed > budget - self.client.waited:
            raise RateLimitError(
                '%s: the %s inventory report has %d pages of %d hosts, read at one page every %.0f s: the %d pages left '
                'take about %s, more than rate_limit_max_wait allows (%s s, %.0f s already spent waiting in this run). '
                'Raise rate_limit_max_wait to at least %d for this task, or read the report less often (report_facts '
                'in a scheduled job; see the inventory guide)'
                % (action, kind, pages, REPORT_PAGE_SIZE, interval, left, _minutes(needed), budget, self.client.waited,
                   60 * int(math.ceil((needed + self.client.waited) / 60.0))), action=action, status=429)
        notice = 'reading the %s inventory report (%d pages) takes about %s more at one page every %.0f s' % (
            kind, pages, _minutes(needed), interval)
        if left > 1 and kind not in self._timed_reports:
            self._timed_reports.add(kind)
            self.client.inform(notice)

    # Right after a report is created, its first page may answer 404 or be empty. It is read
    # this many times at most, waiting 2, 4, 8, ... s (at most 60 s) in between; the waits
    # count in rate_limit_max_wait.
    _REPORT_READY_ATTEMPTS = 5
    _REPORT_READY_FIRST_WAIT = 2.0
    _REPORT_READY_MAX_WAIT = 60.0

    def _report_page(self, kind, token, action):
        page = self.client.request('GET', '/v1/inventory/%s/reports/%s' % (kind, token), action)
        if page is None:
            return {}
        if not isinstance(page, dict):
            raise CentralError('a page of the %s inventory report is not a JSON object' % kind, action=action)
        return page

    def _first_report_page(self, kind, token, action, hosts_requested):
        """The first page of a report just created, once it is ready.

        Not ready: a 404, or, when the report covers hosts, a page without hosts whose
        continuation token is absent or its own token (a report of no hosts may be empty).
        """
        waited = 0.0
        for attempt in range(1, self._REPORT_READY_ATTEMPTS + 1):
            try:
                page = self._report_page(kind, token, action)
            except NotFoundError:
                last = 'HTTP 404'
            else:
                if not (hosts_requested and not page.get('hosts') and self._continuation_token(page) in (None, token)):
                    return page
                last = 'a first page without hosts'
            if attempt < self._REPORT_READY_ATTEMPTS:
                wait = min(self._REPORT_READY_FIRST_WAIT * 2 ** (attempt - 1), self._REPORT_READY_MAX_WAIT)
                self.client.wait_for(action, wait, 'for the %s inventory report to be ready' % kind)
                waited += wait
        raise CentralError('%s: the %s inventory report was not ready after %d attempts over %.0f s (last answer: %s); '
                           'try again later' % (action, kind, self._REPORT_READY_ATTEMPTS, waited, last), action=action)

    @staticmethod
    def _continuation_token(page):
        """The token of the next page: ``report.token`` when the page has it, else ``continuation_token``; None at the end."""
        report = page.get('report')
        if isinstance(report, dict) and 'token' in report:
            return report['token'] or None
        return page.get('continuation_token') or None

    # Reports -----------------------------------------------------------------------------

    def remote_access_report(self, start, end, with_groups=False):
        """Sessions between two dates (inclusive); longer ranges are split into three-month windows.

        Sessions are joined without duplicates, by ``sessionId``.
        """
        path = '/v1/reports/remote-access-with-groups' if with_groups else '/v1/reports/remote-access'
        sessions = {}
        order = []
        for window_start, window_end in split_report_windows(start, end):
            answer = self.client.request('POST', path, 'POST ' + path,
                                         {'startDate': window_start.isoformat(), 'endDate': window_end.isoformat()}, safe=True)
            for session in answer or []:
                key = session.get('sessionId')
                if key is None:
                    key = (session.get('hostId'), session.get('sessionStart'), session.get('sessionEnd'))
                if key not in sessions:
                    order.append(key)
                sessions[key] = session
        return [sessions[key] for key in order]

    def computer_status_report(self, group_ids=None, host_ids=None):
        """Computer status; empty lists mean every host."""
        body = {'groupIdList': sorted({to_id(g) for g in group_ids or []}),
                'hostIdList': sorted({to_id(h) for h in host_ids or []})}
        return list(self.client.request('POST', '/v1/reports/computer-status', 'POST /v1/reports/computer-status', body, safe=True) or [])

    def deleted_hosts_report(self, since):
        """Hosts deleted since a date; ``deletedReason`` is filled from ``deleteReason`` when needed."""
        answer = self.client.request('POST', '/v1/reports/deleted-hosts/', 'POST /v1/reports/deleted-hosts/',
                                     {'startDate': since.isoformat()}, safe=True) or []
        hosts = []
        for host in answer:
            entry = dict(host)
            if 'deletedReason' not in entry and 'deleteReason' in entry:
                entry['deletedReason'] = entry['deleteReason']
            hosts.append(entry)
        return hosts

    # Internals ---------------------------------------------------------------------------

    def _write(self, method, path, action, body, safe, effects):
        """Send a write, then bring the cached reads it changes up to date (or drop them).

        The write is recorded as in flight meanwhile: if the process dies before its effects
        are applied here, the next run drops those cached reads (see read_cache.py).
        """
        token = self.client.cache.write_started(effects)
        try:
            try:
                self.client.request(method, path, action, body, safe=safe)
            except (TransportError, ServerError):
                for kind in effects:
                    self.client.cache.apply(kind)
                raise
            for kind, transform in effects.items():
                self.client.cache.apply(kind, transform)
        finally:
            self.client.cache.write_ended(token)

    def _cached_value_id(self, category_id, value):
        """``(cached, id)``: whether the categories are cached, and the id of ``value`` in the category."""
        hit, answer = self.client.cache.get('/v1/hosts/custom-fields/categories', CATEGORIES)
        if not hit:
            return False, None
        for category in (answer or {}).get('metadataCategories') or []:
            if category.get('id') == category_id:
                for known in category.get('values') or []:
                    if known.get('name') == value:
                        return True, known.get('id')
                return True, None
        return False, None

    def _new_categories(self, name, known):
        """The categories called ``name`` that a fresh read lists and ``known`` (ids) did not."""
        return [c for c in self.categories(fresh=True) if c.get('name') == name and c.get('id') not in known]


# Where a connection answer may hold its link: the emulator's and the names public clients read.
CONNECTION_LINK_KEYS = ('connectionUrl', 'url', 'connectionURL', 'connectionLink', 'link')


def _minutes(seconds):
    return '%d min' % max(1, round(seconds / 60.0)) if seconds >= 60 else '%.0f s' % seconds


def connection_url(answer):
    """The link of a connection answer, whatever its (undocumented) key; None when it has none.

    A known key first; else the answer's only value that is an http(s) URL.
    """
    if not isinstance(answer, dict):
        return None
    for key in CONNECTION_LINK_KEYS:
        if isinstance(answer.get(key), str) and answer[key]:
            return answer[key]
    links = [value for value in answer.values() if isinstance(value, str) and value.lower().startswith(('https://', 'http://'))]
    return links[0] if len(links) == 1 else None


def _inventory_kind(kind):
    if kind not in INVENTORY_KINDS:
        raise ValueError('inventory kind must be one of %s, got %r' % (', '.join(INVENTORY_KINDS), kind))
    return kind


def _edit_hosts(edit, ids, only_path=None):
    def transform(path, data):
        if only_path and path != only_path:
            return data
        for host in (data or {}).get('hosts') or []:
            if record_id(host, 'id') in ids:
                edit(host)
        return data
    return transform


def _edit_av_hosts(edit, ids):
    def transform(path, data):
        for host in (data or {}).get('hosts') or []:
            if record_id(host, 'hostId') in ids:
                edit(host)
        return data
    return transform


# In a cached anti-virus details answer: the ids of the hosts anti-virus commands were sent to since it was read.
# Only this client writes it into the cache; an answer of the service that holds the key is read afresh once.
COMMANDED_HOSTS_KEY = 'logmein_central_commanded_hosts'


def _mark_commanded(ids):
    def transform(path, data):
        if isinstance(data, dict):
            data[COMMANDED_HOSTS_KEY] = sorted(_commanded_hosts(data) | set(ids))
        return data
    return transform


def _commanded_hosts(answer):
    marked = answer.get(COMMANDED_HOSTS_KEY) if isinstance(answer, dict) else None
    if not isinstance(marked, list):
        return set()
    return set(i for i in marked if isinstance(i, int) and not isinstance(i, bool))


def _drop_hosts(list_key, id_key, ids):
    def transform(path, data):
        if isinstance(data, dict) and isinstance(data.get(list_key), list):
            data[list_key] = [h for h in data[list_key] if record_id(h, id_key) not in ids]
        return data
    return transform


def _edit_categories(category_id, edit):
    """Apply ``edit`` to one category of a cached answer, or remove it when ``edit`` is None."""
    def transform(path, data):
        categories = (data or {}).get('metadataCategories') or []
        if edit is None:
            data['metadataCategories'] = [c for c in categories if c.get('id') != category_id]
        else:
            for category in categories:
                if category.get('id') == category_id:
                    edit(category)
        return data
    return transform


def _drop_host_values(category_id, host_ids):
    """Remove a category's values from cached host values, of some hosts or (None) of all."""
    def transform(path, data):
        kept = []
        for host in (data or {}).get('hosts') or []:
            if host_ids is None or record_id(host, 'id') in host_ids:
                host['metadata'] = [m for m in host.get('metadata') or []
                                    if m.get('categoryId', m.get('categoryid')) != category_id]
            if host.get('metadata'):
                kept.append(host)
        if isinstance(data, dict):
            data['hosts'] = kept
        return data
    return transform


def _set_host_value(host_id, category_id, value_id):
    """Set one host's value id for a category in cached host values."""
    def transform(path, data):
        if not isinstance(data, dict):
            return data
        hosts = data.setdefault('hosts', [])
        entry = next((h for h in hosts if record_id(h, 'id') == host_id), None)
        if entry is None:
            entry = {'id': host_id, 'metadata': []}
            hosts.append(entry)
        entry['metadata'] = [m for m in entry.get('metadata') or []
                             if m.get('categoryId', m.get('categoryid')) != category_id]
        entry['metadata'].append({'categoryId': category_id, 'valueId': value_id})
        return data
    return transform


def _has_provisional_values(categories):
    return any(is_provisional_value_id(v.get('id')) for c in categories for v in c.get('values') or ())


def _unlisted_values(categories, host_values):
    """True when a host carries a (real) value id its cached category does not list."""
    listed = dict((c.get('id'), set(v.get('id') for v in c.get('values') or ())) for c in categories)
    return any(category_id in listed and value_id not in listed[category_id] and not is_provisional_value_id(value_id)
               for by_category in host_values.values() for category_id, value_id in by_category.items())


def _add_value(category_id, value_id, name):
    """List a new value in a cached category."""
    def transform(path, data):
        for category in (data or {}).get('metadataCategories') or []:
            if category.get('id') == category_id:
                category.setdefault('values', []).append({'id': value_id, 'name': name})
        return data
    return transform


def _append_category(data, category):
    if isinstance(data, dict):
        data.setdefault('metadataCategories', []).append(dict(category))
    return data
