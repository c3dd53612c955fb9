"""The 500 page, with the site's banner and footer.

Django's own handler renders 500.html with an empty context. This one gives it
the site's identity only: no request context processors, no database, so it
still renders when whatever failed was the database or the session."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    html = loader.get_template(template_name).render({"newsroom": settings.NEWSROOM})
    return HttpResponseServerError(html)
