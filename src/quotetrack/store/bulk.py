"""Many rows into one table in one statement, handed to the database driver as tuples.

An ingest writes tens of rows per article; going through SQLAlchemy's per-row parameter
processing costs more than the database's own work for them. The statement is still
SQLAlchemy's connection and transaction; only the rows skip its bookkeeping.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, insert

# Positional placeholder of each DB-API parameter style this can use.
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class BulkInsert:
    """``INSERT INTO table (columns) VALUES (...)`` for a list of tuples."""

    def __init__(self, table: Table, columns: Sequence[str]):
        self.table = table
        self.columns = tuple(columns)
        self._prepared: dict[str, tuple[str | None, list[tuple[int, object]]]] = {}

    def _prepare(self, connection: Connection) -> tuple[str | None, list[tuple[int, object]]]:
        dialect = connection.dialect
        if dialect.name not in self._prepared:
            placeholder = _PLACEHOLDERS.get(dialect.paramstyle)
            quote = dialect.identifier_preparer.quote
            sql = None if placeholder is None else (
                f"INSERT INTO {quote(self.table.name)} ({', '.join(quote(c) for c in self.columns)}) "
                f"VALUES ({', '.join([placeholder] * len(self.columns))})"
            )
            # The column types' own conversions (dates to text in SQLite, for instance).
            processors = [(i, processor) for i, column in enumerate(self.columns)
                          if (processor := self.table.c[column].type.dialect_impl(dialect).bind_processor(dialect))]
            self._prepared[dialect.name] = (sql, processors)
        return self._prepared[dialect.name]

    def __call__(self, connection: Connection, rows: list[tuple]) -> None:
        if not rows:
            return
        sql, processors = self._prepare(connection)
        if sql is None:  # a driver with named parameters: the ordinary Core statement
            connection.execute(insert(self.table), [dict(zip(self.columns, row)) for row in rows])
            return
        if processors:
            rows = [_converted(row, processors) for row in rows]
        connection.exec_driver_sql(sql, rows)


def _converted(row: tuple, processors: list[tuple[int, object]]) -> tuple:
    values = list(row)
    for index, processor in processors:
        if values[index] is not None:
            values[index] = processor(values[index])
    return tuple(values)
