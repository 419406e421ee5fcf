import pytest
from wagtail.images.tests.utils import get_test_image_file

from baspa.content.tests.factories import make_article, make_author
from baspa.images.models import Photo, PhotoRendition


@pytest.mark.django_db
def test_publishing_makes_every_rendition_the_pages_show(
    client, politics, django_capture_on_commit_callbacks
):
    hero = Photo.objects.create(title="hero", file=get_test_image_file())
    inline = Photo.objects.create(title="inline", file=get_test_image_file())
    portrait = Photo.objects.create(title="portrait", file=get_test_image_file())
    author = make_author("Дана Смағұлова", slug="dana", photo=portrait)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            politics,
            "Суретті мақала",
            authors=[author],
            hero_image=hero,
            body=[{"type": "image", "value": {"image": inline.pk, "caption": "", "credit": ""}}],
        )
    made = PhotoRendition.objects.count()
    assert made == 6  # four hero sizes, the body width, the author portrait
    for url in ("/", "/sayasat/", article.url, "/author/dana/", "/feeds/rss/", "/feeds/atom/"):
        assert client.get(url).status_code == 200
    assert PhotoRendition.objects.count() == made  # no page view had to make one
