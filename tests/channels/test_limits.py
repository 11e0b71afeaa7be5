"""Input rules shared by every channel (no server)."""

from __future__ import annotations

import pytest

from channels.hardening import content_length_ok
from channels.limits import BadInput, check_message, clean_text, load_json
from channels.sms import keyword


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("bone\u200bscan", "bonescan"),
        ("what is a bone\u200b scan\u2060?", "what is a bone scan?"),
        ("\u202eevil rtl\u202c what is her2\u200f", "evil rtl what is her2"),
        ("\ufeffhello\u00ad", "hello"),
        ("\u2066isolated\u2069 \u200c\u200d", "isolated"),
        ("caf\u0065\u0301", "caf\u00e9"),  # NFC
    ],
)
def test_invisible_characters_are_stripped_so_words_join_as_typed(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert check_message(raw).text == clean


def test_a_stop_with_a_zero_width_space_is_still_stop() -> None:
    assert keyword(clean_text("ST\u200bOP")) == "stop"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"message": "\\ud800"}', "Unicode"),
        (b'{"a": ["\\udfff"]}', "Unicode"),
        (b'{"\\ud800": 1}', "Unicode"),
        (b"\xff", "UTF-8"),
        (b"{nope", "JSON"),
    ],
)
def test_bad_json_bodies_are_refused_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(BadInput, match=reason):
        load_json(body)


def test_good_json_bodies_load() -> None:
    assert load_json(b'{"m": "\\ud83d\\udc97 ok"}') == {"m": "\U0001f497 ok"}
    assert load_json('{"m": 1}') == {"m": 1}


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (None, True),
        ("0", True),
        ("42", True),
        (" 42", True),
        ("abc", False),
        ("-5", False),
        ("12, 13", False),
        ("1e3", False),
        ("0x10", False),
        ("", False),
        ("9" * 30, False),
    ],
)
def test_content_length_values(value: str | None, ok: bool) -> None:
    assert content_length_ok(value) is ok
