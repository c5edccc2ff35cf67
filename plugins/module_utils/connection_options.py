# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection settings: one table for modules, the inventory plugin and the client.

The doc fragment ``logmein.central.connection`` documents the same options; a unit
test keeps the two in step.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import ipaddress
import math
import os
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.logmein.central.plugins.module_utils.errors import ConfigurationError

DEFAULT_API_URL = 'https://secure.logmein.com/public-api'
ENV_PREFIX = 'LOGMEIN_CENTRAL_'

# name: (type, default, secret)
CONNECTION_OPTIONS = {
    'api_url': ('str', DEFAULT_API_URL, False),
    'company_id': ('str', None, False),
    'psk': ('str', None, True),
    'validate_certs': ('bool', True, False),
    'allow_http': ('bool', False, False),
    'ca_path': ('path', None, False),
    'timeout': ('float', 30.0, False),
    'rate_limit_max_wait': ('int', 300, False),
    'read_cache_ttl': ('int', 60, False),
    # A Redis URL may carry a password: the option is secret (no_log) whatever it holds.
    'state_url': ('str', None, True),
}
STATE_URL_SCHEMES = ('redis', 'rediss')


def env_var(name):
    """The environment variable that provides an option, e.g. LOGMEIN_CENTRAL_PSK."""
    return ENV_PREFIX + name.upper()


def connection_argument_spec():
    """The argument spec fragment every module adds to its own."""
    spec = {}
    for name, (option_type, default, secret) in CONNECTION_OPTIONS.items():
        entry = dict(type=option_type, fallback=(env_fallback, [env_var(name)]))
        if default is not None:
            entry['default'] = default
        if secret:
            entry['no_log'] = True
        spec[name] = entry
    return spec


def option_or_environment(args, name):
    """A connection option from a plugin's arguments, else from its LOGMEIN_CENTRAL_* variable (as env_fallback does)."""
    value = args.get(name)
    if value is None:
        value = os.environ.get(env_var(name))
    return value


def settings_tag(settings, purpose, length=32):
    """A tag of whom answers read with ``settings`` were accepted from, for ``purpose`` (a cache's name).

    An HMAC-SHA256 keyed with the PSK over the API URL, the company id and the settings that
    decide which certificate was trusted (``validate_certs``, ``ca_path``): cached answers are
    reused only under the same credentials and the same checks, so a changed or revoked PSK is
    not served what the old one read, and answers read without certificate checks (or trusting
    another CA) are not served to a run that checks them. The tag never gives back the PSK.
    ``allow_http`` is left out: the scheme is part of ``api_url``.
    """
    ca_path = os.path.abspath(settings.ca_path) if settings.ca_path else ''
    message = '\0'.join([purpose, settings.api_url.rstrip('/'), str(settings.company_id),
                         'validate_certs=%d' % bool(settings.validate_certs), 'ca_path=%s' % ca_path])
    return hmac.new(settings.psk.encode('utf-8'), message.encode('utf-8'), hashlib.sha256).hexdigest()[:length]


class ConnectionSettings:
    """Validated connection settings. ``repr()`` never shows the PSK."""

    def __init__(self, api_url, company_id, psk, validate_certs=True, ca_path=None,
                 timeout=30.0, rate_limit_max_wait=300, read_cache_ttl=60, allow_http=False, state_url=None):
        self.api_url = api_url
        self.allow_http = allow_http
        self.company_id = company_id
        self.psk = psk
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout
        self.rate_limit_max_wait = rate_limit_max_wait
        self.read_cache_ttl = read_cache_ttl
        self.state_url = state_url

    def __repr__(self):
        return 'ConnectionSettings(api_url=%r, company_id=%r, psk=<hidden>%s)' % (
            self.api_url, self.company_id, ', state_url=%r' % redacted_url(self.state_url) if self.state_url else '')

    @classmethod
    def from_options(cls, get_option):
        """Build from a callable returning an option's value (None when unset), then validate."""
        values = {}
        for name, (option_type, default, dummy) in CONNECTION_OPTIONS.items():
            value = get_option(name)
            if isinstance(value, str) and value.strip() == '' and name == 'api_url':
                # Never fall back to the production service for a URL that was meant to be set.
                raise ConfigurationError('api_url is empty: leave it unset for %s, or give the URL of the API' % DEFAULT_API_URL)
            if value is None or (isinstance(value, str) and value.strip() == '' and name != 'psk'):
                value = default
            values[name] = _convert(name, option_type, value)
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self):
        if not self.company_id or not str(self.company_id).strip():
            raise ConfigurationError('company_id is required: set the company_id option or %s' % env_var('company_id'))
        self.company_id = str(self.company_id).strip()
        if not self.psk:
            raise ConfigurationError('psk is required: set the psk option or %s' % env_var('psk'))
        parts = urlsplit(self.api_url or '')
        if parts.scheme not in ('http', 'https') or not parts.netloc:
            raise ConfigurationError('api_url must be an http:// or https:// URL, got %r' % (self.api_url,))
        self.api_url = self.api_url.rstrip('/')
        if parts.scheme == 'http' and not is_loopback(parts.hostname) and not self.allow_http:
            raise ConfigurationError('api_url %s is plain http: the PSK would cross the network unencrypted. Use https://, '
                                     'or set allow_http (%s) to send it that way anyway' % (self.api_url, env_var('allow_http')))
        if not math.isfinite(self.timeout) or self.timeout <= 0:
            raise ConfigurationError('timeout must be greater than 0 seconds, got %s' % (self.timeout,))
        if self.rate_limit_max_wait < 0:
            raise ConfigurationError('rate_limit_max_wait must be 0 or more seconds, got %s' % (self.rate_limit_max_wait,))
        if self.read_cache_ttl < 0:
            raise ConfigurationError('read_cache_ttl must be 0 or more seconds, got %s' % (self.read_cache_ttl,))
        if self.ca_path and not os.path.isfile(self.ca_path):
            raise ConfigurationError('ca_path %r is not a readable file' % (self.ca_path,))
        if self.state_url:
            self.state_url = self.state_url.strip()
            check_state_url(self.state_url)


def url_password(url):
    """The password in ``url`` (a state_url), or None."""
    try:
        return urlsplit(url).password if url else None
    except ValueError:
        return None


def redacted_url(url):
    """``url`` without its user name and password (what messages may show of a state_url)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ''
        port = parts.port
    except ValueError:
        return '<a state_url that is not a URL>'
    if ':' in host:
        host = '[%s]' % host
    netloc = '%s:%d' % (host, port) if port else host
    return '%s://%s%s' % (parts.scheme, netloc, parts.path)


def check_state_url(url):
    """ConfigurationError unless ``url`` is a redis:// or rediss:// URL of a host (with an optional database number)."""
    shown = redacted_url(url)
    try:
        parts = urlsplit(url)
        # Reading the port raises ValueError for one that is not a number.
        parts.port  # pylint: disable=pointless-statement
    except ValueError:
        raise ConfigurationError('state_url %s is not a valid URL: give redis://host:port/db or rediss://host:port/db '
                                 '(%s)' % (shown, env_var('state_url'))) from None
    if parts.scheme not in STATE_URL_SCHEMES or not parts.hostname:
        raise ConfigurationError('state_url must be a redis:// or rediss:// URL of a Redis (or Valkey) server, got %s (%s)'
                                 % (shown, env_var('state_url')))
    database = parts.path.strip('/')
    if database and not database.isdigit():
        raise ConfigurationError('state_url %s: the path must be a database number, such as /0' % shown)
    if parts.scheme == 'redis' and parts.password and not is_loopback(parts.hostname):
        # Not refused (a private network may be trusted), but said: a password in clear text crosses it.
        return ['state_url %s is plain redis://: its password crosses the network unencrypted; use rediss://' % shown]
    return []


def is_loopback(host):
    """Whether ``host`` (a URL's host name) is this machine's loopback: ``localhost``, 127.0.0.0/8 or ::1."""
    if not host:
        return False
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_warnings(settings):
    """What the user should know about where secrets go: the PSK over plain http or to a host other than the
    service's, a Redis password over plain redis://."""
    warnings = check_state_url(settings.state_url) if getattr(settings, 'state_url', None) else []
    parts = urlsplit(settings.api_url)
    if is_loopback(parts.hostname):
        return warnings
    if parts.scheme == 'http':
        warnings.append('api_url %s is plain http (allow_http is set): the PSK crosses the network unencrypted'
                        % settings.api_url)
    if parts.hostname != urlsplit(DEFAULT_API_URL).hostname:
        warnings.append('api_url points at %s, not at the LogMeIn Central service (%s): the PSK is sent there'
                        % (parts.netloc, urlsplit(DEFAULT_API_URL).hostname))
    return warnings


_TRUE = ('1', 'true', 'yes', 'on', 'y', 't')
_FALSE = ('0', 'false', 'no', 'off', 'n', 'f')


def _convert(name, option_type, value):
    """Convert values that arrive as strings (environment, inventory files) to the option's type."""
    if value is None:
        return None
    try:
        if option_type == 'bool':
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(value)
        if option_type == 'float':
            return float(value)
        if option_type == 'int':
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            return int(str(value).strip()) if isinstance(value, str) else int(value)
        if option_type == 'path':
            return os.path.expanduser(os.path.expandvars(str(value)))
        return str(value)
    except (TypeError, ValueError):
        raise ConfigurationError('%s must be of type %s, got %r' % (name, option_type, value)) from None
