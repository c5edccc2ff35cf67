# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Strings from the API in events: data that no Ansible version can take for a template.

ansible-rulebook hands an event to a playbook as extra vars (``ansible_eda.event``), and
ansible-core templates extra vars when they are used: on 2.16 every string under a variable
is templated when the variable is referenced (referencing ``ansible_eda`` at all renders
all of them), and from 2.19 on extra vars are trusted templates. Nothing in the JSON that a
rulebook passes on can mark a string as unsafe, so a host description such as
``{{ lookup('pipe', 'id') }}`` would run on the controller as soon as a playbook looked at
the event.

So the event source encodes, and the ``logmein.central.event_text`` filter decodes:

* a string without ``{`` that does not start with ``PREFIX`` is left as it is (nearly every
  description, group and product name): rulebook conditions compare it as the API wrote it;
* any other string becomes ``PREFIX`` + the base64 of its UTF-8 bytes. ``{`` opens every
  Jinja delimiter (``{{``, ``{%``, ``{#``), and base64 has no ``{``, so no template
  survives; a string that merely starts with the prefix is encoded too, so decoding is
  never ambiguous.

Decoding gives the string back marked unsafe (never templated) on every ansible-core.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii

PREFIX = 'logmein.central:base64:'


def needs_encoding(text):
    return '{' in text or text.startswith(PREFIX)


def encode(text):
    """``text`` as it may travel in an event (unchanged when it cannot be a template)."""
    if not needs_encoding(text):
        return text
    return PREFIX + base64.b64encode(text.encode('utf-8')).decode('ascii')


def decode(text):
    """The string ``encode`` was given; ValueError for a prefixed string that is not valid base64 of UTF-8."""
    if not text.startswith(PREFIX):
        return text
    try:
        return base64.b64decode(text[len(PREFIX):].encode('ascii'), validate=True).decode('utf-8')
    except (binascii.Error, UnicodeError, ValueError):
        raise ValueError('not an encoded event text: %s...' % text[:len(PREFIX) + 12]) from None


def _walk(value, convert):
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, dict):
        return dict((convert(key) if isinstance(key, str) else key, _walk(item, convert)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_walk(item, convert) for item in value]
    return value


def encode_all(value):
    """``value`` with every string in it (keys included, at any depth) encoded."""
    return _walk(value, encode)


def decode_all(value):
    """``value`` with every string in it (keys included, at any depth) decoded."""
    return _walk(value, decode)
