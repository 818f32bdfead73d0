"""Bulletins: the printable HTML the core writes, read back as XML — a section per
supervising leader, a row per lagging item, headings that repeat on every page — written
to a file, framed in Jupyter, and the year-end bulletin with a row per unit."""

from __future__ import annotations

import datetime
import pathlib
from typing import Dict, List
import xml.etree.ElementTree as ET

import pytest

import mubiao


def rows_after(root: ET.Element, heading: str) -> List[List[str]]:
    """The body rows (cell texts) of the tables between the h2 holding `heading` and the next h2."""
    rows: List[List[str]] = []
    inside = False
    for element in root.iter():
        if element.tag == "h2":
            inside = heading in "".join(element.itertext())
        elif inside and element.tag == "tbody":
            rows.extend(["".join(td.itertext()) for td in tr.findall("td")] for tr in element.findall("tr"))
    return rows


def test_the_supervision_bulletin_holds_every_leader_and_lagging_item(
    xuhui: mubiao.Plan, calendar: mubiao.Calendar, tmp_path: pathlib.Path
) -> None:
    status = xuhui.status(datetime.date(2017, 3, 31), calendar=calendar)
    bulletin = status.bulletin()
    html = bulletin.html
    assert html.startswith("<!DOCTYPE html>")
    root = ET.fromstring(html.split("\n", 1)[1])
    sections = [s for s in root.iter("section") if s.get("class") == "leader"]
    report = status.report().to_dict()
    assert len(sections) == len(report["leaders"]) >= 5
    for section, leader in zip(sections, report["leaders"]):
        heading = section.find("h2")
        assert heading is not None and (heading.text or "").endswith(f"分管区领导:{leader['name']}")
    lagging = rows_after(root, "滞后清单")
    assert [row[1] for row in lagging] == [item["title"] for item in status.lagging()]
    key_work = next(row for row in rows_after(root, "总体情况") if row[0] == "重点工作")
    assert key_work[2:] == ["221", "221", "210", "11", "9", "95.0%"]
    # Every table's headings in a <thead>, so they repeat on each printed page.
    assert len(list(root.iter("table"))) == len(list(root.iter("thead")))
    bulletin.to_html(tmp_path / "bulletin.html")
    assert (tmp_path / "bulletin.html").read_text(encoding="utf-8") == html
    assert str(bulletin) == html
    framed = bulletin._repr_html_()
    assert framed.startswith("<iframe srcdoc=\"&lt;!DOCTYPE html&gt;")
    assert repr(bulletin).startswith("<mubiao.Bulletin supervision, ")
    english = status.bulletin(language="en", step="quarter", trajectories_per_leader=0).html
    assert "1. Headline</h2>" in english and "Trajectory of" not in english
    with pytest.raises(ValueError, match="language"):
        status.bulletin(language="fr")
    with pytest.raises(ValueError, match="step"):
        status.bulletin(step="week")
    with pytest.raises(TypeError, match="path"):
        bulletin.to_html(42)  # type: ignore[arg-type]


def test_the_year_end_bulletin_ranks_every_unit(
    year_end: mubiao.Plan, components: Dict[str, Dict[str, float]], calendar: mubiao.Calendar
) -> None:
    assessment = year_end.assess("2017-12-31", components=components, calendar=calendar)
    bulletin = assessment.bulletin()
    root = ET.fromstring(bulletin.html.split("\n", 1)[1])
    results = rows_after(root, "考核结果")
    assert sorted(row[1] for row in results) == sorted(unit["name"] for unit in assessment.units())
    assert len(rows_after(root, "问责清单")) == len(assessment.accountability())
    assert repr(bulletin).startswith("<mubiao.Bulletin year-end, ")
    assert ": year-end assessment</h1>" in assessment.bulletin(language="en").html
