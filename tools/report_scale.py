# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Size and render time of the anti-virus compliance page for a large estate (figures for performance.rst).

    make report-scale REPORT_HOSTS=50000

Starts an emulator with that many hosts, runs logmein.central.av_compliance (ansible-playbook from the dev
venv), then opens the page in headless Chromium five times and prints the page size, the playbook's time
and the render times (navigation start to the load event, layout included, and the wall time of the load).
"""

from __future__ import absolute_import, division, print_function

import os
import statistics
import sys
import tempfile
import time
import pathlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'browser'))

import test_report_pages as pages  # noqa: E402 pylint: disable=wrong-import-position


def main():
    hosts = int(os.environ.get('REPORT_HOSTS', '50000'))
    tmp = pathlib.Path(tempfile.mkdtemp(prefix='report-scale-'))
    central = pages.start_emulator_process(rate_limit_window=0, hosts=hosts, timeout=300)
    try:
        start = time.monotonic()
        run = pages.run_playbook(central, tmp, 'logmein.central.av_compliance', {'av_report_dir': str(tmp / 'av')}, timeout=7200)
        playbook = time.monotonic() - start
    finally:
        central.stop()
    if run.returncode != 0:
        print(run.stdout[-4000:], run.stderr[-4000:])
        return 1
    page = tmp / 'av' / 'av_compliance.html'
    size = page.stat().st_size
    driver = pages.start_chromium()
    try:
        loads, walls = [], []
        for _attempt in range(5):
            metrics = {'width': 1280, 'height': 900, 'deviceScaleFactor': 1, 'mobile': False}
            driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', metrics)
            driver.get('about:blank')
            start = time.monotonic()
            driver.get(page.as_uri())
            # Force a complete layout of the page (its full height) before stopping the clock.
            driver.execute_script('return document.documentElement.scrollHeight')
            walls.append(time.monotonic() - start)
            loads.append(driver.execute_script(
                'const n = performance.getEntriesByType("navigation")[0]; return n.loadEventEnd - n.startTime;') / 1000.0)
        rows = driver.execute_script('return document.querySelectorAll("table.hosts tbody tr").length')
    finally:
        driver.quit()
    print('hosts %d, table rows %d' % (hosts, rows))
    print('page size %.1f MB (%d bytes)' % (size / 1e6, size))
    print('playbook (read, commands, read, page, CSV) %.0f s' % playbook)
    print('load average %s' % ' '.join('%.2f' % load for load in os.getloadavg()))
    print('render in headless Chromium, navigation to load event: median %.2f s, max %.2f s' % (statistics.median(loads), max(loads)))
    print('render, wall time of the load and full layout: median %.2f s, max %.2f s' % (statistics.median(walls), max(walls)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
