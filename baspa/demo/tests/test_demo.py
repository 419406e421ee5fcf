import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from baspa.content.models import ArticlePage, AuthorSnippet, RegionSnippet, SectionPage
from baspa.demo.load import demo_load
from baspa.images.models import Photo


@pytest.mark.django_db
def test_demo_load_is_complete_and_adds_nothing_twice(client):
    first = demo_load(articles=40)
    assert first == {"added": 40, "existing": 0, "translated": 8}
    kk, ru = Locale.objects.get(language_code="kk"), Locale.objects.get(language_code="ru")
    assert SectionPage.objects.filter(locale=kk, depth=3).count() >= 8
    assert (
        SectionPage.objects.filter(locale=ru).count()
        == SectionPage.objects.filter(locale=kk).count()
    )
    assert AuthorSnippet.objects.count() == 20
    assert RegionSnippet.objects.filter(locale=kk).count() >= 10
    assert ArticlePage.objects.live().filter(locale=ru).exists()
    counts = (ArticlePage.objects.count(), Photo.objects.count(), SectionPage.objects.count())

    assert demo_load(articles=40) == {"added": 0, "existing": 40, "translated": 0}
    assert (ArticlePage.objects.count(), Photo.objects.count(), SectionPage.objects.count()) == (
        counts
    )

    # Translated pairs: each Kazakh story links to its Russian edition and back.
    pairs = (
        ArticlePage.objects.live()
        .filter(locale=kk)
        .filter(translation_key__in=ArticlePage.objects.filter(locale=ru).values("translation_key"))
    )
    assert pairs.count() == 8
    story = pairs.first()
    translation = story.get_translation(ru)
    assert f'href="{translation.url}" hreflang="ru"' in client.get(story.url).content.decode()
    assert f'href="{story.url}" hreflang="kk"' in client.get(translation.url).content.decode()

    russian = ArticlePage.objects.live().filter(locale=ru).first()
    html = client.get(russian.url).content.decode()
    assert '<html lang="ru">' in html and "Последние новости" in html


@pytest.mark.django_db
def test_demo_command_prints_the_same_admin_login_each_time(capsys, settings, tmp_path):
    settings.BASPA_HOME = tmp_path
    call_command("demo", articles=5, no_serve=True)
    first = re.search(r"user: admin\s+password: (\S+)", capsys.readouterr().out).group(1)
    call_command("demo", articles=5, no_serve=True)
    second = re.search(r"user: admin\s+password: (\S+)", capsys.readouterr().out).group(1)
    assert first == second
    assert (tmp_path / "demo-admin-password.txt").stat().st_mode & 0o077 == 0
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password=first).is_superuser
