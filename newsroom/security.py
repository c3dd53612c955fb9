"""Content-Security-Policy on every response.

Public pages allow no inline script and nothing from another origin. The editors'
desk and the admin run CKEditor 4 and Django's admin, which need inline styles.
"""

from django.conf import settings

# frame-src: settings.CSP_FRAME_SRC, the video embeds' hosts (articles/video.py).
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src {frames}; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# CKEditor 4 draws its toolbar with inline onclick handlers and writes an inline
# script into its editing frame, so editor pages must allow inline script too
# (still no eval, nothing from another origin; public pages stay strict).
EDITOR_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
    "frame-src {editor_frames}; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
EDITOR_PREFIXES = ("/desk/", "/admin/", "/ckeditor/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.editor_prefixes = getattr(settings, "CSP_EDITOR_PREFIXES", EDITOR_PREFIXES)
        hosts = list(getattr(settings, "CSP_FRAME_SRC", ()))
        self.public_policy = PUBLIC_POLICY.format(frames=" ".join(hosts) or "'none'")
        # CKEditor edits in a frame of the page's own origin.
        self.editor_policy = EDITOR_POLICY.format(
            editor_frames=" ".join(["'self'", *hosts])
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            editor = request.path.startswith(self.editor_prefixes)
            response["Content-Security-Policy"] = (
                self.editor_policy if editor else self.public_policy
            )
        return response


# Pages with an editor's data or a form with their CSRF token: never kept by a
# browser's or a shared cache, nor shown again from history after logout.
PRIVATE_PREFIXES = ("/desk/", "/accounts/", "/admin/")


class PrivatePagesNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store, private"
        return response
