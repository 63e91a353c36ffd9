"""The ``chainlens`` command line: a thin shell over the same functions the API uses."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from service.errors import ChainlensError, InvalidInput
from service.settings import get_settings
from service.storage.backends import open_store
from service.storage.port import GraphStore

if TYPE_CHECKING:
    from service.access import Keys
    from service.write_guard import Preview

app = typer.Typer(help="chainlens：产业链知识图谱工具", no_args_is_help=True, add_completion=False)


@contextmanager
def _store() -> Iterator[GraphStore]:
    store = open_store(get_settings())
    try:
        yield store
    finally:
        store.close()


def _fail(error: ChainlensError) -> None:
    typer.echo(f"错误：{error}", err=True)
    if isinstance(error, InvalidInput):
        for problem in error.problems:
            typer.echo(f"  - {_describe(problem)}", err=True)
    raise typer.Exit(code=2)


def _describe(problem: dict[str, object]) -> str:
    from service.ledger.read import Problem

    return str(Problem(**problem))  # type: ignore[arg-type]


PROGRESS_ROWS = 10_000  # ledgers longer than this get a progress bar


def _day(day: str | None) -> dt.date | None:
    """A ``--date`` given as YYYY-MM-DD (and no other layout), or None."""
    try:
        if day and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise ValueError(day)
        return dt.date.fromisoformat(day) if day else None
    except ValueError:
        typer.echo(f"错误：--date 应为 YYYY-MM-DD，收到 {day}", err=True)
        raise typer.Exit(code=2) from None


def _preview_or_confirm(preview: Preview, dry_run: bool, yes: bool, confirm: int | None) -> bool:
    """Show a dry run's preview (True: stop there), or make sure a write above the threshold is
    confirmed: by ``--confirm N`` naming its count, ``--yes``, or an answer at the prompt."""
    from service import write_guard

    if dry_run:
        typer.echo(json.dumps({"dry_run": True, **preview.public()}, ensure_ascii=False, indent=2))
        return True
    if not preview.needs_confirmation:
        return False
    if confirm is not None:
        write_guard.confirm(preview, confirm)  # NeedsConfirmation when the count differs
        return False
    if yes:
        return False
    what = "撤销将改动" if preview.kind == "undo" else "导入将删除"
    typer.echo(f"此次{what} {preview.count} 行：{preview.describe()}", err=True)
    typer.confirm(f"确认{what} {preview.count} 行？", abort=True)
    return False


def _import(
    path: Path,
    author: str | None,
    note: str | None,
    day: str | None,
    dry_run: bool = False,
    yes: bool = False,
    confirm: int | None = None,
) -> None:
    import getpass

    from rich.progress import Progress

    from service import history, write_guard
    from service.ledger.read import read_ledger

    at = _day(day)
    settings = get_settings()
    write_guard.check_day(at, settings.future_days)
    raw = read_ledger(path)
    with _store() as store:
        if dry_run or write_guard.deletes(raw):
            preview = write_guard.preview_import(store, raw, None, settings.confirm_rows)
            if _preview_or_confirm(preview, dry_run, yes, confirm):
                return
        with Progress(transient=True, disable=raw.row_count <= PROGRESS_ROWS) as bar:
            task = bar.add_task("读取图谱", total=None)

            def advance(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total)

            report, update = history.import_update(
                store, raw, author=author or getpass.getuser(), note=note, at=at, progress=advance
            )
    _print_report(report.as_dict(), update.public())


def _print_report(report: dict[str, Any], update: dict[str, Any]) -> None:
    """The import as tables: rows per type (created, changed with the columns, unchanged, deleted), the
    owned links that came and went, the warnings, and the update it was recorded as."""
    from rich.console import Console
    from rich.table import Table

    from service.ledger.format import REGION_SHEET, SHEETS

    titles: dict[str, str] = {}
    headers: dict[str, dict[str, str]] = {}
    link_names: dict[str, str] = {}
    for sheet in SHEETS:
        name = sheet.node.label if sheet.node is not None else sheet.rel.type if sheet.rel else sheet.key
        titles[name] = sheet.title
        headers[name] = {c.key: c.header for c in sheet.columns}
        for column in sheet.columns:
            for link in column.links:
                link_names.setdefault(link.rel.type, column.header)
    console = Console(soft_wrap=True)
    kinds = ("created", "changed", "unchanged", "deleted")
    types = sorted(
        {t for k in kinds for t in report[k]}, key=lambda t: list(titles).index(t) if t in titles else 99
    )
    table = Table(title=f"导入结果（台账{report['rows']}行）")
    for label in ("类型", "新增", "修改", "未变", "删除", "修改的列（行数）"):
        table.add_column(label, justify="right" if label in ("新增", "修改", "未变", "删除") else "left")
    for t in types:
        columns = report["columns"].get(t, {})
        changed = "、".join(f"{headers.get(t, {}).get(c, c)}({n})" for c, n in columns.items())
        table.add_row(titles.get(t, t), *(str(report[k].get(t, 0)) for k in kinds), changed)
    if not types:
        table.add_row("（无）", "0", "0", "0", "0", "")
    console.print(table)
    if report["links"]:
        links = Table(title="行所拥有的关系")
        for label in ("关系", "新增", "删除"):
            links.add_column(label, justify="left" if label == "关系" else "right")
        for t, counts in report["links"].items():
            name = f"{link_names.get(t, t)}（{t}）"
            links.add_row(name, str(counts.get("created", 0)), str(counts.get("deleted", 0)))
        console.print(links)
    for t, n in report["reference"].items():
        title = REGION_SHEET.title if t == "Region" else t
        console.print(f"参考数据「{title}」：{n}行（不计入历史）")
    if report["warnings_total"]:
        console.print(f"[yellow]提醒 {report['warnings_total']} 条（已导入，请核实）：[/yellow]")
        from service.ledger.read import Problem

        for w in report["warnings"]:
            console.print(f"  - {Problem(**w)}", markup=False)
        if report["warnings_total"] > len(report["warnings"]):
            console.print(f"  … 其余见 GET /updates/{update['id']}")
    console.print(
        f"已记为更新 {update['id']}（{update['at']}，{update['author']}）：改动 {update['changes']} 行",
        markup=False,
    )


AuthorOption = Annotated[str | None, typer.Option("--author", help="作者（默认当前系统用户）")]
NoteOption = Annotated[str | None, typer.Option("--note", help="本次更新的说明")]
DateOption = Annotated[str | None, typer.Option("--date", help="更新日期 YYYY-MM-DD（默认今天）")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="只预览将改动哪些行，不写入")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="超过阈值时不再询问，直接确认")]
ConfirmOption = Annotated[
    int | None, typer.Option("--confirm", help="超过阈值时，给出预览中的行数以确认（用于脚本）")
]


@app.command()
def seed(author: AuthorOption = None, note: NoteOption = "导入内置种子数据", date: DateOption = None) -> None:
    """把内置的绿园区四条产业链种子数据导入当前图谱（可重复执行）。"""
    from seed import dataset_path

    try:
        with dataset_path() as path:
            _import(path, author, note, date)
    except ChainlensError as e:
        _fail(e)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="CSV台账文件夹或XLSX工作簿")],
    author: AuthorOption = None,
    note: NoteOption = None,
    date: DateOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    confirm: ConfirmOption = None,
) -> None:
    """校验并导入台账：全部正确才写入，任何错误都不写入；每次导入记为一次带日期、作者和说明的更新。
    删除的行数超过阈值（CHAINLENS_CONFIRM_ROWS）时先显示将改动的行并询问。"""
    if not path.exists():
        typer.echo(f"错误：{path} 不存在", err=True)
        raise typer.Exit(code=2)
    try:
        _import(path, author, note, date, dry_run, yes, confirm)
    except ChainlensError as e:
        _fail(e)


@app.command()
def export(
    folder: Annotated[Path | None, typer.Argument(help="写出CSV台账的文件夹")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="写出为一个XLSX工作簿")] = None,
) -> None:
    """把图谱导出为台账（CSV文件夹和/或XLSX工作簿），可再次导入。"""
    from service.ledger.export import export_csv, export_xlsx
    from service.ledger.load import read_state

    if folder is None and xlsx is None:
        typer.echo("错误：请给出导出文件夹或 --xlsx 文件", err=True)
        raise typer.Exit(code=2)
    try:
        with _store() as store:
            state = read_state(store)
            if folder is not None:
                for path in export_csv(store, state, folder):
                    typer.echo(str(path))
            if xlsx is not None:
                export_xlsx(store, state, xlsx)
                typer.echo(str(xlsx))
    except ChainlensError as e:
        _fail(e)


@app.command("lists")
def lists_(
    chain: Annotated[str, typer.Argument(help="产业链编号，如 beef")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    format: Annotated[
        str, typer.Option("--format", help="xlsx（五张清单各一个工作表）或 csv（目录）")
    ] = "xlsx",
) -> None:
    """导出一条产业链的五张清单。"""
    from service import lists
    from service.render.lists import to_csv, to_xlsx

    try:
        with _store() as store:
            results = [lists.chain_list(store, chain, name) for name in lists.LISTS]
    except ChainlensError as e:
        _fail(e)
    sheets = [(r.title, [(c.key, c.header) for c in r.columns], r.rows) for r in results]
    if format == "xlsx":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(to_xlsx(sheets))
    elif format == "csv":
        output.mkdir(parents=True, exist_ok=True)
        for title, columns, rows in sheets:
            (output / f"{title}.csv").write_bytes(to_csv(columns, rows))
    else:
        typer.echo("错误：--format 只能是 xlsx 或 csv", err=True)
        raise typer.Exit(code=2)
    typer.echo(str(output))


@app.command("map")
def map_(
    chain: Annotated[str, typer.Argument(help="产业链编号，如 beef")],
    kind: Annotated[
        str,
        typer.Argument(
            help="chain 产业链图、technology 技术路线图、application 应用领域图、region 区域分布图"
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出HTML文件")],
) -> None:
    """把一张产业链图写成可离线打开的HTML文件。"""
    from service import maps

    if kind not in maps.MAPS:
        typer.echo(f"错误：图的种类只能是 {'、'.join(maps.MAPS)}", err=True)
        raise typer.Exit(code=2)
    try:
        with _store() as store:
            html = maps.MAPS[kind](store, chain)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    typer.echo(str(output))


@app.command()
def recruit(
    chain: Annotated[str, typer.Argument(help="产业链编号，如 beef")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    format: Annotated[
        str, typer.Option("--format", help="xlsx（招商目标、缺口清单、评分说明）或 json")
    ] = "xlsx",
    limit: Annotated[int, typer.Option(help="招商目标最多几家")] = 200,
    weight: Annotated[
        list[str] | None, typer.Option("--weight", help="评分权重，形如 distance:20，可重复")
    ] = None,
) -> None:
    """点对点精准招商：列出能填补本链缺口的区外企业，按得分排序，并说明每项得分。"""
    from service import recruitment
    from service.render.lists import to_xlsx

    if format not in ("xlsx", "json"):
        typer.echo("错误：--format 只能是 xlsx 或 json", err=True)
        raise typer.Exit(code=2)
    values: dict[str, str] = {}
    for item in weight or []:
        name, _, value = item.partition(":")
        values[name] = value
    try:
        weights = recruitment.parse_weights({**get_settings().recruitment_weights, **values})
        with _store() as store:
            result = recruitment.targets(store, chain, weights, limit)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    if format == "xlsx":
        output.write_bytes(to_xlsx(recruitment.sheets(result)))
    else:
        output.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(str(output))


@app.command()
def dossier(
    enterprise: Annotated[str, typer.Argument(help="区外企业编号")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出HTML文件")],
    chain: Annotated[str | None, typer.Option(help="产业链编号；不给则取得分最高的产业链")] = None,
) -> None:
    """把一家招商对象的档案写成可打印、可离线打开的HTML页面。"""
    from service import recruitment

    try:
        weights = recruitment.parse_weights(get_settings().recruitment_weights)
        with _store() as store:
            html = recruitment.dossier_page(store, enterprise, chain, weights)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    typer.echo(str(output))


@app.command("history")
def history_() -> None:
    """列出图谱的全部更新记录（日期、作者、说明、变更行数）。"""
    from service import history

    try:
        with _store() as store:
            for u in history.updates(store):
                typer.echo(json.dumps(u.public(), ensure_ascii=False))
    except ChainlensError as e:
        _fail(e)


@app.command()
def undo(
    update_id: Annotated[str, typer.Argument(help="要撤销的更新编号，如 u000003")],
    author: AuthorOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    confirm: ConfirmOption = None,
) -> None:
    """撤销一次更新：记一次新的更新，把它改过的行恢复原样。改动的行数超过阈值（CHAINLENS_CONFIRM_ROWS）时
    先显示将改动的行并询问（或用 --yes、--confirm 行数）。"""
    import getpass

    from service import history, write_guard

    try:
        with _store() as store:
            preview = write_guard.preview_undo(store, update_id, get_settings().confirm_rows)
            if _preview_or_confirm(preview, dry_run, yes, confirm):
                return
            report, update = history.undo(store, update_id, author=author or getpass.getuser())
    except ChainlensError as e:
        _fail(e)
    typer.echo(json.dumps({**report.as_dict(), "update": update.public()}, ensure_ascii=False, indent=2))


@app.command()
def redate(
    update_id: Annotated[str, typer.Argument(help="要改正日期的更新编号，如 u000007")],
    date: Annotated[str, typer.Option("--date", help="正确的日期 YYYY-MM-DD")],
    author: AuthorOption = None,
) -> None:
    """改正一次更新的日期（例如误填的未来日期使之后的更新都被拒绝）：改动的行不变，新日期须不早于上一次、
    不晚于下一次更新，也不晚于今天加允许的天数；说明中记下原日期、改正人和时间。"""
    import getpass

    from service import history

    day = _day(date)
    assert day is not None
    try:
        with _store() as store:
            update = history.redate(
                store,
                update_id,
                day,
                author=author or getpass.getuser(),
                allowance=get_settings().future_days,
            )
    except ChainlensError as e:
        _fail(e)
    typer.echo(json.dumps(update.public(), ensure_ascii=False))


@app.command()
def backup(output: Annotated[Path, typer.Argument(help="备份文件（.jsonl.gz）")]) -> None:
    """把全部历史（每次更新及其改动的行）写入一个备份文件。"""
    from service import history

    try:
        with _store() as store:
            data = history.backup(store)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    typer.echo(str(output))


@app.command()
def restore(source: Annotated[Path, typer.Argument(help="chainlens backup 写出的备份文件")]) -> None:
    """把备份恢复到空图谱：当前图谱和每一个历史状态。"""
    from service import history

    if not source.exists():
        typer.echo(f"错误：{source} 不存在", err=True)
        raise typer.Exit(code=2)
    try:
        with _store() as store:
            log = history.restore(store, source.read_bytes())
    except ChainlensError as e:
        _fail(e)
    typer.echo(f"已恢复 {len(log)} 次更新")


@app.command()
def report(
    chain: Annotated[str, typer.Argument(help="产业链编号，如 beef")],
    period: Annotated[str, typer.Option("--period", help="2026-W48、2026-11、2026-Q4、2026-H2 或 2026")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    format: Annotated[str, typer.Option("--format", help="html（可打印）或 xlsx")] = "html",
) -> None:
    """按周、月、季、半年或年写出一条产业链的报告。"""
    from service import reports
    from service.render.lists import to_xlsx
    from service.render.reports import report_html, report_sheets

    if format not in ("html", "xlsx"):
        typer.echo("错误：--format 只能是 html 或 xlsx", err=True)
        raise typer.Exit(code=2)
    try:
        with _store() as store:
            result = reports.report(store, chain, period)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    if format == "html":
        output.write_text(report_html(result), encoding="utf-8")
    else:
        output.write_bytes(to_xlsx(report_sheets(result)))
    typer.echo(str(output))


@app.command()
def assessment(
    chain: Annotated[str, typer.Argument(help="产业链编号，如 beef")],
    year: Annotated[int, typer.Option("--year", help="考核年度")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出XLSX文件")],
) -> None:
    """写出一条产业链的全年考核（八项职责的得分与证据）。"""
    from service import assessment as assess
    from service.render.lists import to_xlsx
    from service.render.reports import assessment_sheets

    try:
        with _store() as store:
            result = assess.assessment(store, chain, year)
    except ChainlensError as e:
        _fail(e)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(to_xlsx(assessment_sheets(result)))
    typer.echo(str(output))


@app.command()
def template(path: Annotated[Path, typer.Argument(help="要写出的XLSX文件")] = Path("台账模板.xlsx")) -> None:
    """写出空白台账模板（含表头和下拉选项）。"""
    from service.ledger.template import write_template

    write_template(path)
    typer.echo(str(path))


@app.command("intake")
def intake_(
    source: Annotated[Path, typer.Argument(help="企业名录：CSV（UTF-8或GBK）或XLSX")],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出台账和审核表的文件夹")],
    chain: Annotated[str | None, typer.Option("--chain", help="只建议这条产业链的环节和产品")] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="建议环节写入台账所需的最低分数")
    ] = 0.5,
) -> None:
    """读取登记系统或统计名录导出的企业名录，写出待审核的企业台账和审核表；不改动图谱，
    审核后用 chainlens import 导入台账。"""
    from service.intake import intake, read_path
    from service.intake.write import write_folder

    if not source.exists():
        typer.echo(f"错误：{source} 不存在", err=True)
        raise typer.Exit(code=2)
    try:
        with _store() as store:
            result = intake(store, read_path(source), chain, threshold=threshold)
    except ChainlensError as e:
        _fail(e)
    for path in write_folder(result, output):
        typer.echo(str(path))
    counts = "，".join(f"{k} {v}" for k, v in sorted(result.counts().items()))
    typer.echo(f"读取 {len(result.outcomes)} 行（表头在第{result.table.header_row}行）：{counts}")
    if result.unresolved:
        typer.echo(f"地址无法定位 {len(result.unresolved)} 行，见审核表「未识别地址」")
    if result.table.unknown_columns:
        typer.echo(f"未识别的列：{'、'.join(result.table.unknown_columns)}")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@contextmanager
def _keys() -> Iterator[Keys]:
    """The installation's keys: in the graph on the Neo4j backend, else in the keys file (the embedded
    store is not opened: a running service may hold it)."""
    from service.access import keys_for

    settings = get_settings()
    if settings.backend != "neo4j":
        yield keys_for(settings, None)
        return
    with _store() as store:
        yield keys_for(settings, store)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="工作进程数（仅 Neo4j 后端；嵌入式图谱只能由一个进程读写）")
    ] = 1,
) -> None:
    """启动API服务。未配置任何API密钥时只监听本机（127.0.0.1），且拒绝监听其他地址。"""
    import uvicorn

    from service.api.app import create_app

    settings = get_settings()
    if workers > 1 and settings.backend != "neo4j":
        typer.echo(
            f"错误：嵌入式图谱（{settings.embedded_path}）只能由一个进程读写，不能用 --workers {workers}；"
            "多个工作进程请用 Neo4j 后端（CHAINLENS_BACKEND=neo4j）",
            err=True,
        )
        raise typer.Exit(code=2)
    try:
        with _keys() as keys:
            where, keyed = keys.where, keys.any_active()
    except ChainlensError as e:
        _fail(e)
    if not keyed:
        if host not in LOOPBACK:
            typer.echo(
                f"错误：尚未配置API密钥（{where}），拒绝监听 {host}；请先运行 chainlens keys create 创建密钥",
                err=True,
            )
            raise typer.Exit(code=2)
        typer.echo(f"注意：未配置API密钥，服务不校验密钥，只监听本机 {host}:{port}", err=True)
    if workers > 1:  # each worker builds the app from the same environment
        uvicorn.run("service.api.app:create_app", factory=True, host=host, port=port, workers=workers)
    else:
        uvicorn.run(create_app(settings), host=host, port=port)


keys_app = typer.Typer(
    help="管理API密钥（只保存哈希值；Neo4j 后端存于图数据库，嵌入式存于密钥文件）", no_args_is_help=True
)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    owner: Annotated[str, typer.Option(help="持有人（写入每次更新的作者）")],
    role: Annotated[str, typer.Option(help="viewer 查看、editor 编辑指定产业链、admin 管理")] = "viewer",
    chain: Annotated[list[str] | None, typer.Option(help="编辑角色可编辑的产业链，可重复")] = None,
) -> None:
    """创建密钥；密钥只显示这一次。"""
    try:
        with _keys() as keys:
            key, token = keys.create(owner, role, tuple(chain or ()))
    except ChainlensError as e:
        _fail(e)
    typer.echo(json.dumps({**key.public(), "token": token}, ensure_ascii=False))


@keys_app.command("list")
def keys_list() -> None:
    """列出密钥（不含密钥本身）。"""
    try:
        with _keys() as keys:
            listed = keys.listed()
    except ChainlensError as e:
        _fail(e)
    for key in listed:
        typer.echo(json.dumps(key.public(), ensure_ascii=False))


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="密钥编号")]) -> None:
    """吊销密钥，立即生效（Neo4j 后端：所有 API 进程的下一次请求起）。"""
    try:
        with _keys() as keys:
            key = keys.revoke(key_id)
    except ChainlensError as e:
        _fail(e)
    typer.echo(json.dumps(key.public(), ensure_ascii=False))


@app.command()
def health() -> None:
    """打印当前图谱的后端与节点、关系数量。"""
    from service.catalog import graph_counts

    try:
        with _store() as store:
            counts = graph_counts(store)
            typer.echo(
                json.dumps({"backend": store.backend, "engine": store.engine, **counts}, ensure_ascii=False)
            )
    except ChainlensError as e:
        _fail(e)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
