"""`{% picture photo sizes %}`: a photo's renditions as <picture>, WebP first,
with the width and height that keep the page from shifting as it loads."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(photo, sizes, *, eager=False, alt=None, css_class=""):
    """`eager` for the first image of a page (the browser fetches it at once);
    every other is lazy. `alt` replaces the photo's own (\"\" for a thumbnail
    beside a link that already says where it goes)."""
    return {
        "photo": photo,
        "fallback": photo.fallback,
        "sizes": sizes,
        "eager": eager,
        "alt": photo.alt if alt is None else alt,
        "css_class": css_class,
    }
