# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Figures of the anti-virus compliance page (logmein.central.av_compliance); see the .yml files beside this one.

The page's template stays a layout: this filter counts, groups, sorts and scales. Every string
it returns that came from the API is already the text a report shows (``report_text``: control
characters replaced, bidi controls removed); the template escapes it as HTML. Chart geometry is
numbers only (percentages of the chart width), so no string from the API is ever part of an SVG
attribute other than through the escaped template.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.logmein.central.plugins.plugin_utils._report_text import shown_text
from ansible_collections.logmein.central.plugins.plugin_utils._unsafe import make_unsafe

ACTIONS = ('update_definition', 'enable_realtime_protection', 'full_scan')
ACTION_LABELS = {'update_definition': 'Update definitions', 'enable_realtime_protection': 'Turn on real-time protection',
                 'full_scan': 'Full scan'}
# Status names in the order the charts show them: compliant first, then by how much work they need.
STATUSES = ('ok', 'free_ok', 'partial_ok', 'warning', 'action_required', 'unknown')
NO_ANTIVIRUS = 'no anti-virus'
# The issues a host can have, most urgent first: a host is listed once, under its first issue.
ISSUES = (NO_ANTIVIRUS, 'threats found', 'status unknown', 'definitions out of date', 'real-time protection off',
          'not compliant')
TOP_GROUPS = 20
HISTORY_RUNS = 365
# Host rows on the page: at 50,000 it stays under 25 MB and loads in seconds (performance.rst); beyond,
# the last hosts are counted instead of listed (every host is in the CSV).
MAX_ROWS = 50000
NO_GROUP = '(no group)'
OTHER_GROUPS = 'other groups'


def _percent(part, whole):
    """``part`` of ``whole`` in percent, rounded to one decimal; 0 for an empty whole."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def _issues(host):
    """The issues of one host (after the commands), in the order the CSV report lists them."""
    if not host.get('anti_virus_name'):
        return [NO_ANTIVIRUS]
    found = []
    if host.get('anti_virus_status_name') == 'unknown':
        found.append('status unknown')
    if host.get('number_of_threats'):
        found.append('threats found')
    if not host.get('is_virus_definition_up_to_date'):
        found.append('definitions out of date')
    if host.get('can_report_real_time_protection_status') and not host.get('is_real_time_protection_on'):
        found.append('real-time protection off')
    return found


def _attention(issues, compliant):
    """The issue a host is listed under: its most urgent one; None for a compliant host without issues."""
    for issue in ISSUES:
        if issue in issues:
            return issue
    return None if compliant else 'not compliant'


def _yes_no(value):
    return 'yes' if value else 'no'


def _row(before, after, outcomes, compliant_statuses):
    key = str(before.get('host_id'))
    compliant = after.get('anti_virus_status_name') in compliant_statuses
    issues = _issues(after)
    if after.get('can_report_real_time_protection_status'):
        realtime = _yes_no(after.get('is_real_time_protection_on'))
    else:
        realtime = 'not reported'
    return {
        'host_id': shown_text(before.get('host_id')),
        'description': shown_text(after.get('host_description')),
        'group': shown_text(after.get('group_name')),
        'online': _yes_no(after.get('is_online')),
        'antivirus': shown_text(after.get('anti_virus_name')),
        'status_before': shown_text(before.get('anti_virus_status_name')),
        'status_after': shown_text(after.get('anti_virus_status_name')),
        'real_time_protection': realtime,
        'definitions_up_to_date': _yes_no(after.get('is_virus_definition_up_to_date')),
        'definition_version': shown_text(after.get('virus_definition_version')),
        'threats': shown_text(after.get('number_of_threats')),
        'last_full_scan': shown_text(after.get('last_full_scan_time')),
        'outcomes': [shown_text((outcomes.get(action) or {}).get(key, '')) for action in ACTIONS],
        'compliant': compliant,
        'issues': '; '.join(issues),
        'attention': _attention(issues, compliant),
    }


def _scaled(rows, total_key='total'):
    """Each row with ``width``: its total in percent of the largest total (the bar length)."""
    largest = max([row[total_key] for row in rows] + [0])
    for row in rows:
        row['width'] = _percent(row[total_key], largest)
        # The two parts of a stacked bar, in percent of the chart width.
        row['good_width'] = round(row['width'] * row.get('good_share', 0) / 100.0, 2)
        row['bad_width'] = round(row['width'] - row['good_width'], 2)
    return rows


def _status_chart(befores, afters):
    counts = []
    for status in STATUSES + (NO_ANTIVIRUS,):
        before = sum(1 for host in befores if _status(host) == status)
        after = sum(1 for host in afters if _status(host) == status)
        counts.append({'label': status, 'before': before, 'after': after})
    others = [name for name in sorted(set(_status(host) for host in list(befores) + list(afters)))
              if name not in STATUSES + (NO_ANTIVIRUS,)]
    for status in others:  # a status this collection does not know yet is still counted, under its own name
        counts.append({'label': shown_text(status), 'before': sum(1 for host in befores if _status(host) == status),
                       'after': sum(1 for host in afters if _status(host) == status)})
    counts = [row for row in counts if row['before'] or row['after']]
    largest = max([max(row['before'], row['after']) for row in counts] + [0])
    for row in counts:
        row['before_width'] = _percent(row['before'], largest)
        row['after_width'] = _percent(row['after'], largest)
    return counts


def _status(host):
    if not host.get('anti_virus_name'):
        return NO_ANTIVIRUS
    return host.get('anti_virus_status_name') or 'unknown'


def _stacked(label, good, bad):
    total = good + bad
    return {'label': label, 'good': good, 'bad': bad, 'total': total, 'good_share': _percent(good, total),
            'percent': _percent(good, total)}


def _group_chart(rows):
    """Compliance by computer group: the TOP_GROUPS largest groups, then the rest as one bar."""
    groups = {}
    for row in rows:
        counts = groups.setdefault(row['group'] or NO_GROUP, [0, 0])
        counts[0 if row['compliant'] else 1] += 1
    ordered = sorted(groups.items(), key=lambda item: (-(item[1][0] + item[1][1]), item[0]))
    bars = [_stacked(name, good, bad) for name, (good, bad) in ordered[:TOP_GROUPS]]
    rest = ordered[TOP_GROUPS:]
    if rest:
        others = _stacked('%s (%d)' % (OTHER_GROUPS, len(rest)), sum(c[0] for _n, c in rest), sum(c[1] for _n, c in rest))
        others['other'] = True
        bars.append(others)
    return {'bars': _scaled(bars), 'groups': len(groups)}


def _definition_chart(rows):
    """Definitions up to date or not, by anti-virus product (hosts without anti-virus are left out)."""
    products = {}
    for row in rows:
        if not row['antivirus']:
            continue
        counts = products.setdefault(row['antivirus'], [0, 0])
        counts[0 if row['definitions_up_to_date'] == 'yes' else 1] += 1
    ordered = sorted(products.items(), key=lambda item: (-(item[1][0] + item[1][1]), item[0]))
    bars = [_stacked(name, good, bad) for name, (good, bad) in ordered[:TOP_GROUPS]]
    rest = ordered[TOP_GROUPS:]
    if rest:
        bars.append(_stacked('other products (%d)' % len(rest), sum(c[0] for _n, c in rest), sum(c[1] for _n, c in rest)))
    return _scaled(bars)


def history_chart(history):
    """The compliance over time: points in a 0-1000 x 0-100 box (x by run, y by percent, 100 at the top)."""
    runs = [run for run in history or [] if isinstance(run, dict) and isinstance(run.get('compliance_percent'), (int, float))
            and not isinstance(run.get('compliance_percent'), bool)]
    runs = runs[-HISTORY_RUNS:]
    points = []
    step = 1000.0 / len(runs) if runs else 0
    for index, run in enumerate(runs):
        percent = min(max(float(run['compliance_percent']), 0.0), 100.0)
        # One column per run, 80 % of its slot wide, as tall as the compliance.
        points.append({'x': round(step * index + step * 0.1, 2), 'width': round(step * 0.8, 2), 'y': round(100.0 - percent, 1),
                       'percent': percent, 'time': shown_text(run.get('time'))})
    return {
        'runs': len(points),
        'points': points,
        'first': points[0] if points else None,
        'last': points[-1] if points else None,
        'low': min(points, key=lambda p: p['percent']) if points else None,
        'high': max(points, key=lambda p: p['percent']) if points else None,
    }


def av_compliance_report(before, after, outcomes=None, compliant_statuses=('ok', 'free_ok', 'partial_ok'), history=None, time=None,
                         max_rows=MAX_ROWS):
    """The figures, charts and sorted host rows of the compliance page; see av_compliance_report.yml."""
    if not isinstance(before, list) or not all(isinstance(host, dict) for host in before):
        raise AnsibleFilterError('av_compliance_report: the input must be the list of hosts read before the commands')
    if not isinstance(after, dict):
        raise AnsibleFilterError('av_compliance_report: after must be the hosts read after the commands, by host id')
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 0:
        raise AnsibleFilterError('av_compliance_report: max_rows must be a non-negative integer, got %r' % (max_rows,))
    outcomes = outcomes or {}
    statuses = set(compliant_statuses)
    rows, afters = [], []
    for host in before:
        now = after.get(str(host.get('host_id'))) or host
        afters.append(now)
        rows.append(_row(host, now, outcomes, statuses))
    # Hosts that appeared between the two reads have no "before": they are shown with their state after.
    known = set(str(host.get('host_id')) for host in before)
    for key in sorted(set(after) - known):
        afters.append(after[key])
        rows.append(_row(after[key], after[key], outcomes, statuses))

    compliant = sum(1 for row in rows if row['compliant'])
    sent = []
    for action in ACTIONS:
        results = list((outcomes.get(action) or {}).values())
        sent.append({'action': action, 'label': ACTION_LABELS[action], 'sent': results.count('sent'), 'unsent': results.count('not sent by the service'),
                     'skipped': sum(1 for r in results if str(r).startswith('skipped: '))})
    attention = []
    budget = max_rows
    for issue in ISSUES:
        hosts = [row for row in rows if row['attention'] == issue]
        if hosts:
            listed = _by_id(hosts)[:budget]
            budget -= len(listed)
            attention.append({'issue': issue, 'hosts': listed, 'count': len(hosts), 'omitted': len(hosts) - len(listed)})
    rest_all = [row for row in rows if row['attention'] is None]
    rest = _by_id(rest_all)[:budget]
    summary = {
        'time': str(time) if time is not None else None,
        'hosts': len(rows),
        'compliant': compliant,
        'not_compliant': len(rows) - compliant,
        'compliance_percent': _percent(compliant, len(rows)),
        'without_antivirus': sum(1 for row in rows if not row['antivirus']),
        'sent': dict((item['action'], item['sent']) for item in sent),
    }
    previous = [run for run in history if isinstance(run, dict)] if isinstance(history, list) else []
    report = {
        'summary': summary,
        'headline': {
            'hosts': len(rows),
            'compliant': compliant,
            'not_compliant': len(rows) - compliant,
            'compliance_percent': _percent(compliant, len(rows)),
            'without_antivirus': sum(1 for row in rows if not row['antivirus']),
            'attention': len(rows) - len(rest_all),
            'sent': sent,
            'sent_total': sum(item['sent'] for item in sent),
        },
        'status_chart': _status_chart(before, afters),
        'group_chart': _group_chart(rows),
        'definition_chart': _definition_chart(rows),
        'history_chart': history_chart(previous + [summary]),
        'attention': attention,
        'rest': rest,
        'rest_count': len(rest_all),
        'omitted': len(rows) - sum(len(group['hosts']) for group in attention) - len(rest),
    }
    return make_unsafe(report)


def _by_id(rows):
    return sorted(rows, key=lambda row: (len(row['host_id']), row['host_id']))


def av_report_history(history, summary, runs=HISTORY_RUNS):
    """``history`` (a list of run summaries, or anything else for none) with ``summary`` appended, the last ``runs`` kept."""
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise AnsibleFilterError('av_report_history: runs must be a positive integer, got %r' % (runs,))
    if not isinstance(summary, dict):
        raise AnsibleFilterError('av_report_history: the summary must be a dictionary')
    kept = [run for run in history if isinstance(run, dict)] if isinstance(history, list) else []
    return (kept + [summary])[-runs:]


class FilterModule:
    def filters(self):
        return {'av_compliance_report': av_compliance_report, 'av_report_history': av_report_history}
