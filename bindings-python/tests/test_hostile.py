"""Every hostile case of `hostile_cases.py`, each in a process of its own with a memory
limit and a timeout: a hang, a memory bomb, a panic or an abort fails its case and no
other. Each case must end with the outcome written here — success, or the library's own
exception with a stable code (a `TypeError` only for an argument of the wrong Python type).
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Tuple

import pytest

HERE = pathlib.Path(__file__).resolve().parent
MEMORY_LIMIT = 4 * 1024**3  # bytes of address space for each case's process
TIMEOUT = 60  # seconds; every case takes well under one in a release build

# case → (exception class, code), or ("ok", "-") for a call that succeeds.
EXPECTED: Dict[str, Tuple[str, str]] = {
    "cycle_of_4000_sections_as_dict": ("ValidationError", "invalid-document"),
    "cycle_of_4000_sections_as_text": ("ok", "-"),
    "chain_of_10000_units": ("ok", "-"),
    "calendar_of_ten_thousand_years_listed_four_times": ("ValidationError", "invalid-document"),
    "overlapping_long_holidays_many_times": ("ValidationError", "invalid-document"),
    "due_in_year_zero": ("FormatError", "wrong-shape"),
    "due_in_year_minus_262143": ("FormatError", "wrong-shape"),
    "due_in_year_262142": ("FormatError", "wrong-shape"),
    "due_thirty_years_ahead": ("ValidationError", "invalid-document"),
    "trend_of_a_long_multi_year_plan": ("ok", "-"),
    "synthetic_2_pow_62_sub_projects": ("MubiaoError", "synthetic-option-out-of-range"),
    "synthetic_2_pow_40_milestones": ("MubiaoError", "synthetic-option-out-of-range"),
    "synthetic_2_pow_40_units": ("MubiaoError", "synthetic-option-out-of-range"),
    "synthetic_2_pow_100_milestones": ("ArgumentError", "bad-argument"),
    "synthetic_negative_milestones": ("ArgumentError", "bad-argument"),
    "synthetic_bool_milestones": ("TypeError", "-"),
    "dict_format_version_0": ("FormatError", "unsupported-format-version"),
    "dict_format_version_2": ("FormatError", "unsupported-format-version"),
    "dict_format_version_2_pow_31": ("FormatError", "unsupported-format-version"),
    "dict_format_version_true": ("FormatError", "unsupported-format-version"),
    "ledger_entry_format_version_2": ("FormatError", "wrong-shape"),
    "multi_year_written_as_text_false": ("FormatError", "wrong-shape"),
    "year_written_as_true": ("FormatError", "wrong-shape"),
    "units_written_as_empty_text": ("FormatError", "wrong-shape"),
    "missing_field_in_dict": ("FormatError", "wrong-shape"),
    "set_in_dict": ("FormatError", "wrong-shape"),
    "nan_quantity_in_dict": ("FormatError", "wrong-shape"),
    "dict_nested_100000_deep": ("FormatError", "wrong-shape"),
    "dict_that_contains_itself": ("FormatError", "wrong-shape"),
    "int_keys_in_dict": ("FormatError", "wrong-shape"),
    "adopt_in_1900": ("ChangeRefusedError", "moment-outside-plan-period"),
    "record_at_9999": ("ChangeRefusedError", "moment-outside-plan-period"),
    "request_later_date_far_away": ("FormatError", "wrong-shape"),
    "request_later_date_in_2099": ("ChangeRefusedError", "date-outside-plan"),
    "lone_surrogate_document": ("ArgumentError", "bad-argument"),
    "lone_surrogate_in_dict": ("FormatError", "wrong-shape"),
    "lone_surrogate_date": ("ArgumentError", "bad-argument"),
    "lone_surrogate_actor": ("ArgumentError", "bad-argument"),
    "lone_surrogate_milestone_id": ("ArgumentError", "bad-argument"),
    "huge_due_soon_working_days": ("ArgumentError", "bad-argument"),
    "list_where_a_date_belongs": ("TypeError", "-"),
    "hundred_thousand_partners": ("ok", "-"),
    "hundred_thousand_quantity_units": ("ok", "-"),
    "unpadded_date": ("FormatError", "wrong-shape"),
    "padded_with_a_space": ("FormatError", "wrong-shape"),
    "february_30": ("FormatError", "wrong-shape"),
    "withdrawal_in_1900": ("ValidationError", "invalid-document"),
    "contract_signed_in_2030": ("ValidationError", "invalid-document"),
    "weight_for_unknown_milestone": ("AssessmentError", "unknown-weighted-item"),
    "bom_file": ("FormatError", "not-utf8"),
    "utf16_file": ("FormatError", "not-utf8"),
    "gbk_file": ("FormatError", "not-utf8"),
    "file_name_instead_of_text": ("FormatError", "file-name-given"),
    "huge_year": ("FormatError", "wrong-shape"),
    "huge_year_in_dict": ("FormatError", "wrong-shape"),
    "chinese_messages": ("FormatError", "wrong-shape"),
}

# case → words its message must hold (in the language the case chose).
SAYS: Dict[str, List[str]] = {
    "cycle_of_4000_sections_as_dict": ["4001 problems in the plan", "and 3998 more"],
    "february_30": ["February 2017 has 28 days"],
    "unpadded_date": ["YYYY-MM-DD"],
    "huge_year": ["from 1 to 9999"],
    "huge_year_in_dict": ["from 1 to 9999"],
    "bom_file": ["byte-order mark", "save the file as UTF-8"],
    "utf16_file": ["UTF-16", "save the file as UTF-8"],
    "gbk_file": ["not UTF-8", "save the file as UTF-8"],
    "file_name_instead_of_text": ["looks like a file name"],
    "multi_year_written_as_text_false": ["/key_tasks/0/multi_year", "true or false"],
    "units_written_as_empty_text": ["/units"],
    "missing_field_in_dict": ["/key_tasks/0", "level"],
    "lone_surrogate_document": ["surrogate"],
    "chinese_messages": ["2017年2月只有 28 天"],
    "synthetic_2_pow_40_milestones": ["20000000 or fewer"],
}

MACHINE_WORDS = ["i32", "u32", "u64", "f64", "u128", "usize", "floating point", "PanicException"]


def run_case(name: str) -> Tuple[str, str, int, str, Optional[dict]]:  # type: ignore[type-arg]
    """Runs one case in its own interpreter; returns (class, code, exit status, stderr, details)."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "hostile_cases.py"), name],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=limit,
            cwd=HERE,
        )
    except subprocess.TimeoutExpired:
        return ("timeout", "-", -1, "", None)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) < 2:
        return ("crash", "-", done.returncode, done.stderr[-2000:], None)
    kind, code = lines[0].split(" ", 1)
    return (kind, code, 0, done.stderr, json.loads(lines[1]))


@pytest.fixture(scope="module")
def outcomes() -> Dict[str, Tuple[str, str, int, str, Optional[dict]]]:  # type: ignore[type-arg]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(EXPECTED, pool.map(run_case, EXPECTED)))


def test_every_case_is_listed() -> None:
    listed = subprocess.run(
        [sys.executable, str(HERE / "hostile_cases.py"), "--list"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(listed) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_case(name: str, outcomes: Dict[str, Tuple[str, str, int, str, Optional[dict]]]) -> None:  # type: ignore[type-arg]
    kind, code, status, stderr, details = outcomes[name]
    assert status == 0, f"{name}: {kind} (exit {status})\n{stderr}"
    assert (kind, code) == EXPECTED[name], f"{name}: {details}"
    if details and "message" in details:
        message = details["message"]
        for words in SAYS.get(name, []):
            assert words in message, f"{name}: {message}"
        for word in MACHINE_WORDS:
            assert word not in message, f"{name}: {message}"
    if details and "zh" in details:
        assert details["zh"] and details["zh"] != details["en"], name
