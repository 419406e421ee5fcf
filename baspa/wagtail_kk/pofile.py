"""A minimal, dependency-free reader/writer for gettext ``.po`` files.

Only what the Kazakh Wagtail catalog needs: comments, flags, ``msgctxt``,
``msgid``/``msgid_plural``, ``msgstr``/``msgstr[n]``. Obsolete (``#~``) entries
are skipped. Used by ``build.py`` and by the catalog tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_ESCAPE_RE = re.compile(r"\\(.)")

# Placeholders that must survive translation unchanged.
PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z0-9_]+\)[#0\-+]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[#0\-+]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s, %d
    r"|\{\{.*?\}\}"  # {{ var }}
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"  # {name}
    r"|\{\d*\}"  # {} / {0}
    r"|</?[A-Za-z][^<>]*>"  # HTML tags
    r"|&[A-Za-z]+;|&#\d+;"  # HTML entities
)


def unescape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def placeholders(text: str) -> list[str]:
    """Return the sorted list of placeholders occurring in ``text``."""
    return sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(text.replace("%%", "")))


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # raw comment lines (without flags)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.fuzzy:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    def translations(self) -> list[str]:
        if self.msgid_plural is not None:
            return [self.msgstr_plural[k] for k in sorted(self.msgstr_plural)]
        return [self.msgstr]


def parse(path: str | Path) -> list[Entry]:
    """Parse a .po file into a list of entries (header first, if present)."""
    entries: list[Entry] = []
    entry = Entry()
    started = False  # the current entry has a msgid
    target: tuple[str, int | None] | None = None

    def flush() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry = Entry()
        started = False
        target = None

    def append(kind: str, idx: int | None, text: str) -> None:
        if kind == "msgid":
            entry.msgid += text
        elif kind == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif kind == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        elif kind == "msgstr" and idx is None:
            entry.msgstr += text
        else:
            entry.msgstr_plural[idx] = entry.msgstr_plural.get(idx, "") + text

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if started and target is not None and target[0].startswith("msgstr"):
                flush()
            if line.startswith("#,"):
                entry.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
            else:
                entry.comments.append(raw)
            continue
        m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+\"(.*)\"$", line)
        if m:
            kind, idx, text = m.group(1), m.group(2), m.group(3)
            if kind in ("msgctxt", "msgid") and started and target and target[0] == "msgstr":
                flush()
            if kind in ("msgctxt", "msgid"):
                started = True
            target = (kind, int(idx) if idx is not None else None)
            if kind == "msgstr" and idx is not None:
                entry.msgstr_plural.setdefault(int(idx), "")
            append(kind, target[1], unescape(text))
            continue
        if line.startswith('"') and line.endswith('"') and target is not None:
            append(target[0], target[1], unescape(line[1:-1]))
            continue
        raise ValueError(f"{path}: cannot parse line {raw!r}")
    flush()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    for e in entries:
        if e.is_header:
            out = {}
            for line in e.msgstr.splitlines():
                if ":" in line:
                    k, v = line.split(":", 1)
                    out[k.strip()] = v.strip()
            return out
    return {}


def _quote(keyword: str, text: str) -> str:
    if "\n" in text.rstrip("\n") or len(text) > 70:
        parts = text.splitlines(keepends=True)
        lines = [f'{keyword} ""'] + [f'"{escape(p)}"' for p in parts]
        return "\n".join(lines)
    return f'{keyword} "{escape(text)}"'


def dump(entries: list[Entry], path: str | Path) -> None:
    """Write entries to ``path``. Run ``msgcat`` afterwards to get canonical wrapping."""
    chunks = []
    for e in entries:
        lines = list(e.comments)
        if e.flags:
            lines.append("#, " + ", ".join(dict.fromkeys(e.flags)))
        if e.msgctxt is not None:
            lines.append(_quote("msgctxt", e.msgctxt))
        lines.append(_quote("msgid", e.msgid))
        if e.msgid_plural is not None:
            lines.append(_quote("msgid_plural", e.msgid_plural))
            for k in sorted(e.msgstr_plural) or [0, 1]:
                lines.append(_quote(f"msgstr[{k}]", e.msgstr_plural.get(k, "")))
        else:
            lines.append(_quote("msgstr", e.msgstr))
        chunks.append("\n".join(lines))
    Path(path).write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
