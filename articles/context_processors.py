from django.conf import settings


def newsroom(request):
    """The site's identity for the header and footer, on every page.

    Named `newsroom`, not `site`: Django's auth views put a `site` of their own
    (the sites framework's) into the context, which would hide this one."""
    return {"newsroom": settings.NEWSROOM}
