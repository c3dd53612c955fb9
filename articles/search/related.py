"""Related news: published articles sharing words with this one, same agency first.

Computed when an article is published or edited (articles/services/related.py
stores it), read on the page with the article and one query: related_articles().
"""

from articles.models import Article, RelatedNews, SearchDocument
from articles.search.backends import get_backend
from articles.search.backends.base import SearchTooBroad
from articles.search.backends.related import related_ids

LIMIT = 5
# Kept beyond the LIMIT shown: one unpublished since is left out at read time.
STORED = LIMIT + 3
MAX_TERMS = 8
# Words in nearly every government news title: they relate nothing.
COMMON_WORDS = {
    "การ", "ความ", "ของ", "และ", "ที่", "ใน", "ให้", "ได้", "มี", "เป็น", "กับ", "จาก",
    "โดย", "เพื่อ", "ว่า", "ไป", "มา", "ผู้", "ประจำ", "จังหวัด", "อำเภอ", "ปี", "วัน",
    "พร้อม", "ร่วม", "จัด", "ข่าว", "นาย", "นาง", "เรื่อง", "ครั้ง", "แก่", "ต่อ",
}  # fmt: skip
CARD_FIELDS = (
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


def related_terms(document):
    """The title's distinct, uncommon words, longest first (then the lead's)."""
    seen = []
    for text in (document.title, document.lead):
        for word in text.split():
            if len(word) > 1 and word not in COMMON_WORDS and word not in seen:
                seen.append(word)
    return sorted(seen[: MAX_TERMS * 2], key=len, reverse=True)[:MAX_TERMS]


def related_compute(article, *, limit=STORED):
    """Ids of up to `limit` published articles: most words shared with this
    one's title and lead first, then the same agency, then the newest; never
    the article itself. Only its neighbours in time and its agency's latest are
    looked at (backends/related.py). Uses the stored words, not the segmenter."""
    try:
        document = article.search_document
    except SearchDocument.DoesNotExist:
        document = SearchDocument(title="", lead="")
    try:
        return related_ids(
            get_backend(),
            article_id=article.pk,
            agency_id=article.agency_id,
            terms=related_terms(document),
            limit=limit,
        )
    except SearchTooBroad:  # cut short by the timeout: the agency's latest
        return list(
            Article.objects.published()
            .filter(agency_id=article.agency_id)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-id")
            .values_list("pk", flat=True)[:limit]
        )


def related_articles(article, *, limit=LIMIT):
    """The stored related news of `article` still public, in their order: one
    query when the article was read with select_related("related_news"). An
    article never computed (imported before the backfill) is computed and
    stored now, once."""
    try:
        ids = article.related_news.ids
    except RelatedNews.DoesNotExist:
        from articles.services.related import related_store

        ids = related_store(article=article).ids
    if not ids:
        return []
    by_id = (
        Article.objects.published()
        .select_related("agency", "lead_photo")
        .only(*CARD_FIELDS)
        .in_bulk(ids)
    )
    return [by_id[pk] for pk in ids if pk in by_id][:limit]
