"""Alembic environment: runs govdesk's migrations on the connection the program hands over."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import govdesk.domain.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from govdesk.store.migrate import include_name

config = context.config
target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things in place
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # `alembic revision --autogenerate` from a developer's shell
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
