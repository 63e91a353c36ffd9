"""Period reports and the yearly assessment as a printable page and as workbook sheets. No storage
imports: the data comes from service.reports and service.assessment."""

from __future__ import annotations

from typing import Any

from service.render.jinja import environment
from service.render.numbers import rounded, wan

SECTION_TITLES = {
    "firms": "企业",
    "links": "供应关系",
    "projects": "项目",
    "policies": "政策",
    "risk_register": "风险台账",
}
ACTIONS = {"added": "新增", "changed": "变更", "removed": "移除"}
UPDATE_KINDS = {"import": "导入", "undo": "撤销", "restore": "恢复", "reconcile": "补记"}
# risks the report lists under 断点与堵点 already (the register keeps them as risks too)
BREAK_RISKS = ("break", "choke")
PROGRESS_LABELS = {"stage": "阶段", "investment": "总投资（万元）", "start_date": "开工", "end_date": "竣工"}


def change_rows(changes: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for section, title in SECTION_TITLES.items():
        for action, label in ACTIONS.items():
            for c in changes[section][action]:
                fields = c.get("fields") or {}
                detail = "；".join(
                    f"{v.get('label') or k}：{v.get('before_text') or v['before'] or '—'} → "
                    f"{v.get('after_text') or v['after'] or '—'}"
                    for k, v in fields.items()
                )
                rows.append(
                    {
                        "section": title,
                        "action": label,
                        "key": "/".join(c["key"]),
                        "name": c.get("name") or "",
                        "detail": detail,
                    }
                )
    return rows


def opened_closed_rows(changes: dict[str, Any]) -> list[dict[str, Any]]:
    """Breaks and risks opened and closed, each once: a break or choke point is listed under 断点与堵点
    only, not again among the risks."""
    rows = []
    for what, title in (("breaks", "断点与堵点"), ("risks", "风险")):
        for state, label in (("opened", "新出现"), ("closed", "已消除")):
            for item in changes[what][state]:
                if what == "risks" and item.get("kind") in BREAK_RISKS:
                    continue
                rows.append(
                    {
                        "what": title,
                        "kind": item.get("kind_label") or "",
                        "state": label,
                        "id": item["id"],
                        "reason": item.get("reason") or item.get("name") or "",
                    }
                )
    return rows


def _progress(p: dict[str, Any]) -> str:
    def shown(key: str, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if key == "investment":
            try:
                return wan(float(value))
            except ValueError:
                return str(value)
        return str(value)

    return "；".join(
        f"{PROGRESS_LABELS[k]}：{shown(k, v['before'])} → {shown(k, v['after'])}"
        for k, v in p.items()
        if k in PROGRESS_LABELS
    )


def _figure(key: str, value: Any) -> str:
    if value is None:
        return "—"
    return wan(value) if key == "project_investment" else str(rounded(value))


def report_html(report: dict[str, Any]) -> str:
    return (
        environment()
        .get_template("report.html")
        .render(
            r=report,
            change_rows=change_rows(report["changes"]),
            events=opened_closed_rows(report["changes"]),
            update_kinds=UPDATE_KINDS,
            progress=_progress,
            figure=_figure,
            cell=lambda value, header: "" if value is None else rounded(value, header),
        )
    )


def report_sheets(report: dict[str, Any]) -> list[tuple[str, Any, list[dict[str, Any]]]]:
    sheets: list[tuple[str, Any, list[dict[str, Any]]]] = [
        (
            "概况",
            (
                ("label", "指标"),
                ("value", f"{report['period']}"),
                ("previous", f"{report['previous_period']}"),
                ("change", "变化"),
            ),
            [
                {k: (round(v, 1) if isinstance(v, float) else v) for k, v in f.items()}
                for f in report["figures"]
            ],
        ),
        (
            "变更",
            (
                ("section", "类别"),
                ("action", "变化"),
                ("key", "编号"),
                ("name", "名称"),
                ("detail", "变更内容"),
            ),
            change_rows(report["changes"]),
        ),
        (
            "断点与风险",
            (("what", "类别"), ("kind", "类型"), ("state", "状态"), ("reason", "说明")),
            opened_closed_rows(report["changes"]),
        ),
        (
            "项目进展",
            (("name", "项目"), ("at", "日期"), ("progress", "变化")),
            [{**p, "progress": _progress(p)} for p in report["project_progress"]],
        ),
        (
            "新出台政策",
            (
                ("name", "政策"),
                ("issuer", "发文单位"),
                ("level", "层级"),
                ("issued_on", "发布日期"),
                ("doc_number", "文号"),
            ),
            report["policies_issued"],
        ),
    ]
    for item in report["lists"].values():
        sheets.append((item["title"], [(c["key"], c["header"]) for c in item["columns"]], item["rows"]))
    return sheets


def assessment_sheets(a: dict[str, Any]) -> list[tuple[str, Any, list[dict[str, Any]]]]:
    rows = [
        {
            **i,
            "evidence": "\n".join(i["evidence"]),
            "source": i.get("source_label")
            or {"data": "数据", "evidence": "佐证"}.get(i["source"], "数据+佐证"),
        }
        for i in a["items"]
    ]
    rows.append({"label": "合计", "score": a["total"], "source": "", "evidence": f"满分{a['out_of']}"})
    return [
        (
            f"{a['year']}年度考核",
            (("label", "考核事项"), ("score", "得分（0–1）"), ("source", "依据"), ("evidence", "证据")),
            rows,
        )
    ]
