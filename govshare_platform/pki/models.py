"""Signer certificates issued by the platform CA (the keys stay on the signers' machines)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from govshare_platform.db import Base, UTCDateTime, utcnow


class SignerCertificate(Base):
    """A certificate the CA issued to a user for one signer role; revoked, never deleted."""

    __tablename__ = "signer_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(42), unique=True)  # lowercase hex, no 0x
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(1000))  # RFC 4514
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    certificate_pem: Mapped[str] = mapped_column(Text)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_signer_certificates_revoked_at", "revoked_at"),)
