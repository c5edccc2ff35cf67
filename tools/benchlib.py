# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the benchmarks (tools/bench_*.py) share: Ansible's environment, the machine, the output.

COLLECTIONS_PATH (default .build) names the tree holding ansible_collections/logmein/central;
BENCH_OUT, when set, is a file every table is appended to.
"""

import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_PATH = os.path.abspath(os.environ.get('COLLECTIONS_PATH') or os.path.join(ROOT, '.build'))
BENCH_OUT = os.environ.get('BENCH_OUT')
BIN = os.path.dirname(sys.executable)


def ansible_environment(emulator, state_dir, **extra):
    """The environment of an Ansible command against ``emulator``, as an AWX credential would set it."""
    if not os.path.isdir(os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'logmein', 'central')):
        raise SystemExit('no ansible_collections/logmein/central under %s (make collection-tree, or set COLLECTIONS_PATH)'
                         % COLLECTIONS_PATH)
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_')))
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_PATH,
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'false',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'LOGMEIN_CENTRAL_API_URL': emulator.api_url,
        'LOGMEIN_CENTRAL_COMPANY_ID': emulator.company_id,
        'LOGMEIN_CENTRAL_PSK': emulator.psk,
        'LOGMEIN_CENTRAL_STATE_DIR': state_dir,
        'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
    })
    env.update(extra)
    return env


def plain(value):
    """Drop the ``{"__ansible_unsafe": ...}`` wrappers of ansible-inventory's output."""
    if isinstance(value, dict):
        if list(value) == ['__ansible_unsafe']:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def run_playbook(playbook, env, work, *args):
    """Run ``ansible-playbook``; a failed run stops the benchmark with its output."""
    result = subprocess.run([os.path.join(BIN, 'ansible-playbook'), playbook] + list(args), env=env, cwd=work,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    if result.returncode != 0:
        raise SystemExit('%s failed (rc %d):\n%s' % (playbook, result.returncode, result.stdout[-6000:]))
    return result.stdout


def ansible_core_version():
    output = subprocess.run([os.path.join(BIN, 'ansible'), '--version'], stdout=subprocess.PIPE, check=True)
    first = output.stdout.decode().splitlines()[0]  # ansible [core 2.21.5]
    return first.split('[core', 1)[-1].strip(' ]') if '[core' in first else first


def _first_field(path, prefix):
    try:
        with open(path, 'r', encoding='utf-8') as handle:
            for line in handle:
                if line.startswith(prefix):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return None


def load_average():
    try:
        return '%.2f %.2f %.2f' % os.getloadavg()
    except OSError:
        return 'unknown'


def machine_description(date=None, load_before=None):
    """CPU, memory, OS, Python, ansible-core, date and load averages (1, 5, 15 min): the line with every table."""
    parts = ['%s, %d CPUs' % (_first_field('/proc/cpuinfo', 'model name') or platform.machine(), os.cpu_count() or 0)]
    memory = _first_field('/proc/meminfo', 'MemTotal')
    if memory and memory.split()[0].isdigit():
        parts.append('%.0f GiB RAM' % (int(memory.split()[0]) / 1024.0 / 1024.0))
    parts.extend(['%s %s' % (platform.system(), platform.release()), 'Python %s' % platform.python_version(),
                  'ansible-core %s' % ansible_core_version(),
                  date or time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())])
    if load_before:
        parts.append('load average %s at the start, %s at the end' % (load_before, load_average()))
    else:
        parts.append('load average %s' % load_average())
    return ', '.join(parts)


def rst_table(header, rows):
    """A simple reStructuredText table, as lines (fill every first cell: a blank one continues the row above)."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    rule = '  '.join('=' * w for w in widths)
    out = [rule, '  '.join(c.ljust(w) for c, w in zip(cells[0], widths)).rstrip(), rule]
    out.extend('  '.join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells[1:])
    out.append(rule)
    return out


def emit(text):
    """Print a benchmark's result, and append it to BENCH_OUT when set."""
    print(text)
    sys.stdout.flush()
    if BENCH_OUT:
        with open(BENCH_OUT, 'a', encoding='utf-8') as handle:
            handle.write(text.rstrip('\n') + '\n\n')
