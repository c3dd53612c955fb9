"""Django's CSRF token, made without secrets.choice.

Every cached public page carries the Editor Login box, so every anonymous hit
needs a masked token; Django draws its 64 random characters one secrets.choice
call at a time, which costs more than serving the rest of the page. This draws
them from one os.urandom read. Same alphabet, same cookie and mask format, same
request.META flags as django.middleware.csrf.get_token (tests check Django
accepts the result). The pages served in front of Django
(articles/page_server.py) also read the cookie and set it here, as
CsrfViewMiddleware does.
"""

import operator
import os
import re
import time
from http.cookies import SimpleCookie

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.http import http_date

_CHARS = CSRF_ALLOWED_CHARS
_BASE = len(_CHARS)
_TOKEN = re.compile(f"[{re.escape(_CHARS)}]+")
# The largest multiple of the alphabet's size below 256: bytes at or above it
# are dropped, so every character is equally likely.
_LIMIT = 256 - 256 % _BASE


_TO_CHARS = bytes(ord(_CHARS[b % _BASE]) for b in range(256))
_BIASED = bytes(range(_LIMIT, 256))


def random_string(length=CSRF_SECRET_LENGTH):
    out = b""
    while len(out) < length:
        out += os.urandom(length * 2).translate(_TO_CHARS, _BIASED)
    return out[:length].decode()


def get_token(request):
    """django.middleware.csrf.get_token, faster."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = random_string()
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return mask(secret)


def mask(secret):
    """A form token for the secret: a random key and the secret shifted by it."""
    key = random_string()
    return key + _shift(secret, key, 1)


def secret_of(cookie):
    """The secret of a CSRF cookie as CsrfViewMiddleware reads it, or None if it
    is missing or malformed (then a new one is made)."""
    if not cookie or not _TOKEN.fullmatch(cookie):
        return None
    if len(cookie) == CSRF_SECRET_LENGTH:
        return cookie
    if len(cookie) == 2 * CSRF_SECRET_LENGTH:  # a masked token: unmask it
        key, cipher = cookie[:CSRF_SECRET_LENGTH], cookie[CSRF_SECRET_LENGTH:]
        return _shift(cipher, key, -1)
    return None


# Each pair of characters (text, key) and what it shifts to, either way: the
# shift is then a few calls in C instead of a Python loop per character.
_SHIFTED = {
    sign: {
        c + k: _CHARS[(i + sign * j) % _BASE]
        for i, c in enumerate(_CHARS)
        for j, k in enumerate(_CHARS)
    }
    for sign in (1, -1)
}


def _shift(text, key, sign):
    if len(text) != len(key):
        raise ValueError("the text and the key differ in length")
    return "".join(map(_SHIFTED[sign].__getitem__, map(operator.add, text, key)))


def cookie_header(secret):
    """The Set-Cookie value CsrfViewMiddleware sends with every token used."""
    name, attributes = _cookie_attributes()
    return f"{name}={secret}{attributes}"


_attributes = (None, None, "")


def _cookie_attributes():
    # Made as HttpResponse.set_cookie makes them; only the expiry date moves,
    # once a second.
    global _attributes
    now = int(time.time())
    if _attributes[0] != now:
        cookie = SimpleCookie()
        name = settings.CSRF_COOKIE_NAME
        cookie[name] = "x"
        morsel = cookie[name]
        if settings.CSRF_COOKIE_AGE is not None:
            morsel["expires"] = http_date(now + settings.CSRF_COOKIE_AGE)
            morsel["max-age"] = int(settings.CSRF_COOKIE_AGE)
        morsel["path"] = settings.CSRF_COOKIE_PATH
        if settings.CSRF_COOKIE_DOMAIN is not None:
            morsel["domain"] = settings.CSRF_COOKIE_DOMAIN
        if settings.CSRF_COOKIE_SECURE:
            morsel["secure"] = True
        if settings.CSRF_COOKIE_HTTPONLY:
            morsel["httponly"] = True
        if settings.CSRF_COOKIE_SAMESITE:
            morsel["samesite"] = settings.CSRF_COOKIE_SAMESITE
        _attributes = (now, name, morsel.OutputString()[len(name) + 2 :])
    return _attributes[1:]


@receiver(setting_changed)
def _settings_changed(**kwargs):
    global _attributes
    _attributes = (None, None, "")
