#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: av_action
short_description: Send an anti-virus command to many LogMeIn Central hosts in one call
description:
  - Sends one anti-virus command (enable real-time protection, full scan, refresh status or update
    virus definitions) to many hosts with one API call, and reports the service's answer per host.
  - Reads the anti-virus details of the hosts first. Hosts without anti-virus, and hosts whose
    anti-virus status is Unknown, are skipped for every action.
  - With O(only_when_needed), hosts that do not need the command are skipped too, so that
    V(enable_realtime_protection) and V(update_definition) are idempotent.
  - Offline hosts are sent the command; the service decides, and its answer (usually
    C(sentSuccessfully=false)) is reported in RV(unsent).
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  action:
    description:
      - The command to send.
      - V(enable_realtime_protection) uses the path the vendor's guide documents
        (C(/v1/anti-virus/actions/enable-realtimetypeprotection)); when the service answers 404 it tries
        the path other public clients use (C(.../enable-realtimeprotection)) once.
      - V(full_scan) starts a full scan, V(refresh_status) asks the host to report its anti-virus status
        again, V(update_definition) updates the virus definitions.
    type: str
    required: true
    choices: [enable_realtime_protection, full_scan, refresh_status, update_definition]
  hosts:
    description:
      - Ids of the hosts to send the command to; integers or digit strings. Duplicates are sent once.
      - Every id is checked against the account before anything is sent; unknown ids fail the task,
        all of them named.
      - An empty list sends nothing.
    type: list
    elements: raw
    required: true
  only_when_needed:
    description:
      - Skip the hosts that do not need the command.
      - For V(enable_realtime_protection), the hosts whose real-time protection is already on, and
        those that cannot report it (C(canReportRealTimeProtectionStatus) false).
      - For V(update_definition), the hosts whose virus definitions are up to date.
      - V(full_scan) and V(refresh_status) are always sent (to hosts with anti-virus and a known status).
    type: bool
    default: true
  fail_on_unsent:
    description:
      - Fail the task when the service did not send the command to some hosts (RV(unsent) is not
        empty). The result still reports everything (RV(sent), RV(unsent), RV(skipped_hosts),
        RV(command_statuses)).
      - Set to V(false) to report unsent hosts without failing, for example when offline hosts are expected.
    type: bool
    default: true
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
attributes:
  check_mode:
    details: Reads the anti-virus details and reports in RV(sent) the hosts the command would be sent to; sends nothing.
  diff_mode:
    support: none
  idempotent:
    support: partial
    details:
      - With O(only_when_needed), V(enable_realtime_protection) and V(update_definition) skip the hosts
        already done, once the service reports them done.
      - V(full_scan) and V(refresh_status) send the command every time.
notes:
  - The API answers each command with C(commandStatuses), one C(sentSuccessfully) flag per host;
    a host it did not send the command to is a per-host failure, reported in RV(unsent).
  - A command being sent does not mean it has run; read the anti-virus details again later
    (M(logmein.central.report_facts) with C(gather=antivirus)) to see its effect.
seealso:
  - module: logmein.central.report_facts
'''

EXAMPLES = r'''
# These tasks run on the controller: in a play on localhost, or delegated there once.
- name: Read the anti-virus state of every host
  logmein.central.report_facts:
    gather: [antivirus]

- name: Turn on real-time protection wherever it is off
  logmein.central.av_action:
    action: enable_realtime_protection
    hosts: "{{ ansible_facts.central.antivirus | map(attribute='host_id') | list }}"
    fail_on_unsent: false
  register: realtime

- name: Show the hosts the service could not reach
  ansible.builtin.debug:
    msg: "Not sent to {{ realtime.unsent | join(', ') }}"
  when: realtime.unsent | length > 0

- name: Update the virus definitions of three hosts, only where they are out of date
  logmein.central.av_action:
    action: update_definition
    hosts: [1026433963, 1026776926, "1238899440"]

- name: Scan the hosts that report threats
  logmein.central.av_action:
    action: full_scan
    hosts: "{{ ansible_facts.central.antivirus | selectattr('number_of_threats', 'gt', 0) | map(attribute='host_id') | list }}"
'''

RETURN = r'''
sent:
  description:
    - Ids of the hosts the service sent the command to (C(sentSuccessfully=true)), in the order given.
    - In check mode, the hosts the command would be sent to.
  returned: always
  type: list
  elements: int
  sample: [1026433963, 1026776926]
unsent:
  description:
    - Ids of the hosts the command was sent for but that the service did not send it to
      (C(sentSuccessfully=false), or not listed in its answer), in the order given.
    - Always empty in check mode.
  returned: always
  type: list
  elements: int
  sample: [1238899440]
skipped_hosts:
  description:
    - The hosts the command was not sent for, each with the reason, in the order given.
    - Not named C(skipped), which Ansible reserves for a skipped task.
  returned: always
  type: list
  elements: dict
  contains:
    host_id:
      description: The host's id.
      type: int
      sample: 1022767460
    reason:
      description:
        - V(no_antivirus) (no anti-virus installed), V(status_unknown) (anti-virus status Unknown),
          V(realtime_protection_on), V(cannot_report_realtime_protection), V(definitions_up_to_date),
          or V(no_antivirus_details) (the host exists but the anti-virus details do not list it).
      type: str
      sample: no_antivirus
  sample: [{"host_id": 1022767460, "reason": "no_antivirus"}]
command_statuses:
  description: The service's answer, as returned; empty when nothing was sent (and in check mode).
  returned: always
  type: list
  elements: dict
  contains:
    targetHostId:
      description: The host's id.
      type: int
      sample: 1026433963
    sentSuccessfully:
      description: Whether the service sent the command to the host.
      type: bool
      sample: true
  sample: [{"targetHostId": 1026433963, "sentSuccessfully": true}, {"targetHostId": 1238899440, "sentSuccessfully": false}]
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 2
'''

from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule
from ansible_collections.logmein.central.plugins.module_utils.validation import host_ids, to_id

UNKNOWN_STATUS = 2


class UnsentCommands(CentralError):
    """The service did not send the command to some hosts; ``result`` reports everything."""

    kind = 'unsent'

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def skip_reason(action, host, only_when_needed):
    """Why the command is not sent to this host (one record of antivirus_details()), or None to send it."""
    if not host.get('antiVirusName'):
        return 'no_antivirus'
    try:
        status = to_id(host.get('antiVirusStatus'))
    except ValueError:
        status = None
    if status == UNKNOWN_STATUS:
        return 'status_unknown'
    if not only_when_needed:
        return None
    if action == 'enable_realtime_protection':
        if host.get('canReportRealTimeProtectionStatus') is False:
            return 'cannot_report_realtime_protection'
        if host.get('isRealTimeProtectionOn'):
            return 'realtime_protection_on'
    if action == 'update_definition' and host.get('isVirusDefinitionUpToDate'):
        return 'definitions_up_to_date'
    return None


def av_hosts(api, ids):
    """``{host_id: details}`` of the requested hosts; unknown ids fail before any write.

    The anti-virus details list every host of the account; a host they leave out is looked
    up in hostswithgroups, and is known (then skipped) only if that lists it.
    """
    details = {}
    for host in api.antivirus_details(for_hosts=ids)['hosts']:
        try:
            details[to_id(host.get('hostId'))] = host
        except ValueError:
            continue
    missing = [i for i in ids if i not in details]
    if missing:
        api.account().require_hosts(missing)
    return details


def run(central):
    params = central.params
    action = params['action']
    ids = list(dict.fromkeys(host_ids(params['hosts'], 'hosts')))
    if not ids:
        return {'changed': False, 'sent': [], 'unsent': [], 'skipped_hosts': [], 'command_statuses': []}
    details = av_hosts(central.api, ids)

    to_send, skipped = [], []
    for host_id in ids:
        host = details.get(host_id)
        reason = 'no_antivirus_details' if host is None else skip_reason(action, host, params['only_when_needed'])
        if reason:
            skipped.append({'host_id': host_id, 'reason': reason})
        else:
            to_send.append(host_id)

    if central.check_mode or not to_send:
        return {'changed': bool(to_send), 'sent': to_send, 'unsent': [], 'skipped_hosts': skipped, 'command_statuses': []}

    statuses = central.api.antivirus_action(action, to_send)
    answered = {}
    for status in statuses:
        try:
            answered[to_id(status.get('targetHostId'))] = status.get('sentSuccessfully') is True
        except ValueError:
            continue
    sent = [i for i in to_send if answered.get(i)]
    unsent = [i for i in to_send if not answered.get(i)]
    result = {'changed': bool(sent), 'sent': sent, 'unsent': unsent, 'skipped_hosts': skipped, 'command_statuses': statuses}
    if unsent and params['fail_on_unsent']:
        raise UnsentCommands('LogMeIn Central did not send the %s command to %d of %d hosts: %s'
                             % (action, len(unsent), len(to_send), ', '.join(str(i) for i in unsent)), result)
    return result


def main():
    central = CentralModule(
        argument_spec=dict(
            action=dict(type='str', required=True,
                        choices=['enable_realtime_protection', 'full_scan', 'refresh_status', 'update_definition']),
            hosts=dict(type='list', elements='raw', required=True),
            only_when_needed=dict(type='bool', default=True),
            fail_on_unsent=dict(type='bool', default=True),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
