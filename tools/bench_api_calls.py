# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make bench`: API calls per job, counted from the emulator's request log (rate limit off).

Jobs: listing the inventory (plugin defaults, and with anti-virus, computer status and one
system inventory field); converging a desired-state document from scratch over 200 and 1,000
hosts (every host's group, description and two custom fields differ), and its idempotent rerun;
updating the virus definitions of 500 hosts. Each job is counted three ways:

* the collection: the real ``ansible-inventory`` / ``ansible-playbook`` run, with a fresh state
  directory (no read cached from an earlier job), checked for correctness before it is counted;
* the API minimum: the reads that the data needs plus one write per unit that the API cannot
  batch (group moves batch per target group; descriptions and custom-field values go one host at a time);
* a naive playbook (``tools/bench/naive_*.yml``) that uses ``ansible.builtin.uri`` one host at a
  time. A uri call costs Ansible most of a second of CPU, so by default a naive playbook runs over
  ``NAIVE_HOSTS`` hosts; its calls (fixed reads plus calls per host, both counted) are then scaled
  to the job's size. ``NAIVE_HOSTS=all`` runs it over every host.

Every count comes from the emulator's request log; a run that fails, gets an error answer, or
leaves the emulator in another state than asked for stops the benchmark.

    SIZES=200,1000 INVENTORY_HOSTS=1000 AV_HOSTS=500 NAIVE_HOSTS=10 COLLECTIONS_PATH=.build \\
    PATH=.venv/bin:$PATH PYTHONPATH=.build python tools/bench_api_calls.py

The collection is used from ``COLLECTIONS_PATH`` (default ``.build``; ``make bench`` sets it);
``BENCH_OUT=<file>`` also appends the tables there.
"""

import collections
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402
from benchlib import ansible_environment, emit, machine_description, plain, rst_table  # noqa: E402


def _sizes(text):
    return [int(size) for size in text.replace(' ', '').split(',') if size]


SIZES = _sizes(os.environ.get('SIZES', '200,1000'))
INVENTORY_HOSTS = int(os.environ.get('INVENTORY_HOSTS', '1000'))
AV_HOSTS = int(os.environ.get('AV_HOSTS', '500'))
NAIVE_HOSTS = os.environ.get('NAIVE_HOSTS', '10')


KNOBS = ('SIZES', 'INVENTORY_HOSTS', 'AV_HOSTS', 'NAIVE_HOSTS', 'COLLECTIONS_PATH')
BIN = os.path.dirname(sys.executable)
PLAYBOOKS = os.path.join(ROOT, 'tools', 'bench')
PAGE = 50  # entries per page of an inventory report (the guide)

HOSTS_WITH_GROUPS = 'GET /v2/hostswithgroups'
CATEGORIES = 'GET /v1/hosts/custom-fields/categories'
HOST_VALUES = 'GET /v1/hosts/custom-fields'
AV_DETAILS = 'GET /v1/hosts/anti-virus/details'
MOVE = 'PUT /v1/host-groups/{groupid}/hosts'
DESCRIBE = 'PUT /v1/hosts/{id}/description'
SET_VALUE = 'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}'
GROUPS = ('Work Computers', 'sales-team', 'Finance & Legal')
LOCATIONS = ('Budapest', 'Chicago', 'Szeged')
NAIVE_CONVERGE_RUNS = {}  # naive document -> (first run, rerun)


class BenchError(Exception):
    """A run failed or did not do what it was asked: no figure is reported for it."""


# ------------------------------------------------------------------ running Ansible


class Runner(object):
    """Runs Ansible's command-line tools against the emulator, each run with a fresh state directory."""

    def __init__(self, central, work, hosts):
        self.central = central
        self.hosts = hosts
        self.work = work
        self.runs = 0
        # Each run gets a state directory of its own (run()): nothing learned or cached carries over.
        self.env = ansible_environment(central, os.path.join(work, 'state'), ANSIBLE_LOCAL_TEMP=os.path.join(work, 'ansible-tmp'),
                                       ANSIBLE_RETRY_FILES_ENABLED='0')

    def run(self, tool, *args, **extra_env):
        """Run a tool with an empty request log; returns (stdout, seconds, request log entries)."""
        self.runs += 1
        env = dict(self.env, LOGMEIN_CENTRAL_STATE_DIR=os.path.join(self.work, 'state-%d' % self.runs))
        env.update(extra_env)
        self.central.clear_log()
        started = time.monotonic()
        result = subprocess.run([os.path.join(BIN, tool)] + list(args), env=env, cwd=self.work, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, universal_newlines=True, check=False)
        seconds = time.monotonic() - started
        if result.returncode != 0:
            raise BenchError('%s %s failed (%d):\n%s\n%s'
                             % (tool, ' '.join(args), result.returncode, result.stdout[-4000:], result.stderr[-3000:]))
        log = self.central.log()
        errors = [e for e in log if e['status'] is None or e['status'] >= 400]
        if errors:
            raise BenchError('%s %s got error answers: %s' % (tool, ' '.join(args), errors[:5]))
        return result.stdout, seconds, log

    def playbook(self, playbook, variables):
        path = os.path.join(self.work, 'vars-%d.json' % (self.runs + 1))
        write_json(path, variables)
        return self.run('ansible-playbook', playbook, '-e', '@' + path)


def write_json(path, data):
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(data, handle)
    return path


def read_json(path):
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)


# ------------------------------------------------------------------ counting


class Count(object):
    """Reads and writes of a run: counted from the request log, or derived."""

    def __init__(self, reads, writes, note=''):
        self.reads = reads
        self.writes = writes
        self.note = note

    @classmethod
    def of(cls, log):
        return cls(sum(1 for e in log if not e['write']), sum(1 for e in log if e['write']))

    @property
    def total(self):
        return self.reads + self.writes

    def cell(self):
        return '%s (%s + %s)%s' % (thousands(self.total), thousands(self.reads), thousands(self.writes), self.note)


def thousands(number):
    return '{:,}'.format(number)


def by_action(log):
    return collections.Counter(e['action'] for e in log)


def scaled(log, fixed_actions, sample, size):
    """The naive playbook's calls for ``size`` hosts from its run over ``sample`` hosts.

    The calls of ``fixed_actions`` are made once whatever the number of hosts (each exactly once);
    every other call is made per host, the same number for each host.
    """
    actions = by_action(log)
    for action in fixed_actions:
        if actions[action] != 1:
            raise BenchError('the naive playbook made %d %s calls, expected 1' % (actions[action], action))
    fixed = [e for e in log if e['action'] in fixed_actions]
    per_host = [e for e in log if e['action'] not in fixed_actions]
    measured = Count.of(log)
    if sample == size:
        return measured, measured
    fixed_count, per_host_count = Count.of(fixed), Count.of(per_host)
    if per_host_count.reads % sample or per_host_count.writes % sample:
        raise BenchError('the naive playbook made %d calls for %d hosts: not the same number per host' % (len(per_host), sample))
    reads = fixed_count.reads + per_host_count.reads // sample * size
    writes = fixed_count.writes + per_host_count.writes // sample * size
    return measured, Count(reads, writes, ' *')


def naive_sample(size):
    if NAIVE_HOSTS.lower() == 'all':
        return size
    return max(1, min(size, int(NAIVE_HOSTS)))


def ratio(numerator, denominator):
    if denominator.total == 0:
        return '-' if numerator.total == 0 else 'inf'
    return '%.2f' % (float(numerator.total) / denominator.total)


# ------------------------------------------------------------------ the emulator's estate


def estate(central):
    """``(hosts by id, group id by name, {category name: {value id: name}}, category id by name)``."""
    state = central.state(inventory=False)
    hosts = dict((h['id'], h) for h in state['hosts'])
    groups = dict((g['name'], g['id']) for g in state['groups'])
    values = dict((c['name'], dict((v['id'], v['name']) for v in c['values'])) for c in state['customFieldCategories'])
    category_ids = dict((c['name'], c['id']) for c in state['customFieldCategories'])
    return hosts, groups, values, category_ids


def host_value(host, category_ids, values, name):
    value_id = host.get('customFields', {}).get(category_ids[name])
    return values[name].get(value_id) if value_id else None


def scratch_document(central, size):
    """A document over the first ``size`` hosts in which every host's group, description and two custom fields differ.

    Returns (document, the writes the API needs: {action: count}).
    """
    hosts, groups, values, category_ids = estate(central)
    chosen = sorted(hosts)[:size]
    if len(chosen) < size:
        raise BenchError('the emulator has %d hosts, %d needed' % (len(hosts), size))
    document = {'custom_fields': ['Asset Tag', 'Location'], 'hosts': {}}
    targets = set()
    for position, host_id in enumerate(chosen):
        host = hosts[host_id]
        group = [g for g in (GROUPS[(position + k) % 3] for k in range(3)) if groups[g] != host.get('groupId')][0]
        location = [p for p in (LOCATIONS[(position + k) % 3] for k in range(3))
                    if p != host_value(host, category_ids, values, 'Location')][0]
        tag = 'BENCH-%05d' % position
        description = 'Bench desk %05d' % position
        if tag == host_value(host, category_ids, values, 'Asset Tag') or description == host['description']:
            raise BenchError('host %d already has the new value' % host_id)
        targets.add(group)
        document['hosts'][str(host_id)] = {'group': group, 'description': description,
                                           'custom_fields': {'Asset Tag': tag, 'Location': location}}
    return document, {MOVE: len(targets), DESCRIBE: size, SET_VALUE: 2 * size}


def check_converged(central, document):
    """The emulator's hosts are as the document says."""
    hosts, groups, values, category_ids = estate(central)
    wrong = []
    for key, entry in document['hosts'].items():
        host = hosts[int(key)]
        if host['groupId'] != groups[entry['group']] or host['description'] != entry['description']:
            wrong.append(key)
        for name, value in entry['custom_fields'].items():
            if host_value(host, category_ids, values, name) != value:
                wrong.append(key)
    if wrong:
        raise BenchError('%d host(s) differ from the document after the run, e.g. %s' % (len(wrong), wrong[:5]))


def outdate_antivirus(central, count):
    """The first ``count`` hosts online with an anti-virus whose definitions are out of date; returns their ids."""
    state = central.state(inventory=False)
    chosen = sorted(h['id'] for h in state['hosts'])[:count]
    wanted = set(chosen)
    for host in state['hosts']:
        if host['id'] in wanted:
            host['isHostOnline'] = True
            antivirus = host['antiVirus']
            if not antivirus.get('antiVirusName'):
                antivirus.update({'antiVirusName': 'Windows Defender 4.18.24050', 'supportLevel': 'full',
                                  'canReportThreatLog': True, 'canReportRealTimeProtectionStatus': True})
            antivirus['isVirusDefinitionUpToDate'] = False
            antivirus.pop('antiVirusStatus', None)  # recomputed by the emulator: Warning
    central.put_state(state)
    return chosen


def check_antivirus_updated(central, host_ids):
    hosts = dict((h['id'], h) for h in central.state(inventory=False)['hosts'])
    stale = [i for i in host_ids if not hosts[i]['antiVirus']['isVirusDefinitionUpToDate']]
    if stale:
        raise BenchError('%d host(s) still have out-of-date definitions, e.g. %s' % (len(stale), stale[:5]))


# ------------------------------------------------------------------ the jobs


def inventory_job(central, runner, rows):
    """Inventory listings: plugin defaults, and with enrichment."""
    size = INVENTORY_HOSTS
    central.reset(hosts=size, rate_limit_window=0)
    enrich = ('antivirus: true\ncomputer_status: true\nsystem_inventory_fields: [OsType]\n')
    sample = naive_sample(size)
    for label, options, minimum, fixed in (
            ('defaults', '', Count(3, 0), (HOSTS_WITH_GROUPS, CATEGORIES)),
            # + anti-virus details, computer status report, system inventory report created, its pages
            ('antivirus, computer_status, system_inventory_fields', enrich,
             Count(3 + 1 + 1 + 1 + int(math.ceil(size / float(PAGE))), 0), (HOSTS_WITH_GROUPS, CATEGORIES))):
        source = os.path.join(runner.work, 'bench-%d.central.yml' % len(rows))
        with open(source, 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\n' + options)
        output, seconds, log = runner.run('ansible-inventory', '-i', source, '--list',
                                          ANSIBLE_INVENTORY_UNPARSED_FAILED='true')
        listing = plain(json.loads(output))
        hostvars = listing['_meta']['hostvars']
        if len(hostvars) != size:
            raise BenchError('the plugin listed %d hosts of %d' % (len(hostvars), size))
        if options and not all('central_system_inventory' in v and 'central_antivirus' in v for v in hostvars.values()):
            raise BenchError('the enriched listing lacks anti-virus or system inventory variables')
        collection = Count.of(log)
        detail = dict(by_action(log))

        naive_out = os.path.join(runner.work, 'naive-inventory.json')
        dummy, naive_seconds, naive_log = runner.playbook(
            os.path.join(PLAYBOOKS, 'naive_inventory.yml'),
            {'naive_output': naive_out, 'naive_limit': sample, 'naive_enrich': bool(options)})
        naive_measured, naive = scaled(naive_log, fixed, sample, size)
        # The naive listing must hold what the plugin listed for the same hosts.
        custom_fields = dict((str(v['central_id']), v['central_custom_fields']) for v in hostvars.values())
        naive_listing = read_json(naive_out)
        if len(naive_listing) != sample or any(custom_fields[k] != v for k, v in naive_listing.items()):
            raise BenchError('the naive inventory does not list the same custom-field values as the plugin')
        rows.append({'job': 'ansible-inventory --list, %s hosts, %s' % (thousands(size), label),
                     'collection': collection, 'minimum': minimum, 'naive': naive, 'detail': detail,
                     'seconds': seconds, 'naive_run': (sample, naive_measured, naive_seconds)})


def converge_job(central, runner, rows, size):
    """Converge a document from scratch over ``size`` hosts, then again."""
    central.reset(hosts=runner.hosts, rate_limit_window=0)
    document, needed = scratch_document(central, size)
    path = write_json(os.path.join(runner.work, 'document-%d.yml' % size), document)
    variables = {'desired_state_file': path}

    dummy, seconds, log = runner.playbook('logmein.central.converge', variables)
    done = collections.Counter(e['action'] for e in log if e['write'])
    if done != collections.Counter(needed):
        raise BenchError('converge over %d hosts wrote %s, the document needs %s' % (size, dict(done), needed))
    check_converged(central, document)
    first = Count.of(log)
    detail = dict(by_action(log))

    dummy, again_seconds, again_log = runner.playbook('logmein.central.converge', variables)
    again = Count.of(again_log)
    if again.writes:
        raise BenchError('the rerun over %d hosts wrote %d times' % (size, again.writes))
    check_converged(central, document)

    # The naive playbook, on a fresh estate, over the first hosts of the same document.
    sample = naive_sample(size)
    central.reset(hosts=runner.hosts, rate_limit_window=0)
    naive_document = dict(document, hosts=dict(sorted(document['hosts'].items())[:sample]))
    naive_path = write_json(os.path.join(runner.work, 'naive-document-%d.yml' % size), naive_document)
    key = json.dumps(naive_document, sort_keys=True)
    if key not in NAIVE_CONVERGE_RUNS:  # the same hosts and values for every size: run once
        naive_vars = {'naive_document_file': naive_path}
        naive_run = runner.playbook(os.path.join(PLAYBOOKS, 'naive_converge.yml'), naive_vars)
        check_converged(central, naive_document)
        naive_again_run = runner.playbook(os.path.join(PLAYBOOKS, 'naive_converge.yml'), naive_vars)
        check_converged(central, naive_document)
        NAIVE_CONVERGE_RUNS[key] = (naive_run, naive_again_run)
    naive_run, naive_again_run = NAIVE_CONVERGE_RUNS[key]
    fixed = (HOSTS_WITH_GROUPS, CATEGORIES)
    dummy, naive_seconds, naive_log = naive_run
    naive_measured, naive = scaled(naive_log, fixed, sample, size)
    dummy, naive_again_seconds, naive_again_log = naive_again_run
    naive_again_measured, naive_again = scaled(naive_again_log, fixed, sample, size)

    minimum_reads = 3  # hosts with groups, custom-field categories, host values
    rows.append({'job': 'converge from scratch, %s hosts' % thousands(size), 'collection': first,
                 'minimum': Count(minimum_reads, sum(needed.values())), 'naive': naive, 'detail': detail,
                 'seconds': seconds, 'naive_run': (sample, naive_measured, naive_seconds)})
    rows.append({'job': 'idempotent rerun, %s hosts' % thousands(size), 'collection': again,
                 'minimum': Count(minimum_reads, 0), 'naive': naive_again, 'detail': dict(by_action(again_log)),
                 'seconds': again_seconds, 'naive_run': (sample, naive_again_measured, naive_again_seconds)})


def antivirus_job(central, runner, rows):
    """update_definition over AV_HOSTS hosts whose definitions are out of date, then again."""
    size = AV_HOSTS
    central.reset(hosts=runner.hosts, rate_limit_window=0)
    host_ids = outdate_antivirus(central, size)
    playbook = os.path.join(PLAYBOOKS, 'collection_av.yml')
    dummy, seconds, log = runner.playbook(playbook, {'bench_host_ids': host_ids})
    check_antivirus_updated(central, host_ids)
    first = Count.of(log)
    detail = dict(by_action(log))
    dummy, again_seconds, again_log = runner.playbook(playbook, {'bench_host_ids': host_ids})
    again = Count.of(again_log)
    if again.writes:
        raise BenchError('the anti-virus rerun sent %d commands' % again.writes)

    sample = naive_sample(size)
    central.reset(hosts=runner.hosts, rate_limit_window=0)
    outdate_antivirus(central, size)
    naive_vars = {'naive_host_ids': host_ids[:sample]}
    naive_playbook = os.path.join(PLAYBOOKS, 'naive_av.yml')
    dummy, naive_seconds, naive_log = runner.playbook(naive_playbook, naive_vars)
    check_antivirus_updated(central, host_ids[:sample])
    naive_measured, naive = scaled(naive_log, (AV_DETAILS,), sample, size)
    dummy, naive_again_seconds, naive_again_log = runner.playbook(naive_playbook, naive_vars)
    naive_again_measured, naive_again = scaled(naive_again_log, (AV_DETAILS,), sample, size)

    rows.append({'job': 'av_action update_definition, %s hosts out of date' % thousands(size), 'collection': first,
                 'minimum': Count(1, 1), 'naive': naive, 'detail': detail, 'seconds': seconds,
                 'naive_run': (sample, naive_measured, naive_seconds)})
    rows.append({'job': 'rerun (definitions up to date), %s hosts' % thousands(size), 'collection': again,
                 'minimum': Count(1, 0), 'naive': naive_again, 'detail': dict(by_action(again_log)),
                 'seconds': again_seconds, 'naive_run': (sample, naive_again_measured, naive_again_seconds)})


# ------------------------------------------------------------------ output


HEADER = ('job', 'collection: calls (reads + writes)', 'API minimum', 'naive uri playbook', 'collection / minimum',
          'naive / collection')


def table(rows):
    return rst_table(HEADER, [(r['job'], r['collection'].cell(), r['minimum'].cell(), r['naive'].cell(),
                               ratio(r['collection'], r['minimum']), ratio(r['naive'], r['collection'])) for r in rows])


def notes(rows):
    """How each naive figure was obtained, and where the collection's calls went."""
    lines = []
    for r in rows:
        sample, measured, seconds = r['naive_run']
        actions = ', '.join('%s %s' % (n, a) for a, n in sorted(r['detail'].items(), key=lambda item: -item[1]))
        lines.append('- %s: collection %.1f s [%s]; naive run over %d host(s): %s calls in %.1f s'
                     % (r['job'], r['seconds'], actions or 'no call', sample, thousands(measured.total), seconds))
    return lines


def command():
    knobs = ' '.join('%s=%s' % (k, os.environ[k]) for k in KNOBS if k in os.environ)
    return ((knobs + ' ') if knobs else '') + 'python tools/bench_api_calls.py'


INVENTORY_NOTE = (
    'Minimum: the hosts with their groups, the custom-field categories and the hosts\' values, one read each (none '
    'is paged); with the options, also the anti-virus details, the computer status report, the creation of the system '
    'inventory report and one read per page of %d hosts. The collection also reads the list of system inventory fields, '
    'to check the names asked for. Naive: tools/bench/naive_inventory.yml reads the hosts and categories once, then each '
    'host reads the custom-field values (and, with the options, the anti-virus details, its computer status and a '
    'one-host system inventory report). The API has no per-host read, so each host reads the whole list; a uri '
    'playbook that reads once (run_once) makes the minimum number of calls.' % PAGE)
CONVERGE_NOTE = (
    'Minimum: the three reads of the estate, one group move per target group, one description per host and one value '
    'per host and custom field. Naive: tools/bench/naive_converge.yml reads the groups and custom fields once (for '
    'their ids), then writes each host\'s group, description and values, one call each, without comparing: its rerun '
    'writes as much as its first run. The role\'s tasks reuse the estate read at the start of the run '
    '(desired_state_read_cache_ttl) and keep it current with their own writes, so the collection reads three times '
    'however long the run takes.')
ANTIVIRUS_NOTE = (
    'Minimum: the anti-virus details (which hosts need the command) and one command for all of them. Naive: '
    'tools/bench/naive_av.yml reads the details once and sends the command to each host that needs it, one call per '
    'host; its rerun, like the module\'s, sends nothing.')


def report(benchmarks, seconds):
    lines = ["API calls per job, counted from the Central emulator's request log (rate limit off).", '',
             'Command (PATH=<venv>/bin and PYTHONPATH=<collection tree>, as ``make bench`` sets them):', '']
    lines += ['::', '', '    ' + command()]
    lines += ['', 'Machine: %s. Whole benchmark: %.0f s.' % (machine_description(), seconds), '']
    for title, rows, note in benchmarks:
        lines += [title, '-' * len(title), '']
        lines += table(rows) + [''] + notes(rows) + ['', note, '']
    lines += ['Calls are written total (reads + writes). * A naive figure marked so is scaled from a run of the naive '
              'playbook over fewer hosts: its fixed reads plus its calls per host (both counted in that run) times '
              'the number of hosts; NAIVE_HOSTS=all runs it over every host.', '']
    return '\n'.join(lines)


def main():
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix='bench-api-calls-')
    hosts = max(max(SIZES + [INVENTORY_HOSTS, AV_HOSTS]) + 200, 250)
    central = start_emulator_process(rate_limit_window=0, hosts=hosts, quiet=True)
    try:
        runner = Runner(central, work, hosts)
        inventory, converge, antivirus = [], [], []
        inventory_job(central, runner, inventory)
        for size in SIZES:
            converge_job(central, runner, converge, size)
        antivirus_job(central, runner, antivirus)
        text = report([('Listing the inventory', inventory, INVENTORY_NOTE),
                       ('Converging a desired state (group, description and 2 custom fields per host)', converge, CONVERGE_NOTE),
                       ('Anti-virus remediation', antivirus, ANTIVIRUS_NOTE)], time.monotonic() - started)
        emit(text)
        return 0
    except BenchError as error:
        print('bench_api_calls: %s' % error, file=sys.stderr)
        return 1
    finally:
        central.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
