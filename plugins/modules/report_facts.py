#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: report_facts
short_description: Gather facts about a LogMeIn Central account
description:
  - Reads what the LogMeIn Central API can tell about the account (hosts, computer groups, custom fields,
    anti-virus, users, system and hardware inventory, remote-access sessions, computer status, deleted
    hosts) and returns it as facts, under C(ansible_facts.central), one key per thing gathered.
  - B(The facts describe the Central account, not the host the task ran for.) Run the module once, on the
    controller, in a play on C(localhost) or with C(delegate_to=localhost) and C(run_once=true); playbooks then
    read C(ansible_facts.central.hosts) and so on.
  - It only reads, so it never changes anything and reports C(changed=false), in check mode too.
    Creating an inventory report is a read in the API's terms.
  - Facts are shaped for playbooks. Records are dicts with snake_case keys and the API's values, except that
    dates are rewritten in ISO 8601 (C(2019-02-25T11:33:40Z)) whatever format the API used. Inventory reports
    are keyed by host id (as text). Custom-field values are given by name. The anti-virus status is given as
    the API's code and by name.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  gather:
    description:
      - What to gather; V(all) gathers everything. Each item becomes the key of the same name in
        C(ansible_facts.central).
      - V(remote_access) needs O(start_date) and O(end_date); V(deleted_hosts) needs O(deleted_since).
    type: list
    elements: str
    choices: [all, hosts, groups, custom_fields, antivirus, users, system_inventory, hardware_inventory, remote_access,
              computer_status, deleted_hosts]
    default: [hosts, groups]
  hosts:
    description:
      - Host ids (integers or digit strings) that narrow the V(system_inventory), V(hardware_inventory) and
        V(computer_status) reports. With O(groups), the hosts named plus the hosts of the groups named.
      - Without O(hosts) and O(groups), those reports cover every host of the account.
      - Unknown ids fail the task, all of them named, before any report is created.
    type: list
    elements: raw
  groups:
    description:
      - Computer groups, by name or by id, that narrow the same reports as O(hosts);
        V(-1) stands for the hosts in no group.
      - Unknown groups fail the task, all of them named, before any report is created. A name several
        groups share, or a reference that is the id of one group and the name of another, is ambiguous and
        fails naming the candidates; refer to such a group by its id.
    type: list
    elements: raw
  system_fields:
    description:
      - The system inventory fields to report (for example V(OsType), V(LastBootDate)).
      - By default, every field the service offers. Unknown names fail the task, listing the valid ones.
    type: list
    elements: str
  hardware_fields:
    description:
      - The hardware inventory fields to report (for example V(CpuType), V(MemorySize)).
      - By default, every field the service offers. Unknown names fail the task, listing the valid ones.
    type: list
    elements: str
  use_active_report:
    description:
      - Read the account's active inventory report (the API's "active report token") instead of creating a new
        one, when one exists; otherwise create one as usual.
      - The active report holds the hosts and fields it was created with. O(hosts) and O(groups) still narrow
        the hosts returned; O(system_fields) and O(hardware_fields) are only checked.
    type: bool
    default: false
  start_date:
    description:
      - First day of the remote-access report, V(YYYY-MM-DD), inclusive. Required when V(remote_access) is gathered.
      - A range longer than the three calendar months the service accepts is split into windows it accepts;
        the sessions are joined, each once.
    type: str
  end_date:
    description:
      - Last day of the remote-access report, V(YYYY-MM-DD), inclusive; not before O(start_date).
        Required when V(remote_access) is gathered.
      - O(start_date), O(end_date) and O(deleted_since) may not be in the future, nor before V(2000-01-01)
        (so that a mistyped year cannot queue thousands of report calls).
    type: str
  with_groups:
    description:
      - Use the remote-access report with groups, which adds each session's C(group_id).
    type: bool
    default: false
  deleted_since:
    description:
      - The day from which deleted hosts are reported, V(YYYY-MM-DD). Required when V(deleted_hosts) is gathered.
    type: str
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
attributes:
  check_mode:
    details: It only reads; check mode gathers the same facts.
  diff_mode:
    support: N/A
    details: It changes nothing.
  facts:
    description: Returns C(ansible_facts.central), facts about the Central account (set on the host the task ran for).
    support: full
notes:
  - Every input is checked before anything is reported; missing or reversed dates fail before any API call.
  - Each kind of data is read with one call (plus one per page of an inventory report and one per three-month
    window of remote-access report), and reads are shared with the other modules of the collection through the
    read cache (O(read_cache_ttl)).
  - Facts returned by a module replace the whole C(ansible_facts.central) of an earlier run; register the
    result (C(result.ansible_facts.central)) to keep several gatherings apart.
seealso:
  - module: logmein.central.av_action
'''

EXAMPLES = r'''
- name: Gather the hosts and computer groups of the account
  logmein.central.report_facts:
  delegate_to: localhost
  run_once: true

- name: List the hosts that are offline
  ansible.builtin.debug:
    msg: "{{ ansible_facts.central.hosts | rejectattr('is_host_online') | map(attribute='description') | list }}"
  run_once: true

- name: Hardware inventory of two groups, CPU and memory only
  logmein.central.report_facts:
    gather: [hardware_inventory]
    groups: [Work Computers, Servers]
    hardware_fields: [CpuType, CpuNumberOfCores, MemorySize]
  delegate_to: localhost
  run_once: true

- name: Processor types of one host, from the report keyed by host id
  ansible.builtin.debug:
    msg: "{{ ansible_facts.central.hardware_inventory['1026433963'].processors | map(attribute='type') | list }}"
  run_once: true

- name: Remote-access sessions of the first half of 2025 (two report windows), with groups
  logmein.central.report_facts:
    gather: [remote_access]
    start_date: "2025-01-01"
    end_date: "2025-06-30"
    with_groups: true
  delegate_to: localhost
  run_once: true
  register: sessions

- name: Everything, reading the account's active inventory reports when they exist
  logmein.central.report_facts:
    gather: [all]
    use_active_report: true
    start_date: "2025-04-01"
    end_date: "2025-06-30"
    deleted_since: "2025-01-01"
  delegate_to: localhost
  run_once: true

- name: Hosts whose anti-virus needs attention
  ansible.builtin.debug:
    msg: "{{ ansible_facts.central.antivirus | selectattr('anti_virus_status_name', 'in', ['action_required', 'warning'])
             | map(attribute='host_description') | list }}"
  run_once: true
'''

RETURN = r'''
ansible_facts:
  description: Facts about the LogMeIn Central account (not about the host the task ran for).
  returned: always
  type: dict
  contains:
    central:
      description: One key per item of O(gather), only those gathered.
      returned: always
      type: dict
      contains:
        hosts:
          description: Every host of the account (C(GET /v2/hostswithgroups) and C(GET /v2/hosts)).
          returned: when V(hosts) is gathered
          type: list
          elements: dict
          contains:
            id:
              description: The host's id.
              type: int
              sample: 1026433963
            description:
              description: The computer description.
              type: str
              sample: TV Workstation
            host_name:
              description:
                - The machine's own name; null when the service does not give it.
                - Read from C(hostName) of C(GET /v2/hosts), which newer vendor docs add; the vendor's API guide does
                  not show it for that call, so it is optional.
              type: str
              sample: DESKTOP-7QK2J1X
            is_host_online:
              description: Whether the host is online.
              type: bool
              sample: true
            host_state_change_date:
              description: When the host last went online or offline, ISO 8601.
              type: str
              sample: "2017-12-06T20:36:00Z"
            group_id:
              description: The id of the host's computer group (C(groupid) in the vendor's API guide); V(-1) for a host in no group.
              type: int
              sample: 49932
            group_name:
              description: The name of the host's computer group; null for a host in no group.
              type: str
              sample: Work Computers
        groups:
          description: The computer groups (without the pseudo-group V(-1) of the hosts in no group).
          returned: when V(groups) is gathered
          type: list
          elements: dict
          contains:
            id:
              description: The group's id.
              type: int
              sample: 49932
            name:
              description: The group's name.
              type: str
              sample: Work Computers
            host_ids:
              description: The ids of the hosts in the group.
              type: list
              elements: int
              sample: [1026433963, 1026776926]
        custom_fields:
          description: The custom fields (categories), with the value each host carries, by name.
          returned: when V(custom_fields) is gathered
          type: list
          elements: dict
          contains:
            id:
              description: The custom field's id.
              type: str
              sample: 4a4e5dbd-7213-4f26-a43c-60848d9328fb
            name:
              description: The custom field's name.
              type: str
              sample: Location
            values_in_use:
              description:
                - The values in use, with their ids (not C(values), which Jinja reads as a method of dicts).
                - The id is V(null) for a value first written less than O(read_cache_ttl) seconds ago, until Central is read again.
              type: list
              elements: dict
              sample: [{"id": "90859768-277a-4542-976a-6ce41934ccf2", "name": "Budapest"}]
            hosts:
              description: The value of each host that carries one, keyed by host id (as text).
              type: dict
              sample: {"1026433963": "Budapest", "1026776926": "Chicago"}
        antivirus:
          description: The anti-virus details of every host (C(GET /v1/hosts/anti-virus/details)).
          returned: when V(antivirus) is gathered
          type: list
          elements: dict
          contains:
            host_id:
              description: The host's id.
              type: int
              sample: 1026433963
            host_description:
              description: The computer description.
              type: str
              sample: TV Workstation
            group_id:
              description: The id of the host's computer group; V(-1) for a host in no group.
              type: int
              sample: 729612
            group_name:
              description: The name of the host's computer group; null for a host in no group.
              type: str
              sample: New Group
            is_online:
              description: Whether the host is online.
              type: bool
              sample: true
            build_number:
              description: The build number of the host's operating system.
              type: int
              sample: 11660
            is_mac:
              description: Whether the host is a Mac.
              type: bool
              sample: false
            anti_virus_status:
              description: The API's status code, V(0) to V(5).
              type: int
              sample: 3
            anti_virus_status_name:
              description: >-
                The status by name: V(action_required) (0), V(warning) (1), V(unknown) (2), V(ok) (3),
                V(free_ok) (4), V(partial_ok) (5).
              type: str
              sample: ok
            anti_virus_name:
              description: The anti-virus product; null when the host has none.
              type: str
              sample: Kaspersky Endpoint Security, 11.0.0.6499
            is_real_time_protection_on:
              description: Whether real-time protection is on.
              type: bool
              sample: true
            is_virus_definition_up_to_date:
              description: Whether the virus definitions are up to date.
              type: bool
              sample: true
            virus_definition_version:
              description: The version of the virus definitions.
              type: str
              sample: "2018.10.15"
            last_full_scan_time:
              description: When the last full scan ran, ISO 8601; null when never.
              type: str
              sample: "2018-10-08T17:17:22Z"
            number_of_threats:
              description: The number of threats found.
              type: int
              sample: 0
            is_multiple_anti_virus_detected:
              description: Whether several anti-virus products are installed.
              type: bool
              sample: false
            can_report_threat_log:
              description: Whether the host can report a threat log.
              type: bool
              sample: true
            can_report_real_time_protection_status:
              description: Whether the host can report its real-time protection.
              type: bool
              sample: true
            kaspersky_install_supported:
              description: Whether Kaspersky can be installed through Central.
              type: bool
              sample: true
            has_kaspersky_installed:
              description: Whether Kaspersky is installed.
              type: bool
              sample: true
        users:
          description: The master account holder first, then the users of the account (C(GET /v2/users)).
          returned: when V(users) is gathered
          type: list
          elements: dict
          contains:
            id:
              description: The user's id.
              type: int
              sample: 1701472698
            email:
              description: The user's email address.
              type: str
              sample: john.doe@example.com
            first_name:
              description: The user's first name.
              type: str
              sample: John
            last_name:
              description: The user's last name.
              type: str
              sample: Doe
            is_enabled:
              description: Whether the user has accepted the invitation.
              type: bool
              sample: true
            is_pending:
              description: Whether the invitation waits for an answer (always V(false) for the account holder).
              type: bool
              sample: false
            last_login_date:
              description: The last login, ISO 8601; null when never.
              type: str
              sample: "2018-07-24T13:58:36Z"
            is_account_holder:
              description: Whether this is the master account holder.
              type: bool
              sample: false
        system_inventory:
          description:
            - The system inventory report, keyed by host id (as text). Each entry holds C(host_id) and the keys
              of the fields asked for, with dates in ISO 8601 at any depth.
            - The keys are the service's, converted to snake_case by the collection's one rule (acronyms kept whole,
              so C(iPAddress) becomes C(ip_address)); nested objects stay dicts and lists stay lists. The vendor's API
              guide names the fields (V(OsType), V(LastBootDate), ...) but shows only C(hostId), C(lastLogonUserName)
              and C(localUsers) in an entry, not the keys the other fields come back under.
            - The sample shows the shape with example keys; its C(os_type) and C(last_boot_date) are examples of the
              conversion, not documented names. Look at a real answer before relying on such a key.
            - Every continuation page of the report is read.
          returned: when V(system_inventory) is gathered
          type: dict
          sample: {"1026433963": {"host_id": 1026433963, "os_type": "Windows 11 Pro", "last_boot_date": "2025-06-16T08:18:03Z",
                                  "last_logon_user_name": ".\\John", "local_users": []}}
        hardware_inventory:
          description:
            - The hardware inventory report, keyed by host id (as text). Each entry holds C(host_id) and the keys
              of the fields asked for.
            - The keys are the service's, converted to snake_case as in RV(ansible_facts.central.system_inventory).
              The vendor's API guide names the fields (V(CpuType), V(MemorySize), ...) but shows only C(hostId),
              C(processors) (items with C(id), C(type), C(speed), C(numberOfCores), C(numberOfProcessors)) and
              C(batteries) in an entry, not the keys the other fields come back under.
            - The sample shows the shape with example keys; its C(memory_size) is an example of the conversion, not
              a documented name. Look at a real answer before relying on such a key.
            - Every continuation page of the report is read.
          returned: when V(hardware_inventory) is gathered
          type: dict
          sample: {"1026433963": {"host_id": 1026433963, "memory_size": 17179869184,
                                  "processors": [{"id": "1308394929", "type": "Intel(R) Core(TM) i5-6600K CPU @ 3.50GHz",
                                                  "speed": 3500, "number_of_cores": 4, "number_of_processors": 1}]}}
        remote_access:
          description:
            - The remote-access sessions that started between O(start_date) and O(end_date), each once, oldest
              window first.
          returned: when V(remote_access) is gathered
          type: list
          elements: dict
          contains:
            session_id:
              description: The session's id.
              type: int
              sample: 1000001
            host_id:
              description: The host's id.
              type: int
              sample: 1700985719
            group_id:
              description: The id of the host's group; null for a host in no group. Only with O(with_groups).
              type: int
              sample: 12345
            session_start:
              description: When the session started, ISO 8601.
              type: str
              sample: "2019-02-25T11:33:40Z"
            session_end:
              description: When the session ended, ISO 8601.
              type: str
              sample: "2019-02-25T11:36:15Z"
            user_ip:
              description: The IP address the session came from.
              type: str
              sample: 10.228.224.54
        computer_status:
          description: The computer status report, of the hosts O(hosts) and O(groups) select (by default every host).
          returned: when V(computer_status) is gathered
          type: list
          elements: dict
          contains:
            host_id:
              description: The host's id.
              type: int
              sample: 1700494403
            group_id:
              description: The id of the host's group; null for a host in no group.
              type: int
              sample: 705185
            computer_description:
              description: The computer description.
              type: str
              sample: TestComputer1
            product_type:
              description: Obsolete; always V(i).
              type: str
              sample: i
            subscription_type:
              description: The subscription type's code.
              type: int
              sample: 4
            subscription_type_name:
              description: The subscription type by name, V(basic), V(monthly), V(yearly) or V(yearly_direct); null for another code.
              type: str
              sample: yearly
            start_date:
              description: When the subscription started, ISO 8601.
              type: str
              sample: "2016-06-14T12:54:00Z"
            renewal_date:
              description: When the subscription renews, ISO 8601.
              type: str
              sample: "2017-06-14T00:00:00Z"
            status:
              description: The subscription state's code.
              type: int
              sample: 1
            status_name:
              description: >-
                The subscription state by name, V(marked_for_cancel), V(active), V(expired), V(banned) or
                V(cancelled); null for another code.
              type: str
              sample: active
            last_online:
              description: When the host was last online, ISO 8601.
              type: str
              sample: "2018-11-16T10:00:00Z"
            last_remote_session:
              description: When the host was last accessed, ISO 8601.
              type: str
              sample: "2018-10-17T09:56:00Z"
            last_known_ip_address:
              description: The host's last known IP address.
              type: str
              sample: 192.168.13.111
            install_date:
              description: When LogMeIn was installed on the host, ISO 8601.
              type: str
              sample: "2018-10-14T09:59:00Z"
            software_version:
              description: The version of the LogMeIn software on the host.
              type: int
              sample: 12112
        deleted_hosts:
          description: The hosts deleted since O(deleted_since), in the service's order.
          returned: when V(deleted_hosts) is gathered
          type: list
          elements: dict
          contains:
            host_id:
              description: The deleted host's id.
              type: int
              sample: 1700494420
            status:
              description: Always V(Deleted).
              type: str
              sample: Deleted
            host_name:
              description: The computer description the host had.
              type: str
              sample: TestComputer2
            deleted_reason:
              description: Why the host was deleted (the API spells the key C(deleteReason) or C(deletedReason)).
              type: str
              sample: Host deleted from website / API
            deleted_at:
              description: When the host was deleted, ISO 8601.
              type: str
              sample: "2018-07-05T11:30:00Z"
            installed_at:
              description: When the host software was installed, ISO 8601.
              type: str
              sample: "2016-10-20T11:29:00Z"
inventory_reports:
  description: How each inventory report gathered was obtained.
  returned: always
  type: dict
  contains:
    system:
      description: The system inventory report.
      returned: when V(system_inventory) is gathered
      type: dict
      contains:
        source:
          description: V(created) for a new report, V(active) for the account's active report (O(use_active_report)).
          type: str
          sample: active
        expires:
          description: When the report's token expires, ISO 8601; null when no report was needed (no host selected).
          type: str
          sample: "2026-11-25T22:25:50Z"
    hardware:
      description: The hardware inventory report, as RV(inventory_reports.system).
      returned: when V(hardware_inventory) is gathered
      type: dict
  sample: {"system": {"source": "created", "expires": "2026-11-25T22:25:50Z"}, "hardware": {"source": "active", "expires": "2026-11-25T22:20:12Z"}}
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 5
'''

import datetime

from ansible_collections.logmein.central.plugins.module_utils.dates import EARLIEST_REPORT_DAY, parse_user_date, to_iso8601
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.report_shaping import (
    GATHER_KEYS,
    gather_list,
    inventory_fields,
    resolve_group_ids,
    selected_host_ids,
    shape_antivirus,
    shape_computer_status,
    shape_custom_fields,
    shape_deleted_hosts,
    shape_groups,
    shape_hosts,
    shape_inventory,
    shape_remote_access,
    shape_users,
)
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids

INVENTORY = ('system_inventory', 'hardware_inventory')
NARROWED = INVENTORY + ('computer_status',)


def user_date(params, option, needed_by, gather, problems):
    """The date of ``option``: required when ``needed_by`` is gathered, checked whenever it is given."""
    value = params[option]
    if value is None or not str(value).strip():
        if needed_by in gather:
            problems.append('%s is required when %s is gathered' % (option, needed_by))
        return None
    try:
        return parse_user_date(value, option)
    except ValueError as error:
        problems.append(str(error))
        return None


def validate(params):
    """Everything that can be checked without the API; ValidationError naming every problem."""
    gather = gather_list(params['gather'])
    problems = []
    ids = []
    try:
        ids = host_ids(params['hosts'], 'hosts')
    except ValidationError as error:
        problems.append(error.message)
    bad_groups = [g for g in params['groups'] or () if isinstance(g, bool) or not isinstance(g, (str, int))]
    if bad_groups:
        problems.append('groups must be group names or ids; not groups: %s' % ', '.join(repr(g) for g in bad_groups))
    start = user_date(params, 'start_date', 'remote_access', gather, problems)
    end = user_date(params, 'end_date', 'remote_access', gather, problems)
    if start and end and end < start:
        problems.append('end_date %s is before start_date %s' % (end.isoformat(), start.isoformat()))
    since = user_date(params, 'deleted_since', 'deleted_hosts', gather, problems)
    # The latest day that is today somewhere (UTC+14): later dates are in the future everywhere.
    latest = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=14)).date()
    for option, day in (('start_date', start), ('end_date', end), ('deleted_since', since)):
        if day and day > latest:
            problems.append('%s %s is in the future' % (option, day.isoformat()))
        elif day and day < EARLIEST_REPORT_DAY:
            problems.append('%s %s is before %s, the earliest day a report may cover (a mistyped year?)'
                            % (option, day.isoformat(), EARLIEST_REPORT_DAY.isoformat()))
    if problems:
        raise ValidationError('invalid input, nothing was read: %s' % '; '.join(problems))
    return gather, ids, start, end, since


def ignored_options(params, gather):
    """Options given that have no effect on what is gathered."""
    ignored = []
    if (params['hosts'] or params['groups']) and not set(NARROWED) & set(gather):
        ignored.extend(option for option in ('hosts', 'groups') if params[option])
    for kind in ('system', 'hardware'):
        if params['%s_fields' % kind] and '%s_inventory' % kind not in gather:
            ignored.append('%s_fields' % kind)
    if params['use_active_report'] and not set(INVENTORY) & set(gather):
        ignored.append('use_active_report')
    if params['with_groups'] and 'remote_access' not in gather:
        ignored.append('with_groups')
    return ignored


def inventory(api, kind, selected, all_ids, fields, use_active):
    """``(report, how)``: the report of the selected hosts and how it was obtained."""
    if use_active:
        active = api.active_inventory_report(kind)
        if active:
            return api.read_inventory_report(kind, active['token']), _how('active', active)
    ids = all_ids if selected is None else selected
    if not ids:
        return {}, {'source': 'created', 'expires': None}
    created = api.create_inventory_report(kind, ids, fields)
    return api.read_inventory_report(kind, created['token'], created_for=ids), _how('created', created)


def _how(source, token):
    try:
        expires = to_iso8601(token.get('expires'))
    except ValueError:
        expires = token.get('expires')
    return {'source': source, 'expires': expires}


def run(central):
    params = central.params
    api = central.api
    gather, ids, start, end, since = validate(params)
    for option in ignored_options(params, gather):
        central.module.warn('%s has no effect on what is gathered (%s)' % (option, ', '.join(gather)))

    # Read what the input is checked against, then check it all before any report is created.
    narrows = set(NARROWED) & set(gather)
    account = None
    if {'hosts', 'groups'} & set(gather) or set(INVENTORY) & set(gather) or (narrows and (ids or params['groups'])):
        account = api.account()
    selected = None
    if narrows and (ids or params['groups']):
        account.require_hosts(ids, option='hosts')
        group_ids = resolve_group_ids(params['groups'], account)
        selected = selected_host_ids(account, ids, group_ids)
    fields = {}
    for key in INVENTORY:
        if key in gather:
            kind = key.split('_', 1)[0]
            option = '%s_fields' % kind
            fields[kind] = inventory_fields(params[option], api.inventory_fields(kind), option)

    facts, reports = {}, {}
    for key in gather:
        if key == 'hosts':
            facts[key] = shape_hosts(account, api.hosts())
        elif key == 'groups':
            facts[key] = shape_groups(account)
        elif key == 'custom_fields':
            facts[key] = shape_custom_fields(*api.custom_field_values())
        elif key == 'antivirus':
            facts[key] = shape_antivirus(api.antivirus_details())
        elif key == 'users':
            facts[key] = shape_users(api.users())
        elif key in INVENTORY:
            kind = key.split('_', 1)[0]
            report, reports[kind] = inventory(api, kind, selected, account.host_ids, fields[kind], params['use_active_report'])
            facts[key] = shape_inventory(report, selected)
        elif key == 'remote_access':
            facts[key] = shape_remote_access(api.remote_access_report(start, end, with_groups=params['with_groups']))
        elif key == 'computer_status':
            if selected is None:
                facts[key] = shape_computer_status(api.computer_status_report())
            else:
                facts[key] = shape_computer_status(api.computer_status_report(host_ids=selected) if selected else [])
        elif key == 'deleted_hosts':
            facts[key] = shape_deleted_hosts(api.deleted_hosts_report(since))
    return {'changed': False, 'ansible_facts': {'central': facts}, 'inventory_reports': reports}


def main():
    central = CentralModule(
        argument_spec=dict(
            gather=dict(type='list', elements='str', default=['hosts', 'groups'], choices=['all'] + list(GATHER_KEYS)),
            hosts=dict(type='list', elements='raw'),
            groups=dict(type='list', elements='raw'),
            system_fields=dict(type='list', elements='str'),
            hardware_fields=dict(type='list', elements='str'),
            use_active_report=dict(type='bool', default=False),
            start_date=dict(type='str'),
            end_date=dict(type='str'),
            with_groups=dict(type='bool', default=False),
            deleted_since=dict(type='str'),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
