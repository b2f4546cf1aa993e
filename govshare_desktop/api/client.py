"""PlatformClient: the platform's REST API over `requests`.

One `requests.Session` per profile; every call has a timeout; idempotent calls (GET, PUT,
DELETE) and POSTs that carry an Idempotency-Key are retried with backoff on connection errors
and 502/503/504; problem+json answers become `ApiError`. Never call it from the UI thread: run
it through `govshare_desktop.tasks`.

Paths come from `api.actions`; every answer is checked against the govshare_core schema the
platform promises for it (`actions.schema_for`) before it is returned, so a platform of another
version is reported (`unexpected_response`) instead of half-shown. Screens read through the
typed methods below and send changes only through the session's SyncEngine, which calls
`send(action, key=...)`; the write helpers (`post`, `create_entry`, …) are for tools and tests.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import requests
from pydantic import ValidationError

from govshare_desktop.api import actions as A
from govshare_desktop.api.actions import HEALTH, Action, JsonObject
from govshare_desktop.api.errors import ApiError, network_error

RETRY_STATUSES = frozenset({502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class PlatformClient:
    """A signed-in (or not yet) connection to one platform profile."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | None = None,
        token: str | None = None,
        connect_timeout: float = 3.05,
        read_timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.4,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self.session = requests.Session()
        if ca_bundle:
            self.session.verify = ca_bundle
        self.session.headers["Accept"] = "application/json, application/problem+json"

    # --- transport ---------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        if_match: int | str | None = None,
        idempotency_key: str | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
    ) -> requests.Response:
        """Send one call (with retries where safe); raise ApiError on any failure."""
        headers = self._headers(if_match, idempotency_key, content_type)
        retryable = method in IDEMPOTENT or idempotency_key is not None
        attempts = self.retries + 1 if retryable else 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session.request(
                    method,
                    self.base_url + path,
                    json=json,
                    params=_clean(params),
                    data=content,
                    headers=headers,
                    timeout=self.timeout,
                )
            except requests.Timeout as exc:
                if last:
                    raise network_error("timeout", str(exc)) from exc
            except requests.ConnectionError as exc:
                if last:
                    raise network_error("network_unreachable", str(exc)) from exc
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return _checked(response)
            self._sleep(self.backoff * (2**attempt))
        raise AssertionError("unreachable")

    def _headers(
        self, if_match: int | str | None, key: str | None, content_type: str | None
    ) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if if_match is not None:
            headers["If-Match"] = f'"{if_match}"'
        if key:
            headers["Idempotency-Key"] = key
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def get(self, path: str, **params: Any) -> Any:
        """GET a path (from `actions`) and check the answer against its schema."""
        return _checked_json("GET", path, self.request("GET", path, params=params).json())

    def send(self, action: Action, *, key: str | None = None) -> JsonObject | None:
        """Send one change; the answer is checked against the schema the platform promises.

        Screens do not call this: they hand actions to the session's sync engine, which calls
        it with the action's idempotency key (also when replaying the outbox)."""
        if A.file_of(action.body) is not None:
            answer = self._send_file(action, key)
        else:
            answer = self.request(
                action.method,
                action.path,
                json=action.body,
                if_match=action.if_match,
                idempotency_key=key,
            )
        data = answer.json() if answer.content else None
        return _checked_json(action.method, action.path, data)

    def _send_file(self, action: Action, key: str | None) -> requests.Response:
        """Send an action whose body is a file (a signed PDF kept on disk until accepted)."""
        path, content_type = A.file_of(action.body) or ("", "")
        try:
            content = Path(path).read_bytes()
        except OSError as exc:  # gone: a permanent failure, not one to retry
            raise ApiError(400, "local_file_missing", f"{path}: {exc}") from exc
        return self.request(
            action.method,
            action.path,
            if_match=action.if_match,
            idempotency_key=key,
            content=content,
            content_type=content_type,
        )

    def post(
        self, path: str, body: Any = None, *, key: str | None = None, if_match: int | None = None
    ) -> Any:
        """A raw POST (tools and tests set up data with it; screens send `Action`s)."""
        return self.send(Action("POST", path, body, if_match), key=key)

    def put(self, path: str, body: Any, *, if_match: int) -> Any:
        return self.send(Action("PUT", path, body, if_match))

    def delete(self, path: str, *, if_match: int | None = None) -> None:
        self.send(Action("DELETE", path, None, if_match))

    # --- session -----------------------------------------------------------------------------

    def healthy(self, timeout: float) -> bool:
        """Whether the platform answers /healthz within `timeout` seconds (no retries)."""
        try:
            answer = self.session.get(self.base_url + HEALTH, timeout=(timeout, timeout))
        except requests.RequestException:
            return False
        return answer.status_code == 200

    def health(self) -> dict[str, Any]:
        return dict(self.request("GET", HEALTH).json())

    def login(self, username: str, password: str) -> dict[str, Any]:
        data = self.post(A.login_path(), {"username": username, "password": password})
        self.token = data["access_token"]
        return dict(data)

    def logout(self) -> None:
        try:
            self.post(A.logout_path())
        finally:
            self.token = None

    def me(self) -> JsonObject:
        return dict(self.get(A.me_path()))

    def inbox(self) -> list[JsonObject]:
        return list(self.get(A.inbox_path()))

    def policy(self) -> JsonObject:
        """The platform's policy values (readable by every signed-in role)."""
        return dict(self.get(A.policy_path()))

    def workday_overrides(self) -> list[JsonObject]:
        """The platform admin's working-day overrides: [{day, working, note}]."""
        return list(self.get(A.workday_overrides_path()))

    def workday_years(self) -> list[JsonObject]:
        """Where each year's working days come from: [WorkdayYearOut] of last year, this year,
        next year and every year the platform admin confirmed."""
        return list(self.get(A.workday_years_path()))

    def departments(self) -> list[JsonObject]:
        return list(self.get(A.departments_path(), limit=500)["items"])

    # --- catalog -----------------------------------------------------------------------------

    def entries(self, **filters: Any) -> JsonObject:
        return dict(self.get(A.entries_path(), **filters))

    def share_catalog(self, **filters: Any) -> JsonObject:
        return dict(self.get(A.share_catalog_path(), **filters))

    def entry(self, entry_id: int) -> JsonObject:
        return dict(self.get(A.entry_path(entry_id)))

    def entry_diff(self, entry_id: int) -> list[JsonObject]:
        return list(self.get(A.entry_diff_path(entry_id)))

    def attachments(self, entry_id: int) -> list[JsonObject]:
        return list(self.get(A.attachments_path(entry_id)))

    def upload_attachment(
        self, entry_id: int, filename: str, content: bytes, content_type: str, *, key: str
    ) -> JsonObject:
        """Upload an interface document (第十九条). Binary, so online only: not an outbox
        action (the entry form asks to save the entry first)."""
        answer = self.request(
            "POST",
            A.attachments_path(entry_id),
            params={"filename": filename},
            content=content,
            content_type=content_type,
            idempotency_key=key,
        )
        return dict(_checked_json("GET", A.attachments_path(entry_id), [answer.json()])[0])

    def source_hints(
        self, items: list[str], *, exclude_entry_id: int | None = None
    ) -> list[JsonObject]:
        """一数一源 (第十八条): entries of other departments providing these data items."""
        path = A.source_hints_path()
        return list(self.get(path, item=items, exclude_entry_id=exclude_entry_id))

    def change_reports(self, **filters: Any) -> JsonObject:
        return dict(self.get(A.change_reports_path(), **filters))

    def create_entry(self, data: JsonObject, *, key: str) -> JsonObject:
        return dict(self.send(A.create_entry(data), key=key) or {})

    def update_entry(self, entry_id: int, data: JsonObject, *, version: int) -> JsonObject:
        return dict(self.send(A.update_entry(entry_id, data, version=version)) or {})

    def entry_action(
        self,
        entry_id: int,
        action: A.EntryAction,
        body: JsonObject | None = None,
        *,
        version: int | None = None,
    ) -> JsonObject:
        return dict(self.send(A.entry_action(entry_id, action, body, version=version)) or {})

    # --- share requests and grants -----------------------------------------------------------

    def requests(self, **filters: Any) -> JsonObject:
        return dict(self.get(A.requests_path(), **filters))

    def share_request(self, request_id: int) -> JsonObject:
        return dict(self.get(A.request_path(request_id)))

    def create_request(self, data: JsonObject, *, key: str | None) -> JsonObject:
        return dict(self.send(A.create_request(data), key=key) or {})

    def request_action(
        self,
        request_id: int,
        action: A.RequestAction,
        body: JsonObject | None = None,
        *,
        version: int | None = None,
    ) -> JsonObject:
        return dict(self.send(A.request_action(request_id, action, body, version=version)) or {})

    def grants(self, **filters: Any) -> JsonObject:
        return dict(self.get(A.grants_path(), **filters))

    # --- agreements (三方数据保密协议, 第三十条) -----------------------------------------------

    def agreements(self, **filters: Any) -> JsonObject:
        """A page of the caller's agreements (`mine=True`: waiting for the caller's signature)."""
        return dict(self.get(A.agreements_path(), **filters))

    def agreement(self, agreement_id: int) -> JsonObject:
        return dict(self.get(A.agreement_path(agreement_id)))

    def agreement_pdf(self, agreement_id: int) -> bytes:
        """The agreement's current revision (the PDF's bytes)."""
        answer = self.request("GET", A.agreement_pdf_path(agreement_id))
        if not answer.content.startswith(b"%PDF"):
            raise ApiError(200, "unexpected_response", "the agreement is not a PDF")
        return bytes(answer.content)

    def certificates(self) -> list[JsonObject]:
        """The caller's own signer certificates (CertificateOut), newest first."""
        return list(self.get(A.certificates_path(), mine="true"))

    def ca_pem(self) -> str:
        """The platform CA's certificate as PEM text."""
        return self.platform_ca_pem().decode("ascii")

    def platform_ca_pem(self) -> bytes:
        """The platform CA's certificate (PEM), to check signatures against."""
        return bytes(self.request("GET", A.pki_ca_path()).content)


def _checked_json(method: str, path: str, data: Any) -> Any:
    """The answer, after checking it against the platform's promised schema (ApiError
    "unexpected_response" when it does not fit: a platform of another version)."""
    schema = A.schema_for(method, path)
    item_schema = A.LIST_SCHEMAS.get(path) or A.LIST_SCHEMAS.get(path.rsplit("/", 1)[-1])
    try:
        if schema is not None and data is not None:
            schema.model_validate(data)
            item = A.PAGE_ITEMS.get(path) if method == "GET" else None
            if item is not None:  # a paged list: each item against the list's item model
                for row in data["items"]:
                    item.model_validate(row)
        elif item_schema is not None and isinstance(data, list):
            for item in data:
                item_schema.model_validate(item)
    except ValidationError as exc:
        raise ApiError(200, "unexpected_response", str(exc)) from exc
    return data


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    return {k: v for k, v in params.items() if v is not None and v != ""}


def _checked(response: requests.Response) -> requests.Response:
    if response.status_code < 400:
        return response
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = str(
        body.get("code")
        or ("server_unavailable" if response.status_code >= 500 else f"http_{response.status_code}")
    )
    raise ApiError(
        response.status_code,
        code,
        str(body.get("detail", response.reason or "")),
        list(body.get("errors", [])),
        body,
    )
