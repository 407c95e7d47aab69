"""What the volunteer printouts print: certificate, duty roster and team roster as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ITEMISE_LIMIT = 40  # lines listed one by one on a certificate (about two pages)


@dataclass
class ServiceLine:
    """One confirmed line of the ledger as the certificate lists it; texts ready to print."""

    served_on: dt.date
    activity: str  # the activity's title, 点单服务：…, or （调整）the reason
    place: str = ""
    minutes: int = 0
    adjustment: bool = False


@dataclass
class CertificateData:
    """志愿服务证明: who, the period, the service in it, the totals and the star level."""

    office_name: str
    division_code: str = ""
    name: str = ""
    number: str = ""
    sex: str = ""  # 男 / 女
    id_number: str = ""  # masked already unless the role may print it in full
    start: dt.date | None = None  # the period; None = since the volunteer joined
    end: dt.date | None = None
    joined_on: dt.date | None = None
    lines: list[ServiceLine] = field(default_factory=list)
    period_minutes: int = 0  # confirmed minutes served in the period (adjustments included)
    total_minutes: int = 0  # every confirmed minute to date (the star level's basis)
    star_level: int = 0
    teams: list[str] = field(default_factory=list)
    issued_on: dt.date | None = None
    masked: bool = False
    # One row per line, or one per kind of service (title) with its count; None: one row
    # per line up to ITEMISE_LIMIT lines, so a long-serving volunteer's certificate stays
    # a page or two instead of dozens.
    itemised: bool | None = None

    def itemise(self) -> bool:
        return self.itemised if self.itemised is not None else len(self.lines) <= ITEMISE_LIMIT

    @property
    def activities(self) -> int:
        """How many distinct services the period holds (adjusting lines are not services)."""
        return sum(1 for line in self.lines if not line.adjustment)


@dataclass
class ServiceGroup:
    """The certificate's summary row of one kind of service: how often, when, how long."""

    activity: str
    first: dt.date
    last: dt.date
    times: int = 0
    minutes: int = 0
    adjustment: bool = False


def service_groups(lines: list[ServiceLine]) -> list[ServiceGroup]:
    """Lines of the same service (title) together, in the order each was first served;
    adjusting lines stay one row each, where they fall."""
    groups: list[ServiceGroup] = []
    by_title: dict[str, ServiceGroup] = {}
    for line in sorted(lines, key=lambda x: x.served_on):
        if line.adjustment:
            groups.append(
                ServiceGroup(line.activity, line.served_on, line.served_on, 0, line.minutes, True)
            )
            continue
        group = by_title.get(line.activity)
        if group is None:
            group = by_title[line.activity] = ServiceGroup(
                line.activity, line.served_on, line.served_on
            )
            groups.append(group)
        group.times += 1
        group.minutes += line.minutes
        group.last = max(group.last, line.served_on)
    return groups


@dataclass
class RosterShift:
    """One weekly duty on one day of the printed week, with the volunteers on it."""

    title: str
    start: dt.time
    end: dt.time
    place: str = ""
    headcount: int = 1
    names: list[str] = field(default_factory=list)
    team: str = ""


@dataclass
class DutyRosterData:
    """排班表: the week's days across, the duty times down, the names in each box."""

    office_name: str
    division_code: str = ""
    monday: dt.date | None = None
    printed_on: dt.date | None = None
    # days[0] is Monday: the shifts held that day, by start time.
    days: list[list[RosterShift]] = field(default_factory=lambda: [[] for _ in range(7)])


@dataclass
class TeamMemberLine:
    """One member of a team as printed; every value is already the text to show."""

    number: str
    name: str
    sex: str = ""
    phone: str = ""
    skills: str = ""
    joined_on: dt.date | None = None
    minutes: int = 0
    star_level: int = 0
    leader: bool = False
    dual_report: bool = False


@dataclass
class TeamRosterData:
    """志愿服务队花名册: one team, its leader and members on a day."""

    office_name: str
    division_code: str = ""
    name: str = ""
    service_area: str = ""
    founded_on: dt.date | None = None
    leader: str = ""
    leader_phone: str = ""
    on: dt.date | None = None
    members: list[TeamMemberLine] = field(default_factory=list)
    masked: bool = False
