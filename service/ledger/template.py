"""An empty ledger workbook: a sheet of instructions, then every sheet with its headers and drop-downs for
the closed sets."""

from __future__ import annotations

from pathlib import Path

from graph_schema import PropertyType
from service.ledger.format import OP_HEADER, SHEETS, Column, Sheet

_ROWS = 5000  # drop-downs cover this many data rows
INSTRUCTIONS_TITLE = "说明"  # the reader skips a sheet of this name
UNKNOWN_LABEL = "未知"
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

RULES = (
    "每张表一种台账；第一行是表头（中文列名或英文列名均可），列的顺序不限，不用的列可以整列删去。",
    "新建：编号（供应关系为供应企业编号、采购企业编号、供应产品；技术路线为起止技术编号）在图谱中还没有的行"
    "是新建，必须带齐所有必填列（表头批注注明「新建时必填」），缺少时报告行号和列名，整批不导入。",
    "修改：编号已在图谱中的行只修改表中带有的列；表中没有的列保持原值。只需报送有变化的内容，"
    "例如只有「编号,主营业务」两列的企业表只改主营业务。",
    "空白单元格：表中有这一列而单元格留空，表示清空该值（可选列）或清空该列列出的关系（如所属环节、主要产品）；"
    "必填列不能清空，已有行的必填列留空表示保持原值。",
    "列表列（所属环节、主要产品等）填多个编号时用分号分隔；带了这一列就以所填为准，替换原有的关系。",
    "删除：在「操作」列填「删除」，该行只需带编号（供应关系带三个编号）。",
    "未知：可选列留空表示未登记或未知。",
    "提醒：不阻止导入、但值得核实的行（如企业不属于任何环节，供应企业的主要产品中没有所供应的产品）"
    "照常导入，并在导入结果中列出文件、行、列和原因。",
    "全部正确才写入；任何错误都不写入，并一次列出所有错误的位置。",
)


def _unknown_columns() -> list[str]:
    """Headers of the columns whose closed set has an explicit 未知 value."""
    seen: dict[str, None] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.unknown or any(c.label == UNKNOWN_LABEL for c in column.choices):
                seen.setdefault(column.header, None)
    return list(seen)


def instructions() -> list[str]:
    """The rules the instructions sheet states, one per line."""
    lines = list(RULES)
    unknown = _unknown_columns()
    if unknown:
        lines.append(f"以下列可填「{UNKNOWN_LABEL}」，表示已核实但不清楚：{'、'.join(unknown)}。")
    return lines


def _note(sheet: Sheet, column: Column) -> str:
    note = f"英文列名：{column.key}"
    if column.required:
        note += "；新建时必填（修改已有行时可省略此列）"
    if column.is_list:
        note += "；多个编号用分号分隔"
    if column.unknown:
        note += f"；不详时填「{UNKNOWN_LABEL}」或留空，按未知处理"
    if (sheet.key, column.key) in _NOTES:
        note += "；" + _NOTES[(sheet.key, column.key)]
    return note


def write_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    guide = book.create_sheet(INSTRUCTIONS_TITLE)
    guide.cell(row=1, column=1, value="台账填写说明").font = Font(bold=True)
    for r, line in enumerate(instructions(), start=2):
        guide.cell(row=r, column=1, value=f"{r - 1}. {line}").alignment = Alignment(wrap_text=True)
    guide.column_dimensions["A"].width = 120
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        headers = [*sheet.headers, OP_HEADER]
        for c, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=c, value=header)
            cell.font = Font(bold=True)
            ws.column_dimensions[cell.column_letter].width = max(10, 2 * len(header) + 4)
            column = sheet.column(header)
            if column is not None:
                cell.comment = Comment(_note(sheet, column), "chainlens")
            choices: list[str] = []
            if column is not None and column.choices:
                choices = [c.label for c in column.choices]
            elif column is not None and column.type is PropertyType.BOOL:
                choices = ["是", "否"]
            if choices and column is not None and column.unknown:
                choices.append(UNKNOWN_LABEL)
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
