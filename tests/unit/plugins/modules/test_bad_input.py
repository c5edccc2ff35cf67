# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Bad input for every option of every module: each fails before any write, naming the bad value, without a traceback.

One table (``CASES``) holds, per module, a list of bad values for each option: wrong types,
empty and blank values, unknown host ids, group names, custom fields and report fields,
impossible dates, missing or malformed connection settings. Each case runs the module
in-process against the emulator, on top of a valid baseline of arguments, and asserts

* the task failed, with a message that names the option and/or the bad value (ansible-core's own type
  errors name the option, and the value only on some versions: those cases check the option);
* no traceback reached the user (no ``exception``, no ``Traceback`` in the output);
* the PSK is nowhere in the output;
* the emulator logged no write, and no call at all when the input can be judged without reading.

``test_every_option_has_bad_input_cases`` keeps the table complete: an option added to a
module without a bad-input case fails the suite.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import pytest
import yaml

from ansible_collections.logmein.central.plugins.module_utils.rounds import ROUND_OPTIONS
from ansible_collections.logmein.central.plugins.module_utils import connection_options
from ansible_collections.logmein.central.plugins.module_utils.connection_options import CONNECTION_OPTIONS, env_var
from ansible_collections.logmein.central.tests.unit.plugins.modules.module_runner import MODULES, connection_args, run_module

from central_emulator.testing import start_emulator  # tests/unit/conftest.py puts the emulator on the path

UNKNOWN_ID = 4242          # no host of the emulator's dataset has this id
UNKNOWN_GROUP = 'No Such Group'
UNKNOWN_FIELD = 'NoSuchField'
DROP = object()            # marks an argument to leave out


class Host:
    """Stands for the id of the ``index``-th host of the emulator's state, resolved when the case runs."""

    def __init__(self, index=0):
        self.index = index

    def __repr__(self):
        return 'HOST%d' % self.index


HOST = Host(0)

# A valid task of each module; every bad case changes one option of it (or two, for ranges and conflicts).
BASELINES = {
    'host_description': {'host_id': HOST, 'description': 'Bad-input baseline'},
    'host_group': {'group': 'Work Computers', 'hosts': [HOST]},
    'host': {'hosts': [HOST], 'state': 'absent'},
    'host_connection': {'host_id': HOST},
    'custom_field': {'name': 'Location', 'values': {HOST: 'Budapest'}},
    'av_action': {'action': 'full_scan', 'hosts': [HOST], 'only_when_needed': False},
    'report_facts': {'gather': ['hosts', 'groups']},
    'desired_state_export': {'groups': ['Work Computers']},
    'desired_state_converge': {'groups': {'Work Computers': [HOST]}, 'descriptions': {HOST: 'Bad-input baseline'},
                               'custom_fields': [{'name': 'Location', 'values': {HOST: 'Budapest'}}]},
}

# The input can be judged without the API (no call) unless a case says it needs reads.
OFFLINE = 'offline'
READS = 'reads'

LIST_TO_STR = ('Ansible converts a list given for a str option to its text (with a warning); '
               'the module then writes "[\'a\']" instead of failing')


class Case:
    """One bad input: ``option`` set to ``value`` on top of the module's baseline."""

    def __init__(self, module, option, value, expected, calls=OFFLINE, extra=None, env=None, label=None,
                 marks=()):
        self.module = module
        self.option = option
        self.value = value
        self.expected = expected if isinstance(expected, (list, tuple)) else [expected]
        self.calls = calls
        self.extra = extra or {}
        self.env = env or {}
        self.label = label
        self.marks = marks

    @property
    def id(self):  # pylint: disable=invalid-name
        return '%s-%s-%s' % (self.module, self.option, self.label or _short(self.value))

    def param(self):
        return pytest.param(self, id=self.id, marks=self.marks)


def _short(value):
    if value is DROP:
        return 'missing'
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + '...'


def xfail(reason):
    return (pytest.mark.xfail(strict=True, reason=reason),)


# --- the connection options: the same bad values for every module ------------------------------------------

def connection_cases(module):
    cases = [
        # api_url
        Case(module, 'api_url', 'ftp://central.example/public-api', ['api_url', 'ftp://central.example/public-api']),
        Case(module, 'api_url', 'central.example/public-api', ['api_url', 'central.example/public-api'], label='no-scheme'),
        Case(module, 'api_url', 'http://', ['api_url', "'http://'"]),
        Case(module, 'api_url', ['https://central.example'], ['api_url', 'https://central.example']),
        Case(module, 'api_url', {'url': 'https://central.example'}, ['api_url', 'https://central.example']),
        Case(module, 'api_url', DROP, ['api_url', 'ftp://env.example'], env={env_var('api_url'): 'ftp://env.example'},
             label='env-ftp'),
        Case(module, 'api_url', '   ', ['api_url is empty'], label='blank'),
        # company_id
        Case(module, 'company_id', '', ['company_id is required', env_var('company_id')], label='empty'),
        Case(module, 'company_id', '   ', ['company_id is required'], label='blank'),
        Case(module, 'company_id', DROP, ['company_id is required', env_var('company_id')]),
        Case(module, 'company_id', DROP, ['company_id is required'], env={env_var('company_id'): ''}, label='env-empty'),
        Case(module, 'company_id', ['1234567890'], ['company_id'], calls=READS),
        Case(module, 'company_id', 'not-our-company', ['authentication', 'company_id'], calls=READS, label='unknown'),
        # psk
        Case(module, 'psk', '', ['psk is required', env_var('psk')], label='empty'),
        Case(module, 'psk', DROP, ['psk is required', env_var('psk')]),
        Case(module, 'psk', DROP, ['psk is required'], env={env_var('psk'): ''}, label='env-empty'),
        Case(module, 'psk', DROP, ['company_id is required'], extra={'company_id': DROP}, label='no-credentials'),
        Case(module, 'psk', '   ', ['authentication', 'psk'], calls=READS, label='blank'),
        Case(module, 'psk', ['x'], ['authentication', 'psk'], calls=READS),
        Case(module, 'psk', 'wrong-psk', ['authentication', 'psk'], calls=READS, label='wrong'),
        # validate_certs
        Case(module, 'validate_certs', 'maybe', ['validate_certs', 'maybe']),
        Case(module, 'validate_certs', '', ['validate_certs'], label='empty'),
        Case(module, 'validate_certs', [True], ['validate_certs']),
        Case(module, 'validate_certs', DROP, ['validate_certs', 'maybe'], env={env_var('validate_certs'): 'maybe'},
             label='env-maybe'),
        # allow_http
        Case(module, 'allow_http', 'maybe', ['allow_http', 'maybe']),
        Case(module, 'api_url', 'http://central.example/public-api', ['api_url', 'http://central.example/public-api', 'plain http',
                                                                      'allow_http'], label='plain-http'),
        # ca_path
        Case(module, 'ca_path', '/nonexistent/ca-bundle.pem', ['ca_path', '/nonexistent/ca-bundle.pem']),
        Case(module, 'ca_path', '/', ['ca_path', "'/'"], label='directory'),
        Case(module, 'ca_path', {'file': 'ca.pem'}, ['ca_path', 'ca.pem']),
        # timeout
        Case(module, 'timeout', 'abc', ['timeout']),
        Case(module, 'timeout', -1, ['timeout', '-1']),
        Case(module, 'timeout', 0, ['timeout', '0']),
        Case(module, 'timeout', [30], ['timeout']),
        Case(module, 'timeout', '', ['timeout'], label='empty'),
        Case(module, 'timeout', DROP, ['timeout'], env={env_var('timeout'): 'abc'}, label='env-abc'),
        # rate_limit_max_wait
        Case(module, 'rate_limit_max_wait', 'abc', ['rate_limit_max_wait']),
        Case(module, 'rate_limit_max_wait', -1, ['rate_limit_max_wait', '-1']),
        Case(module, 'rate_limit_max_wait', [300], ['rate_limit_max_wait']),
        Case(module, 'rate_limit_max_wait', '', ['rate_limit_max_wait'], label='empty'),
        # read_cache_ttl
        Case(module, 'read_cache_ttl', 'abc', ['read_cache_ttl']),
        Case(module, 'read_cache_ttl', -1, ['read_cache_ttl', '-1']),
        Case(module, 'read_cache_ttl', {'seconds': 60}, ['read_cache_ttl']),
        Case(module, 'read_cache_ttl', '2.5', ['read_cache_ttl']),
        # state_url (no_log: a module's messages show it masked, since it may hold a password)
        Case(module, 'state_url', 'http://127.0.0.1:6379/0', ['state_url', 'redis://']),
        Case(module, 'state_url', 'redis://127.0.0.1:port/0', ['state_url', 'not a valid URL'], label='port'),
        Case(module, 'state_url', 'redis://127.0.0.1:6379/zero', ['state_url', 'database number'], label='database'),
        Case(module, 'state_url', ['redis://127.0.0.1'], ['state_url'], label='list'),
    ]
    if module == 'host':
        # ConnectionSettings is shared by every module: these two (slow, retried) failures are checked once.
        cases.extend([
            Case(module, 'timeout', 'nan', ['timeout', 'nan'], label='nan'),
            Case(module, 'timeout', 'inf', ['timeout', 'inf'], label='inf'),
        ])
    return cases


# --- the options of each module --------------------------------------------------------------------------

MODULE_CASES = [
    # host_description
    Case('host_description', 'host_id', 'abc', ['host_id']),
    Case('host_description', 'host_id', [HOST], ['host_id']),
    Case('host_description', 'host_id', {'id': 1}, ['host_id']),
    Case('host_description', 'host_id', '', ['host_id'], label='empty'),
    Case('host_description', 'host_id', UNKNOWN_ID, ['host_id', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown'),
    Case('host_description', 'description', '', ['description', "''", 'empty'], label='empty'),
    Case('host_description', 'description', '   ', ['description', "'   '", 'empty'], label='blank'),
    Case('host_description', 'description', DROP, ['host_id', 'description'], label='missing'),
    Case('host_description', 'description', ['a'], ['description', "['a']"], marks=xfail(LIST_TO_STR)),
    Case('host_description', 'description', {'a': 1}, ['description', "{'a': 1}"], marks=xfail(LIST_TO_STR.replace('list', 'dict'))),
    Case('host_description', 'descriptions', ['a'], ['descriptions'], extra={'host_id': DROP, 'description': DROP}),
    Case('host_description', 'descriptions', 'abc', ['descriptions'], extra={'host_id': DROP, 'description': DROP}),
    Case('host_description', 'descriptions', {'abc': 'x'}, ['descriptions', "'abc'"], extra={'host_id': DROP, 'description': DROP}),
    Case('host_description', 'descriptions', {'': 'x'}, ['descriptions', "''"], extra={'host_id': DROP, 'description': DROP},
         label='empty-id'),
    Case('host_description', 'descriptions', {UNKNOWN_ID: 'x'}, ['descriptions', str(UNKNOWN_ID), 'do not exist'], calls=READS,
         extra={'host_id': DROP, 'description': DROP}, label='unknown-id'),
    Case('host_description', 'descriptions', {HOST: ''}, ['descriptions', "''", 'empty'], extra={'host_id': DROP, 'description': DROP},
         label='empty-value'),
    Case('host_description', 'descriptions', {HOST: ' \t'}, ['descriptions', 'empty'], extra={'host_id': DROP, 'description': DROP},
         label='blank-value'),
    Case('host_description', 'descriptions', {HOST: ['a']}, ['descriptions', "['a']", 'not a string'],
         extra={'host_id': DROP, 'description': DROP}, label='list-value'),
    Case('host_description', 'descriptions', {HOST: None}, ['descriptions', 'None', 'not a string'],
         extra={'host_id': DROP, 'description': DROP}, label='null-value'),
    Case('host_description', 'descriptions', {HOST: 'x'}, ['mutually exclusive', 'descriptions'], label='with-host_id'),
    # text written to Central: no control character but tab, named escaped with the host; one bad value writes nothing
    Case('host_description', 'description', 'Reception\x00PC',
         ['invalid description', 'host ', "'Reception\\x00PC'", 'control character \\x00 (U+0000) at character 10'], label='nul'),
    Case('host_description', 'description', 'Esc\x1b[2J', ['description', "'Esc\\x1b[2J'", '\\x1b (U+001B)'], label='escape'),
    Case('host_description', 'description', 'Del\x7f', ['description', "'Del\\x7f'", '\\x7f (U+007F)'], label='del'),
    Case('host_description', 'descriptions', {HOST: 'Fine', Host(1): 'Line\nbreak', Host(2): 'Also fine'},
         ['invalid descriptions', 'host ', "'Line\\nbreak'", 'control character \\n (U+000A)'],
         extra={'host_id': DROP, 'description': DROP}, label='one-line-break-among-good'),
    # host_group
    Case('host_group', 'group', UNKNOWN_GROUP, [repr(UNKNOWN_GROUP), 'does not exist'], calls=READS, label='unknown'),
    Case('host_group', 'group', 999, ["group '999'", 'does not exist'], calls=READS, label='unknown-id'),
    Case('host_group', 'group', '', ["group ''", 'does not exist'], calls=READS, label='empty'),
    Case('host_group', 'group', '   ', ["group '   '", 'does not exist'], calls=READS, label='blank'),
    Case('host_group', 'group', ['Work Computers'], ['group', "['Work Computers']", 'not a computer group name or id']),
    Case('host_group', 'group', {'name': 'x'}, ['group', "{'name': 'x'}", 'not a computer group name or id']),
    Case('host_group', 'group', DROP, ['group', 'hosts'], label='missing'),
    Case('host_group', 'hosts', ['abc'], ['hosts', "'abc'"]),
    Case('host_group', 'hosts', 'abc', ['hosts', "'abc'"]),
    Case('host_group', 'hosts', [''], ['hosts', "''"], label='empty-id'),
    Case('host_group', 'hosts', [None], ['hosts', 'None']),
    Case('host_group', 'hosts', [1.5], ['hosts', '1.5']),
    Case('host_group', 'hosts', [True], ['hosts', 'True']),
    Case('host_group', 'hosts', [[HOST]], ['hosts']),
    Case('host_group', 'hosts', {'a': 1}, ['hosts']),
    Case('host_group', 'hosts', [UNKNOWN_ID], ['hosts', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown'),
    Case('host_group', 'groups', ['Work Computers'], ['groups'], extra={'group': DROP, 'hosts': DROP}),
    Case('host_group', 'groups', {UNKNOWN_GROUP: [HOST]}, [repr(UNKNOWN_GROUP), 'does not exist'], calls=READS,
         extra={'group': DROP, 'hosts': DROP}, label='unknown-group'),
    Case('host_group', 'groups', {'Work Computers': 'abc'}, ["'Work Computers'", "'abc'"], extra={'group': DROP, 'hosts': DROP},
         label='str-hosts'),
    Case('host_group', 'groups', {'Work Computers': ['abc']}, ["'Work Computers'", "'abc'"], extra={'group': DROP, 'hosts': DROP},
         label='non-id'),
    Case('host_group', 'groups', {'Work Computers': [UNKNOWN_ID]}, ['groups', str(UNKNOWN_ID), 'do not exist'], calls=READS,
         extra={'group': DROP, 'hosts': DROP}, label='unknown-host'),
    Case('host_group', 'groups', {'Work Computers': [HOST], 'sales-team': [HOST]}, ['two groups'], calls=READS,
         extra={'group': DROP, 'hosts': DROP}, label='host-twice'),
    Case('host_group', 'groups', {'Work Computers': [HOST]}, ['mutually exclusive', 'groups'], label='with-group'),
    # host
    Case('host', 'hosts', ['x'], ['hosts', "'x'"]),
    Case('host', 'hosts', 'x', ['hosts', "'x'"]),
    Case('host', 'hosts', [''], ['hosts', "''"], label='empty-id'),
    Case('host', 'hosts', ['  '], ['hosts', "'  '"], label='blank-id'),
    Case('host', 'hosts', [None], ['hosts', 'None']),
    Case('host', 'hosts', [1.5], ['hosts', '1.5']),
    Case('host', 'hosts', [[HOST]], ['hosts']),
    Case('host', 'hosts', {'a': 1}, ['hosts']),
    Case('host', 'hosts', DROP, ['hosts']),
    Case('host', 'hosts', [UNKNOWN_ID], ['hosts', str(UNKNOWN_ID), 'do not exist'], calls=READS, extra={'state': 'present'},
         label='unknown-present'),
    Case('host', 'state', 'gone', ['state', 'gone']),
    Case('host', 'state', '', ['state'], label='empty'),
    Case('host', 'state', ['absent'], ['state', "['absent']"]),
    Case('host', 'state', DROP, ['state']),
    # host_connection
    Case('host_connection', 'host_id', 'x', ['host_id']),
    Case('host_connection', 'host_id', '', ['host_id'], label='empty'),
    Case('host_connection', 'host_id', [HOST], ['host_id']),
    Case('host_connection', 'host_id', DROP, ['host_id']),
    Case('host_connection', 'host_id', UNKNOWN_ID, ['host_id', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown'),
    Case('host_connection', 'direct_link', 'maybe', ['direct_link', 'maybe']),
    Case('host_connection', 'direct_link', [1], ['direct_link']),
    Case('host_connection', 'fail_when_session_in_progress', 'maybe', ['fail_when_session_in_progress', 'maybe']),
    Case('host_connection', 'fail_when_session_in_progress', {'a': 1}, ['fail_when_session_in_progress']),
    # custom_field
    Case('custom_field', 'name', '', ['name must not be empty'], label='empty'),
    Case('custom_field', 'name', '  ', ['name must not be empty'], label='blank'),
    Case('custom_field', 'name', DROP, ['name']),
    Case('custom_field', 'name', ['a'], ['name', "['a']"], extra={'values': DROP}, marks=xfail(LIST_TO_STR + ' (a category)')),
    Case('custom_field', 'new_name', '', ['new_name must not be empty'], label='empty'),
    Case('custom_field', 'new_name', ' ', ['new_name must not be empty'], label='blank'),
    Case('custom_field', 'new_name', ['a'], ['new_name', "['a']"], marks=xfail(LIST_TO_STR + ' (a category name)')),
    Case('custom_field', 'new_name', 'Asset Tag', ["'Asset Tag'", 'exists already'], calls=READS, label='taken'),
    Case('custom_field', 'state', 'maybe', ['state', 'maybe']),
    Case('custom_field', 'state', '', ['state'], label='empty'),
    Case('custom_field', 'state', 'absent', ['state=absent', 'values'], label='absent-with-values'),
    Case('custom_field', 'values', ['a'], ['values']),
    Case('custom_field', 'values', 'abc', ['values']),
    Case('custom_field', 'values', {'x': 'a'}, ['values', "'x'"]),
    Case('custom_field', 'values', {UNKNOWN_ID: 'a'}, ['values', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown-id'),
    Case('custom_field', 'values', {HOST: ''}, ['value of host', 'is empty'], label='empty-value'),
    Case('custom_field', 'values', {HOST: '  '}, ['value of host', 'is empty'], label='blank-value'),
    Case('custom_field', 'values', {HOST: ['a']}, ['value of host', "['a']"], label='list-value'),
    Case('custom_field', 'values', {HOST: {'a': 1}}, ['value of host', "{'a': 1}"], label='dict-value'),
    Case('custom_field', 'values', {HOST: True}, ['value of host', 'True'], label='bool-value'),
    Case('custom_field', 'values', {HOST: 'Budapest', Host(1): 'Bad\x7f'}, ['values', 'of host ', "'Bad\\x7f'", '\\x7f (U+007F)'],
         label='del-value'),
    Case('custom_field', 'values', {HOST: 'CR\rLF\n'}, ['values', "'CR\\rLF\\n'", '\\r (U+000D) at character 3 and 1 more'],
         label='line-break-value'),
    Case('custom_field', 'name', 'Asset\x00Tag', ["name 'Asset\\x00Tag'", 'control character \\x00 (U+0000)'], label='nul'),
    Case('custom_field', 'new_name', 'Two\nLines', ["new_name 'Two\\nLines'", 'control character \\n (U+000A)'],
         label='line-break'),
    Case('custom_field', 'purge', 'maybe', ['purge', 'maybe']),
    Case('custom_field', 'purge', [1], ['purge']),
    Case('custom_field', 'purge', True, ['state=absent', 'purge'], extra={'state': 'absent', 'values': DROP}, label='with-absent'),
    # av_action
    Case('av_action', 'action', 'nuke', ['action', 'nuke']),
    Case('av_action', 'action', '', ['action'], label='empty'),
    Case('av_action', 'action', ['full_scan'], ['action', "['full_scan']"]),
    Case('av_action', 'action', DROP, ['action']),
    Case('av_action', 'hosts', ['x'], ['hosts', "'x'"]),
    Case('av_action', 'hosts', 'x', ['hosts', "'x'"]),
    Case('av_action', 'hosts', [''], ['hosts', "''"], label='empty-id'),
    Case('av_action', 'hosts', [None], ['hosts', 'None']),
    Case('av_action', 'hosts', {'a': 1}, ['hosts']),
    Case('av_action', 'hosts', DROP, ['hosts']),
    Case('av_action', 'hosts', [UNKNOWN_ID], ['hosts', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown'),
    Case('av_action', 'only_when_needed', 'maybe', ['only_when_needed', 'maybe']),
    Case('av_action', 'only_when_needed', [1], ['only_when_needed']),
    Case('av_action', 'fail_on_unsent', 'maybe', ['fail_on_unsent', 'maybe']),
    Case('av_action', 'fail_on_unsent', {'a': 1}, ['fail_on_unsent']),
    # report_facts
    Case('report_facts', 'gather', ['nope'], ['gather', 'nope']),
    Case('report_facts', 'gather', '', ['gather'], label='empty'),
    Case('report_facts', 'gather', [''], ['gather'], label='empty-item'),
    Case('report_facts', 'gather', {'hosts': True}, ['gather']),
    Case('report_facts', 'gather', [['hosts']], ['gather']),
    Case('report_facts', 'hosts', ['x'], ['hosts', "'x'"], extra={'gather': ['computer_status']}),
    Case('report_facts', 'hosts', [None], ['hosts', 'None'], extra={'gather': ['computer_status']}),
    Case('report_facts', 'hosts', {'a': 1}, ['hosts']),
    Case('report_facts', 'hosts', [UNKNOWN_ID], ['hosts', str(UNKNOWN_ID), 'do not exist'], calls=READS,
         extra={'gather': ['computer_status']}, label='unknown'),
    Case('report_facts', 'groups', [{'a': 1}], ['groups', "{'a': 1}"], extra={'gather': ['computer_status']}),
    Case('report_facts', 'groups', [None], ['groups', 'None'], extra={'gather': ['computer_status']}),
    Case('report_facts', 'groups', {'a': 1}, ['groups']),
    Case('report_facts', 'groups', [UNKNOWN_GROUP], ['groups', repr(UNKNOWN_GROUP)], calls=READS,
         extra={'gather': ['computer_status']}, label='unknown'),
    Case('report_facts', 'groups', [999], ['groups', '999'], calls=READS, extra={'gather': ['computer_status']}, label='unknown-id'),
    # desired_state_export
    Case('desired_state_export', 'groups', [{'a': 1}], ['groups', "{'a': 1}", 'not a computer group name or id']),
    Case('desired_state_export', 'groups', [None], ['groups', 'None']),
    Case('desired_state_export', 'groups', [True], ['groups', 'True'], label='bool-item'),
    Case('desired_state_export', 'groups', {'a': 1}, ['groups']),
    Case('desired_state_export', 'groups', [UNKNOWN_GROUP], ['groups', repr(UNKNOWN_GROUP), 'does not exist'], calls=READS,
         label='unknown'),
    Case('desired_state_export', 'groups', [999], ['groups', "'999'", 'does not exist'], calls=READS, label='unknown-id'),
    Case('desired_state_export', 'custom_fields', [''], ['custom_fields', '""'], label='empty'),
    Case('desired_state_export', 'custom_fields', ['  '], ['custom_fields', '"  "'], label='blank'),
    Case('desired_state_export', 'custom_fields', {'a': 1}, ['custom_fields']),
    Case('desired_state_export', 'custom_fields', [UNKNOWN_FIELD], ['custom_fields', UNKNOWN_FIELD, 'do not exist'], calls=READS,
         label='unknown'),
    Case('desired_state_export', 'attributes', ['colour'], ['attributes', 'colour']),
    Case('desired_state_export', 'attributes', [], ['attributes', 'at least one'], label='empty'),
    Case('desired_state_export', 'split', 'pages', ['split', 'pages']),
    # desired_state_converge: every kind's input is checked before any call, every problem named
    Case('desired_state_converge', 'groups', ['Work Computers'], ['groups']),
    Case('desired_state_converge', 'groups', {'Work Computers': 'abc'}, ["'Work Computers'", "'abc'"]),
    Case('desired_state_converge', 'groups', {'Work Computers': [True]}, ["'Work Computers'", 'True'], label='bool-host'),
    Case('desired_state_converge', 'groups', {UNKNOWN_GROUP: [HOST]}, [repr(UNKNOWN_GROUP), 'does not exist'], calls=READS,
         label='unknown'),
    Case('desired_state_converge', 'groups', {'Work Computers': [UNKNOWN_ID]}, ['groups', str(UNKNOWN_ID), 'do not exist'],
         calls=READS, label='unknown-host'),
    Case('desired_state_converge', 'exclusive', 'maybe', ['exclusive', 'maybe']),
    Case('desired_state_converge', 'lock_wait', 'abc', ['lock_wait']),
    Case('desired_state_converge', 'lock_wait', -1, ['lock_wait', '-1'], label='negative'),
    Case('desired_state_converge', 'descriptions', 'abc', ['descriptions']),
    Case('desired_state_converge', 'descriptions', {'abc': 'x'}, ['descriptions', "'abc'"]),
    Case('desired_state_converge', 'descriptions', {HOST: ''}, ['descriptions', "''", 'empty'], label='empty'),
    Case('desired_state_converge', 'descriptions', {HOST: None}, ['descriptions', 'None', 'not a string']),
    Case('desired_state_converge', 'descriptions', {UNKNOWN_ID: 'x'}, ['descriptions', str(UNKNOWN_ID), 'do not exist'],
         calls=READS, label='unknown'),
    Case('desired_state_converge', 'descriptions', {HOST: ''}, ['descriptions', 'empty', "custom field 'Location'", 'empty'],
         extra={'custom_fields': [{'name': 'Location', 'values': {HOST: ''}}]}, label='every-problem'),
    Case('desired_state_converge', 'custom_fields', 'abc', ['custom_fields'],
         marks=xfail("ansible-core's message for a list element it cannot read as a mapping names neither the option nor the value")),
    Case('desired_state_converge', 'custom_fields', {'name': 'Location'}, ['custom_fields'], label='mapping'),
    Case('desired_state_converge', 'custom_fields', [{'values': {}}], ['name'], label='no-name'),
    Case('desired_state_converge', 'custom_fields', [{'name': ' '}], ['name must not be empty'], label='blank-name'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'Location', 'values': {HOST: ''}}], ["custom field 'Location'", 'empty'],
         label='empty-value'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'Location', 'values': {HOST: ['a']}}], ['must be a string or null'],
         label='list-value'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'Location', 'colour': 'red'}], ['colour'], label='unknown-key'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'Location', 'values': {HOST: 'Buda\x00pest'}}],
         ["custom field 'Location'", 'values', "'Buda\\x00pest'", 'of host ', '\\x00 (U+0000)'], label='nul-value'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'New\x1bField', 'values': {HOST: 'x'}}],
         ["name 'New\\x1bField'", '\\x1b (U+001B)'], label='escape-name'),
    Case('desired_state_converge', 'descriptions', {HOST: 'Fine', Host(1): 'Bad\r'},
         ['descriptions', 'host ', "'Bad\\r'", '\\r (U+000D)'], label='carriage-return'),
    Case('desired_state_converge', 'custom_fields', [{'name': 'Location', 'values': {UNKNOWN_ID: 'x'}}],
         ['values', str(UNKNOWN_ID), 'do not exist'], calls=READS, label='unknown-host'),
    Case('desired_state_converge', 'review', 'maybe', ['review', 'maybe']),
    Case('desired_state_converge', 'expected_estate', 'abc', ['expected_estate']),
    Case('desired_state_converge', 'expected_estate', {'hosts': 'x'}, ['expected_estate', 'hosts and custom_fields'], label='shape'),
    Case('desired_state_converge', 'expected_estate', {'hosts': {'abc': {}}, 'custom_fields': {}},
         ['expected_estate', 'abc', 'not a host id'], label='bad-id'),
    Case('desired_state_converge', 'expected_estate', {'hosts': {HOST: {'colour': 'red'}}, 'custom_fields': {}},
         ['expected_estate', 'group_id, description and/or custom_fields'], label='bad-attribute'),
    Case('desired_state_converge', 'expected_estate', {'hosts': {HOST: {'description': 'Not what it is'}}, 'custom_fields': {}},
         ['no longer matches the reviewed plan', "description: \"Not what it is\" in the plan", 'nothing was written'],
         calls=READS, label='changed'),
    Case('host_description', 'round_seconds', 'abc', ['round_seconds']),
    Case('host_description', 'round_seconds', -1, ['round_seconds', '-1'], label='negative'),
    Case('host_description', 'max_duration', 'soon', ['max_duration']),
    Case('host_description', 'max_duration', -5, ['max_duration', '-5'], label='negative'),
    Case('host_description', 'fail_when_incomplete', 'maybe', ['fail_when_incomplete', 'maybe']),
    Case('custom_field', 'round_seconds', 'abc', ['round_seconds']),
    Case('custom_field', 'round_seconds', -1, ['round_seconds', '-1'], label='negative'),
    Case('custom_field', 'max_duration', 'soon', ['max_duration']),
    Case('custom_field', 'max_duration', -5, ['max_duration', '-5'], label='negative'),
    Case('custom_field', 'fail_when_incomplete', 'maybe', ['fail_when_incomplete', 'maybe']),
    Case('desired_state_converge', 'round_seconds', 'abc', ['round_seconds']),
    Case('desired_state_converge', 'round_seconds', -1, ['round_seconds', '-1'], label='negative'),
    Case('desired_state_converge', 'max_duration', 'soon', ['max_duration']),
    Case('desired_state_converge', 'max_duration', -5, ['max_duration', '-5'], label='negative'),
    Case('desired_state_converge', 'fail_when_incomplete', 'maybe', ['fail_when_incomplete', 'maybe']),
    Case('report_facts', 'system_fields', [UNKNOWN_FIELD], ['system_fields', repr(UNKNOWN_FIELD), 'valid fields'], calls=READS,
         extra={'gather': ['system_inventory']}, label='unknown'),
    Case('report_facts', 'system_fields', [''], ['system_fields', "''"], calls=READS, extra={'gather': ['system_inventory']},
         label='empty'),
    Case('report_facts', 'system_fields', {'a': 1}, ['system_fields'], extra={'gather': ['system_inventory']}),
    Case('report_facts', 'hardware_fields', [UNKNOWN_FIELD], ['hardware_fields', repr(UNKNOWN_FIELD), 'valid fields'], calls=READS,
         extra={'gather': ['hardware_inventory']}, label='unknown'),
    Case('report_facts', 'hardware_fields', ['  '], ['hardware_fields', "'  '"], calls=READS, extra={'gather': ['hardware_inventory']},
         label='blank'),
    Case('report_facts', 'hardware_fields', {'a': 1}, ['hardware_fields'], extra={'gather': ['hardware_inventory']}),
    Case('report_facts', 'use_active_report', 'maybe', ['use_active_report', 'maybe'], extra={'gather': ['system_inventory']}),
    Case('report_facts', 'use_active_report', [1], ['use_active_report']),
    Case('report_facts', 'start_date', DROP, ['start_date is required'], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', '', ['start_date is required'], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'},
         label='empty'),
    Case('report_facts', 'start_date', '2025-13-01', ['start_date', "'2025-13-01'"], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', '2025-02-30', ['start_date', "'2025-02-30'"], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', '01/02/2025', ['start_date', "'01/02/2025'", 'YYYY-MM-DD'],
         extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', 'yesterday', ['start_date', "'yesterday'"], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', ['2025-01-01'], ['start_date', '2025-01-01'], extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}),
    Case('report_facts', 'start_date', '2999-01-01', ['start_date 2999-01-01 is in the future'],
         extra={'gather': ['remote_access'], 'end_date': '2999-02-01'}, label='future'),
    Case('report_facts', 'start_date', '0202-01-01', ['start_date 0202-01-01 is before 2000-01-01'],
         extra={'gather': ['remote_access'], 'end_date': '2025-03-01'}, label='year-0202'),
    Case('report_facts', 'start_date', '1999-12-31', ['start_date 1999-12-31 is before 2000-01-01'],
         extra={'gather': ['remote_access'], 'end_date': '2000-01-31'}, label='before-2000'),
    Case('report_facts', 'end_date', DROP, ['end_date is required'], extra={'gather': ['remote_access'], 'start_date': '2025-01-01'}),
    Case('report_facts', 'end_date', '2024-12-31', ['end_date 2024-12-31 is before start_date 2025-01-01'],
         extra={'gather': ['remote_access'], 'start_date': '2025-01-01'}, label='before-start'),
    Case('report_facts', 'end_date', '2025-1-32', ['end_date', "'2025-1-32'"], extra={'gather': ['remote_access'], 'start_date': '2025-01-01'}),
    Case('report_facts', 'end_date', {'day': 1}, ['end_date', "'day'"], extra={'gather': ['remote_access'], 'start_date': '2025-01-01'}),
    Case('report_facts', 'end_date', '2999-01-01', ['end_date 2999-01-01 is in the future'],
         extra={'gather': ['remote_access'], 'start_date': '2025-01-01'}, label='future'),
    Case('report_facts', 'end_date', '1999-12-31', ['end_date 1999-12-31 is before 2000-01-01'],
         extra={'gather': ['remote_access'], 'start_date': '1999-11-01'}, label='before-2000'),
    Case('report_facts', 'with_groups', 'maybe', ['with_groups', 'maybe']),
    Case('report_facts', 'with_groups', {'a': 1}, ['with_groups']),
    Case('report_facts', 'deleted_since', DROP, ['deleted_since is required'], extra={'gather': ['deleted_hosts']}),
    Case('report_facts', 'deleted_since', ' ', ['deleted_since is required'], extra={'gather': ['deleted_hosts']}, label='blank'),
    Case('report_facts', 'deleted_since', 'yesterday', ['deleted_since', "'yesterday'"], extra={'gather': ['deleted_hosts']}),
    Case('report_facts', 'deleted_since', '2025-02-29', ['deleted_since', "'2025-02-29'"], extra={'gather': ['deleted_hosts']}),
    Case('report_facts', 'deleted_since', '2999-01-01', ['deleted_since 2999-01-01 is in the future'], extra={'gather': ['deleted_hosts']},
         label='future'),
    Case('report_facts', 'deleted_since', '0219-06-30', ['deleted_since 0219-06-30 is before 2000-01-01'],
         extra={'gather': ['deleted_hosts']}, label='year-0219'),
]

CASES = MODULE_CASES + [case for module in MODULES for case in connection_cases(module)]


# --- running a case ------------------------------------------------------------------------------------

def _resolve(value, ids):
    """The value with every Host replaced by a real host id (dict keys by its text, as YAML keys arrive)."""
    if isinstance(value, Host):
        return ids[value.index]
    if isinstance(value, dict):
        return dict((str(_resolve(k, ids)) if isinstance(k, Host) else k, _resolve(v, ids)) for k, v in value.items())
    if isinstance(value, list):
        return [_resolve(item, ids) for item in value]
    return value


class Central:
    """The module's own emulator: reset only after a case wrote, so hundreds of cases stay fast."""

    def __init__(self, running):
        self.running = running
        self.psk = running.psk
        self.dirty = True
        self.ids = []
        self.seen = 0

    def fresh(self):
        if self.dirty:
            self.running.reset(rate_limit_window=0)
            self.ids = [host['id'] for host in self.running.state_hosts()]
            self.dirty = False
            self.seen = 0
        return self

    def log(self):
        """The requests since the last call (one admin call instead of clearing the log and reading it)."""
        entries = self.running.log(since=self.seen)
        self.seen = max([self.seen] + [entry['seq'] for entry in entries])
        if any(entry.get('write') for entry in entries):
            self.dirty = True
        return entries


@pytest.fixture(scope='module')
def own_emulator():
    running = start_emulator(rate_limit_window=0)
    try:
        yield Central(running)
    finally:
        running.stop()


@pytest.fixture
def central(own_emulator, monkeypatch):
    """A clean emulator, and no connection setting from the developer's shell."""
    for name in CONNECTION_OPTIONS:
        monkeypatch.delenv(env_var(name), raising=False)
    return own_emulator.fresh()


def _arguments(central, tmp_path, module, overrides, env_extra):  # pylint: disable=redefined-outer-name
    args, env = connection_args(central.running, tmp_path / 'state')
    args.update(BASELINES[module])
    args.update(overrides)
    args = dict((name, _resolve(value, central.ids)) for name, value in args.items() if value is not DROP)
    env.update(env_extra)
    return args, env


def run_case(central, tmp_path, case):  # pylint: disable=redefined-outer-name
    overrides = dict(case.extra)
    overrides[case.option] = case.value
    args, env = _arguments(central, tmp_path, case.module, overrides, case.env)
    result = run_module(case.module, args, env=env)
    return result, central.log()


def assert_clean_failure(result, emulator, expected):
    message = result.get('msg') or ''
    assert result.failed, 'the task did not fail: %r' % {k: v for k, v in result.items() if k != '_stdout'}
    assert result.rc == 1
    for text in expected:
        assert text in message, 'message does not name %r: %s' % (text, message)
    assert 'Traceback' not in result['_stdout']
    assert 'exception' not in result, result.get('exception')
    assert emulator.psk not in result['_stdout']


@pytest.mark.parametrize('case', [c.param() for c in CASES])
def test_bad_input_fails_before_any_write(central, tmp_path, monkeypatch, case):  # pylint: disable=redefined-outer-name
    if case.label == 'blank' and case.option == 'api_url':
        # Should a blank api_url ever fall back to the default URL again, keep the test offline.
        monkeypatch.setitem(CONNECTION_OPTIONS, 'api_url', ('str', central.running.api_url, False))
    result, log = run_case(central, tmp_path, case)
    assert_clean_failure(result, central, case.expected)
    writes = [entry['action'] for entry in log if entry.get('write')]
    assert writes == [], 'bad input led to writes: %s' % writes
    if case.calls == OFFLINE:
        assert [entry['action'] for entry in log] == [], 'input that needs no read was checked after API calls'


@pytest.mark.parametrize('module', MODULES)
def test_the_baseline_is_valid(central, tmp_path, module):  # pylint: disable=redefined-outer-name
    """Each bad case fails because of its bad value: the baseline it changes succeeds (in check mode)."""
    args, env = _arguments(central, tmp_path, module, {}, {})
    result = run_module(module, args, check_mode=True, env=env)
    assert not result.failed, result.get('msg')
    assert [entry for entry in central.log() if entry.get('write')] == []


def test_a_mistyped_start_year_makes_no_call_per_three_months(central, tmp_path):  # pylint: disable=redefined-outer-name
    """start_date 0202 (for 2020) once meant one report call per three months from the year 202: over 7,000 calls."""
    case = Case('report_facts', 'start_date', '0202-01-01', ['start_date 0202-01-01 is before 2000-01-01'],
                extra={'gather': ['remote_access'], 'end_date': '2020-03-31'})
    result, log = run_case(central, tmp_path, case)
    assert_clean_failure(result, central, case.expected)
    assert log == []


def test_a_future_end_date_makes_no_call_per_three_months(central, tmp_path):  # pylint: disable=redefined-outer-name
    """end_date 2999 once meant one report call per three months up to that year (thousands of calls)."""
    case = Case('report_facts', 'end_date', '2999-12-31', ['end_date 2999-12-31 is in the future'],
                extra={'gather': ['remote_access'], 'start_date': '2020-01-01'})
    result, log = run_case(central, tmp_path, case)
    assert_clean_failure(result, central, case.expected)
    assert log == []


# --- the table covers every option ---------------------------------------------------------------------

class _Captured(Exception):
    pass


def argument_spec(name):
    """The argument spec module ``name`` builds in main(), with the connection options."""
    module = importlib.import_module('ansible_collections.logmein.central.plugins.modules.' + name)
    captured = {}

    def capture(argument_spec, rounds=False, **kwargs):  # pylint: disable=redefined-outer-name
        captured.update(argument_spec)
        if rounds:
            captured.update(ROUND_OPTIONS)
        raise _Captured()

    original = module.CentralModule
    module.CentralModule = capture
    try:
        with pytest.raises(_Captured):
            module.main()
    finally:
        module.CentralModule = original
    captured.update(connection_options.connection_argument_spec())
    return captured


@pytest.mark.parametrize('module', MODULES)
def test_every_option_has_bad_input_cases(module):
    documented = set(yaml.safe_load(importlib.import_module('ansible_collections.logmein.central.plugins.modules.' + module).DOCUMENTATION)['options'])
    options = set(argument_spec(module))
    assert documented <= options
    covered = set(case.option for case in CASES if case.module == module)
    assert options - covered == set(), 'options of %s without a bad-input case' % module
    assert covered - options == set(), 'cases for options %s does not have' % module
    assert module in BASELINES


def test_every_case_names_something():
    assert all(case.expected and all(case.expected) for case in CASES)
    assert len(set(case.id for case in CASES)) == len(CASES), 'two cases share an id'
