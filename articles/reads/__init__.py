"""The read counter: one visit, one read, counted exactly once.

Where a read is counted, in request order:

1. An anonymous GET of a cached article is answered in front of Django
   (articles/pagecache/front.py). hit.lua counts the read in this worker's
   journal in Redis, in the round trip that fetches the page, and the worker
   adds it to its memory (buffer.py) under the same lock.
2. Any other article GET is rendered by Django; the view calls read_record()
   (counter.py), which counts it the same way through hit.lua.
3. When Redis fails, times out or refuses writes, the read is counted in the
   database at once instead (one UPDATE and one upsert), never in both. But
   when the script went out and its answer never came (link.Unanswered),
   Redis may have counted the read in the journal, or may still (a paused
   server runs what it received): then the read goes into the worker's batch
   as if Redis had answered, so whoever writes that batch counts it once.

Every READS_FLUSH_SECONDS each worker's flusher (flusher.py, started by
gunicorn.conf.py) writes its sealed batches to the database, exactly once per
batch id (database.py), and writes the journals a dead worker left.

What a fault loses: a Redis crash, none (the workers' memory has every read);
a killed worker, none (its journal in Redis is written by another worker); both
at once, the reads of that worker since its last flush (one interval).
"""

from articles.reads.counter import (
    bangkok_today,
    get_buffer,
    is_counted,
    is_visit,
    read_count,
    read_record,
    reads_flush,
)
from articles.reads.database import read_total_ensure

__all__ = [
    "bangkok_today",
    "get_buffer",
    "is_counted",
    "is_visit",
    "read_count",
    "read_record",
    "read_total_ensure",
    "reads_flush",
]
