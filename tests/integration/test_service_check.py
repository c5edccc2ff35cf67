# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The service_check playbook and module, run by ansible-playbook against the emulator: refused credentials,
a redacted profile on a hostile account, and the round trip of a profile through the emulator's --profile."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import re

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.service_check import PROBES
from ansible_collections.logmein.central.tests.integration.conftest import AnsibleRunner, writes
from ansible_collections.logmein.central.tests.integration.test_security import hostile_estate

from central_emulator.testing import start_emulator_process

pytestmark = pytest.mark.core216

PROFILE_FILE = 'central-service-profile.json'
EVERY_READ = ['GET /v1/authentication'] + [action for reads in PROBES.values() for action, dummy, dummy in reads]


def check(ansible, *args, env=None, **variables):
    return ansible.run('ansible-playbook', 'logmein.central.service_check', '-e', json.dumps(variables), *args,
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false', **(env or {}))


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def test_refused_credentials_fail_with_one_clear_message(ansible, central):
    wrong = 'wrong-' + central.psk[6:]
    run = check(ansible, env={'LOGMEIN_CENTRAL_PSK': wrong})
    text = ' '.join((run.stdout + run.stderr).split())
    assert run.returncode != 0
    assert re.search(r'authentication to LogMeIn Central failed \(the service answered success: false\): check company_id '
                     r'and psk \(the options company_id and psk, or the environment variables LOGMEIN_CENTRAL_COMPANY_ID '
                     r'and LOGMEIN_CENTRAL_PSK; take both from Configuration > API in LogMeIn Central\)', text), text
    assert 'Traceback' not in text and wrong not in text and central.psk not in text
    assert [e['action'] for e in central.log()] == ['GET /v1/authentication']


def test_the_check_says_where_the_state_is_shared_and_an_unusable_server_is_a_warning(ansible, central):
    run = check(ansible, '-v')
    assert_ok(run)
    text = ' '.join(run.stdout.split())
    assert 'shared through the state directory of this controller only' in text
    run = check(ansible, '-v', env={'LOGMEIN_CENTRAL_STATE_URL': 'redis://:hunter2@127.0.0.1:1/0'})
    assert_ok(run)
    text = ' '.join((run.stdout + run.stderr).split())
    assert 'the shared state at redis://127.0.0.1:1/0 cannot be used' in text
    assert 'shared through the state directory of this controller only' in text
    assert 'hunter2' not in text


def test_the_profile_of_a_hostile_account_holds_none_of_its_strings(ansible, central, tmp_path):
    expected, ids = hostile_estate(central, str(tmp_path / 'pwned'))
    settings = ConnectionSettings.from_options(dict(api_url=central.api_url, company_id=central.company_id, psk=central.psk).get)
    api = CentralApi(CentralClient(settings, state_dir=str(tmp_path / 'setup')))
    report = api.create_inventory_report('system', ids['host_ids'], ['OsType', 'LastLogonUserName', 'JournalEntries'])
    central.clear_log()

    run = check(ansible, probe='all', service_profile_dir=str(tmp_path / 'profile'))
    assert_ok(run)
    assert ('"msg": "Credentials accepted. 12 of 12 answers in the shapes of the guide, 0 known variant(s), 0 deviation(s). '
            'Rate limit: 0 refusal(s) (without Retry-After). Pacing and the read cache shared through the state '
            'directory of this controller only."') in run.stdout  # one line, no stray line break
    calls = collections.Counter(e['action'] for e in central.log())
    assert calls == collections.Counter(EVERY_READ + ['GET /v1/inventory/system/reports/{token}']) and not writes(central)

    text = (tmp_path / 'profile' / PROFILE_FILE).read_text(encoding='utf-8')
    profile = json.loads(text)
    assert profile['quirks']['hosts_group_key'] == 'groupid' and 'GET /v1/inventory/system/reports/{token}' in profile['shapes']
    state = central.state()
    secrets = [central.psk, central.company_id, report['token'], central.api_url, '127.0.0.1']
    secrets += [str(h['id']) for h in state['hosts']] + [str(g['id']) for g in state['groups']]
    secrets += [c['id'] for c in central.state_categories()] + list(expected.values())
    secrets += [h['description'] for h in state['hosts'] if len(h['description']) > 3]
    for secret in secrets:
        assert secret not in text and json.dumps(secret)[1:-1] not in text, secret
    assert not list(tmp_path.glob('pwned*'))


def test_a_profile_made_by_the_check_loads_in_the_emulator_and_the_modules_behave_the_same(central_process, tmp_path):
    """From the variants profile through the module, into a new emulator (--profile FILE): same shapes, same export."""
    central_process.reset(rate_limit_window=0, profile='variants')
    ansible = AnsibleRunner(central_process, tmp_path)
    assert_ok(check(ansible, probe='all', service_profile_dir=str(tmp_path)))
    made = json.loads((tmp_path / PROFILE_FILE).read_text(encoding='utf-8'))
    with open('tests/emulator/central_emulator/profiles/variants.json', encoding='utf-8') as handle:
        variants = json.load(handle)['quirks']
    assert made['quirks'] == dict((key, variants[key]) for key in made['quirks']) and len(made['quirks']) >= 3
    assert_ok(ansible.run('ansible-playbook', 'logmein.central.export', '-e', 'export_file=%s' % (tmp_path / 'variants.yml'),
                          ANSIBLE_INVENTORY_UNPARSED_FAILED='false'))

    loaded = start_emulator_process(rate_limit_window=0, hosts=60, profile=str(tmp_path / PROFILE_FILE))
    try:
        again = AnsibleRunner(loaded, tmp_path / 'again')
        (tmp_path / 'again').mkdir()
        assert_ok(check(again, probe='all', service_profile_dir=str(tmp_path / 'again')))
        assert json.loads((tmp_path / 'again' / PROFILE_FILE).read_text(encoding='utf-8'))['shapes'] == made['shapes']
        assert_ok(again.run('ansible-playbook', 'logmein.central.export', '-e', 'export_file=%s' % (tmp_path / 'loaded.yml'),
                            ANSIBLE_INVENTORY_UNPARSED_FAILED='false'))
    finally:
        loaded.stop()
    assert (tmp_path / 'loaded.yml').read_bytes() == (tmp_path / 'variants.yml').read_bytes()
