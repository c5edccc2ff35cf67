# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The export playbook and its round trip through converge, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import os
import re
import time

import pytest
import yaml

from ansible_collections.logmein.central.tests.integration.conftest import reads, writes

THREE_READS = {'GET /v2/hostswithgroups': 1, 'GET /v1/hosts/custom-fields/categories': 1, 'GET /v1/hosts/custom-fields': 1}


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def playbook(ansible, name, *args, env=None, **variables):
    return ansible.run('ansible-playbook', 'logmein.central.' + name, '-e', json.dumps(variables), *args,
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false', **(env or {}))


def refused(text):
    """Text a converge would refuse to write back (a control character other than tab): the export leaves it out."""
    return any(ord(char) < 0x20 and char != '\t' or char == '\x7f' for char in text)


def expected_document(central):
    """What the export must hold, from the emulator's own state: ``{host id: entry}`` and the custom fields."""
    state = central.state(inventory=False)
    group_names = collections.Counter(g['name'] for g in state['groups'])
    group_ids = set(str(g['id']) for g in state['groups'])
    # By name when the name means this group alone (no other group has it, and it is no group's id), else by id.
    groups = dict((g['id'], g['name'] if group_names[g['name']] == 1 and str(g['name']).strip() not in group_ids else g['id'])
                  for g in state['groups'])
    field_names = collections.Counter(c['name'] for c in state['customFieldCategories'])
    fields = dict((c['id'], (c['name'], dict((v['id'], v['name']) for v in c['values'])))
                  for c in state['customFieldCategories'] if field_names[c['name']] == 1 and not refused(c['name']))
    hosts = {}
    for host in state['hosts']:
        entry = {}
        if host['description'].strip() and not refused(host['description']):
            entry['description'] = host['description']
        if host['groupId'] in groups:
            entry['group'] = groups[host['groupId']]
        values = dict((fields[c][0], fields[c][1][v]) for c, v in host.get('customFields', {}).items()
                      if c in fields and not refused(fields[c][1][v]))
        if values:
            entry['custom_fields'] = values
        hosts[host['id']] = entry
    return hosts, sorted(name for name, dummy in fields.values())


@pytest.mark.core216
@pytest.mark.both_profiles
def test_export_round_trip_on_the_hostile_dataset(ansible, central, tmp_path):
    document = tmp_path / 'central.yml'
    run = playbook(ansible, 'export', export_file=str(document))
    assert_ok(run)
    assert collections.Counter(e['action'] for e in central.log()) == THREE_READS
    text = document.read_text(encoding='utf-8')
    loaded = yaml.safe_load(text)
    hosts, fields = expected_document(central)
    assert loaded['hosts'] == hosts  # every string exactly as Central holds it, hostile ones included
    assert sorted(loaded['custom_fields']) == fields
    assert any('{{' in entry.get('description', '') for entry in hosts.values())  # the dataset is hostile
    # ... but text a converge would refuse to write back (control characters) is left out, each named in a warning.
    refusals = [h for h in central.state(inventory=False)['hosts'] if refused(h['description'])]
    assert refusals
    said = ' '.join((run.stdout + run.stderr).split())  # warnings may be wrapped
    for host in refusals:
        assert 'host %d: the description' % host['id'] in said
    assert 'contains the control character \\x07 (U+0007)' in said and 'left out of the export' in said

    # The same account gives the same bytes; --check writes no file.
    assert_ok(playbook(ansible, 'export', export_file=str(tmp_path / 'again.yml')))
    assert (tmp_path / 'again.yml').read_bytes() == document.read_bytes()
    assert_ok(playbook(ansible, 'export', '--check', export_file=str(tmp_path / 'checked.yml')))
    assert not (tmp_path / 'checked.yml').exists()

    # Converging the export writes nothing: no string was changed, templated or lost on the way.
    central.clear_log()
    again = playbook(ansible, 'converge', desired_state_file=str(document))
    assert_ok(again)
    assert writes(central) == []
    assert len(reads(central)) <= 3

    # One value edited in review: exactly one write.
    first_id = next(host_id for host_id, entry in loaded['hosts'].items() if 'description' in entry)
    edited = re.sub(r'(\n  %d:[^\n]*\n    description: )"[^\n]*"' % first_id, r'\1"Edited in review"', text, count=1)
    assert edited != text
    document.write_text(edited, encoding='utf-8')
    central.clear_log()
    assert_ok(playbook(ansible, 'converge', desired_state_file=str(document)))
    assert [e['action'] for e in writes(central)] == ['PUT /v1/hosts/{id}/description']
    assert {h['id']: h['description'] for h in central.state(inventory=False)['hosts']}[first_id] == 'Edited in review'


def test_split_export_round_trip_and_narrowing(ansible, central, tmp_path):
    folder = tmp_path / 'central'
    folder.mkdir()
    (folder / 'stale-1.yml').write_text('# LogMeIn Central desired state: hosts of computer group "Gone" (id 1)\nhosts: {}\n')
    (folder / 'notes.yml').write_text('mine: true\n')
    assert_ok(playbook(ansible, 'export', export_split='group', export_dir=str(folder)))
    names = sorted(os.listdir(str(folder)))
    assert 'index.yml' in names and 'no-group.yml' in names and 'notes.yml' in names and 'stale-1.yml' not in names
    index = yaml.safe_load((folder / 'index.yml').read_text(encoding='utf-8'))
    assert sorted(index['include']) == sorted(n for n in names if n not in ('index.yml', 'notes.yml'))
    central.clear_log()
    assert_ok(playbook(ansible, 'converge', desired_state_file=str(folder / 'index.yml')))
    assert writes(central) == []

    # Narrowed: descriptions only, one group.
    narrow = tmp_path / 'narrow.yml'
    assert_ok(playbook(ansible, 'export', export_file=str(narrow), export_groups=['Work Computers'],
                       export_attributes=['description']))
    hosts, dummy = expected_document(central)
    state = central.state(inventory=False)
    work = [g['id'] for g in state['groups'] if g['name'] == 'Work Computers'][0]
    loaded = yaml.safe_load(narrow.read_text(encoding='utf-8'))
    assert sorted(loaded['hosts']) == sorted(h['id'] for h in state['hosts'] if h['groupId'] == work)
    assert all(set(entry) <= {'description'} for entry in loaded['hosts'].values())
    assert 'custom_fields' not in loaded

    # Bad input fails before any read.
    central.clear_log()
    bad = playbook(ansible, 'export', export_file=str(tmp_path / 'x.yml'), export_attributes=['colour'])
    assert bad.returncode != 0 and 'colour' in bad.stdout
    assert central.log() == []


def test_export_and_round_trip_of_5000_hosts(ansible, central, tmp_path):
    central.reset(hosts=5000, rate_limit_window=0)
    document = tmp_path / 'central.yml'
    started = time.monotonic()
    assert_ok(playbook(ansible, 'export', export_file=str(document)))
    exported = time.monotonic() - started
    assert collections.Counter(e['action'] for e in central.log()) == THREE_READS
    assert len(yaml.safe_load(document.read_text(encoding='utf-8'))['hosts']) == 5000
    central.clear_log()
    started = time.monotonic()
    # A controller of its own (as a pipeline's converge job would be): no read cached by the export.
    assert_ok(playbook(ansible, 'converge', desired_state_file=str(document),
                       env={'LOGMEIN_CENTRAL_STATE_DIR': str(tmp_path / 'fresh')}))
    converged = time.monotonic() - started
    assert writes(central) == [] and len(reads(central)) == 3
    print('5,000 hosts: export %.1f s, %d bytes, 3 reads; converge of the export %.1f s, %d reads, 0 writes'
          % (exported, document.stat().st_size, converged, len(reads(central))))
