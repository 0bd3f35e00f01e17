"""The team workspace: named target lists (doellijsten) with a status and a note per gemeente,
kept in a database (SQLAlchemy 2, Alembic migrations). Pure Python, no streamlit.

rules (names, lengths, statuses, who may do what), identity (the signed-in user, allowed
domains), schema (tables), database (URL, engine, migrations under a lock), lists (reading and
changing lists with optimistic concurrency), listfile (a list as CSV or Excel).
"""
