"""The workspace's tables (SQLAlchemy 2 declarative). Alembic's migrations create them; the
first migration must match what is declared here (tests/core/test_workspace_db.py checks)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.workspace import rules


class Base(DeclarativeBase):
    pass


class TeamList(Base):
    """A named list of gemeenten (doellijst). `version` goes up with every change of the list
    itself (name, description, which gemeenten): an edit made on an older version is refused."""

    __tablename__ = "team_lists"
    __table_args__ = (UniqueConstraint("name_key", name="uq_team_lists_name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(rules.NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(2 * rules.NAME_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[str] = mapped_column(String(320))
    owner_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)


class ListEntry(Base):
    """One gemeente in a list with its status and note; `version` per row, like the list's."""

    __tablename__ = "team_list_entries"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("team_lists.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32), default=rules.FIRST_STATUS)
    status_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    note_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    note_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
