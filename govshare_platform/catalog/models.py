"""Catalog entries (政务信息资源目录条目) and what hangs off them (第十三条–第十九条)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import false

from govshare_platform.db import Base, UTCDateTime, utcnow
from govshare_platform.departments.models import Department, User


class CatalogEntry(Base):
    __tablename__ = "catalog_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # 1 信息资源分类
    resource_class: Mapped[str] = mapped_column(String(1))
    class_item: Mapped[str] = mapped_column(String(2))
    class_catalog: Mapped[str] = mapped_column(String(3))
    class_detail: Mapped[str | None] = mapped_column(String(6))
    # 2 名称, 6 摘要, 7 格式
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    format_class: Mapped[str] = mapped_column(String(20))
    format_type: Mapped[str] = mapped_column(String(100))
    # 9 共享属性
    share_type: Mapped[str] = mapped_column(String(16))
    share_conditions: Mapped[str | None] = mapped_column(Text)
    share_scope: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    share_mode: Mapped[str] = mapped_column(String(16))
    # 10 开放属性, 11 更新周期
    open_to_public: Mapped[bool] = mapped_column(Boolean, default=False)
    open_conditions: Mapped[str | None] = mapped_column(Text)
    update_cycle: Mapped[str] = mapped_column(String(16))
    # 接口服务 entries: the provider's endpoint (an http(s) URL; not a key element, 第十七条)
    interface_endpoint: Mapped[str | None] = mapped_column(String(500))
    # 3 代码 (assigned on publication, never reused), 12 发布日期, 13 关联资源代码
    resource_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    published_on: Mapped[date | None] = mapped_column(Date)
    related_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # workflow bookkeeping
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # when the department approved it (第十五条): the platform's review clock starts there
    dept_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department: Mapped[Department] = relationship(lazy="joined")
    # who submitted it, for joins (lists show and sort by the name; views.SUBMITTER_NAME)
    submitter: Mapped[User | None] = relationship(foreign_keys=[submitted_by], viewonly=True)
    items: Mapped[list[EntryDataItem]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="EntryDataItem.position"
    )

    __mapper_args__ = {"version_id_col": version}
    # Lists are newest first (ORDER BY id DESC): each index ends in id so a page is an index range.
    __table_args__ = (
        Index("ix_catalog_entries_dept_id", "department_id", "id"),
        Index("ix_catalog_entries_dept_status", "department_id", "status", "id"),
        Index("ix_catalog_entries_status_id", "status", "id"),
        Index("ix_catalog_entries_status_share", "status", "share_type", "id"),
        # the share catalog sorted by name or by last change (GET /catalog/share-catalog?sort=)
        Index("ix_catalog_entries_status_name", "status", "name", "id"),
        Index("ix_catalog_entries_status_updated", "status", "updated_at", "id"),
    )

    @property
    def department_name(self) -> str:
        return self.department.name

    @property
    def provider_code(self) -> str:
        """提供方代码: the department's 统一社会信用代码."""
        return self.department.credit_code

    @property
    def data_items(self) -> list[dict[str, Any]]:
        return [item.as_dict() for item in self.items]


class EntryDataItem(Base):
    """信息项 of an entry; `share_type` (optional) narrows the entry's."""

    __tablename__ = "catalog_data_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_entries.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), index=True)
    data_type: Mapped[str] = mapped_column(String(1))
    length: Mapped[int | None] = mapped_column(Integer)
    share_type: Mapped[str | None] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(String(500))
    # 关键信息项 (govshare_core.exchange.key_item): deliveries fill it uniquely, lookups match on it
    is_key: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "data_type": self.data_type,
            "length": self.length,
            "share_type": self.share_type,
            "description": self.description,
            "key": self.is_key,
        }


class ResourceCodeSequence(Base):
    """Last 后段码 issued per 前段码; codes are never reused, even after withdrawal."""

    __tablename__ = "resource_code_sequences"

    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class EntrySnapshot(Base):
    """The entry as it stood at an event (published, change applied): for side-by-side views."""

    __tablename__ = "catalog_entry_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_entries.id", ondelete="CASCADE"), index=True
    )
    entry_version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ChangeReport(Base):
    """Key-element change report (第十七条): due within 20 days of the effective date."""

    __tablename__ = "catalog_change_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    effective_date: Mapped[date] = mapped_column(Date)
    reported_on: Mapped[date] = mapped_column(Date)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    reported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def days_after_effect(self) -> int:
        return (self.reported_on - self.effective_date).days


class Attachment(Base):
    """Interface documents (接口规范说明文档, 第十九条) attached to an entry."""

    __tablename__ = "catalog_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_entries.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
