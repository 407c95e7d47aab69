"""The version rules: re-imports change nothing, order does not matter, no version is lost."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from govdesk.exchange.versions import Outcome, RecordState, Revision, apply, apply_all, settle

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def rev(instance, n, *before, minutes=0):
    history = frozenset().union(*({b.version} | b.history for b in before))
    return Revision((instance, n), history, T0 + dt.timedelta(minutes=minutes))


def test_the_three_cases_of_exchange_md():
    made = rev("office", 5)
    edited = rev("office", 9, made, minutes=1)
    state, outcome = apply(RecordState(), made)
    assert outcome == Outcome.NEW
    state, outcome = apply(state, edited)
    assert outcome == Outcome.FORWARD and state.winner == edited
    # The same package again, or the older one after the newer: nothing changes.
    assert apply(state, edited) == (state, Outcome.KNOWN)
    assert apply(state, made) == (state, Outcome.KNOWN)
    # A laptop copy edited the version of 5 while the office made 9: a conflict, both kept.
    laptop = rev("laptop", 3, made, minutes=2)
    state, outcome = apply(state, laptop)
    assert outcome == Outcome.CONFLICT
    assert state.winner == laptop  # saved later: the provisional winner everywhere
    assert state.conflicts == [edited]
    # A person merges: the new version supersedes both, and the conflict is over.
    merged = settle(state, ("township", 1), row={"phone": "merged"}, at=T0 + dt.timedelta(hours=1))
    state, outcome = apply(state, merged)
    assert outcome == Outcome.FORWARD and state.heads == frozenset({merged})


def test_the_winner_does_not_depend_on_who_applies_first():
    base = rev("a", 1)
    left = rev("a", 2, base, minutes=5)
    right = rev("b", 1, base, minutes=5)  # saved at the same minute: the larger id wins
    one = apply_all([base, left, right])
    other = apply_all([right, base, left])
    assert one == other and one.winner == right


@st.composite
def histories(draw):
    """Revisions of one record made on four instances, each built on some earlier ones
    (what edits, copies and exchanges between offices and a township can produce)."""
    count = draw(st.integers(1, 14))
    revisions: list[Revision] = []
    counters: dict[str, int] = {}
    for _ in range(count):
        instance = draw(st.sampled_from(["office", "laptop", "other", "township"]))
        counters[instance] = counters.get(instance, 0) + 1
        parents = draw(st.lists(st.sampled_from(revisions), max_size=3)) if revisions else []
        minutes = draw(st.integers(0, 20))
        revisions.append(rev(instance, counters[instance], *parents, minutes=minutes))
    return revisions


@settings(max_examples=300, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_any_order_any_repeats_same_state_nothing_lost(revisions, rnd: random.Random):
    in_order = apply_all(revisions)
    shuffled = revisions + rnd.sample(revisions, k=len(revisions) // 2)  # some twice
    rnd.shuffle(shuffled)
    assert apply_all(shuffled) == in_order
    # No version is lost: each is a head or superseded by one.
    for r in revisions:
        assert in_order.knows(r.version)
    # The heads are exactly the versions nothing else seen supersedes.
    superseded = set().union(*(r.history for r in revisions))
    assert {h.version for h in in_order.heads} == {
        r.version for r in revisions if r.version not in superseded
    }
    # Settling leaves one head, whatever arrives after it from the same past.
    if len(in_order.heads) > 1:
        merged = settle(in_order, ("township", 99), row=None, at=T0)
        after = apply_all(rnd.sample(revisions, k=len(revisions)), apply_all([merged], in_order))
        assert after.heads == frozenset({merged})
