"""Clean a dask bag or dataframe of records on any Dask cluster, with the same config and plugins.

Needs the ``dask`` extra (``pip install 'article-cleaner[dask]'``). Each input record is cleaned by
`Cleaner.clean_record`, so the output records are those ``cleaner clean`` writes. The cleaner
travels to the workers once, as a graph key holding its configuration (a `Cleaner` pickles as
its config), and is rebuilt there with the plugins installed on the worker.

Ids that repeat across the input are not renumbered, as ``cleaner clean`` does within one run:
that needs a look at the whole input, which a map over partitions does not have.
"""

from __future__ import annotations

from typing import Any

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from .engine import Cleaner
from .records import USED
from .write import RESERVED


def clean_bag(records: db.Bag, cleaner: Cleaner | None = None) -> db.Bag:
    """A bag of output records from a bag of input records (mappings with a ``text``)."""
    shared = dask.delayed(cleaner or Cleaner.from_config(), pure=True)
    return records.map_partitions(_clean_records, shared)


def clean_dataframe(frame: dd.DataFrame, cleaner: Cleaner | None = None) -> dd.DataFrame:
    """A dataframe of output records from one whose rows are input records.

    Columns: those of the output record, then the input's other columns passed through
    (and ``input``, holding the input's values of columns named like output ones).
    """
    shared = dask.delayed(cleaner or Cleaner.from_config(), pure=True)
    columns = output_columns(list(frame.columns))
    meta = pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    return frame.map_partitions(_clean_frame, shared, columns, meta=meta)


def output_columns(input_columns: list[str]) -> list[str]:
    passed = [name for name in input_columns if name not in USED and name not in RESERVED]
    clashing = any(name in RESERVED and name not in USED for name in input_columns)
    return [*RESERVED, *passed, *(["input"] if clashing else [])]


def _clean_records(records: Any, cleaner: Cleaner) -> list[dict[str, Any]]:
    return [cleaner.clean_record(record) for record in records]


def _clean_frame(frame: pd.DataFrame, cleaner: Cleaner, columns: list[str]) -> pd.DataFrame:
    records = _clean_records(frame.to_dict("records"), cleaner)
    return pd.DataFrame(
        {name: pd.Series([record.get(name) for record in records], index=frame.index, dtype=object) for name in columns}
    )
