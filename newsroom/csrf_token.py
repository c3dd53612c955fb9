"""Django's CSRF token, made without secrets.choice.

Every cached public page carries the Editor Login box, so every anonymous hit
needs a masked token; Django draws its 64 random characters one secrets.choice
call at a time, which costs more than serving the rest of the page. This draws
them from one os.urandom read. Same alphabet, same cookie and mask format, same
request.META flags as django.middleware.csrf.get_token (tests check Django
accepts the result).
"""

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS
_BASE = len(_CHARS)
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
    index = _CHARS.index
    cipher = "".join(
        _CHARS[(index(s) + index(k)) % _BASE] for s, k in zip(secret, key, strict=True)
    )
    return key + cipher
