# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The shipped rulebooks run by the real ansible-rulebook (Java, drools) against the emulator: the event source,
the rule conditions, the run_playbook actions and the playbooks, end to end. Run by ``make eda`` (the EDA venv)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import signal
import subprocess
import time

import pytest
import yaml

from ansible_collections.logmein.central.tests.integration.conftest import BIN

pytestmark = pytest.mark.eda

HOSTILE = "{{ lookup('pipe', 'touch %s') }}"
AV_PATHS = {
    'update_definition': '/public-api/v1/anti-virus/actions/update-definition',
    'enable_realtime_protection': '/public-api/v1/anti-virus/actions/enable-realtimetypeprotection',
    'full_scan': '/public-api/v1/anti-virus/actions/start-fullscan',
    'refresh_status': '/public-api/v1/anti-virus/actions/refresh-status',
}


class Rulebook:
    """ansible-rulebook as a user starts it: a collection rulebook, an inventory, a vars file, the connection in
    LOGMEIN_CENTRAL_* variables. Stopped with SIGINT, as Ctrl-C or a controller would."""

    def __init__(self, ansible, name, variables):
        self.tmp_path = ansible.tmp_path
        (self.tmp_path / 'inventory.yml').write_text('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n')
        (self.tmp_path / 'vars.yml').write_text(yaml.safe_dump(variables))
        self.output_path = self.tmp_path / 'rulebook.log'
        env = dict(ansible.env)
        env['ANSIBLE_LOCAL_TEMP'] = str(self.tmp_path / 'ansible-tmp')
        with open(str(self.output_path), 'w', encoding='utf-8') as output:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                [os.path.join(BIN, 'ansible-rulebook'), '-r', 'logmein.central.' + name, '-i', 'inventory.yml',
                 '--vars', 'vars.yml'],
                cwd=str(self.tmp_path), env=env, stdout=output, stderr=subprocess.STDOUT)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output

    @property
    def output(self):
        return self.output_path.read_text(encoding='utf-8', errors='replace')

    def wait_for(self, condition, what, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail('ansible-rulebook ended (status %s) while waiting for %s:\n%s'
                            % (self.process.returncode, what, self.output[-6000:]))
            if condition():
                return
            time.sleep(0.5)
        self.stop()
        pytest.fail('no %s after %d s:\n%s' % (what, timeout, self.output[-6000:]))


def _count(central, path=None, method='GET'):
    return sum(1 for entry in central.log() if entry['method'] == method and (path is None or entry['path'] == path))


def _av_hosts(state):
    """Hosts with anti-virus that is fine and can report everything, online: a change to them is the only cause."""
    return [h for h in state['hosts'] if h['isHostOnline'] and (h.get('antiVirus') or {}).get('antiVirusStatus') == 3
            and h['antiVirus'].get('canReportRealTimeProtectionStatus') and h['antiVirus'].get('canReportThreatLog')]


@pytest.fixture
def paced(central):
    """The emulator with its rate limit on (1 s a call per action), as every call is paced against it."""
    central.configure(rate_limit_window=1)
    return central


def test_av_remediation_sends_each_command_once_per_change_and_runs_no_hostile_string(paced, ansible, tmp_path):
    marker = tmp_path / 'template-ran'
    rulebook = Rulebook(ansible, 'av_remediation', {'central_poll_interval': 2})
    try:
        details = '/public-api/v1/hosts/anti-virus/details'
        rulebook.wait_for(lambda: _count(paced, details) >= 1, 'first poll (the baseline)')
        state = paced.state()
        outdated, threats, hostile, unexplained = _av_hosts(state)[:4]
        outdated['antiVirus'].update(isVirusDefinitionUpToDate=False, virusDefinitionVersion='2020.01.01', antiVirusStatus=1)
        threats['antiVirus'].update(numberOfThreats=2, antiVirusStatus=0)
        hostile['description'] = HOSTILE % marker
        hostile['antiVirus'].update(isRealTimeProtectionOn=False, antiVirusStatus=1)
        unexplained['antiVirus'].update(antiVirusStatus=0)
        paced.put_state(state)
        paced.clear_log()

        rulebook.wait_for(lambda: all(_count(paced, path, 'POST') for path in AV_PATHS.values()), 'command of each change')
        settled = _count(paced, details)
        rulebook.wait_for(lambda: _count(paced, details) >= settled + 3, 'three polls after the commands')
    finally:
        output = rulebook.stop()

    # The playbooks read nothing: the anti-virus details the source has just read are in the shared read
    # cache, so each remediation costs its command alone, and the reads in the log are the polls, 2 s apart.
    reads = [e for e in paced.log() if e['method'] == 'GET']
    assert {e['action'] for e in reads} == {'GET /v1/hosts/anti-virus/details'}
    assert min(later['time'] - earlier['time'] for earlier, later in zip(reads, reads[1:])) > 1.5, (
        [(round(e['time'], 2), e['status']) for e in reads], output[-3000:])
    sent = dict((action, _count(paced, path, 'POST')) for action, path in AV_PATHS.items())
    assert sent == dict.fromkeys(AV_PATHS, 1), output[-6000:]
    after = dict((h['id'], h['antiVirus']) for h in paced.state()['hosts'])
    assert after[outdated['id']]['isVirusDefinitionUpToDate'] is True
    assert after[hostile['id']]['isRealTimeProtectionOn'] is True
    assert after[threats['id']]['lastFullScanTime'] != threats['antiVirus']['lastFullScanTime']
    # The description reached the playbook as it is, and was shown, never run.
    assert not marker.exists()
    assert HOSTILE % marker in output
    assert paced.psk not in output


def test_a_policy_write_causes_no_endless_loop(paced, ansible):
    policy = {'default': {'description': 'Managed workstation', 'custom_fields': {'Owner': 'IT department'}}}
    rulebook = Rulebook(ansible, 'new_host_policy', {'central_poll_interval': 2, 'eda_new_host_policy': policy})
    values = '/public-api/v1/hosts/custom-fields'
    try:
        rulebook.wait_for(lambda: _count(paced, values) >= 1, 'first poll (the baseline)')
        state = paced.state()
        new_host = json.loads(json.dumps(state['hosts'][0]))
        new_host.update(id=1999999001, description='unnamed', customFields={})
        state['hosts'].append(new_host)
        paced.put_state(state)
        paced.clear_log()

        rulebook.wait_for(lambda: len([e for e in paced.log() if e['write']]) >= 2, 'policy writes')
        # The writes change a custom-field value: that event runs the playbook again, which writes nothing.
        rulebook.wait_for(lambda: rulebook.output.count('policy applied') >= 2, 'second run on the policy write')
        settled = _count(paced, values)
        rulebook.wait_for(lambda: _count(paced, values) >= settled + 3, 'three polls after the writes')
    finally:
        output = rulebook.stop()

    writes = [(e['method'], e['action']) for e in paced.log() if e['write']]
    assert sorted(writes) == [('POST', 'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}'),
                              ('PUT', 'PUT /v1/hosts/{id}/description')], output[-6000:]
    host = [h for h in paced.state()['hosts'] if h['id'] == 1999999001][0]
    assert host['description'] == 'Managed workstation'
    assert output.count('policy applied') == 2, output[-6000:]
