"""Writing many rows at once, for write paths that take in thousands a minute (mail imports).

``rows_insert(objs)`` does what ``Model.objects.bulk_create(objs)`` does, and on PostgreSQL does
it with ``COPY`` rather than a multi-row ``INSERT``; ``rows_update(objs, fields)`` saves
``fields`` of many existing rows, on PostgreSQL by ``COPY`` into a temporary table and one
``UPDATE`` from it. Django builds a bulk insert by preparing
every value of every row through the field machinery and psycopg then quotes each value into
the statement's text; for a batch of mail that was a third of the time spent. ``COPY`` takes
the rows as tuples and psycopg's C code writes them. Ids come from the table's own sequence
beforehand, so the rows are numbered as an insert would number them. Triggers, generated
columns, constraints and indexes apply to ``COPY`` as to ``INSERT``; other databases get
``bulk_create`` itself.
"""

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from django.db import connections, router
from django.db.models import AutoField, Field, JSONField, Model
from django.db.models.expressions import DatabaseDefault

# Fields whose Python values psycopg writes as Django would prepare them: passed as they are.
_AS_THEY_ARE = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BinaryField",
        "BooleanField",
        "CharField",
        "DateTimeField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
        "UUIDField",
    }
)


def rows_insert[M: Model](objs: Sequence[M]) -> list[M]:
    """Insert ``objs``, new instances of one model, as ``bulk_create`` would; return them with ids.

    Each instance gets its primary key and is marked saved. Values must be plain values, not
    expressions; a field that has only a database default is left to ``bulk_create``. Database
    errors are Django's (``IntegrityError`` for a broken constraint), as from ``bulk_create``.
    """
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql" or _left_to_the_orm(objs):
        return list(model._default_manager.using(alias).bulk_create(objs))
    fields, prepared, statement = _plan(model, connection.ops.quote_name)
    pk = model._meta.pk
    assert pk is not None
    for obj in objs:
        # What bulk_create checks first: related objects saved, their ids copied over.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    missing = [obj for obj in objs if obj.pk is None]
    if missing and isinstance(pk, AutoField):
        for obj, pk_value in zip(missing, _next_ids(connection, model, len(missing)), strict=True):
            obj.pk = pk_value
    elif missing:
        for obj in missing:
            obj.pk = pk.get_pk_value_on_save(obj)
    _copy(connection, statement, (_row(obj, fields, prepared, connection) for obj in objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return objs


def build[M: Model](model: type[M], /, **values: Any) -> M:
    """``model(**values)``: a new, unsaved instance, the same, made in a third of the time.

    The constructor handed names looks each field up among them and works out each missing
    field's default on every call; for a batch of new complaints (eight rows each) that had been
    a fifth of filing's time. This passes the values by position, as Django does for rows it
    reads, in an order worked out once per model. Values are named as for the constructor: a
    field's name or its column's attribute name (``customer`` or ``customer_id``); a related
    object goes through the field's own descriptor, as it does there.
    """
    plan, names = _build_plan(model)
    if not names.issuperset(values):
        unexpected = ", ".join(sorted(set(values) - names))
        raise TypeError(f"{model.__name__}() got unexpected keyword arguments: {unexpected}")
    args: list[Any] = []
    related: list[tuple[str, Any]] = []
    for name, attname, is_relation, default in plan:
        if name in values:
            if is_relation:
                related.append((name, values[name]))
                args.append(None)
            else:
                args.append(values[name])
        elif attname in values:
            args.append(values[attname])
        else:
            args.append(default())
    obj = model(*args)
    for name, value in related:
        setattr(obj, name, value)
    return obj


_Plan = tuple[tuple[tuple[str, str, bool, Callable[[], Any]], ...], frozenset[str]]


@cache
def _build_plan(model: type[Model]) -> _Plan:
    """Each field's name, attribute name, whether it is a relation, and what makes its default
    (``Field.get_default`` calls the same)."""
    fields = model._meta.concrete_fields
    # ``get_default`` returns what the field's ``_get_default`` makes; a relation's own turns a
    # default object into its id, so it is kept for relations.
    plan = tuple(
        (f.name, f.attname, f.is_relation, f.get_default if f.is_relation else f._get_default)  # type: ignore[attr-defined]
        for f in fields
    )
    names = frozenset(n for f in fields for n in (f.name, f.attname))
    return plan, names


def rows_copy(model: type[Model], rows: Iterable[Sequence[Any]]) -> None:
    """Write new rows of ``model`` on PostgreSQL, each a sequence of values in the order of
    ``copy_fields(model)``, ids included, as the database takes them (``get_db_prep_save``'s,
    or text for a JSON column).

    For rows built without model instances, where making thousands of them cost more than
    writing them (a batch of complaints queues three tasks each).
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        raise NotImplementedError("rows_copy writes by COPY, which only PostgreSQL has: use rows_insert.")
    _copy(connection, _plan(model, connection.ops.quote_name)[2], rows)


def copy_fields(model: type[Model]) -> list[Field[Any, Any]]:
    """The fields ``rows_copy`` writes, in its order: the concrete ones that are not generated."""
    return [f for f in model._meta.concrete_fields if not f.generated]


def stamped_on_save(field: Field[Any, Any]) -> bool:
    """Whether saving a row sets ``field`` to the time (``auto_now`` or ``auto_now_add``)."""
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _copy(connection: Any, statement: str, rows: Iterable[Sequence[Any]]) -> None:
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)
    if connection.queries_logged:  # counted like any statement (tests count statements)
        connection.queries_log.append({"sql": statement, "time": "0.000"})


@cache
def _plan(
    model: type[Model], quote: Callable[[str], str]
) -> tuple[list[Field[Any, Any]], frozenset[str], str]:
    """The fields ``bulk_create`` writes, those whose values go through the field first, and
    the statement."""
    fields = copy_fields(model)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    prepared = frozenset(
        field.attname
        for field in fields
        if isinstance(field, JSONField)
        or field.get_internal_type() not in _AS_THEY_ARE
        or stamped_on_save(field)
    )
    return fields, prepared, statement


def _left_to_the_orm(objs: Sequence[Model]) -> bool:
    with_db_default = [f.attname for f in type(objs[0])._meta.concrete_fields if f.has_db_default()]
    return any(isinstance(getattr(obj, name), DatabaseDefault) for obj in objs for name in with_db_default)


def _row(
    obj: Model, fields: list[Field[Any, Any]], prepared: frozenset[str], connection: Any, *, add: bool = True
) -> list[Any]:
    row = []
    for field in fields:
        if field.attname in prepared:
            row.append(field.get_db_prep_save(field.pre_save(obj, add), connection))
        else:
            row.append(getattr(obj, field.attname))
    return row


def _next_ids(connection: Any, model: type[Model], count: int) -> list[int]:
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def rows_update(objs: Sequence[Model], fields: list[str]) -> None:
    """Save ``fields`` of ``objs``, existing rows of one model, in a fixed number of statements.

    Elsewhere than PostgreSQL, one upsert (``bulk_create`` updating on conflict), which needs
    every column's value. Values must be plain values, as for ``rows_insert``.
    """
    if not objs:
        return
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        model._default_manager.using(alias).bulk_create(
            objs, update_conflicts=True, unique_fields=["pk"], update_fields=fields
        )
        return
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    chosen = [pk] + [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    columns = [quote(str(field.column)) for field in chosen]  # type: ignore[union-attr]
    table, scratch = quote(meta.db_table), quote(f"{meta.db_table}_rows_update")
    prepared = _plan(model, quote)[1]
    with connection.cursor() as cursor, connection.wrap_database_errors:
        # Kept for the session, emptied at each commit; no constraints, so any column will do.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {scratch} ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT * FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {scratch}")
        with cursor.cursor.copy(f"COPY {scratch} ({', '.join(columns)}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(_row(obj, chosen, prepared, connection, add=False))  # type: ignore[arg-type]
        assignments = ", ".join(f"{column} = s.{column}" for column in columns[1:])
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {scratch} AS s "  # noqa: S608
            f"WHERE t.{columns[0]} = s.{columns[0]}"
        )
