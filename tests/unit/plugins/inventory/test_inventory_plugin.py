# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The plugin class in process, against the in-thread emulator: building, caching, errors, its documentation."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

import pytest

from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.doc_fragments import constructed, inventory_cache
from ansible.plugins.inventory import BaseInventoryPlugin

from ansible_collections.logmein.central.plugins.doc_fragments.connection import ModuleDocFragment as ConnectionFragment
from ansible_collections.logmein.central.plugins.inventory import central
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import NEEDS_WRAPPING

DOCS = yaml.safe_load(central.DOCUMENTATION)
FRAGMENT_OPTIONS = {}
for fragment in (ConnectionFragment.PLUGINS, constructed.ModuleDocFragment.DOCUMENTATION, inventory_cache.ModuleDocFragment.DOCUMENTATION):
    FRAGMENT_OPTIONS.update(yaml.safe_load(fragment)['options'])
ALL_OPTIONS = dict(FRAGMENT_OPTIONS, **DOCS['options'])


def trusted(template):
    """An expression from the inventory file, which Ansible trusts (2.19+ evaluates only trusted templates)."""
    try:
        from ansible.template import trust_as_template
    except ImportError:
        return template
    return trust_as_template(template)


class Recorder:
    """Stands in for Display: keeps warnings and verbose messages."""

    def __init__(self):
        self.warnings = []
        self.verbose = []

    def warning(self, message, *args, **kwargs):
        self.warnings.append(message)

    def v(self, message, *args, **kwargs):  # pylint: disable=invalid-name
        self.verbose.append(message)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def make_plugin(emulator, tmp_path, monkeypatch, store=None, **options):
    monkeypatch.setenv('LOGMEIN_CENTRAL_STATE_DIR', str(tmp_path / 'state'))
    path = tmp_path / 'test.central.yml'
    path.write_text('plugin: logmein.central.central\n', encoding='utf-8')
    plugin = central.InventoryModule()
    plugin.display = Recorder()
    BaseInventoryPlugin.parse(plugin, InventoryData(), DataLoader(), str(path))
    values = dict((name, spec.get('default')) for name, spec in ALL_OPTIONS.items())
    values.update(api_url=emulator.api_url, company_id=emulator.company_id, psk=emulator.psk, read_cache_ttl=0)
    values.update(options)
    plugin._options = values  # pylint: disable=protected-access
    plugin._cache = {} if store is None else store  # pylint: disable=protected-access
    return plugin, str(path)


def build(emulator, tmp_path, monkeypatch, **options):
    """A plugin that has built its inventory (as parse does after reading the file)."""
    plugin, path = make_plugin(emulator, tmp_path, monkeypatch, **options)
    plugin._build(path, True)  # pylint: disable=protected-access
    return plugin


def actions(emulator):
    return [entry['action'] for entry in emulator.log()]


def test_builds_hosts_groups_and_unsafe_variables(emulator, tmp_path, monkeypatch):
    plugin = build(emulator, tmp_path, monkeypatch)
    inventory = plugin.inventory
    assert len(inventory.hosts) == len(emulator.state_hosts())
    assert actions(emulator) == ['GET /v2/hostswithgroups', 'GET /v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields']
    hostile = inventory.hosts[next(name for name, host in inventory.hosts.items() if '{{' in host.vars['central_description'])]
    assert hostile.name == str(hostile.vars['central_id'])
    if NEEDS_WRAPPING:
        from ansible.utils.unsafe_proxy import AnsibleUnsafe
        assert isinstance(hostile.vars['central_description'], AnsibleUnsafe)
        assert all(isinstance(v, AnsibleUnsafe) for v in hostile.vars['central_custom_fields'].values())
    assert 'Work_Computers' in inventory.groups and 'Location_Budapest' in inventory.groups
    assert any('is not used as its name' in w for w in plugin.display.warnings)


def test_a_cached_run_makes_no_call_and_a_flush_reads_again(emulator, tmp_path, monkeypatch):
    cache = {}
    first = build(emulator, tmp_path, monkeypatch, store=cache, cache=True)
    assert len(cache) == 1 and emulator.psk not in repr(cache)
    emulator.clear_log()
    second = build(emulator, tmp_path, monkeypatch, store=cache, cache=True, compose={'x': trusted('central_id + 1')})
    assert actions(emulator) == []
    assert 'every answer came from the inventory cache' in second.display.verbose[-1]
    assert all(int(h.vars['x']) == h.vars['central_id'] + 1 for h in second.inventory.hosts.values())  # a str on 2.16
    third, path = make_plugin(emulator, tmp_path, monkeypatch, store=cache, cache=True, read_cache_ttl=60)
    third._build(path, False)  # pylint: disable=protected-access  # --flush-cache
    assert len(actions(emulator)) == 3


def test_an_option_that_needs_more_data_reads_only_that(emulator, tmp_path, monkeypatch):
    cache = {}
    build(emulator, tmp_path, monkeypatch, store=cache, cache=True)
    emulator.clear_log()
    plugin = build(emulator, tmp_path, monkeypatch, store=cache, cache=True, antivirus=True, hostnames=['host_name'])
    assert sorted(actions(emulator)) == ['GET /v1/hosts/anti-virus/details', 'GET /v2/hosts']
    assert all('central_antivirus' in h.vars and 'central_host_name' in h.vars for h in plugin.inventory.hosts.values())


def test_rate_limit_waits_are_verbose_messages(emulator, tmp_path, monkeypatch):
    emulator.configure(rate_limit_window=1)
    build(emulator, tmp_path, monkeypatch)
    plugin = build(emulator, tmp_path, monkeypatch)
    assert any(m.startswith('waiting ') and 'LogMeIn Central rate limit' in m for m in plugin.display.verbose)
    assert not plugin.display.warnings or all('rate limit' not in w for w in plugin.display.warnings)


@pytest.mark.parametrize('options, message', [
    ({'psk': 'wrong-psk'}, r'^LogMeIn Central inventory: authentication to LogMeIn Central failed \(HTTP 409'),
    ({'company_id': None}, r'^LogMeIn Central inventory: .*company_id'),
    ({'exclude_hosts': ['web1']}, r"exclude_hosts must list host ids \(integers\); not ids: 'web1'"),
    ({'custom_field_groups': 'some'}, r"custom_field_groups must be 'all' or a list of category names"),
    ({'hostnames': ['fqdn']}, r"hostnames: unknown name source\(s\) 'fqdn'"),
])
def test_errors_are_parser_errors_without_traceback_or_psk(emulator, tmp_path, monkeypatch, options, message):
    plugin, path = make_plugin(emulator, tmp_path, monkeypatch, **options)
    with pytest.raises(AnsibleParserError, match=message) as info:
        plugin._build(path, True)  # pylint: disable=protected-access
    assert emulator.psk not in str(info.value) and 'wrong-psk' not in str(info.value)
    assert '\n' not in str(info.value).strip()


@pytest.mark.parametrize('name, accepted', [('central.yml', True), ('logmein.central.yaml', True), ('prod-central.yml', True),
                                            ('central.json', False), ('inventory.yml', False)])
def test_verify_file(tmp_path, name, accepted):
    path = tmp_path / name
    path.write_text('plugin: logmein.central.central\n', encoding='utf-8')
    assert central.InventoryModule().verify_file(str(path)) is accepted


class ExamplesLoader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """Reads the examples' ``!vault`` value as the text it is."""


ExamplesLoader.add_constructor('!vault', lambda loader, node: loader.construct_scalar(node))


def test_the_examples_use_every_option():
    examples = list(yaml.load_all(central.EXAMPLES, Loader=ExamplesLoader))  # nosec - a safe loader
    used = set(key for example in examples for key in example)
    assert set(ALL_OPTIONS) - used == set()
    assert all(example['plugin'] == 'logmein.central.central' for example in examples)


def test_the_documentation_names_its_defaults():
    options = DOCS['options']
    assert options['hostnames']['default'] == ['description', 'id']
    assert options['custom_field_groups']['default'] == 'all'
    assert options['include_offline']['default'] is True
    enrichment = ('antivirus', 'computer_status', 'system_inventory_fields', 'hardware_inventory_fields')
    assert not any(options[name].get('default') for name in enrichment)
    assert 'version_added' not in DOCS and not any('version_added' in o for o in options.values())


EXAMPLE_FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'files')


def trusted_options(value):
    """Options as Ansible reads them from an inventory file: its strings are trusted templates."""
    if isinstance(value, dict):
        return dict((k, trusted_options(v)) for k, v in value.items())
    if isinstance(value, list):
        return [trusted_options(v) for v in value]
    return trusted(value) if isinstance(value, str) else value


@pytest.mark.parametrize('name', sorted(os.listdir(EXAMPLE_FILES)))
def test_the_example_files_work(emulator, tmp_path, monkeypatch, name):
    with open(os.path.join(EXAMPLE_FILES, name), encoding='utf-8') as handle:
        options = yaml.safe_load(handle)
    assert options.pop('plugin') == 'logmein.central.central' and name.endswith('central.yml')
    plugin = build(emulator, tmp_path, monkeypatch, **trusted_options(options))
    assert len(plugin.inventory.hosts) == len(emulator.state_hosts())
    assert not [w for w in plugin.display.warnings if 'is not used as its name' not in w]


def test_the_typical_estate_example_is_the_example_file():
    with open(os.path.join(EXAMPLE_FILES, 'estate.central.yml'), encoding='utf-8') as handle:
        estate = yaml.safe_load(handle)
    assert estate in list(yaml.load_all(central.EXAMPLES, Loader=ExamplesLoader))  # nosec - a safe loader


def test_custom_field_groups_by_name_with_categories_that_share_a_name(emulator, tmp_path, monkeypatch):
    """No API needed: the plugin builds from answers; 'Owner' selects both categories of that name."""
    from ansible_collections.logmein.central.plugins.plugin_utils._inventory_estate import Estate
    answers = {
        'hosts_with_groups': {'groups': [{'id': 5, 'name': 'Owner_Ann'}],
                              'hosts': [{'id': 1, 'description': 'a', 'groupid': 5, 'isHostOnline': True},
                                        {'id': 2, 'description': 'b', 'groupid': -1, 'isHostOnline': True}]},
        'categories': [{'id': 'c1', 'name': 'Owner', 'values': [{'id': 'v1', 'name': 'Ann'}]},
                       {'id': 'c2', 'name': 'Owner', 'values': [{'id': 'v2', 'name': 'Bob'}]},
                       {'id': 'c3', 'name': 'Site', 'values': [{'id': 'v3', 'name': 'Paris'}]}],
        'host_values': {'1': {'c1': 'v1', 'c3': 'v3'}, '2': {'c2': 'v2'}},
    }
    plugin, dummy = make_plugin(emulator, tmp_path, monkeypatch, custom_field_groups=['Owner', 'Nope'])
    plugin._populate(Estate(answers, plugin.display.warning))  # pylint: disable=protected-access
    groups = plugin.inventory.groups
    assert set(groups) >= {'Owner_c1_Ann', 'Owner_c2_Bob', 'Owner_Ann'} and 'Site_Paris' not in groups
    assert [h.name for h in groups['Owner_c1_Ann'].hosts] == ['a'] and [h.name for h in groups['Owner_c2_Bob'].hosts] == ['b']
    assert any("no custom-field category 'Nope'" in w for w in plugin.display.warnings)
    assert plugin.inventory.hosts['a'].vars['central_custom_fields'] == {'Owner_c1': 'Ann', 'Site': 'Paris'}
    assert emulator.log() == []
