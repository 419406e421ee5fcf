"""Write a WordPress export (WXR 1.2) of N made-up news posts, with their images.

    .venv/bin/python bench/import/generate.py OUT_DIR [--posts 50000] [--photos 10000]

OUT_DIR gets `export.xml` and `uploads/` (a wp-content/uploads copy of JPEGs). Posts are
Kazakh (70 %) and Russian, classic-editor and Gutenberg, in 12 categories (two levels) with
tags; each has a featured image and every third one an image in its body. Photos are shared
between posts when --photos is lower than --posts, as a newsroom's archive reuses photos.
Deterministic: the same arguments write the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from urllib.parse import quote

SITE = "https://bench-news.kz"
KK_WORDS = (
    "әкімдік жаңа жоба аясында қала тұрғындары үшін саябақ мектеп аурухана жол салу жұмыстарын "
    "бастады облыс орталығында өткен жиында министр ауыл шаруашылығы егіс науқаны туралы айтты "
    "биыл бюджеттен қаржы бөлінді депутаттар заң жобасын мақұлдады сарапшылардың пікірінше "
    "экономика өсімі жалғасады ұлттық қор инфляция деңгейі төмендеді спортшылар чемпионатта "
    "алтын медаль жеңіп алды мәдениет үйінде концерт өтті жастар кітапхана ашылды"
).split()
RU_WORDS = (
    "акимат объявил о начале строительства новой школы в микрорайоне жители города получат "
    "больницу и дорогу министр рассказал о посевной кампании депутаты одобрили законопроект "
    "по мнению экспертов рост экономики продолжится национальный фонд уровень инфляции снизился "
    "спортсмены завоевали золото на чемпионате в доме культуры прошёл концерт открылась библиотека"
).split()
CATEGORIES = [
    ("саясат", "Саясат", ""), ("сайлау", "Сайлау", "саясат"), ("парламент", "Парламент", "саясат"),
    ("экономика", "Экономика", ""), ("қаржы", "Қаржы", "экономика"), ("қоғам", "Қоғам", ""),
    ("білім", "Білім", "қоғам"), ("денсаулық", "Денсаулық", "қоғам"), ("спорт", "Спорт", ""),
    ("футбол", "Футбол", "спорт"), ("мәдениет", "Мәдениет", ""), ("әлем", "Әлем", ""),
]  # fmt: skip
TAGS = ["Астана", "Алматы", "Шымкент", "бюджет", "сайлау", "білім", "спорт", "инфляция",
        "ауыл", "жастар", "денсаулық", "су", "жол", "мектеп", "егіс", "энергетика"]  # fmt: skip
AUTHORS = [("aigerim", "Айгерім Сәрсенова"), ("dmitry", "Дмитрий Волков"),
           ("nurlan", "Нұрлан Әбенов"), ("dana", "Дана Қасымова")]  # fmt: skip


def enc(text: str) -> str:
    return quote(text, safe="-").lower()


def sentence(rng: random.Random, words: list[str]) -> str:
    chosen = rng.choices(words, k=rng.randint(8, 16))
    return " ".join(chosen).capitalize() + "."


def paragraph(rng, words) -> str:
    return " ".join(sentence(rng, words) for _ in range(rng.randint(2, 4)))


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def meta(key: str, value: str) -> str:
    return (
        f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
        f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
    )


def item(*, pid, title, link, content, slug, date, gmt, creator, post_type, status="publish",
         excerpt="", terms="", metas="", extra="") -> str:  # fmt: skip
    return (
        f"\t<item>\n\t\t<title>{cdata(title)}</title>\n\t\t<link>{link}</link>\n"
        f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{SITE}/?p={pid}</guid>\n'
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{pid}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(date)}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_modified>{cdata(date)}</wp:post_modified>\n"
        f"\t\t<wp:post_modified_gmt>{cdata(gmt)}</wp:post_modified_gmt>\n"
        f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n"
        f"\t\t<wp:status>{cdata(status)}</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n"
        f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n{extra}{terms}{metas}\t</item>\n"
    )


def gutenberg_image(pid: int, relative: str, caption: str) -> str:
    src = f"{SITE}/wp-content/uploads/{relative}"
    return (
        f'<!-- wp:image {{"id":{pid}}} -->\n<figure class="wp-block-image">'
        f'<img src="{src}" class="wp-image-{pid}"/><figcaption>{caption}</figcaption>'
        "</figure>\n<!-- /wp:image -->"
    )


def caption_image(pid: int, relative: str, caption: str) -> str:
    src = f"{SITE}/wp-content/uploads/{relative}"
    return (
        f'[caption id="attachment_{pid}" width="640"]'
        f'<img class="wp-image-{pid}" src="{src}" /> {caption}[/caption]'
    )


def term(domain: str, slug: str, name: str) -> str:
    return f'\t\t<category domain="{domain}" nicename="{enc(slug)}">{cdata(name)}</category>\n'


def write_photo(path: Path, seed: int) -> None:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (640, 360), tuple(rng.randint(0, 255) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, 600), rng.randint(0, 320)
        draw.rectangle((x, y, x + 80, y + 50), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


def generate(out: Path, posts: int, photos: int, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    xml = (out / "export.xml").open("w", encoding="utf-8")
    xml.write(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
        '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n'
        f"\t<title>Бенчмарк жаңалықтары</title>\n\t<link>{SITE}</link>\n"
        "\t<language>kk-KZ</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
    )
    for number, (login, name) in enumerate(AUTHORS, start=1):
        xml.write(
            f"\t<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{cdata(login)}"
            f"</wp:author_login><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
            "</wp:author>\n"
        )
    for number, (slug, name, parent) in enumerate(CATEGORIES, start=1):
        xml.write(
            f"\t<wp:category><wp:term_id>{number}</wp:term_id><wp:category_nicename>"
            f"{cdata(enc(slug))}</wp:category_nicename><wp:category_parent>{cdata(enc(parent))}"
            f"</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
        )
    for number, name in enumerate(TAGS, start=100):
        xml.write(
            f"\t<wp:tag><wp:term_id>{number}</wp:term_id><wp:tag_slug>{cdata(enc(name.lower()))}"
            f"</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
        )
    photo_ids = []
    for number in range(photos):
        pid = 1_000_000 + number
        relative = f"{2020 + number % 5}/{number % 12 + 1:02d}/photo-{number}.jpg"
        write_photo(out / "uploads" / relative, seed + number)
        xml.write(
            item(
                pid=pid,
                title=f"Сурет {number}",
                link=f"{SITE}/?attachment_id={pid}",
                content="",
                slug=f"photo-{number}",
                date="2020-01-01 10:00:00",
                gmt="2020-01-01 05:00:00",
                creator="aigerim",
                post_type="attachment",
                status="inherit",
                excerpt=f"Сурет {number}: редакция мұрағатынан",
                extra=f"\t\t<wp:attachment_url>{SITE}/wp-content/uploads/{relative}</wp:attachment_url>\n",
                metas=meta("_wp_attached_file", relative),
            )  # fmt: skip
        )
        photo_ids.append((pid, relative))
    for number in range(posts):
        pid = 10 + number
        kazakh = rng.random() < 0.7
        words = KK_WORDS if kazakh else RU_WORDS
        title = sentence(rng, words)[:-1][:90]
        slug = enc("-".join(title.lower().split()[:6])) + f"-{number}"
        day = number % 28 + 1
        month = number // 28 % 12 + 1
        year = 2016 + number // 336 % 9
        date = f"{year}-{month:02d}-{day:02d} {number % 24:02d}:{number % 60:02d}:00"
        hour = (number % 24 - 5) % 24
        gmt = f"{year}-{month:02d}-{day:02d} {hour:02d}:{number % 60:02d}:00"
        photo_id, photo_file = photo_ids[number % len(photo_ids)] if photo_ids else (0, "")
        body_photo = photo_ids[(number * 7) % len(photo_ids)] if photo_ids else None
        paragraphs = [paragraph(rng, words) for _ in range(rng.randint(4, 8))]
        if number % 2:
            parts = [
                f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
            ]
            parts.insert(
                2,
                "<!-- wp:heading -->\n<h2>" + sentence(rng, words) + "</h2>\n<!-- /wp:heading -->",
            )
            if body_photo and number % 3 == 0:
                parts.insert(3, gutenberg_image(*body_photo, sentence(rng, words)))
            content = "\n\n".join(parts)
        else:
            parts = list(paragraphs)
            parts.insert(
                1,
                "<ul>\n<li>"
                + sentence(rng, words)
                + "</li>\n<li>"
                + sentence(rng, words)
                + "</li>\n</ul>",
            )
            if body_photo and number % 3 == 0:
                parts.insert(2, caption_image(*body_photo, sentence(rng, words)))
            content = "\n\n".join(parts)
        category = rng.choice(CATEGORIES)
        terms = term("category", category[0], category[1])
        for tag in rng.sample(TAGS, 2):
            terms += term("post_tag", tag.lower(), tag)
        xml.write(
            item(
                pid=pid,
                title=title,
                link=f"{SITE}/{year}/{month:02d}/{day:02d}/{slug}/",
                content=content,
                slug=slug,
                date=date,
                gmt=gmt,
                creator=rng.choice(AUTHORS)[0],
                post_type="post",
                terms=terms,
                metas=meta("_thumbnail_id", str(photo_id)) if photo_id else "",
            )  # fmt: skip
        )
    xml.write("</channel>\n</rss>\n")
    xml.close()
    return out / "export.xml"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--photos", type=int, default=10_000)
    args = parser.parse_args()
    path = generate(args.out, args.posts, args.photos)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {args.posts} posts, {args.photos} photos")
