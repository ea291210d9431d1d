"""Arbitrary Unicode in every field: no crash, every hit's span inside its field."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.rules.engine import TEXT_FIELDS, AccountInput, Screener

# Arbitrary code points, salted with the characters the normaliser treats specially.
SPECIAL = "中国外交部微信扣扣一二三幺洞拐①⑩弓长亻言宫官贝者博 \u200b\u200d\ufe0f\u3164\x1f\x00@.#点:/-0123456789abcwxyzqvVX"
text = st.text(
    alphabet=st.one_of(st.characters(codec=None), st.sampled_from(SPECIAL)),
    max_size=60,
)


@pytest.fixture(scope="module")
def screener():
    return Screener()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=text,
    bio=text,
    signature=text,
    certification=text,
    verified_profession=text,
    verified_org_name=text,
    extra=text,
    kind=st.sampled_from(["individual", "organisation", "public"]),
)
def test_any_text_screens_and_spans_stay_in_their_field(
    screener,
    name,
    bio,
    signature,
    certification,
    verified_profession,
    verified_org_name,
    extra,
    kind,
):
    account = AccountInput(
        id=1,
        kind=kind,
        name=name,
        bio=bio,
        signature=signature,
        certification=certification,
        verified_profession=verified_profession,
        verified_org_name=verified_org_name,
        extra={"motto": extra},
    )
    fields = {f: getattr(account, f) for f in TEXT_FIELDS} | {"extra.motto": extra}
    for hit in screener.screen(account).hits:
        assert hit.field in fields
        value = fields[hit.field]
        assert 0 <= hit.start <= hit.end <= len(value)
        assert value[hit.start : hit.end] == hit.matched


@settings(max_examples=300, deadline=None)
@given(value=text)
def test_contact_hits_on_any_decoded_text_stay_inside_it(value):
    from workbench.rules.contact import contact_hits

    for hit in contact_hits(value, "avatar"):
        assert 0 <= hit.start <= hit.end <= len(value)
        assert value[hit.start : hit.end] == hit.matched
