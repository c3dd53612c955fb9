from django.conf import settings


def site(request):
    """The site's identity for the header and footer, on every page."""
    return {"site": settings.NEWSROOM}
