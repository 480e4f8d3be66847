"""Catalog benchmark: import time and search latency (p50/p95) on SQLite and PostgreSQL.

Runs over the demo catalog and over a 20,000-row catalog made by re-labelling demo rows.
Usage: .venv/bin/python benchmarks/search_bench.py [--rows 20000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import time
import uuid

from sqlalchemy import create_engine, text

from core.catalog import SearchQuery, facets, search
from core.db import make_engine, migrate, session_factory, transaction
from core.imports import import_exhibitors
from core.settings import ROOT
from core.taxonomy import load_taxonomy

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
QUERIES = [
    SearchQuery(categories=("medical_devices",)),
    SearchQuery(categories=("wine",), country="FR"),
    SearchQuery(categories=("cheese",)),
    SearchQuery(area="equipment", country="DE"),
    SearchQuery(keywords=("robot",)),
    SearchQuery(keywords=("化妆品",)),
    SearchQuery(hall="8.2"),
    SearchQuery(categories=("cosmetics", "skincare"), country="JP"),
]


def scaled_catalog(rows: int) -> bytes:
    source = list(
        csv.DictReader(io.StringIO((ROOT / "data/demo/exhibitors.csv").read_text("utf-8")))
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(source[0]))
    writer.writeheader()
    for n in range(rows):
        row = dict(source[n % len(source)])
        if n >= len(source):
            row["id"] = f"{row['id']}-x{n}"
            row["name_en"] = f"{row['name_en']} {n // len(source)}"
        writer.writerow(row)
    return out.getvalue().encode()


def bench(url: str, raw: bytes, label: str) -> None:
    taxonomy = load_taxonomy(ROOT / "data")
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    started = time.perf_counter()
    with transaction(sessions) as session:
        report = import_exhibitors(session, raw, taxonomy)
    import_seconds = time.perf_counter() - started
    assert report.ok, report.errors[:3]
    latencies = []
    with sessions() as session:
        for _ in range(25):
            for query in QUERIES:
                for page in (0, 1):
                    t0 = time.perf_counter()
                    search(session, query, page)  # what one results page runs:
                    facets(session, query)  # the page and its refine buttons
                    latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{label:<32} rows={report.created:>6}  import={import_seconds:6.2f}s  "
        f"search p50={statistics.median(latencies):6.2f}ms p95={p95:6.2f}ms  (n={len(latencies)})"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    demo = (ROOT / "data/demo/exhibitors.csv").read_bytes()
    big = scaled_catalog(args.rows)
    tmp = ROOT / "var" / "bench"
    tmp.mkdir(parents=True, exist_ok=True)
    for name, raw in (("demo", demo), (f"{args.rows}", big)):
        db = tmp / f"{name}.db"
        db.unlink(missing_ok=True)
        bench(f"sqlite:///{db}", raw, f"sqlite   {name}")
    if args.no_postgres:
        return
    admin = create_engine(PG_URL)
    for name, raw in (("demo", demo), (f"{args.rows}", big)):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with admin.begin() as connection:
            connection.execute(text(f'create schema "{schema}"'))
        try:
            bench(f"{PG_URL}?options=-csearch_path%3D{schema},public", raw, f"postgres {name}")
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'drop schema "{schema}" cascade'))


if __name__ == "__main__":
    main()
