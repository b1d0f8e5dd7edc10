"""Many rows into one table in one statement, handed to the database driver as tuples,
and the ids such rows need before they are written.

An ingest writes tens of rows per article; going through SQLAlchemy's per-row parameter
processing, or a round trip per row to learn its id, costs more than the database's own
work for them. The statements still go through SQLAlchemy's connection and transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

# Ids fetched from a PostgreSQL sequence in one round trip.
ID_BLOCK = 256
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
        if connection.dialect.driver == "psycopg":
            self._copy(connection, rows)
            return
        connection.exec_driver_sql(sql, rows)

    def _copy(self, connection: Connection, rows: list[tuple]) -> None:
        """PostgreSQL's COPY: one stream for the rows, where an INSERT per row costs the
        server a statement each (a quarter of the writer's time on the quotes). Its errors
        are SQLAlchemy's, as an INSERT's would be (a text stored meanwhile is an
        IntegrityError the writer knows what to do with)."""
        quote = connection.dialect.identifier_preparer.quote
        sql = f"COPY {quote(self.table.name)} ({', '.join(quote(c) for c in self.columns)}) FROM STDIN"
        dbapi = connection.dialect.loaded_dbapi
        try:
            with connection.connection.cursor().copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except dbapi.Error as error:
            raise DBAPIError.instance(sql, None, error, dbapi.Error) from error


def _converted(row: tuple, processors: list[tuple[int, object]]) -> tuple:
    values = list(row)
    for index, processor in processors:
        if values[index] is not None:
            values[index] = processor(values[index])
    return tuple(values)


class IdAllocator:
    """Ids for new rows of one table, handed out before the rows are inserted in bulk.

    PostgreSQL: blocks of ``ID_BLOCK`` values from the table's own sequence, which never
    gives a value twice, whoever else writes (a rolled-back batch leaves a gap, as any
    sequence does). SQLite: max(id) + 1 onwards, read once per transaction; only for a
    writer that holds the write lock for its whole transaction (BEGIN IMMEDIATE), so
    nobody else can take them. ``end_transaction`` says the transaction is over.
    """

    def __init__(self, table: Table):
        self.table = table
        self._ids: list[int] = []
        self._next: int | None = None
        self._sequence: str | None = None

    def take(self, connection: Connection) -> int:
        if connection.dialect.name == "postgresql":
            if not self._ids:
                if self._sequence is None:
                    self._sequence = connection.execute(select(func.pg_get_serial_sequence(self.table.name, "id"))).scalar()
                self._ids = sorted(connection.execute(
                    text(f"SELECT nextval(:sequence) FROM generate_series(1, {ID_BLOCK})"), {"sequence": self._sequence}
                ).scalars(), reverse=True)
            return self._ids.pop()
        if self._next is None:
            self._next = connection.execute(select(func.coalesce(func.max(self.table.c.id), 0) + 1)).scalar()
        taken = self._next
        self._next += 1
        return taken

    def end_transaction(self) -> None:
        self._next = None


@lru_cache(maxsize=1024)  # SQLite's differ by the lengths of their lists
def driver_sql(dialect: Dialect, template: str, *listed: int) -> str:
    """``template`` in the driver's parameter style: each ``?`` a marker, and each
    ``IN ({})`` a list: one array parameter (``= ANY(%s)``) on PostgreSQL, else as many
    markers as the matching number in ``listed``."""
    marker = _PLACEHOLDERS.get(dialect.paramstyle)
    if marker is None:
        raise NotImplementedError(f"a driver with {dialect.paramstyle} parameters: "
                                  "quotetrack supports SQLite and PostgreSQL (psycopg)")
    template = template.replace("?", marker)
    if dialect.name == "postgresql":
        return template.replace(" IN ({})", f" = ANY({marker})")
    return template.format(*(", ".join([marker] * count) for count in listed))


def driver_query(connection: Connection, template: str, *parameters: object, prepare: bool = True):
    """Run ``template`` (see ``driver_sql``) on the connection's own driver cursor, inside
    SQLAlchemy's transaction, with ``parameters`` in order: a list or tuple for each
    ``IN ({})``, a value for each ``?``. For statements run on every article, where building
    and expanding an SQLAlchemy ``IN`` costs more than the lookup itself. On PostgreSQL the
    SQL is the same whatever the lengths of the lists, so psycopg has the server prepare
    it once it has run a few times; ``prepare`` False keeps it planned afresh each time, for
    a query whose plan depends on how many values its lists hold."""
    if connection.dialect.name == "postgresql":
        values = tuple(list(value) if isinstance(value, (list, tuple)) else value for value in parameters)
        sql = driver_sql(connection.dialect, template)
    else:
        values = tuple(item for value in parameters
                       for item in (value if isinstance(value, (list, tuple)) else (value,)))
        sql = driver_sql(connection.dialect, template,
                         *(len(value) for value in parameters if isinstance(value, (list, tuple))))
    cursor = connection.connection.cursor()
    if connection.dialect.name == "postgresql" and not prepare:
        cursor.execute(sql, values, prepare=False)
    else:
        cursor.execute(sql, values)
    return cursor
