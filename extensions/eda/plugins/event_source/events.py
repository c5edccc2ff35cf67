# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Event source ``logmein.central.events``: changes in a LogMeIn Central account, for ansible-rulebook.

Polls the reads the requested event types need through the collection's client (the same
connection options, TLS rules, rate-limit pacing and state directory as the modules) in a
worker thread, and puts one event per change on the queue. The comparison and the baseline
live in ``module_utils/change_events.py``; this file is the asyncio side: arguments, the
schedule, back-off, logging.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import asyncio
import logging
import math
import os
import sys


def _import_path_of_this_collection():
    """The folder that holds the ``ansible_collections`` tree this file is in.

    ansible-rulebook runs a source with ``runpy.run_path``: the collection's own Python code is
    importable only when that folder is on ``sys.path``, and it is put first so that this copy of
    the collection, not another one installed elsewhere, provides the code the source runs on.
    """
    folder = os.path.dirname(os.path.abspath(__file__))
    for dummy in range(6):  # event_source, plugins, eda, extensions, central, logmein
        folder = os.path.dirname(folder)
    if os.path.basename(folder) == 'ansible_collections':
        return os.path.dirname(folder)
    return None


_IMPORT_PATH = _import_path_of_this_collection()
if _IMPORT_PATH and sys.path[:1] != [_IMPORT_PATH]:
    sys.path.insert(0, _IMPORT_PATH)

from ansible_collections.logmein.central.plugins.module_utils.change_events import (  # noqa: E402
    DEFAULT_EVENTS, ChangeFeed, Baseline, selected_types)
from ansible_collections.logmein.central.plugins.module_utils.client import CentralClient
from ansible_collections.logmein.central.plugins.module_utils.connection_options import (
    CONNECTION_OPTIONS, ConnectionSettings, option_or_environment)
from ansible_collections.logmein.central.plugins.module_utils.errors import AuthenticationError, ConfigurationError
from ansible_collections.logmein.central.plugins.module_utils.state_backend import open_state_store

DOCUMENTATION = r"""
---
short_description: Changes in a LogMeIn Central account as events
description:
  - An ansible-rulebook event source that polls a LogMeIn Central account and puts one event on
    the queue for each change it finds. Hosts that appear, disappear, go online or offline, move to
    another computer group or get another description; custom-field values that change; anti-virus
    status, virus definitions, real-time protection and threats.
  - It reads only what the requested event types need, once per poll. The reads go through the
    collection's client, so they are paced under the API's limit of about one call per action a
    minute together with the playbooks that use the same account and state directory, and they
    refresh the read cache those playbooks use.
  - The last poll's result (the baseline) is kept in the state directory (C(LOGMEIN_CENTRAL_STATE_DIR),
    else C(~/.cache/logmein.central)). A restarted source reports what changed while it was down
    and does not replay the estate. Without a baseline (the first start, or a fresh
    decision-environment container) the first poll sets it silently, unless O(initial_events) is true.
  - Events are delivered at least once. A source stopped after handing on a poll's events and
    before saving its baseline reports them again when it starts.
  - Every string that came from the API and contains C({) (or starts with
    C(logmein.central:base64:)) is encoded as C(logmein.central:base64:) followed by the base64 of its
    UTF-8 bytes, so that no ansible-core version can run it as a template. Decode with the
    P(logmein.central.event_text#filter) filter.
  - The connection options are those of the modules, with the same C(LOGMEIN_CENTRAL_*) environment
    variables. The PSK never appears in an event or a log line.
options:
  events:
    description:
      - The event families (V(host), V(antivirus), V(custom_field)) or single event types to report.
      - V(host) reads C(GET /v2/hostswithgroups); V(antivirus) reads C(GET /v1/hosts/anti-virus/details);
        V(custom_field) reads the categories and the hosts' values (two reads).
    type: list
    elements: str
    default: [host, antivirus]
  interval:
    description:
      - Seconds from the start of one poll to the start of the next.
      - Reads are also paced by the API's limit. A poll never reads an action sooner than the limit
        allows, so an interval under a minute polls about once a minute against the real service.
      - After a failed poll the next one waits twice as long, up to 4 intervals, and logs a warning.
    type: float
    default: 300
  initial_events:
    description:
      - Report every host of the first poll as changed from nothing (C(host_added) and the anti-virus
        events of its current state) when there is no baseline.
    type: bool
    default: false
  baseline:
    description:
      - The name under which the baseline is kept. Two sources that watch the same account from one
        state directory need different names, or each sees only the changes the other has not saved.
    type: str
    default: default
  api_url:
    description: URL of the API. C(LOGMEIN_CENTRAL_API_URL).
    type: str
    default: https://secure.logmein.com/public-api
  company_id:
    description: Company id. C(LOGMEIN_CENTRAL_COMPANY_ID).
    type: str
    required: true
  psk:
    description: Pre-shared key. C(LOGMEIN_CENTRAL_PSK). Never logged.
    type: str
    required: true
  validate_certs:
    description: Check the service's TLS certificate. C(LOGMEIN_CENTRAL_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description: CA bundle to check the certificate with. C(LOGMEIN_CENTRAL_CA_PATH).
    type: path
  allow_http:
    description:
      - Allow a plain C(http://) O(api_url) on a host other than this machine's loopback (the PSK then
        crosses the network unencrypted). C(LOGMEIN_CENTRAL_ALLOW_HTTP).
    type: bool
    default: false
  timeout:
    description: Seconds to wait for an answer. C(LOGMEIN_CENTRAL_TIMEOUT).
    type: float
    default: 30
  rate_limit_max_wait:
    description: The longest time one poll may wait for the rate limit. C(LOGMEIN_CENTRAL_RATE_LIMIT_MAX_WAIT).
    type: int
    default: 300
  read_cache_ttl:
    description:
      - Seconds the answers this source reads may be served to playbooks from the read cache.
        C(LOGMEIN_CENTRAL_READ_CACHE_TTL). The source itself always reads afresh.
    type: int
    default: 60
  state_url:
    description:
      - A Redis (or Valkey) server, C(redis://host:6379/0) or C(rediss://...) for TLS, on which the baseline,
        rate-limit pacing and the read cache are shared with the playbooks' jobs (AWX) and kept when the
        source restarts in a new container. C(LOGMEIN_CENTRAL_STATE_URL). Never logged (it may hold a
        password). Unreachable, the source warns and uses its state directory.
    type: str
"""

EXAMPLES = r"""
- name: Remediate anti-virus problems in LogMeIn Central
  hosts: localhost
  sources:
    - logmein.central.events:
        events: [antivirus]
        interval: 300
  rules:
    - name: Anti-virus needs action
      condition: event.central.type == "av_status_changed" and event.central.after == "action_required"
      action:
        run_playbook:
          name: logmein.central.eda_av_remediation
"""

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL = 300.0
# A failed poll doubles the wait before the next one, up to this many intervals.
MAX_BACKOFF_FACTOR = 4
SOURCE_OPTIONS = ('events', 'interval', 'initial_events', 'baseline')
# Set by ansible-rulebook itself, not by the rulebook's author.
RULEBOOK_ARGUMENTS = ('eda_feedback_queue',)


class SourceOptions:
    """The validated arguments; ConfigurationError naming the argument for any bad one."""

    def __init__(self, args):
        unknown = sorted(set(args) - set(SOURCE_OPTIONS) - set(CONNECTION_OPTIONS) - set(RULEBOOK_ARGUMENTS))
        if unknown:
            raise ConfigurationError('logmein.central.events: unknown argument%s %s; the arguments are %s'
                                     % ('' if len(unknown) == 1 else 's', ', '.join(unknown),
                                        ', '.join(SOURCE_OPTIONS + tuple(CONNECTION_OPTIONS))))
        self.types = self._types(args.get('events', list(DEFAULT_EVENTS)))
        self.interval = self._interval(args.get('interval', DEFAULT_INTERVAL))
        self.initial_events = self._flag('initial_events', args.get('initial_events', False))
        self.baseline = args.get('baseline', 'default')
        if not isinstance(self.baseline, str) or not self.baseline.strip():
            raise ConfigurationError('logmein.central.events: baseline must be a non-empty name, got %r' % (self.baseline,))
        self.settings = ConnectionSettings.from_options(lambda name: option_or_environment(args, name))

    @staticmethod
    def _types(value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(name, str) for name in value):
            raise ConfigurationError('logmein.central.events: events must be a non-empty list of event families or '
                                     'types, got %r' % (value,))
        try:
            return selected_types(value)
        except ValueError as error:
            raise ConfigurationError('logmein.central.events: events: %s' % error) from None

    @staticmethod
    def _interval(value):
        try:
            interval = float(value)
        except (TypeError, ValueError):
            interval = None
        if isinstance(value, bool) or interval is None or not math.isfinite(interval) or interval <= 0:
            raise ConfigurationError('logmein.central.events: interval must be a number of seconds above 0, got %r'
                                     % (value,))
        return interval

    @staticmethod
    def _flag(name, value):
        if isinstance(value, bool):
            return value
        raise ConfigurationError('logmein.central.events: %s must be true or false, got %r' % (name, value))


class EventSource:
    """The polling loop: one ChangeFeed, one client per poll (each poll has its own waiting budget)."""

    def __init__(self, options, client_factory=CentralClient, store=None):
        self.options = options
        self._client_factory = client_factory
        settings = options.settings
        # With a state_url the baseline is on the Redis server, so a source restarted on another node goes on from it.
        store = store or open_state_store(settings, warn=logger.warning)
        self.feed = ChangeFeed(options.types, Baseline(store, options.baseline, logger.warning), settings.company_id,
                               initial_events=options.initial_events)
        self.failures = 0

    def poll(self):
        """One poll, run in a worker thread: the PollResult."""
        client = self._client_factory(self.options.settings, notify=logger.debug, announce=logger.info)
        try:
            return self.feed.poll(client)
        finally:
            for warning in client.warnings:
                logger.warning('logmein.central.events: %s', warning)

    def next_wait(self, result):
        """Seconds from this poll's start to the next one's, and a warning for each family it could not read."""
        if not result.failures:
            self.failures = 0
            return self.options.interval
        self.failures += 1
        wait = self.options.interval * min(2 ** (self.failures - 1), MAX_BACKOFF_FACTOR)
        for family, error in sorted(result.failures.items()):
            logger.warning('logmein.central.events: the %s events were not read (%s); they are compared at the next '
                           'poll, in %.0f s', family, error, wait)
        return wait

    async def run(self, queue):
        loop = asyncio.get_running_loop()
        logger.info('logmein.central.events: watching %s (%d reads a poll) every %.0f s',
                    ', '.join(self.feed.families), self.feed.reads_per_poll, self.options.interval)
        while True:
            started = loop.time()
            result = await asyncio.to_thread(self.poll)
            for event in result.events:
                await queue.put(event)
            await asyncio.to_thread(self.feed.commit, result)
            wait = self.next_wait(result) - (loop.time() - started)
            if wait > 0:
                await asyncio.sleep(wait)


async def main(queue, args):
    """The ansible-rulebook entry point. Stops at once on bad arguments or refused credentials."""
    options = SourceOptions(args)
    try:
        await EventSource(options).run(queue)
    except AuthenticationError as error:
        logger.error('logmein.central.events: stopped: %s', error)
        raise


if __name__ == '__main__':
    # Try it without a rulebook: print the events (the connection from the LOGMEIN_CENTRAL_* variables).
    class _PrintQueue:
        async def put(self, event):
            print(event)

    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(_PrintQueue(), {'interval': 60}))
