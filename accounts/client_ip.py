"""The client's address, as the deployment's trusted proxies saw it.

Behind a reverse proxy every request comes from the proxy's address, so the
lockout (django-axes) and the password-reset limits would count every client
as one. Each trusted proxy appends the address it received the request from to
`X-Forwarded-For`; with TRUSTED_PROXY_COUNT proxies in front of gunicorn the
client is the entry that many places from the right. Entries further left were
written by the client and are never trusted. With a count of 0 (the default)
the header is ignored and REMOTE_ADDR is the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not come through them all.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
