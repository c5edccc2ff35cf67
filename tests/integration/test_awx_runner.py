# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A job as AWX runs it: ansible-runner, the inventory plugin as the source, credentials injected
only as the shipped credential type injects them. Run by ``make awx`` (the tools venv)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest
import yaml

from ansible_collections.logmein.central.tests.integration.conftest import BIN, COLLECTION_ROOT, COLLECTIONS_PATH

pytestmark = pytest.mark.awx

SITE = '''---
- name: Describe the first Central host, as a job template would
  hosts: all
  gather_facts: false
  tasks:
    - name: Set the description of one host from the inventory
      logmein.central.host_description:
        host_id: "{{ hostvars[ansible_play_hosts | sort | first].central_id }}"
        description: Set from AWX
      delegate_to: localhost
      run_once: true
'''


CONVERGE = '''---
- name: Converge a desired state in rounds, as a scheduled job template would
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Apply the desired state
      ansible.builtin.include_role:
        name: logmein.central.desired_state
      vars:
        desired_state_document: "{{ document }}"
        desired_state_round_seconds: 2
'''


def injected_environment(inputs):
    """The environment variables the shipped credential type injects for these inputs."""
    with open(os.path.join(COLLECTION_ROOT, 'extensions', 'awx', 'credential_type.yml'), encoding='utf-8') as handle:
        credential_type = yaml.safe_load(handle)
    fields = {f['id']: f for f in credential_type['inputs']['fields']}
    assert [f for f in credential_type['inputs']['required'] if f not in inputs] == []
    assert fields['psk'].get('secret') is True
    values = {name: inputs.get(name, field.get('default', '')) for name, field in fields.items()}
    environment = {}
    for variable, template in credential_type['injectors']['env'].items():
        name = template.replace('{{', '').replace('}}', '').strip()
        environment[variable] = values[name]
    return environment


def test_a_job_through_ansible_runner_keeps_the_psk_in_its_artifacts(central, tmp_path):
    data, run = runner_job(central, tmp_path, SITE, inventory='plugin: logmein.central.central\n')
    described = [h for h in central.state()['hosts'] if h['description'] == 'Set from AWX']
    assert len(described) == 1

    # The PSK is in the injected environment (env/envvars, what AWX writes for the job) and in
    # runner's artifacts, which AWX keeps private; nowhere else: not in the output, the job
    # events, the inventory source, the state directory or the read cache.
    where = []
    for path in tmp_path.rglob('*'):
        if path.is_file() and central.psk in path.read_text(errors='replace'):
            where.append(path.relative_to(tmp_path).parts)
    allowed = [p for p in where if p[:3] == ('runner', 'env', 'envvars') or p[:2] == ('runner', 'artifacts')]
    assert where == allowed, where
    assert central.psk not in run.stdout + run.stderr
    events = list((data / 'artifacts' / 'job1' / 'job_events').glob('*.json'))
    assert events and not [e for e in events if central.psk in e.read_text()]


def runner_job(central, tmp_path, site, inventory=None, extra_vars=None):
    """Run ``site`` as a job through ansible-runner; returns the runner folder."""
    data = tmp_path / 'runner'
    for folder in ('env', 'inventory', 'project'):
        (data / folder).mkdir(parents=True)
    envvars = injected_environment({'company_id': central.company_id, 'psk': central.psk, 'api_url': central.api_url})
    envvars.update({
        'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_PATH,
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true' if inventory else 'false',
        'LOGMEIN_CENTRAL_STATE_DIR': str(tmp_path / 'state'),
    })
    (data / 'env' / 'envvars').write_text(yaml.safe_dump(envvars))
    if extra_vars:
        (data / 'env' / 'extravars').write_text(json.dumps(extra_vars))
    if inventory:
        (data / 'inventory' / 'central.yml').write_text(inventory)
    (data / 'project' / 'site.yml').write_text(site)
    environment = {k: v for k, v in os.environ.items() if not k.startswith(('LOGMEIN_CENTRAL_', 'ANSIBLE_'))}
    environment['PATH'] = BIN + os.pathsep + environment.get('PATH', '')
    run = subprocess.run([os.path.join(BIN, 'ansible-runner'), 'run', str(data), '-p', 'site.yml', '--ident', 'job1'],
                         env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-2000:]
    assert (data / 'artifacts' / 'job1' / 'status').read_text() == 'successful'
    return data, run


def job_events(data):
    """The job's events in the order they happened, as AWX shows them."""
    events = [json.loads(path.read_text()) for path in (data / 'artifacts' / 'job1' / 'job_events').glob('*.json')]
    return sorted(events, key=lambda event: event['counter'])


def test_a_long_converge_shows_its_rounds_in_the_job_output_and_publishes_its_result_as_an_artifact(central, tmp_path):
    central.configure(rate_limit_window=1.0)
    host_ids = [h['id'] for h in central.state()['hosts'][:6]]
    document = {'hosts': dict((str(i), {'description': 'AWX round %d' % n}) for n, i in enumerate(host_ids))}
    data, run = runner_job(central, tmp_path, CONVERGE, extra_vars={'document': document})
    events = job_events(data)
    progress = [e['stdout'] for e in events if ': round ' in e.get('stdout', '') and 'changes written' in e.get('stdout', '')]
    assert len(progress) >= 2 and '6 of 6 changes written, 0 left' in progress[-1], progress
    assert all(': round ' in line for line in run.stdout.splitlines() if 'changes written' in line)
    stats = [e for e in events if e['event'] == 'playbook_on_stats']
    artifact = stats[0]['event_data']['artifact_data']['desired_state_result']
    assert artifact['outcome'] == 'converged' and sorted(artifact['kinds']['descriptions']['written']) == sorted(host_ids)
    assert central.psk not in run.stdout and not [e for e in events if central.psk in json.dumps(e)]
