"""cleaner.dask on a local Dask cluster gives the records `cleaner clean` gives for the same articles."""

import json
import pickle
from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.dask import clean_bag, clean_dataframe
from test_batch import make_corpus


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


@pytest.fixture
def corpus_and_local_records(tmp_path):
    corpus = tmp_path / "corpus"
    ids = make_corpus(corpus, 40)
    (corpus / "part000" / "empty.txt").write_text("")
    output = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "-o", str(output), "-q", "--workers", "1"]) == 1
    local = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    inputs = [
        {"id": id, "source": str(Path(corpus, f"{id}.txt")), "text": Path(corpus, f"{id}.txt").read_text(encoding="utf-8")}
        for id in [*ids, "part000/empty"]
    ]
    return inputs, local


def by_id(records):
    """Sorted by id; errors by level and stage, as a file and a record say in their own words what is wrong."""
    return sorted(
        ({**record, "errors": [(e["level"], e["stage"]) for e in record["errors"]]} for record in records),
        key=lambda record: record["id"],
    )


def test_a_bag_of_records_comes_out_as_the_local_run_cleans_them(client, corpus_and_local_records):
    inputs, local = corpus_and_local_records
    cleaned = clean_bag(db.from_sequence(inputs, npartitions=4), Cleaner.from_config()).compute()
    assert by_id(cleaned) == by_id(local)
    assert any(record["errors"] for record in cleaned)


def test_a_dataframe_of_records_comes_out_as_the_local_run_cleans_them(client, corpus_and_local_records):
    inputs, local = corpus_and_local_records
    frame = dd.from_pandas(pd.DataFrame([{**record, "lang": "en"} for record in inputs]), npartitions=3)
    cleaned = clean_dataframe(frame).compute()
    assert list(cleaned.columns) == ["id", "source", "title", "text", "metadata", "removed", "errors", "lang"]
    assert by_id(cleaned.to_dict("records")) == by_id({**record, "lang": "en"} for record in local)


def test_a_cleaner_with_its_config_survives_pickling():
    cleaner = Cleaner.from_config({"plugins": {"captions": {"enabled": False}}})
    copy = pickle.loads(pickle.dumps(cleaner))
    record = {"id": "x", "text": "Headline\n\nBerlin: Crowds gather at the gate\n\nBody text here."}
    assert copy.clean_record(record) == cleaner.clean_record(record)
    assert "Berlin: Crowds gather at the gate" in copy.clean_record(record)["text"]
