# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The logmein.central.events source against the emulator: events per change, reads per poll, the baseline
across restarts, faults, credentials and arguments. The state is changed through the emulator's admin API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import asyncio
import collections
import logging

import pytest

from ansible_collections.logmein.central.extensions.eda.plugins.event_source import events as source
from ansible_collections.logmein.central.plugins.module_utils.change_events import EVENT_TYPES, READS
from ansible_collections.logmein.central.plugins.module_utils.errors import AuthenticationError, ConfigurationError
from ansible_collections.logmein.central.plugins.module_utils.event_text import decode_all

HOSTILE = "{{ lookup('pipe', 'id') }}"


@pytest.fixture
def state_dir(tmp_path, monkeypatch):
    path = tmp_path / 'state'
    monkeypatch.setenv('LOGMEIN_CENTRAL_STATE_DIR', str(path))
    for name in ('API_URL', 'COMPANY_ID', 'PSK', 'VALIDATE_CERTS', 'CA_PATH', 'ALLOW_HTTP'):
        monkeypatch.delenv('LOGMEIN_CENTRAL_' + name, raising=False)
    return path


def _args(emulator, **extra):
    args = dict(api_url=emulator.api_url, company_id=emulator.company_id, psk=emulator.psk)
    args.update(extra)
    return args


def _source(emulator, **extra):
    return source.EventSource(source.SourceOptions(_args(emulator, **extra)))


def _poll(event_source):
    """One poll as the loop makes it: the events, handed on, then the baseline saved."""
    result = event_source.poll()
    event_source.feed.commit(result)
    return result


def _events(result):
    return [decode_all(event['central']) for event in result.events]


def _gets(emulator):
    return collections.Counter(entry['action'] for entry in emulator.log() if entry['method'] == 'GET')


def _change(emulator, edit):
    state = emulator.state()
    edit(state)
    emulator.put_state(state)


def _host(state, index):
    return state['hosts'][index]


def _healthy(state, start):
    """The first host from index ``start`` on whose anti-virus is fine in every respect."""
    return [h for h in state['hosts'][start:] if (h.get('antiVirus') or {}).get('antiVirusStatus') == 3
            and h['antiVirus']['isVirusDefinitionUpToDate'] and h['antiVirus']['isRealTimeProtectionOn']][0]


def _by_id(state, host_id):
    return [h for h in state['hosts'] if h['id'] == host_id][0]


def _strings(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _strings(list(value)) + _strings(list(value.values()))
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


ALL = ['host', 'antivirus', 'custom_field']


def test_each_change_is_one_event_with_its_host_before_and_after(emulator, state_dir):
    event_source = _source(emulator, events=ALL)
    assert _events(_poll(event_source)) == []  # the first poll sets the baseline silently
    state = emulator.state()
    first, second, fourth = (_host(state, i) for i in (20, 21, 23))
    third = _healthy(state, 26)
    groups = [g for g in state['groups'] if g['id'] != first['groupId']]
    owner = [c for c in state['customFieldCategories'] if c['name'] == 'Owner'][0]

    def edit(state):
        hosts = dict((h['id'], h) for h in state['hosts'])
        hosts[first['id']].update(description=HOSTILE, groupId=groups[0]['id'])
        hosts[second['id']]['isHostOnline'] = not second['isHostOnline']
        hosts[third['id']]['antiVirus'].update(antiVirusName='Defender', antiVirusStatus=0, numberOfThreats=7,
                                               isVirusDefinitionUpToDate=False, isRealTimeProtectionOn=False,
                                               canReportRealTimeProtectionStatus=True, canReportThreatLog=True)
        hosts[fourth['id']]['customFields'] = {owner['id']: owner['values'][0]['id']}
        state['hosts'].remove(hosts[_host(state, 24)['id']])
        added = dict(hosts[first['id']], id=1999999999, description='new one', customFields={})
        state['hosts'].append(added)
    removed = _host(state, 24)
    _change(emulator, edit)

    found = _events(_poll(event_source))
    by_type = collections.defaultdict(list)
    for event in found:
        by_type[event['type']].append(event)
        assert event['company_id'] == emulator.company_id
        assert event['observed_at'].endswith('Z')

    assert [e['host']['id'] for e in by_type['host_added']] == [1999999999]
    assert [e['host']['id'] for e in by_type['host_removed']] == [removed['id']]
    assert by_type['host_removed'][0]['after'] is None
    description = by_type['host_description_changed']
    assert [(e['host']['id'], e['before'], e['after']) for e in description] == [(first['id'], first['description'], HOSTILE)]
    assert description[0]['host']['description'] == HOSTILE
    moved = by_type['host_group_changed'][0]
    assert (moved['before']['id'], moved['after']) == (first['groupId'], {'id': groups[0]['id'], 'name': groups[0]['name']})
    online = 'host_offline' if second['isHostOnline'] else 'host_online'
    assert [(e['host']['id'], e['after']) for e in by_type[online]] == [(second['id'], not second['isHostOnline'])]
    for av_type in ('av_definitions_outdated', 'av_realtime_protection_off', 'av_threats_found'):
        assert [e['host']['id'] for e in by_type[av_type]] == [third['id']], av_type
    assert by_type['av_threats_found'][0]['after'] == 7
    status = [e for e in by_type['av_status_changed'] if e['host']['id'] == third['id']]
    assert [(e['after'], e['antivirus']['product']) for e in status] == [('action_required', 'Defender')]
    fields = [e for e in by_type['custom_field_changed'] if e['host']['id'] == fourth['id']]
    assert [(e['field']['name'], e['after']) for e in fields] == [('Owner', owner['values'][0]['name'])]
    # Nothing of the removed host but its removal; every type found what it should, and nothing else changed.
    assert [e for e in found if e['host']['id'] == removed['id'] and e['type'] != 'host_removed'] == []
    assert set(by_type) <= set(EVENT_TYPES)
    assert _events(_poll(event_source)) == []


def test_strings_from_central_travel_encoded_and_never_as_a_template(emulator, state_dir):
    event_source = _source(emulator, events=['host'])
    _poll(event_source)
    index = 25
    _change(emulator, lambda state: _host(state, index).update(description=HOSTILE))
    raw = _poll(event_source).events
    assert len(raw) == 1
    assert not [text for text in _strings(raw) if '{' in text]  # no string of the event can open a template
    assert raw[0]['central']['after'].startswith('logmein.central:base64:')
    assert decode_all(raw[0]['central'])['after'] == HOSTILE


@pytest.mark.parametrize('names, actions', [
    (['host'], READS['host']),
    (['antivirus'], READS['antivirus']),
    (['custom_field'], READS['custom_field']),
    (['host_removed', 'av_threats_found'], READS['host'] + READS['antivirus']),
    (ALL, READS['host'] + READS['antivirus'] + READS['custom_field']),
])
def test_a_poll_reads_only_what_its_event_types_need_once(emulator, state_dir, names, actions):
    event_source = _source(emulator, events=names)
    assert event_source.feed.reads_per_poll == len(actions)
    for dummy in range(3):
        emulator.clear_log()
        _poll(event_source)
        assert _gets(emulator) == collections.Counter(actions)


def test_a_restarted_source_reports_what_changed_while_it_was_down_and_replays_nothing(emulator, state_dir):
    _poll(_source(emulator, events=ALL))
    _change(emulator, lambda state: _host(state, 30).update(description='changed while down'))
    restarted = _source(emulator, events=ALL)
    found = _events(_poll(restarted))
    assert [(e['type'], e['after']) for e in found] == [('host_description_changed', 'changed while down')]
    assert _events(_poll(_source(emulator, events=ALL))) == []  # started again: nothing to replay


def test_sources_with_other_baselines_each_see_every_change(emulator, state_dir):
    one, other = _source(emulator, baseline='one'), _source(emulator, baseline='other')
    _poll(one)
    _poll(other)
    _change(emulator, lambda state: _host(state, 31).update(description='seen twice'))
    assert len(_events(_poll(one))) == len(_events(_poll(other))) == 1


def test_without_a_baseline_the_first_poll_is_silent_unless_initial_events(emulator, state_dir):
    assert _events(_poll(_source(emulator, events=['host'], baseline='quiet'))) == []
    found = _events(_poll(_source(emulator, events=['host'], baseline='loud', initial_events=True)))
    assert len(found) == len(emulator.state_hosts())
    assert {e['type'] for e in found} == {'host_added'}


def test_a_baseline_that_is_not_one_the_source_wrote_is_not_used(emulator, state_dir, caplog):
    event_source = _source(emulator, events=['host'])
    _poll(event_source)
    store = event_source.feed._baseline._store  # pylint: disable=protected-access
    name = event_source.feed._baseline.document  # pylint: disable=protected-access
    with store.locked():
        store.write(name, {'format': 1, 'families': {'host': {'snapshot': {'1': 'not a host'}}}})
    with caplog.at_level(logging.WARNING):
        assert _events(_poll(_source(emulator, events=['host']))) == []
    assert 'baseline of the host events is not valid' in caplog.text


@pytest.mark.parametrize('fault', ['error_500', 'drop_before', 'status_429'])
def test_a_failing_read_backs_off_keeps_its_baseline_and_reports_later(emulator, state_dir, caplog, fault):
    event_source = _source(emulator, events=ALL, interval=10, rate_limit_max_wait=2)
    _poll(event_source)
    host_id = _healthy(emulator.state(), 32)['id']
    _change(emulator, lambda state: _by_id(state, host_id).update(description='during the outage'))
    _change(emulator, lambda state: _by_id(state, host_id)['antiVirus'].update(isVirusDefinitionUpToDate=False))
    emulator.set_faults([{'kind': fault, 'match': 'GET /v1/hosts/anti-virus/details'}])
    with caplog.at_level(logging.WARNING):
        failed = _poll(event_source)
        waits = [event_source.next_wait(failed), event_source.next_wait(failed), event_source.next_wait(failed)]
    assert list(failed.failures) == ['antivirus']
    assert [e['type'] for e in _events(failed)] == ['host_description_changed']  # the other families go on
    assert waits == [10, 20, 40]
    assert 'the antivirus events were not read' in caplog.text
    assert emulator.psk not in caplog.text
    emulator.set_faults([])
    recovered = _poll(event_source)
    assert [e['type'] for e in _events(recovered)] == ['av_definitions_outdated']
    assert event_source.next_wait(recovered) == 10


def test_the_running_source_puts_events_on_the_queue_and_survives_faults(emulator, state_dir, caplog):
    emulator.set_faults([{'kind': 'error_500', 'match': 'GET /v2/hostswithgroups', 'count': 3},
                         {'kind': 'drop_before', 'match': 'GET /v2/hostswithgroups', 'count': 1}])

    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.create_task(source.main(queue, _args(emulator, events=['host'], interval=0.2)))
        while not [e for e in emulator.log() if e['action'] == 'GET /v2/hostswithgroups' and e['status'] == 200]:
            await asyncio.sleep(0.1)  # until a poll got through the faults: the baseline
        await asyncio.sleep(0.3)
        _change(emulator, lambda state: _host(state, 33).update(description=HOSTILE))
        event = await asyncio.wait_for(queue.get(), timeout=10)
        assert not task.done()
        task.cancel()
        return event

    with caplog.at_level(logging.WARNING):
        event = asyncio.run(scenario())
    assert decode_all(event['central'])['after'] == HOSTILE
    assert emulator.psk not in caplog.text


def test_refused_credentials_stop_the_source_at_once(emulator, state_dir, caplog):
    async def run():
        await asyncio.wait_for(source.main(asyncio.Queue(), _args(emulator, psk='wrong-' + emulator.psk[6:])), timeout=20)

    with caplog.at_level(logging.ERROR), pytest.raises(AuthenticationError):
        asyncio.run(run())
    assert 'stopped' in caplog.text
    assert emulator.psk[6:] not in caplog.text


@pytest.mark.parametrize('bad, named', [
    ({'events': ['host', 'av_everything']}, "'av_everything'"),
    ({'events': []}, 'events must be a non-empty list'),
    ({'interval': 0}, 'interval must be a number'),
    ({'interval': 'soon'}, "'soon'"),
    ({'interval': 'nan'}, 'interval must be a number'),
    ({'initial_events': 'yes please'}, 'initial_events must be true or false'),
    ({'baseline': ''}, 'baseline must be a non-empty name'),
    ({'intervall': 60}, 'unknown argument intervall'),
    ({'api_url': 'ftp://central'}, 'api_url must be an http:// or https:// URL'),
    ({'company_id': ''}, 'company_id is required'),
])
def test_bad_arguments_fail_at_start_naming_the_argument_and_call_nothing(emulator, state_dir, bad, named):
    args = _args(emulator)
    args.update(bad)
    with pytest.raises(ConfigurationError) as error:
        asyncio.run(source.main(asyncio.Queue(), args))
    assert named in str(error.value)
    assert emulator.psk not in str(error.value)
    assert emulator.log() == []


def test_connection_options_come_from_the_environment_like_the_modules(emulator, state_dir, monkeypatch):
    monkeypatch.setenv('LOGMEIN_CENTRAL_API_URL', emulator.api_url)
    monkeypatch.setenv('LOGMEIN_CENTRAL_COMPANY_ID', emulator.company_id)
    monkeypatch.setenv('LOGMEIN_CENTRAL_PSK', emulator.psk)
    event_source = source.EventSource(source.SourceOptions({'events': ['host']}))
    _poll(event_source)
    assert _gets(emulator) == collections.Counter(READS['host'])


def test_the_documented_options_are_the_options_the_source_takes():
    import yaml  # pylint: disable=import-outside-toplevel
    documented = yaml.safe_load(source.DOCUMENTATION)['options']
    assert set(documented) == set(source.SOURCE_OPTIONS) | set(source.CONNECTION_OPTIONS)
    for name, (option_type, default, dummy) in source.CONNECTION_OPTIONS.items():
        assert documented[name]['type'] == option_type, name
        if default is not None:
            assert documented[name]['default'] == default, name
    assert documented['events']['default'] == list(source.DEFAULT_EVENTS)
    assert documented['interval']['default'] == source.DEFAULT_INTERVAL


def test_the_modules_tls_rules_hold_an_untrusted_certificate_is_a_warning_ca_path_works(https_emulator, state_dir, caplog):
    untrusted = _source(https_emulator, events=['host'], baseline='tls')
    with caplog.at_level(logging.WARNING):
        result = _poll(untrusted)
        untrusted.next_wait(result)
    assert list(result.failures) == ['host']
    assert 'certificate' in caplog.text and 'ca_path' in caplog.text
    assert https_emulator.psk not in caplog.text
    trusted = _source(https_emulator, events=['host'], baseline='tls', ca_path=https_emulator.cert)
    assert not _poll(trusted).failures


def test_plain_http_to_another_host_is_refused_before_anything_is_sent(state_dir):
    with pytest.raises(ConfigurationError, match='allow_http'):
        source.SourceOptions({'api_url': 'http://central.example.com/public-api', 'company_id': '1', 'psk': 'secret'})
