"""Start-up time of two ways of running govdesk, side by side: median wall time of N runs.

    python packaging/startup.py --runs 5 --label frozen -- DIST/govdesk/govdesk-cli --version

Prints one line `LABEL: median X.XXX s (min Y.YYY, max Z.ZZZ, N runs): COMMAND`; exits
non-zero when any run fails, so a timing is never taken of a program that did not work.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace"))
            print(f"{args.label}: failed with exit {done.returncode}: {' '.join(command)}")
            return 1
    print(
        f"{args.label}: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} runs): {' '.join(command)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
