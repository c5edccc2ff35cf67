# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""`make demo`: the collection's main job against a Central emulator, rate limit scaled down.

Starts the emulator with a 250-host company and a one-second rate-limit window (the real service allows about
one call a minute), then, with the real Ansible tools and the credentials in the environment as AWX would
inject them: checks the credentials with the service_check playbook (and shows its refusal of a wrong PSK),
lists the estate with the inventory plugin, exports the account as a desired-state document and converges the
export (no write: the round trip), reports the drift of a sample desired-state document (with a plan for
review), converges it within a time budget (in rounds, with progress and a result file), applies the reviewed
plan for the rest, converges again (no write; the drift report is then clean), runs the anti-virus compliance
playbook, and sums up the API calls and rate-limit waits from the emulator's request log.
"""

import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, '.build')
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

# pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402

WINDOW = 1.0
HOSTS = 250


def heading(text):
    print('\n== %s' % text, flush=True)


def run(workdir, env, *command, expect=0):
    """Run an Ansible tool from the venv; return its output, failing the demo on another exit code."""
    if command[0] == 'ansible-playbook':
        env = dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED='false')  # plays on the implicit localhost
    done = subprocess.run([os.path.join(BIN, command[0])] + list(command[1:]), cwd=workdir, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    if (done.returncode == 0) != (expect == 0):
        print(done.stdout)
        raise SystemExit('demo: %s exited %d' % (command[0], done.returncode))
    return done.stdout


def desired_state(state):
    """A sample desired-state document: 24 hosts, two target groups, two custom fields."""
    plain = [g for g in state['groups'] if g['name'] in ('Work Computers', 'sales-team')]
    document = {'custom_fields': ['Location', 'Asset Tag'], 'hosts': {}}
    for n, host in enumerate(state['hosts'][:24]):
        document['hosts'][str(host['id'])] = {
            'description': 'Demo PC %02d' % n,
            'group': plain[n % 2]['name'],
            'custom_fields': {'Location': ('Budapest', 'Chicago')[n % 2], 'Asset Tag': 'AT-%04d' % n},
        }
    return document, [g['name'] for g in plain]


def progress(output):
    """The progress lines of a run's rounds."""
    return '\n'.join(line for line in output.splitlines() if ': round ' in line and ' changes written' in line)


def summary(path):
    with open(path, encoding='utf-8') as handle:
        result = json.load(handle)
    return '%s after %d round(s): %d written, %d pending, %d failed, %d of unknown outcome' % (
        result['outcome'], result['rounds'], result['counts']['written'], result['counts']['pending'],
        result['counts']['failed'], result['counts']['outcome_unknown'])


def task_messages(output):
    """The ``msg`` of each task result of a run with the oneline stdout callback (``host | STATUS => {...}``)."""
    found = []
    for line in output.splitlines():
        if line.startswith('localhost | ') and ' => {' in line:
            result = json.loads(line.split(' => ', 1)[1])
            if result.get('msg'):
                found.append(result['msg'])
    return found


def recap(output):
    return [line.strip() for line in output.splitlines() if line.startswith('localhost ')][-1]


def main():
    workdir = tempfile.mkdtemp(prefix='central-demo-')
    print('Starting the Central emulator: %d hosts, rate limit one call per action every %.0f s '
          '(the real service: about one a minute, so the demo runs about %.0fx faster).' % (HOSTS, WINDOW, 60 / WINDOW))
    emulator = start_emulator_process(hosts=HOSTS, rate_limit_window=WINDOW)
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_'))}
    env.update({
        'PATH': BIN + os.pathsep + env.get('PATH', ''),
        'ANSIBLE_COLLECTIONS_PATH': BUILD,
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_LOCALHOST_WARNING': 'false',
        'LOGMEIN_CENTRAL_API_URL': emulator.api_url,
        'LOGMEIN_CENTRAL_COMPANY_ID': emulator.company_id,
        'LOGMEIN_CENTRAL_PSK': emulator.psk,
        'LOGMEIN_CENTRAL_STATE_DIR': os.path.join(workdir, 'state'),
    })
    try:
        print('Emulator at %s (company id %s; the PSK is never printed).' % (emulator.api_url, emulator.company_id))

        heading('Check the credentials: ansible-playbook logmein.central.service_check')
        check_env = dict(env, ANSIBLE_STDOUT_CALLBACK='ansible.builtin.oneline')
        verdict = task_messages(run(workdir, check_env, 'ansible-playbook', 'logmein.central.service_check'))
        print('verdict: ' + verdict[-1])
        refused = task_messages(run(workdir, dict(check_env, LOGMEIN_CENTRAL_PSK='not-the-psk'),
                                    'ansible-playbook', 'logmein.central.service_check', expect=2))
        print('with a wrong PSK the check fails the job at its first task: ' + refused[-1])

        heading('The estate as an inventory: ansible-inventory -i central.yml --graph')
        with open(os.path.join(workdir, 'central.yml'), 'w', encoding='utf-8') as handle:
            handle.write('plugin: logmein.central.central\ncustom_field_groups: [Location]\ncustom_field_group_prefix: location_\n')
        graph = run(workdir, env, 'ansible-inventory', '-i', 'central.yml', '--graph').splitlines()
        groups = [line.strip().lstrip('|-@').rstrip(':') for line in graph if '@' in line]
        print('%d lines; groups: %s' % (len(graph), ', '.join(g if len(g) < 40 else g[:37] + '...' for g in groups)))
        print('\n'.join(graph[:12]) + '\n  ...')

        heading('Start GitOps from what exists: ansible-playbook logmein.central.export -e export_file=exported.yml')
        started = len(emulator.log())
        print(recap(run(workdir, env, 'ansible-playbook', 'logmein.central.export', '-e', 'export_file=exported.yml')))
        exported = os.path.join(workdir, 'exported.yml')
        with open(exported, encoding='utf-8') as handle:
            lines = handle.read().splitlines()
        calls = len(emulator.log()) - started
        print('%s: %d lines, %d bytes, %d API calls to read the account%s; the start of it:'
              % (exported, len(lines), os.path.getsize(exported), calls,
                 '' if calls else ' (the inventory above read it seconds ago: the shared read cache served the reads)'))
        print('\n'.join(line if len(line) < 110 else line[:107] + '...' for line in lines[:16]) + '\n  ...')
        started = len(emulator.log())
        run(workdir, env, 'ansible-playbook', 'logmein.central.converge', '-e', 'desired_state_file=exported.yml')
        print('round trip: converging the export wrote %d times (the export is exactly the account)'
              % sum(1 for e in emulator.log()[started:] if e['write']))

        document, group_names = desired_state(emulator.state(inventory=False))
        with open(os.path.join(workdir, 'desired_state.yml'), 'w', encoding='utf-8') as handle:
            json.dump(document, handle, indent=2)  # JSON is YAML
        drift_dir = os.path.join(workdir, 'drift')
        drift = ['ansible-playbook', 'logmein.central.drift_report', '-e', 'desired_state_file=desired_state.yml',
                 '-e', 'drift_report_dir=' + drift_dir]
        heading('Drift report of a desired state (24 hosts, groups %s, custom fields Location and Asset Tag)'
                % ', '.join(repr(g) for g in group_names))
        run(workdir, env, *drift, expect=2)
        with open(os.path.join(drift_dir, 'drift_report.txt'), encoding='utf-8') as handle:
            report = handle.read().splitlines()
        print('\n'.join(report[:14]) + ('\n  ...' if len(report) > 14 else ''))
        print('-> the drift report fails the pipeline (non-zero exit), as a gate should')

        with open(os.path.join(drift_dir, 'plan.json'), encoding='utf-8') as handle:
            plan = json.load(handle)
        print('%s/plan.json: %d descriptions, %d group moves, %d custom fields to write; estate of %d hosts, fingerprint %s...'
              % (drift_dir, len(plan['changes']['descriptions']), sum(len(v) for v in plan['changes']['groups'].values()),
                 len(plan['changes']['custom_fields']), len(plan['estate']['hosts']), plan['fingerprint'][:19]))

        result_file = os.path.join(workdir, 'result.json')
        converge = ['ansible-playbook', 'logmein.central.converge', '-e', 'desired_state_file=desired_state.yml']
        heading('Converge within a time budget: -e desired_state_round_seconds=4 -e desired_state_max_duration=9')
        started = len(emulator.log())
        output = run(workdir, env, *(converge + ['-e', 'desired_state_round_seconds=4', '-e', 'desired_state_max_duration=9',
                                                 '-e', 'desired_state_result_file=' + result_file]))
        print(progress(output))
        print(recap(output))
        print('result file: ' + summary(result_file))

        heading('Apply the reviewed plan for the rest: -e desired_state_plan_file=%s/plan.json' % os.path.basename(drift_dir))
        output = run(workdir, env, 'ansible-playbook', 'logmein.central.converge', '-e', 'desired_state_plan_file=' + drift_dir + '/plan.json',
                     '-e', 'desired_state_round_seconds=8', '-e', 'desired_state_result_file=' + result_file)
        print(progress(output))
        print(recap(output))
        print('result file: ' + summary(result_file))
        middle = len(emulator.log())
        heading('Converge again: ansible-playbook logmein.central.converge')
        print('second converge: ' + recap(run(workdir, env, *converge)))
        entries = emulator.log()
        first, second = entries[started:middle], entries[middle:]
        print('budgeted run and plan together: %d reads, %d writes (the minimum); second converge: %d reads, %d writes' % (
            sum(1 for e in first if not e['write']), sum(1 for e in first if e['write'] and e['status'] == 200),
            sum(1 for e in second if not e['write']), sum(1 for e in second if e['write'])))
        run(workdir, env, *drift)
        print('the drift report now passes: no drift')

        heading('Anti-virus compliance: ansible-playbook logmein.central.av_compliance')
        reports = os.path.join(workdir, 'av-report')
        print(recap(run(workdir, env, 'ansible-playbook', 'logmein.central.av_compliance', '-e', 'av_report_dir=' + reports)))
        for name in sorted(os.listdir(reports)):
            print('  %s (%d bytes)' % (os.path.join(reports, name), os.path.getsize(os.path.join(reports, name))))

        heading("API calls, from the emulator's request log")
        entries = emulator.log()
        by_action = collections.Counter((e['action'], e['status']) for e in entries)
        for (action, status), count in sorted(by_action.items()):
            print('  %-62s HTTP %s x %d' % (action, status, count))
        refused = sum(1 for e in entries if e['status'] == 429)
        print('%d API calls in all, %d writes, %d answered 429 Too Many Requests (each then waited out).'
              % (len(entries), sum(1 for e in entries if e['write'] and e['status'] == 200), refused))
        print('\nThe reports are in %s (drift) and %s (anti-virus compliance)' % (drift_dir, reports))
    finally:
        emulator.stop()


if __name__ == '__main__':
    main()
