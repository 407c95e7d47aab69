"""The character-by-character pinyin path gives exactly what pypinyin gives for whole names."""

import random

from govdesk.domain.names import _fast_words, _pypinyin_words, _words, pinyin_keys

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Surnames read differently from their first dictionary reading, or read by context.
POLYPHONIC = "曾单解查区仇朴盖繁乐缪尉折种翟句长员召华过重"
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "尉迟", "单于", "长孙", "万俟", "令狐", "皇甫"]
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞云凤琴燕林宇浩然"
    "子轩梓涵一诺欣怡思雨博嘉俊桐长乐行重和调便觉都还朝中发好少正会解传角率给藏数降"
)


def _names(count: int) -> list[str]:
    rnd = random.Random(11)
    names = []
    for _ in range(count):
        pick = rnd.random()
        if pick < 0.1:
            surname = rnd.choice(COMPOUND)
        elif pick < 0.3:
            surname = rnd.choice(POLYPHONIC)
        else:
            surname = rnd.choice(SURNAMES)
        given = "".join(rnd.choice(GIVEN) for _ in range(rnd.choice([1, 2, 2, 3])))
        names.append(surname + given)
    return names


def _reference(name: str) -> list[str]:
    return _pypinyin_words(name)


def test_generated_names_match_pypinyin_whole_name():
    names = _names(4000)
    fast = 0
    for name in names:
        assert _words(name) == _reference(name), name
        fast += _fast_words(name) is not None
    # The sample must exercise both paths, or the comparison proves little.
    assert 0 < fast < len(names)


def test_polyphonic_surnames_alone_and_with_given_names():
    for surname in list(POLYPHONIC) + COMPOUND:
        for given in ["", "伟", "经", "于", "放", "长", "乐", "华"]:
            name = surname + given
            assert _words(name) == _reference(name), name


def test_context_readings_stay_with_pypinyin():
    assert _words("单于") == ["chan", "yu"]
    assert _fast_words("单于") is None
    assert _words("解放") == _reference("解放")


def test_non_chinese_and_mixed_names_go_the_whole_way():
    for name in ["PARK HANA", "Smith 约翰", "阿依古丽·买买提", "张三\n", "张 三", "〇"]:
        assert pinyin_keys(name) == (
            "".join(_reference(name)),
            "".join(w[0] for w in _reference(name)),
        )
    assert _fast_words("PARK HANA") is None
    assert _fast_words("张三\n") is None


def test_surnames_are_read_as_surnames():
    assert pinyin_keys("曾伟") == ("zengwei", "zw")
    assert pinyin_keys("单雄信") == ("shanxiongxin", "sxx")
    assert pinyin_keys("解晓东")[0] == "xiexiaodong"
    assert pinyin_keys("尉迟恭") == ("yuchigong", "ycg")
    assert pinyin_keys("万俟卨")[0].startswith("moqi")
    assert pinyin_keys("张三") == ("zhangsan", "zs")  # everyday surnames untouched
    # Only the surname changes; the given name keeps pypinyin's reading.
    assert pinyin_keys("曾经")[0] == "zeng" + _words("曾经")[1]
