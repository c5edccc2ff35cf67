# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The playbooks the shipped rulebooks run, given real events of the logmein.central.events source the way
ansible-rulebook gives them (``ansible_eda.event`` in an extra-vars file it writes with ``yaml.dump``), on the
newest and (``make integration-core216``) the oldest supported ansible-core. Strings from Central that are
templates must be shown and written as they are, never run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import yaml

from ansible_collections.logmein.central.plugins.module_utils.change_events import Baseline, ChangeFeed, selected_types
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.state_store import StateStore
from ansible_collections.logmein.central.tests.integration.conftest import writes

pytestmark = pytest.mark.core216


class Events:
    """The source's own feed, polled against the emulator: the events a rulebook would receive."""

    def __init__(self, central, tmp_path, names):
        self.settings = ConnectionSettings(central.api_url, central.company_id, central.psk)
        self.state_dir = str(tmp_path / 'source-state')
        store = StateStore(self.state_dir, 'eda-test')
        self.feed = ChangeFeed(selected_types(names), Baseline(store, 'test', print), central.company_id)
        self.poll()

    def poll(self):
        result = self.feed.poll(CentralClient(self.settings, state_dir=self.state_dir))
        self.feed.commit(result)
        return result.events


def _run(ansible, playbook, event, **variables):
    """ansible-playbook with the extra vars ansible-rulebook's run_playbook writes."""
    extra = dict(variables)
    extra['ansible_eda'] = {'ruleset': 'test', 'rule': 'test', 'event': event}
    path = ansible.tmp_path / ('extravars-%s.yml' % playbook)
    path.write_text(yaml.dump(extra))
    return ansible.run('ansible-playbook', 'logmein.central.' + playbook, '-e', '@' + str(path),
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false')


def _change(central, edit):
    state = central.state()
    edit(state)
    central.put_state(state)


def _trap(tmp_path, name):
    """A template that would leave a file behind if Ansible ever ran it."""
    marker = tmp_path / name
    return marker, "{{ lookup('pipe', 'touch %s') }}" % marker


def _healthy_host(state):
    return [h for h in state['hosts'] if h['isHostOnline'] and (h.get('antiVirus') or {}).get('antiVirusStatus') == 3
            and h['antiVirus'].get('canReportRealTimeProtectionStatus')][0]


def test_av_remediation_sends_the_command_of_the_event_and_runs_no_string(central, ansible, tmp_path):
    events = Events(central, tmp_path, ['antivirus'])
    marker, hostile = _trap(tmp_path, 'av-template-ran')
    host = _healthy_host(central.state())

    def edit(state):
        found = [h for h in state['hosts'] if h['id'] == host['id']][0]
        found['description'] = hostile
        found['antiVirus'].update(isRealTimeProtectionOn=False, antiVirusStatus=1)
    _change(central, edit)
    found = events.poll()
    assert [e['central']['type'] for e in found] == ['av_status_changed', 'av_realtime_protection_off']
    central.clear_log()

    for event in found:
        result = _run(ansible, 'eda_av_remediation', event)
        assert result.returncode == 0, result.stdout + result.stderr
    assert [e['action'] for e in writes(central)] == ['POST /v1/anti-virus/actions/enable-realtimetypeprotection']
    assert 'sent enable_realtime_protection' in result.stdout
    assert hostile in result.stdout
    assert not marker.exists()
    assert central.psk not in result.stdout + result.stderr


def test_new_host_policy_applies_its_group_policy_once_and_runs_no_string(central, ansible, tmp_path):
    events = Events(central, tmp_path, ['host_added', 'custom_field_changed'])
    group_marker, hostile_group = _trap(tmp_path, 'group-template-ran')
    marker, hostile = _trap(tmp_path, 'description-template-ran')
    group_id = central.state()['groups'][0]['id']

    def edit(state):
        [g for g in state['groups'] if g['id'] == group_id][0]['name'] = hostile_group
        new_host = json.loads(json.dumps(state['hosts'][0]))
        new_host.update(id=1999999002, description=hostile, groupId=group_id, customFields={})
        state['hosts'].append(new_host)
    _change(central, edit)
    added = events.poll()
    assert [e['central']['type'] for e in added] == ['host_added']
    policy = {str(group_id): {'custom_fields': {'Owner': 'Group policy'}, 'description': 'Managed'},
              'default': {'custom_fields': {'Owner': 'Default policy'}}}
    central.clear_log()
    result = _run(ansible, 'eda_new_host', added[0], eda_new_host_policy=policy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(e['action'] for e in writes(central)) == [
        'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}', 'PUT /v1/hosts/{id}/description']
    assert hostile in result.stdout and hostile_group in result.stdout  # shown as they are
    host = [h for h in central.state()['hosts'] if h['id'] == 1999999002][0]
    assert host['description'] == 'Managed'

    # The write is a change the source reports; the run it starts writes nothing, and the loop ends there.
    changed = [e for e in events.poll() if e['central']['type'] == 'custom_field_changed']
    assert len(changed) == 1
    central.clear_log()
    again = _run(ansible, 'eda_new_host', changed[0], eda_new_host_policy=policy)
    assert again.returncode == 0, again.stdout + again.stderr
    assert writes(central) == []
    assert events.poll() == []
    assert not marker.exists() and not group_marker.exists()


def test_host_removed_notice_holds_the_strings_as_they_are(central, ansible, tmp_path):
    events = Events(central, tmp_path, ['host_removed'])
    marker, hostile = _trap(tmp_path, 'removed-template-ran')
    host_id = central.state_hosts()[5]['id']

    def edit(state):
        [h for h in state['hosts'] if h['id'] == host_id][0]['description'] = hostile
    _change(central, edit)
    assert events.poll() == []  # a description change is not an event this source was asked for
    _change(central, lambda state: state['hosts'].remove([h for h in state['hosts'] if h['id'] == host_id][0]))
    removed = events.poll()
    assert [e['central']['type'] for e in removed] == ['host_removed']
    notices = tmp_path / 'notices.jsonl'
    result = _run(ansible, 'eda_host_removed', removed[0], eda_notification_file=str(notices))
    assert result.returncode == 0, result.stdout + result.stderr
    notice = json.loads(notices.read_text())
    assert (notice['host_id'], notice['description']) == (host_id, hostile)
    assert oct(notices.stat().st_mode & 0o777) == '0o600'
    assert not marker.exists()
