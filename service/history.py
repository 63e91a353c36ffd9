"""The graph's history (周调度): every import is an update with a date, an author and a note, and keeps
the ledger rows it changed: a new row whole, a deleted row whole, a changed row only in the columns that
changed (before and after; ``""`` for a cell that is empty on that side), with the warnings the import
raised. Any past state is the replay of the updates up to a date;
``as_of`` materialises it once into a temporary embedded store, on which every read query runs unchanged.

Why a log and not validity intervals: the 135 read queries stay as they are and as fast on both engines,
the current graph pays nothing, and an update log is what undo, backup and restore need anyway. The cost:
the first question about a past date writes that state by COPY into a temporary store (rows the log
holds were judged when imported: ``service.ledger.bulk``; about 6 s at province scale, 34 s when it was
imported again), kept for later questions. An import reads back and diffs only the rows its ledger
lists (and, for a deleted node, the rows that named it: ``_after``); a ledger too big for that exports
the whole ledger once to diff it (a few seconds at province scale).

An update and its import commit in one transaction (``GraphStore.transaction``), which first takes the
graph's write lock: writers of every process, on one Neo4j or a cluster, queue there, and each reads the
log, numbers its update and diffs the rows it read back against the log as the writer before it left
it, so an update records exactly its own rows. Writes made outside the log (a ledger loaded before
chainlens kept history, ``import_ledger`` called directly) are recorded by the next update first, as a
``reconcile`` update by ``system``, so no change goes unrecorded."""

from __future__ import annotations

import atexit
import base64
import contextlib
import datetime as dt
import gzip
import json
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_schema.ingest_cypher import node_query, rel_query
from service.cache import collector_paused
from service.errors import Conflict, InvalidInput, NotFound
from service.ledger.bulk import load_trusted
from service.ledger.cells import unguard
from service.ledger.export import sheet_rows
from service.ledger.format import OP_KEY, SHEETS, Sheet
from service.ledger.load import (
    FOCUS_LIMIT,
    LIST_SEPARATOR,
    GraphState,
    ImportReport,
    Progress,
    deleted_ids,
    import_ledger,
    read_state,
)
from service.ledger.read import RawLedger, RawRow, RawSheet
from service.storage.port import GraphStore
from service.storage.queries import Q

Key = tuple[str, ...]
Cells = dict[str, str]  # column key -> cell text, as the ledger export writes it (no empty cells)
State = dict[tuple[str, Key], Cells]  # (sheet key, row key) -> cells
# sheet, key, before, after. As recorded (``recorded``), a changed row's before and after hold only the
# changed columns, "" marking an empty cell; as ``changes_of`` and ``each_update`` give them, whole rows.
Change = tuple[str, Key, Cells | None, Cells | None]
EMPTY = ""  # a changed column's cell on the side where it is empty

CHUNK = 512 * 1024
MAX_FUTURE_DAYS = 7  # no update is ever dated later than this many days after today (see refuse_future)
SYSTEM = "system"
KINDS = ("import", "undo", "restore", "reconcile")
_SHEETS = {s.key: s for s in SHEETS}


@dataclass(frozen=True)
class Update:
    id: str
    seq: int
    at: str
    recorded_at: str
    author: str
    note: str | None
    kind: str
    undoes: str | None
    version: str | None
    changes: int
    summary: dict[str, int]

    def public(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "version"}


def _update(row: Mapping[str, Any]) -> Update:
    return Update(
        row["id"],
        int(row["seq"]),
        str(row["at"]),
        row["recorded_at"],
        row["author"],
        row["note"] or None,
        row["kind"],
        row["undoes"] or None,
        row["version"],
        int(row["changes"] or 0),
        json.loads(row["summary"] or "{}"),
    )


def updates(store: GraphStore) -> list[Update]:
    """Every update, oldest first."""
    return [_update(r) for r in store.read(Q.LIST_UPDATES)]


def get_update(store: GraphStore, update_id: str) -> Update:
    for u in updates(store):
        if u.id == update_id:
            return u
    raise NotFound(f"更新 {update_id} 不存在")


# --- rows of the ledger as text cells -------------------------------------------------------------


def _key(sheet: Sheet, cells: Mapping[str, str]) -> Key:
    if sheet.node is not None:
        return (cells["id"],)
    assert sheet.rel is not None
    names = [c.key for c in sheet.columns[:2]] + list(sheet.rel.discriminator)
    return tuple(cells.get(n, "") for n in names)


def _type_of(sheet: Sheet) -> str:
    if sheet.node is not None:
        return sheet.node.label
    assert sheet.rel is not None
    return sheet.rel.type


def current_state(store: GraphStore, sheets: set[str] | None = None) -> State:
    """The graph as ledger rows (what `chainlens export` writes), text cells by column key: every sheet,
    or only ``sheets``."""
    chosen = [s for s in SHEETS if sheets is None or s.key in sheets]
    only = None if sheets is None else {_type_of(s) for s in chosen}
    graph = read_state(store, only)
    out: State = {}
    for sheet in chosen:
        rows = sheet_rows(store, graph, sheet)
        next(rows)  # header
        keys = [c.key for c in sheet.columns]
        for cells in rows:
            values = {k: unguard(v) for k, v in zip(keys, cells, strict=True) if v != ""}
            out[(sheet.key, _key(sheet, values))] = values
    return out


def diff(before: State, after: State, keys: Iterable[tuple[str, Key]] | None = None) -> list[Change]:
    """The rows that differ, as the log records them: new and deleted rows whole, changed rows only in
    their changed columns. With ``keys``, only those rows are compared (the others are the same)."""
    changes: list[Change] = []
    for key in sorted(set(before) | set(after) if keys is None else set(keys)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None or new is None:
            changes.append((key[0], key[1], old, new))
        else:
            changes.append((key[0], key[1], *_narrow(old, new)))
    return changes


def _narrow(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[Cells, Cells]:
    """Two versions of a row restricted to the columns that differ."""
    columns = sorted(c for c in set(old) | set(new) if old.get(c, EMPTY) != new.get(c, EMPTY))
    return {c: old.get(c, EMPTY) for c in columns}, {c: new.get(c, EMPTY) for c in columns}


def _merged(row: Mapping[str, str], cells: Mapping[str, str]) -> Cells:
    """``row`` with ``cells`` written over it (an empty cell clears the column); a new dict."""
    out = dict(row)
    for column, text in cells.items():
        if text == EMPTY:
            out.pop(column, None)
        else:
            out[column] = text
    return out


def apply(state: State, changes: Iterable[Change]) -> None:
    """Move ``state`` forward by ``changes``: a new row (no before) is set whole, a deleted row (no after)
    removed, a changed row merged. Rows are replaced, never edited in place."""
    for sheet, key, before, after in changes:
        if after is None:
            state.pop((sheet, key), None)
        elif before is None:
            state[(sheet, key)] = dict(after)
        else:
            state[(sheet, key)] = _merged(state.get((sheet, key), {}), after)


def _whole(state: State, changes: Iterable[Change]) -> list[Change]:
    """Recorded ``changes`` with whole rows, given the ``state`` just before them."""
    out: list[Change] = []
    for sheet, key, before, after in changes:
        if before is None or after is None:
            out.append((sheet, key, before, after))
        else:
            old = dict(state.get((sheet, key), {}))
            out.append((sheet, key, old, _merged(old, after)))
    return out


def as_ledger(rows: Iterable[tuple[str, Key, Cells | None]], source: str) -> RawLedger:
    """Rows (sheet, key, cells or None for a deletion) as a ledger the importer takes."""
    sheets: dict[str, RawSheet] = {}
    numbers: dict[str, int] = defaultdict(lambda: 1)
    for sheet_key, key, cells in rows:
        sheet = _SHEETS[sheet_key]
        raw = sheets.get(sheet_key)
        if raw is None:
            raw = sheets[sheet_key] = RawSheet(sheet, f"{source}:{sheet_key}", {c.key for c in sheet.columns})
        numbers[sheet_key] += 1
        if cells is None:
            names = ["id"] if sheet.node is not None else [c.key for c in sheet.columns[:2]]
            if sheet.rel is not None:
                names += list(sheet.rel.discriminator)
            values: dict[str, Any] = dict(zip(names, key, strict=True)) | {OP_KEY: "删除"}
        else:
            values = {c.key: cells.get(c.key, "") for c in sheet.columns}
        headers = {c.key: c.header for c in sheet.columns} | {OP_KEY: "操作"}
        raw.rows.append(RawRow(raw.source, numbers[sheet_key], values, headers))
    order = [s.key for s in SHEETS]
    # deletions of links before nodes, as a ledger would list them; creations in sheet order
    return RawLedger(sorted(sheets.values(), key=lambda s: order.index(s.sheet.key)))


# --- the log ----------------------------------------------------------------------------------------


LOG_FORMAT = 2  # payloads of format 1 (a bare list of whole-row changes) are still read
# gzip's level for a payload: 6, not gzip's own default 9, which took 7.1 s of CPU to pack the 600k rows
# of a province baseline against 1.6 s, for 13.4 against 14.6 MB (measured on this project's machine).
LOG_COMPRESSION = 6


def _encode(changes: list[Change], warnings: list[dict[str, Any]] | None = None) -> list[str]:
    body = {"v": LOG_FORMAT, "changes": [[s, list(k), b, a] for s, k, b, a in changes]}
    if warnings:
        body["warnings"] = warnings
    raw = json.dumps(body, ensure_ascii=False).encode()
    packed = base64.b64encode(gzip.compress(raw, compresslevel=LOG_COMPRESSION, mtime=0)).decode()
    return [packed[i : i + CHUNK] for i in range(0, len(packed), CHUNK)] or [""]


def _decode(parts: list[str]) -> tuple[list[Change], list[dict[str, Any]]]:
    """The changes (as recorded: changed rows narrowed to their changed columns) and the warnings."""
    text = "".join(parts)
    if not text:
        return [], []
    data = json.loads(gzip.decompress(base64.b64decode(text)))
    if isinstance(data, list):  # format 1: whole rows before and after
        changes: list[Change] = []
        for s, k, b, a in data:
            if b is not None and a is not None:
                b, a = _narrow(b, a)
            changes.append((s, tuple(k), b, a))
        return changes, []
    return [(s, tuple(k), b, a) for s, k, b, a in data["changes"]], list(data.get("warnings", []))


def _payload(store: GraphStore, update_id: str) -> list[str]:
    rows = store.read(Q.LIST_UPDATE_CHUNKS, {"update_id": update_id})
    return [r["payload"] for r in sorted(rows, key=lambda r: r["n"])]


def recorded(store: GraphStore, update_id: str) -> list[Change]:
    """The rows ``update_id`` changed, as the log keeps them: changed rows only in their changed
    columns. Cheap; use it when the keys or the changed columns are enough."""
    return _decode(_payload(store, update_id))[0]


def warnings_of(store: GraphStore, update_id: str) -> list[dict[str, Any]]:
    """The warnings the update's import raised (source, row, column, value, message)."""
    return _decode(_payload(store, update_id))[1]


def changes_of(store: GraphStore, update_id: str) -> list[Change]:
    """The rows ``update_id`` changed, whole before and after. Costs a replay of the log up to it (none
    for the latest update): in a loop over updates use :func:`each_update`."""
    log = updates(store)
    at = next((i for i, u in enumerate(log) if u.id == update_id), None)
    if at is None:
        raise NotFound(f"更新 {update_id} 不存在")
    changes = recorded(store, update_id)
    if at == len(log) - 1:  # the replayed state after it is cached: read the rows back from it
        after = replay(store, log=log)
        out: list[Change] = []
        for sheet, key, before, now in changes:
            if before is None or now is None:
                out.append((sheet, key, before, now))
            else:
                new = dict(after.get((sheet, key), {}))
                out.append((sheet, key, _merged(new, before), new))
        return out
    state: State = {}
    for u in log[:at]:
        apply(state, recorded(store, u.id))
    return _whole(state, changes)


def each_update(
    store: GraphStore, log: list[Update] | None = None, until: dt.date | None = None
) -> Iterator[tuple[Update, list[Change], State]]:
    """Each update up to ``until`` (all when None), oldest first, with the rows it changed (whole) and
    the state right after it, in one replay of the log. The state is valid until the next step."""
    log = updates(store) if log is None else log
    state: State = {}
    for u in log:
        if until is not None and u.at > until.isoformat():
            break
        changes = recorded(store, u.id)
        whole = _whole(state, changes)
        apply(state, changes)
        yield u, whole, state


def _summary(changes: list[Change]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for sheet, *_ in changes:
        out[sheet] += 1
    return dict(out)


def _write(
    store: GraphStore,
    entries: list[tuple[Update, list[Change], str]],
    version: str,
    warnings: Mapping[str, list[dict[str, Any]]] | None = None,
) -> None:
    """Updates (each with its rows, the graph version it left, and its warnings by update id) in one
    transaction that sets the graph version to ``version``, the one the data already has: an update
    changes no chain data, so no cached answer about the chains goes stale."""
    today = dt.date.today().isoformat()
    statements: list[tuple[str, dict[str, Any]]] = []
    for update, changes, left in entries:
        statements.append(
            (
                Q.CREATE_UPDATE,
                {
                    "id": update.id,
                    "name": update.note or update.kind,
                    "seq": update.seq,
                    "at": update.at,
                    "recorded_at": update.recorded_at,
                    "author": update.author,
                    "note": update.note or "",
                    "kind": update.kind,
                    "undoes": update.undoes or "",
                    "version": left,
                    "changes": len(changes),
                    "summary": json.dumps(_summary(changes), ensure_ascii=False),
                    "today": today,
                },
            )
        )
        for n, part in enumerate(_encode(changes, (warnings or {}).get(update.id))):
            statements.append(
                (
                    Q.CREATE_UPDATE_CHUNK,
                    {
                        "id": f"{update.id}#{n}",
                        "update_id": update.id,
                        "n": n,
                        "payload": part,
                        "today": today,
                    },
                )
            )
    statements.append((Q.SET_VERSION, {"version": version, "today": today}))
    store.write(statements)


def _version(store: GraphStore) -> str:
    rows = store.read(Q.GET_VERSION)
    return str(rows[0]["version"]) if rows else ""


class _Replay:
    """The replayed states after a few recent updates, so each update diffs against the last one
    without replaying the whole log, even when another process wrote the updates since (the rest of
    the log is applied to the latest state held). A state is keyed by its update's id and the graph
    version that update left, a random token per write, so states of different stores never mix."""

    KEEP = 4

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.states: OrderedDict[tuple[str, str], State] = OrderedDict()

    @staticmethod
    def key(update: Update) -> tuple[str, str] | None:
        return (update.id, update.version) if update.version else None

    def latest(self, log: list[Update]) -> tuple[int, State]:
        """How many updates of ``log`` a held state covers, and that state (a copy: 0 and {} when
        none is held)."""
        with self.lock:
            for i in range(len(log) - 1, -1, -1):
                key = self.key(log[i])
                if key is not None and key in self.states:
                    self.states.move_to_end(key)
                    return i + 1, dict(self.states[key])
        return 0, {}

    def keep(self, update: Update, state: State) -> None:
        key = self.key(update)
        if key is None:
            return
        with self.lock:
            self.states[key] = dict(state)
            self.states.move_to_end(key)
            while len(self.states) > self.KEEP:
                self.states.popitem(last=False)


_REPLAY = _Replay()


def replay(store: GraphStore, until: dt.date | None = None, log: list[Update] | None = None) -> State:
    """The ledger rows as they stood at the end of ``until`` (all updates when None)."""
    log = updates(store) if log is None else log
    wanted = [u for u in log if until is None or u.at <= until.isoformat()]
    if not wanted:
        return {}
    done, state = _REPLAY.latest(wanted)
    if done == len(wanted):
        return state
    with collector_paused():  # hundreds of thousands of rows, no cycles
        for u in wanted[done:]:
            apply(state, recorded(store, u.id))
    _REPLAY.keep(wanted[-1], state)
    return state


def refuse_future(day: dt.date, allowance: int = MAX_FUTURE_DAYS, today: dt.date | None = None) -> None:
    """Refuse an update date later than today plus ``allowance`` days: a date in the future would
    refuse every later update dated before it (history only moves forward)."""
    today = today or dt.date.today()
    if day > today + dt.timedelta(days=allowance):
        allowed = f"最多可晚于今天 {allowance} 天" if allowance else "不能晚于今天"
        raise InvalidInput(
            f"更新日期 {day} 晚于今天（{today}）：{allowed}（否则此后按今天记录的更新都会被拒绝）"
        )


def _next(
    log: list[Update], at: dt.date, kind: str, author: str, note: str | None, undoes: str | None
) -> Update:
    if kind != "reconcile":  # a reconcile follows the log's own last date
        refuse_future(at)
    if log and at.isoformat() < log[-1].at:
        last = log[-1]
        hint = ""
        if last.at > dt.date.today().isoformat():
            hint = (
                f"。{last.at} 晚于今天，若是误填，请管理员改正该更新的日期（POST /updates/{last.id}/redate）"
            )
        raise InvalidInput(f"更新日期 {at} 早于上一次更新 {last.id} 的日期 {last.at}；历史只能向后记录{hint}")
    seq = (log[-1].seq if log else 0) + 1
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return Update(f"u{seq:06d}", seq, at.isoformat(), now, author, note, kind, undoes, None, 0, {})


def _unrecorded(
    store: GraphStore, log: list[Update], day: dt.date
) -> tuple[Update, list[Change], State] | None:
    """What the graph holds that the log does not (a crash between an import and its update, or writes
    made before chainlens kept history), as a ``reconcile`` update dated ``day`` (never before the
    last update); None when the log is complete."""
    version = _version(store)
    if not version or (log and log[-1].version == version):  # no write yet, or nothing unrecorded
        return None
    now = current_state(store)
    changes = diff(replay(store, log=log), now)
    if not changes:
        return None
    if log:
        day = max(day, dt.date.fromisoformat(log[-1].at))
    return _next(log, day, "reconcile", SYSTEM, "补记：未随导入记录的变更", None), changes, now


def reconcile(store: GraphStore, day: dt.date | None = None) -> Update | None:
    """Record as an update whatever the graph holds that the log does not."""
    with store.transaction() as tx:
        found = _unrecorded(tx, updates(tx), day or dt.date.today())
        if found is None:
            return None
        update, changes, now = found
        version = _version(tx)
        _write(tx, [(update, changes, version)], version)
        done = get_update(tx, update.id)
    _REPLAY.keep(done, now)
    return done


Build = Callable[[GraphStore], RawLedger]  # the ledger, made from the graph inside the write


def import_update(
    store: GraphStore,
    raw: RawLedger | Build,
    *,
    author: str,
    note: str | None = None,
    at: dt.date | None = None,
    chains: set[str] | None = None,
    kind: str = "import",
    undoes: str | None = None,
    progress: Progress | None = None,
) -> tuple[ImportReport, Update]:
    """Import a ledger as one update of the history: the import and its record commit in one
    transaction, which first takes the graph's write lock, so writers of every process queue and each
    numbers its update and diffs its rows against the log as the writer before it left it. ``raw`` may
    be a function of the store inside that transaction that makes the ledger (an undo, a register
    entry: they are judged against the graph as the lock finds it)."""
    day = at or dt.date.today()
    with store.transaction() as tx:
        log = updates(tx)
        pending = _unrecorded(tx, log, day)  # recorded with this update, in its transaction
        if pending is not None:
            log = [*log, pending[0]]
            before, left = pending[2], _version(tx)
        else:
            before, left = replay(tx, log=log), ""
        update = _next(log, day, kind, author, note, undoes)
        ledger = raw if isinstance(raw, RawLedger) else raw(tx)
        report = import_ledger(tx, ledger, progress, chains)  # raises, writing nothing, on bad input
        after, keys = _after(tx, ledger, before, report.listed)
        changes = diff(before, after, keys)
        report.count(changes)  # the report says what the log records, type by type
        version = _version(tx)
        entries = [] if pending is None else [(pending[0], pending[1], left)]
        warnings = {update.id: [w.as_dict() for w in report.warnings]}
        _write(tx, [*entries, (update, changes, version)], version, warnings)
        done = get_update(tx, update.id)
    _REPLAY.keep(done, after)  # only once committed
    return report, done


def update_detail(store: GraphStore, update_id: str) -> dict[str, Any]:
    """One update: its record, what it did per type (created, changed with the columns, deleted, and the
    owned links that came and went), and the warnings its import raised."""
    update = get_update(store, update_id)
    changes, warnings = _decode(_payload(store, update_id))
    tally = ImportReport(rows=0)
    tally.count(changes)
    done = tally.as_dict()
    counts = {k: done[k] for k in ("created", "changed", "deleted", "columns", "links")}
    return {**update.public(), **counts, "warnings": warnings, "warnings_total": len(warnings)}


def _after(
    store: GraphStore, raw: RawLedger, before: State, listed: Mapping[str, set[Key]]
) -> tuple[State, set[tuple[str, Key]] | None]:
    """The ledger rows after importing ``raw`` into a graph that held ``before``, and the keys of the
    rows that may differ (None: any). An import changes the rows it lists (``listed``, by sheet; a
    node's list columns belong to its own row, a deleted link row is its own row) and, where it
    deletes a node, the link rows with that node as an end and the rows whose link cells name it
    (their links to it go with it): a small import reads back only those rows; a big one without
    deletions the sheets it lists, a big one with deletions everything."""
    if not raw.sheets:
        return current_state(store), None
    gone = deleted_ids(raw)
    changing = {sheet: set(keys) for sheet, keys in listed.items()}
    if gone:
        for sheet, named in _naming(before, gone).items():
            changing.setdefault(sheet, set()).update(named)
    keys = {(sheet, key) for sheet, sheet_keys in changing.items() for key in sheet_keys}
    if len(keys) > FOCUS_LIMIT:
        if gone:
            return current_state(store), None
        sheets = {sheet.sheet.key for sheet in raw.sheets} & set(_SHEETS)
        after = {k: v for k, v in before.items() if k[0] not in sheets}
        after.update(current_state(store, sheets))
        return after, None
    after = dict(before)
    for key in keys:
        after.pop(key, None)
    now = _rows(store, changing)
    after.update({key: cells for key, cells in now.items() if key in keys})
    return after, keys


# per node sheet, the columns whose cells name other nodes through links
_LINK_CELLS = {s.key: [c.key for c in s.columns if c.links] for s in SHEETS if s.node is not None}


def _naming(state: State, gone: set[str]) -> dict[str, set[Key]]:
    """The rows of ``state`` that name one of the nodes ``gone``: link rows with one of them as an end,
    node rows with one of them in a link cell."""
    out: dict[str, set[Key]] = defaultdict(set)
    for (sheet, key), cells in state.items():
        columns = _LINK_CELLS.get(sheet)
        if columns is None:
            if key[0] in gone or key[1] in gone:
                out[sheet].add(key)
            continue
        for column in columns:
            text = cells.get(column)
            if text and not gone.isdisjoint(text.split(LIST_SEPARATOR)):
                out[sheet].add(key)
                break
    return out


def _rows(store: GraphStore, listed: Mapping[str, set[Key]]) -> State:
    """The graph's rows of the ``listed`` keys, by sheet, as :func:`current_state` gives them (and
    the other links of the listed links' sources)."""
    out: State = {}
    for sheet_key, keys in listed.items():
        sheet = _SHEETS[sheet_key]
        ids = sorted({key[0] for key in keys})
        graph = GraphState()
        if sheet.node is not None:
            label = sheet.node.label
            graph.nodes[label] = {r["id"]: r for r in store.read(node_query("find", label), {"ids": ids})}
        else:
            rel = sheet.rel
            assert rel is not None
            keyed: dict[tuple[Any, ...], dict[str, Any]] = {}
            for pair in rel.endpoints:
                for r in store.read(rel_query("find_from", rel.type, pair), {"ids": ids}):
                    keyed[(r["from_id"], r["to_id"], *(r[d] for d in rel.discriminator))] = r
            graph.rels[rel.type] = keyed
        rows = sheet_rows(store, graph, sheet, focused=True)
        next(rows)  # header
        columns = [c.key for c in sheet.columns]
        for cells in rows:
            values = {k: unguard(v) for k, v in zip(columns, cells, strict=True) if v != ""}
            out[(sheet_key, _key(sheet, values))] = values
    return out


def undo_rows(store: GraphStore, update_id: str) -> tuple[Update, list[Change]]:
    """The update to undo and the rows it changed (an undo puts back each row's ``before``). Refused
    (409) when a later update changed the same rows since: undo those first."""
    target = get_update(store, update_id)
    changes = changes_of(store, update_id)
    now = replay(store)
    conflicts = [f"{s}:{'/'.join(k)}" for s, k, _, after in changes if now.get((s, k)) != after]
    if conflicts:
        raise Conflict(
            f"更新 {update_id} 之后这些行又被修改过，请先撤销之后的更新：{'、'.join(conflicts[:20])}"
        )
    return target, changes


def undo(
    store: GraphStore,
    update_id: str,
    *,
    author: str,
    note: str | None = None,
    chains: set[str] | None = None,
) -> tuple[ImportReport, Update]:
    """A new update that puts back what ``update_id`` changed. Refused (409) when a later update changed
    the same rows since: undo those first. With ``chains`` (an editor's key) the undo's rows are judged
    like an import's: each must belong to those chains now and after, or Forbidden names it."""
    target = get_update(store, update_id)

    def rows(tx: GraphStore) -> RawLedger:  # judged under the write lock: no update slips in between
        _, changes = undo_rows(tx, update_id)
        return as_ledger([(s, k, before) for s, k, before, _ in changes], f"undo-{update_id}")

    return import_update(
        store,
        rows,
        author=author,
        note=note or f"撤销更新 {update_id}（{target.note or target.kind}）",
        kind="undo",
        undoes=update_id,
        chains=chains,
    )


def redate(
    store: GraphStore, update_id: str, day: dt.date, *, author: str, allowance: int = MAX_FUTURE_DAYS
) -> Update:
    """Give a recorded update another date: an admin's remedy for a wrong one (a date in the future
    refuses every update dated before it). The rows it changed stay as they are. The new date keeps the
    log in order (not before the previous update's date, not after the next one's) and is not later
    than today plus ``allowance``; the update's note keeps the old date and who changed it."""
    refuse_future(day, allowance)
    with store.transaction() as tx:
        log = updates(tx)
        index = next((i for i, u in enumerate(log) if u.id == update_id), None)
        if index is None:
            raise NotFound(f"更新 {update_id} 不存在")
        target, at = log[index], day.isoformat()
        if index > 0 and at < log[index - 1].at:
            previous = log[index - 1]
            raise InvalidInput(
                f"新日期 {at} 早于上一次更新 {previous.id} 的日期 {previous.at}；历史只能向后记录"
            )
        if index + 1 < len(log) and at > log[index + 1].at:
            following = log[index + 1]
            raise InvalidInput(
                f"新日期 {at} 晚于下一次更新 {following.id} 的日期 {following.at}；请先改正那一次更新的日期"
            )
        if at == target.at:
            return target
        note = f"{target.note or target.kind}（原日期 {target.at}，由 {author} 改为 {at}）"
        # The answers cached for the graph depend on the dates (as_of, changes, reports, assessment):
        # the graph takes a new version, and the last update with it when the log was complete.
        version, last = uuid.uuid4().hex, log[-1]
        complete = last.version == _version(tx)
        left = {u.id: (version if complete and u.id == last.id else u.version or "") for u in (target, last)}
        statements: list[tuple[str, dict[str, Any]]] = [
            (Q.REDATE_UPDATE, {"id": target.id, "at": at, "note": note, "version": left[target.id]})
        ]
        if last.id != target.id and complete:
            statements.append(
                (Q.REDATE_UPDATE, {"id": last.id, "at": last.at, "note": last.note or "", "version": version})
            )
        statements.append((Q.SET_VERSION, {"version": version, "today": dt.date.today().isoformat()}))
        tx.write(statements)
        return get_update(tx, update_id)


# --- past states --------------------------------------------------------------------------------------


def _scratch_store(prefix: str) -> tuple[GraphStore, Path]:
    """A new embedded store with the schema applied, in a temporary folder of its own."""
    from service.storage.ladybug_store import LadybugStore

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    scratch = LadybugStore(folder / "graph.lbdb")
    scratch.apply_schema()
    return scratch, folder


def _discard(scratch: GraphStore, folder: Path) -> None:
    scratch.close()
    shutil.rmtree(folder, ignore_errors=True)


class _PastStores:
    """Materialised past states, a few at a time, each a temporary embedded store."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self.lock = threading.Lock()
        self.stores: OrderedDict[tuple[int, str], tuple[GraphStore, Path]] = OrderedDict()
        self.building: dict[tuple[int, str], threading.Lock] = defaultdict(threading.Lock)

    def get(self, store: GraphStore, key: str, build: Callable[[], tuple[GraphStore, Path]]) -> GraphStore:
        full = (id(store), key)
        with self.building[full]:
            with self.lock:
                if full in self.stores:
                    self.stores.move_to_end(full)
                    return self.stores[full][0]
            past, folder = build()
            with self.lock:
                self.stores[full] = (past, folder)
                while len(self.stores) > self.keep:
                    _discard(*self.stores.popitem(last=False)[1])
            return past

    def close(self) -> None:
        with self.lock:
            while self.stores:
                _discard(*self.stores.popitem()[1])


_PAST = _PastStores()
atexit.register(_PAST.close)  # the temporary stores go with the process


class _FrozenStates:
    """Past states written once, by COPY, into an embedded store that is then closed: every ``as_of``
    store and every ``walk`` starting from that state opens a copy of its file (a file copy instead of
    a second build). Keyed by the store and by the last update the state includes with the graph version
    that update left (a random token per write, so states of different graphs never mix, even when a
    store is emptied and its update ids start again); a few at a time."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self.lock = threading.Lock()
        self.folders: OrderedDict[tuple[int, str], Path] = OrderedDict()
        self.building: dict[tuple[int, str], threading.Lock] = defaultdict(threading.Lock)

    def _copy(self, full: tuple[int, str], into: Path) -> bool:
        """Copy the frozen state ``full`` into ``into``, under the lock that guards its eviction; whether
        it was there."""
        with self.lock:
            frozen = self.folders.get(full)
            if frozen is None:
                return False
            shutil.copyfile(frozen / "graph.lbdb", into / "graph.lbdb")
            self.folders.move_to_end(full)
            return True

    def _freeze(self, full: tuple[int, str], state: Callable[[], State]) -> None:
        scratch, frozen = _scratch_store("chainlens-state-")
        try:
            rows = state()
            if rows:  # rows the log holds were judged when they were imported: written as they are
                load_trusted(scratch, ((s, c) for (s, _), c in rows.items()))
        except BaseException:
            _discard(scratch, frozen)  # no half-written state is kept or left on disk
            raise
        scratch.close()
        with self.lock:
            self.folders[full] = frozen
            self.folders.move_to_end(full)
            while len(self.folders) > self.keep:
                shutil.rmtree(self.folders.popitem(last=False)[1], ignore_errors=True)

    def open_copy(
        self, store: GraphStore, last: Update, state: Callable[[], State], prefix: str
    ) -> tuple[GraphStore, Path]:
        """A new embedded store, in a temporary folder of its own, holding the state after update
        ``last`` (``state`` gives it when it is not frozen yet)."""
        from service.storage.ladybug_store import LadybugStore

        full = (id(store), f"{last.id}@{last.version or ''}")
        folder = Path(tempfile.mkdtemp(prefix=prefix))
        try:
            with self.building[full]:
                if not self._copy(full, folder):
                    self._freeze(full, state)
                    if not self._copy(full, folder):  # evicted at once: keep is 0
                        raise RuntimeError("past state evicted before it was copied")
            return LadybugStore(folder / "graph.lbdb"), folder
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def close(self) -> None:
        with self.lock:
            while self.folders:
                shutil.rmtree(self.folders.popitem()[1], ignore_errors=True)


_FROZEN = _FrozenStates()
atexit.register(_FROZEN.close)


def as_of(store: GraphStore, day: dt.date) -> GraphStore:
    """The graph as it stood at the end of ``day``: the store itself when nothing changed since, else a
    temporary embedded store holding the replayed state (kept for later questions about that day)."""
    log = updates(store)
    if not any(u.at > day.isoformat() for u in log):
        return store
    wanted = [u for u in log if u.at <= day.isoformat()]
    key = f"{day.isoformat()}@{f'{wanted[-1].id}@{wanted[-1].version}' if wanted else 'empty'}"

    def build() -> tuple[GraphStore, Path]:
        if not wanted:
            return _scratch_store("chainlens-asof-")
        return _FROZEN.open_copy(store, wanted[-1], lambda: replay(store, day, log), "chainlens-asof-")

    return _PAST.get(store, key, build)


@contextlib.contextmanager
def walk(store: GraphStore, days: list[dt.date]) -> Iterator[Iterator[tuple[dt.date, GraphStore]]]:
    """The graph as it stood at the end of each of ``days`` (ascending), in one private temporary store:
    the first day's state written by COPY (or copied, when ``as_of`` or another walk wrote it before),
    then moved forward from day to day by importing only what changed in between: far cheaper than an
    ``as_of`` store per day when the days are many and the updates small. Each yielded store is valid
    until the next step; the temporary store goes when the block ends."""
    log = updates(store)
    first = [u for u in log if days and u.at <= days[0].isoformat()]
    logged: State = replay(store, days[0], log) if first else {}  # the log replayed up to the day
    if first:
        scratch, folder = _FROZEN.open_copy(store, first[-1], lambda: logged, "chainlens-walk-")
    else:
        scratch, folder = _scratch_store("chainlens-walk-")

    def steps() -> Iterator[tuple[dt.date, GraphStore]]:
        held = dict(logged)  # what the scratch store holds (rows are shared with ``logged``, never edited)
        done = len(first)  # updates of the log applied so far
        for n, day in enumerate(days):
            touched: set[tuple[str, Key]] = set()
            with collector_paused():
                while done < len(log) and log[done].at <= day.isoformat():
                    changes = recorded(store, log[done].id)
                    apply(logged, changes)
                    touched.update((s, k) for s, k, _, _ in changes)
                    done += 1
            moved = sorted(r for r in touched if held.get(r) != logged.get(r))
            if moved:
                assert n > 0  # the first day's state is written whole
                rows = [(s, k, logged.get((s, k))) for s, k in moved]
                import_ledger(scratch, as_ledger(rows, f"walk-{day}"))
                for r in moved:
                    if r in logged:
                        held[r] = logged[r]
                    else:
                        held.pop(r, None)
            yield day, scratch

    try:
        yield steps()
    finally:
        _discard(scratch, folder)


# --- backup and restore ---------------------------------------------------------------------------------

BACKUP_FORMAT = "chainlens-history/2"
# format 1 held whole rows for every changed row; format 2 holds the payloads as the log does (changed
# rows only in their changed columns, and the warnings); both are restored
BACKUP_FORMATS = ("chainlens-history/1", BACKUP_FORMAT)


def backup(store: GraphStore) -> bytes:
    """The whole history (every update with the rows it changed and its warnings), gzipped JSON lines:
    enough to rebuild the graph and every past state of it."""
    reconcile(store)
    lines = [json.dumps({"format": BACKUP_FORMAT}, ensure_ascii=False)]
    for u in updates(store):  # the log only grows: a later update is simply not in this backup
        parts = _payload(store, u.id)
        lines.append(json.dumps({"update": u.public(), "payload": "".join(parts)}, ensure_ascii=False))
    return gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)


def restore(store: GraphStore, data: bytes) -> list[Update]:
    """Rebuild an empty store from a backup: the current graph, and the log that gives every past state."""
    try:
        lines = gzip.decompress(data).decode().splitlines()
        header = json.loads(lines[0])
        records = [json.loads(line) for line in lines[1:] if line.strip()]
    except (OSError, ValueError, IndexError) as e:
        raise InvalidInput(f"不是 chainlens 备份文件：{e}") from None
    if header.get("format") not in BACKUP_FORMATS:
        raise InvalidInput(f"备份格式 {header.get('format')!r} 不受支持（应为 {BACKUP_FORMAT}）")
    with store.transaction() as tx:
        if updates(tx) or current_state(tx):
            raise Conflict("只能恢复到空图谱：当前图谱已有数据或更新记录")
        log: list[tuple[Update, list[Change]]] = []
        warnings: dict[str, list[dict[str, Any]]] = {}
        state: State = {}
        for r in records:
            u = r["update"]
            update = Update(
                u["id"],
                u["seq"],
                u["at"],
                u["recorded_at"],
                u["author"],
                u.get("note"),
                u["kind"],
                u.get("undoes"),
                None,
                u["changes"],
                u["summary"],
            )
            changes, warnings[update.id] = _decode([r["payload"]])
            apply(state, changes)
            log.append((update, changes))
        if state:
            import_ledger(tx, as_ledger(((s, k, c) for (s, k), c in sorted(state.items())), "restore"))
        version = _version(tx)
        _write(tx, [(update, changes, version) for update, changes in log], version, warnings)
        restored = updates(tx)
    if restored:
        _REPLAY.keep(restored[-1], state)
    return restored
