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
    p.add_argument(
        "--residents",
        type=int,
        default=None,
        help="how many residents (default 2000; 300 per office with --township)",
    )
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    p.add_argument("--office-name", default=demo.DEFAULT_OFFICE_NAME, help="office name")
    p.add_argument("--division", default=demo.DEFAULT_DIVISION, help="12-digit division code")
    p.add_argument(
        "--office", metavar="CODE", help="an office demo with this 12-digit division code"
    )
    p.add_argument(
        "--township",
        action="store_true",
        help="a township demo: office demos beside it export packages that it imports",
    )
    p.add_argument("--offices", type=int, default=3, help="offices in a township demo (default 3)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.db is None:
        print(_text("需要用 --db 指定演示数据库文件", "--db is required"), file=sys.stderr)
        return 2
    if args.residents is None:
        args.residents = 300 if args.township else 2000
    if args.residents < 0:
        print(_text("--residents 不能为负数", "--residents must not be negative"), file=sys.stderr)
        return 2
    if args.township:
        return _township(args)
    if args.office:
        args.division = args.office
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


def _township(args: argparse.Namespace) -> int:
    from govdesk.exchange import demo_township

    if not 1 <= args.offices <= demo_township.MAX_OFFICES:
        print(_text("--offices 应为 1 至 99", "--offices must be 1 to 99"), file=sys.stderr)
        return 2
    started = time.monotonic()
    result = demo_township.make_township_demo(
        args.db,
        args.offices,
        residents=args.residents,
        seed=args.seed,
        progress=_progress_printer(started),
    )
    conflicts = sum(r.conflicts for r in result.reports)
    print(
        _text(
            f"乡镇演示数据库 {args.db}：导入 {len(result.reports)} 个数据包"
            f"（{args.offices} 个单位，另有 1 台笔记本副本），冲突 {conflicts} 条；"
            f"各单位的演示数据库和数据包在 {result.folder}"
            f"（用时 {time.monotonic() - started:.1f} 秒）",
            f"Township demo database {args.db}: {len(result.reports)} packages imported "
            f"({args.offices} offices and one laptop copy), {conflicts} conflicts; the offices' "
            f"demo databases and packages are in {result.folder} "
            f"({time.monotonic() - started:.1f} s)",
        )
    )
    print(
        _text(
            f"演示账户：{', '.join(result.accounts)}，密码均为 {accounts.DEMO_PASSWORD}（仅限演示数据库）",
            f"Demo accounts: {', '.join(result.accounts)}, all with the password "
            f"{accounts.DEMO_PASSWORD} (demo databases only)",
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
