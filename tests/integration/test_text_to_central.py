# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Text written to Central, run by ansible-playbook against the emulator: control characters are refused before
any write, naming the option, the host and the character; a value the service refuses (HTTP 400) is named with
its host; the desired_state role refuses a document holding such text."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import writes

DESCRIBE = 'PUT /v1/hosts/{id}/description'
SET_VALUE = 'POST /v1/hosts/{id}/custom-fields/value-by-category/{category-id}'
CREATE = 'POST /v1/hosts/custom-fields/categories'
ONLY_TAB = '(of the control characters, only tab is allowed)'


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


@pytest.mark.core216
def test_control_characters_fail_before_any_write(ansible, central):
    host_ids = [h['id'] for h in central.state(inventory=False)['hosts'][:3]]
    before = central.state(inventory=False)
    run = ansible.playbook('text_bad_input.yml', extra_vars={'host_ids': host_ids, 'emulator_url': central.url})
    assert_ok(run)
    assert 'Traceback' not in run.stdout + run.stderr
    results = ansible.output('text_bad_input.json')
    for name in ('one_description', 'many_descriptions', 'custom_field', 'converge'):
        result = results[name]
        assert result['failed'] and result['error_kind'] == 'validation', (name, result.get('msg'))
        # ansible-core 2.19 and later add "exception": "(traceback unavailable)" to every failure without one
        assert 'Traceback' not in result['msg'] and 'Traceback' not in result.get('exception', '')
        assert 'syslog' not in result['msg']  # ansible-core's own refusal of a NUL would name neither option nor host
    assert results['one_description']['msg'] == (
        "invalid description, nothing was written: host %d: the description 'Reception\\x00PC' contains the control "
        'character \\x00 (U+0000) at character 10 %s' % (host_ids[0], ONLY_TAB))
    assert results['many_descriptions']['msg'] == (
        "invalid descriptions, nothing was written: host %d: the description 'Line\\nbreak' contains the control "
        'character \\n (U+000A) at character 5 %s' % (host_ids[1], ONLY_TAB))
    field = results['custom_field']['msg']
    assert "name 'Asset\\x1b[31mTag' contains the control character \\x1b (U+001B) at character 6" in field
    assert "values: the value 'Bad\\x7f' of host %d contains the control character \\x7f (U+007F) at character 4" % host_ids[1] in field
    assert "custom field 'Location': invalid input, nothing was written: values: the value 'Reception\\x00PC' of host %d" \
        % host_ids[2] in results['converge']['msg']
    # Validated before the first call: not a read, not a write; the account is as it was.
    assert results['log'] == []
    assert writes(central) == []
    assert central.state(inventory=False) == before


def test_a_value_the_service_refuses_is_named_with_its_host(ansible, central):
    state = central.state(inventory=False)
    host_ids = [h['id'] for h in state['hosts'][:3]]
    location = next(c['id'] for c in state['customFieldCategories'] if c['name'] == 'Location')
    central.set_faults([
        {'kind': 'status_400', 'match': 'PUT /v1/hosts/%d/description' % host_ids[1]},
        {'kind': 'status_400', 'match': 'POST /v1/hosts/%d/custom-fields/value-by-category/%s' % (host_ids[1], location)},
        {'kind': 'status_400', 'match': CREATE},
    ])
    assert_ok(ansible.playbook('refused_writes.yml', extra_vars={'host_ids': host_ids}))
    results = ansible.output('refused_writes.json')

    described = results['descriptions']
    assert described['failed'] and described['status'] == 400 and described['error_kind'] == 'partial_failure'
    assert described['msg'] == (
        "the description 'Second' of host %d was refused: LogMeIn Central refused PUT /v1/hosts/{host-id}/description "
        '(HTTP 400): Invalid parameter: the service refused a value of the request (fault injected); '
        'written before the failure: %d; not written: %d, %d' % (host_ids[1], host_ids[0], host_ids[1], host_ids[2]))
    assert described['done_hosts'] == host_ids[:1] and described['failed_hosts'] == host_ids[1:]
    assert described['progress']['failed'] == [host_ids[1]] and described['progress']['pending'] == [host_ids[2]]

    valued = results['values']
    assert valued['failed'] and valued['status'] == 400
    assert valued['msg'].startswith("the value 'Site 2' of host %d was refused: LogMeIn Central refused %s (HTTP 400)"
                                    % (host_ids[1], SET_VALUE.replace('{id}', '{host-id}')))
    assert valued['msg'].endswith('written before the failure: %d; not written: %d, %d' % tuple(host_ids))

    created = results['create']
    assert created['failed'] and created['status'] == 400 and created['error_kind'] == 'bad_request'
    assert created['msg'].startswith("the new custom field name 'Refused Field' was refused: LogMeIn Central refused "
                                     '%s (HTTP 400)' % CREATE)

    # A refusal is not retried: each refused write was sent once, and nothing after it.
    sent = [(e['action'], e['path'].rsplit('/public-api', 1)[-1], e['status']) for e in writes(central)]
    assert [s for s in sent if s[0] == DESCRIBE] == [
        (DESCRIBE, '/v1/hosts/%d/description' % host_ids[0], 200), (DESCRIBE, '/v1/hosts/%d/description' % host_ids[1], 400)]
    assert [s[2] for s in sent if s[0] == SET_VALUE] == [200, 400]
    assert [s[2] for s in sent if s[0] == CREATE] == [400]
    hosts = {h['id']: h['description'] for h in central.state(inventory=False)['hosts']}
    assert hosts[host_ids[0]] == 'First' and hosts[host_ids[1]] != 'Second' and hosts[host_ids[2]] != 'Third'
    assert not [c for c in central.state_categories() if c['name'] == 'Refused Field']


@pytest.mark.both_profiles
def test_the_role_refuses_a_document_holding_control_characters(ansible, central, tmp_path):
    host_ids = [h['id'] for h in central.state(inventory=False)['hosts'][:2]]
    # YAML escapes, as a user would write them: the loaded document holds the characters themselves.
    document = tmp_path / 'central.yml'
    document.write_text('\n'.join([
        'custom_fields: [Location, "New\\x00Field"]',
        'hosts:',
        '  %d:' % host_ids[0],
        '    description: "Reception\\r\\nPC"',
        '    custom_fields: {Location: "Buda\\apest"}',
        '  %d:' % host_ids[1],
        '    description: "Tab\\tis fine"',
        '',
    ]), encoding='utf-8')
    run = ansible.run('ansible-playbook', 'logmein.central.converge', '-e', json.dumps({'desired_state_file': str(document)}),
                      ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert 'has 3 problem(s), nothing was written' in output
    for problem in ("custom_fields: a name 'New\\\\x00Field' contains the control character \\\\x00 (U+0000)",
                    "host %d: description 'Reception\\\\r\\\\nPC' contains the control character \\\\r (U+000D) at character 10 "
                    'and 1 more' % host_ids[0],
                    "host %d: value of custom field 'Location' 'Buda\\\\x07pest' contains the control character \\\\x07" % host_ids[0]):
        assert problem in output, problem
    assert 'Traceback' not in output
    assert writes(central) == []
