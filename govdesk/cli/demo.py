"""`govdesk demo`: a new database filled with synthetic residents, for trying govdesk out."""

from __future__ import annotations

import argparse
import sys
import time

from govdesk.domain import messages
from govdesk.services import accounts, demo

# Below this many residents the run takes a second or two: no progress lines.
PROGRESS_FROM = 20_000


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="create a demo database with synthetic residents (never touches real data)",
    )
    p.add_argument("--residents", type=int, default=2000, help="how many residents (default 2000)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--office-name", default=demo.DEFAULT_OFFICE_NAME, help="office name")
    p.add_argument("--division", default=demo.DEFAULT_DIVISION, help="12-digit division code")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        print(_text("需要用 --db 指定演示数据库文件", "--db is required"), file=sys.stderr)
        return 2
    if args.residents < 0:
        print(_text("--residents 不能为负数", "--residents must not be negative"), file=sys.stderr)
        return 2
    started = time.monotonic()
    report = _progress_printer(started) if args.residents >= PROGRESS_FROM else None
    result = demo.create_demo(
        args.db,
        residents=args.residents,
        seed=args.seed,
        office_name=args.office_name,
        division_code=args.division,
        progress=report,
    )
    if result.replaced:
        print(
            _text(
                f"已替换原有的演示数据库 {args.db}",
                f"Replaced the existing demo database {args.db}",
            )
        )
    print(
        _text(
            f"演示数据库 {args.db}：居民 {result.residents} 人，{result.households} 户，"
            f"关爱对象记录 {result.care_links} 条，状态变更 {result.status_changes} 条"
            f"（种子 {args.seed}，用时 {time.monotonic() - started:.1f} 秒）",
            f"Demo database {args.db}: {result.residents} residents, {result.households} households, "
            f"{result.care_links} care records, {result.status_changes} status changes "
            f"(seed {args.seed}, {time.monotonic() - started:.1f} s)",
        )
    )
    names = ", ".join(result.accounts)
    print(
        _text(
            f"演示账户：{names}，密码均为 {accounts.DEMO_PASSWORD}（仅限演示数据库）",
            f"Demo accounts: {names}, all with the password {accounts.DEMO_PASSWORD} "
            "(demo databases only)",
        )
    )
    return 0


def _text(zh: str, en: str) -> str:
    return en if messages.language() == "en" else zh


def _progress_printer(started: float):
    def report(done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        print(
            f"{done}/{total} ({pct}%) {time.monotonic() - started:.0f}s",
            file=sys.stderr,
            flush=True,
        )

    return report
