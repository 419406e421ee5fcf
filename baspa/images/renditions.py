"""Many renditions at once, each source image read and decoded once for all of its sizes.

Wagtail's `get_renditions` decodes the source again for every size, starts three threads
per image and, when it saves each new file, decodes that file once more to read its
dimensions. That is right for one page view and slow for an archive: an import makes tens
of thousands of sizes. `renditions_make` runs Wagtail's own Filter on one decoded copy of
each source (so the files hold the bytes Wagtail would write: tested), encodes a size once
when two filters give the same picture (a 640-pixel photo is its own 1200- and 960-pixel
«fill»), and writes the rows in bulk. Photos are worked on in two threads: Pillow lets go of
the interpreter while it decodes, resizes and encodes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from io import BytesIO

import willow
from PIL import Image as PILImage
from wagtail.images.models import Filter

from baspa.images.models import Photo, PhotoRendition, RenditionBacklog

WORKERS = 2
logger = logging.getLogger(__name__)


class _DecodedSource:
    """Stands in for the Willow image Filter.run opens: its format, decoded and turned
    upright (EXIF orientation) once. Filter.run only asks these two things of it."""

    def __init__(self, data: bytes):
        opened = willow.Image.open(BytesIO(data))
        self.format_name = opened.format_name
        self._upright = opened.auto_orient()

    def auto_orient(self):
        return self._upright

    @property
    def size(self) -> tuple[int, int]:
        return self._upright.get_size()


class _SharedSourceFilter(Filter):
    """Wagtail's Filter for one size, run on the photo's shared decoded source; a size
    that crops and scales exactly like one already made reuses its bytes."""

    def __init__(self, spec: str, source: _DecodedSource, outputs: dict):
        super().__init__(spec=spec)
        self._source = source
        self._outputs = outputs

    @contextmanager
    def get_willow_image(self, image, source=None):
        yield self._source

    def _same_picture_key(self, image):
        if self.filter_operations:  # format, quality, background…: no sharing
            return None
        transform = self.get_transform(image, self._source.size)
        return transform.get_rect().round().as_tuple(), tuple(transform.size)

    def run(self, image, output, source=None):
        key = self._same_picture_key(image)
        if key is not None and key in self._outputs:
            data, kind = self._outputs[key]
            output.write(data)
            output.seek(0)
            return kind(output)
        made = super().run(image, output, source)
        if key is not None:
            made.f.seek(0)
            self._outputs[key] = (made.f.read(), type(made))
            made.f.seek(0)
        return made


def photo_renditions(photo: Photo, specs: Iterable[str], existing: set) -> list:
    """Unsaved PhotoRenditions for the sizes of `photo` not in `existing`, their files
    stored. On any error the files made for this photo are removed and the error raised."""
    todo = []
    for spec in dict.fromkeys(specs):
        cache_key = Filter(spec=spec).get_cache_key(photo)
        if (photo.pk, spec, cache_key) not in existing:
            todo.append((spec, cache_key))
    if not todo:
        return []
    field = PhotoRendition._meta.get_field("file")
    with photo.open_file() as handle:
        source = _DecodedSource(handle.read())
    outputs: dict = {}
    made: list[PhotoRendition] = []
    try:
        for spec, cache_key in todo:
            generated = photo.generate_rendition_file(_SharedSourceFilter(spec, source, outputs))
            generated.seek(0)
            with PILImage.open(generated) as header:  # reads the header only
                width, height = header.size
            generated.seek(0)
            stub = PhotoRendition(image=photo, filter_spec=spec, focal_point_key=cache_key)
            name = field.storage.save(field.generate_filename(stub, generated.name), generated)
            # Name, width and height given at once: Django reads no dimensions from the file.
            made.append(
                PhotoRendition(image=photo, filter_spec=spec, focal_point_key=cache_key,
                               file=name, width=width, height=height)
            )  # fmt: skip
    except BaseException:
        for rendition in made:
            field.storage.delete(rendition.file.name)
        raise
    return made


def renditions_make(wanted: list[tuple[Photo, tuple[str, ...]]], executor=None):
    """Make the renditions `wanted` lists (photo, filter specs) that do not exist yet.

    Returns (how many were made, [(photo, error)] for the photos whose file could not be
    read or turned into a size; nothing is saved for those). One query finds what exists,
    one INSERT writes the rest; a rendition another process made meanwhile wins, and this
    run's copy of its file is removed (as Wagtail's create_renditions does)."""
    if not wanted:
        return 0, []
    ids = [photo.pk for photo, _specs in wanted]
    existing = set(
        PhotoRendition.objects.filter(image_id__in=ids).values_list(
            "image_id", "filter_spec", "focal_point_key"
        )
    )
    failed, new = [], []
    simple = [(photo, specs) for photo, specs in wanted if not photo.is_svg()]
    for photo, specs in wanted:
        if photo.is_svg():  # Willow rasterises nothing: leave SVG to Wagtail's own path
            try:
                photo.get_renditions(*specs)
            except Exception as error:  # noqa: BLE001 - reported per photo
                failed.append((photo, error))

    def one(pair):
        photo, specs = pair
        try:
            return photo, photo_renditions(photo, specs, existing), None
        except Exception as error:  # noqa: BLE001 - a corrupt image must not stop the rest
            return photo, [], error

    own = executor is None
    executor = executor or ThreadPoolExecutor(max_workers=WORKERS)
    try:
        for photo, renditions, error in executor.map(one, simple):
            if error is not None:
                failed.append((photo, error))
            new += renditions
    finally:
        if own:
            executor.shutdown()
    return renditions_save(new), failed


def renditions_save(new: list) -> int:
    """Write unsaved renditions (their files stored) in one INSERT; returns how many. One
    that another process made meanwhile wins, and this copy's file is removed (as Wagtail's
    create_renditions does)."""
    if not new:
        return 0
    taken = set(
        PhotoRendition.objects.filter(image_id__in={r.image_id for r in new}).values_list(
            "image_id", "filter_spec", "focal_point_key"
        )
    )
    keep = []
    for rendition in new:
        if (rendition.image_id, rendition.filter_spec, rendition.focal_point_key) in taken:
            rendition.file.storage.delete(rendition.file.name)
        else:
            keep.append(rendition)
    PhotoRendition.objects.bulk_create(keep, ignore_conflicts=True)
    return len(keep)


def backlog_add(wanted: Iterable[tuple[int, tuple[str, ...]]]) -> int:
    """Queue (photo id, filter specs) for `backlog_work`, in the order given."""
    rows = [RenditionBacklog(photo_id=pk, filter_specs=" ".join(specs)) for pk, specs in wanted]
    RenditionBacklog.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def backlog_work(limit: int = 100) -> int:
    """Make the sizes of up to `limit` queued photos (the scheduler calls this each round);
    returns how many rows were done. A photo that cannot be made (corrupt, deleted file) is
    logged and dropped from the queue: its page would fail the same way in a view."""
    rows = list(RenditionBacklog.objects.select_related("photo").order_by("pk")[:limit])
    if not rows:
        return 0
    made, failed = renditions_make([(row.photo, tuple(row.filter_specs.split())) for row in rows])
    for photo, error in failed:
        logger.warning("Image sizes of photo %s could not be made: %s", photo.pk, error)
    RenditionBacklog.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
