"""What every public page needs and only content changes: kept in this
process's memory, keyed by the page generation (articles/pagecache/invalidation.py),
so a page renders it once per change, with or without a shared cache.

- fragment(): the header (menu of provinces and topics) and the footer (the
  site's identity, its policy pages): they depend on no request, only on the
  topics (saved: the generation moves on) and on settings.
- remember(): small values (the menu's data, a list's count) for at most a
  few seconds, under a key that carries the generation.

A generation moved on by another process is seen within GENERATION_SECONDS, as
for the pages themselves.
"""

import threading
import time

from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.pagecache import render

MAX_ENTRIES = 256  # the current generation's and the last few: then start over
_kept = {}
_lock = threading.Lock()


def remember(key, seconds, compute):
    """compute()'s value, kept here for `seconds` under `key`."""
    found = _kept.get(key)
    now = time.monotonic()
    if found is not None and found[0] > now:
        return found[1]
    value = compute()
    with _lock:
        if len(_kept) >= MAX_ENTRIES:
            _kept.clear()
        _kept[key] = (now + seconds, value)
    return value


def fragment(request, name, template, context, seconds=300):
    """`template` rendered with `context()` (a function: called only when
    rendering), as safe HTML, once per page generation in this process."""
    key = ("fragment", name, render.generation(request))
    return remember(
        key, seconds, lambda: mark_safe(render_to_string(template, context()))
    )


def fragments_forget(**kwargs):
    """Compute everything again: settings changed (tests), or a test's rolled
    back transaction gave an old generation number other content."""
    with _lock:
        _kept.clear()


setting_changed.connect(fragments_forget, dispatch_uid="fragments-settings")
