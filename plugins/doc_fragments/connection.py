# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    # Modules: options may come from the environment, but module docs carry no env entries.
    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - Root URL of the LogMeIn Central public API; the client adds C(/v1/...) and C(/v2/...) itself.
      - Point it at the Central emulator shipped in C(tests/emulator) to test playbooks offline.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_API_URL) is used.
    type: str
    default: https://secure.logmein.com/public-api
  company_id:
    description:
      - The company ID from the C(Configuration > API) tab of LogMeIn Central.
      - Required; if not set, the environment variable E(LOGMEIN_CENTRAL_COMPANY_ID) is used.
    type: str
  psk:
    description:
      - The pre-shared key (PSK) from the C(Configuration > API) tab of LogMeIn Central.
      - Required; if not set, the environment variable E(LOGMEIN_CENTRAL_PSK) is used.
      - It is never shown in output, logs, diffs, results or the client's state directory.
    type: str
  validate_certs:
    description:
      - Whether to validate the TLS certificate of the service.
      - Set to V(false) only to test against a server with a self-signed certificate; prefer O(ca_path).
      - If not set, the environment variable E(LOGMEIN_CENTRAL_VALIDATE_CERTS) is used.
    type: bool
    default: true
  allow_http:
    description:
      - Send the PSK to an C(http://) O(api_url) that is not this machine's loopback (C(localhost), 127.0.0.0/8, ::1).
        Without it such a URL is refused, since the PSK would cross the network unencrypted.
      - An O(api_url) other than the service's own gives a warning naming its host either way, since a playbook or
        an inventory file in Git could send the PSK that AWX injects to another server.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_ALLOW_HTTP) is used.
    type: bool
    default: false
  ca_path:
    description:
      - A CA bundle file to validate the service's certificate with, instead of the system's.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_CA_PATH) is used.
    type: path
  timeout:
    description:
      - Seconds to wait for the connection and for each part of an HTTP answer before the request counts as failed.
      - A request must also be complete within four times this (2 minutes by default), however the service sends
        its answer, and an answer is read up to 64 MiB; a larger one fails the call, naming the action.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_TIMEOUT) is used.
    type: float
    default: 30
  rate_limit_max_wait:
    description:
      - Total seconds one module run may spend waiting on the API's rate limit, waiting its turn
        behind other processes included. The API allows about one call of an action a minute.
      - Waits for a just-created inventory report to be ready (up to 5 reads of its first page, 2, 4,
        8 and 16 s apart) count in the same budget.
      - V(0) fails at the first C(429 Too Many Requests) answer.
      - When the budget would be exceeded the task fails naming the action; batch work into fewer
        tasks or raise the budget.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT) is used.
    type: int
    default: 300
  read_cache_ttl:
    description:
      - Seconds an API read is reused by any process on the controller with the same credentials,
        so consecutive tasks share one read. V(0) disables the read cache.
      - A write through the collection updates or drops the cached reads it changes.
      - If not set, the environment variable E(LOGMEIN_CENTRAL_READ_CACHE_TTL) is used.
    type: int
    default: 60
  state_url:
    description:
      - A Redis (or Valkey) server on which rate-limit pacing, the read cache and run locks are shared by every
        controller that is given the same URL, for example the jobs of an AWX cluster, each in its own container. Give
        C(redis://host:6379/0), or C(rediss://host:6380/0) for TLS (add C(?ssl_ca_certs=/path/ca.pem) for a private CA).
      - Not set, they are shared through the state directory of this controller only.
      - Secret (never shown), since the URL may hold a password (C(redis://:password@host:6379/0)).
      - When the server cannot be reached, at the start or during the run, the task warns once and goes on with
        the state directory; it never fails because of it. Each Redis command waits at most 2 seconds.
      - Needs the Python library C(redis) on the controller (it is in the collection's execution environment).
      - If not set, the environment variable E(LOGMEIN_CENTRAL_STATE_URL) is used.
    type: str
notes:
  - 'Run these modules on the controller (C(hosts: localhost), or C(delegate_to: localhost) with C(run_once)):
    the hosts of an inventory are not API endpoints.'
  - Rate-limit pacing and the read cache are shared by all processes through a state directory on the
    controller, C(~/.cache/logmein.central) by default (or E(XDG_CACHE_HOME)), overridden by E(LOGMEIN_CENTRAL_STATE_DIR),
    or by every controller given the same O(state_url) (a Redis server).
  - Set the connection options once for every module with C(module_defaults) and the action group
    C(group/logmein.central.central).
requirements:
  - requests (Python library, on the controller)
  - redis (Python library, on the controller; only with O(state_url))
'''

    # Plugins: the same options, with their environment variables.
    PLUGINS = r'''
options:
  api_url:
    description:
      - Root URL of the LogMeIn Central public API; the client adds C(/v1/...) and C(/v2/...) itself.
      - Point it at the Central emulator shipped in C(tests/emulator) to test offline.
    type: str
    default: https://secure.logmein.com/public-api
    env:
      - name: LOGMEIN_CENTRAL_API_URL
  company_id:
    description:
      - The company ID from the C(Configuration > API) tab of LogMeIn Central. Required.
    type: str
    env:
      - name: LOGMEIN_CENTRAL_COMPANY_ID
  psk:
    description:
      - The pre-shared key (PSK) from the C(Configuration > API) tab of LogMeIn Central. Required.
      - It is never shown in output, logs, inventory caches, host variables or the client's state directory.
    type: str
    env:
      - name: LOGMEIN_CENTRAL_PSK
  validate_certs:
    description:
      - Whether to validate the TLS certificate of the service.
      - Set to V(false) only to test against a server with a self-signed certificate; prefer O(ca_path).
    type: bool
    default: true
    env:
      - name: LOGMEIN_CENTRAL_VALIDATE_CERTS
  allow_http:
    description:
      - Send the PSK to an C(http://) O(api_url) that is not this machine's loopback (C(localhost), 127.0.0.0/8, ::1).
        Without it such a URL is refused, since the PSK would cross the network unencrypted.
      - An O(api_url) other than the service's own gives a warning naming its host either way, since an inventory
        file in Git could send the PSK that AWX injects to another server.
    type: bool
    default: false
    env:
      - name: LOGMEIN_CENTRAL_ALLOW_HTTP
  ca_path:
    description:
      - A CA bundle file to validate the service's certificate with, instead of the system's.
    type: path
    env:
      - name: LOGMEIN_CENTRAL_CA_PATH
  timeout:
    description:
      - Seconds to wait for the connection and for each part of an HTTP answer before the request counts as failed.
      - A request must also be complete within four times this (2 minutes by default), however the service sends
        its answer, and an answer is read up to 64 MiB; a larger one fails the call, naming the action.
    type: float
    default: 30
    env:
      - name: LOGMEIN_CENTRAL_TIMEOUT
  rate_limit_max_wait:
    description:
      - Total seconds one refresh may spend waiting on the API's rate limit, waiting its turn behind
        other processes included. The API allows about one call of an action a minute.
      - Waits for a just-created inventory report to be ready (up to 5 reads of its first page, 2, 4,
        8 and 16 s apart) count in the same budget.
      - V(0) fails at the first C(429 Too Many Requests) answer.
    type: int
    default: 300
    env:
      - name: LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT
  read_cache_ttl:
    description:
      - Seconds an API read is reused by any process on the controller with the same credentials.
        V(0) disables the read cache. This is not the inventory cache (O(cache)), which keeps answers
        for as long as its own timeout says.
    type: int
    default: 60
    env:
      - name: LOGMEIN_CENTRAL_READ_CACHE_TTL
  state_url:
    description:
      - A Redis (or Valkey) server on which rate-limit pacing, the read cache and run locks are shared by every
        controller that is given the same URL, for example the jobs of an AWX cluster, each in its own container. Give
        C(redis://host:6379/0), or C(rediss://host:6380/0) for TLS (add C(?ssl_ca_certs=/path/ca.pem) for a private CA).
      - Not set, they are shared through the state directory of this controller only.
      - Secret (never shown), since the URL may hold a password (C(redis://:password@host:6379/0)).
      - When the server cannot be reached, at the start or during the refresh, the plugin warns once and goes on
        with the state directory; it never fails because of it. Each Redis command waits at most 2 seconds.
      - Needs the Python library C(redis) on the controller (it is in the collection's execution environment).
    type: str
    env:
      - name: LOGMEIN_CENTRAL_STATE_URL
requirements:
  - requests (Python library, on the controller)
  - redis (Python library, on the controller; only with O(state_url))
'''
