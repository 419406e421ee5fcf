"""The `baspa` console command: every management command, plus `baspa kk` for the text toolkit."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "kk":
        # The Kazakh toolkit needs no Django: skip its start-up cost for shell pipelines.
        from baspa.kazakh.cli import main as kk_main

        sys.exit(kk_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baspa.settings.dev")
    from django.core.management import execute_from_command_line

    argv[0] = "baspa"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
