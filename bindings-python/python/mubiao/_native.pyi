"""Type stubs of the native module ``mubiao._native``."""

import datetime
import os
from typing import Any, BinaryIO, Dict, Iterable, List, Mapping, Optional, Tuple, Union, final


from ._table import Table

_DateLike = Union[datetime.date, str]
_MomentLike = Union[datetime.datetime, datetime.date, str]
_Source = Union[str, bytes, Mapping[str, Any]]
_Path = Union[str, "os.PathLike[str]"]
_Workbook = Union[_Path, bytes, bytearray, BinaryIO]

__all__ = [
    "ArgumentError",
    "AssessmentError",
    "ChangeRefusedError",
    "Bulletin",
    "DATE_COLUMNS",
    "Chart",
    "Rollup",
    "_Rows",
    "FormatError",
    "IntegrityError",
    "MubiaoError",
    "SchemeError",
    "StatusError",
    "ValidationError",
    "Plan",
    "Status",
    "Report",
    "Calendar",
    "Ledger",
    "Scheme",
    "Assessment",
    "problems",
    "synthetic_plan",
    "diff",
    "set_language",
    "get_language",
    "read_excel",
    "excel_template",
    "FORMAT_VERSION",
    "__version__",
]

FORMAT_VERSION: int
__version__: str

class MubiaoError(ValueError):
    """The base of every mubiao error; a ValueError with a stable `code`, and its message
    in English (`message_en`) and Chinese (`message_zh`)."""

    code: str
    message_en: str
    message_zh: str

class FormatError(MubiaoError):
    """Text that is not a plan document (or ledger line, scheme, calendar)."""

    line: Optional[int]
    column: Optional[int]
    path: Optional[str]

class ArgumentError(FormatError):
    """An argument that is not what the call takes; `argument` names it."""

    argument: str

class ValidationError(MubiaoError):
    """A document that is not valid; `problems` lists every problem."""

    problems: List[Dict[str, str]]
    omitted: List[Dict[str, Any]]
    subject: str

class ChangeRefusedError(MubiaoError):
    """A change the ledger refused; `rule` names the rule broken."""

    rule: str
    sequence: int
    kind: str
    problems: List[Dict[str, str]]

class IntegrityError(MubiaoError):
    """A ledger whose hash chain does not verify."""

    sequence: Optional[int]
    line: int
    problem: Any

class SchemeError(MubiaoError):
    """A scoring scheme that fails validation; `problems` lists every problem."""

    problems: List[Dict[str, str]]
    omitted: List[Dict[str, Any]]
    subject: str

class StatusError(MubiaoError):
    """A status question the plan cannot answer."""

class AssessmentError(MubiaoError):
    """An assessment that cannot be made from the data given."""

@final
class Calendar:
    """The working-day calendar: public holidays and the weekend days made working days."""

    @staticmethod
    def from_json(source: _Source) -> Calendar: ...
    @staticmethod
    def weekdays_only() -> Calendar: ...
    @property
    def name(self) -> str: ...
    def is_working_day(self, day: _DateLike) -> bool: ...
    def working_days_between(self, start: _DateLike, end: _DateLike) -> int: ...

@final
class Chart:
    """A chart drawn as SVG: shown inline in Jupyter, saved with `save(path)`."""

    def to_svg(self) -> str: ...
    def _repr_svg_(self) -> str: ...
    def save(self, path: _Path) -> None: ...
    @property
    def page(self) -> int: ...
    @property
    def page_count(self) -> int: ...
    @property
    def data(self) -> Dict[str, Any]: ...

@final
class Bulletin:
    """A printable bulletin as self-contained HTML: `to_html(path)` writes it for a
    browser to print on A4; Jupyter shows it framed."""

    @property
    def html(self) -> str: ...
    def to_html(self, path: _Path) -> None: ...
    def _repr_html_(self) -> str: ...

DATE_COLUMNS: List[str]

@final
class _Rows:
    """Rows of a result kept in the library, behind a ``Table``."""

    def __len__(self) -> int: ...
    def record(self, index: int) -> Dict[str, Any]: ...
    def records(self) -> List[Dict[str, Any]]: ...
    def has_arrow(self) -> bool: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...

@final
class Rollup:
    """Every roll-up of a plan (or of many plans) on one date: groupings read as dicts
    when asked for, merged with other parts' roll-ups, carried as bytes or by pickle."""

    @staticmethod
    def empty() -> Rollup: ...
    @staticmethod
    def from_bytes(data: bytes) -> Rollup: ...
    @staticmethod
    def merge_all(rollups: Iterable[Rollup]) -> Rollup: ...
    def merge(self, other: Rollup) -> Rollup: ...
    def to_bytes(self) -> bytes: ...
    @property
    def as_of(self) -> Optional[datetime.date]: ...
    @property
    def overall(self) -> Dict[str, Any]: ...
    def lagging(self) -> Table: ...
    def __getitem__(self, key: str, /) -> Any: ...
    def keys(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

@final
class Report:
    """A supervision report: prints as text, renders in Jupyter, converts to a dict."""

    def render(self, language: str = "zh") -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class Status:
    """The statuses of a plan on one date."""

    @property
    def as_of(self) -> datetime.date: ...
    def to_excel(self, path: Optional[_Path] = None, *, language: str = "zh") -> Optional[bytes]: ...
    def light_board(
        self,
        *,
        step: str = "month",
        width: float = 960.0,
        height: float = 540.0,
        language: str = "zh",
        page: int = 0,
    ) -> Chart: ...
    def rate_trend(
        self, *, step: str = "month", width: float = 960.0, height: float = 540.0, language: str = "zh"
    ) -> Chart: ...
    def timeline(
        self,
        *,
        by: str = "key_task",
        width: float = 960.0,
        height: float = 540.0,
        language: str = "zh",
        page: int = 0,
    ) -> Chart: ...
    def trajectory(
        self,
        sub_project: str,
        *,
        width: float = 960.0,
        height: float = 540.0,
        language: str = "zh",
        page: int = 0,
    ) -> Chart: ...
    def bulletin(
        self, *, language: str = "zh", step: str = "month", trajectories_per_leader: int = 6
    ) -> Bulletin: ...
    def summary(self) -> Dict[str, Any]: ...
    def milestones(self) -> Table: ...
    def milestone(self, id: str) -> Optional[Dict[str, Any]]: ...
    def sub_projects(self) -> Table: ...
    def by(self, grouping: str) -> Table: ...
    def rollup(self) -> Rollup: ...
    def lagging(self) -> Table: ...
    def report(self) -> Report: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Scheme:
    """A validated scoring scheme."""

    @staticmethod
    def default() -> Scheme: ...
    @staticmethod
    def from_json(source: _Source) -> Scheme: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Assessment:
    """A year-end assessment: ranks, grades, explanations and accountability."""

    def ranking_chart(
        self, *, width: float = 960.0, height: float = 540.0, language: str = "zh", page: int = 0
    ) -> Chart: ...
    def explanation_chart(
        self, unit: str, *, width: float = 960.0, height: float = 540.0, language: str = "zh"
    ) -> Chart: ...
    def to_excel(self, path: Optional[_Path] = None, *, language: str = "zh") -> Optional[bytes]: ...
    def bulletin(self, *, language: str = "zh") -> Bulletin: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> Assessment: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def not_assessed(self) -> List[str]: ...
    def units(self) -> Table: ...
    def explanation(self, unit: str) -> Optional[Dict[str, Any]]: ...
    def explanations(self) -> Table: ...
    def accountability(self) -> Table: ...
    def render(self, language: str = "zh") -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class Plan:
    """A validated plan."""

    @staticmethod
    def from_json(source: _Source) -> Plan: ...
    @staticmethod
    def from_dict(document: Mapping[str, Any]) -> Plan: ...
    @staticmethod
    def from_excel(
        source: _Workbook, *, year: Optional[int] = None, name: Optional[str] = None
    ) -> Plan: ...
    @staticmethod
    def from_csv(directory: _Path) -> Plan: ...
    @staticmethod
    def read(path: _Path) -> Plan: ...
    @staticmethod
    def from_frames(*, year: Optional[int] = None, name: Optional[str] = None, **tables: Any) -> Plan: ...
    def table(self, name: str) -> Table: ...
    def units(self) -> Table: ...
    def people(self) -> Table: ...
    def key_tasks(self) -> Table: ...
    def sub_projects(self) -> Table: ...
    def milestones(self) -> Table: ...
    def to_excel(self, path: Optional[_Path] = None, *, layout: str = "office") -> Optional[bytes]: ...
    def to_csv(self, directory: _Path) -> List[os.PathLike[str]]: ...
    @property
    def year(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def milestone_count(self) -> int: ...
    def summary(self) -> Dict[str, Any]: ...
    def to_json(self, *, pretty: bool = False) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def milestone(self, id: str) -> Optional[Dict[str, Any]]: ...
    def status(
        self,
        as_of: _DateLike,
        *,
        calendar: Optional[Calendar] = None,
        risk_margin: float = 0.2,
        due_soon_working_days: int = 3,
        reporting_cadence: str = "monthly",
    ) -> Status: ...
    def trend(
        self, as_of: _DateLike, *, step: str = "month", calendar: Optional[Calendar] = None
    ) -> Table: ...
    def contract_gaps(self) -> Table: ...
    def assess(
        self,
        as_of: _DateLike,
        *,
        components: Mapping[str, Mapping[str, float]],
        scheme: Optional[Scheme] = None,
        calendar: Optional[Calendar] = None,
    ) -> Assessment: ...

@final
class Ledger:
    """An adopted plan with every change made to it since."""

    def to_excel(
        self,
        path: Optional[_Path] = None,
        *,
        as_of: Optional[_DateLike] = None,
        language: str = "zh",
        calendar: Optional[Calendar] = None,
    ) -> Optional[bytes]: ...

    @staticmethod
    def adopt(
        plan: Union[Plan, _Source], *, actor: str, at: _MomentLike, reason: Optional[str] = None
    ) -> Ledger: ...
    @staticmethod
    def from_jsonl(text: Union[str, bytes], *, published: Optional[List[Mapping[str, Any]]] = None) -> Ledger: ...
    @staticmethod
    def verify_jsonl(
        text: Union[str, bytes], *, published: Optional[List[Mapping[str, Any]]] = None
    ) -> Dict[str, Any]: ...
    def head(self) -> Dict[str, Any]: ...
    def plan_on(self, day: _DateLike) -> Plan: ...
    def status(self, as_of: _DateLike, *, calendar: Optional[Calendar] = None) -> Status: ...
    def record(
        self,
        change: Mapping[str, Any],
        *,
        actor: str,
        at: _MomentLike,
        reason: Optional[str] = None,
    ) -> Dict[str, Any]: ...
    def entries(self) -> List[Dict[str, Any]]: ...
    @property
    def plan(self) -> Plan: ...
    @property
    def adopted_plan(self) -> Plan: ...
    def plan_at(self, at: _MomentLike) -> Plan: ...
    def history(self, id: str) -> List[Dict[str, Any]]: ...
    def requests(self) -> Table: ...
    def adjustments(self) -> Table: ...
    def verify(self) -> None: ...
    def to_jsonl(self) -> str: ...
    def supervision_report(self, as_of: _DateLike, *, calendar: Optional[Calendar] = None) -> Report: ...
    def bulletin(
        self,
        as_of: _DateLike,
        *,
        calendar: Optional[Calendar] = None,
        language: str = "zh",
        step: str = "month",
        trajectories_per_leader: int = 6,
    ) -> Bulletin: ...
    def assess(
        self,
        as_of: _DateLike,
        *,
        components: Mapping[str, Mapping[str, float]],
        scheme: Optional[Scheme] = None,
        calendar: Optional[Calendar] = None,
    ) -> Assessment: ...
    def __len__(self) -> int: ...

def problems(source: _Source) -> Table: ...
def excel_template(
    path: Optional[_Path] = None,
    *,
    organisation: Optional[Plan] = None,
    year: Optional[int] = None,
    name: Optional[str] = None,
    by: str = "quarter",
) -> Optional[bytes]: ...
def read_excel(
    source: _Workbook, *, year: Optional[int] = None, name: Optional[str] = None
) -> tuple[Plan, Dict[str, Any]]: ...
def synthetic_plan(
    milestones: int, *, seed: int = 2017, units: int = 40, sub_projects_per_key_task: int = 3
) -> Plan: ...
def diff(before: Status, after: Status) -> Dict[str, Any]: ...
def set_language(language: str) -> None: ...
def get_language() -> str: ...
