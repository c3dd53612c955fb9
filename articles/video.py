"""A pasted YouTube or Facebook video address, turned into an embed we allow.

Only these two services are embedded, and only from addresses we rebuild
ourselves from the video's id: nothing the editor typed reaches an iframe's
`src` as is. YouTube plays from youtube-nocookie.com (no cookies until the
visitor presses play); Facebook through its video plugin. The hosts here are
the only ones the Content-Security-Policy lets a page frame (CSP_FRAME_SRC in
newsroom/settings/base.py).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE_EMBED = "https://www.youtube-nocookie.com/embed/"
FACEBOOK_PLUGIN = "https://www.facebook.com/plugins/video.php"

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
FACEBOOK_HOSTS = {
    "facebook.com",
    "www.facebook.com",
    "m.facebook.com",
    "web.facebook.com",
}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
FACEBOOK_ID = re.compile(r"[0-9]{5,20}")
# /shorts/ID, /embed/ID, /live/ID, /v/ID on youtube.com; /ID on youtu.be.
YOUTUBE_PATH = re.compile(r"/(?:shorts|embed|live|v)/([^/]+)/?")
# /<page>/videos/ID, /<page>/videos/<words>/ID, /reel/ID, /watch/live/?v=ID...
FACEBOOK_PATH = re.compile(r"/(?:[^/]+/videos/(?:[^/]+/)?|reel/)([0-9]+)/?")
MAX_LENGTH = 500

NOT_A_VIDEO = (
    "ที่อยู่วิดีโอไม่ถูกต้อง รองรับเฉพาะวิดีโอจาก YouTube (youtube.com/watch?v=…, "
    "youtu.be/…, youtube.com/shorts/…) หรือ Facebook (facebook.com/…/videos/…)"
)
NO_VIDEO_ID = "ไม่พบรหัสวิดีโอในที่อยู่นี้ โปรดคัดลอกที่อยู่ของวิดีโอจากแถบที่อยู่อีกครั้ง"
TOO_LONG = "ที่อยู่วิดีโอยาวเกิน 500 ตัวอักษร"
# Short and share links hide the video's id behind a redirect we do not follow.
SHORT_LINK = (
    "ลิงก์ย่อหรือลิงก์แชร์ของ Facebook ใช้ไม่ได้ โปรดเปิดวิดีโอ "
    "แล้วคัดลอกที่อยู่เต็ม (facebook.com/…/videos/…) จากแถบที่อยู่"
)


@dataclass(frozen=True)
class Video:
    service: str  # "youtube" or "facebook"
    id: str

    @property
    def service_name(self):
        return "YouTube" if self.service == "youtube" else "Facebook"

    @property
    def link_url(self):
        """The video's own page: what is stored, and the plain link shown."""
        if self.service == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}"
        return f"https://www.facebook.com/watch/?v={self.id}"

    @property
    def embed_url(self):
        if self.service == "youtube":
            return f"{YOUTUBE_EMBED}{self.id}"
        return f"{FACEBOOK_PLUGIN}?href={quote(self.link_url, safe='')}&show_text=false"


def _youtube_id(host, path, query):
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif path.rstrip("/") == "/watch":
        candidate = (query.get("v") or [""])[0]
    else:
        match = YOUTUBE_PATH.fullmatch(path)
        candidate = match[1] if match else ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else None


def _facebook_id(path, query):
    if path.rstrip("/") in ("/watch", "/video.php", "/watch/live"):
        candidate = (query.get("v") or [""])[0]
    else:
        match = FACEBOOK_PATH.fullmatch(path)
        candidate = match[1] if match else ""
    return candidate if FACEBOOK_ID.fullmatch(candidate) else None


def video_parse(address):
    """The Video an address points to, or ValidationError (Thai) saying why not.

    Accepts http or https, with or without www, and the address as copied from
    the browser, the share button or an embed code's src."""
    address = (address or "").strip()
    if len(address) > MAX_LENGTH:
        raise ValidationError(TOO_LONG, code="too_long")
    if "://" not in address:
        address = "https://" + address
    try:
        parts = urlsplit(address)
        host = (parts.hostname or "").lower()
        odd = parts.username is not None or parts.port is not None
    except ValueError as exc:  # a port that is not a number, a bad IPv6 host
        raise ValidationError(NOT_A_VIDEO, code="not_a_video") from exc
    if parts.scheme not in ("http", "https") or odd:
        raise ValidationError(NOT_A_VIDEO, code="not_a_video")
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS or host == "youtu.be":
        service, found = "youtube", _youtube_id(host, parts.path, query)
    elif host == "fb.watch" or (
        host in FACEBOOK_HOSTS and parts.path.startswith("/share/")
    ):
        raise ValidationError(SHORT_LINK, code="short_link")
    elif host in FACEBOOK_HOSTS:
        service, found = "facebook", _facebook_id(parts.path, query)
    else:
        raise ValidationError(NOT_A_VIDEO, code="not_a_video")
    if found is None:
        raise ValidationError(NO_VIDEO_ID, code="no_id")
    return Video(service, found)


def video_of(stored):
    """The Video for an address stored on an article, or None (none, or one
    that no longer parses: it is then not embedded at all)."""
    if not stored:
        return None
    try:
        return video_parse(stored)
    except ValidationError:
        return None
