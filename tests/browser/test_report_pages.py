# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The report pages in a real browser: headless Chromium driven by Selenium and chromedriver (make browser).

The playbooks logmein.central.av_compliance and logmein.central.drift_report run (ansible-playbook from the
dev venv, $REPORTS_ANSIBLE_BIN) against an emulator whose estate holds the emulator's hostile strings plus
markup, formulas and bidi controls. Each page is opened at 1280 and 390 px wide and checked: no console
error and no Content-Security-Policy violation, charts present and drawn, no horizontal overflow, ids and
headers on one line, a sticky header, every hostile string shown literally, nothing executed.
With $REPORT_SCREENSHOT_DIR set (make docs), the pages are also saved as PNG screenshots for the guides.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION_ROOT = os.path.dirname(os.path.dirname(HERE))
COLLECTIONS_PATH = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION_ROOT)))
sys.path.insert(0, os.path.join(COLLECTION_ROOT, 'tests', 'emulator'))

from central_emulator import dataset  # noqa: E402 pylint: disable=wrong-import-position
from central_emulator.testing import start_emulator_process  # noqa: E402 pylint: disable=wrong-import-position

WIDTHS = (1280, 390)
# The screenshots the guides show, by (page, width): the height captured from the top of the page.
SCREENSHOTS = {('av_compliance', 1280): 1500, ('av_compliance', 390): 1800, ('drift_report', 1280): 1000}
SCRIPT = '<script>alert("owned")</script>'
IMG = '<img src=x onerror="document.title=\'owned\'">'
CLOSE = '</td></tr></table></style><h1 id="injected">owned</h1>'
FORMULA = '=HYPERLINK("http://evil.example/","click")'
MULTILINE = 'Line one\r\nLine two, "quoted", \'single\''
BLANK_FORMULA = ' =HYPERLINK("http://evil.example/","click")'
SPOOF = 'Invoice \u202egnp.exe'
BIDI_FORMULA = '\u2066\u200f=1+1\u2069'
GROUP = '<b>Bold</b> & <i>co</i>\u202e'
CONTROL = re.compile('[\x00-\x1f\x7f-\x9f]')
BIDI = re.compile('[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]')
# Registered before any page script could run (DevTools scripts are not subject to the page's CSP): records
# CSP violations and any dialog a hostile string would open, so that "nothing executed" can be checked.
PROBE = """
window.__violations = [];
window.__dialogs = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
  window[name] = function () { window.__dialogs.push(name); };
});
"""
# Everything the checks need from a page, measured in one round trip. Tables of hosts off screen are
# not rendered until scrolled to (content-visibility: auto); they are rendered first, as scrolling
# through the page would, so that their text and layout are measured too.
MEASURE = """
document.querySelectorAll('.chunk').forEach(chunk => { chunk.style.contentVisibility = 'visible'; });
const view = document.documentElement.clientWidth;
const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width, height: r.height,
                       scroll: el.scrollWidth, client: el.clientWidth}; };
const lines = (el) => { const range = document.createRange(); range.selectNodeContents(el);
                        return new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top))).size; };
const charts = Array.from(document.querySelectorAll('figure')).map(fig => ({
  id: fig.id, box: box(fig),
  svgs: Array.from(fig.querySelectorAll('svg')).map(svg => ({box: box(svg),
    drawn: Array.from(svg.querySelectorAll('rect')).filter(r => r.getBBox().width > 0 && r.getBBox().height > 0).length})),
}));
const header = document.querySelector('header.top');
const ids = Array.from(document.querySelectorAll('table tbody td:first-child')).slice(0, 300);
const cells = Array.from(document.querySelectorAll('th')).slice(0, 200).concat(
  Array.from(document.querySelectorAll('tbody tr')).slice(0, 300).flatMap(tr => Array.from(tr.children)));
return {
  view: view, page: document.documentElement.scrollWidth, title: document.title,
  headline: document.querySelector('#summary') ? box(document.querySelector('#summary')) : null,
  header: header ? box(header) : null, header_position: header ? getComputedStyle(header).position : null,
  charts: charts,
  split_ids: ids.filter(td => td.textContent.length && lines(td) > 1).map(td => td.textContent),
  ids: ids.length,
  cells: cells.length,
  overflowing: cells.filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.textContent.slice(0, 80)),
  foreign: Array.from(document.querySelectorAll('script, img, iframe, object, embed, b, i, #injected, [onerror], [onload]')).length,
  scripts: document.scripts.length,
  violations: window.__violations, dialogs: window.__dialogs,
  text: document.body.innerText,
};
"""


def shown(text):
    """A string as the pages show it: bidi controls removed, control characters replaced."""
    return CONTROL.sub('\ufffd', BIDI.sub('', text))


def words(text):
    """Text with every run of whitespace as one space: how a browser lays out text that is not pre-wrapped."""
    return ' '.join(text.split())


def ansible_bin():
    folder = os.environ.get('REPORTS_ANSIBLE_BIN')
    if not folder or not os.path.exists(os.path.join(folder, 'ansible-playbook')):
        pytest.fail('REPORTS_ANSIBLE_BIN must be the bin folder of a venv with ansible-playbook (tools/browser.sh sets it)')
    return folder


def run_playbook(central, tmp, name, extra_vars, timeout=600):
    folder = ansible_bin()
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'LOGMEIN_CENTRAL_'))}
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': COLLECTIONS_PATH, 'ANSIBLE_PYTHON_INTERPRETER': os.path.join(folder, 'python'),
        'ANSIBLE_LOCAL_TEMP': str(tmp / 'ansible-tmp'), 'ANSIBLE_NOCOLOR': '1', 'ANSIBLE_RETRY_FILES_ENABLED': '0',
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'false', 'LOGMEIN_CENTRAL_API_URL': central.api_url,
        'LOGMEIN_CENTRAL_COMPANY_ID': central.company_id, 'LOGMEIN_CENTRAL_PSK': central.psk,
        'LOGMEIN_CENTRAL_STATE_DIR': str(tmp / 'state'), 'PATH': folder + os.pathsep + env.get('PATH', '')})
    return subprocess.run([os.path.join(folder, 'ansible-playbook'), name, '-e', json.dumps(extra_vars)], env=env, cwd=str(tmp),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=False, timeout=timeout)


@pytest.fixture(scope='module')
def central():
    running = start_emulator_process(rate_limit_window=0, hosts=60)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope='module')
def pages(central, tmp_path_factory):
    """Both pages rendered from the hostile estate: {name: (path, hostile strings it must show)}."""
    tmp = tmp_path_factory.mktemp('pages')
    state = central.state(inventory=False)
    hosts = state['hosts']
    for index, text in ((20, SCRIPT), (21, FORMULA), (22, MULTILINE), (23, BLANK_FORMULA), (24, IMG), (25, SPOOF),
                        (26, BIDI_FORMULA), (27, CLOSE)):
        hosts[index]['description'] = text
    [g for g in state['groups'] if g['name'] == 'Work Computers'][0]['name'] = GROUP
    [g for g in state['groups'] if g['name'] == 'sales-team'][0]['name'] = CLOSE
    hosts[28]['antiVirus'] = dict(hosts[15]['antiVirus'], antiVirusName=IMG)  # a product name, charted by product
    central.put_state(state)
    state = central.state(inventory=False)
    used_groups = set(h.get('groupId') for h in state['hosts'])
    av_hostile = [h['description'] for h in state['hosts']] + [g['name'] for g in state['groups'] if g['id'] in used_groups]
    av_hostile += [IMG, SCRIPT + ' (an earlier run)']
    assert set(dataset.HOSTILE_STRINGS) <= set(av_hostile)

    report_dir = tmp / 'av'
    report_dir.mkdir()
    # Earlier runs, one of them with a hostile time (the history file is data too).
    history = [{'time': '2026-10-%02dT06:00:00Z' % day, 'compliance_percent': 40.0 + day, 'hosts': 60} for day in range(1, 12)]
    history[0]['time'] = SCRIPT + ' (an earlier run)'  # the first run is named on the page
    (report_dir / 'av_compliance_history.json').write_text(json.dumps(history), encoding='utf-8')
    run = run_playbook(central, tmp, 'logmein.central.av_compliance', {'av_report_dir': str(report_dir)})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert len(json.loads((report_dir / 'av_compliance_history.json').read_text(encoding='utf-8'))) == len(history) + 1

    host, other = state['hosts'][0]['id'], state['hosts'][1]['id']
    field = 'Rack\u202eX <b>'
    document = {'custom_fields': [field], 'hosts': {
        str(host): {'description': BLANK_FORMULA + " {{ lookup('pipe', 'id') }}", 'group': dataset.GROUP_NAMES[1],
                    'custom_fields': {field: IMG}},
        str(other): {'description': SCRIPT, 'group': CLOSE}}}
    (tmp / 'desired.yml').write_text(json.dumps(document), encoding='utf-8')
    drift_dir = tmp / 'drift'
    run = run_playbook(central, tmp, 'logmein.central.drift_report',
                       {'desired_state_file': str(tmp / 'desired.yml'), 'drift_report_dir': str(drift_dir)})
    assert run.returncode != 0 and 'difference(s)' in run.stdout, run.stdout[-6000:] + run.stderr[-3000:]
    drift_hostile = [field, IMG, SCRIPT, CLOSE, state['hosts'][0]['description'], state['hosts'][1]['description'],
                     BLANK_FORMULA + " {{ lookup('pipe', 'id') }}"]
    for text in ((report_dir / 'av_compliance.html').read_text(encoding='utf-8'), (drift_dir / 'drift_report.html').read_text(encoding='utf-8')):
        assert 'uid=' not in text
    return {'av_compliance': (report_dir / 'av_compliance.html', av_hostile),
            'drift_report': (drift_dir / 'drift_report.html', drift_hostile)}


@pytest.fixture(scope='module')
def browser():
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


def start_chromium():
    """Headless Chromium through the system's chromedriver, recording the console and what a page runs."""
    chromium = shutil.which('chromium') or shutil.which('chromium-browser')
    driver_path = shutil.which('chromedriver')
    if not chromium or not driver_path:
        pytest.fail('Chromium and chromedriver are needed: apt-get install -y chromium chromium-driver (tools/browser.sh does it as root)')
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars',
                     '--disable-extensions', '--no-first-run', '--window-size=1280,900'):
        options.add_argument(argument)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    # An explicit chromedriver: Selenium Manager would try to download one.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd('Page.addScriptToEvaluateOnNewDocument', {'source': PROBE})
    return driver


def open_page(driver, url, width):
    metrics = {'width': width, 'height': 900, 'deviceScaleFactor': 1, 'mobile': width < 600}
    driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', metrics)
    driver.get_log('browser')  # drop what earlier pages logged
    driver.get(url)
    return driver.execute_script(MEASURE), driver.get_log('browser')


def test_the_probe_sees_a_csp_violation_and_a_console_error(browser, tmp_path):
    """The checks below can fail: a page with an inline script under the same policy is caught."""
    page = tmp_path / 'bad.html'
    page.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                    'style-src \'unsafe-inline\'"><title>t</title></head><body><header class="top">x</header>'
                    '<script>alert(1)</script></body></html>', encoding='utf-8')
    measured, logs = open_page(browser, page.as_uri(), 1280)
    assert measured['violations'] and measured['scripts'] == 1
    assert any(entry['level'] == 'SEVERE' and 'Content Security Policy' in entry['message'] for entry in logs), logs


@pytest.mark.parametrize('width', WIDTHS)
@pytest.mark.parametrize('name', ('av_compliance', 'drift_report'))
def test_report_page_in_chromium(browser, pages, name, width):
    path, hostile = pages[name]
    measured, logs = open_page(browser, path.as_uri(), width)
    assert [entry for entry in logs if entry['level'] in ('SEVERE', 'WARNING')] == []
    assert measured['violations'] == [] and measured['dialogs'] == []
    # Nothing from the data became markup or ran.
    assert measured['scripts'] == 0 and measured['foreign'] == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # pylint: disable=expression-not-assigned
    assert measured['title'] == {'av_compliance': 'Anti-virus compliance - LogMeIn Central',
                                 'drift_report': 'Drift report - LogMeIn Central'}[name]
    text = measured['text']
    assert 'uid=' not in text
    page_words = words(text)
    missing = [value for value in hostile if words(shown(value)) not in page_words]
    assert missing == []
    # Charts: each figure has an SVG with drawn bars, and neither it nor the headline overflows the page.
    expected = {'av_compliance': {'chart-status', 'chart-groups', 'chart-definitions', 'chart-history'},
                'drift_report': {'chart-kinds'}}[name]
    assert {chart['id'] for chart in measured['charts']} == expected
    view = measured['view']
    assert view == width
    for chart in measured['charts']:
        assert chart['svgs'] and all(svg['drawn'] > 0 and svg['box']['width'] > 0 and svg['box']['height'] > 0
                                     for svg in chart['svgs']), chart
        assert chart['box']['right'] <= view + 0.5 and chart['box']['scroll'] <= chart['box']['client'] + 1, chart
    for part in (measured['header'], measured['headline']):
        assert part['right'] <= view + 0.5 and part['scroll'] <= part['client'] + 1, part
    # Tables scroll inside their own box; the page itself never scrolls sideways.
    assert measured['page'] <= view
    # Ids are never wrapped; no cell is too narrow for its content (words wrap only between them: a cell
    # that overflowed would hide or break one); the header stays at the top.
    assert measured['ids'] > 0 and measured['split_ids'] == []
    assert measured['cells'] > measured['ids'] and measured['overflowing'] == []
    assert measured['header_position'] == 'sticky'
    browser.execute_script('window.scrollTo(0, document.body.scrollHeight)')
    assert browser.execute_script('return document.querySelector("header.top").getBoundingClientRect().top') == 0

    folder = os.environ.get('REPORT_SCREENSHOT_DIR')
    if folder and (name, width) in SCREENSHOTS:
        browser.execute_script('window.scrollTo(0, 0)')
        shot = browser.execute_cdp_cmd('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': True, 'clip': {
            'x': 0, 'y': 0, 'width': width, 'height': SCREENSHOTS[name, width], 'scale': 1}})
        with open(os.path.join(folder, 'report_%s_%d.png' % (name, width)), 'wb') as handle:
            handle.write(base64.b64decode(shot['data']))


@pytest.mark.parametrize('name', ('av_compliance', 'drift_report'))
def test_report_page_prints(browser, pages, name):
    """The print stylesheet: the header is no longer sticky, and Chromium prints the page to PDF."""
    path = pages[name][0]
    open_page(browser, path.as_uri(), 1280)
    browser.execute_cdp_cmd('Emulation.setEmulatedMedia', {'media': 'print'})
    try:
        assert browser.execute_script('return getComputedStyle(document.querySelector("header.top")).position') == 'static'
    finally:
        browser.execute_cdp_cmd('Emulation.setEmulatedMedia', {'media': ''})
    pdf = base64.b64decode(browser.execute_cdp_cmd('Page.printToPDF', {'printBackground': True})['data'])
    assert pdf.startswith(b'%PDF') and len(pdf) > 5000
