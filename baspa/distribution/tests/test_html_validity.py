"""The pages carry no HTML errors for the Nu HTML Checker (vnu.jar, the W3C validator's
engine, run locally with Java; scripts/test installs it with npm from scripts/vnu/)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[3] / "scripts" / "vnu" / "node_modules" / "vnu-jar"
JAR = VNU / "build" / "dist" / "vnu.jar"


@pytest.mark.django_db
def test_pages_have_no_html_errors(client, newsroom, tmp_path):
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the Nu HTML Checker needs it")
    if not JAR.exists():
        pytest.skip("vnu.jar is missing: run `npm ci --prefix scripts/vnu` (needs npm)")
    pages = {
        "home": "/",
        "section": "/sayasat/",
        "article": newsroom["articles"]["lead"].url,
        "article-ru": newsroom["articles"]["ru"].url,
        "author": "/author/aigerim-serikkyzy/",
        "tag": "/tag/sailau/",
        "region": "/region/mangystau/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']} {m.get('extract')}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
