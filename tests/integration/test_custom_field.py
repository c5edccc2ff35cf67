# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""custom_field, run by ansible-playbook against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import writes

CATEGORIES = 'POST /v1/hosts/custom-fields/categories'


def assert_ok(run):
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


@pytest.mark.core216
@pytest.mark.both_profiles
def test_custom_field_lifecycle(ansible, central):
    host_ids = [h['id'] for h in central.state()['hosts'][:60]]
    run = ansible.playbook('custom_field.yml', extra_vars={'host_ids': host_ids, 'emulator_url': central.url})
    assert_ok(run)
    actions = [e['action'] for e in writes(central)]
    assert actions.count(CATEGORIES) == 1
    assert actions.count('PUT /v1/hosts/custom-fields/categories/{category-id}') == 1
    assert actions.count('DELETE /v1/hosts/custom-fields/categories/{category-id}') == 1
    assert not [c for c in central.state_categories() if c['name'].startswith('Rack')]


def test_a_create_whose_answer_is_dropped_leaves_one_field(ansible, central):
    central.set_faults([{'kind': 'drop_after_commit', 'match': CATEGORIES, 'count': 1}])
    run = ansible.playbook('custom_field_create.yml', extra_vars={'field_name': 'Cost Center'})
    assert_ok(run)
    result = ansible.output('result.json')
    matching = [c for c in central.state_categories() if c['name'] == 'Cost Center']
    assert [c['id'] for c in matching] == [result['category']['id']]
    assert result['changed']
    creates = [e for e in central.log() if e['action'] == CATEGORIES]
    assert [e['fault'] for e in creates] == ['drop_after_commit']


def test_two_fields_of_one_name_fail_naming_both(ansible, central):
    central.set_faults([])
    for dummy in range(2):
        assert_ok(ansible.playbook('custom_field_create.yml', extra_vars={'field_name': 'Twin'},
                                   LOGMEIN_CENTRAL_READ_CACHE_TTL=0, LOGMEIN_CENTRAL_STATE_DIR=ansible.tmp_path / str(dummy)))
    # the second run found the first field: there is one; make a duplicate behind the module's back
    import requests
    response = requests.post(central.api_url + '/v1/hosts/custom-fields/categories', json={'name': 'Twin'},
                             auth=central.auth, timeout=10)
    assert response.status_code == 200
    run = ansible.playbook('custom_field_create.yml', extra_vars={'field_name': 'Twin'}, LOGMEIN_CENTRAL_READ_CACHE_TTL=0)
    assert run.returncode != 0
    ids = [c['id'] for c in central.state_categories() if c['name'] == 'Twin']
    assert len(ids) == 2 and all(i in run.stdout for i in ids)
