import shutil

import pytest

from baspa.pagecache.tests.test_pagecache import page_cache  # noqa: F401 - a shared fixture
from baspa.security.tests.faultload import Redis


@pytest.fixture
def own_redis(settings, tmp_path):
    """A redis-server of the test's own on a free port (never the shared one), as every cache
    Baspa keeps in Redis, set up as baspa/settings/base.py does for REDIS_URL: a `baspa`
    process started with REDIS_URL=own_redis.url shares it. No snapshots of its own; one
    asked for (SAVE) is written to tmp_path and loaded again by start()."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = Redis(directory=tmp_path).start()
    settings.CACHES = {
        **settings.CACHES,
        **{
            alias: {
                "BACKEND": "baspa.core.cache.RedisCache",
                "LOCATION": redis.url,
                "KEY_PREFIX": "baspa" + suffix,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            }
            for alias, suffix in (("default", ""), ("pages", ":pages"))
        },
    }
    yield redis
    redis.stop()


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
