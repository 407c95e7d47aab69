"""Star levels (星级评定): who reached a new level since the last review, and recording a review.

A volunteer's level comes from their confirmed minutes in volunteer_tally
(`domain.volunteers.star_level`); `Volunteer.stars_reviewed` is the level recorded at the
last review. A promotion is a level above the one recorded. Volunteers who left are not
listed. A level that fell (a negative adjustment) is not a promotion and the review leaves
the recorded level as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlmodel import Session, col, select

from govdesk.domain import volunteers as rules
from govdesk.domain.models import StarReview, Volunteer
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office
from govdesk.store.database import Database


@dataclass(frozen=True)
class PromotedVolunteer:
    id: str
    number: str
    name: str
    status: str


@dataclass(frozen=True)
class Promotion:
    """A volunteer whose confirmed hours reached a level above the one last recorded."""

    volunteer: PromotedVolunteer
    old_level: int
    new_level: int
    minutes: int

    @property
    def stars_text(self) -> str:
        return rules.stars_text(self.new_level)


_SQL = (
    "SELECT v.id, v.number, v.name, v.status, v.stars_reviewed, t.minutes "
    "FROM volunteer_tally t JOIN volunteer v ON v.id = t.volunteer_id "
    "WHERE t.minutes >= :least AND v.status != 'left'"
)


def _promotions(conn: Connection) -> list[Promotion]:
    out: list[Promotion] = []
    for vid, number, name, status, reviewed, minutes in conn.execute(
        text(_SQL), {"least": rules.STAR_HOURS[0] * 60}
    ):
        level = rules.star_level(int(minutes))
        if level > int(reviewed or 0):
            out.append(
                Promotion(
                    PromotedVolunteer(str(vid), number, name, status),
                    int(reviewed or 0),
                    level,
                    int(minutes),
                )
            )
    out.sort(key=lambda p: (-p.new_level, -p.minutes, p.volunteer.number))
    return out


def promotions(db: Database) -> list[Promotion]:
    """Everyone (not left) whose level from confirmed hours is above the level recorded at
    the last review: the highest level first, then most hours."""
    authz.require(db, Permission.VOLUNTEER_VIEW)
    with db.connect() as conn:
        return _promotions(conn)


def record_review(session: Session, *, on: dt.date, note: str = "") -> StarReview:
    """Records a review on `on` (VOLUNTEER_EDIT): each promoted volunteer's recorded level
    becomes their level now; the review keeps how many were promoted. Audited (each
    volunteer's change and the review are written to the trail by the session)."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    actor = authz.require(session, Permission.VOLUNTEER_EDIT)
    found = _promotions(session.connection())
    for p in found:
        volunteer = session.get(Volunteer, p.volunteer.id)
        if volunteer is not None:
            volunteer.stars_reviewed = p.new_level
            session.add(volunteer)
    review = StarReview(
        office_id=current_office(session).id,
        reviewed_on=on,
        reviewed_by=actor.username,
        promoted=len(found),
        note=(note or "").strip(),
    )
    session.add(review)
    session.flush()
    return review


def reviews(session: Session) -> list[StarReview]:
    """Past reviews, newest first."""
    authz.require(session, Permission.VOLUNTEER_VIEW)
    q = select(StarReview).order_by(
        col(StarReview.reviewed_on).desc(), col(StarReview.created_at).desc()
    )
    return list(session.exec(q).all())
