# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.logmein.central.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.logmein.central.plugins.module_utils.connection_options import (
    CONNECTION_OPTIONS,
    ConnectionSettings,
    connection_argument_spec,
    env_var,
)
from ansible_collections.logmein.central.plugins.module_utils.errors import ConfigurationError


def test_doc_fragments_match_the_option_table():
    modules = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
    plugins = yaml.safe_load(ModuleDocFragment.PLUGINS)['options']
    assert set(modules) == set(plugins) == set(CONNECTION_OPTIONS)
    for name, (option_type, default, dummy) in CONNECTION_OPTIONS.items():
        for docs in (modules, plugins):
            assert docs[name]['type'] == option_type, name
            assert docs[name].get('default') == default, name
        assert plugins[name]['env'] == [{'name': env_var(name)}]
        assert 'env' not in modules[name]
        assert env_var(name) in ' '.join(modules[name]['description'])


def test_argument_spec_has_fallbacks_defaults_and_no_log():
    spec = connection_argument_spec()
    assert spec['psk']['no_log'] is True
    assert all('no_log' not in entry for name, entry in spec.items() if name != 'psk')
    assert spec['timeout']['default'] == 30.0
    assert spec['company_id']['fallback'][1] == ['LOGMEIN_CENTRAL_COMPANY_ID']


def settings_from(**values):
    return ConnectionSettings.from_options(values.get)


def test_values_from_strings_are_converted():
    settings = settings_from(company_id=' 42 ', psk='k', validate_certs='no', timeout='2.5', rate_limit_max_wait='0',
                             read_cache_ttl='10', api_url='http://127.0.0.1:8080/public-api/')
    assert settings.company_id == '42'
    assert settings.validate_certs is False
    assert settings.timeout == 2.5
    assert settings.rate_limit_max_wait == 0
    assert settings.api_url == 'http://127.0.0.1:8080/public-api'
    assert settings.read_cache_ttl == 10


def test_defaults_apply():
    settings = settings_from(company_id='1', psk='k')
    assert settings.api_url == 'https://secure.logmein.com/public-api'
    assert settings.validate_certs is True and settings.timeout == 30.0
    assert settings.rate_limit_max_wait == 300 and settings.read_cache_ttl == 60


@pytest.mark.parametrize('values, fragment', [
    ({'psk': 'k'}, 'company_id is required'),
    ({'company_id': '1'}, 'psk is required'),
    ({'company_id': '1', 'psk': 'k', 'api_url': 'ftp://x'}, "api_url must be an http"),
    ({'company_id': '1', 'psk': 'k', 'timeout': '0'}, 'timeout must be greater than 0'),
    ({'company_id': '1', 'psk': 'k', 'timeout': 'soon'}, "timeout must be of type float, got 'soon'"),
    ({'company_id': '1', 'psk': 'k', 'rate_limit_max_wait': '-1'}, 'rate_limit_max_wait must be 0 or more'),
    ({'company_id': '1', 'psk': 'k', 'read_cache_ttl': '1.5'}, "read_cache_ttl must be of type int"),
    ({'company_id': '1', 'psk': 'k', 'validate_certs': 'maybe'}, "validate_certs must be of type bool, got 'maybe'"),
    ({'company_id': '1', 'psk': 'k', 'ca_path': '/nonexistent/ca.pem'}, "ca_path '/nonexistent/ca.pem'"),
])
def test_invalid_settings_name_the_option(values, fragment):
    with pytest.raises(ConfigurationError) as info:
        settings_from(**values)
    assert fragment in str(info.value)


def test_psk_is_hidden_in_repr():
    settings = settings_from(company_id='1', psk='super-secret')
    assert 'super-secret' not in repr(settings)
