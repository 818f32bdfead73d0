"""mubiao: government management by objectives (目标管理).

Plans with key tasks, sub-projects and dated milestones; status and supervision as of any
date; a change ledger that checks who may do what and cannot be quietly rewritten; and the
year-end assessment with explanations of every point. The work is done by the Rust core;
this package converts values and errors.

>>> import mubiao
>>> plan = mubiao.synthetic_plan(1_000)
>>> plan.status("2017-06-30").summary()["milestones"]
1000
"""

from ._native import (
    FORMAT_VERSION,
    ArgumentError,
    Assessment,
    AssessmentError,
    Calendar,
    ChangeRefusedError,
    Bulletin,
    Chart,
    Rollup,
    FormatError,
    IntegrityError,
    Ledger,
    MubiaoError,
    NoteSigner,
    NoteVerifier,
    Plan,
    Report,
    Scheme,
    SchemeError,
    Status,
    StatusError,
    ValidationError,
    diff,
    excel_template,
    get_language,
    leaf_hash,
    problems,
    read_excel,
    set_language,
    synthetic_plan,
    verify_consistency,
    verify_inclusion,
)
from ._table import Table
from ._native import __version__

__all__ = [
    "FORMAT_VERSION",
    "ArgumentError",
    "Assessment",
    "AssessmentError",
    "Calendar",
    "ChangeRefusedError",
    "Bulletin",
    "Chart",
    "Rollup",
    "FormatError",
    "IntegrityError",
    "Ledger",
    "MubiaoError",
    "NoteSigner",
    "NoteVerifier",
    "Plan",
    "Report",
    "Scheme",
    "SchemeError",
    "Status",
    "StatusError",
    "Table",
    "ValidationError",
    "__version__",
    "diff",
    "excel_template",
    "get_language",
    "leaf_hash",
    "read_excel",
    "problems",
    "set_language",
    "synthetic_plan",
    "verify_consistency",
    "verify_inclusion",
]
