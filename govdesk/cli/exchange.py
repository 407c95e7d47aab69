"""`govdesk exchange key|trust|keys|revoke|export|import|conflicts`: keys, packages, conflicts."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from govdesk.cli import bilingual, open_db
from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue

messages.register(
    {
        "exchange.no_folder": (
            "找不到文件夹“{folder}”（U盘是否已插好？）",
            "The folder '{folder}' does not exist (is the USB stick plugged in?)",
        ),
        "exchange.key.unreadable": (
            "无法读取公钥文件“{name}”：{error}",
            "The key file '{name}' cannot be read: {error}",
        ),
    }
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "exchange",
        help="exchange with the township: keys, packages and conflicts (administrators)",
    )
    actions = p.add_subparsers(dest="exchange_command", metavar="ACTION", required=True)

    key = actions.add_parser(
        "key",
        parents=[common],
        help="write this database's public key file and print its fingerprint",
        description="Write this database's public key file (no secret in it) for the other "
        "side to trust, and print its fingerprint, to be read out over the phone. The keys "
        "are made on first use.",
    )
    key.add_argument("--out", type=Path, required=True, metavar="FILE", help="the key file")
    key.set_defaults(func=run_key)

    trust = actions.add_parser(
        "trust",
        parents=[common],
        help="trust another database's public key file (compare its fingerprint first)",
        description="Trust the keys in FILE: packages they sign are accepted, and packages "
        "for them can be written. Asks nothing: compare the printed fingerprint with the "
        "sender's by phone. An office with a trusted key gets no second one until the old "
        "one is revoked. Exit 2 with the reason when the file is not a valid key file.",
    )
    trust.add_argument("file", type=Path, metavar="FILE", help="a public key file")
    trust.set_defaults(func=run_trust)

    listing = actions.add_parser(
        "keys", parents=[common], help="list this database's fingerprint and the trusted keys"
    )
    listing.add_argument("--all", action="store_true", help="revoked keys too")
    listing.set_defaults(func=run_keys)

    revoke = actions.add_parser(
        "revoke",
        parents=[common],
        help="stop trusting a key (its packages are refused from now on)",
    )
    revoke.add_argument("fingerprint", metavar="FINGERPRINT", help="as `exchange keys` shows it")
    revoke.set_defaults(func=run_revoke)

    export = actions.add_parser(
        "export",
        parents=[common],
        help="write this office's records as one package for the township; prints its path",
        description="Write this office's records, each with its history, signed and sealed "
        "for the trusted township key, into FOLDER (a USB stick or a shared folder). The "
        "file appears only whole. It holds what changed since the township's last "
        "acknowledgement (sent back in its packages), or everything with --full.",
    )
    export.add_argument("--to", type=Path, required=True, metavar="FOLDER", dest="folder")
    export.add_argument(
        "--full",
        action="store_true",
        help="every record, not only those since the last acknowledgement",
    )
    export.add_argument(
        "--office",
        action="append",
        metavar="CODE",
        help="township only: the office (division code) to write a downward package for; "
        "repeatable; every trusted office when left out",
    )
    export.set_defaults(func=run_export)

    imp = actions.add_parser(
        "import",
        parents=[common],
        help="import a package (exit 0 applied or nothing new, 1 refused)",
        description="Verify the package and apply it in one transaction. Exit 0 when it was "
        "applied or held nothing new, 1 when it was refused (the reason on stderr); the "
        "report goes to stdout. A first package from the township carries its key: give "
        "--trust with the fingerprint the township read out by phone.",
    )
    imp.add_argument("package", type=Path, metavar="PACKAGE", help="a .gdx file")
    imp.add_argument(
        "--trust",
        metavar="FINGERPRINT",
        help="trust the key the package introduces, once checked by phone",
    )
    imp.add_argument("--report", type=Path, metavar="FILE", help="also save the report here")
    imp.set_defaults(func=run_import)

    conflicts = actions.add_parser(
        "conflicts",
        parents=[common],
        help="the open conflicts as CSV on stdout: record, field, the two values, the two offices",
    )
    conflicts.set_defaults(func=run_conflicts)


def _kind(kind: str) -> str:
    return (
        bilingual("乡镇/街道", "township") if kind == "township" else bilingual("社区/村", "office")
    )


def run_key(args: argparse.Namespace) -> int:
    from govdesk.exchange import keys
    from govdesk.store.backup_file import atomic_file

    db = open_db(args)
    try:
        keys.require_exchange(db)
        data = keys.public_key_file(db)
        fingerprint = keys.own_keys(db).fingerprint
    finally:
        db.close()
    with atomic_file(args.out) as out:
        out.write(data)
    print(fingerprint)
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from govdesk.exchange import keys
    from govdesk.exchange.limits import MAX_KEY_FILE

    path: Path = args.file
    try:
        with path.open("rb") as f:
            data = f.read(MAX_KEY_FILE + 1)  # no more than the cap, whatever the file's size
    except OSError as exc:
        raise DomainError(
            Issue(
                "key_file",
                "exchange.key.unreadable",
                {"name": path.name, "error": exc.strerror or exc},
            )
        ) from exc
    card = keys.read_key_file(data, name=path.name)
    db = open_db(args)
    try:
        keys.require_exchange(db)
        before = {row.fingerprint for row in keys.trusted(db)}
        with db.session() as s:
            keys.trust(s, card)
    finally:
        db.close()
    already = card.fingerprint in before
    print(
        f"{card.fingerprint}  {card.office_code}  {card.office_name}  {_kind(card.kind)}  "
        + (
            bilingual("（已信任，未改变）", "(already trusted)")
            if already
            else bilingual("已信任", "trusted")
        )
    )
    return 0


def _local(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def run_keys(args: argparse.Namespace) -> int:
    from govdesk.exchange import keys

    db = open_db(args)
    try:
        keys.require_exchange(db)
        has_own = db.meta(keys.SIGN_META) is not None and db.meta(keys.BOX_META) is not None
        own = keys.own_card(db) if has_own else None
        rows = keys.trusted(db, include_revoked=args.all)
    finally:
        db.close()
    if own is None:
        print(bilingual("本单位：尚未生成交换密钥", "This office: no exchange keys yet"))
    else:
        print(
            bilingual("本单位：", "This office: ")
            + f"{own.fingerprint}  {own.office_code}  {own.office_name}  {_kind(own.kind)}"
        )
    if not rows:
        print(bilingual("没有受信任的密钥", "No trusted keys"))
    for row in rows:
        state = (
            bilingual("已撤销 ", "revoked ") + _local(row.revoked_at)
            if row.revoked_at is not None
            else bilingual("有效", "valid")
        )
        print(
            "\t".join(
                [
                    row.fingerprint,
                    row.office_code,
                    row.office_name,
                    _kind(row.kind),
                    _local(row.trusted_at),
                    row.trusted_by,
                    state,
                ]
            )
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from govdesk.exchange import keys

    db = open_db(args)
    try:
        with db.session() as s:
            row = keys.revoke(s, args.fingerprint)
            shown = f"{row.fingerprint}  {row.office_code}  {row.office_name}"
    finally:
        db.close()
    print(shown + "  " + bilingual("已撤销", "revoked"))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from govdesk.exchange import downward, keys
    from govdesk.exchange.export import export_package
    from govdesk.services.office import current_office

    if not args.folder.is_dir():
        raise DomainError(Issue("folder", "exchange.no_folder", {"folder": str(args.folder)}))
    db = open_db(args)
    try:
        with db.session() as s:
            kind = keys.exchange_kind(current_office(s).kind)
        if kind == "township":
            codes = args.office or sorted(
                {c.office_code for c in keys.keyring(db) if c.kind == "office"}
            )
            paths = [downward.export_downward(db, args.folder, code) for code in codes]
        else:
            paths = [export_package(db, args.folder, full=args.full).path]
    finally:
        db.close()
    for path in paths:
        print(path)
    return 0


def run_import(args: argparse.Namespace) -> int:
    import sys

    from govdesk.exchange import downward
    from govdesk.exchange.apply import import_package

    db = open_db(args)
    try:
        if args.trust:
            downward.introduce(db, args.package, args.trust)
        report = import_package(db, args.package)
    finally:
        db.close()
    if args.report is not None:
        report.save(args.report)
    if report.outcome == "refused":
        print(report.reason, file=sys.stderr)
        return 1
    print(report.text(), end="")
    return 0


def run_conflicts(args: argparse.Namespace) -> int:
    import sys

    from govdesk.exchange.conflicts import conflicts_csv

    db = open_db(args)
    try:
        csv_text = conflicts_csv(db)
    finally:
        db.close()
    sys.stdout.write(csv_text)
    return 0
