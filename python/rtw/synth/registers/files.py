"""Register files: one Parquet file per register in the output folder."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write(out: Path, name: str, table: pa.Table) -> int:
    """`name`.parquet in one go (the default scale); returns the file's size."""
    path = out / f"{name}.parquet"
    pq.write_table(table, path, compression="zstd", row_group_size=250_000)
    return path.stat().st_size


class Streams:
    """One open Parquet file per register, written a part at a time (the national
    scale); each part is one row group."""

    def __init__(self, out: Path):
        self.out = out
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = {}

    def write(self, name: str, table: pa.Table) -> None:
        if name not in self.writers:
            self.writers[name] = pq.ParquetWriter(
                self.out / f"{name}.parquet", table.schema, compression="zstd"
            )
        self.writers[name].write_table(table, row_group_size=max(len(table), 1))
        self.rows[name] = self.rows.get(name, 0) + len(table)

    def close(self) -> None:
        for w in self.writers.values():
            w.close()
