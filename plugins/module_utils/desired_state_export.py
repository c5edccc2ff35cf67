# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The account as a desired-state document: what exists, written as YAML people review in Git.

``Export`` selects and orders what the document holds; ``render_document`` and ``render_split``
write it. The text is stable (the same account gives the same bytes: no dates, a fixed order)
and safe for any string Central may hold: every string is a YAML double-quoted scalar in which
whatever YAML could read as a line break or cannot hold as is (control characters, ``U+2028``,
a byte-order mark) is escaped, so loading the file gives back exactly the exported strings, and
comments hold the same escaped form, so no value can end a comment. A string that is not valid
Unicode (a lone surrogate, which JSON can carry but no YAML file can) is left out of the
document, named in ``Export.unwritable``; a comment shows it with U+FFFD in its place.

A description, value or custom field name holding a control character other than tab is left
out too, named in ``Export.refused`` and ``Export.refused_fields``: the converge refuses to write
such text (see validation.py), so a document holding it could not be converged, and converging
the export must write nothing. Comments still show it, escaped.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import unicodedata

from ansible_collections.logmein.central.plugins.module_utils.account import NO_GROUP
from ansible_collections.logmein.central.plugins.module_utils.errors import ValidationError
from ansible_collections.logmein.central.plugins.module_utils.validation import control_character_problem, quote

ATTRIBUTES = ('description', 'group', 'custom_fields')
# YAML reads a plain or implicit key of more than 1024 characters as an error: longer keys are written explicitly.
MAX_IMPLICIT_KEY = 1000
NO_GROUP_FILE = 'no-group.yml'
_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r'}


_SURROGATE = re.compile('[\ud800-\udfff]')


def _needs_escape(char):
    """True for what a YAML double-quoted scalar cannot hold as is, or would fold as a line break."""
    code = ord(char)
    return code < 0x20 or 0x7f <= code <= 0x9f or code in (0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff)


def writable(text):
    """False for a string no YAML file can hold (a lone surrogate)."""
    return not _SURROGATE.search(str(text))


def quoted(text):
    """``text`` as a YAML double-quoted scalar that loads back as exactly ``text``.

    A lone surrogate cannot be written: it is replaced by U+FFFD (callers leave such strings
    out of the data and use this only for comments and messages).
    """
    out = ['"']
    for char in _SURROGATE.sub('\ufffd', str(text)):
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _needs_escape(char):
            out.append('\\u%04x' % ord(char))
        else:
            out.append(char)
    out.append('"')
    return ''.join(out)


def _key(text, indent):
    """A mapping key: implicit when short enough, else explicit (``? key`` then ``: value``)."""
    rendered = quoted(text)
    if len(rendered) <= MAX_IMPLICIT_KEY:
        return '%s%s:' % (indent, rendered)
    return '%s? %s\n%s:' % (indent, rendered, indent)


class Export:
    """What the document holds: the custom fields and the hosts, selected and in review order.

    ``account`` is an account.Account; ``categories`` and ``host_values`` are
    CentralApi.custom_field_values(). Options: ``groups`` (references, resolved as
    everywhere else; -1 for the hosts in no group), ``custom_fields`` (names),
    ``attributes`` (a subset of ATTRIBUTES).
    """

    def __init__(self, account, categories, host_values, groups=None, custom_fields=None, attributes=ATTRIBUTES):
        self.account = account
        self.attributes = [a for a in ATTRIBUTES if a in attributes]
        wanted_groups = None
        if groups:
            ids, problems = account.resolve_groups(groups, 'groups')
            if problems:
                raise ValidationError('; '.join(problems))
            wanted_groups = set(ids)
        self.unwritable = []  # (host id, what): strings left out because no YAML file can hold them
        self.refused = []  # (host id, what): texts left out because the converge cannot write them back
        self.refused_fields = []  # (name, problem): custom fields left out for the same reason
        self.fields, self.skipped_fields = self._fields(categories, custom_fields)
        self.hosts = self._hosts(wanted_groups, host_values)

    def _fields(self, categories, wanted):
        """``([(category id, name, {value id: value})], [names left out])``, by name."""
        by_name = {}
        for category in categories or ():
            by_name.setdefault(category.get('name'), []).append(category)
        unknown = sorted(set(wanted or ()) - set(by_name))
        if unknown:
            raise ValidationError('custom_fields names custom fields that do not exist in LogMeIn Central: %s'
                                  % ', '.join(quoted(name) for name in unknown))
        fields, shared = [], []
        for name in sorted(by_name, key=lambda n: (str(n).casefold(), str(n))):
            if name is None or (wanted and name not in wanted):
                continue
            if len(by_name[name]) > 1 or not writable(name):
                # A document cannot say which one it means: the role refuses such a name.
                shared.append(name)
                continue
            problem = control_character_problem(str(name))
            if problem:
                self.refused_fields.append((name, problem))
                shared.append(name)
                continue
            category = by_name[name][0]
            fields.append((category.get('id'), name, dict((v.get('id'), v.get('name')) for v in category.get('values') or ())))
        return fields, shared

    def _hosts(self, wanted_groups, host_values):
        """``[(host, entry)]`` sorted by group (name, id; no group last), then description, then id."""
        selected = []
        for host in self.account.hosts.values():
            if wanted_groups is not None and host.group_id not in wanted_groups:
                continue
            selected.append((host, self._entry(host, (host_values or {}).get(host.id) or {})))
        return sorted(selected, key=self._order)

    def _order(self, pair):
        host = pair[0]
        name = self.account.group_name(host.group_id)
        no_group = host.group_id == NO_GROUP or self.account.group(host.group_id) is None
        return (no_group, str(name or '').casefold(), host.group_id, str(host.description or '').casefold(),
                str(host.description or ''), host.id)

    def _entry(self, host, values):
        entry = []
        if 'description' in self.attributes and (host.description or '').strip():
            if not writable(host.description):
                self.unwritable.append((host.id, 'description'))
            elif not self._refused(host.id, 'the description', host.description):
                entry.append(('description', host.description))
        if 'group' in self.attributes and self.account.group(host.group_id) is not None:
            reference = self.group_reference(host.group_id)
            entry.append(('group', reference if writable(reference) else host.group_id))
        if 'custom_fields' in self.attributes:
            carried = []
            for category_id, name, names in self.fields:
                if values.get(category_id) not in names:
                    continue
                value = names[values[category_id]]
                if not writable(value):
                    self.unwritable.append((host.id, 'the value of custom field %s' % quoted(name)))
                elif not self._refused(host.id, 'the value of custom field %s' % quoted(name), value):
                    carried.append((name, value))
            if carried:
                entry.append(('custom_fields', carried))
        return entry

    def _refused(self, host_id, what, text):
        """True, and ``text`` named in ``refused``, when the converge could not write ``text`` back."""
        problem = control_character_problem(str(text))
        if problem:
            self.refused.append((host_id, '%s %s %s' % (what, quote(text), problem)))
        return bool(problem)

    def group_reference(self, group_id):
        """The group's name when it names this group alone (as the role resolves it), else its id."""
        group = self.account.group(group_id)
        try:
            if group.name is not None and self.account.resolve_group(group.name).id == group_id:
                return group.name
        except ValidationError:
            pass
        return group_id

    def group_of(self, host):
        return self.account.group(host.group_id)


def _header(title, lines):
    return ['# %s' % title] + ['# %s' % line for line in lines]


def _custom_fields_block(export):
    if 'custom_fields' not in export.attributes:
        return []
    if not export.fields:
        return ['custom_fields: []']
    return ['custom_fields:'] + ['  - %s' % quoted(name) for dummy, name, dummy in export.fields]


def _hosts_block(export, hosts):
    if not hosts:
        return ['hosts: {}']
    lines = ['hosts:']
    current = object()
    for host, entry in hosts:
        group = export.group_of(host)
        if group != current:
            current = group
            lines.append('  # %s' % ('no group' if group is None else 'group %s (id %s)' % (quoted(group.name), group.id)))
        comment = '%s in %s' % (quoted(host.description or ''), 'no group' if group is None else quoted(group.name))
        if not entry:
            lines.append('  %d: {}  # %s' % (host.id, comment))
            continue
        lines.append('  %d:  # %s' % (host.id, comment))
        for name, value in entry:
            if name == 'custom_fields':
                lines.append('    custom_fields:')
                lines.extend('%s %s' % (_key(field, '      '), quoted(text)) for field, text in value)
            elif isinstance(value, int):
                lines.append('    %s: %d' % (name, value))
            else:
                lines.append('    %s: %s' % (name, quoted(value)))
    return lines


def render_document(export, title_lines=()):
    """The whole document as one YAML text."""
    lines = ['---'] + _header('LogMeIn Central desired state, exported by logmein.central.export.', title_lines)
    lines += _custom_fields_block(export) + _hosts_block(export, export.hosts)
    return '\n'.join(lines) + '\n'


def group_file_name(group):
    """A stable file name for a computer group: its name in lower-case ASCII words, then its id."""
    if group is None:
        return NO_GROUP_FILE
    ascii_name = unicodedata.normalize('NFKD', str(group.name or '')).encode('ascii', 'ignore').decode('ascii')
    words = re.sub(r'[^a-z0-9]+', '-', ascii_name.lower()).strip('-')[:40].strip('-')
    return '%s-%d.yml' % (words or 'group', group.id)


def render_split(export, title_lines=()):
    """``(index text, [(file name, text)])``: one file of hosts per computer group, and an index naming them."""
    by_file = []
    for host, entry in export.hosts:
        name = group_file_name(export.group_of(host))
        if not by_file or by_file[-1][0] != name:
            by_file.append((name, []))
        by_file[-1][1].append((host, entry))
    files = []
    for name, hosts in by_file:
        group = export.group_of(hosts[0][0])
        title = 'hosts in no computer group' if group is None else 'hosts of computer group %s (id %s)' % (quoted(group.name), group.id)
        lines = ['---'] + _header('LogMeIn Central desired state: %s; included by the index.' % title, title_lines)
        files.append((name, '\n'.join(lines + _hosts_block(export, hosts)) + '\n'))
    index = ['---'] + _header('LogMeIn Central desired state, exported by logmein.central.export: the index of a split export.',
                              title_lines)
    index += _custom_fields_block(export)
    index += ['include:'] + ['  - %s' % quoted(name) for name, dummy in files] if files else ['include: []']
    return '\n'.join(index) + '\n', files
