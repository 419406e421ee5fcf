import pytest
from wagtail.images.tests.utils import get_test_image_file

from baspa.pagecache.tests.test_pagecache import page_cache  # noqa: F401 - a shared fixture


@pytest.fixture
def newsroom(homes, politics, author):
    """A small newsroom: two sections, a region, tags, a hero image, both editions."""
    from baspa.content.tests.factories import make_article, make_region, make_section
    from baspa.images.models import Photo

    hero = Photo.objects.create(
        title="Ақорда", file=get_test_image_file(size=(1600, 900)), description="Ақорда ғимараты"
    )
    region = make_region("Маңғыстау облысы", "mangystau")
    economy = make_section(homes["kk"], "Экономика", slug="ekonomika")
    law = make_section(politics, "Заң", slug="zan")
    ru_politics = make_section(homes["ru"], "Политика", slug="politika")
    articles = {
        "lead": make_article(
            politics,
            "Парламент жаңа заңды қабылдады",
            lead="Мәжіліс депутаттары заң жобасын екінші оқылымда мақұлдады.",
            authors=[author],
            tags=["сайлау"],
            region=region,
            hero_image=hero,
            minutes_ago=5,
            body=[{"type": "paragraph", "value": "<p>Заңның <b>толық</b> мәтіні.</p>"}],
        ),
        "law": make_article(law, "Сот реформасы талқыланды", minutes_ago=30),
        "economy": make_article(economy, "Теңге нығайды", authors=[author], minutes_ago=60),
        "old": make_article(economy, "Ескі жаңалық", minutes_ago=60 * 24 * 5),
        "ru": make_article(ru_politics, "Парламент принял новый закон", minutes_ago=15),
    }
    return {
        "homes": homes,
        "politics": politics,
        "economy": economy,
        "law": law,
        "ru_politics": ru_politics,
        "region": region,
        "author": author,
        "hero": hero,
        "articles": articles,
    }
