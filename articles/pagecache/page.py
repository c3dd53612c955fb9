"""A rendered page with holes, and the bytes it is stored as.

A page is the same bytes for every anonymous visitor but two holes: the read
count of an article (it changes with every read) and the most-read block
(fresher than the page). The template prints a hole as a marker holding a
random nonce drawn for that render (Holes), so no text an editor typed can make
one: the page is cut at the markers once, and stored with the offsets of its
holes, never searched for markers again.

Stored as: MAGIC, a 12-byte stamp unique to the render (a worker holding the
page asks Redis only whether the stamp is still the stored one: front.py), the
length of a JSON header (4 bytes, big-endian), the header (content type,
response headers, fresh-until time, the holes' offsets and names, the lengths
of the compressed pieces), the body, then the compressed pieces.

Compressed once, when stored: each piece between holes is deflated on its own
and ends on a byte boundary (a sync flush, the last one a finish), so a gzip
answer is one gzip stream made by joining them, each hole's value in between
as a stored (uncompressed) deflate block, and the trailer: nothing is
compressed per request but the CRC of the page.
"""

import json
import re
import secrets
import struct
import time
import zlib

from django.utils.safestring import mark_safe

MAGIC = b"NRP2"
HEAD_BYTES = len(MAGIC) + 12  # what identifies a stored render
READS = "reads"
MOST_READ = "most-read"
# Larger pages are not stored: one entry never takes more than this.
MAX_ENTRY_BYTES = 512 * 1024
# A gzip member's header: no name, no time (the same bytes for everyone).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
STORED_BLOCK_BYTES = 65535  # the most a stored deflate block holds


def deflated(pieces):
    """Each piece as raw deflate blocks of its own, ending on a byte boundary;
    the last one ends the stream."""
    out = []
    for index, piece in enumerate(pieces):
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        last = index == len(pieces) - 1
        out.append(
            packer.compress(piece)
            + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        )
    return out


def stored_blocks(data):
    """`data` as non-final stored deflate blocks (at a byte boundary)."""
    out = []
    for start in range(0, len(data), STORED_BLOCK_BYTES):
        chunk = data[start : start + STORED_BLOCK_BYTES]
        out.append(struct.pack("<BHH", 0, len(chunk), 0xFFFF ^ len(chunk)) + chunk)
    return b"".join(out)


class Holes:
    """The markers of one render: print them where the values go."""

    def __init__(self):
        self.nonce = secrets.token_hex(12)
        self.reads = mark_safe(self.marker(READS))
        self.most_read = mark_safe(self.marker(MOST_READ))
        self.pattern = re.compile(
            rb"<!--hole ("
            + READS.encode()
            + rb"|"
            + MOST_READ.encode()
            + rb") "
            + self.nonce.encode()
            + rb"-->"
        )

    def marker(self, name):
        return f"<!--hole {name} {self.nonce}-->"


class Page:
    __slots__ = ("pieces", "content_type", "headers", "fresh_until", "deflated")

    def __init__(
        self, pieces, content_type, headers=(), fresh_until=None, deflated=None
    ):
        self.pieces = pieces  # text, hole name, text, hole name, ... text
        self.deflated = deflated  # the texts deflated (deflated()), once stored
        self.content_type = content_type
        # The headers the middleware gave the response: a page answered in
        # front of Django needs them.
        self.headers = headers
        self.fresh_until = fresh_until  # None: fresh while it is stored

    @classmethod
    def cut(cls, content, holes, content_type):
        """The page of a rendered body, cut at this render's markers."""
        pieces = holes.pattern.split(content)
        for index in range(1, len(pieces), 2):
            pieces[index] = pieces[index].decode()
        return cls(pieces, content_type)

    def compress(self):
        """Deflate the pieces for gzip answers (once, before storing)."""
        self.deflated = deflated(self.pieces[::2])

    def stale(self):
        return self.fresh_until is not None and time.time() > self.fresh_until

    def fill(self, values):
        """The bytes for one visitor: each hole replaced by values[name]."""
        pieces = self.pieces
        if len(pieces) == 1:
            return pieces[0]
        out = pieces.copy()
        for index in range(1, len(out), 2):
            out[index] = values[out[index]]
        return b"".join(out)

    def fill_gzip(self, values):
        """fill(values) as a gzip stream, from the pieces compressed when the
        page was stored: the holes' values go in uncompressed."""
        out, crc, size = [GZIP_HEADER], 0, 0
        for index, piece in enumerate(self.pieces):
            if index % 2:
                piece = values[piece]
                out.append(stored_blocks(piece))
            else:
                out.append(self.deflated[index // 2])
            crc = zlib.crc32(piece, crc)
            size += len(piece)
        out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(out)

    def to_bytes(self):
        holes, offset = [], 0
        for index, piece in enumerate(self.pieces):
            if index % 2:
                holes.append([offset, piece])
            else:
                offset += len(piece)
        header = json.dumps(
            {
                "type": self.content_type,
                "headers": [list(pair) for pair in self.headers],
                "fresh_until": self.fresh_until,
                "holes": holes,
                "deflated": [len(piece) for piece in self.deflated],
            }
        ).encode()
        body = b"".join(self.pieces[::2])
        stamp = secrets.token_bytes(HEAD_BYTES - len(MAGIC))
        return b"".join(
            [MAGIC, stamp, struct.pack(">I", len(header)), header, body, *self.deflated]
        )

    @classmethod
    def from_bytes(cls, data):
        """The page stored as `data`, or None if it is not a page of this format."""
        if not data.startswith(MAGIC) or len(data) < HEAD_BYTES + 4:
            return None
        (size,) = struct.unpack_from(">I", data, HEAD_BYTES)
        start = HEAD_BYTES + 4
        header = json.loads(data[start : start + size])
        view = memoryview(data)
        at = start + size
        pieces = []
        for offset, name in header["holes"]:
            pieces += [bytes(view[at : start + size + offset]), name]
            at = start + size + offset
        end = len(data) - sum(header["deflated"])
        pieces.append(bytes(view[at:end]))
        packed = []
        for length in header["deflated"]:
            packed.append(bytes(view[end : end + length]))
            end += length
        return cls(
            pieces,
            header["type"],
            tuple(tuple(pair) for pair in header["headers"]),
            header["fresh_until"],
            packed,
        )
