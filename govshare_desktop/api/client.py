"""PlatformClient: the platform's REST API over `requests`.

One `requests.Session` per profile; every call has a timeout; idempotent calls (GET, PUT,
DELETE) and POSTs that carry an Idempotency-Key are retried with backoff on connection errors
and 502/503/504; problem+json answers become `ApiError`. Never call it from the UI thread: run
it through `govshare_desktop.tasks`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import requests

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
        return self.request("GET", path, params=params).json()

    def post(
        self, path: str, body: Any = None, *, key: str | None = None, if_match: int | None = None
    ) -> Any:
        r = self.request("POST", path, json=body, idempotency_key=key, if_match=if_match)
        return r.json() if r.content else None

    def put(self, path: str, body: Any, *, if_match: int) -> Any:
        return self.request("PUT", path, json=body, if_match=if_match).json()

    def delete(self, path: str, *, if_match: int | None = None) -> None:
        self.request("DELETE", path, if_match=if_match)

    # --- session -----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return dict(self.request("GET", "/healthz").json())

    def login(self, username: str, password: str) -> dict[str, Any]:
        data = self.post("/api/v1/auth/login", {"username": username, "password": password})
        self.token = data["access_token"]
        return dict(data)

    def logout(self) -> None:
        try:
            self.post("/api/v1/auth/logout")
        finally:
            self.token = None

    def me(self) -> dict[str, Any]:
        return dict(self.get("/api/v1/me"))

    def inbox(self) -> list[dict[str, Any]]:
        return list(self.get("/api/v1/inbox"))

    def departments(self) -> list[dict[str, Any]]:
        return list(self.get("/api/v1/departments", limit=500)["items"])

    # --- catalog -----------------------------------------------------------------------------

    def entries(self, **filters: Any) -> dict[str, Any]:
        return dict(self.get("/api/v1/catalog/entries", **filters))

    def share_catalog(self, **filters: Any) -> dict[str, Any]:
        return dict(self.get("/api/v1/catalog/share-catalog", **filters))

    def entry(self, entry_id: int) -> dict[str, Any]:
        return dict(self.get(f"/api/v1/catalog/entries/{entry_id}"))

    def create_entry(self, data: dict[str, Any], *, key: str) -> dict[str, Any]:
        return dict(self.post("/api/v1/catalog/entries", data, key=key))

    def update_entry(self, entry_id: int, data: dict[str, Any], *, version: int) -> dict[str, Any]:
        return dict(self.put(f"/api/v1/catalog/entries/{entry_id}", data, if_match=version))

    def entry_action(
        self,
        entry_id: int,
        action: str,
        body: dict[str, Any] | None = None,
        *,
        version: int | None = None,
    ) -> dict[str, Any]:
        path = f"/api/v1/catalog/entries/{entry_id}/{action}"
        return dict(self.post(path, body, if_match=version))

    def source_hints(self, items: list[str]) -> list[dict[str, Any]]:
        return list(self.get("/api/v1/catalog/source-hints", item=items))

    # --- share requests and grants -----------------------------------------------------------

    def requests(self, **filters: Any) -> dict[str, Any]:
        return dict(self.get("/api/v1/requests", **filters))

    def share_request(self, request_id: int) -> dict[str, Any]:
        return dict(self.get(f"/api/v1/requests/{request_id}"))

    def create_request(self, data: dict[str, Any], *, key: str) -> dict[str, Any]:
        return dict(self.post("/api/v1/requests", data, key=key))

    def request_action(
        self,
        request_id: int,
        action: str,
        body: dict[str, Any] | None = None,
        *,
        version: int | None = None,
    ) -> dict[str, Any]:
        path = f"/api/v1/requests/{request_id}/{action}"
        return dict(self.post(path, body, if_match=version))

    def grants(self, **filters: Any) -> dict[str, Any]:
        return dict(self.get("/api/v1/grants", **filters))


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
