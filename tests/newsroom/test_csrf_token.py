"""The fast CSRF token is one Django's CsrfViewMiddleware accepts."""

from collections import Counter

from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    _check_token_format,
    _does_token_match,
)
from django.test import RequestFactory

from newsroom.csrf_token import get_token, mask, random_string


def test_token_matches_the_cookie_secret_django_keeps():
    request = RequestFactory().get("/")
    token = get_token(request)
    secret = request.META["CSRF_COOKIE"]
    _check_token_format(token)
    _check_token_format(secret)
    assert _does_token_match(token, secret)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    # The same visitor's next token: another mask, the same secret.
    again = get_token(request)
    assert again != token and _does_token_match(again, secret)
    assert not _does_token_match(mask(random_string()), secret)


def test_random_strings_use_the_whole_alphabet_evenly():
    counts = Counter("".join(random_string() for _ in range(4000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 4000 * 32 / len(CSRF_ALLOWED_CHARS)
    assert all(abs(n - expected) < expected * 0.2 for n in counts.values())
