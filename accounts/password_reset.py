"""Password reset that tells nobody whether an address is known.

A known and an unknown address do the same work: the unknown one gets a
stand-in account (never saved) whose token is made and whose mail is rendered
like a real one, and is then dropped instead of sent. Delivery itself is handed
to a background thread for both, so the answer never waits for the mail server.

Requests are counted per address and per client address for an hour in the
cache (the shared Redis in production). Over a limit the same "we sent a mail if
the address exists" page is shown and no mail is sent.
"""

import hashlib
import logging
import threading

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PER_ADDRESS = 5
PER_CLIENT = 20
WINDOW_SECONDS = 3600


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        # A cache that keeps nothing (DummyCache, if configured) cannot
        # count; the reset still works, unlimited, and the log says so.
        logger.warning("password reset requests cannot be counted: no cache")
        return 0


def reset_allowed(*, email: str, client: str) -> bool:
    """Count this request; False once the address or the client is over its
    hourly limit. The address is kept only as a digest."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_address = _count(f"password-reset:address:{digest}")
    by_client = _count(f"password-reset:client:{client}")
    return by_address <= PER_ADDRESS and by_client <= PER_CLIENT


def _send(message) -> None:
    try:
        message.send()
    except Exception:
        logger.exception("password reset mail to a known account not sent")


def reset_mail_deliver(*, message, real: bool) -> None:
    """Send a rendered reset mail, or drop a stand-in's; both go the same way."""
    job = _send if real else (lambda message: None)
    if settings.PASSWORD_RESET_MAIL_IN_BACKGROUND:
        threading.Thread(target=job, args=(message,), daemon=True).start()
    else:
        job(message)
