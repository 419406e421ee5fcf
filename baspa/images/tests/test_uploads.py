"""Photo uploads through the admin's real upload form: what is refused, and in whose words."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.users.models import UserProfile

from baspa.images.models import Photo
from baspa.newsroom.services import AUTHOR

ADD = "/admin/images/add/"


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def uploader(client, homes):
    def upload(name: str, data: bytes, language: str = "en"):
        user, _ = get_user_model().objects.get_or_create(username=f"author-{language}")
        user.groups.add(Group.objects.get(name=AUTHOR))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        file = SimpleUploadedFile(name, data)
        return client.post(ADD, {"title": "Сурет", "file": file, "collection": 1})

    return upload


def refused(response) -> str:
    assert response.status_code == 200  # the form again, with the reason
    assert Photo.objects.count() == 0
    return response.content.decode()


@pytest.mark.django_db
def test_a_real_photo_is_accepted(uploader):
    response = uploader("forum.jpg", image_bytes())
    assert response.status_code == 302
    assert Photo.objects.get().width == 64


@pytest.mark.django_db
def test_svg_with_script_is_refused(uploader):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "Not a supported image format" in refused(uploader("logo.svg", svg))
    assert "Not a valid .png image" in refused(uploader("logo.png", svg))


@pytest.mark.django_db
def test_html_with_an_image_extension_is_refused(uploader):
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    assert "Upload a valid image" in refused(uploader("photo.jpg", html))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Бұл файлдың ішінде веб-бет коды жасырылған"),
        ("ru", "В этом файле спрятан код веб-страницы"),
        ("en", "This file hides web page code inside the image"),
    ],
)
def test_an_image_carrying_html_is_refused_in_the_editors_language(uploader, language, words):
    polyglot = image_bytes("GIF") + b"<html><script>alert(1)</script></html>"
    assert words in refused(uploader("photo.gif", polyglot, language))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Бұл сурет файлы бүлінген немесе толық емес"),
        ("ru", "Файл изображения повреждён или неполон"),
        ("en", "This image file is damaged or incomplete"),
    ],
)
def test_a_truncated_image_is_refused(uploader, language, words):
    whole = image_bytes("JPEG", size=(800, 600))
    assert words in refused(uploader("photo.jpg", whole[: len(whole) // 2], language))


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_before_it_is_decoded(uploader):
    # 100 megapixels in a few kilobytes: decoded, it would take gigabytes.
    bomb = image_bytes("PNG", size=(10_000, 10_000), mode="1")
    assert len(bomb) < 100_000
    assert "This file has too many pixels" in refused(uploader("bomb.png", bomb))


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(uploader):
    padded = image_bytes("PNG") + bytes(21 * 1024 * 1024)  # a valid header, 21 MB in all
    assert "This file is too big" in refused(uploader("big.png", padded))


@pytest.mark.django_db
def test_the_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 60_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
