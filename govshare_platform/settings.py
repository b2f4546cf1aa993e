"""Platform settings: one pydantic-settings class, read from GOVSHARE_* environment variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


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


@lru_cache
def get_settings() -> Settings:
    return Settings()
