"""Recruitment over HTTP and from the CLI, on the seed data (embedded engine; the engines' answers are
compared in tests/contract)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from seed import dataset_path
from service.api.app import create_app
from service.cli import app as cli
from service.ledger.load import import_ledger
from service.ledger.read import read_ledger
from service.settings import Settings
from service.storage.backends import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rec") / "graph.lbdb"
    store = open_store(Settings(backend="embedded", embedded_path=path))
    with dataset_path() as ledger:
        import_ledger(store, read_ledger(ledger))
    store.close()
    return path


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    settings = Settings(backend="embedded", embedded_path=db, recruitment_weights={"specialised": 0})
    with TestClient(create_app(settings)) as c:
        yield c


def test_ranked_targets_with_parts_and_gaps(client: TestClient) -> None:
    body = client.get("/chains/ha/recruitment", params={"limit": 5}).json()
    assert len(body["targets"]) == 5 and body["totals"]["targets"] > 5
    assert body["weights"]["specialised"] == 0  # from the service settings
    top = body["targets"][0]
    assert top["rank"] == 1 and top["parts"]["specialised"]["points"] == 0
    assert sum(p["points"] for p in top["parts"].values()) == pytest.approx(top["score"])
    gap = next(g for g in body["gaps"] if g["gap_id"] == "segment:ha.s04")
    assert gap["candidate_count"] == 6 and gap["kinds"] == ["break"]
    assert gap["candidates"][0]["enterprise_id"] == "ent.ha.traction_cc"  # same province, both fits


def test_weights_from_the_query_override_and_bad_ones_are_refused(client: TestClient) -> None:
    body = client.get("/chains/beef/recruitment", params={"weight": ["distance:50", "gap:0"]}).json()
    assert body["weights"]["distance"] == 50 and body["weights"]["gap"] == 0
    bad = client.get("/chains/beef/recruitment", params={"weight": "size:3"})
    assert bad.status_code == 422 and "size" in bad.json()["detail"]
    assert client.get("/chains/nope/recruitment").status_code == 404


def test_ranked_targets_as_xlsx(client: TestClient) -> None:
    r = client.get("/chains/beef/recruitment", params={"format": "xlsx"})
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["招商目标", "缺口清单", "评分说明"]
    rows = list(book["招商目标"].iter_rows(values_only=True))
    assert rows[0][:3] == ("排名", "企业名称", "企业编号") and rows[1][0] == 1
    json_body = client.get("/chains/beef/recruitment").json()
    assert rows[1][2] == json_body["targets"][0]["enterprise_id"]


def test_dossier_json_and_html(client: TestClient) -> None:
    body = client.get("/recruitment/ent.auto.dianqu_sz").json()
    assert body["chain_id"] == "auto"
    assert body["what_if"]["after"]["breaks"] < body["what_if"]["before"]["breaks"]
    page = client.get("/recruitment/ent.auto.dianqu_sz", params={"format": "html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "苏州恒驱电动科技有限公司" in page.text and "http" not in page.text.lower().replace(
        "http-equiv", ""
    )
    assert client.get("/recruitment/ent.haoyue").status_code == 404
    assert client.get("/recruitment/ent.nobody").json()["code"] == "not_found"


def test_cli_recruit_writes_the_workbook(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAINLENS_EMBEDDED_PATH", str(db))
    from service.settings import get_settings

    get_settings.cache_clear()
    out = tmp_path / "招商.xlsx"
    result = CliRunner().invoke(
        cli, ["recruit", "cons", "--format", "xlsx", "-o", str(out), "--weight", "distance:30"]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    weights = {r[0]: r[1] for r in book["评分说明"].iter_rows(min_row=2, values_only=True)}
    assert weights["距离"] == 30
    page = tmp_path / "dossier.html"
    result = CliRunner().invoke(cli, ["dossier", "ent.cons.ski_cl", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "招商对象档案" in page.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["recruit", "cons", "-o", str(out), "--weight", "bogus:1"])
    assert bad.exit_code == 2 and "未知的评分项" in bad.output
    get_settings.cache_clear()
