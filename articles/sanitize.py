"""Server-side cleaning of rich text: the only HTML we store is what this allows.

CKEditor 4 is end-of-life, so nothing it sends is trusted: every rich-text value
passes through this nh3 allow-list before it is stored.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "strike", "a",
    "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
    "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them. A video is embedded only from the
# article's video address (articles/video.py), never from the body: an iframe
# pasted there, YouTube's embed code included, goes whole, fallback text too.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe"}


def clean_html(value):
    """Return value with every tag, attribute and URL scheme not allowed removed.

    Links get rel="noopener noreferrer"; javascript: and data: URLs, event
    handlers and style attributes go; script, style and iframe elements go
    with their content.
    """
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
