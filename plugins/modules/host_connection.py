#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: host_connection
short_description: Create a remote-session link to a LogMeIn Central host
description:
  - Creates a link that opens a remote session to a host, and returns the service's answer.
  - A new link is created every time the task runs (so it always reports a change); check mode
    creates nothing.
  - The link grants access to the computer. It is never put in warnings or error messages, but
    it is in the task's result; set the task keyword C(no_log) to V(true) when logs are kept, and
    pass the registered result only to where the link is needed.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  host_id:
    description:
      - The id of the host to connect to.
    type: int
    required: true
  direct_link:
    description:
      - Create a direct link to the host.
    type: bool
    default: false
  fail_when_session_in_progress:
    description:
      - Fail instead of creating a link when the host already has a live remote session.
    type: bool
    default: true
extends_documentation_fragment:
  - logmein.central.connection
  - logmein.central.attributes
attributes:
  diff_mode:
    support: none
  idempotent:
    support: none
    details: Every run creates a new link.
seealso:
  - module: logmein.central.host_description
'''

EXAMPLES = r'''
- name: Create a link to a helpdesk computer
  logmein.central.host_connection:
    host_id: 1026433963
    fail_when_session_in_progress: true
  delegate_to: localhost
  run_once: true
  no_log: true
  register: helpdesk_link

- name: Hand the link to the ticketing system only
  ansible.builtin.uri:
    url: https://tickets.example.com/api/tickets/4711/links
    method: POST
    body_format: json
    body:
      link: "{{ helpdesk_link.url }}"
  delegate_to: localhost
  run_once: true
  no_log: true
'''

RETURN = r'''
url:
  description:
    - The link, a secret, whatever key the service's answer holds it under. The vendor's API guide does not
      document the answer; public clients read C(url). The module looks under C(connectionUrl), C(url),
      C(connectionURL), C(connectionLink) and C(link), else takes the answer's only http(s) URL.
      Null in check mode, and when the answer holds no link.
  returned: always
  type: str
  sample: https://secure.logmein.com/...
connection:
  description:
    - The service's answer, as returned, keys unchanged. It contains the link, a secret. Null in check mode.
    - The vendor's API guide does not document its shape; the sample shows one with example keys (those of the Central
      emulator's default answer), not documented names.
  returned: always
  type: dict
  sample: {"connectionUrl": "https://secure.logmein.com/...", "expires": "2026-11-25T21:00:00Z"}
host_id:
  description: The host the link is for.
  returned: always
  type: int
  sample: 1026433963
api_calls:
  description: The number of HTTP requests the task sent to the API (cached reads cost none).
  returned: always
  type: int
  sample: 2
'''

from ansible_collections.logmein.central.plugins.module_utils.central_api import connection_url
from ansible_collections.logmein.central.plugins.module_utils.module_support import CentralModule


def run(central):
    host_id = central.params['host_id']
    central.api.account().require_hosts([host_id], option='host_id')
    connection = None
    if not central.check_mode:
        connection = central.api.create_connection(host_id, direct_link=central.params['direct_link'],
                                                   fail_when_session_in_progress=central.params['fail_when_session_in_progress'])
    return {'changed': True, 'host_id': host_id, 'url': connection_url(connection), 'connection': connection}


def main():
    central = CentralModule(
        argument_spec=dict(
            host_id=dict(type='int', required=True),
            direct_link=dict(type='bool', default=False),
            fail_when_session_in_progress=dict(type='bool', default=True),
        ),
    )
    central.run(run)


if __name__ == '__main__':
    main()
