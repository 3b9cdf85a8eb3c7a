"""Read the Virage lakehouse from a notebook without PySpark or PyPI.

Runs the product's own `sql` command (`bin/virage sql --format csv`) and reads its
CSV output with pandas. Every output table and view is available under its name; Delta time travel
works (`... FROM ambassador_rankings VERSION AS OF 3`).

Settings (environment variables, all optional):
  VIRAGE_HOME       the checkout (default: the parent of this notebooks/ folder)
  VIRAGE_WAREHOUSE  the lakehouse (default: $VIRAGE_HOME/lakehouse, where `nightly --demo` writes)
  VIRAGE_CMD        how to start the CLI (default: $VIRAGE_HOME/bin/virage, the launcher)

With PySpark and delta-spark installed instead, read the same tables directly:
  spark.read.format("delta").load(f"{WAREHOUSE}/ambassador_rankings")
"""
import csv
import io
import os
import shlex
import subprocess
from pathlib import Path

import pandas as pd

HOME = Path(os.environ.get("VIRAGE_HOME", Path(__file__).resolve().parent.parent))
WAREHOUSE = os.environ.get("VIRAGE_WAREHOUSE", str(HOME / "lakehouse"))
CMD = shlex.split(os.environ.get("VIRAGE_CMD", shlex.quote(str(HOME / "bin" / "virage"))))

# The order of the score's components, as in ambassador_rankings and ranking.weights.
COMPONENTS = ["brand-influence", "influence", "engagement", "sentiment", "recommendations",
              "audience-quality", "account-quality", "activity"]


def component_column(key: str) -> str:
    """Column of ambassador_rankings holding a component's value."""
    return {"recommendations": "recommendation_component"}.get(key, key.replace("-", "_") + "_component")


def sql(query: str, dates=()) -> pd.DataFrame:
    """Runs one Spark SQL query on the lakehouse and returns its rows; `dates` lists columns to parse as dates."""
    proc = subprocess.run(CMD + ["sql", "--warehouse", WAREHOUSE, "--format", "csv", query],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"virage sql exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    frame = pd.read_csv(io.StringIO(proc.stdout), keep_default_na=False, na_values=[""])
    for column in dates:
        frame[column] = pd.to_datetime(frame[column])
    return frame


MARKER = "virage_result"


def sql_many(queries: dict, dates: dict = None) -> dict:
    """Runs several queries in one CLI call (one JVM, one Spark session) and returns {name: DataFrame}.

    Each query is preceded by `SELECT '<name>' AS virage_result`, whose one-row output marks where
    the query's own CSV starts; `dates` maps a name to the columns to parse as dates.
    """
    dates = dates or {}
    script = ";\n".join(f"SELECT '{name}' AS {MARKER};\n{query.strip().rstrip(';')}" for name, query in queries.items())
    proc = subprocess.run(CMD + ["sql", "--warehouse", WAREHOUSE, "--format", "csv", script],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"virage sql exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    blocks, name, rows = {}, None, []
    records = list(csv.reader(io.StringIO(proc.stdout)))
    i = 0
    while i < len(records):
        if records[i] == [MARKER] and i + 1 < len(records) and records[i + 1][:1] and records[i + 1][0] in queries:
            if name is not None:
                blocks[name] = rows
            name, rows = records[i + 1][0], []
            i += 2
            continue
        rows.append(records[i])
        i += 1
    if name is not None:
        blocks[name] = rows
    frames = {}
    for key in queries:
        text = io.StringIO()
        csv.writer(text).writerows(blocks.get(key, []))
        frame = pd.read_csv(io.StringIO(text.getvalue()), keep_default_na=False, na_values=[""])
        for column in dates.get(key, ()):
            frame[column] = pd.to_datetime(frame[column])
        frames[key] = frame
    return frames
