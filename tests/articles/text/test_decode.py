"""Bytes to text: encodings, byte-order marks, mojibake, refusals."""
import codecs

import pytest

from articles.text.decode import decode_bytes, repair_mojibake
from articles.text.errors import InputError

TEXT = "Crocker’s “businesslike” talks — café, naïve, £5"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its byte-order mark
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"],
)
def test_it_decodes_the_usual_encodings(data):
    assert decode_bytes(data) == TEXT


def test_latin1_bytes_cp1252_lacks_are_kept():
    assert decode_bytes(b"caf\xe9 \x81 ok") == "café \x81 ok"


def test_a_utf8_file_with_one_cp1252_quote_is_read_whole():
    assert decode_bytes("naïve ".encode("utf-8") + b"\x93quoted\x94") == "naïve “quoted”"


def test_mojibake_is_repaired():
    mangled = TEXT.encode("utf-8").decode("cp1252", "replace")
    assert "â€™" in mangled
    assert decode_bytes(mangled.encode("utf-8")) == TEXT
    assert repair_mojibake("Iranâ€™s envoy said â€œyesâ€ and cafÃ©") == "Iran’s envoy said “yes” and café"


def test_correct_accents_are_not_touched():
    assert repair_mojibake("São Paulo, Zürich, Ångström, Ça va") == "São Paulo, Zürich, Ångström, Ça va"


def test_crlf_and_no_break_spaces_survive_decoding():
    assert decode_bytes("a\u00a0b\r\nc".encode("utf-8")) == "a\u00a0b\r\nc"
    assert decode_bytes("a\u00a0b".encode("cp1252")) == "a\u00a0b"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_files_are_refused(data):
    with pytest.raises(InputError, match="^empty file$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data",
    [b"text\x00with a nul", b"%PDF-1.4\n%\xe2\xe3", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(32)) * 20, b"PK\x03\x04zip"],
)
def test_binary_files_are_refused(data):
    with pytest.raises(InputError, match="^binary file, not text$"):
        decode_bytes(data)


def test_text_in_an_unknown_encoding_is_refused_in_one_line():
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x81\x8d\x8f\x90\x9d" * 40)
    assert "\n" not in str(info.value) and str(info.value).islower()


def test_a_broken_byte_order_mark_is_refused():
    with pytest.raises(InputError):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
