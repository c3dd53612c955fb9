"""RSS 2.0 feeds: the latest news, and one agency's, province's or topic's news."""

import mimetypes

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.models import Agency, Article, Topic
from articles.provinces import province_or_404
from articles.search.text import plain_text

ITEMS = 50
SUMMARY_CHARS = 300


class IsoDatedRss(Rss201rev2Feed):
    """RSS 2.0 with each item's time also in ISO 8601 (dc:date), beside the
    RFC 822 pubDate that RSS 2.0 requires."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("pubdate"):
            handler.addQuickElement("dc:date", item["pubdate"].isoformat())


def summary(article):
    """The lead, or the opening of the body, as plain text, escaped once more:
    readers take a description as HTML, so text that reads `<img …>` must
    reach them as `&lt;img …&gt;` (shown as written), never as an element."""
    text = plain_text(article.lead) or plain_text(article.body)
    return escape(Truncator(text).chars(SUMMARY_CHARS))


class LatestFeed(Feed):
    feed_type = IsoDatedRss
    language = "th"
    title = "ข่าวล่าสุด สำนักประชาสัมพันธ์เขต 3"
    description = "ข่าวภาคเหนือตอนบน จากสำนักประชาสัมพันธ์เขต 3 และหน่วยงานในสังกัด"

    def link(self):
        return reverse("articles:home")

    def articles(self):
        return Article.objects.published().select_related(
            "agency", "author", "lead_photo"
        )

    def items(self):
        return self.articles()[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return summary(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.byline if item.author_id else item.agency.short_name

    def item_categories(self, item):
        return [item.agency.short_name]

    def item_guid(self, item):
        return None  # the link is the guid (isPermaLink)

    def item_enclosures(self, item):
        # The lead photo (its display rendition), as readers and aggregators
        # show it beside the headline.
        photo = item.lead_photo
        if photo is None or not photo.display:
            return []
        display = photo.display
        try:
            length = display.size
        except OSError:  # the file is gone from storage: no picture, not an error
            return []
        mime = mimetypes.guess_type(display.name)[0] or "image/jpeg"
        url = self.request.build_absolute_uri(display.url)
        return [Enclosure(url, str(length), mime)]

    def get_feed(self, obj, request):
        self.request = request  # enclosure URLs are absolute
        return super().get_feed(obj, request)


class AgencyFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Agency, slug=slug)

    def title(self, obj):
        return f"ข่าว {obj.full_name}"

    def description(self, obj):
        return f"ข่าวล่าสุดจาก{obj.full_name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.articles().filter(agency=obj)[:ITEMS]


class ProvinceFeed(LatestFeed):
    def get_object(self, request, slug):
        return province_or_404(slug)

    def title(self, obj):
        return f"ข่าวจังหวัด{obj.name}"

    def description(self, obj):
        return f"ข่าวล่าสุดจากสำนักงานประชาสัมพันธ์จังหวัด{obj.name} และ สวท.{obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.articles().filter(agency__in=obj.agencies())[:ITEMS]


class TopicFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return f"ข่าว{obj.name} สำนักประชาสัมพันธ์เขต 3"

    def description(self, obj):
        return f"ข่าวหัวข้อ{obj.name} จากสำนักประชาสัมพันธ์เขต 3 และหน่วยงานในสังกัด"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.articles().filter(topics=obj)[:ITEMS]
