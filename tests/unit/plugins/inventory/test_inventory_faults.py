# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory plugin's column of the fault matrix (tests/unit/plugins/modules/test_faults.py).

The plugin is built in process as in test_inventory_plugin.py, with system inventory fields so
that a refresh also creates and pages through an inventory report. Under each fault it either
builds the whole inventory or fails with one ``AnsibleParserError`` line naming the action.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleParserError

from ansible_collections.logmein.central.tests.unit.plugins.inventory.test_inventory_plugin import make_plugin
from ansible_collections.logmein.central.tests.unit.plugins.modules.test_faults import (  # pylint: disable=unused-import
    FAILS,
    MATRIX,
    SYSTEM_FIELDS,
    cases,
    check_clean_failure,
    check_failure_says,
    check_informative_failure,
    check_outcome,
    expire_while_reading,
    fast_time,
)

KEY_ACTION = 'POST /v1/inventory/system/reports'
PREFIX = 'LogMeIn Central inventory: '


def refresh(emulator, tmp_path, monkeypatch, **options):
    """Build the inventory; returns ``(plugin, error)``, one of them None."""
    plugin, path = make_plugin(emulator, tmp_path, monkeypatch, system_inventory_fields=SYSTEM_FIELDS, **options)
    try:
        plugin._build(path, True)  # pylint: disable=protected-access
    except AnsibleParserError as error:
        return plugin, error
    return plugin, None


def judge(emulator, plugin, error, fault_key):
    expected = MATRIX[fault_key]['inventory']
    if error is None:
        hosts = plugin.inventory.hosts
        assert sorted(h.vars['central_id'] for h in hosts.values()) == sorted(h['id'] for h in emulator.state_hosts())
        assert all({'last_boot_date', 'os_type'} <= set(h.vars['central_system_inventory']) for h in hosts.values())
    else:
        message = str(error)
        assert message.startswith(PREFIX), message
        check_clean_failure(message, message + repr(plugin.display.warnings), emulator.psk)
        check_failure_says(fault_key, message, emulator)
    check_outcome(expected, error is None, lambda: str(error))
    if error is not None:
        # The plugin only reads: its message must name the API action that failed (or the rate limit).
        named = next((e['action'] for e in emulator.log() if e['action'] and e['action'] in str(error)), None)
        check_informative_failure(str(error), named or 'an API action', write=False)


@pytest.mark.parametrize('fault, component', cases(['inventory']))
def test_inventory_fault(emulator, tmp_path, monkeypatch, fast_time, fault, component):  # pylint: disable=redefined-outer-name,unused-argument
    emulator.configure(page_size=20, **fault.config)
    emulator.set_faults(fault.rules(KEY_ACTION))
    plugin, error = refresh(emulator, tmp_path, monkeypatch, **fault.connection)
    assert any(rule['fired'] for rule in emulator.faults()), 'the fault never fired'
    emulator.set_faults([])
    judge(emulator, plugin, error, fault.key)


def test_inventory_report_token_expiring_while_read(emulator, tmp_path, monkeypatch, fast_time):  # pylint: disable=redefined-outer-name,unused-argument
    emulator.configure(page_size=20)
    expire_while_reading(emulator)
    plugin, error = refresh(emulator, tmp_path, monkeypatch)
    assert MATRIX['expired_token']['inventory'].kind == FAILS
    judge(emulator, plugin, error, 'expired_token')
