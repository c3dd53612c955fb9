"""gzip for the HTML pages Django renders (cached pages are compressed once,
when stored: articles/pagecache/page.py).

BREACH: a compressed page that prints a secret next to text an attacker chose
(a search query) lets the secret be guessed from the sizes of many answers.
The public pages carry no secret: the login box is checked by its Origin, and
no CSRF token is printed for anonymous visitors. The desk, the accounts pages
and the admin print CSRF tokens and are sent uncompressed, as is any page that
asked for a token (CSRF_COOKIE_NEEDS_UPDATE) or was made for a signed-in user.
Only HTML: static files come compressed from WhiteNoise, images do not shrink.
"""

from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_PREFIXES = ("/desk/", "/accounts/", "/admin/")


class PublicPagesGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if (
            not response.get("Content-Type", "").startswith("text/html")
            or request.path_info.startswith(UNCOMPRESSED_PREFIXES)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        ):
            return response
        return super().process_response(request, response)
