# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The logmein.central.av_compliance playbook, run by its collection name against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import json
import re
from html.parser import HTMLParser

import pytest

from ansible_collections.logmein.central.tests.integration.conftest import writes

SCRIPT = '<script>alert("owned")</script>'
FORMULA = '=HYPERLINK("http://evil.example/","click")'
MULTILINE = 'Line one\r\nLine two, "quoted", \'single\''
# Formulas after blanks that a spreadsheet skips, and bidi controls that would reorder the visible line.
BLANK_FORMULA = ' =HYPERLINK("http://evil.example/","click")'
TAB_FORMULA = '\t+1'
SPOOF = 'Invoice \u202egnp.exe'
BIDI_FORMULA = '\u2066\u200f=1+1\u2069'
GROUP = '<b>Bold</b> & <i>co</i>\u202e'
CONTROL = re.compile('[\x00-\x1f\x7f-\x9f]')
BIDI = re.compile('[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]')
# A formula to a spreadsheet: = + - or @ after whitespace, control or format characters.
FORMULA_START = re.compile('^[\\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]*[=+@-]')
COLUMNS = ['host_id', 'description', 'group', 'online', 'antivirus', 'status_before', 'status_after', 'real_time_protection',
           'definitions_up_to_date', 'definition_version', 'threats', 'last_full_scan', 'update_definition',
           'enable_realtime_protection', 'full_scan', 'compliant', 'issues']
COMPLIANT = ('ok', 'free_ok', 'partial_ok')
STATUS_NAMES = {0: 'action_required', 1: 'warning', 2: 'unknown', 3: 'ok', 4: 'free_ok', 5: 'partial_ok'}
TAGS = {'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'a', 'main', 'section', 'div', 'span', 'ul', 'li',
        'figure', 'figcaption', 'strong', 'svg', 'rect', 'line', 'h1', 'h2', 'h3', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td'}
# The headers of the page's host tables, by the CSV column they match.
HEADERS = {'Host id': 'host_id', 'Issues': 'issues', 'Description': 'description', 'Group': 'group', 'Online': 'online',
           'Anti-virus': 'antivirus', 'Status before': 'status_before', 'Status after': 'status_after',
           'Real-time protection': 'real_time_protection', 'Definitions up to date': 'definitions_up_to_date',
           'Definition version': 'definition_version', 'Threats': 'threats', 'Last full scan': 'last_full_scan',
           'Update definitions': 'update_definition', 'Enable real-time protection': 'enable_realtime_protection',
           'Full scan': 'full_scan', 'Compliant': 'compliant'}


class Cells(HTMLParser):
    """The start tags of a document and the text of each table row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.rows, self._row, self._cell = set(), [], None, None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == 'tr':
            self._row = []
        elif tag in ('td', 'th'):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ('td', 'th') and self._row is not None:
            self._row.append(''.join(self._cell))
            self._cell = None
        elif tag == 'tr':
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def hostile_estate(central):
    """The emulator's estate with hostile strings in descriptions and a group name, as a service might return."""
    state = central.state(inventory=False)
    hosts = state['hosts']
    for index, text in ((20, SCRIPT), (21, FORMULA), (22, MULTILINE), (23, BLANK_FORMULA), (24, TAB_FORMULA), (25, SPOOF),
                        (26, BIDI_FORMULA)):
        hosts[index]['description'] = text
    group = [g for g in state['groups'] if g['name'] == 'Work Computers'][0]
    group['name'] = GROUP
    central.put_state(state)
    central.clear_log()
    return central.state(inventory=False)


def run_compliance(ansible, *args, **extra_vars):
    return ansible.run('ansible-playbook', 'logmein.central.av_compliance', '-e', json.dumps(extra_vars), *args,
                       ANSIBLE_INVENTORY_UNPARSED_FAILED='false')


def shown(text):
    """A string as the report shows it: bidi controls removed, control characters replaced."""
    return CONTROL.sub('\ufffd', BIDI.sub('', text))


@pytest.mark.core216
def test_av_compliance_remediates_and_writes_safe_reports(ansible, central, tmp_path):
    state = hostile_estate(central)
    hosts = state['hosts']
    report_dir = tmp_path / 'reports' / 'av'

    # Without av_report_dir: a clear failure before any call.
    run = run_compliance(ansible)
    assert run.returncode != 0 and 'Set av_report_dir' in run.stdout
    # Check mode: nothing sent, nothing written.
    run = run_compliance(ansible, '--check', av_report_dir=str(report_dir))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert writes(central) == [] and not report_dir.exists()

    run = run_compliance(ansible, av_report_dir=str(report_dir))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert sorted(e['action'] for e in writes(central)) == [
        'POST /v1/anti-virus/actions/enable-realtimetypeprotection', 'POST /v1/anti-virus/actions/start-fullscan',
        'POST /v1/anti-virus/actions/update-definition']
    after = {h['id']: h['antiVirus'] for h in central.state(inventory=False)['hosts']}
    compliant = sorted(i for i, av in after.items() if STATUS_NAMES[av['antiVirusStatus']] in COMPLIANT)
    assert 'hosts compliant' in run.stdout and '%d of %d hosts compliant' % (len(compliant), len(hosts)) in run.stdout

    html = (report_dir / 'av_compliance.html').read_text(encoding='utf-8')
    raw_csv = (report_dir / 'av_compliance.csv').read_bytes()
    # Nothing from the API was run as a template, on any output.
    for text in (html, raw_csv.decode('utf-8'), run.stdout, run.stderr):
        assert 'uid=' not in text
    # HTML: only the report's own tags; hostile strings escaped, shown as they are.
    parser = Cells()
    parser.feed(html)
    assert parser.tags <= TAGS, parser.tags - TAGS
    assert '&lt;script&gt;' in html and SCRIPT not in html and GROUP not in html
    assert not CONTROL.search(html.replace('\n', '')) and not BIDI.search(html)
    # Host tables: the hosts that need attention (one table per issue), then the rest; each host once.
    headers = [row for row in parser.rows if row and row[0] == 'Host id']
    assert headers and all(row == list(HEADERS) for row in headers)
    table = [row for row in parser.rows if len(row) == len(HEADERS) and row[0] != 'Host id']
    assert len(table) == len(hosts)
    by_id = {int(row[0]): dict(zip(HEADERS.values(), row)) for row in table}
    assert len(by_id) == len(hosts)
    for host in hosts:
        assert by_id[host['id']]['description'] == shown(host['description'])
    assert "{{ lookup('pipe', 'id') }}" in [r['description'] for r in by_id.values()]
    assert shown(GROUP) in [r['group'] for r in by_id.values()]
    assert by_id[hosts[23]['id']]['description'] == BLANK_FORMULA
    assert by_id[hosts[24]['id']]['description'] == '\ufffd+1'
    assert by_id[hosts[25]['id']]['description'] == 'Invoice gnp.exe'
    assert by_id[hosts[26]['id']]['description'] == '=1+1'

    # CSV: well-formed (RFC 4180: CRLF, every field quoted), one row per host, the same values.
    assert raw_csv.count(b'\r\n') == len(hosts) + 1 and b'\x00' not in raw_csv
    assert not BIDI.search(raw_csv.decode('utf-8'))
    with open(str(report_dir / 'av_compliance.csv'), newline='', encoding='utf-8') as handle:
        rows = list(csv.reader(handle, strict=True))
    assert rows[0] == COLUMNS and all(len(row) == len(COLUMNS) for row in rows)
    csv_by_id = {int(row[0]): dict(zip(COLUMNS, row)) for row in rows[1:]}
    assert sorted(csv_by_id) == sorted(h['id'] for h in hosts)
    for host in hosts:
        expected = shown(host['description'])
        if FORMULA_START.match(host['description']):
            expected = "'" + expected
        assert csv_by_id[host['id']]['description'] == expected
        assert csv_by_id[host['id']] == dict(by_id[host['id']], description=expected)
    assert csv_by_id[hosts[21]['id']]['description'] == "'" + FORMULA
    assert csv_by_id[hosts[23]['id']]['description'] == "'" + BLANK_FORMULA
    assert csv_by_id[hosts[24]['id']]['description'] == "'\ufffd+1"
    assert csv_by_id[hosts[25]['id']]['description'] == 'Invoice gnp.exe'
    assert csv_by_id[hosts[26]['id']]['description'] == "'=1+1"

    # The report tells what was done and the state after it.
    assert sorted(i for i, row in csv_by_id.items() if row['compliant'] == 'yes') == compliant
    statuses = {row['status_after'] for row in csv_by_id.values()}
    assert statuses <= set(STATUS_NAMES.values())
    outcomes = {row['update_definition'] for row in csv_by_id.values()}
    assert {'sent', 'not sent by the service', 'skipped: no_antivirus', 'skipped: definitions_up_to_date'} <= outcomes
    for host_id, row in csv_by_id.items():
        if row['update_definition'] == 'sent':
            assert row['definitions_up_to_date'] == 'yes' and after[host_id]['isVirusDefinitionUpToDate']
        if row['antivirus'] == '':
            assert row['compliant'] == 'no' and 'no anti-virus' in row['issues']
