"""Tables in and out: the Xuhui workbook read, plans written as workbooks and CSV files
and read back unchanged, and the files read by openpyxl, pandas and polars."""

from __future__ import annotations

import io
import pathlib

import openpyxl  # type: ignore[import-untyped]
import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pytest

import mubiao
from conftest import DATA


def test_the_xuhui_workbook_is_the_xuhui_plan(xuhui: mubiao.Plan) -> None:
    plan = mubiao.Plan.from_excel(DATA / "xuhui-2017.xlsx")
    assert plan.to_json() == xuhui.to_json()
    # Bytes work as well as a path, and the report says how every target cell was read.
    read, report = mubiao.read_excel((DATA / "xuhui-2017.xlsx").read_bytes())
    assert read.to_json() == xuhui.to_json()
    assert report["sheet"] == "目标表"
    first = report["targets"][0]
    assert first["cell"].startswith("目标表!")
    assert first["milestone"] == "kw-01-1-m1"
    assert first["reading"] == {
        "deliverable": {"description": "两个专项政策草案完成", "number_without_unit": False}
    } or "deliverable" in str(first["reading"])


def test_read_picks_the_reader_by_the_file(xuhui: mubiao.Plan, tmp_path: pathlib.Path) -> None:
    assert mubiao.Plan.read(DATA / "xuhui-2017.json").to_json() == xuhui.to_json()
    assert mubiao.Plan.read(str(DATA / "xuhui-2017.xlsx")).to_json() == xuhui.to_json()
    xuhui.to_csv(tmp_path / "csv")
    assert mubiao.Plan.read(tmp_path / "csv").to_json() == xuhui.to_json()
    assert mubiao.Plan.read(tmp_path / "csv" / "units.csv").to_json() == xuhui.to_json()


@pytest.mark.parametrize("layout", ["office", "long"])
def test_a_plan_written_as_a_workbook_reads_back_unchanged(
    year_end: mubiao.Plan, tmp_path: pathlib.Path, layout: str
) -> None:
    path = tmp_path / f"{layout}.xlsx"
    assert year_end.to_excel(path, layout=layout) is None
    assert mubiao.Plan.from_excel(path).to_json() == year_end.to_json()
    data = year_end.to_excel(layout=layout)
    assert isinstance(data, bytes) and data == path.read_bytes()


def test_the_office_workbook_opens_in_openpyxl_as_offices_expect(
    xuhui: mubiao.Plan, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "plan.xlsx"
    xuhui.to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:4] == ["目标表", "单位", "人员", "计划项"]
    sheet = book["目标表"]
    assert sheet["A1"].value == "徐汇区2017年政府工作目标"
    headers = [c.value for c in sheet[3]]
    assert headers[:4] == ["重点工作编号", "重点工作", "类别", "层级"]
    assert "牵头单位" in headers and "1月" in headers and "12月" in headers
    # The header stays in view, and the kinds of work come from a dropdown.
    assert sheet.freeze_panes == "A4"
    kinds = headers.index("类别")
    letter = openpyxl.utils.get_column_letter(kinds + 1)
    assert any(letter in str(v.sqref) for v in sheet.data_validations.dataValidation)
    # One row per sub-project below the three title and header rows.
    assert sheet.max_row == 3 + sum(
        len(t["sub_projects"]) for t in xuhui.to_dict()["key_tasks"]
    )
    assert book["下拉选项"].sheet_state == "hidden"


def test_the_long_layout_goes_into_pandas_and_polars(
    xuhui: mubiao.Plan, tmp_path: pathlib.Path
) -> None:
    written = xuhui.to_csv(tmp_path)
    names = sorted(pathlib.Path(p).name for p in written)
    assert "milestones.csv" in names and "units.csv" in names
    milestones = pd.read_csv(tmp_path / "milestones.csv")
    assert len(milestones) == xuhui.milestone_count
    assert list(milestones.columns[:4]) == ["id", "sub_project", "title", "due"]
    units = pl.read_csv(tmp_path / "units.csv")
    assert units.height == len(xuhui.to_dict()["units"])
    data = xuhui.to_excel(layout="long")
    assert data is not None
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert len(sheets["milestones"]) == xuhui.milestone_count
    assert len(sheets["key_tasks"]) == 111
    # Changed in pandas and written back, the plan reads with the change.
    plan_row = pd.read_csv(tmp_path / "plan.csv")
    plan_row.loc[0, "name"] = "徐汇区2017年政府工作目标(修订)"
    plan_row.to_csv(tmp_path / "plan.csv", index=False)
    assert mubiao.Plan.from_csv(tmp_path).name == "徐汇区2017年政府工作目标(修订)"


def test_bad_workbooks_raise_errors_that_name_the_cell(
    xuhui: mubiao.Plan, tmp_path: pathlib.Path
) -> None:
    with pytest.raises(mubiao.FormatError) as raised:
        mubiao.Plan.from_excel(b"this is not a workbook")
    assert raised.value.code == "not-a-workbook"
    with pytest.raises(mubiao.FormatError):
        mubiao.Plan.from_excel(b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "目标表"
    sheet.append(["2017年重点工作目标"])
    sheet.append(["重点工作", "子项目", "牵头单位", "分管区领导", "开始日期", "一季度"])
    sheet.append(["河道整治", "沿河违建拆除", "虹梅路街道", "王副区长", "soon", "累计拆除5处"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(mubiao.ValidationError) as invalid:
        mubiao.Plan.from_excel(path)
    problems = invalid.value.problems
    assert [(p["code"], p["path"]) for p in problems] == [("invalid-cell", "目标表!E3")]
    with pytest.raises(OSError):
        mubiao.Plan.from_excel(tmp_path / "missing.xlsx")
    with pytest.raises(mubiao.ArgumentError):
        xuhui.to_excel(layout="wide")


def test_a_table_an_office_wrote_by_hand(tmp_path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "目标表"
    sheet.append(["2017年重点工作目标"])
    sheet.append(["重点工作", "子项目", "牵头单位", "配合单位", "分管区领导", "一季度", "二季度"])
    sheet.append(["河道整治", "沿河违建拆除", "虹梅路街道", "区水务局、区城管执法局", "王副区长", "累计拆除5处", "10处"])
    sheet.append([None, "河道保洁", "区水务局", None, None, "制定保洁方案", "不超过3件"])
    path = tmp_path / "office.xlsx"
    book.save(path)
    plan, report = mubiao.read_excel(path)
    assert plan.year == 2017 and plan.milestone_count == 4
    assert [t["cell"] for t in report["targets"]] == ["目标表!F3", "目标表!G3", "目标表!F4", "目标表!G4"]
    assert any("created" in i["message"] for i in report["inferences"])


def test_the_version_is_the_crates() -> None:
    assert mubiao.__version__.count(".") == 2
