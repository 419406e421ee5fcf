"""`baspa backup` and `baspa restore`: a site restored into an empty database and media
directory has every article as it was, on SQLite and on PostgreSQL."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images.tests.utils import get_test_image_file

from baspa.backups.services import BackupError, backup_create, backup_verify
from baspa.content.tests.factories import make_article, make_region
from baspa.images.models import Photo

DUMP = """
import json, django
django.setup()
from baspa.content.models import ArticlePage
from baspa.images.models import Photo
print(json.dumps({
    "articles": [
        [a.pk, a.title, a.slug, a.url_path, a.lead, a.live, a.locale.language_code,
         a.first_published_at.isoformat() if a.first_published_at else None,
         a.body.raw_data, [str(x.author) for x in a.byline.all()],
         sorted(t.name for t in a.tags.all()), a.region.name if a.region else None,
         a.hero_image.file.read().hex() if a.hero_image else None,
         a.latest_revision.content["title"] if a.latest_revision else None]
        for a in ArticlePage.objects.order_by("pk")
    ],
    "photos": [[p.title, p.file.name, p.width] for p in Photo.objects.order_by("pk")],
}, default=str, sort_keys=True))
"""


def site_env(database_url: str, media: Path, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baspa.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "BASPA_HOME": str(home),
    }


def snapshot(env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", DUMP], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database on the same engine as the tests', and its URL."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"baspa_restore_{uuid.uuid4().hex[:8]}"
    credentials = f"{db.get('USER') or ''}" + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    server = f"postgres://{credentials}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def current_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = f"{db.get('USER') or ''}" + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_site_with_every_article(
    politics, author, tmp_path, empty_database
):
    photo = Photo.objects.create(title="Форум", file=get_test_image_file(), credit="Baspa")
    region = make_region("Түркістан облысы", "turkistan")
    for n in range(5):
        make_article(
            politics,
            f"Мақала {n}",
            authors=[author],
            tags=["түркістан", f"тег-{n}"],
            region=region,
            hero_image=photo,
            body=[{"type": "paragraph", "value": f"<p>Мәтін <b>{n}</b></p>"}],
        )
    make_article(politics, "Жоба", live=False)
    archive = tmp_path / "site.tar.gz"
    connection.close()  # the subprocesses below read what the test wrote

    report = backup_create(output=archive)
    assert report.media_files >= 1 and report.rows > 0
    before = snapshot(site_env(current_url(), Path(settings.MEDIA_ROOT), tmp_path / "home"))
    assert len(before["articles"]) == 6

    env = site_env(empty_database, tmp_path / "restored-media", tmp_path / "restored-home")
    result = subprocess.run(
        [sys.executable, "-m", "baspa", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "every count and checksum matches" in result.stdout
    assert snapshot(env) == before
    # A second restore over a site that now has content is refused, and says why.
    again = subprocess.run(
        [sys.executable, "-m", "baspa", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode != 0 and "not empty" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_caught_by_verification(politics, tmp_path):
    Photo.objects.create(title="Сурет", file=get_test_image_file())
    archive = tmp_path / "site.tar.gz"
    backup_create(output=archive)
    # Cut the archive short: what a full disk or an interrupted copy leaves.
    data = archive.read_bytes()
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError):
        backup_verify(archive=broken)
    with pytest.raises(CommandError):
        call_command("backup", verify=broken)

    # A media file swapped inside an otherwise sound archive.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name.startswith("media/"):
                content = content[:-1] + bytes([content[-1] ^ 1])
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    with pytest.raises(BackupError, match="does not match"):
        backup_verify(archive=tampered)
