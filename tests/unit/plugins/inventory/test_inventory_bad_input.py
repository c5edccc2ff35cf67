# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input for every option of the inventory plugin, written in an inventory file as a user would.

The file is parsed the way ``ansible-inventory`` does (``parse()``: ansible-core reads and
type-checks the options, then the plugin builds), against the in-thread emulator. Each case
asserts an AnsibleError whose one-line message names the option and/or the bad value, never
another exception (a traceback), never the PSK, and no API call when the input can be judged
without reading. Entries that match nothing (an unknown computer group or custom-field
category) are documented as warnings, not errors: those cases assert the warning names the value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.release import __version__ as ANSIBLE_VERSION

from ansible_collections.logmein.central.plugins.inventory import central
from ansible_collections.logmein.central.plugins.module_utils.connection_options import CONNECTION_OPTIONS, env_var
from ansible_collections.logmein.central.tests.unit.plugins.inventory.test_inventory_plugin import ALL_OPTIONS, Recorder

NAME = 'logmein.central.central'
DROP = object()
ERROR = 'error'
WARNING = 'warning'
OFFLINE = 'offline'
READS = 'reads'

# ansible-core's own options (constructed, inventory_cache) that take any value: core turns any value of a
# boolean into a boolean without complaint, and cache_prefix has no type, so there is no bad value to give them.
CORE_UNCHECKED = ('strict', 'use_extra_vars', 'leading_separator', 'cache', 'cache_prefix')

# Found by `make test-matrix`: ansible-core 2.18 converts an option of type int with a ValueError that
# has no message, so its "Invalid type for configuration option" error names the option and not the
# value (2.16, 2.17, 2.19 and later name both). Strict: a 2.18 that names the value fails the test.
CORE_218_INT = (pytest.mark.xfail(ANSIBLE_VERSION.startswith('2.18.'), strict=True,
                                  reason="ansible-core 2.18's message for an int option leaves the value out"),)


class Case:
    def __init__(self, option, value, expected, outcome=ERROR, calls=OFFLINE, extra=None, env=None, label=None, marks=()):
        self.option = option
        self.value = value
        self.expected = expected if isinstance(expected, (list, tuple)) else [expected]
        self.outcome = outcome
        self.calls = calls
        self.extra = extra or {}
        self.env = env or {}
        self.label = label
        self.marks = marks

    @property
    def id(self):  # pylint: disable=invalid-name
        if self.label:
            return '%s-%s' % (self.option, self.label)
        return '%s-%s' % (self.option, 'missing' if self.value is DROP else repr(self.value)[:30])


CASES = [
    Case('plugin', 'other.central', ['other.central']),
    Case('plugin', ['logmein.central.central'], ['plugin']),
    # naming
    Case('hostnames', ['fqdn'], ['hostnames', 'fqdn']),
    Case('hostnames', 'fqdn', ['hostnames', 'fqdn'], label='str'),
    Case('hostnames', [''], ['hostnames'], label='empty-item'),
    Case('hostnames', {'a': 1}, ['hostnames']),
    Case('hostnames', [['id']], ['hostnames']),
    # selection
    Case('include_offline', 'maybe', ['include_offline', 'maybe']),
    Case('computer_groups', {'name': 'x'}, ['computer_groups']),
    Case('computer_groups', ['No Such Group'], ["'No Such Group'"], outcome=WARNING, calls=READS),
    Case('computer_groups', [999999], ["'999999'"], outcome=WARNING, calls=READS, label='unknown-id'),
    Case('computer_groups', [{'a': 1}], ['computer_groups', "'a'"], label='dict-item'),
    Case('computer_groups', [True], ['computer_groups', 'True'], label='bool-item'),
    Case('exclude_hosts', {'a': 1}, ['exclude_hosts']),
    Case('exclude_hosts', ['web1'], ['exclude_hosts', "'web1'"]),
    Case('exclude_hosts', [1.5], ['exclude_hosts', '1.5']),
    Case('exclude_hosts', [''], ['exclude_hosts', "''"], label='empty-item'),
    # groups
    Case('host_name_prefix', ' central_', ['host_name_prefix', "' central_'", 'white space']),
    Case('host_name_prefix', '{{ x }}', ['host_name_prefix', "'{{ x }}'", 'template marker']),
    Case('host_name_prefix', ['a'], ['host_name_prefix']),
    Case('computer_group_prefix', ['a'], ['computer_group_prefix']),
    Case('computer_group_prefix', {'a': 1}, ['computer_group_prefix']),
    Case('custom_field_groups', 'some', ['custom_field_groups', "'some'"]),
    Case('custom_field_groups', '', ['custom_field_groups', "''"], label='empty'),
    Case('custom_field_groups', [1], ['custom_field_groups', '[1]']),
    Case('custom_field_groups', {'a': 1}, ['custom_field_groups', "{'a': 1}"]),
    Case('custom_field_groups', ['No Such Field'], ['custom_field_groups', "'No Such Field'"], outcome=WARNING, calls=READS,
         label='unknown'),
    Case('state_url', 'http://127.0.0.1:6379/0', ['state_url', 'redis://']),
    Case('state_url', 'redis://127.0.0.1:6379/zero', ['state_url', 'database number'], label='database'),
    # A server that cannot be reached is a warning, and the inventory is built from the state directory.
    Case('state_url', 'redis://127.0.0.1:1/0', ['redis://127.0.0.1:1/0', 'cannot be used'], outcome=WARNING, calls=READS,
         label='unreachable'),
    Case('custom_field_group_prefix', ['x'], ['custom_field_group_prefix']),
    # extra data
    Case('antivirus', 'maybe', ['antivirus', 'maybe']),
    Case('computer_status', 'maybe', ['computer_status', 'maybe']),
    Case('system_inventory_fields', ['NoSuchField'], ['system_inventory_fields', 'NoSuchField', 'Valid fields'], calls=READS),
    Case('system_inventory_fields', {'a': 1}, ['system_inventory_fields']),
    Case('system_inventory_fields', [{'a': 1}], ['system_inventory_fields', "{'a': 1}"], label='dict-item'),
    Case('hardware_inventory_fields', ['NoSuchField'], ['hardware_inventory_fields', 'NoSuchField', 'Valid fields'], calls=READS),
    Case('hardware_inventory_fields', [''], ['hardware_inventory_fields'], label='empty-item'),
    Case('hardware_inventory_fields', 'x', ['hardware_inventory_fields', 'x'], calls=READS, label='str'),
    # connection
    Case('api_url', 'ftp://central.example', ['api_url', 'ftp://central.example']),
    Case('api_url', 'central.example/public-api', ['api_url', 'central.example/public-api'], label='no-scheme'),
    Case('api_url', ['https://central.example'], ['api_url']),
    Case('api_url', DROP, ['api_url', 'ftp://env.example'], env={env_var('api_url'): 'ftp://env.example'}, label='env-ftp'),
    Case('api_url', '', ['api_url is empty'], label='empty'),
    Case('company_id', '', ['company_id is required', env_var('company_id')], label='empty'),
    Case('company_id', DROP, ['company_id is required', env_var('company_id')]),
    Case('company_id', ['1'], ['company_id']),
    Case('company_id', 'not-our-company', ['authentication', 'company_id'], calls=READS, label='unknown'),
    Case('psk', '', ['psk is required', env_var('psk')], label='empty'),
    Case('psk', DROP, ['psk is required', env_var('psk')]),
    Case('psk', DROP, ['psk is required'], env={env_var('psk'): ''}, label='env-empty'),
    Case('psk', DROP, ['company_id is required'], extra={'company_id': DROP}, label='no-credentials'),
    Case('psk', 'wrong-psk', ['authentication', 'psk'], calls=READS, label='wrong'),
    Case('validate_certs', 'maybe', ['validate_certs', 'maybe']),
    Case('allow_http', 'maybe', ['allow_http', 'maybe']),
    Case('api_url', 'http://central.example/public-api', ['api_url', 'http://central.example/public-api', 'plain http', 'allow_http'],
         label='plain-http'),
    Case('ca_path', '/nonexistent/ca-bundle.pem', ['ca_path', '/nonexistent/ca-bundle.pem']),
    Case('ca_path', {'a': 1}, ['ca_path']),
    Case('timeout', 'abc', ['timeout', 'abc']),
    Case('timeout', -1, ['timeout', '-1']),
    Case('timeout', 0, ['timeout', '0']),
    Case('rate_limit_max_wait', 'abc', ['rate_limit_max_wait', 'abc'], marks=CORE_218_INT),
    Case('rate_limit_max_wait', -1, ['rate_limit_max_wait', '-1']),
    Case('read_cache_ttl', 'abc', ['read_cache_ttl', 'abc'], marks=CORE_218_INT),
    Case('read_cache_ttl', -1, ['read_cache_ttl', '-1']),
    # ansible-core's constructed and inventory_cache options
    Case('compose', ['x'], ['compose']),
    Case('groups', ['x'], ['groups']),
    Case('keyed_groups', 'x', ['keyed group', 'x'], calls=READS),
    Case('cache_plugin', 'no.such_cache', ['no.such_cache'], extra={'cache': True}),
    Case('cache_timeout', 'abc', ['cache_timeout', 'abc'], marks=CORE_218_INT),
    Case('cache_connection', ['x'], ['cache_connection']),
    # an option the plugin does not have
    Case('hostname', ['id'], ['unknown options hostname'], label='unknown-option'),
]


@pytest.fixture(scope='module', autouse=True)
def plugin_definitions():
    """The option definitions ansible-core's loader would register for the plugin (as ansible-inventory does)."""
    C.config.initialize_plugin_configuration_definitions('inventory', NAME, ALL_OPTIONS)


def parse_file(emulator, tmp_path, monkeypatch, options, env=None):
    """Write an inventory file with the connection options plus ``options`` and parse it; returns the plugin."""
    for name in CONNECTION_OPTIONS:
        monkeypatch.delenv(env_var(name), raising=False)
    monkeypatch.setenv('LOGMEIN_CENTRAL_STATE_DIR', str(tmp_path / 'state'))
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    config = {'plugin': NAME, 'api_url': emulator.api_url, 'company_id': str(emulator.company_id), 'psk': emulator.psk,
              'read_cache_ttl': 0}
    config.update(options)
    config = dict((key, value) for key, value in config.items() if value is not DROP)
    path = tmp_path / 'bad.central.yml'
    path.write_text(yaml.safe_dump(config), encoding='utf-8')
    plugin = central.InventoryModule()
    plugin.display = Recorder()
    # What the plugin loader sets on a plugin it loads.
    plugin._load_name = NAME  # pylint: disable=protected-access
    plugin._redirected_names = [NAME]  # pylint: disable=protected-access
    plugin._original_path = None  # pylint: disable=protected-access
    emulator.clear_log()
    plugin.parse(InventoryData(), DataLoader(), str(path), cache=True)
    return plugin


@pytest.mark.parametrize('case', [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_inventory_bad_input(emulator, tmp_path, monkeypatch, case):
    options = dict(case.extra)
    options[case.option] = case.value
    if case.outcome == WARNING:
        plugin = parse_file(emulator, tmp_path, monkeypatch, options, case.env)
        warnings = [w for w in plugin.display.warnings if all(text in w for text in case.expected)]
        assert warnings, 'no warning names %s: %s' % (case.expected, plugin.display.warnings)
    else:
        with pytest.raises(Exception) as info:
            parse_file(emulator, tmp_path, monkeypatch, options, case.env)
        error = info.value
        message = str(error)
        assert isinstance(error, AnsibleError), 'not an AnsibleError (a traceback for the user): %r' % (error,)
        assert message.strip(), 'an error without a message'
        for text in case.expected:
            assert text in message, 'message does not name %r: %s' % (text, message)
        assert 'Traceback' not in message
    log = emulator.log()
    assert [entry['action'] for entry in log if entry.get('write')] == []
    if case.calls == OFFLINE:
        assert [entry['action'] for entry in log] == [], 'input that needs no read was checked after API calls'


def test_inventory_bad_input_messages_never_show_the_psk(emulator, tmp_path, monkeypatch):
    with pytest.raises(AnsibleError) as info:
        parse_file(emulator, tmp_path, monkeypatch, {'timeout': -1})
    assert emulator.psk not in str(info.value)
    with pytest.raises(AnsibleError) as info:
        parse_file(emulator, tmp_path, monkeypatch, {'psk': emulator.psk + 'x'})
    assert emulator.psk not in str(info.value)


def test_inventory_the_baseline_file_builds(emulator, tmp_path, monkeypatch):
    plugin = parse_file(emulator, tmp_path, monkeypatch, {})
    assert len(plugin.inventory.hosts) == len(emulator.state_hosts())


def test_every_inventory_option_has_bad_input_cases():
    covered = set(case.option for case in CASES)
    missing = set(ALL_OPTIONS) - covered - set(CORE_UNCHECKED)
    assert missing == set(), 'inventory options without a bad-input case: %s' % sorted(missing)
    own = set(yaml.safe_load(central.DOCUMENTATION)['options']) | set(CONNECTION_OPTIONS)
    assert set(CORE_UNCHECKED) <= set(ALL_OPTIONS) - own, 'only ansible-core options may go unchecked'
    assert all(ALL_OPTIONS[name].get('type') in ('bool', 'boolean', None) for name in CORE_UNCHECKED)
    assert len(set(case.id for case in CASES)) == len(CASES), 'two cases share an id'
