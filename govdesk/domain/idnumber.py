"""Citizen ID numbers (GB 11643-1999): clean-up, validation, 15→18 conversion and masking."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric

from govdesk.domain.messages import Issue

# Excel shows a long number as 1.10105E+17 and keeps only 15 significant digits.
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass
class IdCheck:
    """The outcome of checking one typed ID number."""

    raw: str
    number: str = ""  # the normalised 18-character number when usable
    converted_from_15: bool = False
    birth_date: dt.date | None = None
    sex: str | None = None  # "male" / "female"
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.number) and not any(not i.warning for i in self.issues)


def normalise(raw: object) -> str:
    """Full-width digits, a lowercase x and stray spaces are typing habits, not errors."""
    if raw is None:
        return ""
    if type(raw) is str and raw.isascii() and raw.isalnum():
        return raw.upper()  # the usual cell: NFKC and the space clean-up change nothing
    s = unicodedata.normalize("NFKC", str(raw))
    return re.sub(r"\s+", "", s).upper()


def _whole_15(raw: object) -> str | None:
    """A 15-digit number held as a float or int: Excel keeps 15 digits, so it is intact."""
    if isinstance(raw, float) and raw.is_integer() and len(str(int(raw))) == 15:
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool) and len(str(raw)) == 15:
        return str(raw)
    return None


def looks_excel_damaged(raw: object) -> bool:
    """True when a spreadsheet stored the ID as a number (float or 1.1E+17 text)."""
    if _whole_15(raw) is not None:
        return False
    if isinstance(raw, float):
        return True
    if isinstance(raw, int) and len(str(raw)) >= 15 and not isinstance(raw, bool):
        # An int of 18 digits may survive intact in some tools; Excel itself keeps 15
        # significant digits, so trailing zeros beyond that mean the tail was lost.
        s = str(raw)
        return len(s) == 18 and s[15:] == "000"
    s = normalise(raw)
    return bool(_SCIENTIFIC.match(s)) or (s.endswith(".0") and s[:-2].isdigit())


def convert_15(number15: str) -> str:
    """Old 15-digit numbers have a 2-digit year; insert 19 and add the check character."""
    body = number15[:6] + "19" + number15[6:]
    # stdnum expects a full-length number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def sex_of(number: str) -> str:
    return "male" if int(number[16]) % 2 else "female"


def check(raw: object, *, today: dt.date | None = None, field_name: str = "id_number") -> IdCheck:
    """Check an ID number and derive birth date and sex; see DOMAIN.md for the rules."""
    today = today or dt.date.today()
    result = IdCheck(raw="" if raw is None else str(raw))
    if type(raw) is str and raw.isascii() and raw.isalnum():
        # The usual cell: what looks_excel_damaged and normalise find for it, worked out
        # once (no float, no ".0", nothing to clean up; only the 1E17 form is damage).
        s = raw.upper()
        if _SCIENTIFIC.match(s):
            result.issues.append(Issue(field_name, "id.excel", {"raw": result.raw}))
            return result
    else:
        if looks_excel_damaged(raw):
            result.issues.append(Issue(field_name, "id.excel", {"raw": result.raw}))
            return result
        s = _whole_15(raw) or normalise(raw)
    if len(s) == 15 and s.isdigit():
        s = convert_15(s)
        result.converted_from_15 = True
        result.issues.append(Issue(field_name, "id.converted", {"new": s}, warning=True))
    if len(s) != 18:
        result.issues.append(Issue(field_name, "id.length", {"n": len(s)}))
        return result
    if not (s[:17].isdigit() and (s[17].isdigit() or s[17] == "X")):
        result.issues.append(Issue(field_name, "id.chars"))
        return result
    try:
        # The same as ric.get_birth_date, whose character clean-up costs more than the check.
        birth = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        result.issues.append(
            Issue(field_name, "id.date", {"date": f"{s[6:10]}-{s[10:12]}-{s[12:14]}"})
        )
        return result
    if birth > today:
        result.issues.append(Issue(field_name, "id.future", {"date": birth.isoformat()}))
        return result
    expected = ric.calc_check_digit(s)
    if expected != s[17]:
        result.issues.append(Issue(field_name, "id.check", {"expected": expected, "actual": s[17]}))
        return result
    if not area_known(s[:6]):
        # New counties appear every year; never refuse a real person over the table.
        result.issues.append(Issue(field_name, "id.area", {"area": s[:6]}, warning=True))
    result.number = s
    result.birth_date = birth
    result.sex = sex_of(s)
    return result


@lru_cache(maxsize=65_536)
def area_known(area: str) -> bool:
    """Whether the bundled table lists the area code at all (cached: the lookup is slow).

    Not "at the birth year", as stdnum's get_birth_place checks: 玄武区 got 320102 in
    1983, yet everyone born there before 1983 carries 320102 too.
    """
    return any("county" in props for _, props in numdb.get("cn/loc").info(area))


def mask(number: str | None) -> str:
    """110105********002X: area code and the last four stay, the birth date is hidden."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    if len(phone) < 7:
        return phone[:1] + "*" * (len(phone) - 1)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
