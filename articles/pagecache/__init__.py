"""Cached public pages: the home page, an agency's page, an article.

These are the pages a LINE share sends thousands to at once. A cached one is the
same bytes for every anonymous visitor (no per-visitor token: the login box is
checked by its Origin, accounts/views.py) but two holes, the article's read
count and the most-read block.

A request, in order:

1. front.py (the WSGI application, newsroom/wsgi.py) takes anonymous GET and
   HEAD requests for `/`, `/agency/<slug>/` and `/news/<id>/` (keys.py: valid
   page numbers, a canonical host). It reads the page generation from the
   database, at most once a second per thread (invalidation.py).
2. One round trip to Redis (hit.lua, over link.py's connection with short
   timeouts) returns the page stored under that generation, the most-read
   block and, for an article, counts the read (articles/reads/). A list page
   and block Redis confirmed less than a second ago cost none (hits.py).
3. Found: the holes are filled and the page is sent, without Django; gzip to
   a client that accepts it, from pieces compressed when the page was stored
   (page.py).
   Missing: Django renders it; the view (articles/views/public.py) calls
   render.fetch() and render.store(), and render.PageCacheMiddleware stores it
   with the final headers, in the byte format of page.py. An article's own
   parts come from the database, drawn once per change (articles/article_parts/).
   Redis down, slow or full: Django renders every page from the database and
   counts every read there; link.py tries Redis again a second later.
4. A change to what the pages show (the services in articles/services/) calls
   invalidation.pages_invalidate() in its transaction: the generation moves on
   in the database, and no page of an older one is ever answered again.

Redis only ever holds copies: flushed, evicted or restored from an old snapshot,
it costs renders, never a stale page or a lost read.
"""
