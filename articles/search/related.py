"""Related news: published articles sharing words with this one, same agency first."""

from django.core.cache import cache

from articles.models import Article, SearchDocument
from articles.pagecache.invalidation import current_generation
from articles.search.backends import get_backend
from articles.search.backends.base import SearchTooBroad
from articles.search.backends.related import related_ids

LIMIT = 5
MAX_TERMS = 8
CACHE_SECONDS = 60
# Words in nearly every government news title: they relate nothing.
COMMON_WORDS = {
    "การ", "ความ", "ของ", "และ", "ที่", "ใน", "ให้", "ได้", "มี", "เป็น", "กับ", "จาก",
    "โดย", "เพื่อ", "ว่า", "ไป", "มา", "ผู้", "ประจำ", "จังหวัด", "อำเภอ", "ปี", "วัน",
    "พร้อม", "ร่วม", "จัด", "ข่าว", "นาย", "นาง", "เรื่อง", "ครั้ง", "แก่", "ต่อ",
}  # fmt: skip


def related_terms(document):
    """The title's distinct, uncommon words, longest first (then the lead's)."""
    seen = []
    for text in (document.title, document.lead):
        for word in text.split():
            if len(word) > 1 and word not in COMMON_WORDS and word not in seen:
                seen.append(word)
    return sorted(seen[: MAX_TERMS * 2], key=len, reverse=True)[:MAX_TERMS]


def related_articles(article, *, limit=LIMIT):
    """Up to `limit` published articles: most words shared with this one's title
    and lead first, then the same agency, then the newest; never the article
    itself. Only its neighbours in time and its agency's latest are looked at
    (backends/related.py). Uses the stored words: the page never loads the
    segmenter."""
    key = f"related:{current_generation()}:{article.pk}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        document = article.search_document
    except SearchDocument.DoesNotExist:
        document = SearchDocument(title="", lead="")
    try:
        ids = related_ids(
            get_backend(),
            article_id=article.pk,
            agency_id=article.agency_id,
            terms=related_terms(document),
            limit=limit,
        )
    except SearchTooBroad:  # cut short by the timeout: the agency's latest
        ids = list(
            Article.objects.published()
            .filter(agency_id=article.agency_id)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-id")
            .values_list("pk", flat=True)[:limit]
        )
    by_id = (
        Article.objects.select_related("agency", "lead_photo")
        .only(
            "id",
            "title",
            "published_at",
            "agency__short_name",
            "agency__slug",
            # The thumbnail beside each title (templates/includes/card_photo.html).
            "lead_photo__image",
            "lead_photo__display",
            "lead_photo__width",
            "lead_photo__height",
            "lead_photo__renditions",
        )
        .in_bulk(ids)
    )
    related = [by_id[pk] for pk in ids if pk in by_id]
    cache.set(key, related, CACHE_SECONDS)
    return related
