# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: desired_state_document
short_description: Load a desired-state document, or the index of a split export with its files
description:
  - Reads a desired-state document (YAML) and returns it as data whose strings are never templated, so a
    description such as C({{ lookup('pipe', 'id') }}) exported from Central stays text.
  - A document with an C(include) list (the index that the C(logmein.central.export) playbook writes with
    C(export_split=group)) is returned with the hosts of every file it names merged into it. Each name is
    a file beside the index (no folders, no C(..)); a host that two files name fails naming both files.
  - The C(logmein.central.converge) and C(logmein.central.drift_report) playbooks load
    C(desired_state_file) with it.
author:
  - LogMeIn Central collection maintainers (@logmein-central)
options:
  _terms:
    description:
      - Paths of documents, absolute or relative to the current folder; a relative path that is not there is looked
        for as M(ansible.builtin.copy) looks for C(src) files (the playbook's and the role's C(files) folders).
      - One document is returned per path.
    type: list
    elements: path
    required: true
'''

EXAMPLES = r'''
- name: Apply a split export
  ansible.builtin.include_role:
    name: logmein.central.desired_state
  vars:
    desired_state_document: "{{ lookup('logmein.central.desired_state_document', 'central/index.yml') }}"
'''

RETURN = r'''
_raw:
  description: The documents, as mappings with C(custom_fields) and C(hosts) (an index's C(include) merged in).
  type: list
  elements: dict
'''

import os

import yaml

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader

# What an included file may hold: the hosts of one group (an index may also list custom fields).
INCLUDED_KEYS = ('hosts',)


def load_yaml(path):
    try:
        with open(path, 'rb') as handle:
            return yaml.load(handle, Loader=SafeLoader)  # nosec - a safe loader
    except (IOError, OSError) as error:
        raise AnsibleLookupError('cannot read the desired-state document %s: %s' % (path, error.strerror or error)) from None
    except yaml.YAMLError as error:
        raise AnsibleLookupError('the desired-state document %s is not valid YAML: %s' % (path, error)) from None


def included_path(index_path, name):
    """The path of a file an index includes; refused unless it is a plain file name beside the index."""
    if not isinstance(name, str) or not name or name in ('.', '..') or os.sep in name or (os.altsep and os.altsep in name):
        raise AnsibleLookupError('%s: include must list file names beside the index, got %r' % (index_path, name))
    return os.path.join(os.path.dirname(index_path), name)


def load_document(path):
    """The document at ``path``, with the hosts of the files of its ``include`` merged in."""
    path = os.path.realpath(path)
    document = load_yaml(path)
    if not isinstance(document, dict) or 'include' not in document:
        return document
    document = dict(document)
    names = document.pop('include') or []
    if not isinstance(names, list):
        raise AnsibleLookupError('%s: include must be a list of file names, got %r' % (path, names))
    hosts = dict(document.get('hosts') or {})
    origin = dict((host_id, path) for host_id in hosts)
    for name in names:
        part_path = included_path(path, name)
        part = load_yaml(part_path)
        if not isinstance(part, dict) or set(part) - set(INCLUDED_KEYS):
            raise AnsibleLookupError('%s: an included file holds only hosts, got %s' % (part_path, sorted(part) if isinstance(part, dict) else part))
        for host_id, entry in (part.get('hosts') or {}).items():
            if host_id in origin:
                raise AnsibleLookupError('host %s is in %s and in %s' % (host_id, origin[host_id], part_path))
            origin[host_id] = part_path
            hosts[host_id] = entry
    document['hosts'] = hosts
    return document


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        documents = []
        for term in terms:
            path = str(term)
            if not os.path.exists(path):
                path = self.find_file_in_search_path(variables, 'files', path, ignore_missing=True) or path
            documents.append(make_unsafe(load_document(path)))
        return documents
