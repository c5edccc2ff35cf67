# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The av_compliance_report and av_report_history filters: the figures of the anti-virus compliance page."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.filter.av_report import (
    FilterModule, av_compliance_report, av_report_history)


def host(host_id, status='ok', group='Work', product='Defender', up_to_date=True, threats=0, realtime=True, description='PC'):
    return {'host_id': host_id, 'host_description': description, 'group_name': group, 'is_online': True,
            'anti_virus_name': product, 'anti_virus_status_name': status if product else 'unknown',
            'is_virus_definition_up_to_date': up_to_date, 'number_of_threats': threats,
            'can_report_real_time_protection_status': True, 'is_real_time_protection_on': realtime,
            'virus_definition_version': '2025.06.30', 'last_full_scan_time': None}


def report(before, after=None, **kwargs):
    after = after if after is not None else {str(h['host_id']): h for h in before}
    return av_compliance_report(before, after, **kwargs)


def test_headline_counts_and_the_summary_for_the_history():
    before = [host(1), host(2, status='warning', up_to_date=False), host(3, product=None), host(4, status='free_ok')]
    after = {str(h['host_id']): h for h in before}
    after['2'] = host(2)  # remediated
    outcomes = {'update_definition': {'2': 'sent', '3': 'skipped: no_antivirus', '1': 'not sent by the service'}}
    result = av_compliance_report(before, after, outcomes, ['ok', 'free_ok', 'partial_ok'], [], '2026-01-01T00:00:00Z')
    head = result['headline']
    assert (head['hosts'], head['compliant'], head['not_compliant'], head['without_antivirus']) == (4, 3, 1, 1)
    assert head['compliance_percent'] == 75.0 and head['attention'] == 1
    assert head['sent'][0] == {'action': 'update_definition', 'label': 'Update definitions', 'sent': 1, 'unsent': 1, 'skipped': 1}
    assert head['sent_total'] == 1
    assert result['summary'] == {'time': '2026-01-01T00:00:00Z', 'hosts': 4, 'compliant': 3, 'not_compliant': 1,
                                 'compliance_percent': 75.0, 'without_antivirus': 1,
                                 'sent': {'update_definition': 1, 'enable_realtime_protection': 0, 'full_scan': 0}}
    status = {row['label']: (row['before'], row['after']) for row in result['status_chart']}
    assert status == {'ok': (1, 2), 'free_ok': (1, 1), 'warning': (1, 0), 'no anti-virus': (1, 1)}


def test_hosts_needing_attention_come_first_once_under_their_most_urgent_issue():
    before = [host(5, status='action_required', threats=2, up_to_date=False), host(3, product=None), host(12),
              host(4, status='unknown'), host(2, realtime=False, status='warning'), host(1, status='warning'), host(10)]
    result = report(before)
    assert [(group['issue'], [row['host_id'] for row in group['hosts']]) for group in result['attention']] == [
        ('no anti-virus', ['3']), ('threats found', ['5']), ('status unknown', ['4']), ('real-time protection off', ['2']),
        ('not compliant', ['1'])]
    threats = result['attention'][1]['hosts'][0]
    assert threats['issues'] == 'threats found; definitions out of date'  # every issue, in the CSV's order
    # The rest by id as a number: 10 after 2... and 12 after 10.
    assert [row['host_id'] for row in result['rest']] == ['10', '12']


def test_groups_beyond_the_20_largest_are_one_bar_and_bars_scale_to_the_largest():
    before = [host(i, group='G%02d' % (i % 25), status='ok' if i % 2 else 'warning') for i in range(1, 101)]
    before += [host(200 + i, group='Big') for i in range(10)]
    chart = report(before)['group_chart']
    assert chart['groups'] == 26 and len(chart['bars']) == 21
    assert chart['bars'][0]['label'] == 'Big' and chart['bars'][0]['percent'] == 100.0
    other = chart['bars'][-1]
    assert other['label'] == 'other groups (6)' and other['total'] == 24 and other.get('other')
    # Bar lengths are in percent of the largest bar: here the other groups together.
    for group in chart['bars']:
        assert group['good'] + group['bad'] == group['total']
        assert abs(group['good_width'] + group['bad_width'] - group['width']) < 0.02
        assert group['width'] == round(100.0 * group['total'] / 24, 1)
    assert other['width'] == 100.0 and chart['bars'][0]['width'] == 41.7


def test_definitions_by_product_leave_out_hosts_without_anti_virus():
    before = [host(1, product='A', up_to_date=False), host(2, product='A'), host(3, product='B'), host(4, product=None)]
    bars = report(before)['definition_chart']
    assert [(b['label'], b['good'], b['bad']) for b in bars] == [('A', 1, 1), ('B', 1, 0)]
    assert [b['width'] for b in bars] == [100.0, 50.0]


def test_strings_from_the_api_are_the_text_a_report_shows():
    before = [host(1, description='<b>x</b>\r\n\u202eevil', group='{{ lookup("pipe", "id") }}\t', product='AV\x00')]
    result = report(before)
    row = result['rest'][0] if result['rest'] else result['attention'][0]['hosts'][0]
    assert row['description'] == '<b>x</b>\ufffd\ufffdevil'  # escaped by the page, not here
    assert row['group'] == '{{ lookup("pipe", "id") }}\ufffd' and row['antivirus'] == 'AV\ufffd'
    assert result['group_chart']['bars'][0]['label'] == '{{ lookup("pipe", "id") }}\ufffd'


def test_history_chart_includes_this_run_and_ignores_what_is_not_a_run():
    history = [{'time': '\u202et1', 'compliance_percent': 50}, 'junk', {'compliance_percent': True}, {'time': 't3', 'compliance_percent': 150}]
    chart = report([host(1), host(2, status='warning')], history=history, time='now')['history_chart']
    assert chart['runs'] == 3
    assert [p['percent'] for p in chart['points']] == [50.0, 100.0, 50.0]  # clamped to 100
    assert chart['first']['time'] == 't1' and chart['last']['time'] == 'now'
    assert chart['points'][0]['y'] == 50.0 and chart['points'][1]['y'] == 0.0
    assert chart['points'][1]['x'] > chart['points'][0]['x'] and chart['points'][0]['width'] > 0


def test_an_empty_estate_has_no_division_by_zero():
    result = report([])
    assert result['headline']['compliance_percent'] == 0.0 and result['status_chart'] == [] and result['rest'] == []


def test_hosts_that_appear_between_the_reads_are_shown_with_their_state_after():
    result = report([host(1)], {'1': host(1), '7': host(7, status='warning')})
    assert result['headline']['hosts'] == 2 and result['attention'][0]['hosts'][0]['host_id'] == '7'


def test_beyond_max_rows_the_last_hosts_are_counted_not_listed():
    before = [host(i, product=None if i < 4 else 'AV') for i in range(1, 11)]  # 3 without anti-virus, 7 compliant
    result = report(before, max_rows=5)
    assert [(g['issue'], len(g['hosts']), g['count'], g['omitted']) for g in result['attention']] == [('no anti-virus', 3, 3, 0)]
    assert [row['host_id'] for row in result['rest']] == ['4', '5'] and result['rest_count'] == 7 and result['omitted'] == 5
    result = report(before, max_rows=2)
    assert result['attention'][0]['omitted'] == 1 and result['rest'] == [] and result['omitted'] == 8
    assert report(before)['omitted'] == 0
    with pytest.raises(AnsibleFilterError, match='max_rows'):
        report(before, max_rows=-1)


def test_bad_input_fails_clearly():
    with pytest.raises(AnsibleFilterError, match='list of hosts'):
        av_compliance_report({'1': {}}, {})
    with pytest.raises(AnsibleFilterError, match='by host id'):
        av_compliance_report([], [])


def test_history_keeps_the_last_runs():
    history = [{'run': i} for i in range(365)]
    kept = av_report_history(history, {'run': 365})
    assert len(kept) == 365 and kept[0] == {'run': 1} and kept[-1] == {'run': 365}
    assert av_report_history('not a list', {'run': 1}) == [{'run': 1}]
    assert av_report_history([{'run': 1}, 'junk'], {'run': 2}, 1) == [{'run': 2}]
    with pytest.raises(AnsibleFilterError, match='positive'):
        av_report_history([], {}, 0)
    with pytest.raises(AnsibleFilterError, match='dictionary'):
        av_report_history([], 'x')
    assert set(FilterModule().filters()) == {'av_compliance_report', 'av_report_history'}
