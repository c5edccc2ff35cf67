# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The client against the emulator serving HTTPS with its self-signed test certificate."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.logmein.central.plugins.module_utils.central_api import CentralApi
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import ConnectionSettings
from ansible_collections.logmein.central.plugins.module_utils.errors import TLSError


def connect(emulator, tmp_path, **options):
    values = dict(api_url=emulator.api_url, company_id=emulator.company_id, psk=emulator.psk, read_cache_ttl=0)
    values.update(options)
    return CentralApi(CentralClient(ConnectionSettings.from_options(values.get), state_dir=str(tmp_path)))


def test_an_untrusted_certificate_is_refused_naming_the_problem(https_emulator, tmp_path):
    assert https_emulator.api_url.startswith('https://')
    with pytest.raises(TLSError) as info:
        connect(https_emulator, tmp_path).check_credentials()
    message = str(info.value)
    assert 'certificate' in message and 'ca_path' in message
    assert https_emulator.psk not in message


def test_ca_path_trusts_the_certificate(https_emulator, tmp_path):
    assert connect(https_emulator, tmp_path, ca_path=https_emulator.cert).check_credentials()


def test_validate_certs_false_works_with_a_warning(https_emulator, tmp_path):
    api = connect(https_emulator, tmp_path, validate_certs=False)
    assert api.check_credentials()
    assert any('validate_certs is false' in warning for warning in api.client.warnings)
