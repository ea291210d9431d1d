"""Reply templates: the shipped ones render in both languages; the renderer is sandboxed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.replies.templates import (
    LANGUAGES,
    TemplateError,
    TemplateLibrary,
    render_template,
    render_text,
)

LIB = TemplateLibrary()
EXPECTED = {
    "report_accepted",
    "report_declined_duplicate",
    "report_declined_out_of_scope",
    "report_declined_insufficient_information",
    "report_declined_malicious_report",
    "no_violation",
    "measure_taken",
    "measure_notice",
    "correction_order_notice",
    "appeal_received",
    "appeal_upheld",
    "appeal_revised",
    "appeal_revoked",
}


def test_every_shipped_template_renders_in_both_languages():
    assert set(LIB.names()) >= EXPECTED
    for name in LIB.names():
        for language in LANGUAGES:
            tpl = LIB.get(name, language)
            context = {key: f"«{key}»" for key in tpl.placeholders}
            subject, body = LIB.render(name, language, context)
            assert subject and "\n" not in subject
            for key in tpl.placeholders & _used(tpl):
                assert f"«{key}»" in subject + body
            assert "{" not in body.replace("«", "")


def _used(tpl):
    from workbench.replies.templates import placeholders_in

    return placeholders_in(tpl.subject) | placeholders_in(tpl.body)


def test_values_are_formatted_plainly():
    at = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)
    out = render_text(
        "{a}|{b}|{c}|{d}|{e}",
        {"a": at, "b": date(2026, 3, 2), "c": 15, "d": Decimal("1.50"), "e": "x"},
    )
    assert out == "2026-03-02 00:30 UTC+8|2026-03-02|15|1.50|x"  # Beijing time


@pytest.mark.parametrize(
    "text",
    [
        "{x.__class__}",
        "{x.__class__.__mro__}",
        "{x[0]}",
        "{x!r}",
        "{x:>10}",
        "{x:{y}}",
        "{0}",
        "{}",
        "{X}",
        "{x",
        "x}",
        "{ x }",
        "{__import__('os')}",
        "{% include '/etc/passwd' %}",
    ],
)
def test_anything_but_a_plain_name_is_refused(text):
    with pytest.raises(TemplateError) as info:
        render_text(text, {"x": "v", "y": "1"}, template="probe")
    assert "probe" in str(info.value)


def test_unknown_placeholder_names_template_and_placeholder():
    with pytest.raises(TemplateError) as info:
        render_template("report_accepted", "zh_CN", {"reporter_name": "甲"})
    err = info.value
    assert err.template == "report_accepted/zh_CN" and err.placeholder
    assert err.placeholder in str(err) and "report_accepted" in str(err)
    with pytest.raises(TemplateError) as info:
        render_text("{secret}", {"secret": "s"}, template="t", allowed={"name"})
    assert info.value.placeholder == "secret" and "{secret}" in str(info.value)


def test_objects_other_than_plain_values_are_refused():
    class Sneaky(str):
        def __str__(self):
            return "SECRET"

        def __format__(self, spec):
            return "SECRET"

    class Obj:
        def __str__(self):
            return "SECRET"

    assert render_text("{x}", {"x": Sneaky("shown")}) == "shown"
    for value in (Obj(), [1], {"a": 1}, None, True, b"bytes", datetime(2026, 1, 1)):
        with pytest.raises(TemplateError):
            render_text("{x}", {"x": value})


def test_template_names_cannot_reach_other_files(tmp_path):
    (tmp_path / "secret.txt").write_text("SECRET")
    lib = TemplateLibrary(tmp_path / "templates")
    for name in ("../secret", "/etc/passwd", "secret.txt", "a/b", ""):
        with pytest.raises(TemplateError):
            lib.get(name, "zh_CN")


def test_the_subject_cannot_carry_header_lines():
    subject, _ = render_template(
        "appeal_received",
        "en",
        {
            "appellant_name": "x",
            "appeal_reference": "A1\r\nBcc: victim@example.com",
            "measure_reference": "M1",
            "measure_label": "w",
            "received_date": "d",
            "decision_due": "d",
        },
    )
    assert "\n" not in subject and "\r" not in subject


# A placeholder-free piece of text and its escaped template form.
_literal = st.text(max_size=30)
_names = st.sampled_from(["a", "b", "name_1"])


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.one_of(_literal.map(lambda t: ("lit", t)), _names.map(lambda n: ("ph", n)))),
    values=st.fixed_dictionaries({"a": st.text(), "b": st.text(), "name_1": st.text()}),
)
def test_output_is_only_template_text_and_context_values(pieces, values):
    from workbench.text import clean_text

    text = "".join(
        p.replace("{", "{{").replace("}", "}}") if kind == "lit" else "{" + p + "}"
        for kind, p in pieces
    )
    expected = "".join(
        clean_text(p) if kind == "lit" else clean_text(values[p]) for kind, p in pieces
    )
    assert render_text(text, values) == expected


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=200), value=st.text(max_size=200))
def test_arbitrary_text_renders_or_raises_a_clear_error(text, value):
    secret = object()
    try:
        out = render_text(text, {"name": value, "other": secret}, template="fuzz")
    except TemplateError as exc:
        assert "fuzz" in str(exc)
        return
    assert "object at 0x" not in out or "object at 0x" in text + value


@settings(max_examples=200, deadline=None)
@given(value=st.text(alphabet=st.characters(exclude_categories=()), max_size=300))
def test_arbitrary_unicode_in_a_shipped_template_never_crashes(value):
    tpl = LIB.get("measure_notice", "zh_CN")
    subject, body = LIB.render("measure_notice", "zh_CN", dict.fromkeys(tpl.placeholders, value))
    assert "\n" not in subject and len(subject) <= 300
    body.encode("utf-8")  # storable and sendable: no lone surrogates
    assert "\x00" not in body


_toml_ish = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=()), max_size=300),
    st.builds(
        lambda subject, body, names: (
            f"placeholders = {names!r}\n[zh_CN]\nsubject = {subject!r}\nbody = {body!r}\n"
        ).replace("'", '"'),
        st.text(max_size=60),
        st.text(max_size=200),
        st.lists(st.text(max_size=8), max_size=3),
    ),
)


@settings(max_examples=300, deadline=None)
@given(content=_toml_ish)
def test_a_hostile_template_file_loads_or_raises_a_clear_error(content):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "probe.toml").write_bytes(content.encode("utf-8", "surrogatepass"))
        lib = TemplateLibrary(folder)
        try:
            tpl = lib.get("probe", "zh_CN")
            subject, body = lib.render("probe", "zh_CN", dict.fromkeys(tpl.placeholders, "v"))
        except TemplateError as exc:
            assert "probe" in str(exc)
            return
        assert "\n" not in subject
