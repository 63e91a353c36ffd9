"""An empty ledger workbook: every sheet with its headers and drop-downs for the closed sets."""

from __future__ import annotations

from pathlib import Path

from graph_schema import PropertyType
from service.ledger.format import OP_HEADER, SHEETS

_ROWS = 5000  # drop-downs cover this many data rows
UNKNOWN = "未知"
# What a column's note adds beyond its key, where the header alone does not say what to write.
_NOTES = {
    ("enterprises", "region_code"): "填已知的最细一级地区代码：省2位、市4位、县6位或乡镇9位",
    ("enterprises", "in_district"): "须填是或否：地区代码只到市或省时无法推断",
    ("enterprises", "products"): "各产品的营收占比与是否主营填在「企业产品」表",
    ("products", "parent_id"): "所属的产品大类（另一产品的编号），不得形成循环",
    ("enterprise_products", "revenue_share"): "该产品占企业营收的比例，0–1 或百分数",
    ("enterprise_products", "product_id"): (
        "须是该企业「主要产品」中的产品；本表未列的产品营收占比与是否主营未知；操作填删除即清除这两项记录"
    ),
}


def write_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        headers = [*sheet.headers, OP_HEADER]
        for c, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=c, value=header)
            cell.font = Font(bold=True)
            ws.column_dimensions[cell.column_letter].width = max(10, 2 * len(header) + 4)
            column = sheet.column(header)
            if column is not None:
                note = f"英文列名：{column.key}" + ("；必填" if column.required else "")
                if column.is_list:
                    note += "；多个编号用分号分隔"
                if column.unknown:
                    note += f"；不详时填「{UNKNOWN}」或留空，按未知处理"
                if (sheet.key, column.key) in _NOTES:
                    note += "；" + _NOTES[(sheet.key, column.key)]
                cell.comment = Comment(note, "chainlens")
            choices: list[str] = []
            if column is not None and column.choices:
                choices = [c.label for c in column.choices]
            elif column is not None and column.type is PropertyType.BOOL:
                choices = ["是", "否"]
            if choices and column is not None and column.unknown:
                choices.append(UNKNOWN)
            elif header == OP_HEADER:
                choices = ["删除"]
            if choices:
                letter = cell.column_letter
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
                dv.error = "请从下拉列表中选择"
                dv.add(f"{letter}2:{letter}{_ROWS + 1}")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
