"""Agreements (三方数据保密协议, 第三十条), their template versions, signatures and revisions.

The PDF bytes live in the database (`LargeBinary`, loaded only when asked for), so any number of
stateless API processes share them; every accepted revision is archived.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from govshare_platform.db import Base, UTCDateTime, utcnow

_OPEN = "status IN ('awaiting_consumer', 'awaiting_provider', 'awaiting_platform')"


class AgreementTemplate(Base):
    """One version of the agreement text; the highest version is current."""

    __tablename__ = "agreement_templates"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Agreement(Base):
    """The agreement of one conditional share request, signed in turn by the three parties."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("share_requests.id"), index=True)
    consumer_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    provider_department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(String(24))
    template_version: Mapped[int] = mapped_column(ForeignKey("agreement_templates.version"))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    draft_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    due: Mapped[date | None] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    declined_reason: Mapped[str | None] = mapped_column(Text)
    declined_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    signatures: Mapped[list[AgreementSignature]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="AgreementSignature.revision"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # at most one open agreement per request (a declined one may be followed by another)
        Index(
            "uq_agreements_open_request",
            "request_id",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
        Index("ix_agreements_consumer", "consumer_department_id", "id"),
        Index("ix_agreements_provider", "provider_department_id", "id"),
    )


class AgreementSignature(Base):
    """One accepted signature: who signed which field, with which certificate, into which
    revision (its SHA-256)."""

    __tablename__ = "agreement_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    turn: Mapped[str] = mapped_column(String(16))
    field_name: Mapped[str] = mapped_column(String(64))
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    certificate_serial: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revision: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class AgreementRevision(Base):
    """The bytes of every accepted revision (0 = the draft), archived."""

    __tablename__ = "agreement_revisions"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
