# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The model of the account (module_utils/account.py): every known shape of hostswithgroups, the group
resolver's one policy, and the modules' logic run against the model without HTTP."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest

from ansible_collections.logmein.central.plugins.module_utils.account import (
    NO_GROUP,
    Account,
    AmbiguousGroup,
    Group,
    MissingHosts,
    UnknownGroup,
    group_record,
    record_group_id,
    set_record_group,
)
from ansible_collections.logmein.central.plugins.module_utils import account as account_module
from ansible_collections.logmein.central.plugins.module_utils.central_api import connection_url
from ansible_collections.logmein.central.plugins.module_utils.errors import CentralError, ValidationError
from ansible_collections.logmein.central.plugins.modules import host, host_connection, host_description, host_group

# The guide's example (groupid, integers) ...
GUIDE = {
    'groups': [{'id': 49932, 'name': 'Work Computers'}, {'id': 49933, 'name': 'Home Computers'}, {'id': -1, 'name': None}],
    'hosts': [
        {'description': 'Workhorse', 'groupid': 49932, 'hostStateChangeDate': '2017-12-06T20:36:00Z', 'id': 1001, 'isHostOnline': True},
        {'description': "Kitty's machine", 'groupid': 49933, 'hostStateChangeDate': '2017-12-06T20:36:00Z', 'id': 1002,
         'isHostOnline': False},
        {'description': 'Loner', 'groupid': -1, 'hostStateChangeDate': None, 'id': 1003, 'isHostOnline': True},
    ],
}
# ... and what a public client's live-API test asserts (groupId) with ids as strings (the guide's table types them so).
LIVE = {
    'groups': [{'id': '49932', 'name': 'Work Computers'}, {'id': '49933', 'name': 'Home Computers'}, {'id': '-1', 'name': None}],
    'hosts': [
        {'description': 'Workhorse', 'groupId': '49932', 'hostStateChangeDate': '2017-12-06T20:36:00Z', 'id': '1001', 'isHostOnline': True},
        {'description': "Kitty's machine", 'groupId': '49933', 'hostStateChangeDate': '2017-12-06T20:36:00Z', 'id': '1002',
         'isHostOnline': False},
        {'description': 'Loner', 'hostStateChangeDate': None, 'id': '1003', 'isHostOnline': True},  # no group key at all
    ],
}


@pytest.mark.parametrize('answer', [GUIDE, LIVE], ids=['guide', 'live'])
def test_every_known_shape_gives_the_same_model(answer):
    account = Account.from_answer(answer)
    assert account.groups == [Group(49932, 'Work Computers'), Group(49933, 'Home Computers')]
    assert account.host_ids == [1001, 1002, 1003]
    assert [(h.group_id, h.online, h.description) for h in account.hosts.values()] == [
        (49932, True, 'Workhorse'), (49933, False, "Kitty's machine"), (NO_GROUP, True, 'Loner')]
    assert account.group_name(49933) == 'Home Computers' and account.group_name(NO_GROUP) is None
    assert account.members(49932) == [1001] and account.members(NO_GROUP) == [1003]


def test_fields_the_model_does_not_read_are_kept():
    account = Account.from_answer({'hosts': [{'id': 1, 'groupID': 7, 'osName': 'Windows'}], 'groups': [{'id': 7, 'name': 'G'}]})
    assert account.hosts[1].group_id == 7 and account.hosts[1].other == {'osName': 'Windows'}


@pytest.mark.parametrize('answer, named', [
    ({'hosts': [{'id': 'abc'}]}, "host by 'abc'"),
    ({'hosts': [{'id': 1, 'groupid': 'x'}]}, "group of host 1 by 'x'"),
    ({'groups': [{'id': None, 'name': 'G'}]}, "group by 'None'"),
    ({'hosts': ['1']}, 'not an object'),
    ([], 'not an object with groups and hosts'),
])
def test_an_answer_the_model_cannot_read_is_a_clean_error_naming_the_action(answer, named):
    with pytest.raises(CentralError) as caught:
        Account.from_answer(answer)
    assert caught.value.action == 'GET /v2/hostswithgroups'
    assert caught.value.message.startswith('GET /v2/hostswithgroups: ') and named in caught.value.message


def test_missing_hosts_are_listed_sorted_and_carried_in_the_result():
    account = Account.from_answer(GUIDE)
    assert account.missing([9, 1001, 5, 9]) == [5, 9]
    with pytest.raises(MissingHosts) as caught:
        account.require_hosts([9, 1001, 5], option='descriptions')
    assert caught.value.message == 'descriptions names hosts that do not exist in LogMeIn Central: 5, 9'
    assert caught.value.result == {'missing_hosts': [5, 9]}
    account.require_hosts([1001, 1002])


RESOLVER = Account([Group(10, 'Lab'), Group(11, 'Lab'), Group(12, '13'), Group(13, 'Desk'), Group(14, 'Büro {{ x }}')])


@pytest.mark.parametrize('reference, expected', [
    (10, 10), ('10', 10), (' 11 ', 11), ('Desk', 13), (12, 12), ('Büro {{ x }}', 14),
])
def test_a_reference_is_a_name_or_an_id(reference, expected):
    assert RESOLVER.resolve_group(reference).id == expected


@pytest.mark.parametrize('reference, candidates', [
    ('Lab', ["'Lab' (id 10) by name", "'Lab' (id 11) by name"]),
    ('13', ["'Desk' (id 13) by id", "'13' (id 12) by name"]),
    (13, ["'Desk' (id 13) by id", "'13' (id 12) by name"]),
])
def test_an_ambiguous_reference_fails_naming_the_candidates(reference, candidates):
    with pytest.raises(AmbiguousGroup) as caught:
        RESOLVER.resolve_group(reference)
    assert caught.value.message.startswith("group '%s' is ambiguous: it matches " % reference)
    assert all(candidate in caught.value.message for candidate in candidates)


def test_an_unknown_reference_fails_naming_what_exists_and_no_group_only_where_allowed():
    with pytest.raises(UnknownGroup) as caught:
        RESOLVER.resolve_group('Nope', option='groups')
    assert caught.value.message.startswith("groups: group 'Nope' does not exist in LogMeIn Central")
    assert "'Lab' (id 10), 'Lab' (id 11), '13' (id 12), 'Desk' (id 13), 'Büro {{ x }}' (id 14)" in caught.value.message
    with pytest.raises(UnknownGroup):
        RESOLVER.resolve_group(-1)
    assert RESOLVER.resolve_group('-1', allow_no_group=True) == Group(NO_GROUP, None)
    many = Account([Group(i, 'g%d' % i) for i in range(1, 31)])
    with pytest.raises(UnknownGroup, match='and 10 more$'):
        many.resolve_group('x')


@pytest.mark.parametrize('reference', [True, None, 1.5, ['Lab'], {'name': 'Lab'}])
def test_what_cannot_name_a_group_fails(reference):
    with pytest.raises(ValidationError, match='is not a computer group name or id'):
        RESOLVER.resolve_group(reference)


def test_resolve_groups_collects_every_problem():
    ids, problems = RESOLVER.resolve_groups([14, 'Nope', 'Lab', '13', 10, '10'])
    assert ids == [14, 10]
    assert len(problems) == 3


def test_cached_records_keep_the_services_spelling_and_type():
    guide, live, bare = {'groupid': 1}, {'groupId': '1'}, {}
    for record in (guide, live, bare):
        set_record_group(record, 7)
    assert guide == {'groupid': 7} and live == {'groupId': '7'} and bare == {'groupid': 7}
    assert [record_group_id(r) for r in (guide, live, bare, {'groupId': None}, {'groupid': 'x'})] == [7, 7, 7, NO_GROUP, NO_GROUP]
    assert group_record({'groupId': '5', 'groupName': 'Lab'}) == Group(5, 'Lab')
    assert group_record({'id': 6, 'name': None}) == Group(6, None)
    assert group_record({'name': 'x'}) is None


def test_raw_hostswithgroups_keys_are_read_only_in_the_model():
    """Every other file of the collection works on the model: none names a key of the raw answer."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(account_module.__file__)))
    raw_keys = re.compile(r'''['"](groupid|groupId|groupID|isHostOnline|hostStateChangeDate)['"]''')
    offenders = []
    for folder, dummy, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if not name.endswith('.py') or path.endswith(os.path.join('module_utils', 'account.py')):
                continue
            with open(path, encoding='utf-8') as handle:
                for number, line in enumerate(handle, 1):
                    if raw_keys.search(line):
                        offenders.append('%s:%d: %s' % (os.path.relpath(path, root), number, line.strip()))
    assert offenders == []


# The modules' logic against the model, without HTTP ------------------------------------

class FakeApi:
    """The part of CentralApi the host modules use, over a model and a list of writes."""

    def __init__(self, answer):
        self.answer = answer
        self.writes = []

    def account(self, fresh=False):
        return Account.from_answer(self.answer)

    def move_hosts(self, group_id, host_ids):
        self.writes.append(('move', group_id, sorted(host_ids)))

    def set_description(self, host_id, description):
        self.writes.append(('description', host_id, description))

    def delete_hosts(self, host_ids):
        self.writes.append(('delete', sorted(host_ids)))

    def create_connection(self, host_id, **options):
        self.writes.append(('connection', host_id))
        return {'url': 'https://example.invalid/link', 'expires': 'soon'}


class FakeCentral:
    """What the modules' ``run`` uses of CentralModule."""

    def __init__(self, answer, check_mode=False, **params):
        self.api = FakeApi(answer)
        self.check_mode = check_mode
        self.params = params

    def apply(self, plan):
        return plan.result if self.check_mode else plan.apply(self.api)


@pytest.mark.parametrize('answer', [GUIDE, LIVE], ids=['guide', 'live'])
def test_host_group_moves_only_what_differs_one_call_per_group(answer):
    central = FakeCentral(answer, group=None, hosts=None, groups={'Work Computers': [1001, '1002'], '49933': [1003]})
    result = host_group.run(central)
    assert central.api.writes == [('move', 49932, [1002]), ('move', 49933, [1003])]
    assert [(m['host_id'], m['from_group'], m['to_group']) for m in result['moved']] == [
        (1002, 'Home Computers', 'Work Computers'), (1003, None, 'Home Computers')]
    checked = FakeCentral(answer, check_mode=True, group=49932, hosts=[1002], groups=None)
    assert host_group.run(checked)['moved'][0]['host_id'] == 1002 and checked.api.writes == []


@pytest.mark.parametrize('answer', [GUIDE, LIVE], ids=['guide', 'live'])
def test_host_description_writes_only_what_differs(answer):
    central = FakeCentral(answer, host_id=None, description=None, descriptions={'1001': 'Workhorse', 1002: 'Kitty'})
    result = host_description.run(central)
    assert central.api.writes == [('description', 1002, 'Kitty')]
    assert result['diff'] == {'before': {'1002': "Kitty's machine"}, 'after': {'1002': 'Kitty'}}


@pytest.mark.parametrize('answer', [GUIDE, LIVE], ids=['guide', 'live'])
def test_host_lists_missing_hosts_in_its_result(answer):
    central = FakeCentral(answer, hosts=[1001, 77, 5], state='present')
    with pytest.raises(MissingHosts) as caught:
        host.run(central)
    assert caught.value.result == {'missing_hosts': [5, 77], 'present': [1001]}
    assert host.run(FakeCentral(answer, hosts=['1001'], state='present')) == {'changed': False, 'present': [1001], 'missing_hosts': []}
    absent = FakeCentral(answer, hosts=[77, 1003], state='absent')
    assert host.run(absent)['already_absent'] == [77] and absent.api.writes == [('delete', [1003])]


def test_host_connection_returns_the_link_under_url_whatever_the_answers_key():
    central = FakeCentral(LIVE, host_id=1001, direct_link=False, fail_when_session_in_progress=True)
    assert host_connection.run(central)['url'] == 'https://example.invalid/link'
    with pytest.raises(MissingHosts):
        host_connection.run(FakeCentral(LIVE, host_id=5, direct_link=False, fail_when_session_in_progress=True))


@pytest.mark.parametrize('answer, url', [
    ({'connectionUrl': 'https://a.invalid/x', 'expires': 'soon'}, 'https://a.invalid/x'),   # the emulator's
    ({'url': 'https://b.invalid/y'}, 'https://b.invalid/y'),                                # what public clients read
    ({'remoteLink': 'https://c.invalid/z', 'expires': '2026-11-25T21:00:00Z'}, 'https://c.invalid/z'),  # the only URL
    ({'a': 'https://d.invalid/1', 'b': 'https://d.invalid/2'}, None),                      # which one: none is guessed
    ({'expires': 'soon'}, None), (None, None), ('https://e.invalid', None),
])
def test_the_link_of_a_connection_answer_whatever_its_key(answer, url):
    assert connection_url(answer) == url
