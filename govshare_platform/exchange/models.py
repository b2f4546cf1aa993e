"""The exchange system's tables (交换系统, 第二十三条, 第二十六条).

A delivery's file is stored once, in the blob store (govshare_platform.exchange.storage: a
configured directory shared by every API process, or `blob_chunks` in the database), in one
canonical form whatever was uploaded: UTF-8 CSV, header = the entry's data item names in the
entry's order, `csv` module's default dialect with "\\n" line ends. `delivery_keys` gives, for each
key value, the byte range of its row in that canonical file, so a lookup reads only its rows.
Nothing of a refused or interrupted upload is kept: the rows are written in the delivery's
transaction, the blob only under a name no row points to until that transaction commits.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from govshare_platform.db import Base, UTCDateTime, utcnow

_BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class Delivery(Base):
    """One accepted delivery of an entry's data (第二十三条): the file's facts and its report."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    format: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(16))
    filename: Mapped[str | None] = mapped_column(String(200))
    rows: Mapped[int] = mapped_column(BigInteger)
    bytes: Mapped[int] = mapped_column(BigInteger)  # as uploaded
    sha256: Mapped[str] = mapped_column(String(64))  # of the file as uploaded
    items: Mapped[list[str]] = mapped_column(JSON)  # the data items, in the entry's order
    key_item: Mapped[str] = mapped_column(String(100))
    blob_key: Mapped[str] = mapped_column(String(200), unique=True)  # the canonical CSV
    stored_bytes: Mapped[int] = mapped_column(BigInteger)
    delivered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due: Mapped[date | None] = mapped_column(Date)  # the due date this delivery answered
    on_time: Mapped[bool] = mapped_column(Boolean)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)  # DeliveryReport

    __table_args__ = (Index("ix_deliveries_entry_id", "entry_id", "id"),)


class DeliveryKey(Base):
    """Where the row with `key` sits in the delivery's canonical CSV (byte offset and length)."""

    __tablename__ = "delivery_keys"

    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    length: Mapped[int] = mapped_column(Integer)


class BlobChunk(Base):
    """The database blob store: a blob as numbered chunks (used without a storage directory)."""

    __tablename__ = "blob_chunks"

    blob_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ExchangeLog(Base):
    """The exchange log (第二十六条 交换日志, 查询日志): every delivery, download and query,
    refused ones too; kept at least `log_retention_years`. Not the audit trail (each access also
    leaves an audit event there)."""

    __tablename__ = "exchange_log"

    id: Mapped[int] = mapped_column(_BIG_ID, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(16))  # AccessAction
    outcome: Mapped[str] = mapped_column(String(16))  # AccessOutcome
    reason: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))  # who acted
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_entries.id"))
    provider_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    delivery_id: Mapped[int | None] = mapped_column(Integer)  # no FK: refused ones have none
    grant_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)
    rows: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    client_address: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        # keyset pages, newest first, for each side's view (第二十二条: the provider sees who
        # accessed its resources; the consumer its own accesses)
        Index("ix_exchange_log_department", "department_id", "id"),
        Index("ix_exchange_log_provider", "provider_department_id", "id"),
        Index("ix_exchange_log_entry", "entry_id", "id"),
        Index("ix_exchange_log_at", "at"),
    )
