"""Writers at once in one process, on both engines (issue 22.1): one-firm imports from several threads,
with keys created and revoked in between, each become exactly one update holding exactly its own firm
and author, numbered without a gap; no ``reconcile`` is recorded and the log replays to the graph. (Across
processes on Neo4j: tests/contract/test_scale_out.py.)"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from service import history
from service.access import GraphKeyStore
from service.ledger.read import RawLedger, read_ledger, read_upload
from service.storage.port import GraphStore
from tests.conftest import FIXTURES

WRITERS = 8
DAY = dt.date(2026, 11, 2)
HEADER = (
    "编号,名称,统一社会信用代码,所在地区代码,区内企业,企业规模,链主企业,专精特新,经营状态,行业代码,"
    "主营业务,联系人,联系电话,来源,核实日期,所属环节,主要产品,掌握技术\n"
)


def _ledger(n: int) -> RawLedger:
    row = f"y{n},同时写入{n},,110105,否,小型,否,否,在营,3130,零件,,,concurrent,2026-11-01,,,\n"
    return read_upload("enterprises.csv", (HEADER + row).encode())


def test_writers_in_threads_each_record_exactly_their_own_rows(empty_store: GraphStore) -> None:
    history.import_update(empty_store, read_ledger(FIXTURES / "mini"), author="建库", at=DAY)
    keys = GraphKeyStore(empty_store)

    def write(n: int) -> str:
        if n % 3 == 0:  # a key written between the imports keeps the graph's version: nothing to reconcile
            keys.revoke(keys.create(f"临时{n}", "viewer")[0].key_id)
        return history.import_update(empty_store, _ledger(n), author=f"作者{n}", note=str(n), at=DAY)[1].id

    with ThreadPoolExecutor(WRITERS) as pool:
        ids = list(pool.map(write, range(WRITERS)))
    log = history.updates(empty_store)
    assert sorted(ids) == [u.id for u in log[1:]] and [u.seq for u in log] == list(range(1, WRITERS + 2))
    for u in log[1:]:
        n = int(u.note or "-1")
        assert (u.author, u.kind, u.changes) == (f"作者{n}", "import", 1), u
        assert [(s, k) for s, k, _, _ in history.recorded(empty_store, u.id)] == [("enterprises", (f"y{n}",))]
    *_, (_, _, replayed) = history.each_update(empty_store)
    assert replayed == history.current_state(empty_store)
    assert history.reconcile(empty_store) is None
