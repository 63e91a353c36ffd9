"""POST /intake and POST /chains/{id}/intake over HTTP: a zip with the ledger and the review workbook (or
either alone), nothing written, the upload limit, and a clear error for a list without a header."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from service.api.app import create_app
from service.cli import app as cli
from service.intake.write import LEDGER_NAME, REVIEW_NAME
from service.ledger.load import read_state
from service.settings import Settings
from service.storage.port import GraphStore
from tests.conftest import FIXTURES

FIRM_LIST = (
    "企业名录\n"
    "企业名称,统一社会信用代码,登记状态,所属行业,注册地址,经营范围\n"
    "新零部件有限公司,,存续,3670,吉林省长春市绿园区西新镇1号,汽车零部件加工\n"
    "长春绿园部件公司,,在业,3670,长春市绿园区,零部件\n"
    "某软件有限公司,,存续,6513,长春市绿园区青年路街道1号,软件开发\n"
)


def test_intake_answers_a_zip_and_writes_nothing(mini_store: GraphStore) -> None:
    before = read_state(mini_store)
    with TestClient(create_app(Settings(), store=mini_store)) as client:
        files = [("file", ("名录.csv", FIRM_LIST.encode("gbk"), "text/csv"))]
        response = client.post("/intake", files=files)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert sorted(archive.namelist()) == sorted([LEDGER_NAME, REVIEW_NAME])
        ledger = load_workbook(io.BytesIO(archive.read(LEDGER_NAME)))
        rows = list(ledger["企业"].iter_rows(values_only=True))
        names = {r[1] for r in rows[1:]}
        assert names == {"新零部件有限公司", "绿园部件公司"}  # the existing firm keeps the graph's name
        review = load_workbook(io.BytesIO(archive.read(REVIEW_NAME)))
        assert review.sheetnames == ["逐行审核", "待分配", "未识别地址", "未识别的列", "说明"]
        waiting = list(review["待分配"].iter_rows(values_only=True))
        assert [r[1] for r in waiting[1:]] == ["某软件有限公司"]

        only = client.post("/chains/c1/intake?format=ledger", files=files)
        assert only.status_code == 200
        assert only.headers["content-type"].startswith("application/vnd.openxmlformats")
        assert load_workbook(io.BytesIO(only.content)).sheetnames == ["企业"]
        assert client.post("/chains/nope/intake", files=files).status_code == 404
    assert read_state(mini_store) == before


def test_intake_errors_are_clear(mini_store: GraphStore) -> None:
    settings = Settings(max_upload_bytes=2000)
    with TestClient(create_app(settings, store=mini_store)) as client:
        bad = client.post("/intake", files=[("file", ("名录.csv", "甲,乙\n1,2\n".encode(), "text/csv"))])
        assert bad.status_code == 422 and "找不到表头" in bad.text
        wrong = client.post("/intake", files=[("file", ("名录.pdf", b"%PDF", "application/pdf"))])
        assert wrong.status_code == 422 and "只接受CSV或XLSX" in wrong.text
        big = client.post("/intake", files=[("file", ("名录.csv", b"x" * 3000, "text/csv"))])
        assert big.status_code == 413


def test_cli_intake_then_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.settings import get_settings

    monkeypatch.setenv("CHAINLENS_BACKEND", "embedded")
    monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(tmp_path / "graph.lbdb"))
    get_settings.cache_clear()
    try:
        _cli_round(tmp_path)
    finally:
        get_settings.cache_clear()


def _cli_round(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(FIXTURES / "mini"), "--yes"]).exit_code == 0
    source = tmp_path / "名录.csv"
    source.write_bytes(FIRM_LIST.encode("gbk"))
    out = tmp_path / "out"
    done = runner.invoke(cli, ["intake", str(source), "-o", str(out), "--chain", "c1"])
    assert done.exit_code == 0, done.output
    assert "读取 3 行（表头在第2行）：台账：新建 1，台账：更新 1，待分配 1" in done.output
    imported = runner.invoke(cli, ["import", str(out / LEDGER_NAME), "--yes"])
    assert imported.exit_code == 0, imported.output
    assert "改动 1 行" in imported.output  # the new firm; the existing one is unchanged
    missing = runner.invoke(cli, ["intake", str(tmp_path / "无.csv"), "-o", str(out)])
    assert missing.exit_code == 2
    unknown = runner.invoke(cli, ["intake", str(source), "-o", str(out), "--chain", "nope"])
    assert unknown.exit_code == 2 and "nope" in unknown.output
