"""A pasted YouTube or Facebook address becomes an embed from the allow-list;
anything else is refused in Thai, and iframes in the body are removed."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleEvent
from articles.sanitize import clean_html
from articles.services.video import article_video_set
from articles.video import NO_VIDEO_ID, NOT_A_VIDEO, SHORT_LINK, Video, video_parse
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

ID = "dQw4w9WgXcQ"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{ID}"

YOUTUBE_ADDRESSES = [
    f"https://www.youtube.com/watch?v={ID}",
    f"https://www.youtube.com/watch?v={ID}&t=42s&list=PL123",
    f"http://youtube.com/watch?feature=share&v={ID}",
    f"https://m.youtube.com/watch?v={ID}",
    f"www.youtube.com/watch?v={ID}",
    f"https://youtu.be/{ID}",
    f"https://youtu.be/{ID}?si=AbCdEf",
    f"https://www.youtube.com/shorts/{ID}",
    f"https://youtube.com/shorts/{ID}?feature=share",
    f"https://www.youtube.com/embed/{ID}",
    f"https://www.youtube-nocookie.com/embed/{ID}?rel=0",
    f"https://www.youtube.com/live/{ID}",
    f"  https://youtu.be/{ID}  ",
]
FACEBOOK_ADDRESSES = [
    ("https://www.facebook.com/prphayao/videos/1234567890123456/", "1234567890123456"),
    ("https://www.facebook.com/prphayao/videos/งานลำไย/987654321012/", "987654321012"),
    ("https://m.facebook.com/watch/?v=1234567890", "1234567890"),
    ("https://www.facebook.com/watch?v=1234567890", "1234567890"),
    ("https://web.facebook.com/video.php?v=55555555555", "55555555555"),
    ("https://www.facebook.com/reel/889900112233", "889900112233"),
]
REFUSED = [
    ("https://vimeo.com/123456", NOT_A_VIDEO),
    ("https://www.youtube.com.evil.example/watch?v=" + ID, NOT_A_VIDEO),
    ("https://evil.example/?u=https://www.youtube.com/watch?v=" + ID, NOT_A_VIDEO),
    ("javascript:alert(1)//youtube.com/watch?v=" + ID, NOT_A_VIDEO),
    ("https://user@www.youtube.com/watch?v=" + ID, NOT_A_VIDEO),
    ("ftp://www.youtube.com/watch?v=" + ID, NOT_A_VIDEO),
    ("ข่าวลำไยพะเยา", NOT_A_VIDEO),
    ("https://www.youtube.com/watch?v=short", NO_VIDEO_ID),
    ("https://www.youtube.com/watch?v=" + ID + '"onload="x', NO_VIDEO_ID),
    ("https://www.youtube.com/channel/UC1234567890", NO_VIDEO_ID),
    ("https://youtu.be/", NO_VIDEO_ID),
    ("https://www.facebook.com/prphayao/", NO_VIDEO_ID),
    ("https://www.facebook.com/watch/?v=12ab", NO_VIDEO_ID),
    ("https://fb.watch/abcDEF123/", SHORT_LINK),
    ("https://www.facebook.com/share/v/1AbCdEf/", SHORT_LINK),
]


@pytest.mark.parametrize("address", YOUTUBE_ADDRESSES)
def test_youtube_addresses_become_the_nocookie_embed(address):
    video = video_parse(address)
    assert video == Video("youtube", ID)
    assert video.embed_url == NOCOOKIE
    assert video.link_url == f"https://www.youtube.com/watch?v={ID}"


@pytest.mark.parametrize(("address", "video_id"), FACEBOOK_ADDRESSES)
def test_facebook_addresses_become_the_video_plugin(address, video_id):
    video = video_parse(address)
    assert video == Video("facebook", video_id)
    embed = urlsplit(video.embed_url)
    assert (embed.scheme, embed.netloc, embed.path) == (
        "https",
        "www.facebook.com",
        "/plugins/video.php",
    )
    assert parse_qs(embed.query)["href"] == [
        f"https://www.facebook.com/watch/?v={video_id}"
    ]


@pytest.mark.parametrize(("address", "message"), REFUSED)
def test_other_addresses_are_refused_in_thai(address, message):
    with pytest.raises(ValidationError) as refusal:
        video_parse(address)
    assert refusal.value.messages == [message]


def test_every_embed_host_is_in_the_frame_src_setting():
    hosts = {
        f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        for url in (video_parse(YOUTUBE_ADDRESSES[0]).embed_url,)
        + tuple(video_parse(a).embed_url for a, _ in FACEBOOK_ADDRESSES)
    }
    assert hosts == set(settings.CSP_FRAME_SRC)


def test_a_youtube_iframe_pasted_into_the_body_is_removed_whole():
    pasted = (
        "<p>ก่อน</p>"
        f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{ID}" '
        'title="YouTube video player" allowfullscreen>ดูวิดีโอ</iframe><p>หลัง</p>'
    )
    assert clean_html(pasted) == "<p>ก่อน</p><p>หลัง</p>"
    nocookie = f'<iframe src="{NOCOOKIE}"></iframe>'
    assert clean_html(nocookie) == ""


@pytest.fixture
def editor(agency):
    return make_user("video-editor", agencies=[agency])


@pytest.fixture
def article(agency):
    return make_article(title="ผู้ว่าฯ เปิดงานลำไยพะเยา")


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def save_video(client, article, address):
    return client.post(
        reverse("desk:video-save", args=[article.pk]), {"video_url": address}
    )


def test_the_editor_pastes_a_shorts_address_and_the_page_embeds_it(desk, article):
    version = article.version
    response = save_video(desk, article, f"https://youtube.com/shorts/{ID}")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.video_url == f"https://www.youtube.com/watch?v={ID}"
    assert article.version == version  # an open edit form is not made stale
    assert ArticleEvent.objects.filter(
        article=article, detail__contains=ID, action="edited"
    ).exists()

    page = Client().get(article.get_absolute_url())
    html = page.content.decode()
    frames = re.findall(r"<iframe [^>]*>", html)
    assert len(frames) == 1
    frame = frames[0]
    assert f'src="{NOCOOKIE}"' in frame
    assert 'loading="lazy"' in frame
    assert 'title="วิดีโอ YouTube: ผู้ว่าฯ เปิดงานลำไยพะเยา"' in frame
    # The plain link for when frames are blocked or JavaScript is off.
    assert f'<a href="https://www.youtube.com/watch?v={ID}"' in html
    assert "ดูวิดีโอนี้บน YouTube" in html
    # The embed follows the body.
    assert html.index('<div class="body">') < html.index("<iframe")
    policy = page["Content-Security-Policy"]
    frame_src = re.search(r"frame-src ([^;]*)", policy)[1].split()
    assert frame_src == [
        "https://www.youtube-nocookie.com",
        "https://www.facebook.com",
    ]
    assert "default-src 'self'" in policy


def test_a_bad_address_is_refused_in_thai_and_keeps_the_stored_one(desk, article):
    save_video(desk, article, f"https://youtu.be/{ID}")
    response = save_video(desk, article, "https://vimeo.com/76979871")
    assert response.status_code == 400
    html = response.content.decode()
    assert "ที่อยู่วิดีโอไม่ถูกต้อง" in html
    assert 'value="https://vimeo.com/76979871"' in html  # typed text kept
    article.refresh_from_db()
    assert article.video_url == f"https://www.youtube.com/watch?v={ID}"


def test_an_empty_address_removes_the_video(desk, article):
    save_video(desk, article, f"https://youtu.be/{ID}")
    assert save_video(desk, article, "").status_code == 302
    article.refresh_from_db()
    assert article.video_url == ""
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert 'class="video"' not in html


def test_a_facebook_video_is_embedded_from_the_plugin(desk, article):
    save_video(desk, article, FACEBOOK_ADDRESSES[0][0])
    html = Client().get(article.get_absolute_url()).content.decode()
    assert (
        'src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2F'
        'www.facebook.com%2Fwatch%2F%3Fv%3D1234567890123456&amp;show_text=false"'
    ) in html
    assert "ดูวิดีโอนี้บน Facebook" in html


def test_the_desk_page_shows_the_form_and_the_stored_video(desk, article):
    save_video(desk, article, f"https://youtu.be/{ID}")
    response = desk.get(reverse("desk:attachments", args=[article.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="https://www.youtube.com/watch?v={ID}"' in html
    assert "วิดีโอที่บันทึกไว้" in html
    edit = desk.get(reverse("desk:edit", args=[article.pk])).content.decode()
    assert reverse("desk:attachments", args=[article.pk]) in edit


def test_other_agencies_and_services_callers_cannot_set_a_video(
    client, article, other_agency
):
    outsider = make_user("video-outsider", agencies=[other_agency])
    client.force_login(outsider)
    assert save_video(client, article, f"https://youtu.be/{ID}").status_code == 404
    with pytest.raises(PermissionDenied):
        article_video_set(article=article, user=outsider, address=ID)
    assert Article.objects.get(pk=article.pk).video_url == ""


def test_a_stored_address_that_no_longer_parses_embeds_nothing(article):
    Article.objects.filter(pk=article.pk).update(video_url="https://evil.example/x")
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "<iframe" not in html
    assert "evil.example" not in html
