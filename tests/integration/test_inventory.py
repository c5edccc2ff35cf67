# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory plugin logmein.central.central, through ansible-inventory, ansible and ansible-playbook.

Each ansible run costs a second or two, so each test batches its checks into few runs.
Every test also runs on ansible-core 2.16 (make integration-core216).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import os
import re
import time

import pytest

from ansible.inventory.group import to_safe_group_name

pytestmark = pytest.mark.core216

ISO_8601 = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
BASE_ACTIONS = ['GET /v2/hostswithgroups', 'GET /v1/hosts/custom-fields/categories', 'GET /v1/hosts/custom-fields']
BAD_NAME = re.compile(r'\{\{|\{%|\{#|[,:\[\]\x00-\x1f\x7f-\x9f]|^\s|\s$|^[!&~]')


# Helpers ---------------------------------------------------------------------------------

def safe(name):
    return to_safe_group_name(name, force=True, silent=True)


def write_inventory(tmp_path, name='estate.central.yml', **options):
    """An inventory source file; JSON is YAML, and quotes every hostile string safely."""
    config = {'plugin': 'logmein.central.central'}
    config.update(options)
    path = tmp_path / name
    path.write_text(json.dumps(config, indent=2), encoding='utf-8')
    return str(path)


def plain(value):
    """``value`` without the ``{"__ansible_unsafe": ...}`` wrappers ansible-inventory writes for untrusted strings."""
    if isinstance(value, dict):
        if list(value) == ['__ansible_unsafe']:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def is_unsafe(value):
    return isinstance(value, dict) and list(value) == ['__ansible_unsafe']


def list_inventory(ansible, source, *args, **env):
    result = ansible.run('ansible-inventory', '-i', source, '--list', *args, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def members(listing, group):
    return set(listing.get(group, {}).get('hosts', []))


def api_actions(central):
    return [entry['action'] for entry in central.log()]


def expected_names(hosts):
    """What hostnames [description, id] must give: the description when usable, else the id; shared names get _<id>."""
    names = {}
    for host in hosts:
        description = host.get('description') or ''
        names[host['id']] = description if description.strip() and not BAD_NAME.search(description) else str(host['id'])
    counts = collections.Counter(names.values())
    return dict((host_id, '%s_%s' % (name, host_id) if counts[name] > 1 else name) for host_id, name in names.items())


def flat(text):
    """Messages on one line: ansible-core 2.16 wraps warnings at 79 columns, after spaces and hyphens."""
    return ' '.join(re.sub(r'(?<=\S-)\n', '', text).split())


def failure_text(result):
    return flat(result.stdout + result.stderr)


# Tests -----------------------------------------------------------------------------------

@pytest.mark.both_profiles
def test_inventory_lists_hosts_groups_and_variables(central, ansible, tmp_path):
    """Default options: 3 API calls, names, groups from computer groups and custom fields, typed variables, constructed."""
    state = central.state(inventory=False)
    source = write_inventory(
        tmp_path,
        compose={'central_label': "central_description ~ ' @ ' ~ (central_group | default('none', true))"},
        groups={'online_hosts': 'central_online'},
        keyed_groups=[{'key': 'central_group_id | string', 'prefix': 'gid'}],
        strict=True,
    )
    listing, stderr = list_inventory(ansible, source)
    assert api_actions(central) == BASE_ACTIONS
    graph = ansible.run('ansible-inventory', '-i', source, '--graph')
    assert graph.returncode == 0, graph.stderr

    hostvars = listing['_meta']['hostvars']
    names = expected_names(state['hosts'])
    assert set(hostvars) == set(names.values())
    by_id = dict((plain(v)['central_id'], name) for name, v in hostvars.items())
    assert by_id == names

    # Duplicate descriptions are all suffixed; hostile ones fall back to the id, with a warning each.
    reception = [name for name in hostvars if name.startswith('Reception PC')]
    assert len(reception) > 2 and all(re.match(r'^Reception PC_\d+$', name) for name in reception)
    hostile = [h for h in state['hosts'] if BAD_NAME.search(h['description'])]
    assert len(hostile) >= 4
    for host in hostile:
        assert names[host['id']] == str(host['id'])
        assert 'host %s: its description' % host['id'] in flat(stderr)

    categories = dict((c['id'], c) for c in state['customFieldCategories'])
    group_names = dict((g['id'], g['name']) for g in state['groups'])
    for host in state['hosts']:
        name = names[host['id']]
        raw = hostvars[name]
        variables = plain(raw)
        # Every string from the API is marked unsafe in the output; other types are kept.
        assert is_unsafe(raw['central_description']) and is_unsafe(raw['central_state_changed'])
        assert variables['central_id'] == host['id']
        assert variables['central_description'] == host['description']
        assert variables['central_online'] is host['isHostOnline']
        assert ISO_8601.match(variables['central_state_changed'])
        fields = dict((categories[c]['name'], dict((v['id'], v['name']) for v in categories[c]['values'])[v])
                      for c, v in host['customFields'].items())
        assert variables['central_custom_fields'] == fields
        assert 'central_host_name' not in variables and 'central_antivirus' not in variables
        if host['groupId'] == -1:
            assert variables['central_group_id'] == -1 and variables['central_group'] is None
            assert not any(name in members(listing, safe(g)) for g in group_names.values())
        else:
            assert variables['central_group_id'] == host['groupId']
            assert variables['central_group'] == group_names[host['groupId']]
            assert name in members(listing, safe(group_names[host['groupId']]))
        for category_id, value_id in host['customFields'].items():
            category = categories[category_id]
            value = dict((v['id'], v['name']) for v in category['values'])[value_id]
            assert name in members(listing, safe('%s_%s' % (category['name'], value)))
        # compose, groups and keyed_groups see the plugin's variables.
        assert variables['central_label'] == '%s @ %s' % (host['description'], variables['central_group'] or 'none')
        assert (name in members(listing, 'online_hosts')) is host['isHostOnline']
        assert name in members(listing, safe('gid_%d' % host['groupId']))

    assert 'Empty_group__no_hosts_' in listing['all']['children']
    assert '@Work_Computers:' in graph.stdout and '@Location_Budapest:' in graph.stdout
    assert '|--Reception PC_' in graph.stdout


@pytest.mark.both_profiles
def test_inventory_enrichment_filters_and_host_names(central, ansible, tmp_path, emulator_profile):
    """host_name names, anti-virus, computer status and inventory reports (every page), filters, prefixes.

    The variants profile nests inventory entries: nested objects stay objects, their keys in snake_case.
    """
    nested = emulator_profile == 'variants'
    central.configure(page_size=7)
    state = central.state(inventory=False)
    groups = dict((g['name'], g['id']) for g in state['groups'])
    excluded = [h['id'] for h in state['hosts'] if h['groupId'] == groups['Work Computers']][:2]
    source = write_inventory(
        tmp_path,
        hostnames=['host_name', 'description', 'id'],
        computer_groups=['Work Computers', groups['sales-team'], -1],
        exclude_hosts=excluded,
        include_offline=False,
        computer_group_prefix='central_',
        custom_field_groups=['Location'],
        custom_field_group_prefix='field_',
        antivirus=True,
        computer_status=True,
        system_inventory_fields=['OsType', 'LastLogonUserName'],
        hardware_inventory_fields=['HardwareModel'],
        compose={'ansible_host': 'central_computer_status.last_known_ip_address'},
        keyed_groups=[{'key': 'central_antivirus.anti_virus_status_name', 'prefix': 'av'}],
    )
    listing, dummy = list_inventory(ansible, source)
    hostvars = dict((name, plain(v)) for name, v in listing['_meta']['hostvars'].items())

    wanted = [h for h in state['hosts'] if h['isHostOnline'] and h['id'] not in excluded
              and h['groupId'] in (groups['Work Computers'], groups['sales-team'], -1)]
    assert len(wanted) > 14  # more than two report pages of 7
    assert sorted(v['central_id'] for v in hostvars.values()) == sorted(h['id'] for h in wanted)
    for host in wanted:
        name = host['hostName']  # machine names are unique and valid in this dataset
        variables = hostvars[name]
        assert variables['central_host_name'] == host['hostName']
        antivirus = variables['central_antivirus']
        assert antivirus['anti_virus_status'] == host['antiVirus']['antiVirusStatus']
        assert antivirus['anti_virus_status_name'] == ['action_required', 'warning', 'unknown', 'ok', 'free_ok',
                                                       'partial_ok'][antivirus['anti_virus_status']]
        assert 'is_virus_definition_up_to_date' in antivirus and 'can_report_threat_log' in antivirus
        assert name in members(listing, 'av_' + antivirus['anti_virus_status_name'])
        status = variables['central_computer_status']
        assert status['last_known_ip_address'] == host['computerStatus']['lastKnownIpAddress']
        assert variables['ansible_host'] == status['last_known_ip_address']
        if nested:
            assert set(variables['central_system_inventory']) == {'host_id', 'operating_system', 'last_logon_user_name'}
            assert set(variables['central_system_inventory']['operating_system']) == {'type', 'install_date'}
            assert variables['central_hardware_inventory']['hardware_info']['model']
        else:
            assert set(variables['central_system_inventory']) == {'host_id', 'os_type', 'last_logon_user_name'}
            assert variables['central_hardware_inventory']['hardware_model']
    assert members(listing, 'central_Work_Computers') and members(listing, 'central_sales_team')
    assert not any(g.startswith('central_Finance') for g in listing)
    assert any(g.startswith('field_Location_') for g in listing) and not any(g.startswith('field_Owner') for g in listing)

    # In the variants profile a new report's first page is not ready at the first read: one more read each.
    pages = -(-len(wanted) // 7) + (1 if nested else 0)
    counts = collections.Counter(api_actions(central))
    assert counts == collections.Counter(dict(
        [(a, 1) for a in BASE_ACTIONS] + [
            ('GET /v2/hosts', 1), ('GET /v1/hosts/anti-virus/details', 1), ('POST /v1/reports/computer-status', 1),
            ('GET /v1/inventory/system/fields', 1), ('POST /v1/inventory/system/reports', 1),
            ('GET /v1/inventory/system/reports/{token}', pages),
            ('GET /v1/inventory/hardware/fields', 1), ('POST /v1/inventory/hardware/reports', 1),
            ('GET /v1/inventory/hardware/reports/{token}', pages)]))

    # An unknown field name fails, listing the valid ones.
    bad = write_inventory(tmp_path, name='bad.central.yml', system_inventory_fields=['OsType', 'Bogus'])
    result = ansible.run('ansible-inventory', '-i', bad, '--list')
    assert result.returncode != 0
    assert re.search(r'system_inventory_fields names unknown system inventory fields: Bogus\. Valid fields: .*OsType',
                     failure_text(result))


def hostile_dataset(marker):
    """Hosts, groups and values that would run ``touch <marker>-<what>`` if anything templated them."""
    def attack(what):
        return "{{ lookup('pipe', 'touch %s-%s') }}" % (marker, what)
    return {
        'groups': [{'id': 10, 'name': 'sales team'}, {'id': 11, 'name': 'sales-team'},
                   {'id': 12, 'name': 'Location_Boston'}, {'id': 13, 'name': 'all'},
                   {'id': 14, 'name': attack('group')}],
        'customFieldCategories': [{'name': 'Location'}, {'name': 'Owner'}],
        'hosts': [
            {'id': 1, 'description': attack('description'), 'hostName': attack('hostname'), 'groupId': 14,
             'customFields': {'Owner': attack('value'), 'Location': 'Boston'}},
            # hostName null: the API leaves it out for these, the next name source is used quietly.
            {'id': 2, 'description': 'PC', 'hostName': None, 'groupId': 10},
            {'id': 3, 'description': 'PC', 'hostName': None, 'groupId': 11},
            {'id': 4, 'description': 'PC_2', 'hostName': None, 'groupId': 12},
            {'id': 5, 'description': "{%% set x = lookup('pipe', 'touch %s-statement') %%}" % marker, 'hostName': None,
             'groupId': 13},
            {'id': 6, 'description': 'Boston kiosk', 'hostName': None, 'customFields': {'Location': 'Boston'}},
            # Named "localhost", it would receive the tasks meant for the controller.
            {'id': 7, 'description': 'localhost', 'hostName': None},
        ],
        'users': {'mahData': None, 'usersData': []},
        'remoteAccessSessions': [],
        'deletedHosts': [],
    }


PLAY = '''
- name: Use every variable of the hostile hosts
  hosts: all
  gather_facts: false
  connection: local
  tasks:
    - name: Template the variables and the host's name into one string
      ansible.builtin.set_fact:
        seen: "{{ inventory_hostname }} | {{ central_description }} | {{ central_group }} | {{ central_custom_fields }} | {{ group_names }}"
    - name: Show it
      ansible.builtin.debug:
        var: seen

- name: Collect what the hosts saw
  hosts: localhost
  gather_facts: false
  connection: local
  tasks:
    - name: Write the descriptions and what each host saw
      ansible.builtin.copy:
        content: "{{ groups['all'] | map('extract', hostvars) | map(attribute='seen') | list | to_json }}"
        dest: "{{ output_dir }}/seen.json"
        mode: "0600"
'''


def test_inventory_hostile_strings_are_data_and_group_names_clash_with_warnings(central, ansible, tmp_path):
    marker = str(tmp_path / 'pwned')
    central.put_state(hostile_dataset(marker))
    source = write_inventory(tmp_path, hostnames=['host_name', 'description', 'id'])
    listing, stderr = list_inventory(ansible, source)
    hostvars = dict((name, plain(v)) for name, v in listing['_meta']['hostvars'].items())

    # Hostile names and 'localhost' are refused; 'PC' is shared, and 'PC_2' then meets host 4's own name.
    assert sorted(hostvars) == ['1', '5', '7', 'Boston kiosk', 'PC_2', 'PC_2_4', 'PC_3']
    assert hostvars['PC_2']['central_id'] == 2 and hostvars['PC_2_4']['central_id'] == 4
    assert hostvars['1']['central_description'].startswith("{{ lookup('pipe', 'touch ")

    # Group names: sanitized; clashes warned naming both sources; 'all' is never a Central group.
    warnings = flat(stderr)
    assert "host 1: its host_name '{{ lookup" in warnings and "host 1: its description '{{ lookup" in warnings
    assert members(listing, 'sales_team') == {'PC_2', 'PC_3'}
    assert "the group name 'sales_team' comes from both Central computer group 'sales team' (id 10) and " \
           "Central computer group 'sales-team' (id 11)" in warnings
    assert members(listing, 'Location_Boston') == {'1', 'PC_2_4', 'Boston kiosk'}
    assert "the group name 'Location_Boston' comes from both Central computer group 'Location_Boston' (id 12) and " \
           "custom field 'Location' = 'Boston'" in warnings
    assert "Central computer group 'all' (id 13) gives the group name 'all', which is Ansible's built-in group" in warnings
    hostile_group = safe(hostile_dataset(marker)['groups'][4]['name'])
    assert members(listing, hostile_group) == {'1'} and '{' not in hostile_group
    assert all(re.match(r'^\w+$', group) for group in listing if group != '_meta')

    playbook = tmp_path / 'use_hostile.yml'
    playbook.write_text(PLAY, encoding='utf-8')
    result = ansible.run('ansible-playbook', '-i', source, str(playbook), '-e', json.dumps({'output_dir': str(tmp_path)}))
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads((tmp_path / 'seen.json').read_text(encoding='utf-8'))
    assert any("1 | {{ lookup('pipe', 'touch %s-description') }} | {{ lookup('pipe', 'touch %s-group') }}"
               % (marker, marker) in line for line in seen)
    assert not [name for name in os.listdir(str(tmp_path)) if name.startswith('pwned')]


def test_inventory_cache_keeps_raw_answers(central, ansible, tmp_path):
    """A second run within the timeout makes no call, even with a new compose; --flush-cache reads again."""
    cache_dir = tmp_path / 'inventory-cache'
    options = dict(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(cache_dir), cache_timeout=600)
    no_read_cache = {'LOGMEIN_CENTRAL_READ_CACHE_TTL': '0'}  # so that only the inventory cache can save calls
    source = write_inventory(tmp_path, **options)
    first, dummy = list_inventory(ansible, source, **no_read_cache)
    assert api_actions(central) == BASE_ACTIONS

    central.clear_log()
    write_inventory(tmp_path, compose={'label': "'host ' ~ central_id"}, **options)
    second, dummy = list_inventory(ansible, source, **no_read_cache)
    assert api_actions(central) == []
    assert set(second['_meta']['hostvars']) == set(first['_meta']['hostvars'])
    assert all(plain(v)['label'] == 'host %s' % plain(v)['central_id'] for v in second['_meta']['hostvars'].values())

    # --flush-cache reads the API again, past the client's read cache too (default read_cache_ttl).
    # ansible-inventory of ansible-core 2.16 has no --flush-cache; ansible-playbook has it on every core.
    list_inventory(ansible, source)
    central.clear_log()
    playbook = tmp_path / 'nothing.yml'
    playbook.write_text('- name: Nothing\n  hosts: all\n  gather_facts: false\n  tasks: []\n', encoding='utf-8')
    result = ansible.run('ansible-playbook', '-i', source, '--flush-cache', '--list-hosts', str(playbook))
    assert result.returncode == 0, result.stderr
    assert api_actions(central) == BASE_ACTIONS

    files = [cache_dir / name for name in os.listdir(str(cache_dir))]
    assert len(files) == 1
    content = files[0].read_text(encoding='utf-8')
    # The raw answers are cached (the built groups are not), and never the PSK.
    assert 'hosts_with_groups' in content and 'Work Computers' in content and 'Work_Computers' not in content
    assert central.psk not in content and central.psk not in files[0].name


def test_inventory_cache_is_private_and_never_serves_another_psk(central, ansible, tmp_path):
    """The cache directory and its missing parent are created 0700; a changed PSK or TLS setting is not served the cache."""
    cache_dir = tmp_path / 'private' / 'inventory-cache'
    source = write_inventory(tmp_path, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(cache_dir),
                             cache_timeout=600)
    list_inventory(ansible, source)
    assert api_actions(central) == BASE_ACTIONS
    assert [oct(os.stat(str(d)).st_mode & 0o777) for d in (cache_dir.parent, cache_dir)] == ['0o700', '0o700']

    # Another PSK (a revoked one) misses the entry the first run stored and reaches the service, which refuses it.
    central.clear_log()
    wrong_psk = 'wrong-' + central.psk[6:]
    result = ansible.run('ansible-inventory', '-i', source, '--list', LOGMEIN_CENTRAL_PSK=wrong_psk)
    assert result.returncode != 0 and 'authentication to LogMeIn Central failed' in failure_text(result)
    assert api_actions(central) == ['GET /v2/hostswithgroups']

    # Other certificate checks read again too (past the client's read cache, which is not the subject here).
    central.clear_log()
    list_inventory(ansible, source, LOGMEIN_CENTRAL_VALIDATE_CERTS='false', LOGMEIN_CENTRAL_READ_CACHE_TTL='0')
    assert api_actions(central) == BASE_ACTIONS
    files = os.listdir(str(cache_dir))
    assert len(files) == 2
    assert not [name for name in files if central.psk in name or wrong_psk in name]
    assert not [name for name in files if central.psk in (cache_dir / name).read_text(encoding='utf-8')]


def test_inventory_refresh_with_revoked_credentials_fails_instead_of_serving_the_cache(central, ansible, tmp_path):
    """The PSK the inventory cache was filled with is revoked: a refresh, and a run after the entry expired, fail
    with the one clear message; neither falls back to the cached inventory."""
    source = write_inventory(tmp_path, cache=True, cache_plugin='ansible.builtin.jsonfile',
                             cache_connection=str(tmp_path / 'inventory-cache'), cache_timeout=1)
    # The subject is the inventory cache: the client's read cache (read_cache_ttl, 60 s by default, which may
    # answer reads of the same credentials without a call) is off.
    no_read_cache = {'LOGMEIN_CENTRAL_READ_CACHE_TTL': '0'}
    list_inventory(ansible, source, **no_read_cache)
    central.configure(psk='revoked-' + central.psk[8:])  # the service now refuses the PSK the runs send
    refused = (r'LogMeIn Central inventory: authentication to LogMeIn Central failed \(HTTP 409 on GET /v2/hostswithgroups\): '
               r'check company_id and psk \(the options company_id and psk, or the environment variables')
    # ansible-inventory of ansible-core 2.16 has no --flush-cache; ansible-playbook has it on every core.
    playbook = tmp_path / 'nothing.yml'
    playbook.write_text('- name: Nothing\n  hosts: all\n  gather_facts: false\n  tasks: []\n', encoding='utf-8')
    runs = (('refresh', ('ansible-playbook', '-i', source, '--flush-cache', '--list-hosts', str(playbook))),
            ('expired', ('ansible-inventory', '-i', source, '--list')))
    for kind, command in runs:
        if kind == 'expired':
            time.sleep(1.5)  # past cache_timeout
        central.clear_log()
        result = ansible.run(*command, **no_read_cache)
        text = failure_text(result)
        assert result.returncode != 0 and re.search(refused, text), (kind, text[-3000:])
        assert central.psk not in text and ansible.env['LOGMEIN_CENTRAL_PSK'] not in text, kind
        assert [(e['action'], e['status']) for e in central.log()] == [('GET /v2/hostswithgroups', 409)], kind


def test_inventory_errors_are_one_clear_line(central, ansible, tmp_path):
    """Wrong PSK, unreachable service, 429 past a zero budget: a failed source naming the problem, no traceback."""
    source = write_inventory(tmp_path)
    wrong_psk = 'wrong-' + central.psk[6:]
    failures = {
        'auth': ansible.run('ansible-inventory', '-i', source, '--list', LOGMEIN_CENTRAL_PSK=wrong_psk),
        'unreachable': ansible.run('ansible-inventory', '-i', source, '--list',
                                   LOGMEIN_CENTRAL_API_URL='http://127.0.0.1:9/public-api', LOGMEIN_CENTRAL_TIMEOUT='2'),
    }
    central.set_faults([{'kind': 'status_429', 'match': 'GET /v2/hostswithgroups'}])
    failures['rate_limit'] = ansible.run('ansible-inventory', '-i', source, '--list',
                                         LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT='0', LOGMEIN_CENTRAL_READ_CACHE_TTL='0')
    expected = {
        'auth': r'LogMeIn Central inventory: authentication to LogMeIn Central failed \(HTTP 409 on GET /v2/hostswithgroups\): '
                r'check company_id and psk \(the options company_id and psk, or the environment variables '
                r'LOGMEIN_CENTRAL_COMPANY_ID and LOGMEIN_CENTRAL_PSK; take both from Configuration > API in LogMeIn Central\)',
        'unreachable': r'LogMeIn Central inventory: GET /v2/hostswithgroups: cannot connect to 127\.0\.0\.1:9: ',
        'rate_limit': r'LogMeIn Central inventory: LogMeIn Central rate limit: GET /v2/hostswithgroups can be called about once '
                      r'every \d+ s, .* would exceed rate_limit_max_wait \(0 s',
    }
    for kind, result in failures.items():
        text = failure_text(result)
        assert result.returncode != 0, kind
        assert re.search(expected[kind], text), (kind, text)
        assert 'Traceback' not in text, kind
        assert central.psk not in text and wrong_psk not in text, kind
