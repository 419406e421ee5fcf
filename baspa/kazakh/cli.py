"""Command line: ``baspa kk <command>`` (or ``python -m baspa.kazakh <command>``).

Each command reads lines on stdin and writes one result per line on stdout. Output is flushed
whenever the input has no more lines ready, so the commands work both in pipelines and as
co-processes that send one line and wait for the answer. Bytes that are not UTF-8 pass through
as they came (surrogateescape); no input makes a command fail with a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterator

from baspa.kazakh.alphabets import ALPHABETS, DEFAULT_ALPHABET

_CHUNK = 1 << 16


def _commands() -> dict[str, str]:
    return {
        "translit": "transliterate Cyrillic to Latin or Arabic script, or Latin to Cyrillic",
        "mixed": "repair words that mix Cyrillic and Latin letters",
        "normalize": "normalise for storage and search",
        "tokens": "tokens as text<TAB>start<TAB>end<TAB>kind, lines separated by a blank line",
        "stem": "stem each line (one word per line; other words on the line are stemmed too)",
        "slug": "ASCII URL slug of each line",
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baspa kk", description="Kazakh text tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    commands = _commands()
    translit = sub.add_parser("translit", help=commands["translit"])
    translit.add_argument("--to", choices=("latn", "cyrl", "arab"), default="latn")
    translit.add_argument("--alphabet", choices=sorted(ALPHABETS), default=DEFAULT_ALPHABET)
    sub.add_parser("mixed", help=commands["mixed"])
    sub.add_parser("normalize", help=commands["normalize"])
    sub.add_parser("tokens", help=commands["tokens"])
    stem = sub.add_parser("stem", help=commands["stem"])
    stem.add_argument("--lang", choices=("kk", "ru"), default="kk")
    slug = sub.add_parser("slug", help=commands["slug"])
    slug.add_argument("--max-length", type=int, default=80)
    return parser


def _line_handler(args: argparse.Namespace) -> Callable[[str], str]:
    # Imported here so that "--help" and argument errors stay fast.
    from baspa.kazakh import (
        normalize,
        repair_mixed_script,
        slugify,
        stem,
        stem_ru,
        to_arabic,
        to_cyrillic,
        to_latin,
        tokenize,
    )

    if args.command == "translit":
        if args.to == "cyrl":
            return to_cyrillic
        if args.to == "arab":
            return to_arabic
        return lambda line: to_latin(line, alphabet=args.alphabet)
    if args.command == "mixed":
        return repair_mixed_script
    if args.command == "normalize":
        return normalize
    if args.command == "tokens":
        return lambda line: "".join(
            f"{t.text}\t{t.start}\t{t.end}\t{t.kind}\n" for t in tokenize(line)
        )
    if args.command == "stem":
        stem_word = stem_ru if args.lang == "ru" else stem

        def stem_line(line: str) -> str:
            words = line.split()
            return " ".join(stem_word(word) for word in words)

        return stem_line
    max_length = args.max_length

    def slug_line(line: str) -> str:
        return slugify(line, max_length=max_length) if line.strip() else ""

    return slug_line


def _chunks_from_fd(fd: int) -> Iterator[bytes]:
    while True:
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return
        yield chunk


def _lines(stdin: object) -> Iterator[list[str]]:
    """Batches of input lines (without line ends); a batch is what was ready to read."""
    try:
        fd = stdin.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, io.UnsupportedOperation):
        fd = None
    if fd is None:
        # An in-memory stream (tests, embedding): read it as text, one batch per line.
        for line in stdin:  # type: ignore[attr-defined]
            yield [line.rstrip("\r\n")]
        return
    pending = b""
    for chunk in _chunks_from_fd(fd):
        pending += chunk
        *complete, pending = pending.split(b"\n")
        if complete:
            yield [raw.rstrip(b"\r").decode("utf-8", "surrogateescape") for raw in complete]
    if pending:
        yield [pending.rstrip(b"\r").decode("utf-8", "surrogateescape")]


def _writer(stdout: object) -> tuple[Callable[[str], None], Callable[[], None]]:
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        return (
            lambda text: buffer.write(text.encode("utf-8", "surrogateescape")),
            buffer.flush,
        )
    return stdout.write, stdout.flush  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    """Run one command over stdin; return the exit status (0, or 2 for bad arguments)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    handle = _line_handler(args)
    separator = "\n" if args.command == "tokens" else ""
    write, flush = _writer(sys.stdout)
    try:
        for batch in _lines(sys.stdin):
            out: list[str] = []
            for line in batch:
                try:
                    result = handle(line)
                except Exception as exc:  # noqa: BLE001
                    # Bad input on one line is reported and answered with an empty line, so
                    # that output stays aligned with input and the stream goes on.
                    print(f"baspa kk {args.command}: {exc!r}", file=sys.stderr)
                    result = ""
                out.append(result + (separator or "\n"))
            write("".join(out))
            flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix tools do.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        return 130
    return 0
