"""What an import run looks up once instead of once per page."""

import hashlib

from django.utils.text import slugify

from articles.models import Agency, Article, Author

# Pages that print no agency belong to the Region 3 office that ran the site.
DEFAULT_AGENCY_SLUG = "region3"
KIND_PREFIXES = (
    ("ส.ปชส.", Agency.Kind.PROVINCIAL),
    ("ปชส.", Agency.Kind.PROVINCIAL),
    ("สวท.", Agency.Kind.RADIO),
    ("สปข.", Agency.Kind.REGIONAL),
    ("สทท.", Agency.Kind.TV),
    ("NBT", Agency.Kind.TV),
)
_MISSING = object()
MAX_AUTHORS = 5000


def compact(text):
    """Text without any whitespace: names and headlines compare by this."""
    return "".join(text.split())


def agency_slug(name):
    """An ASCII slug for an agency known only by its Thai name: stable, unique."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    ascii_part = slugify(name)[:40].strip("-")
    return f"legacy-{ascii_part}-{digest}" if ascii_part else f"legacy-{digest}"


def agency_defaults(name):
    kind, province = Agency.Kind.PROVINCIAL, ""
    for prefix, prefix_kind in KIND_PREFIXES:
        if name.startswith(prefix):
            kind = prefix_kind
            if kind in (Agency.Kind.PROVINCIAL, Agency.Kind.RADIO):
                province = name[len(prefix) :].strip()[:60]
            break
    return {
        "full_name": name,
        "byline_name": name if len(name) <= 100 else "",
        "slug": agency_slug(name),
        "kind": kind,
        "province": province,
        "is_active": False,
    }


class ImportCache:
    """Agencies, authors and articles of one run, each looked up once.

    Rows made or changed inside a transaction (a page's, or a chunk's) are
    remembered at once, so later pages of the chunk see them, and forgotten
    again by rollback(): a failed transaction takes its new agencies and
    authors with it.
    """

    def __init__(self):
        self._agencies = None
        self._authors = {}
        self._articles = {}
        self._undo = []
        # Dry runs store nothing, so they remember what they would have made.
        self.planned_agencies = set()
        self.planned_ids = {}

    # Agencies ---------------------------------------------------------------

    def _agency_index(self):
        if self._agencies is None:
            index = {}
            agencies = list(Agency.objects.all())
            # Short names win over full names, full names over bylines.
            for attr in ("byline_name", "full_name", "short_name"):
                for agency in agencies:
                    if getattr(agency, attr):
                        index[compact(getattr(agency, attr))] = agency
            self._agencies = index
        return self._agencies

    def agency_lookup(self, name):
        return self._agency_index().get(compact(name))

    def agency_guess(self, *texts):
        """The agency whose name appears in the byline or editor, longest name
        first; else the Region 3 office."""
        index = self._agency_index()
        for text in texts:
            key = compact(text)
            for name in sorted(index, key=len, reverse=True):
                if name and name in key:
                    return index[name]
        return next((a for a in index.values() if a.slug == DEFAULT_AGENCY_SLUG), None)

    def agency_create(self, name):
        agency, _ = Agency.objects.get_or_create(
            short_name=name, defaults=agency_defaults(name)
        )
        self._remember(self._agency_index(), compact(name), agency)
        return agency

    # Authors ------------------------------------------------------------------

    def author(self, byline, agency, *, create):
        """The Author printed as byline (None when blank), created if asked."""
        if not byline:
            return None
        author = self._authors.get(byline, _MISSING)
        if len(self._authors) > MAX_AUTHORS:
            self._authors.clear()  # most bylines recur; a run need not keep all
        if author is _MISSING or (author is None and create):
            if create:
                author, _ = Author.objects.get_or_create(
                    byline=byline, defaults={"agency": agency}
                )
                self._remember(self._authors, byline, author)
            else:
                author = Author.objects.filter(byline=byline).first()
                self._authors[byline] = author
        return author

    # Articles -----------------------------------------------------------------

    def articles_prefetch(self, legacy_ids):
        """Look up a batch of pages' articles in one query."""
        wanted = [i for i in legacy_ids if i not in self._articles]
        # Only this batch is kept: memory does not grow with the run.
        self._articles = {
            i: self._articles[i] for i in legacy_ids if i in self._articles
        }
        self._articles.update(dict.fromkeys(wanted))
        found = (
            Article.objects.select_related("reads")
            .filter(legacy_id__in=wanted)
            .order_by()
        )
        for article in found:
            self._articles[article.legacy_id] = article

    def article(self, legacy_id):
        article = self._articles.get(legacy_id, _MISSING)
        if article is _MISSING:
            article = (
                Article.objects.select_related("reads")
                .filter(legacy_id=legacy_id)
                .order_by()
                .first()
            )
        return article

    def article_stored(self, article):
        self._remember(self._articles, article.legacy_id, article)

    # Transactions -----------------------------------------------------------

    def _remember(self, mapping, key, value):
        self._undo.append((mapping, key, mapping.get(key, _MISSING)))
        mapping[key] = value

    def commit(self):
        self._undo.clear()

    def rollback(self, legacy_ids=()):
        for mapping, key, before in reversed(self._undo):
            if before is _MISSING:
                mapping.pop(key, None)
            else:
                mapping[key] = before
        self._undo.clear()
        # Article rows may have been changed in memory before the failure.
        for legacy_id in legacy_ids:
            self._articles.pop(legacy_id, None)
