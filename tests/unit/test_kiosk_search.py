"""Matter search: Chinese, keywords, pinyin initials, full pinyin and English."""

from __future__ import annotations

from kiosk.search import SearchIndex, full_pinyin, initials, normalize, searchable

MATTERS = [
    searchable("yyzz", "个体工商户营业执照办理", "Business licence for individual businesses", []),
    searchable("spjy", "食品经营许可证核发", "Food business licence", ["食品", "餐饮"]),
    searchable("ylbx", "城乡居民养老保险参保登记", "Residents' pension insurance enrolment", []),
    searchable("sybx", "失业保险金申领", "Unemployment benefit claim", ["失业金"]),
    searchable("kb", "企业开办一件事", "Starting a business", ["营业执照", "公章"]),
]


def index() -> SearchIndex:
    return SearchIndex(MATTERS)


def test_pinyin_initials_find_the_business_licence() -> None:
    assert initials("营业执照") == "yyzz"
    assert index().search("yyzz")[0] == "yyzz"


def test_a_keyword_match_ranks_below_a_name_match_but_is_found() -> None:
    assert index().search("营业执照") == ["yyzz", "kb"]


def test_full_pinyin_and_upper_case_and_fullwidth_letters_match() -> None:
    assert full_pinyin("养老") == "yanglao"
    assert index().search("YangLao") == ["ylbx"]
    assert index().search("ｙｌｂｘ") == ["ylbx"]  # fullwidth, as some IMEs type them


def test_english_words_must_all_match() -> None:
    assert index().search("business licence") == ["yyzz", "spjy"]
    assert index().search("licence pension") == []


def test_chinese_query_never_matches_through_pinyin_or_english() -> None:
    assert index().search("保险") == ["ylbx", "sybx"]
    assert index().search("执照啊") == []


def test_empty_query_lists_everything_in_catalogue_order() -> None:
    assert index().search("  ") == [m.code for m in MATTERS]


def test_prefix_hits_rank_before_hits_inside_a_name() -> None:
    assert index().search("shiye") == ["sybx"]
    assert index().search("sp")[0] == "spjy"  # initials prefix of 食品…


def test_normalize_drops_spaces_and_punctuation() -> None:
    assert normalize(" Y-Y Z.Z ") == "yyzz"
