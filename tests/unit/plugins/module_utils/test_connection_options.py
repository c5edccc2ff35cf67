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
    assert spec['state_url']['no_log'] is True  # a Redis URL may hold a password
    assert all('no_log' not in entry for name, entry in spec.items() if name not in ('psk', 'state_url'))
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


@pytest.mark.parametrize('url', ['http://127.0.0.1:8080/public-api', 'http://127.0.0.2/public-api', 'http://[::1]:9/x',
                                 'http://localhost:8080/public-api', 'http://LOCALHOST/x'])
def test_plain_http_is_accepted_on_the_loopback_only(url):
    assert settings_from(company_id='1', psk='k', api_url=url).api_url == url.rstrip('/')


@pytest.mark.parametrize('url', ['http://central.example/public-api', 'http://10.0.0.5/public-api', 'http://[2001:db8::1]/x',
                                 'http://localhost.example.com/x', 'http://secure.logmein.com/public-api'])
def test_plain_http_elsewhere_is_refused_naming_api_url_and_the_opt_in(url):
    with pytest.raises(ConfigurationError) as refused:
        settings_from(company_id='1', psk='k', api_url=url)
    message = refused.value.message
    assert 'api_url %s is plain http' % url in message and 'allow_http (LOGMEIN_CENTRAL_ALLOW_HTTP)' in message
    assert settings_from(company_id='1', psk='k', api_url=url, allow_http='yes').allow_http is True


def test_where_the_psk_goes_is_said_unless_it_is_the_service_or_the_loopback():
    from ansible_collections.logmein.central.plugins.module_utils.connection_options import transport_warnings
    assert transport_warnings(settings_from(company_id='1', psk='k')) == []
    assert transport_warnings(settings_from(company_id='1', psk='k', api_url='http://127.0.0.1:8080/public-api')) == []
    assert transport_warnings(settings_from(company_id='1', psk='k', api_url='https://central.example/public-api')) == [
        'api_url points at central.example, not at the LogMeIn Central service (secure.logmein.com): the PSK is sent there']
    warnings = transport_warnings(settings_from(company_id='1', psk='k', api_url='http://central.example/x', allow_http=True))
    assert warnings[0] == 'api_url http://central.example/x is plain http (allow_http is set): the PSK crosses the network unencrypted'
    assert 'central.example' in warnings[1]
