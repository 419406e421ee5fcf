"""`renditions_make`: many sizes at once, the same files Wagtail's own get_renditions writes."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image

from baspa.content.renditions import BODY, HERO
from baspa.images.models import Photo, PhotoRendition
from baspa.images.renditions import renditions_make

SIZES = HERO + BODY


def photo(name: str, image: Image.Image, fmt: str, **save) -> Photo:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    made = Photo(title=name)
    made.file = ImageFile(io.BytesIO(buffer.getvalue()), name=name)
    made.save()
    return made


def sideways_jpeg() -> Photo:
    """A 900×1600 portrait stored on its side with EXIF orientation 6 (as phones do)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    picture = Image.linear_gradient("L").resize((1600, 900)).convert("RGB")
    return photo("phone.jpg", picture, "JPEG", exif=exif.tobytes())


def files_of(image: Photo) -> dict[str, tuple]:
    return {
        r.filter_spec: (r.width, r.height, r.focal_point_key, r.file.read())
        for r in PhotoRendition.objects.filter(image=image)
    }


def wagtail_files(image: Photo) -> dict[str, tuple]:
    """What Wagtail itself makes for the same photo, from a fresh copy of the row."""
    PhotoRendition.objects.filter(image=image).delete()
    Photo.objects.get(pk=image.pk).get_renditions(*SIZES)
    return files_of(image)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make",
    [
        lambda: photo("wide.jpg", Image.radial_gradient("L").resize((2000, 1100)).convert("RGB"),
                      "JPEG", quality=90),
        lambda: photo("small.jpg", Image.new("RGB", (640, 360), (200, 40, 40)), "JPEG"),
        lambda: photo("logo.png", Image.new("RGBA", (1300, 800), (0, 90, 200, 128)), "PNG"),
        sideways_jpeg,
    ],
    ids=["large jpeg", "small jpeg", "png with alpha", "exif orientation"],
)  # fmt: skip
def test_the_files_are_the_bytes_wagtail_writes(make):
    image = make()
    image.focal_point_x, image.focal_point_y = image.width // 3, image.height // 3
    image.focal_point_width = image.focal_point_height = 40
    image.save()

    made, failed = renditions_make([(image, SIZES)])

    assert (made, failed) == (len(SIZES), [])
    ours = files_of(image)
    assert set(ours) == set(SIZES)
    assert ours == wagtail_files(image)


@pytest.mark.django_db
def test_a_photo_smaller_than_a_size_is_encoded_once_and_stored_per_size():
    image = photo("small.jpg", Image.new("RGB", (640, 360), (10, 150, 90)), "JPEG")

    renditions_make([(image, SIZES)])

    renditions = {r.filter_spec: r for r in PhotoRendition.objects.filter(image=image)}
    # 1200×675, 960×540 and width-960 of a 640×360 photo are all the photo itself.
    same = [renditions[s] for s in ("fill-1200x675", "fill-960x540", "width-960")]
    assert {(r.width, r.height) for r in same} == {(640, 360)}
    assert len({r.file.name for r in same}) == 3
    assert len({r.file.read() for r in same}) == 1
    assert (renditions["fill-480x270"].width, renditions["fill-480x270"].height) == (480, 270)


@pytest.mark.django_db
def test_existing_sizes_are_kept_and_a_broken_file_is_reported_alone(settings):
    good = photo("good.jpg", Image.new("RGB", (800, 450), "white"), "JPEG")
    broken = photo("broken.jpg", Image.new("RGB", (800, 450), "white"), "JPEG")
    first = good.get_renditions("fill-480x270")["fill-480x270"]
    broken.file.storage.save(broken.file.name, io.BytesIO(b"truncated"))
    with broken.file.storage.open(broken.file.name, "wb") as handle:
        handle.write(b"\xff\xd8\xff truncated")
    files_before = set(_rendition_files(settings))

    made, failed = renditions_make([(good, HERO), (broken, HERO)])

    assert made == len(HERO) - 1
    assert [p.pk for p, _error in failed] == [broken.pk]
    assert PhotoRendition.objects.filter(image=broken).count() == 0
    assert PhotoRendition.objects.get(image=good, filter_spec="fill-480x270").pk == first.pk
    new_files = set(_rendition_files(settings)) - files_before
    assert len(new_files) == len(HERO) - 1  # nothing left behind for the broken photo

    assert renditions_make([(good, HERO)]) == (0, [])  # a second run makes nothing


def _rendition_files(settings):
    from pathlib import Path

    folder = Path(settings.MEDIA_ROOT) / "images"
    return [p.name for p in folder.iterdir()] if folder.exists() else []
