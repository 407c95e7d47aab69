"""Search keys derived from names."""

import pytest

from govdesk.domain.names import pinyin_keys


@pytest.mark.parametrize(
    "name, keys",
    [
        ("张三", ("zhangsan", "zs")),
        ("欧阳娜娜", ("ouyangnana", "oynn")),
        ("PARK HANA", ("parkhana", "ph")),
        ("Smith 约翰", ("smithyuehan", "syh")),
        ("", ("", "")),
    ],
)
def test_pinyin_keys(name, keys):
    assert pinyin_keys(name) == keys


def test_uyghur_name_with_middle_dot_keeps_every_syllable():
    full, initials = pinyin_keys("阿依古丽·买买提")
    assert full == "ayiguli" + "maimaiti"
    assert initials == "aygl" + "mmt"
