"""Faults under load (issue 9, point 11), measured: `baspa serve` on loopback, readers and an
editor loading it, while its own Redis is killed and restarted and its own PostgreSQL
cluster stopped and started.

    .venv/bin/python bench/faults/run.py [--seconds 24] [--readers 8] [--articles 40]

The scenario (servers, timeline, readers, editor) is the one the test suite runs for a
shorter time, with assertions: baspa/security/tests/faultload.py describes it. This prints
one JSON summary: per phase, the readers' answers and the editor's saves by status; every
save answered «saved» must be a revision in the database afterwards, every other answer a
503 («nothing was saved», and then it must not be there; or «may have been saved», when some
of it was committed as the database went away). Exits 1 when a save was lost or an answer
was unclear or untrue.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from baspa.security.tests.faultload import faults_under_load


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=24)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()

    log = Path(tempfile.gettempdir()) / "baspa-faults-serve.log"
    run = faults_under_load(
        seconds=args.seconds, readers=args.readers, articles=args.articles, log=log
    )
    summary = {"seconds": args.seconds, "readers": args.readers, **run.summary()}
    summary["server_log"] = str(log)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if summary["saves_lost"] or summary["saves_untrue"] or summary["unclear_answers"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
