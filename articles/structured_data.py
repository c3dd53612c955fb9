"""JSON-LD for search engines: NewsArticle and BreadcrumbList (schema.org).

Built as dicts in Python and written into a `<script type="application/ld+json">`
data block: the browser does not run it, so the Content-Security-Policy that
forbids inline script does not apply.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

HEADLINE_LIMIT = 110  # longer headlines are cut off in news surfaces


def logo_static():
    """The office emblem (SVG, for the header) and its PNG (structured data)."""
    site = settings.NEWSROOM
    return site.get("LOGO", "img/emblem.svg"), site.get("LOGO_PNG", "img/emblem.png")


def iso(value):
    """ISO 8601 in Bangkok time (…+07:00), as news surfaces read it best."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def as_script(*data):
    """The data as JSON-LD blocks; `<` is escaped so no text ends the block."""
    blocks = []
    for item in data:
        text = json.dumps(item, ensure_ascii=False).replace("<", "\\u003c")
        blocks.append(f'<script type="application/ld+json">{text}</script>')
    return mark_safe("\n".join(blocks))


def breadcrumb_list(request, crumbs):
    """crumbs: [{"name", "url"}]; the last one (the page itself) may lack a url."""
    items = []
    for position, crumb in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": crumb["name"]}
        if crumb.get("url"):
            item["item"] = request.build_absolute_uri(crumb["url"])
        items.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    }


def publisher(request):
    site = settings.NEWSROOM
    return {
        "@type": "Organization",
        "name": site["SITE_NAME"],
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(logo_static()[1])),
            "width": 512,
            "height": 512,
        },
    }


def news_article(request, article, *, images, description):
    """NewsArticle with Google's required and recommended properties."""
    agency_url = request.build_absolute_uri(article.agency.get_absolute_url())
    author_name = article.author.byline if article.author_id else None
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": request.build_absolute_uri(article.get_absolute_url()),
        },
        "headline": article.title[:HEADLINE_LIMIT],
        "description": description,
        "image": images,
        "datePublished": iso(article.published_at),
        "dateModified": iso(max(article.updated_at, article.published_at)),
        "author": [
            {
                "@type": "Organization",
                "name": author_name or article.agency.full_name,
                "url": agency_url,
            }
        ],
        "publisher": publisher(request),
        "inLanguage": "th",
        "articleSection": article.agency.short_name,
    }
