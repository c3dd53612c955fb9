"""Related news on the article page: shared words, same agency, never itself."""

from articles.models import Article, SearchDocument
from articles.search import related_articles
from tests.factories import make_article


def _ids(articles):
    return [a.pk for a in articles]


def _fresh(article):
    return Article.objects.select_related("search_document").get(pk=article.pk)


def test_articles_sharing_words_come_first(agency, other_agency):
    article = make_article(agency=agency, title="รณรงค์ป้องกันไข้เลือดออกในโรงเรียน")
    same_topic = make_article(agency=other_agency, title="ลำปางเร่งป้องกันไข้เลือดออก")
    unrelated = make_article(agency=other_agency, title="ตลาดนัดผ้าทอพื้นเมือง")
    related = _ids(related_articles(_fresh(article)))
    assert related[0] == same_topic.pk
    assert article.pk not in related and unrelated.pk not in related


def test_same_agency_breaks_ties_and_fills_the_list(agency, other_agency):
    article = make_article(agency=agency, title="ทำบุญตักบาตรวันขึ้นปีใหม่")
    elsewhere = make_article(agency=other_agency, title="ลำปางทำบุญตักบาตร")
    mine = make_article(agency=agency, title="พะเยาทำบุญตักบาตร")
    own_news = make_article(agency=agency, title="ประชุมประจำเดือน")
    related = _ids(related_articles(_fresh(article)))
    assert related[:2] == [mine.pk, elsewhere.pk]
    assert own_news.pk in related  # the agency's recent news, after shared words


def test_at_most_five_and_only_published(agency):
    article = make_article(title="แข่งขันเรือยาวประเพณี")
    for n in range(7):
        make_article(title=f"แข่งขันเรือยาว สนามที่ {n}")
    draft = make_article(title="แข่งขันเรือยาว ร่าง", status=Article.Status.DRAFT)
    related = _ids(related_articles(_fresh(article)))
    assert len(related) == 5
    assert draft.pk not in related and article.pk not in related


def test_an_article_not_yet_indexed_still_gets_its_agencys_news(agency):
    article = make_article(title="ข่าวยังไม่เข้าดัชนี")
    neighbour = make_article(title="ข่าวอื่นของหน่วยงาน")
    SearchDocument.objects.filter(article=article).delete()
    assert _ids(related_articles(_fresh(article))) == [neighbour.pk]


def test_article_page_lists_related_news(client, agency):
    article = make_article(title="เทศกาลลิ้นจี่พะเยา")
    other = make_article(title="ลิ้นจี่พะเยาราคาดี")
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('class="related"')
    section = html[start : html.index("</section>", start)]
    assert other.get_absolute_url() in section
    assert f'href="{article.get_absolute_url()}"' not in section


def test_a_related_query_cut_short_falls_back_to_the_agencys_latest(
    client, agency, other_agency, monkeypatch
):
    from articles.search.backends import base

    article = make_article(agency=agency, title="ข่าวคำที่พบในข่าวเกือบทุกข่าว")
    own = [make_article(agency=agency, title=f"ข่าวหน่วยงานเดียวกัน {n}") for n in range(3)]
    make_article(agency=other_agency, title="ข่าวคำที่พบในข่าวเกือบทุกข่าว อีกหน่วยงาน")

    def cancelled(self, sql, params, **options):
        raise base.SearchTooBroad()  # what PostgreSQL's statement timeout gives

    monkeypatch.setattr(base.Backend, "fetch", cancelled)
    monkeypatch.setattr(
        "articles.search.backends.postgresql.PostgresBackend.fetch", cancelled
    )
    related = _ids(related_articles(_fresh(article)))
    assert related == [a.pk for a in reversed(own)]
    assert client.get(article.get_absolute_url()).status_code == 200
