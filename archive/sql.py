"""Plain SQL for the few hot paths where the ORM's cost per row dominates (the import)."""

import functools

from django.db import connections, router, transaction
from django.db.models.signals import post_save, pre_save


def insert_rows(model, field_names: list[str], rows: list[tuple], using: str | None = None) -> None:
    """Insert plain rows into ``model``'s table with one ``executemany``; return nothing.

    For rows written once per imported article (its links, its index-queue row),
    where ``bulk_create`` spends most of its time building model instances and
    compiling SQL. No signals are sent. Values must already be valid and in the
    database's form (ids, choices, lengths; datetimes through the field's
    ``get_db_prep_save``).
    """
    if not rows:
        return
    connection = connections[using or router.db_for_write(model)]
    sql = _insert_sql(connection, model, [model._meta.get_field(name) for name in field_names])
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def prepared_row(model, values: dict, using: str | None = None) -> tuple:
    """Return ``values`` (field name → value, ids for foreign keys) in the database's form, for :func:`insert_rows`.

    Each value goes through its field's ``get_db_prep_save``: JSON, dates and the like as the ORM would write them.
    """
    connection = connections[using or router.db_for_write(model)]
    return tuple(model._meta.get_field(name).get_db_prep_save(value, connection) for name, value in values.items())


def _insert_sql(connection, model, fields) -> str:
    """Return ``INSERT INTO <model's table> (<fields' columns>) VALUES (%s, ...)``."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from the model)


def insert_new(instance, using: str | None = None) -> None:
    """Store a new ``instance`` with one INSERT, as ``Model.save()`` would; return nothing (its pk is set).

    The ORM compiles the INSERT anew for every save, which costs more than the
    insert itself; here the statement is built once per model and database.
    ``pre_save`` and ``post_save`` (``created=True``) are sent as by a save, so
    receivers such as the index queue see the row, in the same transaction. Field
    defaults and ``auto_now`` values are filled by the fields. The model's own
    ``save()`` override is not called: callers do what it would. For models with
    an automatic primary key only.
    """
    model = type(instance)
    using = using or router.db_for_write(model, instance=instance)
    connection = connections[using]
    fields, sql, returning = _insert_statement(model, using)
    pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, values)
        pk_column = model._meta.pk.column
        if returning:
            instance.pk = cursor.fetchone()[0]
        else:
            instance.pk = connection.ops.last_insert_id(cursor, model._meta.db_table, pk_column)
    instance._state.adding, instance._state.db = False, using
    post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)


@functools.cache
def _insert_statement(model, using: str) -> tuple[list, str, bool]:
    """Return the fields an INSERT of ``model`` writes, its SQL, and whether it returns the new pk."""
    meta, connection = model._meta, connections[using]
    if meta.auto_field is None or meta.parents:
        raise TypeError(f"insert_new() needs a model with an automatic primary key: {meta.label}")
    fields = [field for field in meta.local_concrete_fields if field is not meta.auto_field]
    sql = _insert_sql(connection, model, fields)
    returning = connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {connection.ops.quote_name(meta.pk.column)}"
    return fields, sql, returning
