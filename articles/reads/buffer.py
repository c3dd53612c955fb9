"""The reads a worker acknowledged and has not yet seen committed.

Each is kept twice: in the worker's memory, and in the worker's journal in
Redis (a hash per batch, `newsroom:reads:journal:<batch>`, written by the page
script in the same round trip as the page). The memory is what the worker
writes to the database (flusher.py), so a Redis crash loses nothing; the
journal is what another worker writes when this one dies, so a killed worker
loses nothing. The batch id, recorded in the database with the counts, makes
either writer count a batch once.

The batch is swapped under a lock that the request thread holds across its
round trip, so a read is always in the memory of the batch whose journal Redis
counted it in.
"""

import os
import secrets
import socket
import threading
import time
from collections import Counter

from articles.pagecache.keys import PREFIX

JOURNAL_SECONDS = 7 * 86400  # an orphan's journal waits this long for an adopter
JOURNALS = f"{PREFIX}reads:journals"  # the set of every journal's batch id


def journal_key(batch):
    return f"{PREFIX}reads:journal:{batch}"


def alive_key(worker):
    return f"{PREFIX}reads:alive:{worker}"


def batch_worker(batch):
    return batch.split(":", 1)[0]


def batch_started(batch):
    """When the batch was opened (seconds since the epoch)."""
    return int(batch.split(":")[1]) / 1000


def shown_key(article_id):
    return f"{PREFIX}reads:shown:{article_id}"


def script_arguments(journal, article_id, day, counted):
    """hit.lua's KEYS[3..5] and ARGV[4..7] for an article's read."""
    keys = [shown_key(article_id), journal.key, JOURNALS]
    args = ["1" if counted else "0", f"{article_id}|{day.isoformat()}"]
    return keys, [*args, JOURNAL_SECONDS, journal.batch]


class Journal:
    """The batch a read is being counted in, while the lock is held."""

    def __init__(self, buffer):
        self.buffer = buffer
        self.batch = buffer.batch
        self.key = journal_key(buffer.batch)

    def add(self, article_id, day):
        self.buffer.counts[(article_id, day.isoformat())] += 1


class ReadBuffer:
    def __init__(self, link):
        self.link = link
        self.pid = os.getpid()
        # Random too: a pid is used again, a dead worker's journals must not
        # look like a live one's.
        self.worker = f"{socket.gethostname()}-{self.pid}-{secrets.token_hex(3)}"
        self.lock = threading.Lock()
        self.batch = self._new_batch()
        self.counts = Counter()
        self.sealed = []  # [(batch, counts)], oldest first, not yet committed

    def _new_batch(self):
        return f"{self.worker}:{int(time.time() * 1000)}:{secrets.token_hex(4)}"

    def journal(self):
        """with buffer.journal() as journal: count in Redis, then journal.add()."""
        return _Held(self)

    def seal(self):
        """Close the current batch; return every batch still to write."""
        with self.lock:
            self.sealed.append((self.batch, self.counts))
            self.batch, self.counts = self._new_batch(), Counter()
            return list(self.sealed)

    def written(self, batch):
        """The batch is in the database (or was empty): forget it here and in
        Redis. A journal Redis could not delete is found and deleted later
        (flusher.adopt)."""
        with self.lock:
            self.sealed = [(b, c) for b, c in self.sealed if b != batch]

    def mine(self, batch):
        with self.lock:
            return batch == self.batch or any(b == batch for b, _ in self.sealed)

    def pending(self, article_id):
        """Reads of the article this worker has not yet written."""
        with self.lock:
            batches = [self.counts, *(c for _, c in self.sealed)]
            return sum(n for c in batches for (a, _), n in c.items() if a == article_id)

    def total(self):
        with self.lock:
            return sum(self.counts.values()) + sum(
                sum(c.values()) for _, c in self.sealed
            )


class _Held:
    def __init__(self, buffer):
        self.buffer = buffer

    def __enter__(self):
        self.buffer.lock.acquire()
        return Journal(self.buffer)

    def __exit__(self, *exc):
        self.buffer.lock.release()
