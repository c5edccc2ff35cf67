# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The security suite: hostile API strings, the PSK and TLS, with the real Ansible tools, on every core.

- Hostile strings from the API (template markers, control characters, a 100 kB value) come back
  literally in every module's results and stay data when a play prints them, combines them,
  passes them to other modules, tests them in conditions and writes them to files.
- The PSK appears nowhere at -vvvv: stdout, stderr, the log file, diffs, registered results,
  failed-task and exception text, the client's state directory, Ansible's temporary directory
  and the inventory cache.
- TLS: ``validate_certs: true`` refuses the emulator's self-signed certificate in one clear line,
  ``ca_path`` pointing at it is accepted, ``validate_certs: false`` works with a warning; for a
  module and for the inventory plugin.

Other tests cover the rest: hostile names and variables in the inventory (test_inventory.py), in
the compliance report (test_av_compliance.py), the PSK in ansible-runner artifacts
(test_awx_runner.py), TLS and the PSK at client level (tests/unit/plugins/module_utils) and TLS for
every module in process (tests/unit/plugins/modules/test_security_tls.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import AnsibleRunner, start_emulator_process

pytestmark = pytest.mark.core216

START, END, DELETED_SINCE = '2024-11-01', '2025-05-31', '2024-10-01'
MATH = 'math:{{ 7*7 }}:end'
EVALUATED = 'math:49:end'
CONTROL = 'ctl:\x1b[31mred\x1b[0m\r\nsecond line\x00nul\x07bell\x7f\ttab'
LONG = 'long:{{ 7*7 }}:' + 'x' * 100000
# The keys of the hostile strings put into the descriptions of the first five hosts, and into the
# values of a custom field of the first four.
DESCRIPTIONS = ('description', 'statement', 'math', 'control', 'long')
VALUES = ('value', 'value_math', 'value_long', 'value_control')


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def files_under(folder):
    """The text of every file below ``folder`` (path: text)."""
    texts = {}
    for root, dummy, names in os.walk(str(folder)):
        for name in names:
            path = os.path.join(root, name)
            with open(path, 'rb') as handle:
                texts[path] = handle.read().decode('utf-8', 'replace')
    return texts


def flat(text):
    """Messages on one line: ansible-core 2.16 wraps warnings at 79 columns, after spaces and hyphens."""
    return ' '.join(re.sub(r'(?<=\S-)\n', '', text).split())


# Hostile strings in every module's results ------------------------------------------------

def hostile_estate(central, marker):
    """Twelve hosts of the emulator's estate with hostile strings in every field a module returns.

    Returns (expected, ids): the hostile strings by where they were put, and the ids the play needs.
    """
    def attack(what):
        return "{{ lookup('pipe', 'touch %s-%s') }}" % (marker, what)

    state = central.state()
    hosts = [h for h in state['hosts'] if (h.get('inventory') or {}).get('system', {}).get('journalEntries')][:12]
    host_ids = [h['id'] for h in hosts]
    groups = state['groups']
    expected = {
        'description': attack('description'),
        'statement': "{%% set x = lookup('pipe', 'touch %s-statement') %%}statement" % marker,
        'math': MATH, 'control': CONTROL, 'long': LONG,
        'host_name': attack('hostname'),
        'group': attack('group'), 'group_math': 'group:' + MATH,
        'category': attack('category'),
        'value': attack('value'), 'value_math': MATH, 'value_long': LONG, 'value_control': CONTROL,
        'antivirus': attack('antivirus'), 'definition': MATH,
        'first_name': attack('user'), 'last_name': MATH, 'holder': CONTROL,
        'os_type': attack('os'), 'journal': MATH, 'logon': CONTROL, 'hardware_model': attack('hardware'),
        'session_ip': attack('session'), 'status_ip': attack('status'),
        'deleted_name': attack('deleted'), 'deleted_reason': MATH,
    }
    for host, key in zip(hosts, DESCRIPTIONS):
        host['description'] = expected[key]
    hosts[5]['description'] = 'Plain host'
    hosts[0]['hostName'] = expected['host_name']
    groups[0]['name'], groups[1]['name'] = expected['group'], expected['group_math']
    for host, group in zip(hosts, (groups[0], groups[0], groups[1], groups[1], groups[2], groups[2])):
        host['groupId'] = group['id']
    for host in hosts[:7]:
        host.update(isHostOnline=True, raSessionInProgress=False)
    state['customFieldCategories'].append({'name': expected['category']})
    for host, key in zip(hosts, VALUES):
        host['customFields'][expected['category']] = expected[key]
    for host in hosts[:4]:
        host['antiVirus'] = {'antiVirusName': expected['antivirus'], 'isVirusDefinitionUpToDate': False,
                             'virusDefinitionVersion': expected['definition'], 'isRealTimeProtectionOn': True}
    system, hardware = hosts[0]['inventory']['system'], hosts[0]['inventory']['hardware']
    system.update(osType=expected['os_type'], lastLogonUserName=expected['logon'])
    system['journalEntries'][0]['message'] = expected['journal']
    hardware['hardwareModel'] = expected['hardware_model']
    hosts[0]['computerStatus']['lastKnownIpAddress'] = expected['status_ip']
    users = state['users']
    users['usersData'][0].update(firstName=expected['first_name'], lastName=expected['last_name'])
    users['mahData']['lastName'] = expected['holder']
    state.update(hosts=hosts, remoteAccessSessions=[
        {'sessionId': 7000001, 'hostId': host_ids[0], 'sessionStart': '2025-01-10 10:00:00', 'sessionEnd': '2025-01-10 11:00:00',
         'userIp': expected['session_ip']}],
        deletedHosts=[{'hostId': 1900000001, 'hostName': expected['deleted_name'], 'deleteReason': expected['deleted_reason'],
                       'deletedAt': '2025-01-01T00:00:00Z', 'installedAt': '2024-01-01T00:00:00Z'}])
    central.put_state(state)
    category_id = [c['id'] for c in central.state_categories() if c['name'] == expected['category']][0]
    ids = {'host_ids': host_ids, 'group_ids': [g['id'] for g in groups[:2]], 'category_id': category_id,
           'start_date': START, 'end_date': END, 'deleted_since': DELETED_SINCE}
    return expected, ids


def by(items, key, value):
    return [item for item in items if item[key] == value][0]


def test_hostile_strings_are_data_in_every_module_result(ansible, central, tmp_path):
    marker = str(tmp_path / 'pwned')
    expected, ids = hostile_estate(central, marker)
    host_ids, group_ids = ids['host_ids'], ids['group_ids']
    run = ansible.playbook('hostile_results.yml', '--diff', extra_vars=ids)
    assert_ok(run)

    # Nothing ran, nothing was evaluated: not in the play, its output, its files or the estate.
    assert not [name for name in os.listdir(str(tmp_path)) if name.startswith('pwned')]
    combined = (tmp_path / 'combined.txt').read_text(encoding='utf-8')
    raw = (tmp_path / 'hostile_results.json').read_text(encoding='utf-8')
    for text in (run.stdout, run.stderr, combined, raw, json.dumps(central.state())):
        assert EVALUATED not in text and 'math:49' not in text
    # Control characters reach the terminal escaped, never raw (no terminal escape sequence, no NUL).
    assert not re.search('[\x00\x1b\x07]', run.stdout + run.stderr)
    assert combined == ' | '.join((expected['statement'], expected['group'], expected['category'], expected['value_math']))

    results = json.loads(raw)
    facts = results['gathered']['ansible_facts']['central']
    first = str(host_ids[0])

    # report_facts: every report gives its hostile strings back literally.
    hosts = {h['id']: h for h in facts['hosts']}
    assert [hosts[i]['description'] for i in host_ids[:5]] == [expected[k] for k in DESCRIPTIONS]
    assert hosts[host_ids[0]]['host_name'] == expected['host_name']
    assert hosts[host_ids[0]]['group_name'] == expected['group'] and hosts[host_ids[2]]['group_name'] == expected['group_math']
    assert by(facts['groups'], 'id', group_ids[0])['name'] == expected['group']
    field = by(facts['custom_fields'], 'id', ids['category_id'])
    assert field['name'] == expected['category']
    assert [field['hosts'][str(i)] for i in host_ids[:4]] == [expected[k] for k in VALUES]
    antivirus = by(facts['antivirus'], 'host_id', host_ids[0])
    assert antivirus['anti_virus_name'] == expected['antivirus'] and antivirus['virus_definition_version'] == MATH
    assert antivirus['host_description'] == expected['description'] and antivirus['group_name'] == expected['group']
    assert {u['first_name'] for u in facts['users']} >= {expected['first_name']}
    assert {u['last_name'] for u in facts['users']} >= {expected['last_name'], expected['holder']}
    system, hardware = facts['system_inventory'][first], facts['hardware_inventory'][first]
    assert system['os_type'] == expected['os_type'] and system['last_logon_user_name'] == CONTROL
    assert system['journal_entries'][0]['message'] == MATH
    assert hardware['hardware_model'] == expected['hardware_model']
    assert [s['user_ip'] for s in facts['remote_access']] == [expected['session_ip']]
    status = by(facts['computer_status'], 'host_id', host_ids[0])
    assert status['last_known_ip_address'] == expected['status_ip'] and status['computer_description'] == expected['description']
    assert [(d['host_name'], d['deleted_reason']) for d in facts['deleted_hosts']] == [(expected['deleted_name'], MATH)]
    # ... and the same facts, after set_fact copied them to another variable.
    assert results['facts_again'] == facts

    # host_description: the hostile descriptions are the "before" of the result and of the diff.
    described = results['described']
    assert [h['before'] for h in described['hosts']] == [expected[k] for k in DESCRIPTIONS[1:]]
    assert described['diff']['before'] == dict((str(i), expected[k]) for i, k in zip(host_ids[1:5], DESCRIPTIONS[1:]))
    assert results['copied']['hosts'][0]['after'] == expected['description']

    # host_group: the hostile group names, by id and by a name taken from the facts.
    moved = results['moved_by_id']['moved']
    assert [(m['from_group'], m['to_group']) for m in moved] == [(expected['group'], expected['group_math'])] * 2
    moved = results['moved_by_name']['moved']
    assert [(m['from_group'], m['to_group']) for m in moved] == [(expected['group_math'], expected['group'])]
    # host, host_connection and av_action return ids, statuses and the link: no API text to template.
    assert results['present']['present'] == host_ids[:6]
    assert results['link']['connection']['connectionUrl'].startswith('https://')
    assert sorted(results['av']['sent']) == sorted(host_ids[:4])

    # custom_field: the hostile field name and values, and the rename built from the name.
    fielded = results['fielded']
    assert fielded['category']['name'] == expected['category']
    assert [(h['before'], h['after']) for h in fielded['hosts']] == [
        (expected['value'], 'Plain value'), (expected['value_math'], expected['description'])]
    assert results['renamed']['category']['name'] == expected['category'] + ' renamed'

    # What the modules wrote from hostile arguments reached the service literally.
    state = central.state(inventory=False)
    written = {h['id']: h for h in state['hosts']}
    assert written[host_ids[5]]['description'] == expected['description']
    assert written[host_ids[2]]['groupId'] == group_ids[0]
    category = [c for c in state['customFieldCategories'] if c['id'] == ids['category_id']][0]
    assert category['name'] == expected['category'] + ' renamed'
    assert expected['description'] in [v['name'] for v in category['values']]


# The PSK -------------------------------------------------------------------------------------

def test_the_psk_stays_out_of_every_output_and_file_at_vvvv(ansible, central, tmp_path):
    """Every module with --diff and the cached inventory plugin at -vvvv, failures included, the PSK a module option.

    One run loads the inventory (jsonfile cache) and runs every module, two of them failing (a
    500 that retries cannot cure, a 400); a second run refreshes the inventory into a 500.
    """
    state = central.state(inventory=False)
    hosts = [h for h in state['hosts'] if h['isHostOnline'] and not h.get('raSessionInProgress')][:4]
    host_ids = [h['id'] for h in hosts]
    target = [g for g in state['groups'] if g['id'] not in {h['groupId'] for h in hosts}][0]
    offline = [h['id'] for h in state['hosts'] if not h['isHostOnline']][0]
    cache = tmp_path / 'inventory-cache'
    source = tmp_path / 'estate.central.yml'
    source.write_text(json.dumps({'plugin': 'logmein.central.central', 'cache': True,
                                  'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(cache),
                                  'cache_timeout': 600}), encoding='utf-8')
    central.set_faults([{'kind': 'error_500', 'match': 'PUT /v1/hosts/%d/description' % host_ids[3]}])
    log = tmp_path / 'ansible.log'
    run = ansible.playbook('security_psk.yml', '-i', source, '-vvvv', '--diff',
                           extra_vars={'host_ids': host_ids, 'offline_host_id': offline, 'target_group': target['name'],
                                       'start_date': START, 'end_date': END},
                           TEST_CENTRAL_PSK=central.psk, ANSIBLE_LOG_PATH=str(log))
    assert_ok(run)
    assert '<127.0.0.1> EXEC' in run.stdout  # it really ran at -vvvv
    results = ansible.output('psk_results.json')
    # The inventory was loaded; each module ran and changed something (report_facts gathers); the failures failed.
    assert results['inventory_hosts'] == len(state['hosts'])
    assert [results[k]['changed'] for k in ('described', 'grouped', 'fielded', 'av', 'deleted', 'link')] == [True] * 6
    assert results['server_error']['failed'] and '500' in results['server_error']['msg']
    assert results['refused']['failed'] and results['refused']['error_kind'] == 'bad_request'
    assert '--- before' in run.stdout  # the diffs were shown
    for name, result in results.items():
        invocation = result.get('invocation') if isinstance(result, dict) else None  # older cores return the arguments, masked
        assert invocation is None or invocation['module_args']['psk'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', name

    central.set_faults([{'kind': 'error_500', 'match': 'GET /v2/hostswithgroups'}])
    failed = ansible.run('ansible-playbook', '-i', source, '--flush-cache', '-vvvv', '--list-hosts',
                         os.path.join(os.path.dirname(__file__), 'playbooks', 'security_psk.yml'),
                         LOGMEIN_CENTRAL_READ_CACHE_TTL='0', ANSIBLE_LOG_PATH=str(log))
    assert failed.returncode != 0
    assert 'LogMeIn Central inventory: ' in flat(failed.stdout + failed.stderr)

    inventory_cache = files_under(cache)
    assert inventory_cache and all('hosts_with_groups' in text for text in inventory_cache.values())
    texts = {'stdout': run.stdout + failed.stdout, 'stderr': run.stderr + failed.stderr,
             'log': log.read_text(encoding='utf-8'), 'results': json.dumps(results)}
    for folder in (cache, tmp_path / 'state', tmp_path / 'ansible-tmp'):
        texts.update(files_under(folder))
    assert len(texts) > 5  # the state directory is not empty
    assert [name for name, text in texts.items() if central.psk in text or central.psk in name] == []


# TLS ---------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def https_central():
    running = start_emulator_process(rate_limit_window=0, hosts=5, tls=True)
    try:
        yield running
    finally:
        running.stop()


TLS_REFUSED = re.compile(r'TLS error talking to 127\.0\.0\.1:\d+: .*certificate.*ca_path', re.IGNORECASE)
NOT_CHECKED = 'validate_certs is false: the TLS certificate of'


def test_tls_for_a_module_refuses_trusts_with_ca_path_and_warns_without_checks(https_central, tmp_path):
    ansible = AnsibleRunner(https_central, tmp_path)
    assert https_central.api_url.startswith('https://') and https_central.cert
    run = ansible.playbook('security_tls.yml', extra_vars={'ca_path': https_central.cert})
    assert_ok(run)
    results = ansible.output('tls_results.json')
    refused = results['refused']
    assert refused['failed'] and refused['error_kind'] == 'tls'
    assert TLS_REFUSED.search(refused['msg']) and '\n' not in refused['msg']
    # ansible-core 2.19 and later add "exception": "(traceback unavailable)" to every failure without one
    assert 'Traceback' not in refused.get('exception', '') and 'Traceback' not in run.stdout + run.stderr
    assert re.search(r'fatal: \[localhost\]: FAILED! => .*TLS error talking to', run.stdout)
    assert not results['trusted']['failed'] and results['trusted']['ansible_facts']['central']['groups']
    assert not results['trusted'].get('warnings')
    unchecked = results['unchecked']
    assert not unchecked['failed'] and unchecked['ansible_facts']['central']['groups']
    assert [w for w in unchecked['warnings'] if w.startswith(NOT_CHECKED)]
    assert NOT_CHECKED in flat(run.stdout + run.stderr)
    assert https_central.psk not in run.stdout + run.stderr + json.dumps(results)


def test_tls_for_the_inventory_refuses_trusts_with_ca_path_and_warns_without_checks(https_central, tmp_path):
    ansible = AnsibleRunner(https_central, tmp_path)

    def inventory(name, **options):
        source = tmp_path / ('%s.central.yml' % name)
        config = {'plugin': 'logmein.central.central', 'read_cache_ttl': 0}
        config.update(options)
        source.write_text(json.dumps(config), encoding='utf-8')
        return ansible.run('ansible-inventory', '-i', source, '--list')

    refused = inventory('refused', validate_certs=True)
    assert refused.returncode != 0
    text = flat(refused.stdout + refused.stderr)
    assert re.search(r'LogMeIn Central inventory: .*?' + TLS_REFUSED.pattern, text, re.IGNORECASE), text
    assert 'Traceback' not in text and https_central.psk not in text

    trusted = inventory('trusted', ca_path=https_central.cert)
    assert trusted.returncode == 0, trusted.stderr
    assert len(json.loads(trusted.stdout)['_meta']['hostvars']) == 5
    assert NOT_CHECKED not in flat(trusted.stderr)

    unchecked = inventory('unchecked', validate_certs=False)
    assert unchecked.returncode == 0, unchecked.stderr
    assert len(json.loads(unchecked.stdout)['_meta']['hostvars']) == 5
    assert NOT_CHECKED in flat(unchecked.stderr)
