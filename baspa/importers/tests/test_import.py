"""`baspa import-wordpress` on an export written for these tests (fixtures/newsroom.xml):
Kazakh and Russian posts, nested categories, classic-editor and Gutenberg content,
shortcodes, featured images, a draft, scheduled, private, trashed and broken items."""

from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, ReferenceIndex, Revision

from baspa.content import renditions
from baspa.content.models import ArticlePage, AuthorSnippet, SectionPage, Tag
from baspa.images.models import Photo, PhotoRendition, RenditionBacklog
from baspa.importers.models import ImportedArticle, WordPressSite
from baspa.importers.tests.conftest import NEWSROOM, run_import
from baspa.pagecache.models import PublishedTags
from baspa.search.models import SearchDocument
from baspa.search.services import document_build

pytestmark = pytest.mark.django_db


def article(post_id: int) -> ArticlePage:
    return ImportedArticle.objects.get(post_id=post_id).page


def outcome(rows, kind, post_id):
    row = rows[(kind, str(post_id))]
    return row["outcome"], row["code"]


def test_the_report_names_every_item_and_why(imported):
    stdout, rows, all_rows = imported
    assert outcome(rows, "attachment", 101) == ("imported", "")
    assert outcome(rows, "attachment", 102) == ("failed", "file_missing")
    assert outcome(rows, "attachment", 103) == ("failed", "image_corrupt")
    assert outcome(rows, "attachment", 104) == ("imported", "")
    for post_id in (201, 202, 210):
        assert outcome(rows, "post", post_id)[0] == "imported"
    assert outcome(rows, "post", 203) == ("imported", "featured_image_missing")
    assert outcome(rows, "post", 204) == ("imported", "draft")
    assert outcome(rows, "post", 205) == ("imported", "scheduled")
    assert outcome(rows, "post", 206) == ("skipped", "private")
    assert outcome(rows, "post", 207) == ("skipped", "trash")
    assert outcome(rows, "page", 208) == ("skipped", "post_type")
    assert outcome(rows, "post", 209) == ("failed", "invalid_date")
    assert outcome(rows, "nav_menu_item", 211) == ("skipped", "post_type")
    assert "2024-13-45 25:00:00" in rows[("post", "209")]["reason"]
    assert len(all_rows) == 15
    assert "imported: 8" in stdout and "skipped: 4" in stdout and "failed: 3" in stdout
    # Removed content is reported, by name.
    notes = rows[("post", "201")]
    assert notes["code"] == "script_removed shortcode_removed iframe_removed"
    assert "[su_note]" in notes["reason"] and "ads.example.com" in notes["reason"]
    assert rows[("post", "202")]["code"] == "dynamic_block"
    assert rows[("post", "201")]["new_address"] == "/saiasat/almatyda-jana-saiabaq-ashyldy/"


def test_a_classic_editor_post_becomes_a_complete_published_article(imported, client):
    page = article(201)
    assert page.live and not page.has_unpublished_changes
    assert page.title == "Алматыда жаңа саябақ ашылды"
    assert page.get_parent().specific.title == "Саясат"
    assert page.first_published_at == datetime(2024, 5, 12, 9, 30, tzinfo=UTC)
    assert [a.name for a in page.authors] == ["Айгерім Сәрсенова"]
    assert [t.name for t in page.tags.all()] == ["Астана"]
    assert page.hero_image.title == "Саябақ"
    assert page.hero_image.description == "Саябақтағы ағаштар"  # the alt text
    assert page.lead.startswith("Алматы қаласында Бостандық ауданында")
    assert page.excerpt and page.excerpt.endswith("…")
    kinds = [block.block_type for block in page.body]
    assert kinds == ["paragraph", "image", "paragraph", "paragraph", "embed", "paragraph"]
    assert page.body[1].value["caption"] == "Саябақтың басты кіреберісі"
    assert page.body[1].value["image"].pk == page.hero_image.pk  # the same attachment
    assert "<b>мыңнан астам</b>" in page.body[0].value.source
    assert page.body[4].value.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "<ul>" in page.body[3].value.source
    stored = str(page.body.raw_data)
    assert "script" not in stored and "su_note" not in stored and "ads.example" not in stored
    assert "Саябақ күн сайын таңғы 7-ден" in stored  # the shortcode's text is kept

    # What Wagtail's publish leaves: revisions, search, cache tags, references, a valid tree.
    assert page.live_revision_id == page.latest_revision_id
    revision = Revision.objects.get(pk=page.live_revision_id)
    assert revision.content["title"] == page.title and revision.content["byline"]
    assert revision.as_object().lead == page.lead
    document = SearchDocument.objects.get(article=page)
    expected = document_build(page)
    assert (document.title_terms, document.body_terms, document.text) == (
        expected.title_terms,
        expected.body_terms,
        expected.text,
    )
    assert f"article:{page.pk}" in PublishedTags.objects.get(page=page).tags
    assert ReferenceIndex.get_references_for_object(page).filter(model_path="hero_image").exists()
    assert Page.find_problems() == ([], [], [], [], [])

    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Алматыда жаңа саябақ ашылды" in html and "Саябақтың басты кіреберісі" in html
    assert "document.write" not in html and "ads.example.com" not in html
    assert "Айгерім Сәрсенова" in html


def test_gutenberg_blocks_become_article_blocks(imported, client):
    page = article(202)
    # The Yoast primary category (сайлау, a child of саясат) is the section; nesting kept.
    assert page.url == "/saiasat/sailau/majilis-sailau-zany/"
    assert page.lead == "Мәжіліс сайлау заңына өзгерістерді мақұлдады."
    kinds = [block.block_type for block in page.body]
    assert kinds == ["paragraph", "heading", "image", "table", "quote", "embed", "paragraph"]
    assert page.body[2].value["caption"] == "Мәжіліс ғимараты"
    assert page.body[3].value["data"][2] == ["Қостанай", "640"]
    assert page.body[4].value["attribution"] == "Жұмыс тобының жетекшісі"
    assert page.body[5].value.url == "https://x.com/dala_news/status/1790000000000000000"
    html = client.get(page.url).content.decode()
    assert '<th scope="col"' in html and "Учаскелер саны" in html and "<td" in html
    assert "Әр дауыс есепке алынуы тиіс." in html
    assert "Негізгі өзгерістер" in html


def test_a_russian_post_goes_to_the_russian_edition(imported, client):
    page = article(203)
    assert page.locale.language_code == "ru"
    assert page.url == "/ru/ekonomika/pravitelstvo-utverdilo-biudjet/"
    assert page.hero_image is None  # its file is missing: reported, the article imported
    assert [a.name for a in page.authors] == ["Дмитрий Волков"]
    assert page.body[-1].block_type == "embed"
    assert page.body[-1].value.url == "https://t.me/dala_news_ru/128"
    assert client.get(page.url).status_code == 200
    # One category used in both languages becomes a section in each edition.
    assert SectionPage.objects.filter(title="Экономика").count() == 2


def test_drafts_and_scheduled_posts_stay_off_the_site(imported, client):
    draft, scheduled, late = article(204), article(205), article(210)
    assert not draft.live and draft.latest_revision_id
    assert not scheduled.live
    revision = Revision.objects.get(pk=scheduled.latest_revision_id)
    assert revision.approved_go_live_at == datetime(2030, 9, 1, 5, 0, tzinfo=UTC)
    assert late.live  # scheduled for a time already past: WordPress would have published it
    assert not SearchDocument.objects.filter(article__in=[draft, scheduled]).exists()
    home = client.get("/").content.decode()
    assert "Көктемгі егіс науқаны басталды" not in home
    assert "Күз мерзімінен бұрын келді" in home


def test_old_links_redirect_to_the_new_pages(imported, client):
    _stdout, rows, _all = imported
    page = article(201)
    old = urlsplit(rows[("post", "201")]["old_address"]).path
    assert old.startswith("/2024/05/12/%d0%b0%d0%bb")  # WordPress writes lower-case escapes
    for path in (old, old.upper().replace("/2024/05/12/", "/2024/05/12/"), old.rstrip("/")):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == page.url
    response = client.get(old, follow=True)
    assert response.status_code == 200 and "Алматыда жаңа саябақ ашылды" in response.text

    response = client.get("/?p=202&utm_source=telegram")
    assert response.status_code == 301 and response["Location"] == article(202).url
    assert client.get("/?p=999999").status_code == 200  # not an imported post: the home page

    sayasat = quote("саясат").lower()
    sailau = quote("сайлау").lower()
    for path, target in (
        (f"/category/{sayasat}/", "/saiasat/"),
        (f"/category/{sayasat}/{sailau}/", "/saiasat/sailau/"),
        (f"/category/{sailau}/", "/saiasat/sailau/"),
        ("/?cat=12", "/saiasat/sailau/"),
        (f"/tag/{quote('астана')}/", "/tag/astana/"),
        (f"/?tag={quote('астана')}", "/tag/astana/"),
    ):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, target), path
    tag_page = client.get("/tag/astana/").content.decode()
    assert "Алматыда жаңа саябақ ашылды" in tag_page


def test_wagtails_search_index_holds_the_imported_body(imported):
    # "дефицит" is only in the body of post 203, whose text the preparing process converted.
    found = [page.pk for page in ArticlePage.objects.search("дефицит")]
    assert found == [article(203).pk]
    assert [page.pk for page in ArticlePage.objects.search("Иртыш")] != found


def test_imported_entries_are_ranked_like_any_other(imported):
    """The title norms modelsearch refreshes after each write were refreshed once, at the
    end: the same values a full refresh of the index gives."""
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    published = ImportedArticle.objects.filter(page__live=True)  # the bulk-written ones
    entries = IndexEntry.objects.filter(object_id__in=[str(row.page_id) for row in published])
    norms = dict(entries.values_list("object_id", "title_norm"))
    assert len(norms) == published.count() > 3
    get_search_backend().get_index_for_model(ArticlePage)._refresh_title_norms(full=True)
    assert dict(entries.values_list("object_id", "title_norm")) == pytest.approx(norms)
    assert 1.0 not in norms.values()


def test_renditions_are_made_by_the_import_not_by_readers(imported, client):
    made = PhotoRendition.objects.count()
    # Every hero size of the featured image; the body width of both images.
    assert made == len(renditions.HERO) + 2 * len(renditions.BODY)
    for post_id in (201, 202):
        assert client.get(article(post_id).url).status_code == 200
    assert PhotoRendition.objects.count() == made


def test_running_again_duplicates_nothing(imported, uploads, tmp_path):
    counts = {
        model: model.objects.count()
        for model in (ArticlePage, SectionPage, AuthorSnippet, Tag, Photo, Redirect, Revision)
    }
    stdout, rows, _all = run_import(NEWSROOM, uploads=uploads, report=tmp_path / "again.csv")
    assert "imported: 0" in stdout and "updated: 0" in stdout
    assert outcome(rows, "post", 201) == ("skipped", "unchanged")
    assert outcome(rows, "attachment", 101) == ("skipped", "unchanged")
    assert {model: model.objects.count() for model in counts} == counts
    assert WordPressSite.objects.get().url == "https://dala-news.kz"


def test_a_changed_post_updates_its_article(imported, uploads, tmp_path, client):
    page = article(201)
    changed = tmp_path / "changed.xml"
    text = NEWSROOM.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("Алматыда жаңа саябақ ашылды]]", "Алматыда екінші саябақ ашылды]]"),
        encoding="utf-8",
    )
    articles = ArticlePage.objects.count()
    stdout, rows, _all = run_import(changed, uploads=uploads, report=tmp_path / "changed.csv")
    assert outcome(rows, "post", 201)[0] == "updated"
    assert "updated: 1" in stdout
    page.refresh_from_db()
    assert article(201).pk == page.pk and ArticlePage.objects.count() == articles
    assert page.title == "Алматыда екінші саябақ ашылды" and page.live
    assert page.first_published_at == datetime(2024, 5, 12, 9, 30, tzinfo=UTC)
    assert "Алматыда екінші саябақ ашылды" in client.get(page.url).content.decode()


def test_dry_run_writes_nothing(homes, uploads, tmp_path):
    stdout, rows, _all = run_import(
        NEWSROOM, uploads=uploads, report=tmp_path / "dry.csv", extra=["--dry-run"]
    )
    assert "imported: 8" in stdout and "failed: 3" in stdout
    assert outcome(rows, "post", 209) == ("failed", "invalid_date")
    assert not ArticlePage.objects.exists() and not Photo.objects.exists()
    assert not Redirect.objects.exists() and not WordPressSite.objects.exists()


def test_a_truncated_file_keeps_the_items_before_the_break(homes, uploads, tmp_path):
    text = NEWSROOM.read_text(encoding="utf-8")
    cut = text.index("<wp:post_id>203</wp:post_id>")
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[:cut], encoding="utf-8")
    stdout, rows, all_rows = run_import(truncated, uploads=uploads, report=tmp_path / "t.csv")
    assert outcome(rows, "post", 201)[0] == "imported"
    assert outcome(rows, "post", 202)[0] == "imported"
    broken = [row for row in all_rows if row["code"] == "truncated_xml"]
    assert len(broken) == 1 and "line" in broken[0]["reason"]
    assert ImportedArticle.objects.count() == 2  # nothing of post 203, not half of it
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_broken_item_in_the_middle_fails_alone(homes, uploads, tmp_path):
    text = NEWSROOM.read_text(encoding="utf-8")
    broken = tmp_path / "broken.xml"
    # A bare «&» (not in CDATA) is not well-formed XML.
    broken.write_text(
        text.replace(
            "<title><![CDATA[Мәжіліс сайлау туралы заңды бірінші оқылымда мақұлдады]]></title>",
            "<title>Мәжіліс & сайлау</title>",
        ),
        encoding="utf-8",
    )
    stdout, rows, all_rows = run_import(broken, uploads=uploads, report=tmp_path / "b.csv")
    assert outcome(rows, "", 202) == ("failed", "broken_xml")
    for post_id in (201, 203, 210):
        assert outcome(rows, "post", post_id)[0] == "imported"
    assert not ImportedArticle.objects.filter(post_id=202).exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"posts": []}', "not XML"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Жаңалықтар</title>'
            "<item><title>Жазба</title></item></channel></rss>",
            "not a WordPress export",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><rss xmlns:wp="http://wordpress.org/export/1.2/">'
            "<channel><title>&b;</title></channel></rss>",
            "DTD",
        ),
    ],
)
def test_a_file_that_is_not_wxr_stops_at_once(homes, tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run_import(path, report=tmp_path / "r.csv")
    assert not WordPressSite.objects.exists() and not ArticlePage.objects.exists()


def test_the_message_is_in_the_console_language(homes, tmp_path, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ru")
    path = tmp_path / "export.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="не XML"):
        run_import(path, report=tmp_path / "r.csv")
    monkeypatch.setenv("LANGUAGE", "kk")
    with pytest.raises(CommandError, match="XML емес"):
        run_import(path, report=tmp_path / "r.csv")


def test_the_bulk_path_leaves_what_wagtail_publish_leaves(
    homes, uploads, tmp_path, django_capture_on_commit_callbacks
):
    """The same posts imported through Wagtail's add_child + save_revision + publish, then
    through the bulk path: every field of the page, its article row, byline, tags, revision,
    search document, cache tags and references agree (tree paths and ids aside)."""
    from django.db import transaction
    from wagtail.search.models import IndexEntry

    from baspa.importers import report as r
    from baspa.importers.services import Options, wordpress_import

    def state():
        snapshot = {}
        for row in ImportedArticle.objects.filter(page__live=True).order_by("post_id"):
            page = ArticlePage.objects.get(pk=row.page_id)
            fields = {
                f.attname: getattr(page, f.attname)
                for f in ArticlePage._meta.concrete_fields
                if f.attname
                not in {
                    "id",
                    "page_ptr_id",
                    "path",
                    "translation_key",
                    "latest_revision_id",
                    "live_revision_id",
                }  # fmt: skip
            }
            fields["body"] = [(b.block_type, str(b.value)) for b in page.body]
            revision = Revision.objects.get(pk=page.live_revision_id).as_object()
            document = SearchDocument.objects.get(article=page)
            snapshot[row.post_id] = {
                "fields": fields,
                "live_is_latest": page.live_revision_id == page.latest_revision_id,
                "revision": (
                    revision.title,
                    revision.lead,
                    [(b.block_type, str(b.value)) for b in revision.body],
                    [a.name for a in revision.authors],
                ),
                "admin_search": IndexEntry.objects.filter(object_id=str(page.pk)).count(),
                "byline": [a.name for a in page.authors],
                "tags": sorted(t.name for t in page.tags.all()),
                "search": (document.title_terms, document.body_terms, document.text),
                "cache_tags": sorted(
                    t.split(":")[0] for t in PublishedTags.objects.get(page=page).tags
                ),
                "references": sorted(
                    (ref.model_path, ref.to_object_id)
                    for ref in ReferenceIndex.get_references_for_object(page)
                ),
            }
        return snapshot

    def run(bulk):
        options = Options(path=NEWSROOM, uploads=uploads, bulk=bulk, renditions="none")
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            wordpress_import(options, r.Report())

    run(bulk=False)
    through_wagtail = state()
    Page.objects.filter(pk__in=ArticlePage.objects.values("pk")).delete()
    ImportedArticle.objects.all().delete()
    Redirect.objects.all().delete()
    run(bulk=True)
    assert state() == through_wagtail
    assert set(through_wagtail) == {201, 202, 203, 210}
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_interrupted_run_resumes_where_it_stopped(homes, uploads, monkeypatch):
    from baspa.importers import report as r
    from baspa.importers import services
    from baspa.importers.services import Options, wordpress_import

    monkeypatch.setattr(services, "CHUNK", 3)
    calls = []
    bulk_write = services._bulk_write

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the second chunk's writing
        return bulk_write(*args, **kwargs)

    monkeypatch.setattr(services, "_bulk_write", interrupted)
    options = Options(path=NEWSROOM, uploads=uploads, renditions="none")
    with pytest.raises(KeyboardInterrupt):
        wordpress_import(options, r.Report())
    first = set(ImportedArticle.objects.values_list("post_id", flat=True))
    assert first and first < {201, 202, 203, 204, 205, 210}  # the first chunk was kept

    monkeypatch.setattr(services, "_bulk_write", bulk_write)
    counts = wordpress_import(options, r.Report())
    assert set(ImportedArticle.objects.values_list("post_id", flat=True)) == {
        201, 202, 203, 204, 205, 210,
    }  # fmt: skip
    assert ArticlePage.objects.count() == 6
    assert counts["imported"] == 6 - len(first) and counts["failed"] == 3
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_archive_image_sizes_are_queued_for_the_scheduler(
    homes, uploads, tmp_path, monkeypatch, client
):
    from django.core.management import call_command

    from baspa.importers import services

    monkeypatch.setattr(services, "RECENT_ARTICLES", 3)
    run_import(NEWSROOM, uploads=uploads, report=tmp_path / "report.csv")
    # The three newest live posts are 210, 203 (no images) and 202: the photo in 202's body
    # has its size now; 201's featured image waits in the queue.
    body_photos = [b.value["image"].pk for b in article(202).body if b.block_type == "image"]
    assert body_photos
    assert set(
        PhotoRendition.objects.filter(image_id__in=body_photos).values_list(
            "filter_spec", flat=True
        )
    ) >= set(renditions.BODY)
    queued = list(RenditionBacklog.objects.values_list("photo_id", flat=True))
    assert article(201).hero_image_id in queued
    assert not set(queued) & set(body_photos)
    assert not PhotoRendition.objects.filter(image_id__in=queued).exists()

    call_command("run_scheduler", once=True)  # one round of the scheduler `baspa serve` runs

    assert not RenditionBacklog.objects.exists()
    made = PhotoRendition.objects.count()
    assert made == len(renditions.HERO) + 2 * len(renditions.BODY)
    for post_id in (201, 202, 203):
        assert client.get(article(post_id).url).status_code == 200
    assert PhotoRendition.objects.count() == made


def test_the_preparing_process_makes_featured_sizes_while_the_writer_is_behind(homes, settings):
    """_prepare_worker in a forked process, as the import runs it: with the queue full it
    makes the sizes of the newest posts' featured images, and hands the rows back."""
    import io
    import multiprocessing
    import time
    from pathlib import Path

    from django.core.files.images import ImageFile
    from PIL import Image

    from baspa.images.renditions import renditions_save
    from baspa.importers.services import _prepare_worker, _rendition_from_row

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (40, 80, 160)).save(buffer, "JPEG")
    photo = Photo(title="Жаңа көпір")
    photo.file = ImageFile(io.BytesIO(buffer.getvalue()), name="kopir.jpg")
    photo.save()
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=1)

    def chunks():
        yield from (["first"], ["second"], ["third"])

    worker = context.Process(target=_prepare_worker, args=(chunks, queue, [photo]))
    worker.start()
    # Nothing is read until the child has made the files: its second chunk found the queue
    # full (a writer behind), and it worked on the photo meanwhile.
    folder, deadline = Path(settings.MEDIA_ROOT) / "images", time.monotonic() + 60
    while len(list(folder.glob("kopir*"))) < len(renditions.HERO) and time.monotonic() < deadline:
        time.sleep(0.05)
    messages = [queue.get(timeout=60) for _ in range(5)]
    worker.join(timeout=60)

    assert messages[:3] == [["first"], ["second"], ["third"]]
    assert messages[4] is None
    kind, rows = messages[3]
    assert kind == "renditions"
    made = [_rendition_from_row(row) for row in rows]
    assert {r.filter_spec for r in made} == set(renditions.HERO)
    assert PhotoRendition.objects.count() == 0  # the child writes files, never rows
    assert renditions_save(made) == len(renditions.HERO)
    for rendition in PhotoRendition.objects.filter(image=photo):
        assert rendition.file.storage.exists(rendition.file.name)
        assert (rendition.width, rendition.height) == Image.open(rendition.file).size


def test_rows_written_in_several_statements_get_their_own_ids():
    """_insert_returning splits a batch by the engine's limit on parameters (SQLite: 999),
    and each object gets the id of the row holding its own values, JSON included."""
    from django.contrib.contenttypes.models import ContentType

    from baspa.importers.services import _insert_returning

    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=page_type,
            base_content_type=page_type,
            object_id=str(number),
            content={"title": f"«Нұсқа» {number}", "quote": '"\\'},
            object_str=f"r{number}",
            created_at=datetime(2024, 5, 1, tzinfo=UTC),
        )  # fmt: skip
        for number in range(300)
    ]
    _insert_returning(Revision, revisions)
    assert len({revision.pk for revision in revisions}) == 300
    for number, revision in enumerate(revisions):
        row = Revision.objects.get(pk=revision.pk)
        assert (row.object_id, row.object_str) == (str(number), f"r{number}")
        assert row.content == {"title": f"«Нұсқа» {number}", "quote": '"\\'}


def test_a_row_the_database_refuses_fails_its_post_alone(homes, uploads, tmp_path, monkeypatch):
    """When the database refuses one row of a chunk's bulk write (COPY on PostgreSQL,
    executemany on SQLite), the chunk is written again one post at a time: that post is
    reported failed with nothing of it left behind, and the others are imported."""
    from baspa.importers import services

    search_document = services._search_document

    def refused(article, prepared, tags):
        document = search_document(article, prepared, tags)
        if prepared.item.post_id == 203:
            document.text = None  # NOT NULL: the database refuses the row
        return document

    monkeypatch.setattr(services, "_search_document", refused)
    _stdout, rows, _all = run_import(NEWSROOM, uploads=uploads, report=tmp_path / "r.csv")
    assert outcome(rows, "post", 203)[0] == "failed"
    assert "IntegrityError" in rows[("post", "203")]["reason"]
    for post_id in (201, 202, 210):
        assert outcome(rows, "post", post_id)[0] == "imported"
        assert SearchDocument.objects.filter(article=article(post_id)).exists()
    assert not ImportedArticle.objects.filter(post_id=203).exists()
    assert ArticlePage.objects.count() == ImportedArticle.objects.filter(page__isnull=False).count()
    assert not Redirect.objects.filter(redirect_page__isnull=True).exists()
    assert Page.find_problems() == ([], [], [], [], [])
