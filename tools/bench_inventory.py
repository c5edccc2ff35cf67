# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: the inventory plugin on 10,000 emulated hosts beside a static YAML inventory of the same data.

Starts the emulator (rate limit off) with 10,000 hosts, lists them with the plugin
(custom fields and custom-field groups on, the default), writes what the plugin listed
as a static YAML inventory (same hosts, groups and variables, checked), and times
``ansible-inventory --list`` on both, alternately, several rounds. Every plugin run
reads the API (read cache off); one more row shows a run served by the inventory cache.
The static file is timed with Ansible's default plugins and with only the yaml plugin
enabled; the budget is the plugin at most 1.5 times the faster of the two.

    HOSTS=10000 ROUNDS=3 PATH=.venv/bin:$PATH PYTHONPATH=.build python tools/bench_inventory.py
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402

HOSTS = int(os.environ.get('HOSTS', '10000'))
ROUNDS = int(os.environ.get('ROUNDS', '3'))
BUDGET = 1.5
COLLECTIONS_PATH = os.path.join(ROOT, '.build')
BIN = os.path.dirname(sys.executable)


def plain(value):
    """Drop the ``{"__ansible_unsafe": ...}`` wrappers of ansible-inventory's output."""
    if isinstance(value, dict):
        if list(value) == ['__ansible_unsafe']:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def environment(emulator, state_dir):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_')))
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_PATH,
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true',
        'LOGMEIN_CENTRAL_API_URL': emulator.api_url,
        'LOGMEIN_CENTRAL_COMPANY_ID': emulator.company_id,
        'LOGMEIN_CENTRAL_PSK': emulator.psk,
        'LOGMEIN_CENTRAL_READ_CACHE_TTL': '0',  # every plugin run reads the API
        'LOGMEIN_CENTRAL_STATE_DIR': state_dir,
    })
    return env


def list_inventory(source, env, output=None, **extra_env):
    """Run ``ansible-inventory -i source --list``; returns (seconds, parsed output or None)."""
    if extra_env:
        env = dict(env, **extra_env)
    started = time.monotonic()
    result = subprocess.run([os.path.join(BIN, 'ansible-inventory'), '-i', source, '--list'], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit('ansible-inventory failed on %s:\n%s' % (source, result.stderr.decode()[-3000:]))
    return seconds, (json.loads(result.stdout) if output else None)


def write_static(listing, path):
    """The plugin's listing as a YAML inventory: host variables under ``all``, groups listing their hosts."""
    hostvars = plain(listing['_meta']['hostvars'])
    children = {}
    for group, data in listing.items():
        if group in ('_meta', 'all', 'ungrouped'):
            continue
        children[group] = {'hosts': dict((host, None) for host in data.get('hosts', []))}
    inventory = {'all': {'hosts': hostvars, 'children': children}}
    with open(path, 'w', encoding='utf-8') as handle:
        yaml.dump(inventory, handle, Dumper=getattr(yaml, 'CSafeDumper', yaml.SafeDumper), allow_unicode=True,
                  default_flow_style=False, sort_keys=False)


def same_inventory(first, second):
    """Hosts, variables and group members equal (empty groups aside: the YAML file cannot say a group is empty)."""
    def groups(listing):
        return dict((g, sorted(d.get('hosts', []))) for g, d in listing.items()
                    if g not in ('_meta', 'all') and d.get('hosts'))
    return (plain(first['_meta']['hostvars']) == plain(second['_meta']['hostvars'])
            and groups(first) == groups(second))


def ansible_core_version():
    output = subprocess.run([os.path.join(BIN, 'ansible-inventory'), '--version'], stdout=subprocess.PIPE, check=True)
    return output.stdout.decode().splitlines()[0]


def main():
    work = tempfile.mkdtemp(prefix='bench-inventory-')
    emulator = start_emulator_process(rate_limit_window=0, hosts=HOSTS, quiet=True)
    try:
        env = environment(emulator, os.path.join(work, 'state'))
        plugin_source = os.path.join(work, 'bench.central.yml')
        with open(plugin_source, 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\n')
        cached_source = os.path.join(work, 'cached.central.yml')
        with open(cached_source, 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n'
                         'cache_connection: %s\ncache_timeout: 3600\n' % os.path.join(work, 'cache'))
        static_source = os.path.join(work, 'static.yml')

        dummy, listing = list_inventory(plugin_source, env, output=True)
        write_static(listing, static_source)
        dummy, static_listing = list_inventory(static_source, env, output=True)
        if not same_inventory(listing, static_listing):
            raise SystemExit('the static inventory does not hold the same hosts, groups and variables')
        list_inventory(cached_source, env)  # fills the inventory cache

        # Ansible's default: the auto plugin reads a .yml source first, then the yaml plugin reads it
        # again. With only the yaml plugin enabled the file is read once: the stricter baseline.
        times = {'plugin': [], 'static': [], 'static_yaml_only': [], 'cached': []}
        for dummy in range(ROUNDS):
            times['plugin'].append(list_inventory(plugin_source, env)[0])
            times['static'].append(list_inventory(static_source, env)[0])
            times['static_yaml_only'].append(list_inventory(static_source, env, ANSIBLE_INVENTORY_ENABLED='yaml')[0])
            times['cached'].append(list_inventory(cached_source, env)[0])

        groups = len([g for g in listing if g != '_meta'])
        print('%s, Python %d.%d, %d hosts, %d groups, %d rounds (median, best)'
              % (ansible_core_version(), sys.version_info[0], sys.version_info[1], len(listing['_meta']['hostvars']),
                 groups, ROUNDS))
        print('  static YAML file (%.1f MB)' % (os.path.getsize(static_source) / 1e6))
        # The budget is checked against the faster of the two static figures.
        static = min(statistics.median(times['static']), statistics.median(times['static_yaml_only']))
        rows = (('static YAML (default plugins: auto, then yaml)', 'static'),
                ('static YAML (only the yaml plugin enabled)', 'static_yaml_only'),
                ('plugin, 3 API calls', 'plugin'),
                ('plugin, inventory cache hit (jsonfile), 0 API calls', 'cached'))
        print('  %-52s %8s  %8s  %s' % ('ansible-inventory --list', 'median', 'best', 'vs faster static'))
        for label, key in rows:
            median = statistics.median(times[key])
            print('  %-52s %6.2f s  %6.2f s  %4.2fx' % (label, median, min(times[key]), median / static))
        ratio = statistics.median(times['plugin']) / static
        verdict = 'within' if ratio <= BUDGET else 'OVER'
        print('plugin / faster static = %.2f: %s the budget of %.1f' % (ratio, verdict, BUDGET))
        return 0 if ratio <= BUDGET else 1
    finally:
        emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
