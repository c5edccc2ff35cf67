# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP transport to the LogMeIn Central API: authentication, errors, retries, rate limit, read cache.

This is the only code of the collection that talks HTTP. ``CentralApi`` (central_api.py)
builds the API's actions on top of it.

Every JSON body, error bodies included, may start with the anti-JSON-hijacking prefix
``)]}'`` (then maybe ``,`` and a newline), which is dropped before parsing. A 429 answer
without a usable ``Retry-After`` header may name its wait in its JSON body instead
(``retry_after_from_body``); either is learned by the rate limiter the same way.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import email.utils
import json
import math
import random
import re
import threading
import time
import traceback
from urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - reported by the modules and the plugin
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.logmein.central.plugins.module_utils.connection_options import settings_tag, transport_warnings, url_password
from ansible_collections.logmein.central.plugins.module_utils.errors import (
    AnswerTooLargeError,
    BadRequestError,
    CentralError,
    MissingLibraryError,
    NotFoundError,
    RateLimitError,
    RoundOver,
    ServerError,
    TLSError,
    TransportError,
    credentials_refused,
)
from ansible_collections.logmein.central.plugins.module_utils.rate_limit import MAX_INTERVAL, MAX_RETRY_AFTER, RateLimiter, pacing_clock
from ansible_collections.logmein.central.plugins.module_utils.read_cache import ReadCache
from ansible_collections.logmein.central.plugins.module_utils.state_backend import open_state_store
from ansible_collections.logmein.central.plugins.module_utils.state_store import CREATE_LOCK, RUN_LOCK

USER_AGENT = 'logmein.central-ansible-collection'
# Attempts of a call that may be repeated safely (reads, idempotent writes) on a transient failure.
MAX_ATTEMPTS = 4
# The read and connect timeouts bound each wait for a byte, not a whole request: a service that
# answers a byte at a time would hold a task for hours. A request must be complete within
# DEADLINE_FACTOR times the timeout, and an answer is read up to MAX_ANSWER_BYTES.
DEADLINE_FACTOR = 4
MAX_ANSWER_BYTES = 64 * 1024 * 1024
ANSWER_CHUNK_BYTES = 64 * 1024
RETRY_BASE_DELAY = 0.5
RETRY_MAX_DELAY = 8.0
# Refusals in a row after which the client stops believing it can pace itself.
MAX_REFUSALS = 20
# An anti-JSON-hijacking prefix some services put before a JSON body: ``)]}'``, maybe ``,``, maybe a newline.
_HIJACKING_PREFIX = re.compile(r"^\s*\)\]\}'\s*,?\s*")
# Keys of a 429 answer's JSON body that may say how long to wait: (key, seconds per unit), first usable one wins.
RETRY_AFTER_BODY_KEYS = (('retryAfter', 1.0), ('retry_after', 1.0), ('retryAfterSeconds', 1.0), ('RetryAfter', 1.0),
                         ('retryAfterMs', 0.001), ('retry_after_ms', 0.001))


def backoff_delay(attempt, base=RETRY_BASE_DELAY, cap=RETRY_MAX_DELAY, jitter=random.random):
    """Exponential backoff with jitter: between half and all of min(cap, base * 2**attempt)."""
    ceiling = min(cap, base * (2 ** attempt))
    return ceiling * (0.5 + 0.5 * jitter())


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), clamped; None if absent or invalid."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if moment is None:
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def strip_hijacking_prefix(text):
    """``text`` without a leading ``)]}'`` anti-JSON-hijacking prefix (and the ``,`` or newline after it)."""
    match = _HIJACKING_PREFIX.match(text)
    return text[match.end():] if match else text


def _json_document(text):
    """The JSON value of a body (after its hijacking prefix), or None when it is empty or not JSON."""
    try:
        return json.loads(strip_hijacking_prefix(text or ''))
    except ValueError:
        return None


def _clamped_seconds(value, unit=1.0):
    """A wait given as a number or numeric string, in ``unit`` seconds, clamped like Retry-After; None if unusable."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value.strip() if isinstance(value, str) else value) * unit
    except (ValueError, OverflowError):
        return None
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def retry_after_from_body(text):
    """Seconds to wait read from a 429 answer's JSON body, clamped like Retry-After; None when it says nothing usable.

    Accepts ``retryAfter``, ``retry_after``, ``retryAfterSeconds``, ``RetryAfter`` (seconds) and
    ``retryAfterMs``, ``retry_after_ms`` (milliseconds), as numbers or numeric strings, at the top
    level of the body or in an ``error`` object.
    """
    document = _json_document(text)
    for where in (document, document.get('error') if isinstance(document, dict) else None):
        if not isinstance(where, dict):
            continue
        for key, unit in RETRY_AFTER_BODY_KEYS:
            seconds = _clamped_seconds(where.get(key), unit)
            if seconds is not None:
                return seconds
    return None


def _final(error, action, uncertain):
    """The error a call ends with. After an attempt of a write whose outcome is unknown
    (no answer, an answer that is not JSON, or a 5xx), it says so and sets
    ``outcome_unknown``: a caller can check whether the write was carried out."""
    error.action = error.action or action
    error.outcome_unknown = uncertain
    if action not in error.message:
        error.message = '%s: %s' % (action, error.message)
    if uncertain and isinstance(error, (TransportError, ServerError)):
        error.message += ('; the outcome of this write is unknown: check LogMeIn Central before running the task '
                          'again')
    error.args = (error.message,)
    return error


class AnswerTooLarge(Exception):
    """An answer longer than the client reads; ``status`` is its HTTP status."""

    def __init__(self, status):
        super().__init__('answer too large')
        self.status = status


class Answer:
    """An HTTP answer read in full: ``status_code``, ``headers``, ``content`` (bytes) and ``text``."""

    def __init__(self, status_code, headers, content, encoding=None):
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self._encoding = encoding

    @property
    def text(self):
        return self.content.decode(self._encoding or 'utf-8', 'replace')

    @classmethod
    def read(cls, response, limit):
        """The answer of a streamed ``response``, read up to ``limit`` bytes (AnswerTooLarge beyond)."""
        content = bytearray()
        try:
            for chunk in response.iter_content(ANSWER_CHUNK_BYTES):
                content += chunk
                if len(content) > limit:
                    raise AnswerTooLarge(response.status_code)
        finally:
            response.close()
        return cls(response.status_code, response.headers, bytes(content), response.encoding)


def _retry_not_allowed(error, refused, action, uncertain):
    """The error a call ends with when the waiting budget leaves no time to retry it after ``error``:
    that error (its kind, status and outcome), saying why it was not retried."""
    error = _final(error, action, uncertain)
    error.message += '; it was not retried: %s' % refused.message
    error.args = (error.message,)
    return error


class CentralClient:
    """One account's connection; one instance per module run or inventory refresh.

    ``waits`` lists the rate limit's waits as ``(action, seconds)``, ``other_waits`` those of
    ``wait_for`` as ``(action, seconds, reason)``; both count in ``waited`` against
    rate_limit_max_wait. ``calls`` counts
    the HTTP requests sent; ``writes`` lists ``(action, sent_at)`` of each write sent;
    ``warnings`` holds what the user should be told. ``refusals`` lists each 429 answer as
    ``(action, retry_after_header, retry_hint_in_body)``: whether a usable ``Retry-After``
    header, or a wait in the JSON body, came with it.

    ``round_ends_at`` (a time of ``clock``, None by default) ends a task's round: once the
    service has accepted a write of this client, a write whose slot comes after that time,
    or whose wait would exceed rate_limit_max_wait, raises RoundOver instead of waiting. Until
    then writes wait as always, so every round makes progress.
    """

    def __init__(self, settings, session=None, state_dir=None, clock=None, sleep=time.sleep,
                 jitter=random.random, notify=None, announce=None):
        if session is None:
            if not HAS_REQUESTS:
                raise MissingLibraryError('the Python library "requests" is required on the controller: pip install requests')
            session = requests.Session()
        self.settings = settings
        self._session = session
        # Calls are paced by a clock that never steps (see rate_limit.pacing_clock); the read cache
        # ages its answers by the wall clock, which a step can only make expire early or late.
        self._sleep = sleep
        self._jitter = jitter
        self._notify = notify
        self._announce = announce
        self._secrets = self._secret_strings(settings)
        self.warnings = transport_warnings(settings)
        store = open_state_store(settings, state_dir, warn=self.warnings.append)
        self._store = store
        domain = None
        if clock is None and store.clock is not None:
            # A store shared by machines (Redis) holds its server's time: pacing and cache ages use it.
            clock, domain = store.clock, store.clock_domain
        self._clock = clock or pacing_clock
        self.limiter = RateLimiter(store, clock=clock, jitter=jitter, domain=domain)
        self.cache = ReadCache(store, settings.read_cache_ttl, settings_tag(settings, 'read-cache'),
                               clock=clock or time.time)
        self.waits = []
        self.other_waits = []
        self.waited = 0.0
        self.calls = 0
        self.writes = []
        self.writes_accepted = 0
        self.refusals = []
        self.round_ends_at = None
        if not settings.validate_certs and not settings.ca_path and urlsplit(settings.api_url).scheme == 'https':
            self.warnings.append('validate_certs is false: the TLS certificate of %s is not checked'
                                 % urlsplit(settings.api_url).netloc)
            if HAS_REQUESTS:
                requests.packages.urllib3.disable_warnings(requests.packages.urllib3.exceptions.InsecureRequestWarning)

    # Reads and writes -----------------------------------------------------------------

    def get(self, path, action, kind=None, fresh=False):
        """GET ``path``; with ``kind``, through the read cache (``fresh`` skips a cached answer)."""
        if kind is None:
            return self.request('GET', path, action)
        if not fresh:
            hit, data = self.cache.get(path, kind)
            if hit:
                return data
        generation = self.cache.generation(kind)
        data = self.request('GET', path, action)
        self.cache.put(path, kind, data, generation)
        return data

    def request(self, method, path, action, body=None, safe=True):
        """Send one API call and return its decoded JSON answer (None when the body is empty).

        ``safe`` calls (reads and idempotent writes) are retried on transient failures;
        other calls raise at once, with ``outcome_unknown`` set when the service may
        have carried them out. A 429 answer is waited out for any call: it was not run.
        """
        url = self.settings.api_url + path
        attempt = 0
        refusals = 0
        uncertain = False  # an earlier attempt of this write may have been carried out
        retrying = None  # the error that made this attempt a retry (not a 429)
        while True:
            # A write that may have been carried out is retried whatever the round: its outcome must be known.
            try:
                self._wait_for_slot(action, refusals, may_end_round=method != 'GET' and not uncertain)
            except RateLimitError as refused:
                if retrying is None:
                    raise
                raise _retry_not_allowed(retrying, refused, action, uncertain) from None
            sent_at = self._clock()
            if method != 'GET':
                self.writes.append((action, sent_at))
            try:
                self.calls += 1
                response = self._send(method, url, body, action)
            except CentralError as error:
                self.limiter.accepted(action, self._clock(), answered=False)
                if isinstance(error, TransportError):
                    error.action = action
                    uncertain = uncertain or method != 'GET'
                    if safe and attempt + 1 < MAX_ATTEMPTS:
                        self._sleep(backoff_delay(attempt, jitter=self._jitter))
                        attempt += 1
                        retrying = error
                        continue
                if isinstance(error, AnswerTooLargeError):
                    uncertain = uncertain or method != 'GET'  # answered, but what it says was not read
                raise _final(error, action, uncertain)
            if response.status_code == 429:
                refusals += 1
                retrying = None
                answered_at = self._clock()
                retry_after = parse_retry_after(response.headers.get('Retry-After'))  # a date is a wall-clock time
                from_body = retry_after_from_body(response.text if response.content else '')
                self.refusals.append((action, retry_after is not None, from_body is not None))
                if retry_after is None:
                    retry_after = from_body
                self.limiter.refused(action, sent_at, retry_after, answered_at)
                continue
            self.limiter.accepted(action, self._clock(), sent_at=sent_at)
            refusals = 0
            if method != 'GET':
                self.writes_accepted += 1
            try:
                return self._decode(method, action, response)
            except (ServerError, TransportError) as error:
                uncertain = uncertain or method != 'GET'
                if safe and attempt + 1 < MAX_ATTEMPTS:
                    self._sleep(backoff_delay(attempt, jitter=self._jitter))
                    attempt += 1
                    retrying = error
                    continue
                raise _final(error, action, uncertain)
            except CentralError as error:
                raise _final(error, action, uncertain)

    def now(self):
        """The time of the clock that paces this client's calls (``round_ends_at`` is one)."""
        return self._clock()

    def create_lock(self):
        """A context manager holding the account's create lock, shared with every process of this controller
        (of every controller with the same state_url)."""
        return self._store.locked(CREATE_LOCK)

    def run_lock(self, holder, wait):
        """A context manager holding the account's run lock (see run_lock.py): LockBusy after ``wait`` seconds."""
        return self._store.hold(RUN_LOCK, holder, wait)

    @property
    def state_backend(self):
        """Where the shared state is: 'redis', or 'directory' (also after a server was lost)."""
        return self._store.backend

    def inform(self, message):
        """Tell the user ``message`` at once through ``announce`` (a plugin that can print as it runs), else
        as a warning of the task (a module prints only when it ends)."""
        if self._announce:
            self._announce(message)
        else:
            self.warnings.append(message)

    def wait_for(self, action, seconds, reason):
        """Wait ``seconds`` before ``action`` for a reason other than the rate limit (``reason`` says which).

        The wait counts in the run's rate_limit_max_wait budget like the rate-limit waits;
        RateLimitError, naming the action, when it would exceed what is left of it.
        """
        budget = self.settings.rate_limit_max_wait
        if self.waited + seconds > budget:
            raise RateLimitError(
                '%s: waiting another %.0f s %s would exceed rate_limit_max_wait (%s s; %.0f s already spent waiting in '
                'this run); raise rate_limit_max_wait or try again later' % (action, seconds, reason, budget, self.waited),
                action=action)
        if seconds <= 0:
            return
        if self._notify:
            self._notify('waiting %.1f s %s before %s' % (seconds, reason, action))
        self._sleep(seconds)
        self.waited += seconds
        self.other_waits.append((action, seconds, reason))

    # Internals ---------------------------------------------------------------------------

    def _wait_for_slot(self, action, refusals, may_end_round=False):
        if refusals >= MAX_REFUSALS:
            raise RateLimitError('LogMeIn Central refused %s %d times in a row (429 Too Many Requests) although the '
                                 'client paced its calls; try again later' % (action, refusals), action=action, status=429)
        budget = self.settings.rate_limit_max_wait
        allowed = max(budget - self.waited, 0.0)
        round_left = None
        if may_end_round and self.round_ends_at is not None and self.writes_accepted:
            round_left = max(self.round_ends_at - self._clock(), 0.0)
        wait, reserved = self.limiter.reserve(action, allowed if round_left is None else min(allowed, round_left))
        if not reserved:
            if round_left is not None:
                raise RoundOver(action, wait)  # the next round goes on, with a waiting budget of its own
            raise self._budget_error(action, wait, refused=refusals > 0)
        if wait > 0:
            if self._notify:
                self._notify('waiting %.1f s for the LogMeIn Central rate limit before %s' % (wait, action))
            self._sleep(wait)
        wait += self._settle(action, budget - self.waited - wait, refused=refusals > 0)
        if wait > 0:
            self.waited += wait
            self.waits.append((action, wait))

    def _budget_error(self, action, wait, refused=False):
        """The wait of ``action`` does not fit the budget; status 429 when the service did refuse the call."""
        interval = self.limiter.interval(action) or MAX_INTERVAL
        return RateLimitError(
            'LogMeIn Central rate limit: %s can be called about once every %.0f s, and waiting another %.0f s '
            'would exceed rate_limit_max_wait (%s s; %.0f s already spent waiting in this run). Batch the work '
            'into fewer calls (one task for many hosts) or raise rate_limit_max_wait.'
            % (action, interval, wait, self.settings.rate_limit_max_wait, self.waited), action=action,
            status=429 if refused else None)

    def _settle(self, action, remaining, refused=False):
        """Wait out what the calls before ours still need; returns the seconds waited.

        The limiter records our call as sent only when it answers 0: while we wait, another
        process may send or learn a longer interval, so we ask again after each wait.
        """
        waited = 0.0
        extra = self.limiter.settle(action)
        while extra > 0:
            if waited + extra > remaining:
                raise self._budget_error(action, waited + extra, refused=refused)
            self._sleep(extra)
            waited += extra
            extra = self.limiter.settle(action)
        return waited

    def _send(self, method, url, body, action):
        """One HTTP request, complete within the deadline and read up to MAX_ANSWER_BYTES: an ``Answer``.

        The request runs in a thread of its own, so the deadline holds whatever the service
        does; a request past it is left to finish in the background, and the call fails.
        """
        headers = {
            'Authorization': self._authorization(),
            'Accept': 'application/json',
            'User-Agent': USER_AGENT,
        }
        data = None
        if body is not None:
            headers['Content-Type'] = 'application/json'
            data = json.dumps(body).encode('utf-8')
        verify = self.settings.ca_path or self.settings.validate_certs
        outcome = {}

        def call():
            try:
                response = self._session.request(method, url, data=data, headers=headers, timeout=self.settings.timeout,
                                                 verify=verify, allow_redirects=False, stream=True)
                outcome['answer'] = Answer.read(response, MAX_ANSWER_BYTES)
            except Exception as exc:  # pylint: disable=broad-except
                outcome['error'] = exc

        deadline = self.settings.timeout * DEADLINE_FACTOR
        worker = threading.Thread(target=call, name='logmein.central %s' % action, daemon=True)
        worker.start()
        worker.join(deadline)
        if worker.is_alive():
            raise TransportError('no complete answer from %s within %.0f s (%d times timeout)'
                                 % (urlsplit(url).netloc, deadline, DEADLINE_FACTOR))
        error = outcome.get('error')
        if isinstance(error, AnswerTooLarge):
            raise AnswerTooLargeError('the answer to %s is larger than %d MiB: it was not read'
                                      % (action, MAX_ANSWER_BYTES // 2 ** 20), action=action, status=error.status)
        if error is not None:
            raise self._transport_error(error, url)
        return outcome['answer']

    def _transport_error(self, exc, url):
        host = urlsplit(url).netloc
        text = self._redact(str(exc))
        if HAS_REQUESTS and isinstance(exc, requests.exceptions.SSLError):
            match = re.search(r'certificate verify failed: ([^(\'"]+)', text)
            reason = match.group(1).strip() if match else text
            hint = ('set ca_path to the CA bundle that signed the service\'s certificate'
                    if 'verify failed' in text else 'check the TLS settings of the service')
            return TLSError('TLS error talking to %s: %s (%s)' % (host, reason, hint))
        if HAS_REQUESTS and isinstance(exc, requests.exceptions.Timeout):
            return TransportError('no answer from %s within timeout (%s s)' % (host, self.settings.timeout))
        if HAS_REQUESTS and isinstance(exc, requests.exceptions.ConnectionError):
            if 'RemoteDisconnected' in text or 'Connection aborted' in text:
                return TransportError('%s closed the connection without answering' % host)
            return TransportError('cannot connect to %s: %s' % (host, _last_reason(text)))
        return TransportError('request to %s failed: %s' % (host, _last_reason(text)))

    def _decode(self, method, action, response):
        status = response.status_code
        text = response.text if response.content else ''
        if status >= 500:
            raise ServerError('LogMeIn Central failed on %s (HTTP %d): %s' % (action, status, self._service_message(text)),
                              action=action, status=status)
        if status in (401, 409):
            raise credentials_refused('HTTP %d on %s' % (status, action), action, status)
        if status == 404:
            raise NotFoundError('LogMeIn Central does not know the resource of %s (HTTP 404): %s'
                                % (action, self._service_message(text)), action=action, status=status)
        if status == 415:
            raise BadRequestError('LogMeIn Central refused the body of %s as unsupported media type (HTTP 415)' % action,
                                  action=action, status=status)
        if status >= 400:
            raise BadRequestError('LogMeIn Central refused %s (HTTP %d): %s' % (action, status, self._service_message(text)),
                                  action=action, status=status)
        if status >= 300:
            raise CentralError('unexpected answer to %s (HTTP %d)' % (action, status), action=action, status=status)
        text = strip_hijacking_prefix(text)
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except ValueError:
            raise TransportError('the answer to %s was not valid JSON' % action, action=action, status=status) from None

    def _service_message(self, text):
        message = None
        text = strip_hijacking_prefix(text or '')
        document = _json_document(text)
        if isinstance(document, dict):
            for key in ('message', 'Message', 'error', 'errorMessage'):
                if isinstance(document.get(key), str):
                    message = document[key]
                    break
        if message is None:
            message = (text or '').strip()[:200] or 'no message'
        return self._redact(message)

    def _authorization(self):
        token = base64.b64encode(('%s:%s' % (self.settings.company_id, self.settings.psk)).encode('utf-8'))
        return 'Basic ' + token.decode('ascii')

    @staticmethod
    def _secret_strings(settings):
        token = base64.b64encode(('%s:%s' % (settings.company_id, settings.psk)).encode('utf-8')).decode('ascii')
        state_url = getattr(settings, 'state_url', None)
        return [s for s in (settings.psk, token, state_url, url_password(state_url)) if s]

    def _redact(self, text):
        for secret in self._secrets:
            text = text.replace(secret, '********')
        return text


def _last_reason(text):
    """The innermost reason of a urllib3/requests error text, without the pool noise."""
    match = re.search(r"\(Caused by \w+\((?:'[^']*', )?(.*)\)\)\s*$", text)
    reason = match.group(1) if match else text
    reason = re.sub(r'<urllib3[^>]*>: ', '', reason)
    return reason.strip(' \'"') or text
