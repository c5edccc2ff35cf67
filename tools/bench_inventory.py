# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: inventory scale, the plugin beside a static YAML inventory of the same data, at several sizes.

For each size (1,000, 10,000 and 50,000 hosts by default) starts the emulator (rate
limit off) with that many hosts, lists them with the plugin (custom fields and
custom-field groups on, the default), writes what the plugin listed as a static YAML
inventory (same hosts, groups and variables, checked), and times
``ansible-inventory --list`` on both, alternately, several rounds. Every plugin run
reads the API (read cache off); one more row shows a run served by the inventory cache.
The static file is timed with Ansible's default plugins and with only the yaml plugin
enabled; the budget is the plugin at most 1.5 times the faster of the two, at every size.

Each ``ansible-inventory`` run is one child process, reaped with ``os.wait4``: its wall
time, its CPU time (user + system) and its peak resident memory (``ru_maxrss``, that
process alone) are recorded. The table shows medians over the rounds and, for growth,
what 1,000 more hosts cost from one size to the next. The emulator's own CPU time
serving each plugin run is reported below the table.

    SIZES="1000 10000 50000" ROUNDS=3 PATH=.venv/bin:$PATH PYTHONPATH=.build python tools/bench_inventory.py

Environment:

``SIZES``              host counts, space or comma separated (default "1000 10000 50000"; ``HOSTS``
                       is read when ``SIZES`` is not set)
``ROUNDS``             rounds at sizes up to 10,000 hosts (default 2)
``LARGE_ROUNDS``       rounds at sizes above 10,000 hosts (default 1)
``STATIC_DEFAULT_MAX`` the largest size at which the static file is also timed with Ansible's
                       default plugins (default 1000; see SKIPPED_DEFAULT below)
``COLLECTIONS_PATH``   where ansible_collections/logmein/central is (default: .build of the repository)
``BENCH_OUT``          a file the table is appended to, as well as printed
"""

import datetime
import json
import os
import shlex
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
from benchlib import BIN, COLLECTIONS_PATH, ansible_environment, emit, load_average, machine_description, plain, rst_table  # noqa: E402

SIZES = [int(size) for size in os.environ.get('SIZES', os.environ.get('HOSTS', '1000 10000 50000')).replace(',', ' ').split()]
ROUNDS = int(os.environ.get('ROUNDS', '2'))
LARGE_ROUNDS = int(os.environ.get('LARGE_ROUNDS', '1'))
LARGE = 10000  # sizes above this run LARGE_ROUNDS rounds
STATIC_DEFAULT_MAX = int(os.environ.get('STATIC_DEFAULT_MAX', '1000'))
BUDGET = 1.5

SKIPPED_DEFAULT = ('Above %s hosts the static file is timed with only the yaml plugin enabled: with the default '
                   'plugins Ansible reads a .yml file twice (the auto plugin, then the yaml plugin), so that run '
                   'costs about twice the yaml-only one (see the smaller sizes): minutes per '
                   'round. STATIC_DEFAULT_MAX=<size> times it anyway.')

# (key, label) in table order
VARIANTS = (
    ('static', 'static YAML, default plugins (auto, yaml)'),
    ('static_yaml_only', 'static YAML, only the yaml plugin'),
    ('plugin', 'the plugin, 3 API calls'),
    ('cached', 'the plugin, inventory cache hit'),
)


class Run(object):
    """One ``ansible-inventory`` child: wall seconds, CPU seconds, peak RSS (MiB), and its output when kept."""

    def __init__(self, seconds, cpu, rss, output=None):
        self.seconds = seconds
        self.cpu = cpu
        self.rss = rss
        self.output = output


def environment(emulator, state_dir):
    # Every plugin run reads the API: the client's read cache is off.
    return ansible_environment(emulator, state_dir, ANSIBLE_INVENTORY_UNPARSED_FAILED='true', LOGMEIN_CENTRAL_READ_CACHE_TTL='0')


def list_inventory(source, env, work, keep_output=False, **extra_env):
    """Run ``ansible-inventory -i source --list`` as one child process, reaped with ``os.wait4``.

    Output goes to files (no pipe to drain while the child runs); the resource usage is
    that child's alone, whatever else this process started.
    """
    if extra_env:
        env = dict(env, **extra_env)
    out_path = os.path.join(work, 'inventory.out')
    err_path = os.path.join(work, 'inventory.err')
    with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
        started = time.monotonic()
        process = subprocess.Popen([os.path.join(BIN, 'ansible-inventory'), '-i', source, '--list'],  # pylint: disable=consider-using-with
                                   env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        dummy, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        with open(err_path, 'rb') as handle:
            raise SystemExit('ansible-inventory failed on %s:\n%s' % (source, handle.read()[-3000:].decode('utf-8', 'replace')))
    output = None
    if keep_output:
        with open(out_path, 'rb') as handle:
            output = json.load(handle)
    # ru_maxrss is in KiB on Linux
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, output)


def process_cpu(pid):
    """CPU seconds (user + system) a process has used so far, from /proc; None where unavailable."""
    try:
        with open('/proc/%d/stat' % pid, 'r', encoding='ascii') as handle:
            fields = handle.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / float(os.sysconf('SC_CLK_TCK'))
    except (OSError, ValueError, IndexError):
        return None


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


def command_line():
    """The command that produced the table, with the settings in effect (defaults spelled out)."""
    settings = [('SIZES', ' '.join(str(size) for size in SIZES)), ('ROUNDS', ROUNDS), ('LARGE_ROUNDS', LARGE_ROUNDS),
                ('STATIC_DEFAULT_MAX', STATIC_DEFAULT_MAX)]
    if os.environ.get('COLLECTIONS_PATH'):
        settings.append(('COLLECTIONS_PATH', COLLECTIONS_PATH))
    python = sys.executable
    if python.startswith(ROOT + os.sep):
        python = os.path.relpath(python, ROOT)
    return ' '.join(['%s=%s' % (name, shlex.quote(str(value))) for name, value in settings]
                    + [python, 'tools/bench_inventory.py'])


def rounds_for(size):
    return ROUNDS if size <= LARGE else LARGE_ROUNDS


def bench_size(size, work):
    """Time every variant at one size; returns a dict of results and notes."""
    started = time.monotonic()
    emulator = start_emulator_process(timeout=300, rate_limit_window=0, hosts=size, quiet=True)
    emulator_start = time.monotonic() - started
    size_work = os.path.join(work, str(size))
    os.makedirs(size_work)
    try:
        env = environment(emulator, os.path.join(size_work, 'state'))
        plugin_source = os.path.join(size_work, 'bench.central.yml')
        with open(plugin_source, 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\n')
        cached_source = os.path.join(size_work, 'cached.central.yml')
        with open(cached_source, 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n'
                         'cache_connection: %s\ncache_timeout: 3600\n' % os.path.join(size_work, 'cache'))
        static_source = os.path.join(size_work, 'static.yml')

        # The first run fills the inventory cache and gives the listing the static file is written from.
        listing = list_inventory(cached_source, env, size_work, keep_output=True).output
        write_static(listing, static_source)
        hosts = len(listing['_meta']['hostvars'])
        if hosts != size:
            raise SystemExit('the plugin listed %d hosts, the emulator has %d' % (hosts, size))

        # Ansible's default: the auto plugin reads a .yml source first, then the yaml plugin reads it
        # again. With only the yaml plugin enabled the file is read once: the stricter baseline.
        variants = [key for key, dummy in VARIANTS if key != 'static' or size <= STATIC_DEFAULT_MAX]
        extra = {'static_yaml_only': {'ANSIBLE_INVENTORY_ENABLED': 'yaml'}}
        sources = {'static': static_source, 'static_yaml_only': static_source, 'plugin': plugin_source,
                   'cached': cached_source}
        runs = dict((key, []) for key in variants)
        emulator_cpu = []
        for number in range(rounds_for(size)):
            for key in variants:
                before = process_cpu(emulator.process.pid) if key == 'plugin' else None
                run = list_inventory(sources[key], env, size_work, keep_output=(number == 0), **extra.get(key, {}))
                if before is not None:
                    after = process_cpu(emulator.process.pid)
                    if after is not None:
                        emulator_cpu.append(after - before)
                if run.output is not None:
                    if not same_inventory(listing, run.output):
                        raise SystemExit('%s at %d hosts: not the same hosts, groups and variables as the first listing'
                                         % (key, size))
                    run.output = None
                runs[key].append(run)
        return {
            'size': size,
            'runs': runs,
            'groups': len([g for g in listing if g != '_meta']),
            'static_mb': os.path.getsize(static_source) / 1e6,
            'rounds': rounds_for(size),
            'emulator_start': emulator_start,
            'emulator_cpu': statistics.median(emulator_cpu) if emulator_cpu else None,
        }
    finally:
        emulator.stop()
        shutil.rmtree(size_work, ignore_errors=True)


def median(runs, attribute):
    return statistics.median(getattr(run, attribute) for run in runs)


def report(results, machine, elapsed):
    header = ['hosts', '``ansible-inventory --list``', 'median', 'best', 'CPU', 'peak RSS', 'vs static',
              '+s / 1,000 hosts', '+MiB / 1,000 hosts']
    rows = []
    verdicts = []
    previous = {}
    for result in results:
        size, runs = result['size'], result['runs']
        static = min(median(runs[key], 'seconds') for key in ('static', 'static_yaml_only') if key in runs)
        for key, label in VARIANTS:
            if key not in runs:
                rows.append(['{:,}'.format(size), label, 'not run', '', '', '', '', '', ''])
                continue
            seconds, rss = median(runs[key], 'seconds'), median(runs[key], 'rss')
            growth_s = growth_mib = '-'
            if key in previous:
                before_size, before_s, before_rss = previous[key]
                per = (size - before_size) / 1000.0
                growth_s = '%.2f s' % ((seconds - before_s) / per)
                growth_mib = '%.1f MiB' % ((rss - before_rss) / per)
            previous[key] = (size, seconds, rss)
            rows.append(['{:,}'.format(size), label, '%.2f s' % seconds, '%.2f s' % min(r.seconds for r in runs[key]),
                         '%.2f s' % median(runs[key], 'cpu'), '%.0f MiB' % rss, '%.2fx' % (seconds / static),
                         growth_s, growth_mib])
        verdicts.append((size, median(runs['plugin'], 'seconds') / static))

    lines = [
        'Inventory scale: ``ansible-inventory --list`` on the plugin and on a static YAML inventory holding the '
        'same hosts, groups and variables (custom fields and the default ``custom_field_groups: all``; '
        'emulator rate limit off; read cache off).',
        '',
        'Machine: %s.' % machine,
        '',
        'Command (%.1f minutes in all)::' % (elapsed / 60.0),
        '',
        '    ' + command_line(),
        '',
        '\n'.join(rst_table(header, rows)),
        '',
        'median, best: wall time over the rounds; CPU: user + system time of the ``ansible-inventory`` process '
        '(median); peak RSS: its ``ru_maxrss`` from ``os.wait4`` (median); vs static: median over the '
        'faster static median at that size; +s, +MiB / 1,000 hosts: what 1,000 more hosts cost, from the '
        'previous size to this one (medians).',
        '',
    ]
    for result in results:
        lines.append('- %s hosts: %d round%s, %s groups, static YAML file %.1f MB, emulator started in %.1f s%s.'
                     % ('{:,}'.format(result['size']), result['rounds'], '' if result['rounds'] == 1 else 's',
                        '{:,}'.format(result['groups']), result['static_mb'], result['emulator_start'],
                        '' if result['emulator_cpu'] is None
                        else ', emulator CPU per plugin run %.2f s' % result['emulator_cpu']))
    if any('static' not in result['runs'] for result in results):
        lines.append('- ' + SKIPPED_DEFAULT % '{:,}'.format(STATIC_DEFAULT_MAX))
    lines.append('')
    for size, ratio in verdicts:
        lines.append('- %s hosts: plugin / faster static = %.2f, %s the budget of %.1f'
                     % ('{:,}'.format(size), ratio, 'within' if ratio <= BUDGET else 'OVER', BUDGET))
    return '\n'.join(lines) + '\n', all(ratio <= BUDGET for dummy, ratio in verdicts)


def main():
    if not SIZES or any(size <= 0 for size in SIZES) or ROUNDS < 1 or LARGE_ROUNDS < 1:
        raise SystemExit('SIZES must list positive host counts; ROUNDS and LARGE_ROUNDS must be at least 1')
    load_before = load_average()
    date = datetime.datetime.now(datetime.timezone.utc)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix='bench-inventory-')
    try:
        results = []
        for size in sorted(set(SIZES)):
            results.append(bench_size(size, work))
            print('%s hosts done (%.1f minutes so far)' % ('{:,}'.format(size), (time.monotonic() - started) / 60.0),
                  file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text, within = report(results, machine_description(date.strftime('%Y-%m-%d %H:%M UTC'), load_before),
                          time.monotonic() - started)
    emit(text)
    return 0 if within else 1


if __name__ == '__main__':
    sys.exit(main())
