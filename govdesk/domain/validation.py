"""Checks and cleans the fields of one person before anything is stored."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from govdesk.domain import codes, idnumber
from govdesk.domain.dates import parse_date
from govdesk.domain.messages import Issue
from govdesk.domain.models import PersonFields

CODED_FIELDS: dict[str, codes.CodeList] = {
    "sex": codes.SEX,
    "ethnicity": codes.ETHNICITY,
    "political_status": codes.POLITICAL_STATUS,
    "education": codes.EDUCATION,
    "marital_status": codes.MARITAL_STATUS,
    "person_type": codes.PERSON_TYPE,
    "relation_to_head": codes.RELATION,
}
DATE_FIELDS = ("birth_date", "arrival_date")
TEXT_FIELDS = (
    "name",
    "occupation",
    "registered_address",
    "current_address",
    "residence_permit_no",
    "arrival_reason",
    "landlord",
    "nationality",
    "passport_no",
    "notes",
)
_PHONE = re.compile(r"^\+?\d{7,15}$")
_SPACE = re.compile(r"\s")
# The code for each distinct cell text: an import of 100,000 rows types the same few
# labels over and over. Capped so that a file of garbage cannot grow it without end.
_CODE_CACHE: dict[tuple[str, str], str | None] = {}
_CODE_CACHE_MAX = 20_000


def field_label(name: str) -> str:
    from govdesk.domain.columns import label_for

    return label_for(name)


def clean_person(
    raw: dict[str, Any], *, today: dt.date | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """Return cleaned values (codes, dates, normalised ID) and every issue found.

    Only keys present in `raw` are returned, so the same function serves a new
    person and a partial update. Warnings never block a save; errors do.
    """
    today = today or dt.date.today()
    out: dict[str, Any] = {}
    issues: list[Issue] = []

    for key in TEXT_FIELDS:
        if key in raw:
            value = raw[key]
            if type(value) is str:  # the usual case, without the conversion
                out[key] = value.strip() or None
                continue
            value = None if value is None else str(value).strip()
            out[key] = value or None
    if "name" in raw:
        if not out.get("name"):
            issues.append(Issue("name", "required", {"field": field_label("name")}))
        elif _SPACE.search(out["name"]) and _is_cjk(out["name"]):
            out["name"] = re.sub(r"\s+", "", out["name"])

    for key, code_list in CODED_FIELDS.items():
        if key in raw:
            value = raw[key]
            text = value if type(value) is str else str(value)
            if value is None or text.strip() == "":
                out[key] = None
                continue
            code = _CODE_CACHE.get((key, text), _CODE_CACHE)
            if code is _CODE_CACHE:
                code = cached_code(key, code_list, text)
            if code is None:
                issues.append(Issue(key, "code.invalid", {"raw": value, "field": field_label(key)}))
            else:
                out[key] = code
    if "person_type" in out and out["person_type"] is None:
        out["person_type"] = "registered"

    for key in DATE_FIELDS:
        if key in raw:
            try:
                d = parse_date(raw[key])
            except ValueError:
                issues.append(Issue(key, "date.invalid", {"raw": raw[key]}))
                continue
            if d is not None and d > today:
                issues.append(Issue(key, "date.future", {"date": d.isoformat()}))
                continue
            out[key] = d

    if "phone" in raw:
        phone = raw["phone"]
        if phone is None or str(phone).strip() == "":
            out["phone"] = None
        elif type(phone) is str and phone.isascii() and phone.isdigit():
            # Plain digits, the usual cell: nothing to normalise or strip.
            if 7 <= len(phone) <= 15:
                out["phone"] = phone
            else:
                issues.append(Issue("phone", "phone.invalid", {"raw": phone}))
        else:
            s = idnumber.normalise(phone)
            s = s[:-2] if isinstance(phone, float) and s.endswith(".0") else s
            s = re.sub(r"[-()（）]", "", s)
            if _PHONE.match(s):
                out["phone"] = s
            else:
                issues.append(Issue("phone", "phone.invalid", {"raw": phone}))

    if "id_number" in raw:
        value = raw["id_number"]
        if value is None or (isinstance(value, str) and not value.strip()):
            out["id_number"] = None
            out["id_converted"] = False
        else:
            result = idnumber.check(value, today=today)
            issues.extend(result.issues)
            if result.ok:
                out["id_number"] = result.number
                out["id_converted"] = result.converted_from_15
                _compare_derived(out, raw, result, issues)
    return out, issues


def cached_code(key: str, code_list: codes.CodeList, text: str) -> str | None:
    """The code for a label as typed, looked up once per distinct text (see _CODE_CACHE)."""
    found = _CODE_CACHE.get((key, text), _CODE_CACHE)
    if found is _CODE_CACHE:
        if len(_CODE_CACHE) >= _CODE_CACHE_MAX:
            _CODE_CACHE.clear()
        found = _CODE_CACHE[(key, text)] = code_list.parse(text)
    return found  # type: ignore[return-value]


def _compare_derived(
    out: dict[str, Any], raw: dict[str, Any], result: idnumber.IdCheck, issues: list[Issue]
) -> None:
    """Fill birth date and sex from the ID; flag what the clerk typed when it disagrees."""
    typed_birth = out.get("birth_date")
    birth_unreadable = bool(issues) and any(i.field == "birth_date" for i in issues)
    if typed_birth is None and not birth_unreadable:
        out["birth_date"] = result.birth_date
    elif typed_birth is not None and typed_birth != result.birth_date:
        issues.append(
            Issue(
                "birth_date",
                "id.birth_mismatch",
                {
                    "typed": typed_birth.isoformat() if typed_birth else "",
                    "derived": result.birth_date,
                },
                warning=True,
            )
        )
    typed_sex = out.get("sex")
    if typed_sex is None and not (issues and any(i.field == "sex" for i in issues)):
        out["sex"] = result.sex
    elif typed_sex != result.sex:
        issues.append(
            Issue(
                "sex",
                "id.sex_mismatch",
                {"typed": codes.SEX.label(typed_sex), "derived": codes.SEX.label(result.sex)},
                warning=True,
            )
        )


def _is_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def person_fields() -> list[str]:
    return list(PersonFields.model_fields)


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.warning]
