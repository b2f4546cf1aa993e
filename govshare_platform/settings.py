"""Platform settings: one pydantic-settings class, read from GOVSHARE_* environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
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
    timezone: str = "Asia/Shanghai"
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


@lru_cache
def get_settings() -> Settings:
    return Settings()
