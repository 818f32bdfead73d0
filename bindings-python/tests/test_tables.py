"""Tables in and out: the Xuhui workbook read, plans written as workbooks and CSV files
and read back unchanged, and the files read by openpyxl, pandas and polars."""

from __future__ import annotations

import io
import pathlib
from typing import Any, Dict

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
    with open(DATA / "xuhui-2017.xlsx", "rb") as file:
        assert mubiao.Plan.from_excel(file).to_json() == xuhui.to_json()
    assert mubiao.Plan.from_excel(io.BytesIO((DATA / "xuhui-2017.xlsx").read_bytes())).year == 2017
    read, report = mubiao.read_excel((DATA / "xuhui-2017.xlsx").read_bytes())
    assert read.to_json() == xuhui.to_json()
    assert report["sheet"] == "目标表"
    first = report["targets"][0]
    assert first["cell"].startswith("目标表!")
    assert first["milestone"] == "kw-01-1-m1"
    # A deliverable's description is the cell's text.
    assert first["text"] == "两个专项政策草案完成"
    assert first["reading"] == {"as": "deliverable", "number_without_unit": False}


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


def fresh(plan: mubiao.Plan) -> mubiao.Plan:
    """The plan with no reports, reasons or ratings yet: as it is adopted in January."""
    document = plan.to_dict()
    for records in ("progress_reports", "lag_reasons", "partner_ratings"):
        document[records] = []
    return mubiao.Plan.from_dict(document)


def fills(sheet: Any) -> Dict[str, str]:
    """The light cells of a sheet by their text, with their fill colour."""
    found: Dict[str, str] = {}
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if cell.value in ("红灯", "黄灯", "绿灯"):
                found.setdefault(str(cell.value), str(cell.fill.fgColor.rgb))
    return found


def test_the_supervision_report_opens_in_openpyxl_with_its_lights(
    xuhui: mubiao.Plan, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "report.xlsx"
    status = xuhui.status("2017-03-31")
    status.to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "概况"
    assert {"滞后清单", "提前完成", "报送滞后"} <= set(book.sheetnames)
    headline = book["概况"]
    assert [c.value for c in headline[3]][:6] == ["重点工作", 77, 221, 221, 210, 11]
    assert abs(headline["H3"].value - 210 / 221) < 1e-12
    assert headline["H3"].number_format == "0.0%"
    lights: Dict[str, str] = {}
    for name in book.sheetnames[1:-3]:
        lights.update(fills(book[name]))
    assert lights == {"红灯": "FFFFC7CE", "黄灯": "FFFFEB9C", "绿灯": "FFC6EFCE"}
    lagging = pd.read_excel(path, sheet_name="滞后清单", header=1)
    assert len(lagging) == 11
    assert list(lagging["节点编号"])[:2] == ["kw-05-1-m1", "kw-12-3-m1"]
    english = status.to_excel(language="en")
    assert english is not None
    assert openpyxl.load_workbook(io.BytesIO(english)).sheetnames[0] == "Headline"


def test_the_assessment_and_the_ledger_as_workbooks(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], tmp_path: pathlib.Path
) -> None:
    assessment = year_end.assess("2017-12-31", components=components)
    data = assessment.to_excel()
    assert data is not None
    ranking = pd.read_excel(io.BytesIO(data), sheet_name="排名", header=1)
    assert len(ranking) == len(assessment.units())
    assert list(ranking["名次"])[:3] == [1, 2, 3]
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=1)
    assert set(sheets) == {"排名", "得分说明", "问责清单"}
    ledger = mubiao.Ledger.adopt(fresh(year_end), actor="district-head", at="2017-01-05T09:00")
    adjustments = ledger.to_excel()
    assert adjustments is not None
    assert openpyxl.load_workbook(io.BytesIO(adjustments)).sheetnames == ["调整记录"]
    report = ledger.to_excel(tmp_path / "ledger.xlsx", as_of="2017-06-30")
    assert report is None
    assert openpyxl.load_workbook(tmp_path / "ledger.xlsx").sheetnames[0] == "概况"


def test_a_blank_template_for_an_office(xuhui: mubiao.Plan, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "template.xlsx"
    mubiao.excel_template(path, organisation=xuhui, by="month")
    book = openpyxl.load_workbook(path)
    sheet = book["目标表"]
    headers = [c.value for c in sheet[3]]
    assert headers[-12:] == [f"{m}月" for m in range(1, 13)]
    assert sheet.freeze_panes == "A4"
    assert len(sheet.data_validations.dataValidation) == 4
    assert book["单位"].max_row == 1 + len(xuhui.to_dict()["units"])
    blank = mubiao.excel_template(year=2018)
    assert blank is not None
    assert openpyxl.load_workbook(io.BytesIO(blank))["目标表"]["A1"].value == "2018年重点工作目标"
    with pytest.raises(mubiao.ArgumentError):
        mubiao.excel_template(by="week")


def test_moments_as_they_come(xuhui: mubiao.Plan) -> None:
    import datetime

    china = datetime.timezone(datetime.timedelta(hours=8))
    forms: list[Any] = [
        "2017-01-05T09:00:00",
        "2017-01-05T09:00",
        "2017-01-05 09:00:00",
        "2017-01-05 09:00",
        "2017-01-05T01:00:00Z",
        "2017-01-05T09:00:00+08:00",
        "2017-01-04T20:00:00-05:00",
        datetime.datetime(2017, 1, 5, 9, 0),
        datetime.datetime(2017, 1, 5, 9, 0, tzinfo=china),
        datetime.datetime(2017, 1, 5, 1, 0, tzinfo=datetime.timezone.utc),
    ]
    for at in forms:
        ledger = mubiao.Ledger.adopt(fresh(xuhui), actor="district-head", at=at)
        assert ledger.entries()[0]["recorded_at"] == "2017-01-05T09:00:00", at
    # A bare date is the start of its day.
    bare: list[Any] = ["2017-01-05", datetime.date(2017, 1, 5)]
    for at in bare:
        ledger = mubiao.Ledger.adopt(fresh(xuhui), actor="district-head", at=at)
        assert ledger.entries()[0]["recorded_at"] == "2017-01-05T00:00:00"
    # A date argument given as a moment with an offset is the district's day.
    late = datetime.datetime(2017, 3, 30, 17, 0, tzinfo=datetime.timezone.utc)
    assert xuhui.status(late).as_of == datetime.date(2017, 3, 31)
    with pytest.raises(mubiao.ArgumentError) as raised:
        mubiao.Ledger.adopt(fresh(xuhui), actor="district-head", at="2017-01-05T09:00+25:00")
    assert "2017-03-31 17:30" in str(raised.value)


def test_what_a_plan_holds_as_tables(xuhui: mubiao.Plan) -> None:
    units = xuhui.units()
    assert len(units) == len(xuhui.to_dict()["units"])
    assert units[0] == {"id": "xuhui-gov", "name": "徐汇区人民政府", "kind": "government", "parent": None}
    milestones = xuhui.milestones().to_pandas()
    assert len(milestones) == xuhui.milestone_count
    assert str(milestones["due"].dtype).startswith("datetime64")
    first = milestones.iloc[0]
    assert (first["id"], first["sub_project"], first["target"]) == ("kw-01-1-m1", "kw-01-1", "deliverable")
    subs = xuhui.sub_projects().to_polars()
    assert subs.height == 273
    assert set(subs["key_task"].unique().to_list()) == {t["id"] for t in xuhui.key_tasks()}
    assert len(xuhui.people()) == len(xuhui.to_dict()["people"])
    with pytest.raises(mubiao.ArgumentError):
        xuhui.table("rows")


def test_a_plan_from_data_frames_in_pandas_and_polars(xuhui: mubiao.Plan) -> None:
    names = ["units", "people", "plan_items", "key_tasks", "sub_projects", "milestones"]
    frames = {name: xuhui.table(name).to_pandas() for name in names}
    plan = mubiao.Plan.from_frames(year=2017, name=xuhui.name, **frames)
    expected = xuhui.to_dict()
    for records in ("progress_reports", "lag_reasons", "contracts", "partner_ratings"):
        expected[records] = []
    assert plan.to_dict() == expected
    polars_frames = {name: xuhui.table(name).to_polars() for name in names}
    polars_frames["progress_reports"] = xuhui.table("progress_reports").to_polars()
    plan = mubiao.Plan.from_frames(plan=xuhui.table("plan").to_polars(), **polars_frames)
    assert len(plan.to_dict()["progress_reports"]) == len(xuhui.to_dict()["progress_reports"])
    # Lists of dicts and Tables as they are.
    as_tables: Dict[str, Any] = {name: xuhui.table(name) for name in names}
    plan = mubiao.Plan.from_frames(year=2017, **as_tables)
    assert plan.milestone_count == xuhui.milestone_count
    with pytest.raises(mubiao.ArgumentError):
        mubiao.Plan.from_frames(year=2017, milestone=frames["milestones"])
    with pytest.raises(mubiao.ArgumentError):
        mubiao.Plan.from_frames(**frames)
    # A frame edited into nonsense gives the cell.
    broken = frames["milestones"].copy()
    broken["due"] = broken["due"].astype(object)
    broken.loc[3, "due"] = "soon"
    with pytest.raises(mubiao.ValidationError) as raised:
        mubiao.Plan.from_frames(year=2017, **{**frames, "milestones": broken})
    assert raised.value.problems[0]["path"] == "milestones!D5"


def test_rollup_groupings_as_tables(xuhui: mubiao.Plan) -> None:
    status = xuhui.status("2017-03-31")
    kinds = status.by("kind").to_pandas().set_index("group")
    assert kinds.loc["key_work", "sub_projects_with_due_milestone"] == 221
    assert kinds.loc["key_work", "sub_projects_on_schedule"] == 210
    assert round(kinds.loc["key_work", "completion_rate"], 3) == 0.950
    leaders = status.by("supervising_leader")
    assert leaders[0]["name"] and leaders[0]["group"]
    assert sum(r["milestones"] for r in leaders) == xuhui.milestone_count
    assert len(status.by("key_task")) == 111
    with pytest.raises(mubiao.ArgumentError):
        status.by("colour")


def test_hostile_files_give_errors_with_codes(tmp_path: pathlib.Path) -> None:
    xlsx = (DATA / "xuhui-2017.xlsx").read_bytes()
    for cut in (4, 100, len(xlsx) // 2):
        with pytest.raises(mubiao.FormatError) as raised:
            mubiao.Plan.from_excel(xlsx[:cut])
        assert raised.value.code == "not-a-workbook"
    (tmp_path / "units.csv").write_bytes(b"id,name\n\xc7\xf8,x\n")
    with pytest.raises(mubiao.FormatError) as bad:
        mubiao.Plan.from_csv(tmp_path)
    assert "UTF-8" in str(bad.value)
    (tmp_path / "units.csv").write_text("id,name,kind\nu,单位,planet\n", encoding="utf-8")
    (tmp_path / "plan.csv").write_text("format_version,year,name\n1,2017,x\n", encoding="utf-8")
    with pytest.raises(mubiao.ValidationError) as invalid:
        mubiao.Plan.from_csv(tmp_path)
    assert invalid.value.problems[0]["path"] == "units.csv!C2"
    with pytest.raises(TypeError):
        mubiao.Plan.from_excel(12)  # type: ignore[arg-type]
