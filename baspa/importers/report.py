"""The run's report: one CSV row per item (imported, updated, skipped, failed) with its reason.

Rows are written as the run goes, so a report of 50,000 items never sits in memory and an
interrupted run still leaves the rows of what it did. Reasons are sentences in the language
the command runs in; the `code` column stays the same in every language, for scripts.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

IMPORTED, UPDATED, SKIPPED, FAILED = "imported", "updated", "skipped", "failed"

OUTCOME_LABELS = {
    IMPORTED: _("imported"),
    UPDATED: _("updated"),
    SKIPPED: _("skipped"),
    FAILED: _("failed"),
}

REASONS = {
    # Skipped
    "unchanged": _("unchanged since the last import"),
    "private": _("private post: not imported"),
    "trash": _("post in the trash: not imported"),
    "auto_draft": _("automatic draft WordPress never saved: not imported"),
    "post_type": _("post type «%(detail)s» is not imported"),
    "deleted_in_baspa": _("the article made from it was deleted in Baspa: not made again"),
    "no_uploads": _("no --uploads folder given: the image file was not read"),
    # Failed
    "broken_xml": _("the XML is broken here (%(detail)s): this item could not be read"),
    "truncated_xml": _(
        "the file ends in the middle of an item (%(detail)s): the items before it were read"
    ),
    "no_post_id": _("the item has no post ID"),
    "invalid_date": _("invalid date: %(detail)s"),
    "unknown_status": _("unknown status «%(detail)s»"),
    "empty_post": _("the post has neither a title nor any text"),
    "file_missing": _("the image file is missing: %(detail)s"),
    "file_too_large": _("the image file is too large: %(detail)s"),
    "image_too_many_pixels": _("the image has too many pixels: %(detail)s"),
    "image_corrupt": _("the image file cannot be read as an image: %(detail)s"),
    "error": _("could not be imported: %(detail)s"),
    # Notes on imported items
    "script_removed": _("scripts removed: %(detail)s"),
    "shortcode_removed": _("unknown shortcode removed, its text kept: %(detail)s"),
    "iframe_removed": _("embedded frame removed: %(detail)s"),
    "dynamic_block": _("block without content of its own left out: %(detail)s"),
    "gallery_without_ids": _("gallery without image IDs left out: %(detail)s"),
    "image_missing": _("image not found, left out: %(detail)s"),
    "featured_image_missing": _("featured image not found: %(detail)s"),
    "scheduled": _("scheduled for %(detail)s"),
    "draft": _("imported as a draft (WordPress status «%(detail)s»)"),
    "unpublished": _("unpublished: the post is now «%(detail)s» in WordPress"),
    "redirect_too_long": _("old address too long for a redirect: %(detail)s"),
}


def reason_text(code: str, detail: str = "") -> str:
    message = REASONS.get(code)
    if message is None:
        return f"{code}: {detail}" if detail else code
    text = str(message)  # translated now, in the language the command runs in
    return text % {"detail": detail} if "%(detail)s" in text else text


@dataclass
class Report:
    """Counts in memory, rows on disk (when a path is given)."""

    path: Path | None = None
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    _handle: object = None
    _writer: object = None

    def __post_init__(self):
        if self.path:
            self._handle = Path(self.path).open("w", newline="", encoding="utf-8")
            self._writer = csv.writer(self._handle)
            self._writer.writerow(
                ["outcome", "type", "wordpress_id", "title", "old_address", "new_address",
                 "code", "reason"]
            )  # fmt: skip

    def add(
        self,
        outcome: str,
        *,
        item_type: str = "",
        post_id: int | str | None = "",
        title: str = "",
        old: str = "",
        new: str = "",
        notes: list[tuple[str, str]] = (),
    ) -> None:
        self.counts[outcome] += 1
        notes = list(notes) or [("", "")]
        reasons = "; ".join(reason_text(code, detail) for code, detail in notes if code)
        codes = " ".join(code for code, _detail in notes if code)
        if outcome == FAILED and len(self.failures) < 20:
            self.failures.append(f"{item_type} {post_id or ''} «{title}»: {reasons}".strip())
        if self._writer:
            self._writer.writerow(
                [outcome, item_type, post_id or "", title, old, new, codes, reasons]
            )

    def close(self) -> None:
        if self._handle:
            self._handle.close()
