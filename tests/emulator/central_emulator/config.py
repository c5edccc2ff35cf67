# -*- coding: utf-8 -*-
"""Runtime configuration of the emulator: defaults and validation.

Every key can be given on the command line (most of them), to ``POST /_emulator/reset``
or ``POST /_emulator/config`` (partial update), or to ``testing.start_emulator()``.
"""

import copy
import json

DEFAULT_COMPANY_ID = "1234567890"
# A fixed 128-character test PSK. Not a secret: documented in the README so that a
# client can be pointed at an emulator started without --psk.
DEFAULT_PSK = ("central-emulator-test-psk-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2)[:128]

RATE_LIMIT_MODES = ("action", "account")
AV_DETAILS_STYLES = ("table", "example")
REALTIME_PATHS = ("documented", "alternative", "both")
DELETED_REASON_KEYS = ("deleteReason", "deletedReason")
# Shapes the guide leaves open; the first value of each is the guide's (see profiles.py).
HOSTS_GROUP_KEYS = ("groupid", "groupId")
INVENTORY_NESTINGS = ("flat", "nested")
RETRY_HINTS = ("none", "body")
CONTINUATION_KEYS = ("report.token", "continuation_token")
REPORT_NOT_READY_STYLES = ("404", "empty")
CONNECTION_LINK_KEYS = ("connectionUrl", "url")

DEFAULTS = {
    "company_id": DEFAULT_COMPANY_ID,
    "psk": DEFAULT_PSK,
    "rate_limit_window": 60.0,
    "rate_limit_mode": "action",
    "refusals_restart_window": False,
    "retry_after": False,
    "auth_failure_status": 409,
    "latency": 0.0,
    "page_size": 50,
    "report_token_ttl": 3600.0,
    "av_details_style": "table",
    "realtime_path": "documented",
    "av_unsent_host_ids": [],
    "deleted_reason_key": "deleteReason",
    "hosts_group_key": "groupid",
    "ids_as_strings": False,
    "inventory_nesting": "flat",
    "json_prefix": False,
    "retry_hint": "none",
    "continuation_key": "report.token",
    "report_not_ready": 0,
    "report_not_ready_style": "404",
    "connection_link_key": "connectionUrl",
    # The name of the profile last loaded (profiles.py); set by loading one, not directly.
    "profile": "guide",
}

# The keys a profile may set: how answers are spelled and shaped, and how errors look.
QUIRK_KEYS = ("auth_failure_status", "retry_after", "retry_hint", "av_details_style", "realtime_path", "deleted_reason_key",
              "hosts_group_key", "ids_as_strings", "inventory_nesting", "json_prefix", "continuation_key",
              "report_not_ready", "report_not_ready_style", "connection_link_key")

PSK_MASK = "********"


class ConfigError(ValueError):
    """An invalid configuration key or value; the message names the key."""


def _number(key, value, minimum=0.0):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError("%s must be a number" % key)
    if value < minimum:
        raise ConfigError("%s must be >= %s" % (key, minimum))
    return float(value)


def _choice(key, value, choices):
    # isinstance: "404" is a string choice; the integer 404 is refused, not silently matched.
    if not isinstance(value, str) or value not in choices:
        raise ConfigError("%s must be one of %s" % (key, ", ".join(json.dumps(choice) for choice in choices)))
    return value


def _bool(key, value):
    if not isinstance(value, bool):
        raise ConfigError("%s must be a boolean" % key)
    return value


def _string(key, value):
    if not isinstance(value, str) or not value:
        raise ConfigError("%s must be a non-empty string" % key)
    if key == "company_id" and ":" in value:
        raise ConfigError("company_id must not contain ':'")
    return value


def _int(key, value, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError("%s must be an integer from %d to %d" % (key, low, high))
    return value


def _id_list(key, value):
    if not isinstance(value, list) or any(isinstance(item, bool) or not isinstance(item, int) for item in value):
        raise ConfigError("%s must be a list of integer host ids" % key)
    return list(value)


_VALIDATORS = {
    "company_id": _string,
    "psk": _string,
    "rate_limit_window": _number,
    "rate_limit_mode": lambda k, v: _choice(k, v, RATE_LIMIT_MODES),
    "refusals_restart_window": _bool,
    "retry_after": _bool,
    "auth_failure_status": lambda k, v: _int(k, v, 400, 499),
    "latency": _number,
    "page_size": lambda k, v: _int(k, v, 1, 100000),
    "report_token_ttl": lambda k, v: _number(k, v, 0.001),
    "av_details_style": lambda k, v: _choice(k, v, AV_DETAILS_STYLES),
    "realtime_path": lambda k, v: _choice(k, v, REALTIME_PATHS),
    "av_unsent_host_ids": _id_list,
    "deleted_reason_key": lambda k, v: _choice(k, v, DELETED_REASON_KEYS),
    "hosts_group_key": lambda k, v: _choice(k, v, HOSTS_GROUP_KEYS),
    "ids_as_strings": _bool,
    "inventory_nesting": lambda k, v: _choice(k, v, INVENTORY_NESTINGS),
    "json_prefix": _bool,
    "retry_hint": lambda k, v: _choice(k, v, RETRY_HINTS),
    "continuation_key": lambda k, v: _choice(k, v, CONTINUATION_KEYS),
    "report_not_ready": lambda k, v: _int(k, v, 0, 1000000),
    "report_not_ready_style": lambda k, v: _choice(k, v, REPORT_NOT_READY_STYLES),
    "connection_link_key": lambda k, v: _choice(k, v, CONNECTION_LINK_KEYS),
}

KEYS = tuple(DEFAULTS)


def validate(updates):
    """Validate a partial configuration; returns a normalised copy. Raises ConfigError."""
    if not isinstance(updates, dict):
        raise ConfigError("configuration must be a JSON object")
    unknown = sorted(key for key in updates if key not in _VALIDATORS)
    if unknown:
        raise ConfigError("unknown configuration key(s): %s" % ", ".join(unknown))
    return {key: _VALIDATORS[key](key, value) for key, value in updates.items()}


def merged(base=None, updates=None):
    """Return ``base`` (defaults when None) updated with validated ``updates``."""
    result = copy.deepcopy(DEFAULTS if base is None else base)
    result.update(validate(updates or {}))
    return result


def public_view(config):
    """The configuration as the admin API shows it: the PSK is masked."""
    view = copy.deepcopy(config)
    view["psk"] = PSK_MASK
    return view
