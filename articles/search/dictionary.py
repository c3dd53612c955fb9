"""Agency names in the segmentation dictionary, loaded from the database."""

from articles import thai

_loaded = False


def agency_words(agency):
    names = [agency.short_name, agency.byline_name, agency.province]
    return [n for n in names if n]


def ensure_agency_words():
    """Add every agency's names once per process, before the first segmentation.

    Full names (สำนักงานประชาสัมพันธ์จังหวัดพะเยา) are left to the segmenter: as
    one dictionary word they would hide the province inside them.
    """
    global _loaded
    if _loaded:
        return
    from articles.models import Agency

    words = []
    for agency in Agency.objects.only("short_name", "byline_name", "province"):
        words.extend(agency_words(agency))
    thai.add_words(words)
    _loaded = True


def agency_saved(sender, instance, **kwargs):
    """post_save of Agency: its names join the dictionary of this process."""
    thai.add_words(agency_words(instance))
