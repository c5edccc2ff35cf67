# -*- coding: utf-8 -*-
# Copyright: (c) 2026, logmein.central contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Typed errors of the LogMeIn Central client.

Every failure the client reports is a CentralError whose message is safe to show:
it names the action and the problem, never the PSK, the Authorization header or a
connection link. Modules catch CentralError and fail with ``to_fail_kwargs()``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class CentralError(Exception):
    """Base of every error the client raises."""

    kind = 'error'

    def __init__(self, message, action=None, status=None):
        super().__init__(message)
        self.message = message
        self.action = action
        self.status = status

    def __str__(self):
        return self.message

    def to_fail_kwargs(self):
        """Keyword arguments for AnsibleModule.fail_json()."""
        result = dict(msg=self.message, error_kind=self.kind)
        if self.action:
            result['api_action'] = self.action
        if self.status is not None:
            result['status'] = self.status
        if getattr(self, 'outcome_unknown', False):
            result['outcome_unknown'] = True
        return result


class ConfigurationError(CentralError):
    """A connection setting is missing or invalid; nothing was sent."""

    kind = 'configuration'


class ValidationError(CentralError):
    """User input is invalid; found before any write."""

    kind = 'validation'


class AuthenticationError(CentralError):
    """The service refused the company id and PSK (401, 409 or success: false)."""

    kind = 'authentication'


# Where the values the service refused come from, and where to find them: said by every refusal of credentials.
CREDENTIALS_HINT = ('the options company_id and psk, or the environment variables LOGMEIN_CENTRAL_COMPANY_ID and '
                    'LOGMEIN_CENTRAL_PSK; take both from Configuration > API in LogMeIn Central')


def credentials_refused(how, action, status):
    """The AuthenticationError of refused credentials; ``how`` says what the service answered."""
    return AuthenticationError('authentication to LogMeIn Central failed (%s): check company_id and psk (%s)'
                               % (how, CREDENTIALS_HINT), action=action, status=status)


class TLSError(CentralError):
    """The TLS handshake failed, typically an untrusted certificate."""

    kind = 'tls'


class BadRequestError(CentralError):
    """The service refused the request as invalid (400, 415)."""

    kind = 'bad_request'


class NotFoundError(CentralError):
    """The service does not know the resource (404)."""

    kind = 'not_found'


class RateLimitError(CentralError):
    """The rate limit could not be waited out within rate_limit_max_wait."""

    kind = 'rate_limited'


class ServerError(CentralError):
    """The service failed (5xx) and retries did not help."""

    kind = 'server'


class TransportError(CentralError):
    """No usable answer: connection refused or dropped, timeout, or an answer that is not JSON.

    ``outcome_unknown`` is true when a write may have been carried out although
    no answer arrived, so the caller must re-read before deciding anything.
    """

    kind = 'transport'

    def __init__(self, message, action=None, status=None, outcome_unknown=False):
        super().__init__(message, action=action, status=status)
        self.outcome_unknown = outcome_unknown


class AnswerTooLargeError(CentralError):
    """An answer beyond the size the client reads: not retried, it would be as large again."""

    kind = 'transport'


class RoundOver(Exception):
    """Not an error: the write of ``action`` would start after the end of the task's round.

    Raised by the client before anything is sent, so the write was not made; the plan that
    was writing returns what it wrote and what is left for the next round.
    """

    def __init__(self, action, wait):
        super().__init__('%s: the next slot is %.0f s away, after the end of the round' % (action, wait))
        self.action = action
        self.wait = wait


class MissingLibraryError(CentralError):
    """A Python library the client needs is not installed on the controller."""

    kind = 'missing_library'


def naming_refused(what, send):
    """``send()``; when the service refuses it as invalid, the error says first that ``what`` was refused.

    A 400 on a write is the service refusing the text or value sent, and its own message
    rarely says which: ``what`` names it, e.g. ``the description 'x' of host 1026433963``.
    The error keeps its class, action, status and ``outcome_unknown``.
    """
    try:
        return send()
    except BadRequestError as error:
        error.message = '%s was refused: %s' % (what, error.message)
        error.args = (error.message,)
        raise
