"""The statutory citation of a request for a 不予共享 resource (第五条, 第二十五条): one rule,
checked by the form before anything else is complete and by the platform on the request."""

from __future__ import annotations

from govshare_core.validation import validate_citation, validate_request_form
from govshare_core.vocab import ShareType


def test_citation_needed_only_for_not_shared() -> None:
    [error] = validate_citation(ShareType.NOT_SHARED, "  ")
    assert (error.field, error.code) == ("statutory_citation", "citation_required")
    assert "第五条" in error.message_zh and "Art. 5" in error.message_en
    assert validate_citation(ShareType.NOT_SHARED, "《某法》第十条") == []
    assert validate_citation(ShareType.CONDITIONAL, None) == []
    assert validate_citation(ShareType.UNCONDITIONAL, "") == []


def test_the_form_shows_the_citation_error_with_the_others() -> None:
    fields = {e.field for e in validate_request_form({}, entry_share_type=ShareType.NOT_SHARED)}
    assert "statutory_citation" in fields and "data_items" in fields
    without = {e.field for e in validate_request_form({})}
    assert "statutory_citation" not in without
    conditional = validate_request_form({}, entry_share_type=ShareType.CONDITIONAL)
    assert "statutory_citation" not in {e.field for e in conditional}
