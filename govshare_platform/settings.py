"""Platform settings: one pydantic-settings class, read from GOVSHARE_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from ipaddress import ip_network
from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from govshare_core.exchange import DEFAULT_MAX_DELIVERY_BYTES


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GOVSHARE_", extra="ignore")

    database_url: str = "sqlite:///./govshare-platform.db"
    token_ttl_minutes: int = 8 * 60
    idle_timeout_minutes: int = 30
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19 * 1024
    sql_echo: bool = False
    # Sweeps for overdue requests and expired grants; 0 disables (tests drive them explicitly).
    maintenance_interval_minutes: int = 60
    # The platform CA (govshare_platform.pki; `govshare-platform ca init`). Without `ca_dir` the
    # platform runs, and its certificate endpoints answer 503 `ca_not_configured`.
    ca_dir: Path | None = None
    ca_p12: Path | None = None  # the CA's key and certificate as PKCS#12 instead of ca_dir's PEMs
    ca_passphrase: SecretStr | None = None  # of the encrypted keys (and of ca_p12)
    # The platform's public base URL (https://share.example.gov.cn): certificates then name the
    # CRL at <public_url>/api/v1/pki/crl.
    public_url: str | None = None
    # Where delivered files live (govshare_platform.exchange.storage, 第二十三条): a directory
    # every API process shares; None keeps them in the database (`blob_chunks`).
    storage_dir: Path | None = None
    max_delivery_bytes: int = DEFAULT_MAX_DELIVERY_BYTES  # largest delivery file accepted
    # Reverse proxies whose X-Forwarded-For is believed (IP addresses or networks, e.g.
    # ["10.0.0.5", "10.1.0.0/16"]). Empty: the audited client address is always the peer's
    # own, whatever a request claims (govshare_platform.deps.client_address; `serve` passes the
    # same list to uvicorn's forwarded_allow_ips).
    trusted_proxies: list[str] = []
    # Largest request body of every endpoint but the file uploads, which keep their own limits
    # (413 before anything is parsed; govshare_platform.http_guard).
    max_body_bytes: int = 1024 * 1024
    # Failed sign-ins one client address may make in `login_throttle_minutes` before it is
    # answered 429 (Retry-After) without a password check; counted per API process.
    login_failures_per_address: int = 20
    login_throttle_minutes: int = 15
    # The audit trail's anchor (govshare_platform.audit.anchor): an Ed25519 key the database does
    # not hold (`govshare-platform audit init-key`) signs checkpoints of the chain head, which are
    # also appended to `audit_checkpoint_file` (JSON lines; default: audit-checkpoints.jsonl
    # beside the key). Without a key the trail is checked against itself only (anchored: false).
    audit_key_file: Path | None = None
    audit_checkpoint_file: Path | None = None
    # The maintenance sweep's full verification of the audit chain (govshare_platform.audit.
    # scheduled): every this many hours, once across processes, outside the sweep's transaction;
    # a failure is the audit admin's to-do. 0 turns it off.
    audit_verify_interval_hours: int = 24

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: list[str]) -> list[str]:
        for entry in value:
            ip_network(entry.strip(), strict=False)  # ValueError: the setting is refused at start
        return [entry.strip() for entry in value]


@lru_cache
def get_settings() -> Settings:
    return Settings()
