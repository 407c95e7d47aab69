"""Statements of a session kept as one text, and read back per speaker."""

from govdesk.domain.mediation import join_statements, split_statements


def test_statements_round_trip_per_speaker():
    blocks = [("申请人王建国", "水管漏水\n淹了我家"), ("被申请人李明", "愿意赔偿")]
    assert split_statements(join_statements(blocks)) == blocks


def test_empty_statements_are_dropped_and_free_text_is_one_block():
    assert join_statements([("被申请人李四", "  ")]) == ""
    assert split_statements("当事人各自陈述了意见") == [("", "当事人各自陈述了意见")]
    assert split_statements("") == []
