# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory cache on disk: private directories, and entries that only the same PSK and TLS settings reuse.

Each test parses an inventory file as ``ansible-inventory`` does (ansible-core reads the options,
loads the cache plugin, then the plugin builds), with ansible-core's ``jsonfile`` cache and ``HOME``
set to a fresh directory without ``~/.cache``, against the in-thread emulator. The cache plugins are
named by their short names: without the collection loader that ansible's command-line tools install,
the plugin loader finds no ``ansible.builtin.*`` name (tests/integration/test_inventory.py uses those).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat

import pytest
import yaml

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader

from ansible_collections.logmein.central.plugins.inventory import central
from ansible_collections.logmein.central.plugins.module_utils.connection_options import CONNECTION_OPTIONS, env_var
from ansible_collections.logmein.central.tests.unit.plugins.inventory.test_inventory_plugin import ALL_OPTIONS, Recorder

NAME = 'logmein.central.central'
BASE_ACTIONS = ['GET /v2/hostswithgroups', 'GET /v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields']


@pytest.fixture(scope='module', autouse=True)
def plugin_definitions():
    """The option definitions ansible-core's loader would register for the plugin (as ansible-inventory does)."""
    C.config.initialize_plugin_configuration_definitions('inventory', NAME, ALL_OPTIONS)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh home directory (0755, as a user's usually is) without ``.cache``, under the common umask 022."""
    path = tmp_path / 'home'
    path.mkdir()
    path.chmod(0o755)
    monkeypatch.setenv('HOME', str(path))
    for name in ('XDG_CACHE_HOME', 'LOGMEIN_CENTRAL_STATE_DIR', 'ANSIBLE_INVENTORY_CACHE_CONNECTION', 'ANSIBLE_CACHE_PLUGIN_CONNECTION'):
        monkeypatch.delenv(name, raising=False)
    for name in CONNECTION_OPTIONS:
        monkeypatch.delenv(env_var(name), raising=False)
    old_umask = os.umask(0o022)
    try:
        yield path
    finally:
        os.umask(old_umask)


def parse(emulator, tmp_path, **options):
    """Parse an inventory file with the emulator's connection options plus ``options``; returns the plugin."""
    config = {'plugin': NAME, 'api_url': emulator.api_url, 'company_id': str(emulator.company_id), 'psk': emulator.psk,
              'cache': True, 'cache_plugin': 'jsonfile', 'cache_connection': '~/.cache/logmein.central/inventory',
              'cache_timeout': 3600}
    config.update(options)
    path = tmp_path / 'private.central.yml'
    path.write_text(yaml.safe_dump(config), encoding='utf-8')
    plugin = central.InventoryModule()
    plugin.display = Recorder()
    # What the plugin loader sets on a plugin it loads.
    plugin._load_name = NAME  # pylint: disable=protected-access
    plugin._redirected_names = [NAME]  # pylint: disable=protected-access
    plugin._original_path = None  # pylint: disable=protected-access
    plugin.parse(InventoryData(), DataLoader(), str(path), cache=True)
    if config['cache']:
        plugin.update_cache_if_changed()  # what ansible-inventory does after a source is parsed
    return plugin


def mode(path):
    return stat.S_IMODE(os.stat(str(path)).st_mode)


def actions(emulator):
    return [entry['action'] for entry in emulator.log()]


def cache_warnings(plugin):
    return [warning for warning in plugin.display.warnings if 'inventory cache directory' in warning]


def cache_files(directory):
    return sorted(directory / name for name in os.listdir(str(directory)) if not name.startswith('.'))


def test_every_directory_the_collection_creates_is_private(emulator, tmp_path, home):
    """``~/.cache``, the state directory and the inventory cache under it: every level created is 0700."""
    plugin = parse(emulator, tmp_path)
    assert actions(emulator) == BASE_ACTIONS
    cache_home = home / '.cache'
    state_root = cache_home / 'logmein.central'
    inventory_cache = state_root / 'inventory'
    account_folders = [state_root / name for name in os.listdir(str(state_root)) if name != 'inventory']
    assert len(account_folders) == 1
    for directory in [cache_home, state_root, inventory_cache] + account_folders:
        assert mode(directory) == 0o700, directory
    assert mode(home) == 0o755  # the user's own directory is never changed
    files = cache_files(inventory_cache)
    assert len(files) == 1 and 'hosts_with_groups' in files[0].read_text(encoding='utf-8')
    assert not cache_warnings(plugin)


def test_the_state_directory_alone_creates_private_levels(emulator, tmp_path, home):
    """Without the inventory cache, the client's state directory creates ``~/.cache`` 0700 too."""
    parse(emulator, tmp_path, cache=False)
    for directory in (home / '.cache', home / '.cache' / 'logmein.central'):
        assert mode(directory) == 0o700, directory


def test_an_existing_cache_directory_is_left_alone_and_warned_about(emulator, tmp_path, home):
    shared = home / 'shared-cache'
    shared.mkdir()
    shared.chmod(0o755)
    plugin = parse(emulator, tmp_path, cache_connection=str(shared))
    assert mode(shared) == 0o755
    assert len(cache_warnings(plugin)) == 1
    warning = cache_warnings(plugin)[0]
    assert str(shared) in warning and 'mode 0755' in warning and 'cache_connection' in warning

    private = home / 'private-cache'
    private.mkdir()
    private.chmod(0o700)
    plugin = parse(emulator, tmp_path, cache_connection=str(private))
    assert not cache_warnings(plugin)


def test_a_cache_plugin_that_is_not_file_based_gets_no_directory(emulator, tmp_path, home):
    parse(emulator, tmp_path, cache_plugin='memory', cache_connection=str(home / 'not-a-directory'))
    assert not (home / 'not-a-directory').exists()


def test_another_psk_or_other_tls_settings_do_not_reuse_the_cache(emulator, tmp_path, home):
    """The entry is keyed by a tag of the PSK, validate_certs and ca_path; the PSK is in no key and no file."""
    inventory_cache = home / '.cache' / 'logmein.central' / 'inventory'
    parse(emulator, tmp_path, read_cache_ttl=0)
    first = cache_files(inventory_cache)
    assert actions(emulator) == BASE_ACTIONS

    emulator.clear_log()
    parse(emulator, tmp_path, read_cache_ttl=0)
    assert actions(emulator) == []  # the same settings: served by the cache

    # A revoked or changed PSK reaches the service, which refuses it, instead of being served the old answers.
    wrong_psk = 'wrong-' + emulator.psk[6:]
    with pytest.raises(AnsibleError, match='authentication to LogMeIn Central failed'):
        parse(emulator, tmp_path, read_cache_ttl=0, psk=wrong_psk)
    assert actions(emulator) == ['GET /v2/hostswithgroups']
    assert cache_files(inventory_cache) == first

    # Answers read with other TLS settings are not served either: each setting reads anew and has its own entry.
    ca_file = tmp_path / 'ca.pem'
    ca_file.write_text('not used over http\n', encoding='utf-8')
    for tls in ({'validate_certs': False}, {'ca_path': str(ca_file)}):
        emulator.clear_log()
        parse(emulator, tmp_path, read_cache_ttl=0, **tls)
        assert actions(emulator) == BASE_ACTIONS, tls
    files = cache_files(inventory_cache)
    assert len(files) == 3
    for path in files:
        assert emulator.psk not in path.name and wrong_psk not in path.name
        content = path.read_text(encoding='utf-8')
        assert emulator.psk not in content and wrong_psk not in content
