# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""TLS for every module, in process, against the emulator serving HTTPS with its self-signed certificate.

``validate_certs: true`` (the default) refuses the certificate with one line naming the problem
and ``ca_path``, without a traceback or the PSK; ``ca_path`` pointing at the certificate is
accepted without a warning; ``validate_certs: false`` works and says so in a warning. The same
with real ansible-playbook and ansible-inventory runs: tests/integration/test_security.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from central_emulator.testing import start_emulator

from ansible_collections.logmein.central.tests.unit.plugins.modules.module_runner import MODULES, connection_args, run_module

# the message may start with the action that failed, such as 'GET /v2/hostswithgroups: '
REFUSED = re.compile(r'TLS error talking to 127\.0\.0\.1:\d+: .*certificate.* \(set ca_path to .*\)$')
NOT_CHECKED = 'validate_certs is false: the TLS certificate of 127.0.0.1:'


@pytest.fixture(scope='module')
def https_emulator():
    running = start_emulator(rate_limit_window=0, tls=True, hosts=5)
    try:
        yield running
    finally:
        running.stop()


def module_args(name, emulator):
    """Arguments that make ``name`` call the API; writes run in check mode, so the estate stays as it is."""
    hosts = emulator.state(inventory=False)['hosts']
    online = [h['id'] for h in hosts if h['isHostOnline'] and not h.get('raSessionInProgress')][0]
    return {
        'host_description': {'host_id': hosts[0]['id'], 'description': 'TLS test'},
        'host_group': {'group': 'Work Computers', 'hosts': [hosts[0]['id']]},
        'host': {'hosts': [hosts[0]['id']], 'state': 'present'},
        'host_connection': {'host_id': online},
        'custom_field': {'name': 'TLS test'},
        'av_action': {'action': 'refresh_status', 'hosts': [hosts[0]['id']], 'only_when_needed': False, 'fail_on_unsent': False},
        'report_facts': {'gather': ['groups']},
        'desired_state_export': {},
        'desired_state_converge': {'descriptions': {str(hosts[0]['id']): 'TLS test'}},
    }[name]


def warnings(result):
    """The module's warnings as text: ansible-core 2.19 and later send them as structured events."""
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings', [])]


def run(name, emulator, tmp_path, mode, **tls):
    # a state directory per run: a read cached by one run must not answer for the next
    args, env = connection_args(emulator, tmp_path / mode, read_cache_ttl=0, **tls)
    args.update(module_args(name, emulator))
    return run_module(name, args, check_mode=True, env=env)


@pytest.mark.parametrize('name', MODULES)
def test_every_module_refuses_the_self_signed_certificate_in_one_line(name, https_emulator, tmp_path):
    for mode, tls in (('default', {}), ('explicit', {'validate_certs': True})):
        result = run(name, https_emulator, tmp_path, mode, **tls)
        assert result.failed and result.rc == 1 and result['error_kind'] == 'tls', (mode, result)
        assert REFUSED.search(result['msg']) and '\n' not in result['msg'], result['msg']
        assert 'Traceback' not in result.get('exception', '')
        assert https_emulator.psk not in result['_stdout']


@pytest.mark.parametrize('name', MODULES)
def test_every_module_trusts_ca_path_and_warns_when_not_checking(name, https_emulator, tmp_path):
    trusted = run(name, https_emulator, tmp_path, 'ca_path', ca_path=https_emulator.cert)
    assert not trusted.failed, trusted
    assert not [w for w in warnings(trusted) if 'validate_certs' in w]

    unchecked = run(name, https_emulator, tmp_path, 'unchecked', validate_certs=False)
    assert not unchecked.failed, unchecked
    assert [w for w in warnings(unchecked) if w.startswith(NOT_CHECKED)]
    assert https_emulator.psk not in trusted['_stdout'] + unchecked['_stdout']
