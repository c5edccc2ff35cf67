# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""API answers shaped as Ansible facts: snake_case keys, codes given with their names.

The API writes keys in camelCase (``isVirusDefinitionUpToDate``, ``lastKnownIpAddress``).
Ansible variables are snake_case, so every record handed to a playbook (host variables
of the inventory plugin, module results) goes through these helpers, and the inventory
and the modules name the same datum the same way.

The one rule (``snake_case``), for keys at every depth of nested objects (lists stay
lists): words are split where a lower-case letter or a digit meets a capital, and
where a run of capitals meets a capitalised word; acronyms stay whole; then ``-`` and
spaces become ``_`` and everything is lower-cased. Three details keep acronyms whole:

- a single lower-case letter before a capital that is not the start of a word belongs
  to it (the API's camelCase of ``IPAddress`` is ``iPAddress``);
- an ``s`` right after an acronym and before a capital, a digit or the end is the
  acronym's plural and stays with it;
- a ``v`` and digits after an acronym are its version and stay with it.

==================================  ===================================
``iPAddress``                       ``ip_address``
``ipAddress``                       ``ip_address``
``mACAddress``                      ``mac_address``
``lastKnownIPAddress``              ``last_known_ip_address``
``lastKnownIpAddress``              ``last_known_ip_address``
``DHCPServer``                      ``dhcp_server``
``NetworkConnectionDHCPsServer``    ``network_connection_dhcps_server``
``primaryWINS``                     ``primary_wins``
``IPv6Address``                     ``ipv6_address``
``hardwareInfo``                    ``hardware_info``
``serviceTag``                      ``service_tag``
``numberOfCores``                   ``number_of_cores``
``osType``                          ``os_type``
``cpu2Speed``                       ``cpu2_speed``
``already_snake``                   ``already_snake``
==================================  ===================================
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# The anti-virus status codes of the guide (``antiVirusStatus``).
AV_STATUS_NAMES = {0: 'action_required', 1: 'warning', 2: 'unknown', 3: 'ok', 4: 'free_ok', 5: 'partial_ok'}

# A word boundary inside camelCase: "isOn" -> "is_On", "lastKnownIPAddress" -> "last_Known_IP_Address",
# but not inside an acronym's plural or version: "DHCPsServer" -> "DHCPs_Server", "IPv6Address" -> "IPv6_Address".
_CAMEL_BOUNDARY = re.compile(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])(?![A-Z]s(?![a-z])|[A-Z]v[0-9])')
# A single lower-case letter that starts an acronym: "iPAddress", "mACAddress".
_ACRONYM_START = re.compile(r'^[a-z](?=[A-Z](?![a-z]))')

# Cached per key: the same few dozen keys repeat in every host's record.
_SNAKE_CACHE = {}


def snake_case(name):
    """A key as snake_case, acronyms kept whole (the rule in this module's docstring).

    ``lastKnownIPAddress`` -> ``last_known_ip_address``; ``iPAddress`` -> ``ip_address``;
    ``NetworkConnectionDHCPsServer`` -> ``network_connection_dhcps_server``.
    """
    converted = _SNAKE_CACHE.get(name)
    if converted is None:
        words = _ACRONYM_START.sub(lambda match: match.group(0).upper(), name)
        converted = _CAMEL_BOUNDARY.sub('_', words).replace('-', '_').replace(' ', '_').lower()
        if len(_SNAKE_CACHE) < 10000:
            _SNAKE_CACHE[name] = converted
    return converted


def snake_case_keys(value):
    """A copy of ``value`` whose dict keys (at every depth) are snake_case; other values are kept."""
    if isinstance(value, dict):
        return dict((snake_case(key) if isinstance(key, str) else key, snake_case_keys(item)) for key, item in value.items())
    if isinstance(value, list):
        return [snake_case_keys(item) for item in value]
    return value


def code_name(names, code):
    """The name of an API code in the table ``names``; None when the code is unknown or not a number."""
    if isinstance(code, bool):
        return None
    try:
        return names.get(int(code))
    except (TypeError, ValueError):
        return None


def av_status_name(code):
    """The name of an ``antiVirusStatus`` code (``ok``, ``warning``, ...); None when the code is unknown."""
    return code_name(AV_STATUS_NAMES, code)


def antivirus_facts(host):
    """One host of CentralApi.antivirus_details() (capabilities already flat) as facts.

    The status is given both as the API's code (``anti_virus_status``) and by name
    (``anti_virus_status_name``: action_required, warning, unknown, ok, free_ok, partial_ok).
    """
    facts = snake_case_keys(host)
    facts['anti_virus_status_name'] = av_status_name(facts.get('anti_virus_status'))
    return facts


def computer_status_facts(entry):
    """One entry of CentralApi.computer_status_report() as facts (``last_known_ip_address``, ...)."""
    return snake_case_keys(entry)


def inventory_facts(entry):
    """One host's entry of a system or hardware inventory report as facts (``os_type``, ``processors``, ...)."""
    return snake_case_keys(entry)
