"""Reading real-world mail: charsets, structure, quoted history, and what no person wrote."""

import pytest

from amends.mail import noise, parsing
from amends.mail.charsets import decode_header_value, decode_text
from amends.mail.models import Noise
from amends.mail.text import html_to_text, strip_reply, strip_signature

from .conftest import load_eml


def test_encoded_word_subject_and_sender_name_are_decoded():
    parsed = parsing.parse(load_eml("encoded_words.eml"))
    assert parsed.subject == "Rückerstattung für Bestellung Nr. 88 \u2013 bitte — dringend"
    assert parsed.from_name == "Élodée Müller"
    assert "Rückerstattung für meine Bestellung Nr. 88" in parsed.text


def test_utf8_labelled_latin1_and_an_unknown_charset_are_read_as_what_they_are():
    parsed = parsing.parse(load_eml("wrong_charset.eml"))
    assert parsed.subject == "Problème de livraison"
    assert parsed.from_name == "Renée Faure"
    assert "Le colis est arrivé abîmé" in parsed.text


def test_windows_1252_bytes_labelled_ascii_become_the_right_characters():
    parsed = parsing.parse(load_eml("ascii_label_cp1252.eml"))
    assert parsed.subject == "Café voucher refused"
    assert parsed.text == "Your café refused my € 5 voucher \u2013 twice."


def test_raw_8bit_utf8_headers_and_body_are_read():
    parsed = parsing.parse(load_eml("eight_bit.eml"))
    assert parsed.subject == "Zamówienie nie dotarło — order never arrived"
    assert parsed.from_name == "Zoë Król"
    assert parsed.text.startswith("Dzień dobry")


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("naïve".encode(), "iso-8859-1", "naïve"),
        ("naïve".encode("cp1252"), "utf-8", "naïve"),
        ("Привет".encode("koi8-r"), "koi8-r", "Привет"),
        ("中文".encode("gb18030"), "gb2312", "中文"),
        ("café".encode("cp1252"), "no-such-charset", "café"),
        (b"a\x00b", None, "ab"),
    ],
)
def test_body_bytes_fall_back_sensibly_when_the_label_is_wrong(data, declared, expected):
    assert decode_text(data, declared) == expected


def test_malformed_encoded_word_is_shown_as_written():
    assert decode_header_value("=?utf-8?B?not base64!?=") != ""


def test_nested_multipart_keeps_plain_text_inline_image_and_files():
    parsed = parsing.parse(load_eml("nested_multipart.eml"))
    assert (
        parsed.text == "The sofa was delivered with a torn arm. Photo inline and the delivery note attached."
    )
    assert not parsed.html_only
    files = {(p.filename, p.content_type, p.inline) for p in parsed.attachments}
    assert files == {
        ("torn-arm.png", "image/png", True),
        ("delivery-note.pdf", "application/pdf", False),
        ("invoice.exe", "application/octet-stream", False),
    }
    assert next(p for p in parsed.attachments if p.inline).content_id == "photo1@example"


def test_apple_mail_body_split_around_an_inline_image_is_joined():
    parsed = parsing.parse(load_eml("apple_mail.eml"))
    assert "leaks from the base" in parsed.text
    assert "I would like my money back" in parsed.text
    assert [p.filename for p in parsed.attachments] == ["leak.jpg"]
    assert strip_signature(parsed.text).endswith("I would like my money back.")


def test_html_only_mail_becomes_text_without_script_or_style():
    parsed = parsing.parse(load_eml("html_only.eml"))
    assert parsed.html_only
    assert "charged £9.99 again on 10 March" in parsed.text
    assert "INV-2211" in parsed.text
    for unwanted in ("alert", "font-family", "<", "steal", "Message\n"):
        assert unwanted not in parsed.text


def test_html_to_text_keeps_link_targets_as_text():
    assert "https://example.com/a" in html_to_text('<p>See <a href="https://example.com/a">here</a></p>')


def test_missing_headers_still_give_a_sender_and_text():
    parsed = parsing.parse(load_eml("missing_headers.eml"))
    assert parsed.from_address == "pat@example.net"
    assert parsed.message_id is None
    assert parsed.subject == ""
    assert "charged me twice" in parsed.text


@pytest.mark.parametrize("raw", [b"", b"   \r\n", load_eml("unparseable.eml")])
def test_bytes_without_a_header_section_are_unreadable(raw):
    with pytest.raises(parsing.Unreadable):
        parsing.parse(raw)


def test_message_id_is_read_from_the_header_block_without_parsing():
    raw = b"Subject: x\r\nMessage-ID:\r\n <abc@example.net>\r\n\r\nMessage-ID: <body@example.net>\r\n"
    assert parsing.header_message_id(raw) == "<abc@example.net>"
    assert parsing.header_message_id(b"Subject: x\r\n\r\nbody") is None


def test_gmail_reply_loses_the_quoted_history():
    parsed = parsing.parse(load_eml("gmail_reply.eml", IN_REPLY_TO="ack@amends.localhost"))
    assert strip_reply(parsed.text) == "Thank you. A courier this Thursday would suit me best."


def test_outlook_reply_loses_the_header_block_and_everything_below():
    parsed = parsing.parse(load_eml("outlook_reply.eml", IN_REPLY_TO="a@b", REPLY_TOKEN="x"))
    shown = strip_reply(parsed.text)
    assert shown.startswith("Thanks \u2013 the engineer never came on Thursday either.")
    assert shown.endswith("Morgan")
    assert "A person will reply" not in shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes please.\n\nLe lun. 2 mars 2026, Care <c@x> a écrit :\n> old", "Yes please."),
        ("Ja.\n\nAm 02.03.2026 um 09:15 schrieb Care <c@x>:\n> alt", "Ja."),
        ("Fine.\n-----Original Message-----\nFrom: x", "Fine."),
        ("Answer one\n> question two\nAnswer two", "Answer one\n> question two\nAnswer two"),
        ("> only a quote", "> only a quote"),
        ("Thanks\n\nSent from my iPhone", "Thanks"),
        ("Thursday is fine.\n\n-- \nJo Bloggs\n0161 496 0000", "Thursday is fine."),
    ],
)
def test_reply_stripping_keeps_only_what_is_new(text, expected):
    assert strip_reply(text) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("out_of_office.eml", Noise.AUTO_REPLY),
        ("newsletter.eml", Noise.BULK),
        ("dsn_bounce.eml", Noise.BOUNCE),
        ("plain.eml", Noise.NONE),
        ("outlook_reply.eml", Noise.NONE),
    ],
)
def test_mail_no_person_wrote_is_recognised(name, kind):
    assert noise.classify(parsing.parse(load_eml(name)))[0] == kind


@pytest.mark.parametrize(
    "extra_header",
    [
        "X-Autoreply: yes",
        "X-Autorespond: vacation",
        "Precedence: junk",
        "Precedence: list",
        "List-Id: <people.example.org>",
        "Auto-Submitted: auto-generated",
        "Return-Path: <>",
    ],
)
def test_each_standard_sign_of_automatic_mail_is_heeded(extra_header):
    raw = f"From: a@example.org\nSubject: Hello\n{extra_header}\n\nbody\n".encode()
    assert noise.classify(parsing.parse(raw))[0] != Noise.NONE


def test_auto_submitted_no_is_a_person():
    raw = b"From: a@example.org\nSubject: Hello\nAuto-Submitted: no\n\nbody\n"
    assert noise.classify(parsing.parse(raw))[0] == Noise.NONE


def test_delivery_report_names_the_failed_address_and_our_message():
    raw = load_eml("dsn_bounce.eml", RECIPIENT="gone@example.net", ORIGINAL_ID="<ours@amends.localhost>")
    report = noise.read_bounce(parsing.parse(raw))
    assert [address for address, _ in report.failed] == ["gone@example.net"]
    assert "User unknown" in report.failed[0][1]
    assert report.original_message_ids == ["<ours@amends.localhost>"]


def test_delayed_delivery_report_lists_no_failure():
    raw = load_eml("dsn_bounce.eml", RECIPIENT="slow@example.net", ORIGINAL_ID="<x@y>")
    raw = raw.replace(b"Action: failed", b"Action: delayed")
    assert noise.read_bounce(parsing.parse(raw)).failed == []


@pytest.mark.parametrize("subject", ["Auto: insurance claim refused", "Office chair arrived broken"])
def test_ordinary_subjects_are_not_mistaken_for_automatic_replies(subject):
    raw = f"From: a@example.org\nSubject: {subject}\n\nbody\n".encode()
    assert noise.classify(parsing.parse(raw))[0] == Noise.NONE


def test_out_of_office_subject_without_headers_is_still_recognised():
    raw = b"From: a@example.org\nSubject: Out of Office: back on Monday\n\nbody\n"
    assert noise.classify(parsing.parse(raw))[0] == Noise.AUTO_REPLY
