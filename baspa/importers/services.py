"""`wordpress_import`: a WordPress export (WXR) into Baspa, keyed so that it can run again.

Two streaming passes over the file. The first reads the channel (site, authors, categories,
tags) and the attachments, which become Photos; the second reads the posts, which become
articles — so a featured image that comes after its post in the file is found all the same.

Every item is written in its own savepoint inside a transaction per chunk of items: a broken
item rolls back alone, an interrupted run loses at most the chunk it was in, and a re-run
finds its earlier work through the Imported* rows (same post → same article; unchanged →
skipped).

New published articles take a bulk path (`_articles_insert`) that writes what Wagtail's
add_child + save_revision + publish would leave — page row with its treebeard path and
url_path, article row, byline and tags, a revision that is both latest and live, the reader
search document, the admin search entry, the reference index, the published cache tags —
at a fraction of the cost (docs/importing.md, docs/benchmarks.md). Drafts, scheduled posts
and updates go through Wagtail itself: they are few, and they need Wagtail's own state
machine (scheduling, unpublishing, moving).
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import json
import logging
import multiprocessing
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from queue import Full as QueueFull
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import connection, models, transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Page, ReferenceIndex, Revision
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.search.backends import get_search_backends

from baspa.content.models import (
    ArticleAuthorRelationship,
    ArticlePage,
    ArticleTag,
    AuthorSnippet,
    HomePage,
    SectionPage,
    Tag,
)
from baspa.content.renditions import BODY, HERO
from baspa.content.services import site_setup
from baspa.content.slugs import ascii_slug
from baspa.core.text import excerpt
from baspa.images.models import Photo, PhotoRendition
from baspa.images.renditions import WORKERS as RENDITION_WORKERS
from baspa.images.renditions import backlog_add, photo_renditions, renditions_make, renditions_save
from baspa.importers import report as r
from baspa.importers.body import body_convert, plain_text
from baspa.importers.models import (
    ImportedArticle,
    ImportedAttachment,
    ImportedAuthor,
    ImportedTerm,
    WordPressSite,
)
from baspa.importers.wxr import Author, BrokenItem, Item, Term, WxrReader
from baspa.pagecache.models import PublishedTags
from baspa.pagecache.purges import purge_on_commit
from baspa.search.analysis import analyze
from baspa.search.models import SearchDocument
from baspa.search.services import article_plain_text, document_build

logger = logging.getLogger(__name__)

# Items per transaction. It also sets what the two processes hold in flight: 100 rather than
# 200 took 20 MB off the peak at no cost in speed (docs/benchmarks.md).
CHUNK = 100
# Photos of the newest articles get their sizes during the import; older ones are queued.
RECENT_ARTICLES = 1000
MIN_DATE = datetime.min.replace(tzinfo=ZoneInfo("UTC"))
ZERO_DATE = "0000-00-00 00:00:00"
SKIPPED_STATUSES = {"private": "private", "trash": "trash", "auto-draft": "auto_draft"}
DRAFT_STATUSES = {"draft", "pending"}
# Post types that are WordPress's machinery, not content: skipped without a second thought.
MACHINERY = {
    "revision", "nav_menu_item", "custom_css", "customize_changeset", "oembed_cache",
    "user_request", "wp_block", "wp_template", "wp_template_part", "wp_global_styles",
    "wp_navigation", "wp_font_family", "wp_font_face", "acf-field", "acf-field-group",
}  # fmt: skip
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
UPLOADS_MARK = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
# A dry run checks image files but makes no Photo: articles refer to this id instead.
DRY_RUN_PHOTO = 0


class ItemError(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


@dataclass
class Options:
    path: Path
    uploads: Path | None = None
    site_url: str = ""
    dry_run: bool = False
    language: str = "auto"  # "kk", "ru" or "auto"
    time_zone: str = ""
    category_base: str = "category"
    tag_base: str = "tag"
    renditions: str = (
        "recent"  # "recent": now for the newest articles, queue the rest; "all"; "none"
    )
    bulk: bool = True  # False: every article through Wagtail's own publish (tests compare)


@dataclass
class Prepared:
    item: Item
    title: str
    lead: str
    slug_source: str
    language: str
    status: str  # "live", "draft", "scheduled"
    published: datetime
    modified: datetime
    blocks: list[dict]
    notes: list[tuple[str, str]]
    hero_photo: int | None
    categories: list[str]  # nicenames, primary first
    tags: list[str]  # names
    fingerprint: str
    # Reader-search analysis, done where the post was prepared (a second process, see
    # _prepared_chunks); the tags' terms are added when the document is written.
    search_text: str = ""
    title_terms: str = ""
    text_terms: str = ""
    body_searchable: list[str] | None = None  # ArticlePage.body_searchable(), for the admin search


@dataclass
class Progress:
    """What the command shows while the run goes on; all optional."""

    phase: Callable[[str, int | None], None] = lambda name, total: None
    step: Callable[[], None] = lambda: None


@dataclass
class State:
    options: Options
    report: r.Report
    site: WordPressSite | None = None
    homes: dict[str, HomePage] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    terms: dict[tuple[str, str], Term] = field(default_factory=dict)
    term_ids: dict[int, tuple[str, str]] = field(default_factory=dict)
    photos: dict[int, int] = field(default_factory=dict)  # attachment id → Photo pk
    photo_files: dict[str, int] = field(default_factory=dict)  # uploads path → Photo pk
    author_snippets: dict[str, AuthorSnippet] = field(default_factory=dict)
    sections: dict[tuple[str, str], SectionPage] = field(default_factory=dict)
    section_chain: dict[int, list[int]] = field(default_factory=dict)
    tag_objects: dict[str, Tag] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)  # parent → [next step]
    sibling_slugs: dict[int, set[str]] = field(default_factory=dict)
    hero_photos: set[int] = field(default_factory=set)
    body_photos: set[int] = field(default_factory=set)
    photo_latest: dict[int, datetime] = field(default_factory=dict)  # newest article using it
    newest: list[datetime] = field(default_factory=list)  # heap: the newest live articles' dates
    featured_newest: list[tuple[str, int]] = field(default_factory=list)  # heap: (date, attachment)
    early_renditions: list = field(default_factory=list)  # made by the preparing process
    posts_total: int = 0
    channel_language: str = ""
    time_zone: ZoneInfo | None = None
    index_add: Callable | None = None  # (model, objects) → Wagtail's search index


# Field types whose Python values the database drivers take as they are (a foreign key's
# attname holds its id). Anything else goes through the field's own preparation.
_PLAIN_FIELDS = (models.IntegerField, models.CharField, models.TextField, models.BooleanField,
                 models.ForeignKey)  # fmt: skip


def _db_rows(fields: list, objects: Iterable) -> list[list]:
    """The values bulk_create would send for `fields` (pre_save runs, so auto_now_add dates
    are set), without preparing every plain value through the ORM: that machinery was a
    fifth of the writer's time."""
    prepare = [not isinstance(f, _PLAIN_FIELDS) for f in fields]
    rows = []
    for obj in objects:
        row = []
        for f, prepared in zip(fields, prepare, strict=True):
            value = f.pre_save(obj, True)
            row.append(f.get_db_prep_save(value, connection) if prepared else value)
        rows.append(row)
    return rows


def _insert_many(model, objects: Iterable, fields: list | None = None) -> None:
    """INSERT rows whose ids nobody reads back: one executemany, or one COPY on PostgreSQL,
    where executemany still builds and sends a statement per row."""
    if fields is None:
        fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    rows = _db_rows(fields, objects)
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's own exception classes, as for any other query.
            with connection.wrap_database_errors:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _insert_returning(model, objects: list) -> None:
    """INSERT new rows of `model`'s own table and set each object's id.

    bulk_create without two costs: the ORM preparing every value, and, on PostgreSQL,
    Django's UNNEST form, whose arrays psycopg quotes in Python — a regular expression over
    every quote of every revision's JSON, 60 % of the writer's time. PostgreSQL takes the
    ids from the table's sequence first, then the rows by COPY; SQLite returns them from a
    multi-row INSERT, a few hundred rows per statement."""
    if not objects:
        return
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if not isinstance(f, models.AutoField)]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            ids = sorted(pk for (pk,) in cursor.fetchall())
        for obj, pk in zip(objects, ids, strict=True):
            obj.pk = pk
        _insert_many(model, objects, [meta.pk, *fields])
    elif connection.features.can_return_rows_from_bulk_insert:
        head = (
            f"INSERT INTO {quote(meta.db_table)} "
            f"({', '.join(quote(f.column) for f in fields)}) VALUES "
        )
        marks = f"({', '.join(['%s'] * len(fields))})"
        tail = f" RETURNING {quote(meta.pk.column)}"
        size = max(1, connection.ops.bulk_batch_size(fields, objects))
        with connection.cursor() as cursor:
            for start in range(0, len(objects), size):
                batch = objects[start : start + size]
                rows = _db_rows(fields, batch)
                cursor.execute(
                    head + ", ".join([marks] * len(rows)) + tail,
                    [value for row in rows for value in row],
                )
                for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                    obj.pk = pk
    else:
        model.objects.bulk_create(objects)
        return
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias


# ----------------------------------------------------------------------------------- helpers


def _hash(*parts) -> str:
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _decoded(slug: str) -> str:
    """WordPress stores non-ASCII slugs percent-encoded (sanitize_title): «%d1%81…» → «с…»."""
    return unquote(slug or "")


def _date(value: str, *, gmt: bool, zone: ZoneInfo) -> datetime | None:
    """A WordPress date ("2024-05-12 14:30:00"), None when WordPress wrote none (zeros)."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        naive = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError as error:
        raise ItemError("invalid_date", value) from error
    return naive.replace(tzinfo=ZoneInfo("UTC") if gmt else zone)


def _item_dates(item: Item, zone: ZoneInfo) -> tuple[datetime, datetime]:
    published = _date(item.post_date_gmt, gmt=True, zone=zone) or _date(
        item.post_date, gmt=False, zone=zone
    )
    if published is None:
        raise ItemError("invalid_date", item.post_date or "—")
    modified = (
        _date(item.modified_gmt, gmt=True, zone=zone)
        or _date(item.modified, gmt=False, zone=zone)
        or published
    )
    return published, max(modified, published)


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_KAZAKH_ONLY = re.compile(f"[{''.join(sorted(KAZAKH_LETTERS))}]")


def _language_of(text: str) -> str | None:
    """kk when the text has the letters only Kazakh Cyrillic has; ru when Cyrillic without."""
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic < 20:
        return None
    kazakh = len(_KAZAKH_ONLY.findall(text))
    # Russian text quoting a Kazakh name has a few such letters; Kazakh prose has many.
    return "kk" if kazakh >= max(2, cyrillic // 100) else "ru"


def _old_path(url: str) -> str:
    parts = urlsplit(url or "")
    path = parts.path or "/"
    return Redirect.normalise_path(path + (f"?{parts.query}" if parts.query else ""))


def _uploads_relative(url: str) -> str:
    if UPLOADS_MARK in (url or ""):
        return unquote(url.split(UPLOADS_MARK, 1)[1].split("?")[0])
    return ""


def _b36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(Page.steplen):
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


# --------------------------------------------------------------------------------- the run


def wordpress_import(options: Options, report: r.Report, progress: Progress | None = None):
    """Import the export at `options.path`; returns the report's counts."""
    progress = progress or Progress()
    state = State(options=options, report=report)
    state.time_zone = ZoneInfo(options.time_zone or settings.TIME_ZONE)
    reader = WxrReader(options.path)
    if not options.dry_run:
        state.homes = site_setup()
    with _search_index_bulk(state):
        progress.phase("attachments", None)
        _first_pass(state, reader.records(), reader, progress)
        progress.phase("posts", state.posts_total)
        _second_pass(state, progress)
    if not options.dry_run:
        _term_redirects(state)
        _renditions(state, progress)
    return report.counts


@contextmanager
def _search_index_bulk(state: State):
    """Wagtail's search index, written a chunk at a time with one refresh at the end.

    modelsearch's database backends end every add_items by recomputing the title norms,
    which reads the whole index twice: once per chunk, that grows with the archive (about
    half the posts phase at 50,000 posts). The refresh is what makes new entries rank
    well; it runs here once after the last chunk, or on the next save after a stop."""
    backends = list(get_search_backends(with_auto_update=True))  # new objects on each call
    indexes: dict = {}
    refreshes: dict = {}  # backend number → its index's refresh (it covers every model)

    def index_add(model, objects) -> None:
        for number, backend in enumerate(backends):
            if (number, model) not in indexes:
                index = indexes[number, model] = backend.get_index_for_model(model)
                refresh = getattr(index, "_refresh_title_norms", None)
                if refresh is not None:
                    refreshes.setdefault(number, refresh)
                    index._refresh_title_norms = lambda full=False: None
            indexes[number, model].add_items(model, objects)

    state.index_add = index_add
    try:
        yield
    finally:
        state.index_add = None
    for refresh in refreshes.values():
        refresh()


def _site(state: State, reader: WxrReader) -> WordPressSite | None:
    url = (state.options.site_url or reader.channel.base_site_url or reader.channel.link).rstrip(
        "/"
    )
    if state.options.dry_run:
        return WordPressSite.objects.filter(url=url).first() or WordPressSite(url=url)
    site, _ = WordPressSite.objects.update_or_create(
        url=url, defaults={"title": reader.channel.title[:255]}
    )
    return site


def _chunks(records: Iterable, size: int | None = None) -> Iterator[list]:
    size = size or CHUNK
    chunk: list = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _first_pass(state: State, records: Iterator, reader: WxrReader, progress: Progress) -> None:
    for chunk in _chunks(records):
        if state.site is None:
            state.site = _site(state, reader)
        attachments = []
        for record in chunk:
            if isinstance(record, Author):
                state.authors[record.login] = record
            elif isinstance(record, Term):
                state.terms[(record.taxonomy, record.slug)] = record
                if record.term_id:
                    state.term_ids[record.term_id] = (record.taxonomy, record.slug)
            elif isinstance(record, BrokenItem):
                code = "truncated_xml" if record.truncated else "broken_xml"
                detail = f"line {record.line}: {record.message}"
                state.report.add(r.FAILED, post_id=record.post_id, notes=[(code, detail)])
            elif record.post_type == "attachment":
                attachments.append(record)
            else:
                state.posts_total += 1
                _newest_featured_note(state, record)
        if attachments:
            _attachments_import(state, attachments)
        for _ in attachments:
            progress.step()
    if state.site is None:
        state.site = _site(state, reader)
    state.channel_language = reader.channel.language
    if not state.options.dry_run:
        _authors_ensure(state)
    if state.site.pk:
        # Images imported by an earlier run (another export of the same site) are found too.
        known = ImportedAttachment.objects.filter(site_id=state.site.pk, photo__isnull=False)
        for post_id, relative, photo_id in known.values_list("post_id", "file", "photo_id"):
            state.photos.setdefault(post_id, photo_id)
            state.photo_files.setdefault(relative, photo_id)


def _newest_featured_note(state: State, item: Item) -> None:
    """Keep the featured image of the newest published posts (a heap of RECENT_ARTICLES):
    their sizes can be made while the posts are written (_prepare_worker)."""
    thumbnail = item.meta.get("_thumbnail_id", "")
    if item.post_type != "post" or item.status != "publish" or not thumbnail.isdigit():
        return
    _keep_newest(
        state.featured_newest, (item.post_date_gmt or item.post_date or "", int(thumbnail))
    )


def _keep_newest(heap: list, entry) -> None:
    """Add `entry` to a heap that keeps the RECENT_ARTICLES largest (newest) entries."""
    if len(heap) < RECENT_ARTICLES:
        heapq.heappush(heap, entry)
    else:
        heapq.heappushpop(heap, entry)


# ------------------------------------------------------------------------------ attachments


def _attachment_file(item: Item) -> str:
    return item.meta.get("_wp_attached_file") or _uploads_relative(item.attachment_url)


def _attachments_import(state: State, items: list[Item]) -> None:
    site = state.site
    existing = {}
    if site.pk:
        ids = [i.post_id for i in items if i.post_id]
        existing = {
            row.post_id: row
            for row in ImportedAttachment.objects.filter(site_id=site.pk, post_id__in=ids)
        }
    new: list[tuple] = []
    with transaction.atomic():
        for item in items:
            title = plain_text(item.title)
            relative = _attachment_file(item)
            alt = item.meta.get("_wp_attachment_image_alt", "")
            fingerprint = _hash(relative, item.title, item.excerpt, alt)
            known = existing.get(item.post_id)
            base = {"item_type": "attachment", "post_id": item.post_id, "title": title,
                    "old": item.attachment_url}  # fmt: skip
            if known and known.fingerprint == fingerprint and known.photo_id:
                _photo_known(state, item.post_id, relative, known.photo_id)
                state.report.add(r.SKIPPED, notes=[("unchanged", "")], **base)
                continue
            try:
                if item.post_id is None:
                    raise ItemError("no_post_id")
                if state.options.uploads is None:
                    state.report.add(r.SKIPPED, notes=[("no_uploads", relative)], **base)
                    continue
                path = state.options.uploads / relative
                size = _attachment_check(path)
                if state.options.dry_run:
                    _photo_known(state, item.post_id, relative, DRY_RUN_PHOTO)
                    state.report.add(r.UPDATED if known else r.IMPORTED, **base)
                    continue
                if known and known.photo_id:
                    with transaction.atomic():
                        _photo_update(known, item, title, fingerprint)
                    _photo_known(state, item.post_id, relative, known.photo_id)
                    state.report.add(r.UPDATED, **base)
                    continue
            except ItemError as error:
                state.report.add(r.FAILED, notes=[(error.code, error.detail)], **base)
                continue
            new.append((item, base, relative, title, fingerprint, path, size, known))
        if new:
            _photos_insert(state, new)


def _photo_known(state: State, post_id: int, relative: str, photo_id: int) -> None:
    state.photos[post_id] = photo_id
    state.photo_files[relative] = photo_id


def _photo_update(known: ImportedAttachment, item: Item, title: str, fingerprint: str) -> None:
    photo = known.photo
    photo.title = (title or photo.title)[:255]
    photo.caption = plain_text(item.excerpt)[:400]
    photo.description = plain_text(item.meta.get("_wp_attachment_image_alt", ""))[:255]
    photo.save(update_fields=["title", "caption", "description"])
    known.fingerprint = fingerprint
    known.save(update_fields=["fingerprint"])


def _photos_insert(state: State, new: list[tuple]) -> None:
    """New Photos for a chunk of attachments: files copied into media storage one by one,
    rows written in one INSERT, the admin's image search updated in bulk. Wagtail's own
    upload does the same per image (size, hash, dimensions), plus a query or three each."""
    storage = Photo._meta.get_field("file").storage
    collection_id = Collection.get_first_root_node().pk
    photos, rows = [], []
    for item, base, relative, title, fingerprint, path, size, _known in new:
        try:
            with path.open("rb") as handle:
                digest = hashlib.sha1()
                for block in iter(lambda: handle.read(1 << 16), b""):
                    digest.update(block)
                handle.seek(0)
                photo = Photo(
                    collection_id=collection_id,
                    title=(title or path.stem)[:255],
                    caption=plain_text(item.excerpt)[:400],
                    description=plain_text(item.meta.get("_wp_attachment_image_alt", ""))[:255],
                    width=size[0],
                    height=size[1],
                    file_size=path.stat().st_size,
                    file_hash=digest.hexdigest(),
                )
                photo.file.name = storage.save(photo.get_upload_to(path.name), File(handle))
        except OSError as error:
            state.report.add(r.FAILED, notes=[("error", str(error)[:200])], **base)
            continue
        photos.append(photo)
        rows.append((item, base, relative, fingerprint))
    _insert_returning(Photo, photos)
    # The admin's image search indexes tags too: read them in one query, not three per photo.
    indexed = Photo.objects.filter(pk__in=[p.pk for p in photos]).prefetch_related("tags")
    state.index_add(Photo, list(indexed))
    _insert_many(
        ImportedAttachment,
        [ImportedAttachment(site=state.site, post_id=item.post_id, file=relative[:500],
                            photo=photo, fingerprint=fingerprint)
         for (item, _base, relative, fingerprint), photo in zip(rows, photos, strict=True)],
    )  # fmt: skip
    for (item, base, relative, _fingerprint), photo in zip(rows, photos, strict=True):
        _photo_known(state, item.post_id, relative, photo.pk)
        state.report.add(r.IMPORTED, **base)


def _attachment_check(path: Path) -> tuple[int, int]:
    """The image's size in pixels, after the checks an upload in the admin would make."""
    if not path.is_file():
        raise ItemError("file_missing", str(path))
    size = path.stat().st_size
    if size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        raise ItemError("file_too_large", f"{size // (1024 * 1024)} MB")
    try:
        with PILImage.open(path) as image:
            width, height = image.size
            image.verify()
    except Exception as error:  # Pillow raises many kinds for a broken file
        raise ItemError("image_corrupt", path.name) from error
    if width * height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ItemError("image_too_many_pixels", f"{width}×{height}")
    return width, height


def _image_resolver(state: State):
    def resolve(src: str, attachment_id: int | None) -> int | None:
        if attachment_id and attachment_id in state.photos:
            return state.photos[attachment_id]
        relative = _uploads_relative(src)
        if relative:
            found = state.photo_files.get(relative) or state.photo_files.get(
                SIZE_SUFFIX.sub("", relative)
            )
            if found is not None:
                return found
        return None

    return resolve


# ---------------------------------------------------------------------- authors, sections, tags


def _authors_ensure(state: State) -> None:
    known = {
        row.login: row.author
        for row in ImportedAuthor.objects.filter(site=state.site).select_related("author")
    }
    for login, data in state.authors.items():
        if login in known:
            state.author_snippets[login] = known[login]
            continue
        state.author_snippets[login] = _author_create(state, login, data)


def _author_create(state: State, login: str, data: Author | None) -> AuthorSnippet:
    name = ""
    if data is not None:
        name = plain_text(data.display_name) or plain_text(f"{data.first_name} {data.last_name}")
    name = (name or login)[:120]
    slug = ascii_slug(
        name, exists=lambda s: AuthorSnippet.objects.filter(slug=s).exists(), max_length=100
    )
    with transaction.atomic():
        author = AuthorSnippet.objects.create(name=name, slug=slug)
        ImportedAuthor.objects.create(site=state.site, login=login, author=author)
    return author


def _author_for(state: State, login: str) -> AuthorSnippet | None:
    if not login:
        return None
    if login not in state.author_snippets:
        row = ImportedAuthor.objects.filter(site=state.site, login=login).first()
        state.author_snippets[login] = row.author if row else _author_create(state, login, None)
    return state.author_snippets[login]


def _section_for(state: State, nicename: str, language: str, depth: int = 0) -> SectionPage:
    key = (nicename, language)
    if key in state.sections:
        return state.sections[key]
    row = (
        ImportedTerm.objects.filter(
            site=state.site, taxonomy="category", slug=nicename, language=language
        )
        .select_related("section")
        .first()
    )
    if row is not None and row.section is not None:
        state.sections[key] = row.section
        return row.section
    term = state.terms.get(("category", nicename))
    parent_slug = term.parent if term and depth < 20 else ""
    parent = (
        _section_for(state, parent_slug, language, depth + 1)
        if parent_slug and parent_slug != nicename
        else state.homes[language]
    )
    parent = Page.objects.get(pk=parent.pk).specific  # numchild as the database has it
    title = plain_text(term.name if term else "") or _decoded(nicename)
    slug = ascii_slug(
        _decoded(nicename) or title,
        exists=lambda s: parent.get_children().filter(slug=s).exists(),
        max_length=80,
    )
    section = SectionPage(
        title=title[:255],
        slug=slug,
        description=plain_text(term.description)[:500] if term else "",
        locale=parent.locale,
    )
    parent.add_child(instance=section)
    section.save_revision().publish()
    _tree_changed(state, parent.pk)
    ImportedTerm.objects.update_or_create(
        site=state.site,
        taxonomy="category",
        slug=nicename,
        language=language,
        defaults={"section": section, "term_id": term.term_id if term else None},
    )
    state.sections[key] = section
    return section


def _chain(state: State, section: SectionPage) -> list[int]:
    if section.pk not in state.section_chain:
        state.section_chain[section.pk] = list(
            SectionPage.objects.ancestor_of(section, inclusive=True).values_list("pk", flat=True)
        )
    return state.section_chain[section.pk]


def _tags_for(state: State, names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        key = name.lower()
        if key not in state.tag_objects:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag(name=name[:100])
                tag.save()  # taggit makes the slug (Tag.slugify: ASCII, unique)
            state.tag_objects[key] = tag
        if state.tag_objects[key] not in tags:
            tags.append(state.tag_objects[key])
    return tags


def _tree_changed(state: State, parent_id: int) -> None:
    """Wagtail added a child under `parent_id`: forget what was counted there."""
    state.children.pop(parent_id, None)
    state.sibling_slugs.pop(parent_id, None)


# -------------------------------------------------------------------------------- the posts


def _needs_preparing(item: Item) -> bool:
    return (
        item.post_type == "post"
        and item.post_id is not None
        and item.status not in SKIPPED_STATUSES
    )


def _prepare_outcome(state: State, item: Item):
    """A post made ready to write (Prepared), or why it cannot be (ItemError)."""
    try:
        prepared = _prepare(state, item, [])
    except ItemError as error:
        return error
    except Exception as error:  # noqa: BLE001 - reported per item, the run goes on
        return ItemError("error", f"{type(error).__name__}: {error}"[:300])
    if prepared.status == "live":
        # What document_build would compute, minus the tags; image values are left out
        # because their searchable content is empty and reading them needs the database.
        blocks = [
            {**b, "value": {**b["value"], "image": None}} if b["type"] == "image" else b
            for b in prepared.blocks
        ]
        article = ArticlePage(lead=prepared.lead, body=blocks)
        prepared.body_searchable = article._body_searchable = article.body_searchable()
        text = article_plain_text(article)
        prepared.search_text = text
        prepared.title_terms = " ".join(analyze(prepared.title, prepared.language))
        prepared.text_terms = " ".join(analyze(text, prepared.language))
    item.content = ""  # converted already; no need to carry it further
    return prepared


def _prepared_chunks(state: State) -> Iterator[list[tuple[Item, object]]]:
    """The second pass's posts, a chunk at a time, each with its Prepared or ItemError.

    Reading, converting and analysing a post is about a third of its cost and needs no
    database: on Linux a forked process does it while this one writes the previous chunk,
    so both cores work. The child only reads the file and the state the first pass left.
    """

    def chunks():
        for chunk in _chunks(WxrReader(state.options.path).records()):
            yield [
                (rec, _prepare_outcome(state, rec) if _needs_preparing(rec) else None)
                for rec in chunk
                if isinstance(rec, Item) and rec.post_type != "attachment"
            ]

    if state.options.dry_run or "fork" not in multiprocessing.get_all_start_methods():
        yield from chunks()
        return
    early = []
    if state.options.renditions != "none":
        ids = {state.photos[a] for _d, a in state.featured_newest if state.photos.get(a)}
        done = PhotoRendition.objects.filter(image_id__in=ids, filter_spec=HERO[0])
        early = list(
            Photo.objects.filter(pk__in=ids).exclude(pk__in=done.values("image_id")).order_by("-pk")
        )
    context = multiprocessing.get_context("fork")
    # Objects made so far (Django, Wagtail, the first pass's maps) are left alone by the
    # collector from now on, so the child's copy-on-write pages stay shared with ours.
    gc.freeze()
    # Two chunks ahead keep both cores busy; every chunk waiting costs the child ~5 MB.
    queue = context.Queue(maxsize=2)
    worker = context.Process(target=_prepare_worker, args=(chunks, queue, early), daemon=True)
    worker.start()
    try:
        while True:
            message = queue.get()
            if message is None:
                break
            if isinstance(message, str):
                raise RuntimeError(message)
            if isinstance(message, tuple):  # ("renditions", [rows of made files])
                state.early_renditions = [_rendition_from_row(row) for row in message[1]]
                continue
            yield message
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()


def _rendition_from_row(row: tuple) -> PhotoRendition:
    """An unsaved rendition from what the preparing process sends (its file is stored)."""
    image_id, spec, key, name, width, height = row
    return PhotoRendition(image_id=image_id, filter_spec=spec, focal_point_key=key, file=name,
                          width=width, height=height)  # fmt: skip


def _prepare_worker(chunks, queue, early: list) -> None:
    """The preparing process. While the writing process is behind (the queue is full) it
    makes the image sizes of the newest posts' featured images, files only: the rows go
    back at the end and are written by the parent (_renditions)."""
    made: list = []
    try:
        for chunk in chunks():
            while True:
                try:
                    queue.put_nowait(chunk)
                    break
                except QueueFull:
                    if not early:
                        queue.put(chunk)
                        break
                    photo = early.pop()
                    try:
                        made += [
                            (r.image_id, r.filter_spec, r.focal_point_key, r.file.name,
                             r.width, r.height)
                            for r in photo_renditions(photo, HERO, set())
                        ]  # fmt: skip
                    except Exception:  # noqa: BLE001 - left for the parent to make or report
                        pass
        queue.put(("renditions", made))
        queue.put(None)
    except BaseException:  # noqa: BLE001 - told to the parent, which stops the run
        import traceback

        queue.put(traceback.format_exc())


def _second_pass(state: State, progress: Progress) -> None:
    for chunk in _prepared_chunks(state):
        if not chunk:
            continue
        known = {}
        if state.site.pk:
            ids = [item.post_id for item, _outcome in chunk if item.post_id]
            known = {
                row.post_id: row
                for row in ImportedArticle.objects.filter(site_id=state.site.pk, post_id__in=ids)
            }
        purge: set[str] = set()
        with transaction.atomic():
            batch = []
            for item, outcome in chunk:
                pending = _post(state, item, known.get(item.post_id), purge, outcome)
                if pending is not None:
                    batch.append(pending)
                progress.step()
            if batch:
                _bulk_write(state, batch, purge)
            if purge:
                purge_on_commit(purge)


def _post(state: State, item: Item, known: ImportedArticle | None, purge: set[str], outcome):
    """Import one post, or hand it back (base, prepared) for the chunk's bulk insert."""
    report = state.report
    title = plain_text(item.title)
    base = {"item_type": item.post_type or "?", "post_id": item.post_id, "title": title,
            "old": item.link}  # fmt: skip
    post_type = item.post_type
    if post_type != "post":
        detail = post_type or "?"
        report.add(r.SKIPPED, notes=[("post_type", detail)], **base)
        return None
    if item.post_id is None:
        report.add(r.FAILED, notes=[("no_post_id", "")], **base)
        return None
    if item.status in SKIPPED_STATUSES:
        if known and known.page_id and not state.options.dry_run:
            _unpublish(known, item.status)
            report.add(r.UPDATED, notes=[("unpublished", item.status)], **base)
            return None
        report.add(r.SKIPPED, notes=[(SKIPPED_STATUSES[item.status], "")], **base)
        return None
    if known and known.page_id is None:
        report.add(r.SKIPPED, notes=[("deleted_in_baspa", "")], **base)
        return None
    for domain, nice, name in item.terms:
        if domain == "category" and nice and ("category", nice) not in state.terms:
            state.terms[("category", nice)] = Term(taxonomy="category", slug=nice, name=name)
    try:
        if isinstance(outcome, ItemError):
            raise outcome
        prepared = outcome
        if known and known.fingerprint == prepared.fingerprint:
            report.add(r.SKIPPED, notes=[("unchanged", "")], **base)
            return None
        if state.options.dry_run:
            report.add(r.UPDATED if known else r.IMPORTED, notes=prepared.notes, **base)
            return None
        if known is None and prepared.status == "live" and state.options.bulk:
            return base, prepared
        with transaction.atomic():
            page = _article_write(state, prepared, known)
    except ItemError as error:
        report.add(r.FAILED, notes=[(error.code, error.detail)], **base)
        return None
    except Exception as error:  # noqa: BLE001 - one bad post must not stop the run
        logger.exception("post %s", item.post_id)
        report.add(r.FAILED, notes=[("error", f"{type(error).__name__}: {error}"[:300])], **base)
        return None
    base["new"] = _public_path(state, page)
    report.add(r.UPDATED if known else r.IMPORTED, notes=prepared.notes, **base)
    return None


def _failed(state: State, base: dict, error: Exception) -> None:
    if isinstance(error, ItemError):
        notes = [(error.code, error.detail)]
    else:
        logger.exception("post %s", base.get("post_id"))
        notes = [("error", f"{type(error).__name__}: {error}"[:300])]
    state.report.add(r.FAILED, notes=notes, **base)


def _bulk_write(state: State, batch: list[tuple[dict, Prepared]], purge: set[str]) -> None:
    """The chunk's new published articles in one go; if that fails, each alone, so that only
    the item at fault fails and every other one is imported."""
    rows = []
    for base, prepared in batch:
        try:
            if _targets_known(state, prepared):
                rows.append((base, prepared, *_targets(state, prepared)))
                continue
            with transaction.atomic():
                rows.append((base, prepared, *_targets(state, prepared)))
        except Exception as error:  # noqa: BLE001
            _failed(state, base, error)
    groups = [rows]
    try:
        with transaction.atomic():
            _bulk_rows(state, rows, purge)
    except Exception:  # noqa: BLE001 - retried one by one below
        groups = []
        for row in rows:
            try:
                with transaction.atomic():
                    _bulk_rows(state, [row], purge)
                groups.append([row])
            except Exception as error:  # noqa: BLE001
                _failed(state, row[0], error)
    for group in groups:
        for base, prepared, *_rest in group:
            state.report.add(r.IMPORTED, notes=prepared.notes, **base)


def _bulk_rows(state: State, rows: list[tuple], purge: set[str]) -> None:
    articles = _articles_insert(state, [row[1:] for row in rows], purge)
    _insert_many(
        ImportedArticle,
        [ImportedArticle(site=state.site, post_id=row[1].item.post_id, page=article,
                         fingerprint=row[1].fingerprint)
         for row, article in zip(rows, articles, strict=True)],
    )  # fmt: skip
    redirects: dict[str, Page] = {}
    for (base, prepared, *_rest), article in zip(rows, articles, strict=True):
        base["new"] = _public_path(state, article)
        for old in _post_old_paths(state, prepared, article):
            redirects[old] = article
        _photos_used(state, prepared)
    _redirects_bulk(redirects)


def _public_path(state: State, page: Page) -> str:
    for language, home in state.homes.items():
        if page.url_path.startswith(home.url_path):
            prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
            return prefix + page.url_path[len(home.url_path) :]
    return page.url_path


def _prepare(state: State, item: Item, notes: list) -> Prepared:
    """Everything the article is made from, checked; writes nothing."""
    status = item.status or "publish"
    published, modified = _item_dates(item, state.time_zone)
    if status == "publish":
        kind = "live"
    elif status == "future":
        kind = "scheduled" if published > timezone.now() else "live"
    elif status in DRAFT_STATUSES:
        kind = "draft"
    else:
        raise ItemError("unknown_status", status)
    body = body_convert(item.content, resolve_image=_image_resolver(state))
    notes += body.notes
    title = plain_text(item.title)
    lead = plain_text(item.excerpt)
    if not lead:
        lead = excerpt(_first_text(body.blocks), 300)
    if not title:
        title = excerpt(lead, 80)
    if not title:
        raise ItemError("empty_post")
    language = _post_language(state, item, title, lead)
    hero = None
    thumbnail = item.meta.get("_thumbnail_id", "")
    if thumbnail.isdigit():
        hero = state.photos.get(int(thumbnail))
        if hero is None:
            notes.append(("featured_image_missing", f"#{thumbnail}"))
    if kind == "scheduled":
        notes.append(("scheduled", timezone.localtime(published).strftime("%Y-%m-%d %H:%M")))
    elif kind == "draft":
        notes.append(("draft", status))
    categories = [nice for domain, nice, _name in item.terms if domain == "category" and nice]
    primary = item.meta.get("_yoast_wpseo_primary_category") or item.meta.get(
        "rank_math_primary_category", ""
    )
    if primary.isdigit() and int(primary) in state.term_ids:
        primary_slug = state.term_ids[int(primary)][1]
        if primary_slug in categories:
            categories.remove(primary_slug)
            categories.insert(0, primary_slug)
    if not categories:
        categories = ["uncategorized"]
    tags = [plain_text(name) for domain, _nice, name in item.terms if domain == "post_tag"]
    tags = [t for t in tags if t]
    fingerprint = _hash(
        item.title, item.content, item.excerpt, item.status, item.post_date, item.post_date_gmt,
        item.modified_gmt, item.creator, item.post_name, item.terms, thumbnail, language,
        item.link, hero,
    )  # fmt: skip
    return Prepared(
        item=item,
        title=title[:255],
        lead=lead[:600],
        slug_source=_decoded(item.post_name) or title,
        language=language,
        status=kind,
        published=published,
        modified=modified,
        blocks=body.blocks,
        notes=notes,
        hero_photo=hero,
        categories=categories,
        tags=tags,
        fingerprint=fingerprint,
    )


def _first_text(blocks: list[dict]) -> str:
    for block in blocks:
        if block["type"] == "paragraph":
            text = plain_text(block["value"])
            if text:
                return text
    return ""


def _post_language(state: State, item: Item, title: str, lead: str) -> str:
    languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    for domain, nice, _name in item.terms:
        if domain == "language" and nice[:2] in languages:  # Polylang
            return nice[:2]
    if state.options.language in languages:
        return state.options.language
    found = _language_of(f"{title}\n{lead}\n{plain_text(item.content[:4000])}")
    if found:
        return found
    channel = state.channel_language[:2].lower()
    return channel if channel in languages else settings.LANGUAGE_CODE


# ------------------------------------------------------------------------- writing articles


def _targets(state: State, prepared: Prepared):
    """The section, byline author and tags of an article, made when missing."""
    section = _section_for(state, prepared.categories[0], prepared.language)
    author = _author_for(state, prepared.item.creator)
    return section, author, _tags_for(state, prepared.tags)


def _targets_known(state: State, prepared: Prepared) -> bool:
    """True when making the targets writes nothing (so needs no savepoint of its own)."""
    return (
        (prepared.categories[0], prepared.language) in state.sections
        and (not prepared.item.creator or prepared.item.creator in state.author_snippets)
        and all(name.lower() in state.tag_objects for name in prepared.tags)
    )


def _photos_used(state: State, prepared: Prepared) -> None:
    used = [block["value"]["image"] for block in prepared.blocks if block["type"] == "image"]
    state.body_photos.update(used)
    if prepared.hero_photo:
        state.hero_photos.add(prepared.hero_photo)
        used.append(prepared.hero_photo)
    if prepared.status == "live":
        _keep_newest(state.newest, prepared.published)
        for pk in used:
            if pk not in state.photo_latest or state.photo_latest[pk] < prepared.published:
                state.photo_latest[pk] = prepared.published


def _article_write(state: State, prepared: Prepared, known) -> ArticlePage:
    section, author, tags = _targets(state, prepared)
    page = _article_through_wagtail(state, prepared, known, section, author, tags)
    if known is None:
        ImportedArticle.objects.create(
            site=state.site,
            post_id=prepared.item.post_id,
            page=page,
            fingerprint=prepared.fingerprint,
        )
    else:
        known.fingerprint = prepared.fingerprint
        known.save(update_fields=["fingerprint", "updated_at"])
    for old in _post_old_paths(state, prepared, page):
        _redirect(old, page=page)
    _photos_used(state, prepared)
    return page


def _fill(article: ArticlePage, prepared: Prepared, author, tags) -> None:
    article.title = article.draft_title = prepared.title
    article.lead = prepared.lead
    article.excerpt = excerpt(prepared.lead)
    article.body = prepared.blocks
    article.hero_image_id = prepared.hero_photo
    article.byline = [ArticleAuthorRelationship(author=author, sort_order=0)] if author else []
    article.tagged_items = [ArticleTag(tag=tag) for tag in tags]


def _child_path(state: State, parent: Page) -> tuple[str, int]:
    if parent.pk not in state.children:
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        state.children[parent.pk] = [int(last[-Page.steplen :], 36) if last else 0]
    state.children[parent.pk][0] += 1
    return parent.path + _b36(state.children[parent.pk][0]), parent.depth + 1


def _unique_slug(state: State, parent: Page, source: str) -> str:
    if parent.pk not in state.sibling_slugs:
        state.sibling_slugs[parent.pk] = set(
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list(
                "slug", flat=True
            )
        )
    taken = state.sibling_slugs[parent.pk]
    slug = ascii_slug(source, exists=taken.__contains__, max_length=80)
    taken.add(slug)
    return slug


def _articles_insert(state: State, batch: list[tuple], purge: set[str]) -> list[ArticlePage]:
    """New published articles, written as Wagtail's publish leaves them (module docstring),
    a chunk at a time: one INSERT per table for the whole batch instead of ~40 queries per
    article. `batch` holds (prepared, section, author, tags)."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    page_type = ContentType.objects.get_for_model(Page)
    # The bodies' images fetched once for the chunk, not once per article by every reader
    # of the body below (revision JSON, reference index, search).
    stream_block = ArticlePage._meta.get_field("body").stream_block
    bodies = stream_block.bulk_to_python([prepared.blocks for prepared, *_rest in batch])
    articles = []
    for (prepared, section, author, tags), body in zip(batch, bodies, strict=True):
        path, depth = _child_path(state, section)
        slug = _unique_slug(state, section, prepared.slug_source)
        article = ArticlePage(
            path=path,
            depth=depth,
            numchild=0,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            locale=state.homes[prepared.language].locale,
            translation_key=uuid.uuid4(),
            content_type=content_type,
            live=True,
            has_unpublished_changes=False,
            first_published_at=prepared.published,
            last_published_at=prepared.modified,
            latest_revision_created_at=prepared.modified,
        )
        _fill(article, prepared, author, tags)
        article.body = body
        article._body_searchable = prepared.body_searchable
        # A new page has no comments: said here, so that the revision JSON and the reference
        # index do not each ask the database.
        setattr(article, COMMENTS_RELATION_NAME, [])
        articles.append(article)
    # Multi-table inheritance: the page rows first (their ids read back), then the
    # article rows that share them. No save signals: what their receivers would do (search,
    # reference index, cache tags) is done below, in bulk.
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = [Page(**{f.attname: getattr(a, f.attname) for f in page_fields}) for a in articles]
    _insert_returning(Page, pages)
    for article, page in zip(articles, pages, strict=True):
        article.id = article.page_ptr_id = page.pk
    _insert_many(ArticlePage, articles, ArticlePage._meta.local_concrete_fields)
    relationships, tagged = [], []
    for article in articles:
        for number, relationship in enumerate(article.byline.all()):
            relationship.article_id, relationship.sort_order = article.pk, number
            relationships.append(relationship)
        for item in article.tagged_items.all():
            item.content_object_id = article.pk
            tagged.append(item)
    _insert_many(ArticleAuthorRelationship, relationships)
    _insert_many(ArticleTag, tagged)
    revisions = [
        Revision(
            content_type_id=content_type.pk,
            base_content_type_id=page_type.pk,
            object_id=str(article.pk),
            content=article.serializable_data(),
            object_str=article.title,
            created_at=article.latest_revision_created_at,
        )
        for article in articles
    ]
    _insert_returning(Revision, revisions)
    for article, page, revision in zip(articles, pages, revisions, strict=True):
        article.latest_revision = article.live_revision = revision
        page.latest_revision = page.live_revision = revision
    added: dict[int, int] = {}
    for _prepared, section, _author, _tags in batch:
        added[section.pk] = added.get(section.pk, 0) + 1
    # Plain executemany: bulk_update's CASE expressions cost more to build than to run.
    table = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",
            [(r.pk, r.pk, page.pk) for page, r in zip(pages, revisions, strict=True)],
        )
        cursor.executemany(
            f"UPDATE {table} SET numchild = numchild + %s WHERE id = %s",
            [(count, parent_id) for parent_id, count in added.items()],
        )
    # New pages have no references yet: Wagtail's own extraction, one INSERT for the batch.
    _insert_many(
        ReferenceIndex,
        [
            ReferenceIndex(
                content_type_id=content_type.pk,
                base_content_type_id=page_type.pk,
                object_id=str(article.pk),
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for article in articles
            for to_type, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(article)
            )
        ],
    )
    state.index_add(ArticlePage, articles)
    _insert_many(
        SearchDocument,
        [
            _search_document(article, prepared, tags)
            for article, (prepared, _section, _author, tags) in zip(articles, batch, strict=True)
        ],
    )
    published = []
    for article, (_prepared, section, author, tags) in zip(articles, batch, strict=True):
        cache_tags = {f"article:{article.pk}", f"recent:{article.locale_id}"}
        cache_tags |= {f"section:{pk}" for pk in _chain(state, section)}
        cache_tags |= {f"author:{author.slug}"} if author else set()
        cache_tags |= {f"tag:{tag.slug}" for tag in tags}
        published.append(PublishedTags(page_id=article.pk, tags=sorted(cache_tags)))
        purge |= cache_tags
    _insert_many(PublishedTags, published)
    return articles


def _search_document(article: ArticlePage, prepared: Prepared, tags: list[Tag]) -> SearchDocument:
    """document_build's row, from the analysis made in the preparing process."""
    if not prepared.title_terms and not prepared.text_terms:
        return document_build(article)
    tag_terms = analyze(" ".join(tag.name for tag in tags), prepared.language)
    return SearchDocument(
        article_id=article.pk,
        language=prepared.language,
        path=article.path,
        region_id=None,
        published_at=article.first_published_at,
        title_terms=prepared.title_terms,
        body_terms=" ".join([prepared.text_terms, *tag_terms]).strip(),
        text=prepared.search_text,
        indexed_at=timezone.now(),
    )


def _article_through_wagtail(state, prepared, known, section, author, tags) -> ArticlePage:
    if known is not None:
        article = ArticlePage.objects.get(pk=known.page_id)
        parent = article.get_parent()
        if parent.pk != section.pk:
            article.move(Page.objects.get(pk=section.pk), pos="last-child")
            _tree_changed(state, parent.pk)
            _tree_changed(state, section.pk)
            article = ArticlePage.objects.get(pk=known.page_id)
    else:
        parent = Page.objects.get(pk=section.pk)
        slug = _unique_slug(state, parent, prepared.slug_source)
        article = ArticlePage(slug=slug, locale_id=section.locale_id, live=False)
    _fill(article, prepared, author, tags)
    if known is None:
        parent.add_child(instance=article)
        _tree_changed(state, parent.pk)
    if prepared.status == "live":
        article.save_revision().publish()
        # The archive's dates, not the moment of the import.
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=prepared.published,
            last_published_at=prepared.modified,
            latest_revision_created_at=prepared.modified,
        )
    elif prepared.status == "scheduled":
        article.go_live_at = prepared.published
        article.save_revision().publish()  # Wagtail schedules it: go_live_at is ahead
    else:
        if article.live:
            article.unpublish()
        article.save_revision()
    return article


def _unpublish(known: ImportedArticle, status: str) -> None:
    article = ArticlePage.objects.filter(pk=known.page_id).first()
    if article and article.live:
        with transaction.atomic():
            article.unpublish()
    known.fingerprint = ""
    known.save(update_fields=["fingerprint", "updated_at"])


# ----------------------------------------------------------------------------- redirects


def _redirect(old_path: str, *, page: Page, route: str = "") -> None:
    if not old_path or old_path == "/" or len(old_path) > 255:
        return
    Redirect.objects.update_or_create(
        site=None,
        old_path=old_path,
        defaults={
            "redirect_page": page,
            "redirect_page_route_path": route,
            "redirect_link": "",
            "is_permanent": True,
        },
    )


def _blog_prefix(state: State) -> str:
    base = state.options.site_url or state.site.url
    return urlsplit(base).path.rstrip("/")


def _post_old_paths(state: State, prepared: Prepared, page: Page) -> list[str]:
    """The post's old addresses: its permalink and ?p=<id> (WordPress answers both)."""
    item = prepared.item
    new_path = Redirect.normalise_path(page.url_path)
    paths = []
    for old in (
        _old_path(item.link),
        Redirect.normalise_path(f"{_blog_prefix(state)}/?p={item.post_id}"),
    ):
        if len(old) > 255:
            prepared.notes.append(("redirect_too_long", old[:80]))
        elif old not in paths and old not in ("/", new_path):
            paths.append(old)
    return paths


def _redirects_bulk(redirects: dict[str, Page]) -> None:
    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(site=None, old_path__in=list(redirects))
    }
    changed = []
    for old, redirect in existing.items():
        redirect.redirect_page = redirects[old]
        redirect.redirect_page_route_path, redirect.redirect_link = "", ""
        redirect.is_permanent = True
        changed.append(redirect)
    if changed:
        Redirect.objects.bulk_update(
            changed,
            ["redirect_page", "redirect_page_route_path", "redirect_link", "is_permanent"],
        )
    _insert_many(
        Redirect,
        [
            Redirect(old_path=old, site=None, redirect_page=page, is_permanent=True)
            for old, page in redirects.items()
            if old not in existing
        ],
    )


def _term_redirects(state: State) -> None:
    prefix = _blog_prefix(state)
    default_home = state.homes[settings.LANGUAGE_CODE]
    with transaction.atomic():
        for (nicename, _language), section in sorted(
            state.sections.items(), key=lambda kv: kv[0][1] != settings.LANGUAGE_CODE
        ):
            term = state.terms.get(("category", nicename))
            chain = [nicename]
            while term and term.parent and len(chain) < 20:
                chain.insert(0, term.parent)
                term = state.terms.get(("category", term.parent))
            base = state.options.category_base
            paths = {f"{prefix}/{base}/{'/'.join(chain)}/", f"{prefix}/{base}/{nicename}/"}
            term = state.terms.get(("category", nicename))
            if term and term.term_id:
                paths.add(f"{prefix}/?cat={term.term_id}")
            for path in paths:
                old = Redirect.normalise_path(path)
                if not Redirect.objects.filter(site=None, old_path=old).exists():
                    _redirect(old, page=section)
        for tag_key, term in state.terms.items():
            if tag_key[0] != "post_tag":
                continue
            tag = state.tag_objects.get(plain_text(term.name).lower())
            if tag is None:
                continue
            for path in (
                f"{prefix}/{state.options.tag_base}/{term.slug}/",
                f"{prefix}/?tag={term.slug}",
            ):
                _redirect(
                    Redirect.normalise_path(path), page=default_home, route=f"/tag/{tag.slug}/"
                )


# ---------------------------------------------------------------------------- renditions


def _renditions(state: State, progress: Progress) -> None:
    """The image sizes the public pages show, made now for the photos of the newest
    articles (the home, section and feed pages) so that no page view makes one; the
    archive's are queued for the scheduler (baspa.images.renditions), newest first."""
    hero, body = state.hero_photos, state.body_photos
    newest_first = sorted(
        hero | body, key=lambda pk: state.photo_latest.get(pk, MIN_DATE), reverse=True
    )
    now = newest_first
    if state.options.renditions == "recent":
        cutoff = state.newest[0] if len(state.newest) >= RECENT_ARTICLES else MIN_DATE
        now = [pk for pk in newest_first if state.photo_latest.get(pk, MIN_DATE) >= cutoff]
    elif state.options.renditions == "none":
        now = []

    def sizes(pk: int) -> tuple[str, ...]:
        return (HERO if pk in hero else ()) + (BODY if pk in body else ())

    made_now = set(now)
    backlog_add((pk, sizes(pk)) for pk in newest_first if pk not in made_now)
    renditions_save(state.early_renditions)  # what the preparing process made meanwhile
    progress.phase("renditions", len(now))
    with ThreadPoolExecutor(max_workers=RENDITION_WORKERS) as executor:
        for chunk in _chunks(now):
            photos = Photo.objects.in_bulk(chunk)
            wanted = [(photos[pk], sizes(pk)) for pk in chunk if pk in photos]
            _made, failed = renditions_make(wanted, executor=executor)
            for photo, error in failed:
                state.report.add(r.FAILED, item_type="attachment", title=photo.title,
                                 notes=[("image_corrupt", str(error)[:200])])  # fmt: skip
            for _pk in chunk:
                progress.step()
