"""An article page's own parts, rendered once per change and kept in the
database (ArticleRender): an article nobody has asked for since it last
changed costs one query, not a walk of its photos, topics, documents and
related news through the ORM and a dozen templates.

The parts are the page's <head> meta (title, description, canonical, Open
Graph, feed link, JSON-LD) and its content cut at the read count. On a page
cache miss the article view (views/public.py) calls parts_current():

1. The article epoch (PageGeneration row 2) was read with the page
   generation, before anything of the article (pagecache/render.epoch()).
2. One query reads the stored parts if their stamp is the article's
   updated_at, their epoch that epoch and their build this code's templates
   (build()). The same updated_at means the same status and times as when
   they were drawn, for a public article: they serve unless its end has come.
3. Otherwise the article is read (published only, else 404), its parts
   rendered from the ORM (parts_render) and stored with its updated_at and
   the epoch of step 1, never a newer one: a change committed in between
   leaves them stale at once, drawn again on the next request.

What moves the epoch: pagecache.invalidation.pages_invalidate() (agencies,
authors, topics, a public article's photos and documents, a public article
edited or withdrawn: other articles' related news show it). A draft saved or
an article published for the first time leaves every stored part current.

Absolute addresses (canonical, share links, JSON-LD, og:image) are rendered
for a marker drawn per render instead of the site's origin, and the page puts
the request's origin in its place: the parts do not depend on the Host a
visitor sent, and no article text can hold the marker.
"""

from articles.article_parts.parts import Parts
from articles.article_parts.store import parts_current, parts_store_all

__all__ = ["Parts", "parts_current", "parts_store_all"]
