"""A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2), the file Tools → Export writes.

The file is read with lxml's iterparse and every finished <item> is cleared, so memory stays
bounded whatever the size of the export. Parsing is as strict as defusedxml's defaults: no
DTD at all (WordPress never writes one; a DTD is how entity-expansion bombs arrive), no
entity resolution, no network, no huge-tree mode.

A syntax error does not end the run: the items before it have been handed out already, the
broken item is reported, and reading starts again at the next `<item>` (WordPress writes one
per line), behind the file's own `<rss><channel>` opening so namespaces still resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
CHUNK = 1 << 20


class NotWxrError(Exception):
    """The file is not a WordPress export at all: the run stops before anything is written."""


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag" or another taxonomy
    slug: str
    name: str
    term_id: int | None = None
    parent: str = ""  # the parent's slug (WordPress writes slugs, not ids, here)
    description: str = ""


@dataclass
class Item:
    post_id: int | None
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    modified: str = ""
    modified_gmt: str = ""
    status: str = ""
    post_name: str = ""
    parent_id: int = 0
    attachment_url: str = ""
    # (domain, nicename, name): domain "category", "post_tag", "language" (Polylang)…
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    line: int = 0


@dataclass
class BrokenItem:
    """An item the XML parser could not read; `post_id` when it could still be seen."""

    line: int
    message: str
    post_id: int | None = None
    truncated: bool = False


Record = Author | Term | Item | BrokenItem


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class _Segment:
    """`prefix` followed by the file from `offset`: what the parser reads after a resync."""

    def __init__(self, path: Path, prefix: bytes, offset: int):
        self.handle = path.open("rb")
        self.handle.seek(offset)
        self.pending = prefix

    def read(self, size: int = CHUNK) -> bytes:
        if self.pending:
            out, self.pending = self.pending[:size], self.pending[size:]
            return out
        return self.handle.read(size)

    def close(self) -> None:
        self.handle.close()


class WxrReader:
    """Iterate `records()`; `channel` is filled in by the time the first record arrives."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.channel = Channel()
        self.prefix = b""
        self.wp_ns = ""

    # The file's head: the XML declaration, the <rss> tag with its namespaces and <channel>.
    def _read_prefix(self) -> bytes:
        with self.path.open("rb") as handle:
            head = handle.read(64 * 1024)
        if re.search(rb"<!DOCTYPE|<!ENTITY", head.split(b"<channel", 1)[0], re.IGNORECASE):
            raise NotWxrError("dtd")
        match = re.search(rb"<channel\s*>", head)
        return head[: match.end()] if match else b""

    def records(self) -> Iterator[Record]:
        self.prefix = self._read_prefix()
        offset = 0
        line_base = 0  # file line of the segment's first line after the prefix
        first = True
        while True:
            if first:
                source: _Segment = _Segment(self.path, b"", 0)
                prefix_lines = 0
            else:
                source = _Segment(self.path, self.prefix, offset)
                prefix_lines = self.prefix.count(b"\n")
            try:
                yield from self._parse(source, check_root=first)
                return
            except etree.XMLSyntaxError as error:
                if first and not self.wp_ns:
                    raise NotWxrError("xml") from error
                parser_line = error.lineno or 1
                if first:
                    file_line = parser_line
                else:
                    file_line = line_base + max(parser_line - 1 - prefix_lines, 0)
                error_offset = self._offset_of_line(file_line)
                start = self._last_item_before(error_offset)
                next_item = self._next_item_after(max(error_offset, start + 1, offset + 1))
                truncated = next_item is None
                yield BrokenItem(
                    line=file_line,
                    message=str(error.msg or error),
                    post_id=self._post_id_between(start, next_item),
                    truncated=truncated,
                )
                if truncated or not self.prefix:
                    return
                offset = next_item
                line_base = self._line_of_offset(offset)
                first = False
            finally:
                source.close()

    def _parse(self, source: _Segment, *, check_root: bool) -> Iterator[Record]:
        context = etree.iterparse(
            source,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            remove_comments=True,
        )
        depth = 0
        for event, element in context:
            if event == "start":
                depth += 1
                if depth == 1 and check_root:
                    namespaces = [uri for uri in element.nsmap.values() if uri]
                    wp = [uri for uri in namespaces if WP_NAMESPACE.match(uri)]
                    if _local(element.tag) != "rss" or not wp:
                        raise NotWxrError("root")
                    self.wp_ns = wp[0]
                elif depth == 1 and not self.wp_ns:
                    self.wp_ns = next(
                        (u for u in element.nsmap.values() if u and WP_NAMESPACE.match(u)), ""
                    )
                continue
            depth -= 1
            if depth != 2:
                continue  # only the channel's children matter; items are read whole
            name = _local(element.tag)
            record = self._record(name, element)
            if record is not None:
                yield record
            # Drop what has been read: the element and the siblings before it.
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
        if check_root and not self.wp_ns:
            raise NotWxrError("root")

    def _wp(self, name: str) -> str:
        return f"{{{self.wp_ns}}}{name}"

    def _record(self, name: str, element) -> Record | None:
        ns = element.tag.split("}", 1)[0][1:] if element.tag.startswith("{") else ""
        wp = ns == self.wp_ns
        channel = self.channel
        if not ns and name in ("title", "link", "language"):
            setattr(channel, name, _text(element))
        elif wp and name in ("base_site_url", "base_blog_url", "wxr_version"):
            setattr(channel, name, _text(element))
        elif wp and name == "author":
            return Author(
                login=self._child(element, "author_login"),
                display_name=self._child(element, "author_display_name"),
                email=self._child(element, "author_email"),
                first_name=self._child(element, "author_first_name"),
                last_name=self._child(element, "author_last_name"),
            )
        elif wp and name == "category":
            return Term(
                taxonomy="category",
                slug=self._child(element, "category_nicename"),
                name=self._child(element, "cat_name"),
                term_id=_int(self._child(element, "term_id")),
                parent=self._child(element, "category_parent"),
                description=self._child(element, "category_description"),
            )
        elif wp and name == "tag":
            return Term(
                taxonomy="post_tag",
                slug=self._child(element, "tag_slug"),
                name=self._child(element, "tag_name"),
                term_id=_int(self._child(element, "term_id")),
                description=self._child(element, "tag_description"),
            )
        elif wp and name == "term":
            return Term(
                taxonomy=self._child(element, "term_taxonomy"),
                slug=self._child(element, "term_slug"),
                name=self._child(element, "term_name"),
                term_id=_int(self._child(element, "term_id")),
                parent=self._child(element, "term_parent"),
                description=self._child(element, "term_description"),
            )
        elif name == "item":
            return self._item(element)
        return None

    def _child(self, element, name: str) -> str:
        return _text(element.find(self._wp(name)))

    def _item(self, element) -> Item:
        item = Item(
            post_id=_int(self._child(element, "post_id")),
            post_type=self._child(element, "post_type"),
            line=element.sourceline or 0,
        )
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            name = _local(tag)
            if tag == CONTENT:
                item.content = child.text or ""
            elif tag.endswith("/excerpt/}encoded"):
                item.excerpt = child.text or ""
            elif tag == DC_CREATOR:
                item.creator = _text(child)
            elif name == "category" and not tag.startswith("{"):
                item.terms.append(
                    (child.get("domain", ""), child.get("nicename", ""), _text(child))
                )
            elif not tag.startswith("{") and name in ("title", "link", "guid"):
                setattr(item, name, (child.text or "").strip())
            elif tag == self._wp("postmeta"):
                key = self._child(child, "meta_key")
                if key:
                    item.meta[key] = self._child(child, "meta_value")
            elif tag.startswith(f"{{{self.wp_ns}}}"):
                if name in ("post_date", "post_date_gmt", "status", "post_name", "attachment_url"):
                    setattr(item, name, _text(child))
                elif name == "post_modified":
                    item.modified = _text(child)
                elif name == "post_modified_gmt":
                    item.modified_gmt = _text(child)
                elif name == "post_parent":
                    item.parent_id = _int(_text(child)) or 0
        return item

    # Byte-level helpers for resynchronising after a syntax error.
    def _offset_of_line(self, line: int) -> int:
        seen, offset = 1, 0
        with self.path.open("rb") as handle:
            while seen < line:
                chunk = handle.read(CHUNK)
                if not chunk:
                    return offset
                start = 0
                while seen < line:
                    found = chunk.find(b"\n", start)
                    if found < 0:
                        break
                    seen += 1
                    start = found + 1
                offset += start if seen >= line else len(chunk)
                if seen >= line:
                    return offset
        return offset

    def _line_of_offset(self, offset: int) -> int:
        lines, done = 1, 0
        with self.path.open("rb") as handle:
            while done < offset:
                chunk = handle.read(min(CHUNK, offset - done))
                if not chunk:
                    break
                lines += chunk.count(b"\n")
                done += len(chunk)
        return lines

    def _next_item_after(self, offset: int) -> int | None:
        with self.path.open("rb") as handle:
            handle.seek(offset)
            position, tail = offset, b""
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    return None
                data = tail + chunk
                found = data.find(b"<item>")
                if found >= 0:
                    return position - len(tail) + found
                tail = data[-8:]
                position += len(chunk)

    def _last_item_before(self, offset: int) -> int:
        window = 4 * CHUNK
        start = max(0, offset - window)
        with self.path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(offset - start + 6)
        found = data.rfind(b"<item>")
        return start + found if found >= 0 else offset

    def _post_id_between(self, start: int, end: int | None) -> int | None:
        with self.path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(min((end or start + CHUNK) - start, CHUNK))
        match = re.search(rb"<wp:post_id>\s*(\d+)\s*</wp:post_id>", data)
        return int(match.group(1)) if match else None
