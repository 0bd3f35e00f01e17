"""Reading and changing team lists. Every change names who made it and when, and carries the
version the user saw: a change made on an older version is refused with Stale (optimistic
concurrency), so two colleagues never silently overwrite each other."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.workspace import database, rules
from core.workspace.identity import User
from core.workspace.schema import ListEntry, TeamList


class WorkspaceError(Exception):
    """A change that was not made; str() is the Dutch reason for the user."""


class NotFound(WorkspaceError):
    pass


class NotAllowed(WorkspaceError):
    pass


class Duplicate(WorkspaceError):
    pass


class Stale(WorkspaceError):
    """Someone else changed it first; `current` holds what is stored now (None when deleted)."""

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


@dataclasses.dataclass(frozen=True)
class Summary:
    id: int
    name: str
    description: str
    owner_id: str
    owner_name: str
    updated_at: dt.datetime
    updated_by: str
    version: int
    count: int


@dataclasses.dataclass(frozen=True)
class Entry:
    code: str
    status: str
    note: str
    status_by: str | None
    status_at: dt.datetime | None
    note_by: str | None
    note_at: dt.datetime | None
    added_by: str
    added_at: dt.datetime
    version: int


@dataclasses.dataclass(frozen=True)
class Detail:
    summary: Summary
    entries: list[Entry]

    @property
    def codes(self) -> list[str]:
        return [e.code for e in self.entries]


def now() -> dt.datetime:
    """UTC without tzinfo: stored the same way on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_SUMMARY_FIELDS = [f.name for f in dataclasses.fields(Summary) if f.name != "count"]
_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry)]
LISTS = TeamList.__table__
ENTRIES = ListEntry.__table__


def _summary(row: object, count: int) -> Summary:
    return Summary(**{name: row[name] for name in _SUMMARY_FIELDS}, count=int(count))


def _entry(row: object) -> Entry:
    return Entry(**{name: row[name] for name in _ENTRY_FIELDS})


def all_lists(engine: Engine) -> list[Summary]:
    """The team's lists, most recently changed first."""
    counts = (
        select(ListEntry.list_id, func.count().label("n")).group_by(ListEntry.list_id).subquery()
    )
    query = (
        select(LISTS, func.coalesce(counts.c.n, 0).label("entry_count"))
        .outerjoin(counts, counts.c.list_id == LISTS.c.id)
        .order_by(LISTS.c.updated_at.desc(), LISTS.c.id.desc())
    )
    with database.unavailable_on_failure(), engine.connect() as conn:
        return [_summary(row, row["entry_count"]) for row in conn.execute(query).mappings()]


def get(engine: Engine, list_id: int) -> Detail:
    with database.unavailable_on_failure(), engine.connect() as conn:
        return _detail(conn, list_id)


def _detail(conn: object, list_id: int) -> Detail:
    row = conn.execute(select(LISTS).where(LISTS.c.id == list_id)).mappings().first()
    if row is None:
        raise NotFound("Deze lijst bestaat niet meer: iemand heeft haar verwijderd.")
    entries = conn.execute(
        select(ENTRIES).where(ENTRIES.c.list_id == list_id).order_by(ENTRIES.c.position)
    ).mappings()
    items = [_entry(e) for e in entries]
    return Detail(_summary(row, len(items)), items)


def create(engine: Engine, user: User, name: str, description: str, codes: list[str]) -> Summary:
    """A new list with these gemeenten, owned by `user`."""
    name = rules.name(name)
    description = rules.description(description)
    codes = rules.codes(codes)
    if not codes:
        raise rules.Invalid("De selectie is leeg: zet eerst gemeenten in de selectie.")
    stamp = now()
    try:
        with database.unavailable_on_failure(), engine.begin() as conn:
            list_id = conn.execute(
                insert(TeamList).values(
                    name=name,
                    name_key=rules.name_key(name),
                    description=description,
                    owner_id=user.id,
                    owner_name=user.name,
                    created_at=stamp,
                    updated_at=stamp,
                    updated_by=user.name,
                    version=1,
                )
            ).inserted_primary_key[0]
            _insert_entries(conn, list_id, codes, 0, user, stamp)
            return _detail(conn, list_id).summary
    except IntegrityError:
        raise Duplicate(
            "Er is al een lijst met deze naam. Kies een andere naam, of open die lijst en "
            "voeg de gemeenten daar toe."
        ) from None


def _insert_entries(
    conn: object, list_id: int, codes: list[str], start: int, user: User, stamp: dt.datetime
) -> None:
    if not codes:
        return
    conn.execute(
        insert(ListEntry),
        [
            {
                "list_id": list_id,
                "code": code,
                "position": start + i,
                "added_at": stamp,
                "added_by": user.name,
                "status": rules.FIRST_STATUS,
                "note": "",
                "version": 1,
            }
            for i, code in enumerate(codes)
        ],
    )


def _bump(
    conn: object, list_id: int, version: int, user: User, stamp: dt.datetime, **values: object
) -> None:
    """Raise the list's version if it is still `version`; Stale otherwise."""
    done = conn.execute(
        update(TeamList)
        .where(TeamList.id == list_id, TeamList.version == version)
        .values(version=version + 1, updated_at=stamp, updated_by=user.name, **values)
    ).rowcount
    if done == 1:
        return
    try:
        current = _detail(conn, list_id)
    except NotFound:
        raise Stale("Deze lijst is intussen verwijderd.", None) from None
    raise Stale(
        f"{current.summary.updated_by} heeft deze lijst intussen gewijzigd. Laad de lijst "
        "opnieuw en doe uw wijziging daarna nog eens.",
        current,
    )


def _owned(conn: object, list_id: int, user: User, what: str) -> Detail:
    current = _detail(conn, list_id)
    if current.summary.owner_id != user.id:
        raise NotAllowed(
            f"Alleen de eigenaar van deze lijst ({current.summary.owner_name}) kan haar {what}."
        )
    return current


def rename(
    engine: Engine, user: User, list_id: int, version: int, name: str, description: str
) -> Summary:
    """New name and description (owner only)."""
    name = rules.name(name)
    description = rules.description(description)
    try:
        with database.unavailable_on_failure(), engine.begin() as conn:
            _owned(conn, list_id, user, "hernoemen")
            _bump(
                conn,
                list_id,
                version,
                user,
                now(),
                name=name,
                name_key=rules.name_key(name),
                description=description,
            )
            return _detail(conn, list_id).summary
    except IntegrityError:
        raise Duplicate("Er is al een andere lijst met deze naam. Kies een andere naam.") from None


def remove_list(engine: Engine, user: User, list_id: int, version: int) -> None:
    """Delete the list with its statuses and notes (owner only, on the version they saw)."""
    with database.unavailable_on_failure(), engine.begin() as conn:
        _owned(conn, list_id, user, "verwijderen")
        done = conn.execute(
            delete(TeamList).where(TeamList.id == list_id, TeamList.version == version)
        ).rowcount
        if done != 1:
            current = _detail(conn, list_id)
            raise Stale(
                f"{current.summary.updated_by} heeft deze lijst intussen gewijzigd. Bekijk de "
                "wijziging en verwijder de lijst daarna opnieuw als dat nog steeds de bedoeling is.",
                current,
            )


def add_codes(
    engine: Engine, user: User, list_id: int, version: int, codes: list[str]
) -> list[str]:
    """Add gemeenten that are not yet in the list; returns those added."""
    codes = rules.codes(codes)
    with database.unavailable_on_failure(), engine.begin() as conn:
        current = _detail(conn, list_id)
        new = [c for c in codes if c not in set(current.codes)]
        if len(current.codes) + len(new) > rules.CODES_MAX:
            raise rules.Invalid(f"Een lijst kan hoogstens {rules.CODES_MAX} gemeenten bevatten.")
        stamp = now()
        _bump(conn, list_id, version, user, stamp)
        last = conn.execute(
            select(func.max(ENTRIES.c.position)).where(ENTRIES.c.list_id == list_id)
        ).scalar()
        _insert_entries(conn, list_id, new, (-1 if last is None else last) + 1, user, stamp)
        return new


def remove_codes(engine: Engine, user: User, list_id: int, version: int, codes: list[str]) -> int:
    """Take gemeenten (with their status and note) out of the list; returns how many."""
    codes = rules.codes(codes)
    with database.unavailable_on_failure(), engine.begin() as conn:
        _bump(conn, list_id, version, user, now())
        return conn.execute(
            delete(ListEntry).where(ListEntry.list_id == list_id, ListEntry.code.in_(codes))
        ).rowcount


def update_entry(
    engine: Engine,
    user: User,
    list_id: int,
    code: str,
    version: int,
    status: str,
    note: str,
) -> Entry:
    """Set a gemeente's status and note, on the row version the user saw. Who and when are
    recorded per field, only for the field that changed."""
    status = rules.status(status)
    note = rules.note(note)
    with database.unavailable_on_failure(), engine.begin() as conn:
        row = _entry_row(conn, list_id, code)
        if row is None:
            _detail(conn, list_id)  # NotFound when the whole list is gone
            raise Stale("Deze gemeente is intussen uit de lijst gehaald.", None)
        current = _entry(row)
        if current.version != version:
            who = (
                current.note_by
                if (current.note_at or dt.datetime.min) >= (current.status_at or dt.datetime.min)
                else current.status_by
            )
            raise Stale(
                f"{who or 'Iemand'} heeft deze gemeente intussen gewijzigd. Uw invoer is niet "
                "opgeslagen; vergelijk haar met wat er nu staat.",
                current,
            )
        if status == current.status and note == current.note:
            return current
        stamp = now()
        values: dict[str, object] = {"version": version + 1}
        if status != current.status:
            values |= {"status": status, "status_by": user.name, "status_at": stamp}
        if note != current.note:
            values |= {"note": note, "note_by": user.name, "note_at": stamp}
        done = conn.execute(
            update(ListEntry)
            .where(
                ListEntry.list_id == list_id,
                ListEntry.code == code,
                ListEntry.version == version,
            )
            .values(**values)
        ).rowcount
        if done != 1:  # changed between our read and our write
            raise Stale("Iemand anders sloeg net tegelijk een wijziging op; probeer opnieuw.", None)
        conn.execute(
            update(TeamList)
            .where(TeamList.id == list_id)
            .values(updated_at=stamp, updated_by=user.name)
        )
        return _entry(_entry_row(conn, list_id, code))


def _entry_row(conn: object, list_id: int, code: str) -> object | None:
    query = select(ENTRIES).where(ENTRIES.c.list_id == list_id, ENTRIES.c.code == code)
    return conn.execute(query).mappings().first()
