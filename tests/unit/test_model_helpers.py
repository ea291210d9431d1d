"""The typed helpers in workbench.models.base that services and operations share."""

import pytest

from workbench.models import AuditEvent, Case
from workbench.models.base import saved, table_of


def test_table_of_is_the_models_own_table():
    assert table_of(Case) is Case.__table__
    assert table_of(AuditEvent).name == "audit_event"


def test_saved_passes_a_written_id_and_refuses_a_missing_one():
    assert saved(7) == 7
    assert saved(0) == 0
    with pytest.raises(RuntimeError):
        saved(None)
