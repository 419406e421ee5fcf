"""Render tests: what a reader's browser receives for every public page type."""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_author, make_region, make_section


class Outline(HTMLParser):
    """The headings of a page, in order, and the landmarks it has."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: set[str] = set()
        self.images_without_alt = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in {"header", "nav", "main", "footer", "aside"}:
            self.landmarks.add(tag)
        if tag == "img" and "alt" not in attrs:
            self.images_without_alt += 1


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def assert_accessible(html: str):
    page = outline(html)
    assert {"header", "nav", "main", "footer"} <= page.landmarks
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    # No heading level is skipped on the way down.
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    assert page.images_without_alt == 0


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def newsroom(homes, politics, author):
    """A small Kazakh edition: a section with a subsection, a region, and seven articles."""
    second = make_author("Нұрлан Бекұлы", slug="nurlan-bekuly")
    region = make_region("Қостанай облысы", "qostanai")
    elections = make_section(politics, "Сайлау", slug="sailau")
    story = make_article(
        politics,
        "Қостанайда өңіраралық форум өтеді",
        lead="Екі елдің басшылары Қостанайда өтетін форумға бейнебайланыс арқылы қатысады.",
        authors=[author, second],
        tags=["форум", "ынтымақтастық"],
        region=region,
        source_name="Dala Habar",
        source_url="https://dala.example.kz/forum",
        correction="Форумның өтетін күні түзетілді.",
        body=[
            {"type": "paragraph", "value": "<p>Форум <b>жыл сайын</b> өтеді.</p>"},
            {"type": "heading", "value": "Күн тәртібі"},
            {"type": "quote", "value": {"text": "Бұл маңызды кездесу.", "attribution": "Сарапшы"}},
            {"type": "fact_box", "value": {"title": "Деректер", "items": ["19-форум", "2 ел"]}},
        ],
        minutes_ago=30,
    )
    others = [
        make_article(politics, f"Саясат жаңалығы {n}", lead="Қысқа лид. " * 30, minutes_ago=m)
        for n, m in enumerate([3, 60 * 5, 60 * 24 * 3, 60 * 24 * 125, 60 * 24 * 400], start=1)
    ]
    nested = make_article(elections, "Сайлау учаскелері дайын", minutes_ago=90)
    return {
        "story": story,
        "others": others,
        "nested": nested,
        "region": region,
        "second": second,
        "elections": elections,
    }


@pytest.mark.django_db
def test_article_page_shows_the_whole_anatomy_in_kazakh(client, newsroom, politics):
    response = client.get(newsroom["story"].url)
    assert response.status_code == 200
    html = text(response)
    assert '<html lang="kk">' in html
    assert '<p class="article__section"><a href="/sayasat/">Саясат</a></p>' in html
    assert '<h1 class="article__headline">Қостанайда өңіраралық форум өтеді</h1>' in html
    assert "бейнебайланыс арқылы қатысады" in html
    assert re.search(
        r'<time datetime="[^"]+">\d{1,2} (қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|'
        r"шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан) 20\d\d, \d\d:\d\d</time>",
        html,
    )
    assert "<p>Форум <b>жыл сайын</b> өтеді.</p>" in html
    assert "<h2>Күн тәртібі</h2>" in html and "Бұл маңызды кездесу." in html
    assert "<li>19-форум</li>" in html
    byline = re.search(r'<p class="byline">(.*?)</p>', html).group(1)
    assert byline.index("Айгерім Серікқызы") < byline.index("Нұрлан Бекұлы")
    assert 'href="/author/aigerim-serikkyzy/"' in byline
    source = '<a href="https://dala.example.kz/forum" rel="nofollow noopener">Dala Habar</a>'
    assert f"…, деп жазады {source}" in html
    assert 'href="/tag/forum/">#форум</a>' in html
    assert '<a href="/region/qostanai/">Қостанай облысы</a>' in html
    assert "Форумның өтетін күні түзетілді." in html and "Түзету" in html
    assert "Соңғы жаңалықтар" in html and "Recent" not in html and " ago" not in html
    assert_accessible(html)


@pytest.mark.django_db
def test_recent_news_lists_six_other_articles_with_excerpts_and_relative_times(client, newsroom):
    html = text(client.get(newsroom["story"].url))
    recent = html[html.index('class="recent-news"') :]
    titles = re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', recent)
    assert len(titles) == 6
    assert "Қостанайда өңіраралық форум өтеді" not in titles
    assert titles[0] == "Саясат жаңалығы 1"  # newest first
    assert "3 минут бұрын" in recent and "5 сағат бұрын" in recent
    assert "3 күн бұрын" in recent and "4 ай бұрын" in recent and "1 жыл бұрын" in recent
    excerpts = re.findall(r'<p class="card__excerpt">([^<]+)</p>', recent)
    long_one = next(e for e in excerpts if e.startswith("Қысқа лид."))
    lead = " ".join(("Қысқа лид. " * 30).split())
    assert long_one.endswith("…") and lead.startswith(long_one[:-1])
    assert lead[len(long_one) - 1] == " "  # cut at a word boundary


@pytest.mark.django_db
def test_russian_article_speaks_russian(client, homes, author):
    ru = Locale.objects.get(language_code="ru")
    section = make_section(homes["ru"], "Политика", slug="politika", locale=ru)
    older = make_article(section, "Старая новость", lead="Лид.", minutes_ago=60 * 24 * 130)
    story = make_article(
        section,
        "Форум пройдёт в Костанае",
        lead="Лид статьи.",
        authors=[author],
        source_name="Qala24.kz",
        minutes_ago=5,
        locale=ru,
    )
    assert older.locale == ru
    html = text(client.get(story.url))
    assert story.url.startswith("/ru/")
    assert '<html lang="ru">' in html
    assert "…, пишет Qala24.kz" in html
    assert "Последние новости" in html and "4 месяца назад" in html
    assert "бұрын" not in html and " ago" not in html
    assert 'href="/ru/author/aigerim-serikkyzy/"' in html


@pytest.mark.django_db
def test_home_page_has_lead_story_latest_and_sections(client, newsroom):
    response = client.get("/")
    html = text(response)
    assert response.status_code == 200
    assert 'class="lead-story"' in html
    lead = re.search(r'class="card card--lead">.*?<a href="[^"]+">([^<]+)</a>', html, re.S)
    assert lead.group(1) == "Саясат жаңалығы 1"
    assert "Соңғы жаңалықтар" in html
    assert '<a href="/sayasat/">Саясат</a></h2>' in html
    assert_accessible(html)


@pytest.mark.django_db
def test_section_page_lists_its_articles_and_subsections(client, newsroom):
    html = text(client.get("/sayasat/"))
    assert "<h1>Саясат</h1>" in html and "Ел саясаты." in html
    assert "Сайлау учаскелері дайын" in html  # from the subsection
    assert '<a href="/sayasat/sailau/">Сайлау</a>' in html
    assert_accessible(html)
    sub = text(client.get("/sayasat/sailau/"))
    assert "Сайлау учаскелері дайын" in sub and "Саясат жаңалығы 1" not in sub


@pytest.mark.django_db
def test_author_tag_and_region_pages_list_their_articles(client, newsroom):
    author_page = text(client.get("/author/nurlan-bekuly/"))
    assert "<h1>Нұрлан Бекұлы</h1>" in author_page
    assert "Қостанайда өңіраралық форум өтеді" in author_page
    assert "Саясат жаңалығы 1" not in author_page
    assert_accessible(author_page)
    tag_page = text(client.get("/tag/forum/"))
    assert "#форум" in tag_page and "Қостанайда өңіраралық форум өтеді" in tag_page
    assert "Саясат жаңалығы 2" not in tag_page
    region_page = text(client.get("/region/qostanai/"))
    assert "<h1>Қостанай облысы</h1>" in region_page
    assert "Қостанайда өңіраралық форум өтеді" in region_page
    assert "Саясат жаңалығы 3" not in region_page
    for url in ("/author/nobody/", "/tag/nothing/", "/region/nowhere/"):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/sayasat/", "/author/aigerim-serikkyzy/", "/tag/forum/", "/region/qostanai/"]
)
@pytest.mark.parametrize("page", ["abc", "999", "0", "-1", "1.5", "%00", "9" * 40])
def test_bad_page_numbers_give_404_never_500(client, newsroom, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code in (200, 404)
    if url != "/":  # the home page has no pagination
        assert response.status_code == 404


@pytest.mark.django_db
def test_pagination_walks_the_archive(client, politics):
    for n in range(14):
        make_article(politics, f"Мұрағат {n:02d}", minutes_ago=n + 1)
    first = text(client.get("/sayasat/"))
    second = text(client.get("/sayasat/?page=2"))
    assert "Мұрағат 00" in first and "Мұрағат 13" not in first
    assert "Мұрағат 13" in second and "Мұрағат 00" not in second
    assert "2 беттің 1-беті" in first and 'rel="next" href="?page=2"' in first


@pytest.mark.django_db
def test_404_page_in_the_site_language(client, homes):
    kk = client.get("/no-such-page/")
    assert kk.status_code == 404
    assert "Бет табылмады" in text(kk)
    ru = client.get("/ru/no-such-page/")
    assert ru.status_code == 404
    assert "Страница не найдена" in text(ru) and '<html lang="ru">' in text(ru)


@pytest.mark.django_db
def test_500_page_in_the_site_language(rf):
    from django.utils import translation

    from baspa.core.views import server_error

    with translation.override("kk"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Қате орын алды" in response.content.decode()
    with translation.override("ru"):
        assert "Произошла ошибка" in server_error(rf.get("/ru/")).content.decode()


@pytest.mark.django_db
def test_a_draft_reached_by_url_is_404(client, politics):
    draft = make_article(politics, "Жарияланбаған жоба", live=False)
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert client.get(draft.url or f"/sayasat/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_each_card_lists_only_its_own_byline(homes, politics, author):
    """A prefetched byline must not leak every byline in the database (a modelcluster trap)."""
    from baspa.content.selectors import articles_for_readers

    other = make_author("Басқа Автор", slug="baska")
    make_article(politics, "Бірінші", authors=[author])
    make_article(politics, "Екінші", authors=[other])
    cards = {a.title: a.authors for a in articles_for_readers(locale=homes["kk"].locale)}
    assert cards == {"Бірінші": [author], "Екінші": [other]}


@pytest.mark.django_db
def test_front_page_sections_come_from_the_newest_articles(homes, politics):
    from baspa.content.selectors import sections_with_latest

    economy = make_section(homes["kk"], "Экономика", slug="ekonomika")
    old = make_article(economy, "Ескі экономика", minutes_ago=600)
    new = [make_article(politics, f"Жаңа {n}", minutes_ago=n) for n in range(1, 4)]
    full = dict(sections_with_latest(home=homes["kk"], limit=2))
    assert full[politics] == [new[0], new[1]] and full[economy] == [old]
    narrow = dict(sections_with_latest(home=homes["kk"], limit=2, window=3))
    assert narrow[politics] == [new[0], new[1]] and narrow[economy] == []


@pytest.mark.django_db
def test_the_excerpt_is_made_when_the_article_is_saved(politics):
    lead = "Облыста жаңа жол ашылды, ол екі ауданды байланыстырады. " * 6
    article = make_article(politics, "Жол", lead=lead)
    stored = ArticlePage.objects.filter(pk=article.pk).values_list("excerpt", flat=True).get()
    assert stored.endswith("…") and len(stored) <= 161
    assert " ".join(lead.split()).startswith(stored[:-1])
