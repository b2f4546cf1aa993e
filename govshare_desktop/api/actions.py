"""Every platform path the desktop uses, and the typed changes (`Action`) it sends.

This module is the one place that knows the platform's URL layout (`API_PREFIX` and the paths
below); no other module spells out an `/api/v1` path (checked by
tests/desktop/test_desktop_architecture.py).
Reads use the path functions through `PlatformClient`; every change is an `Action` that screens
hand to the session's sync engine (`AppContext.sync.submit`), which sends it at once when the
platform is reachable and keeps it in the outbox (with its idempotency key) when not.

    engine.submit(actions.entry_action(entry_id, "submit", version=v, label=...), done=...)

`schema_for(method, path)` names the `govshare_core.schemas` model the platform answers with, so
the client validates every answer at this boundary — also the answers to replayed outbox items,
which only keep method and path.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from govshare_core.agreement_schemas import AgreementOut, CertificateOut
from govshare_core.schemas import (
    AttachmentOut,
    CatalogEntryOut,
    CatalogEntrySummary,
    ChangeReportOut,
    DepartmentOut,
    FieldDiff,
    GrantOut,
    InboxItem,
    MeOut,
    Page,
    PolicyOut,
    ResourceAdminFilingOut,
    ShareCatalogFacets,
    ShareRequestDetailOut,
    ShareRequestOut,
    SourceHint,
    TokenOut,
    WorkdayOverrideOut,
    WorkdayYearOut,
)
from govshare_desktop.api import (
    assessment_paths,
    audit_paths,
    catalog_import_paths,
    exchange_paths,
    platform_admin_paths,
    rectification_paths,
    security_paths,
    usage_paths,
)

API_PREFIX = "/api/v1"
HEALTH = "/healthz"

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
JsonObject = dict[str, Any]
Id = int | str  # an object id, or the outbox's placeholder for one a queued create will get

EntryAction = Literal[
    "submit", "recall", "dept-approve", "dept-return", "publish", "platform-return", "withdraw"
]
RequestAction = Literal[
    "submit",
    "withdraw",
    "provider-decision",
    "platform-decision",
    "dispute",
    "mediate",
]
ReportAction = Literal["apply", "reject"]

ENTRIES = f"{API_PREFIX}/catalog/entries"
REQUESTS = f"{API_PREFIX}/requests"
AGREEMENTS = f"{API_PREFIX}/agreements"
_OBJECT = r"(?:\d+|\{created:[0-9A-Za-z_-]+\})"
_RESOURCE = re.compile(
    rf"^({re.escape(API_PREFIX)}/(?:[a-z-]+/)*?[a-z-]+/{_OBJECT})(?:/([a-z-]+))?$"
)


@dataclass(frozen=True)
class Action:
    """One change to send: method, path, JSON body, the If-Match version, and the outbox label
    (what the user sees in the 待发送 list)."""

    method: Method
    path: str
    body: JsonObject | None = None
    if_match: int | None = None
    label: str = ""


# --- paths of reads ---------------------------------------------------------------------------


def me_path() -> str:
    return f"{API_PREFIX}/me"


def login_path() -> str:
    return f"{API_PREFIX}/auth/login"


def logout_path() -> str:
    return f"{API_PREFIX}/auth/logout"


def inbox_path() -> str:
    return f"{API_PREFIX}/inbox"


def departments_path() -> str:
    return f"{API_PREFIX}/departments"


def entries_path() -> str:
    return ENTRIES


def entry_path(entry_id: Id) -> str:
    return f"{ENTRIES}/{entry_id}"


def entry_diff_path(entry_id: int) -> str:
    return f"{ENTRIES}/{entry_id}/diff"


def entry_snapshots_path(entry_id: int) -> str:
    """The entry's snapshots (published, change report applied): its printed status record."""
    return f"{ENTRIES}/{entry_id}/snapshots"


def attachments_path(entry_id: int) -> str:
    return f"{ENTRIES}/{entry_id}/attachments"


def source_hints_path() -> str:
    return f"{API_PREFIX}/catalog/source-hints"


def share_catalog_path() -> str:
    return f"{API_PREFIX}/catalog/share-catalog"


def share_catalog_facets_path() -> str:
    return f"{API_PREFIX}/catalog/share-catalog/facets"


def change_reports_path() -> str:
    return f"{API_PREFIX}/catalog/change-reports"


def requests_path() -> str:
    return REQUESTS


def request_path(request_id: Id) -> str:
    return f"{REQUESTS}/{request_id}"


def grants_path() -> str:
    return f"{API_PREFIX}/grants"


def policy_path() -> str:
    """The platform admin's policy values (review working days, change-report days, ...)."""
    return f"{API_PREFIX}/policy"


def workday_overrides_path() -> str:
    """The platform admin's working-day overrides (工作日历调整)."""
    return f"{API_PREFIX}/workdays/overrides"


def workday_years_path() -> str:
    """Where each year's working days come from (WorkdayYearOut: official, confirmed by the
    platform admin, or provisional): last year, this year, next year and every confirmed year."""
    return f"{API_PREFIX}/workdays/years"


SINGLETON_PATHS = frozenset({policy_path(), security_paths.password_policy_path()})
"""Objects without an id (one per platform), changed by PATCH with If-Match on their version:
the path is the object (a 412's compare view reads it there)."""


def agreements_path() -> str:
    """The three-party agreements (三方数据保密协议, 第三十条) of the caller's parties."""
    return AGREEMENTS


def agreement_path(agreement_id: int) -> str:
    return f"{AGREEMENTS}/{agreement_id}"


def agreement_pdf_path(agreement_id: int) -> str:
    """The agreement's current revision as application/pdf."""
    return f"{AGREEMENTS}/{agreement_id}/pdf"


def pki_ca_path() -> str:
    """The platform CA's certificate (PEM, no sign-in): the trust anchor to verify a PDF."""
    return f"{API_PREFIX}/pki/ca.pem"


def certificates_path() -> str:
    """Signer certificates issued by the platform CA (GET ?mine=true: the caller's own)."""
    return f"{API_PREFIX}/certificates"


def signatures_path(agreement_id: int) -> str:
    """Upload a signed revision of an agreement (application/pdf, If-Match: its revision)."""
    return f"{AGREEMENTS}/{agreement_id}/signatures"


# --- changes ----------------------------------------------------------------------------------


def create_entry(body: JsonObject, *, label: str = "") -> Action:
    return Action("POST", ENTRIES, body, label=label)


def update_entry(entry_id: Id, body: JsonObject, *, version: int, label: str = "") -> Action:
    return Action("PUT", entry_path(entry_id), body, if_match=version, label=label)


def delete_entry(entry_id: int, *, version: int, label: str = "") -> Action:
    return Action("DELETE", entry_path(entry_id), None, if_match=version, label=label)


def entry_action(
    entry_id: Id,
    action: EntryAction,
    body: JsonObject | None = None,
    *,
    version: int | None = None,
    label: str = "",
) -> Action:
    """A workflow step of a catalog entry (第十四条–第十七条)."""
    return Action("POST", f"{entry_path(entry_id)}/{action}", body, if_match=version, label=label)


def report_change(entry_id: int, body: JsonObject, *, label: str = "") -> Action:
    """A key-element change report of a published entry (第十七条)."""
    return Action("POST", f"{entry_path(entry_id)}/change-reports", body, label=label)


def change_report_action(
    report_id: int,
    action: ReportAction,
    body: JsonObject | None = None,
    *,
    version: int | None = None,
    label: str = "",
) -> Action:
    path = f"{change_reports_path()}/{report_id}/{action}"
    return Action("POST", path, body, if_match=version, label=label)


def delete_attachment(attachment_id: int, *, label: str = "") -> Action:
    return Action("DELETE", f"{API_PREFIX}/catalog/attachments/{attachment_id}", label=label)


def import_catalog(body: JsonObject, *, label: str = "") -> Action:
    """Apply a parsed catalog workbook (CatalogImportIn): all rows or none, one outbox item."""
    return Action("POST", catalog_import_paths.imports_path(), body, label=label)


def create_request(body: JsonObject, *, label: str = "") -> Action:
    return Action("POST", REQUESTS, body, label=label)


def update_request(request_id: Id, body: JsonObject, *, version: int, label: str = "") -> Action:
    """Edit a draft request (PUT, If-Match on its version)."""
    return Action("PUT", request_path(request_id), body, if_match=version, label=label)


def request_action(
    request_id: Id,
    action: RequestAction,
    body: JsonObject | None = None,
    *,
    version: int | None = None,
    label: str = "",
) -> Action:
    """A workflow step of a share request (第二十二条–第二十五条)."""
    return Action(
        "POST", f"{request_path(request_id)}/{action}", body, if_match=version, label=label
    )


def revoke_grant(grant_id: int, body: JsonObject, *, label: str = "") -> Action:
    """Revoke a grant with a reason (第三十条)."""
    return Action("POST", f"{grants_path()}/{grant_id}/revoke", body, label=label)


def decline_agreement(agreement_id: int, reason: str, revision: int, *, label: str = "") -> Action:
    """Decline to sign (拒签): the request goes back with the reason (第三十条)."""
    path = f"{agreement_path(agreement_id)}/decline"
    return Action("POST", path, {"reason": reason}, if_match=revision, label=label)


def platform_sign_agreement(agreement_id: int, revision: int, *, label: str = "") -> Action:
    """The platform admin's turn: the platform signs with its own key (平台签署)."""
    path = f"{agreement_path(agreement_id)}/platform-signature"
    return Action("POST", path, None, if_match=revision, label=label)


FILE_BODY = "$file"
"""An action whose body is a file on disk: {FILE_BODY: path, "content_type": …}. The outbox
keeps the path, not the bytes; the client reads the file when it sends."""


def file_of(body: Any) -> tuple[str, str] | None:
    """(path, content type) of a file body; None for a JSON body."""
    if isinstance(body, dict) and FILE_BODY in body:
        return str(body[FILE_BODY]), str(body.get("content_type", "application/octet-stream"))
    return None


def request_certificate(csr_pem: str, role: str, *, label: str = "") -> Action:
    """Ask the platform CA for a signer certificate (CertificateRequestIn → CertificateOut)."""
    return Action("POST", certificates_path(), {"csr_pem": csr_pem, "role": role}, label=label)


def upload_signature(
    agreement_id: int,
    revision: int,
    pdf_path: str | Path,
    *,
    field_name: str = "",
    label: str = "",
) -> Action:
    """Send the signed PDF (a file kept until the platform accepts it) that extends
    `revision`; its SHA-256 (and `field_name`) let a replay whose first answer was lost
    recognise its signature as already applied."""
    digest = hashlib.sha256(Path(pdf_path).read_bytes()).hexdigest()
    body = {
        FILE_BODY: str(pdf_path),
        "content_type": "application/pdf",
        "field_name": field_name,
        "sha256": digest,
    }
    return Action("POST", signatures_path(agreement_id), body, if_match=revision, label=label)


# --- reading paths back (outbox replay) -------------------------------------------------------


def split_path(path: str) -> tuple[str, str | None] | None:
    """(the object's path, the action suffix or None) of an object path; None for a
    collection (`…/entries/12/submit` → (`…/entries/12`, "submit"))."""
    match = _RESOURCE.match(path.split("?")[0])
    return (match.group(1), match.group(2)) if match else None


def is_collection(path: str) -> bool:
    return split_path(path) is None


def data_kind(path: str) -> str:
    """The `data_changed` kind a change of this path affects: "entry", "request", "grant",
    "agreement", "workday_year" (a year's confirmation or an override), "other"."""
    if path.startswith(f"{API_PREFIX}/catalog/"):
        return "entry"
    if path.startswith(REQUESTS):
        return "request"
    if path.startswith(grants_path()):
        return "grant"
    if path.startswith(AGREEMENTS):
        return "agreement"
    if path.startswith(f"{API_PREFIX}/workdays/"):
        return "workday_year"
    return "other"


def object_kind(path: str) -> Literal["entry", "request"] | None:
    """Whose state machine an action path drives (None for other objects)."""
    if path.startswith(f"{ENTRIES}/"):
        return "entry"
    if path.startswith(f"{REQUESTS}/"):
        return "request"
    return None


_ENTRY_ANSWERS = {None, *EntryAction.__args__}  # type: ignore[attr-defined]
_REQUEST_ANSWERS = {None, *RequestAction.__args__}  # type: ignore[attr-defined]


def schema_for(method: str, path: str) -> type[BaseModel] | None:
    """The model the platform answers `method path` with (None: no body, or not checked)."""
    if method == "DELETE":
        return None
    # exchange and usage (第二十条起), assessment (第三十四条), rectification (第三十六条)
    for domain in (
        exchange_paths,
        usage_paths,
        assessment_paths,
        rectification_paths,
        audit_paths,
        platform_admin_paths,
        security_paths,
        catalog_import_paths,
    ):
        found = domain.schema_for(method, path)
        if found is not None:
            return found
    if method == "GET":
        return _read_schema(path)
    return _write_schema(path)


def _read_schema(path: str) -> type[BaseModel] | None:
    if path in _PAGES:
        return Page
    parts = split_path(path)
    if path.startswith(f"{AGREEMENTS}/") and parts is not None and parts[1] is None:
        return AgreementOut
    if parts is None or parts[1] is not None:
        return _READS.get(path)
    objects: dict[str, type[BaseModel]] = {
        "entry": CatalogEntryOut,
        "request": ShareRequestDetailOut,
    }
    default = GrantOut if path.startswith(grants_path()) else None
    return objects.get(object_kind(path) or "", default)


def _write_schema(path: str) -> type[BaseModel] | None:
    parts = split_path(path)
    suffix = parts[1] if parts else None
    if path == ENTRIES or (object_kind(path) == "entry" and suffix in _ENTRY_ANSWERS):
        return CatalogEntryOut
    if path == REQUESTS or (object_kind(path) == "request" and suffix in _REQUEST_ANSWERS):
        return ShareRequestDetailOut
    if suffix in ("change-reports", "apply", "reject"):
        return ChangeReportOut
    if path.startswith(certificates_path()):
        return CertificateOut  # a request, or a revocation
    if path.startswith(f"{AGREEMENTS}/") and suffix == "signatures":
        return AgreementOut
    if suffix == "revoke":
        return GrantOut
    if path.startswith(f"{AGREEMENTS}/") and suffix in ("decline", "platform-signature"):
        return AgreementOut
    return _READS.get(path)


PAGE_ITEMS: dict[str, type[BaseModel]] = {
    entries_path(): CatalogEntrySummary,
    share_catalog_path(): CatalogEntrySummary,
    requests_path(): ShareRequestOut,
    grants_path(): GrantOut,
    agreements_path(): AgreementOut,
    change_reports_path(): ChangeReportOut,
    departments_path(): DepartmentOut,
    **exchange_paths.PAGE_ITEMS,
    **usage_paths.PAGE_ITEMS,
    **rectification_paths.PAGE_ITEMS,
    **security_paths.PAGE_ITEMS,
    **catalog_import_paths.PAGE_ITEMS,
}
"""The item model of each paged list (`Page.items` is checked item by item against it)."""
_PAGES = set(PAGE_ITEMS)
_READS: dict[str, type[BaseModel]] = {
    me_path(): MeOut,
    login_path(): TokenOut,
    policy_path(): PolicyOut,
    share_catalog_facets_path(): ShareCatalogFacets,
}

LIST_SCHEMAS: dict[str, type[BaseModel]] = {
    certificates_path(): CertificateOut,
    inbox_path(): InboxItem,
    workday_overrides_path(): WorkdayOverrideOut,
    workday_years_path(): WorkdayYearOut,
    source_hints_path(): SourceHint,
    "attachments": AttachmentOut,
    "diff": FieldDiff,
    **audit_paths.LIST_SCHEMAS,
    "resource-admins": ResourceAdminFilingOut,  # a department's 备案 filings (第二十八条)
}
"""Item models of the reads that answer a JSON list (by path, or by the path's last part)."""
