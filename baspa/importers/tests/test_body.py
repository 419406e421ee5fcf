"""Post HTML → article blocks, without a database: the converter gets an image resolver."""

from baspa.importers.body import body_convert
from baspa.importers.wxr import NotWxrError, WxrReader


def resolve(src: str, attachment_id: int | None) -> int | None:
    return {7: 70, 8: 80}.get(attachment_id or 0) or (90 if src.endswith("/known.jpg") else None)


def test_dangerous_html_is_removed_and_reported():
    body = body_convert(
        '<p onclick="steal()">Мәтін <a href="javascript:alert(1)">сілтеме</a> '
        '<a href="https://baspa.kz/" style="color:red">дұрыс</a></p>'
        "<script>alert(1)</script><style>p{}</style>"
        '<iframe src="https://evil.example/"></iframe>',
        resolve_image=resolve,
    )
    assert body.blocks == [
        {
            "type": "paragraph",
            "value": '<p>Мәтін <a>сілтеме</a> <a href="https://baspa.kz/">дұрыс</a></p>',
        }
    ]
    assert ("script_removed", "1") in body.notes
    assert ("iframe_removed", "https://evil.example/") in body.notes


def test_text_in_brackets_is_not_taken_for_a_shortcode():
    body = body_convert("Ол [sic] деп жазды, [1] сілтеме.", resolve_image=resolve)
    assert body.blocks[0]["value"] == "<p>Ол [sic] деп жазды, [1] сілтеме.</p>"
    assert body.notes == []


def test_gallery_and_images_found_by_id_or_path():
    body = body_convert(
        '[gallery ids="7,8"]\n\n<img src="https://old.kz/wp-content/uploads/known.jpg">'
        '\n\n<img src="https://old.kz/wp-content/uploads/lost.jpg">',
        resolve_image=resolve,
    )
    images = [b["value"]["image"] for b in body.blocks if b["type"] == "image"]
    assert images == [70, 80, 90]
    assert body.notes == [("image_missing", "https://old.kz/wp-content/uploads/lost.jpg")]


def test_a_tweet_blockquote_becomes_an_embed():
    body = body_convert(
        '<blockquote class="twitter-tweet"><p lang="kk">Жаңалық</p>&mdash; Baspa '
        '<a href="https://twitter.com/baspa/status/123?ref_src=twsrc">May 1, 2024</a>'
        '</blockquote><script async src="https://platform.twitter.com/widgets.js"></script>',
        resolve_image=resolve,
    )
    assert body.blocks == [{"type": "embed", "value": "https://twitter.com/baspa/status/123"}]


def test_a_billion_laughs_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "lol.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>&lol2;</channel></rss>'
    )
    try:
        list(WxrReader(path).records())
    except NotWxrError as error:
        assert error.args == ("dtd",)
    else:
        raise AssertionError("a DTD must be refused")


def test_the_baspa_command_has_import_wordpress():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "baspa", "help", "import-wordpress"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "--uploads" in result.stdout and "--dry-run" in result.stdout
