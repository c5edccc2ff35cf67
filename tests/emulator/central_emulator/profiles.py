# -*- coding: utf-8 -*-
"""Profiles: one JSON file naming the spelling, nesting and quirks the emulator answers with.

The guide leaves some shapes open and public clients saw others from the live service
(see the README, "Profiles"). A profile picks one value for each of those configuration
keys (``config.QUIRK_KEYS``) at once::

    {"name": "variants", "description": "...", "quirks": {"hosts_group_key": "groupId", ...}}

``name`` (non-empty string) and ``quirks`` (object) are required, ``description``
(string) and ``shapes`` (object: the redacted answer shapes a profile made by the
collection's ``service_check`` module carries, kept for the reader, not used) are
optional, nothing else is allowed. A quirk not given takes its guide value
(``config.DEFAULTS``), so loading a profile always sets every quirk key: profiles do not
stack. Built-in profiles are the JSON files in ``profiles/`` (``guide``, ``variants``).
"""

import json
import os

from central_emulator import config

BUILTIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles")
BUILTIN = ("guide", "variants")
_TOP_KEYS = ("name", "description", "quirks", "shapes")


class ProfileError(config.ConfigError):
    """An unreadable or invalid profile; the message names the profile and the bad key."""


def builtin_path(name):
    return os.path.join(BUILTIN_DIR, name + ".json")


def parse(data, origin):
    """Validate a profile object; returns ``{"name", "description", "quirks"}`` with every quirk key."""
    if not isinstance(data, dict):
        raise ProfileError("profile %s must be a JSON object" % origin)
    unknown = sorted(key for key in data if key not in _TOP_KEYS)
    if unknown:
        raise ProfileError("profile %s: unknown key(s) %s (allowed: %s)" % (origin, ", ".join(unknown), ", ".join(_TOP_KEYS)))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("profile %s: name must be a non-empty string" % origin)
    description = data.get("description", "")
    if not isinstance(description, str):
        raise ProfileError("profile %s: description must be a string" % origin)
    if not isinstance(data.get("shapes", {}), dict):
        raise ProfileError("profile %s: shapes must be a JSON object" % origin)
    quirks = data.get("quirks")
    if not isinstance(quirks, dict):
        raise ProfileError("profile %s: quirks must be a JSON object" % origin)
    not_quirks = sorted(key for key in quirks if key not in config.QUIRK_KEYS)
    if not_quirks:
        raise ProfileError("profile %s: quirks.%s is not a profile quirk (quirks: %s)" % (
            origin, ", quirks.".join(not_quirks), ", ".join(config.QUIRK_KEYS)))
    try:
        given = config.validate(quirks)
    except config.ConfigError as error:
        # The config message starts with the key: "quirks.<key> must be ..."
        raise ProfileError("profile %s: quirks.%s" % (origin, error)) from None
    complete = {key: config.DEFAULTS[key] for key in config.QUIRK_KEYS}
    complete.update(given)
    return {"name": name, "description": description, "quirks": complete}


def load(source):
    """A profile from a built-in name, a JSON file path, or an already decoded object."""
    if isinstance(source, dict):
        return parse(source, "(inline object)")
    if not isinstance(source, str) or not source:
        raise ProfileError("profile must be a built-in profile name (%s), a JSON file path or an object" % ", ".join(BUILTIN))
    path = builtin_path(source) if source in BUILTIN else source
    if not os.path.isfile(path):
        raise ProfileError("profile %s is neither a built-in profile (%s) nor a file" % (source, ", ".join(BUILTIN)))
    try:
        with open(path, "r", encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ProfileError("profile %s cannot be read: %s" % (source, error)) from None
    except ValueError as error:
        raise ProfileError("profile %s is not valid JSON: %s" % (source, error)) from None
    return parse(data, source)


def merged(base, options):
    """``config.merged``, where a ``profile`` option first sets every quirk key from that profile.

    The other options are applied after it, so a key given beside a profile wins over it.
    """
    options = dict(options or {})
    source = options.pop("profile", None)
    if source is not None:
        profile = load(source)
        base = config.merged(base, profile["quirks"])
        base["profile"] = profile["name"]
    return config.merged(base, options)
