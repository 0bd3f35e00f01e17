"""Alembic's environment: always run with the connection that core.workspace.database.migrate
hands over (inside its lock), never from an ini file or a URL of its own."""

from __future__ import annotations

from alembic import context

from core.workspace import schema


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "Run the workspace migrations with `python -m core.workspace migrate` "
            "(core.workspace.database.migrate), which passes the connection and takes the lock."
        )
    context.configure(
        connection=connection,
        target_metadata=schema.Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


run()
