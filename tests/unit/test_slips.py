"""Slip rendering: sizes, QR, notice contents, wrapping, determinism, real CJK glyphs."""

from __future__ import annotations

import random
import string
import sys
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image, ImageFont

from kiosk.fonts import font_path, licence_path
from kiosk.slip_canvas import Canvas, font, wrap_text
from kiosk.slips import TicketSlip, render_notice, render_ticket
from queue_server.config import Guide, Material, Matter

ISSUED = datetime(2024, 5, 20, 9, 31)
STATUS_URL = "http://192.168.1.10:8000/t/8f3kQ2xLmN0pR7sT"


def make_matter(materials: int = 4) -> Matter:
    names = ["营业执照", "法定代表人身份证明", "经营场所使用证明", "公司章程", "股东会决议"]
    names += [f"其他补充材料第{i}项" for i in range(len(names), materials)]
    return Matter(
        code="biz-change",
        name="企业变更登记",
        name_en="Change of company registration",
        department="scjg",
        zone="B",
        category="approval",
        kind="promised",
        promise_days=3,
        guide=Guide(
            legal_basis=["《中华人民共和国市场主体登记管理条例》第二十四条"],
            materials=[
                Material(
                    name=name,
                    name_en=f"Item {i}",
                    form=("original", "copy", "original_and_copy")[i % 3],
                    copies=1 + i % 2,
                    note="须加盖公章；复印件应注明“与原件一致”并由经办人签字确认。"
                    if i % 2
                    else "",
                )
                for i, name in enumerate(names[:materials])
            ],
            conditions=["申请人为依法登记的企业。", "变更事项符合法律法规规定。"],
            fees="不收费",
        ),
    )


def make_slip(**changes: object) -> TicketSlip:
    fields: dict[str, object] = {
        "hall_name": "西湖区政务服务中心",
        "hall_name_en": "Xihu District Government Service Center",
        "number": "A012",
        "matter_name": "企业变更登记",
        "matter_name_en": "Change of company registration",
        "zone_name": "证照类审批区",
        "windows": [3, 5],
        "waiting_ahead": 12,
        "estimated_wait_min": 25,
        "issued_at": ISSUED,
        "status_url": STATUS_URL,
        "priority": "normal",
    }
    fields.update(changes)
    return TicketSlip(**fields)  # type: ignore[arg-type]


def notice(materials: int = 4, **kwargs: object) -> Image.Image:
    return render_notice(
        hall_name="西湖区政务服务中心",
        matter=make_matter(materials),
        windows=[3, 5],
        issued_at=ISSUED,
        **kwargs,  # type: ignore[arg-type]
    )


def contains_rows(page: Image.Image, strip: Image.Image) -> bool:
    """True when the rows of `strip` appear, contiguous and identical, somewhere in `page`."""
    stride = (page.width + 7) // 8
    page_bytes, strip_bytes = page.tobytes(), strip.tobytes()
    rows = [page_bytes[i : i + stride] for i in range(0, len(page_bytes), stride)]
    want = [strip_bytes[i : i + stride] for i in range(0, len(strip_bytes), stride)]
    return any(rows[y : y + len(want)] == want for y in range(len(rows) - len(want) + 1))


def checkbox_strip(title: str, number: int) -> Image.Image:
    """The pixels of one checklist title line, drawn by the same primitive as the notice."""
    c = Canvas(80)
    top = c.y
    c.checkbox(title, prefix=f"{number}. ")
    bottom = c.y
    return c.finish().crop((0, top, c.width, bottom))


@pytest.mark.parametrize(("paper_mm", "width"), [(80, 576), (58, 384)])
def test_ticket_is_a_1_bit_image_as_wide_as_the_paper(paper_mm: int, width: int) -> None:
    image = render_ticket(make_slip(), paper_mm=paper_mm)
    assert image.mode == "1"
    assert image.width == width
    assert 600 < image.height < 2000


@pytest.mark.parametrize("paper_mm", [80, 58])
def test_ticket_qr_code_reads_back_as_the_status_url(paper_mm: int) -> None:
    image = render_ticket(
        make_slip(priority="green", masked_id="110***********1234"), paper_mm=paper_mm
    )
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [STATUS_URL]


URLSAFE = string.ascii_letters + string.digits + "-_"  # secrets.token_urlsafe's alphabet


def test_every_ticket_token_gives_a_readable_qr_code_on_the_narrow_paper() -> None:
    # The code uses one mask pattern, not the best-scoring one (kiosk/slip_canvas.py): it
    # must still read back for any token the server hands out, at the 58 mm module size.
    rng = random.Random(7)
    for _ in range(40):
        url = f"http://10.{rng.randrange(256)}.1.{rng.randrange(256)}:8000/t/" + (
            "".join(rng.choice(URLSAFE) for _ in range(16))
        )
        image = render_ticket(make_slip(status_url=url), paper_mm=58)
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


def test_same_ticket_or_notice_renders_to_identical_bytes() -> None:
    assert render_ticket(make_slip()).tobytes() == render_ticket(make_slip()).tobytes()
    assert notice().tobytes() == notice().tobytes()
    assert render_ticket(make_slip()).tobytes() != render_ticket(make_slip(number="A013")).tobytes()


def test_green_channel_ticket_carries_an_extra_banner() -> None:
    assert render_ticket(make_slip(priority="green")).height > render_ticket(make_slip()).height


def test_ticket_rejects_an_unknown_priority() -> None:
    with pytest.raises(ValueError, match="priority"):
        make_slip(priority="vip")


def test_notice_prints_every_material_with_its_checkbox() -> None:
    page = notice(5)
    for number, material in enumerate(make_matter(5).guide.materials, 1):
        assert contains_rows(page, checkbox_strip(material.name, number)), material.name


def test_notice_grows_taller_with_each_extra_material() -> None:
    heights = [notice(n).height for n in (1, 2, 5, 9)]
    assert heights == sorted(heights) and len(set(heights)) == 4


def test_buzheng_notice_lists_exactly_the_missing_materials_in_guide_order() -> None:
    page = notice(5, missing=["公司章程", "营业执照"])
    assert contains_rows(page, checkbox_strip("营业执照", 1))
    assert contains_rows(page, checkbox_strip("公司章程", 2))
    for number in (1, 2, 3):
        assert not contains_rows(page, checkbox_strip("经营场所使用证明", number))
    assert page.height < notice(5).height


def test_buzheng_notice_with_an_unknown_material_raises_naming_it() -> None:
    with pytest.raises(ValueError, match="无犯罪记录证明"):
        notice(3, missing=["营业执照", "无犯罪记录证明"])


def test_buzheng_notice_needs_at_least_one_missing_material() -> None:
    with pytest.raises(ValueError):
        notice(3, missing=[])


def test_long_chinese_text_wraps_by_pixel_width_without_losing_characters() -> None:
    face = font(24)
    text = (
        "使用住宅作为经营场所的，须提交住所（经营场所）登记承诺书以及利害关系业主同意证明，并加盖公章。"
        * 3
    )
    lines = wrap_text(text, face, 300)
    assert len(lines) > 5
    assert all(face.getlength(line) <= 300 for line in lines)
    assert "".join(lines) == text
    assert not any(line[0] in "，。）；" for line in lines)
    assert not any(line[-1] == "（" for line in lines)


def test_wrapping_keeps_latin_words_whole() -> None:
    face = font(20)
    text = "Bring the original business licence and a signed application form 营业执照原件"
    lines = wrap_text(text, face, 200)
    words = {w for line in lines for w in line.replace("营", " 营").split()}
    assert {"business", "licence", "application"} <= words
    assert " ".join(lines).replace("  ", " ").split() == text.replace("营", " 营").split()


def test_chinese_glyphs_are_real_glyphs_not_tofu() -> None:
    face = ImageFont.truetype(str(font_path()), 48)
    masks = [bytes(face.getmask(ch)) for ch in "营业执照"]
    notdef = bytes(face.getmask("\ue000"))  # a private-use code point: .notdef
    assert all(any(mask) for mask in masks)
    assert len(set(masks)) == 4
    assert notdef not in masks


def test_bundled_font_covers_all_gb2312_hanzi_and_ships_its_licence() -> None:
    sys.path.insert(0, str(font_path().parent))
    try:
        from make_subset import gb2312_hanzi
    finally:
        sys.path.pop(0)
    cmap = TTFont(font_path("bold")).getBestCmap()
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    assert all(ord(ch) in cmap for ch in hanzi)
    assert "SIL OPEN FONT LICENSE Version 1.1" in Path(licence_path()).read_text("utf-8")
