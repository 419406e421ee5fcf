import pytest

from baspa.pagecache.tests.test_pagecache import page_cache  # noqa: F401 - a shared fixture


@pytest.fixture
def newsroom_site(homes, politics, author):
    """One article of every kind of content, published, and the pages that list it."""
    from wagtail.embeds.models import Embed
    from wagtail.images.tests.utils import get_test_image_file

    from baspa.content.tests.factories import make_article, make_region
    from baspa.images.models import Photo

    photo = Photo.objects.create(
        title="Форум", file=get_test_image_file(), caption="Форум залы", credit="Фото: Baspa"
    )
    Embed.objects.create(
        url="https://www.youtube.com/watch?v=baspa",
        max_width=None,
        html='<iframe src="https://www.youtube.com/embed/baspa" title="Бейне"></iframe>',
        type="video",
    )
    region = make_region("Абай облысы", "abai")
    article = make_article(
        politics,
        "Семейде кітапхана ашылды",
        authors=[author],
        tags=["мәдениет"],
        region=region,
        hero_image=photo,
        source_name="Abai Habar",
        source_url="https://abai.example.kz/news",
        correction="Кітапхананың мекенжайы түзетілді.",
        body=[
            {
                "type": "paragraph",
                "value": '<p>Кітапхана <a href="https://example.kz">ашық</a>.</p>',
            },
            {"type": "heading", "value": "Қор"},
            {"type": "image", "value": {"image": photo.pk, "caption": "", "credit": ""}},
            {"type": "quote", "value": {"text": "Кітап — білім.", "attribution": "Оқырман"}},
            {"type": "embed", "value": "https://www.youtube.com/watch?v=baspa"},
            {"type": "fact_box", "value": {"title": "Деректер", "items": ["10 000 кітап"]}},
        ],
    )
    return {"article": article, "region": region, "photo": photo}


@pytest.fixture
def public_urls(newsroom_site, author):
    article = newsroom_site["article"]
    return [
        "/",
        "/sayasat/",
        article.url,
        f"/author/{author.slug}/",
        "/tag/madeniet/",
        "/region/abai/",
        "/search/?q=кітапхана",
        "/ru/",
        "/no-such-page/",
    ]
