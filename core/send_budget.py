"""Telegram's sending rate as one budget for every app process on a PostgreSQL database.

A generic cell rate algorithm kept in one row (`send_budget`): `next_any` is when the next
message of any kind may go, `next_bulk` the next bulk one. Reserving a slot moves them on by
one interval from the later of their value and now, so an idle budget saves up nothing and
nothing bursts (bulk makes up at most `catch_up` seconds of its share it missed, within the
strict overall spacing); a reply always gets the next slot, bulk only a slot that is free now
(it never books ahead of a reply). Times are seconds of the database clock, the one clock all
processes share.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

NAME = "telegram"

_RESERVE = text(
    """
    WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t),
    taken AS (
        UPDATE send_budget b
        SET next_any = greatest(b.next_any, now.t - :late) + :any_interval,
            next_bulk = CASE WHEN :bulk
                             THEN greatest(b.next_bulk, now.t - :catch_up) + :bulk_interval
                             ELSE b.next_bulk END
        FROM now
        WHERE b.name = :name
          AND (NOT :bulk OR (b.next_any <= now.t AND b.next_bulk <= now.t))
        RETURNING CASE WHEN :bulk THEN 0 ELSE b.next_any - :any_interval - now.t END AS wait
    )
    SELECT true AS reserved, wait FROM taken
    UNION ALL
    SELECT false, greatest(b.next_any, b.next_bulk) - now.t
    FROM send_budget b, now
    WHERE b.name = :name AND NOT EXISTS (SELECT 1 FROM taken)
    """
)

_PAUSE = text(
    """
    WITH now AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS t)
    UPDATE send_budget b
    SET next_any = greatest(b.next_any, now.t + :seconds),
        next_bulk = greatest(b.next_bulk, now.t + :seconds)
    FROM now WHERE b.name = :name
    """
)


def prepare(connection: Connection, name: str = NAME) -> None:
    """Readies a connection for reservations. They need not wait for the disk: after a
    crash of the database server the budget may start from zero, which is harmless."""
    connection.execute(text("SET synchronous_commit TO off"))
    connection.execute(
        text(
            "INSERT INTO send_budget (name, next_any, next_bulk) VALUES (:name, 0, 0) "
            "ON CONFLICT (name) DO NOTHING"
        ),
        {"name": name},
    )


def reserve(
    connection: Connection,
    *,
    any_interval: float,
    bulk_interval: float,
    bulk: bool,
    catch_up: float | None = None,
    late: float = 0.0,
    name: str = NAME,
) -> tuple[bool, float]:
    """(True, seconds until the reserved slot), or for bulk when no slot is free now
    (False, seconds until one may be). When a bulk slot is granted, bulk's share may be up
    to `catch_up` seconds behind now (by default half a bulk interval) and the overall slot
    up to `late` seconds (a bulk sender that waited for the slot and woke up late)."""
    row = connection.execute(
        _RESERVE,
        {"name": name, "any_interval": any_interval, "bulk_interval": bulk_interval,
         "bulk": bulk, "catch_up": bulk_interval / 2 if catch_up is None else catch_up,
         "late": late if bulk else 0.0},
    ).one()  # fmt: skip
    return bool(row[0]), max(0.0, float(row[1]))


def pause(connection: Connection, seconds: float, name: str = NAME) -> None:
    """Telegram said "retry after": no process sends before then, and none bursts after."""
    connection.execute(_PAUSE, {"name": name, "seconds": seconds})
