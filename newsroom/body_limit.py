"""Request bodies over a per-path limit are refused before a byte is read.

Django reads a body only when a view or middleware asks for it, and streams file
parts to disk whatever their size: without this, an anonymous 300 MB POST to the
login page is received whole. The limit is checked against `Content-Length`
(a body without one reaches Django as empty). The desk takes photos of up to
10 MB (articles/services/photos.py), so it and the admin get a larger limit.
The proxy in front should refuse earlier still (README, Deploying).
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader

DEFAULT_LIMIT = 1024 * 1024
LARGE_LIMIT = 12 * 1024 * 1024
LARGE_PREFIXES = ("/desk/", "/admin/")
# CKEditor's upload address (articles/views/desk/photos.py) reads JSON; every
# other form, the desk's PDF attachments too, gets the page.
CKEDITOR_UPLOAD_SUFFIX = "/photos/"
MESSAGE = "ข้อมูลที่ส่งมีขนาดใหญ่เกินกว่าที่ระบบรับได้"


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.default = getattr(settings, "REQUEST_BODY_LIMIT", DEFAULT_LIMIT)
        self.large = getattr(settings, "REQUEST_BODY_LIMIT_LARGE", LARGE_LIMIT)

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Content-Length ไม่ถูกต้อง", status=400)
        large = request.path_info.startswith(LARGE_PREFIXES)
        if length > (self.large if large else self.default):
            return self.refusal(request, large)
        return self.get_response(request)

    def refusal(self, request, large):
        ckeditor = request.path_info.endswith(CKEDITOR_UPLOAD_SUFFIX)
        if large and ckeditor and request.content_type == "multipart/form-data":
            # CKEditor's upload dialog shows this message to the editor as is.
            message = f"{MESSAGE} (ไม่เกิน {self.large // (1024 * 1024)} MB)"
            return JsonResponse(
                {"uploaded": 0, "error": {"message": message}}, status=413
            )
        html = loader.get_template("413.html").render(
            {"newsroom": settings.NEWSROOM, "message": MESSAGE}
        )
        response = HttpResponse(html, status=413)
        # The unread body is still on the connection: do not reuse it.
        response["Connection"] = "close"
        return response
