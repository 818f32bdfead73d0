//! The milestone table: rows read from the evaluation when asked, and Arrow columns
//! written straight from it, names borrowed from the plan — no row struct, no string a
//! row beyond the column's own bytes.

use std::sync::Arc;

use arrow_array::types::UInt32Type;
use arrow_array::types::{ArrowPrimitiveType, Date32Type, Float64Type, Int64Type, UInt64Type};
use arrow_array::{
    ArrayRef, BooleanArray, DictionaryArray, LargeStringArray, PrimitiveArray, RecordBatch,
    StringArray, StructArray, UInt32Array,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{Field, Fields};
use chrono::{Datelike, NaiveDate};
use mubiao::{Evaluation, MilestoneStatusRow, Period, SharedEvaluation};
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::rows::{wrapped, RowSource};

/// Every milestone's standing in an evaluation, kept as the evaluation itself.
struct MilestoneTable {
    shared: Arc<SharedEvaluation>,
}

impl RowSource for MilestoneTable {
    fn len(&self) -> usize {
        self.shared.plan().milestone_count()
    }

    fn record<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Option<Bound<'py, PyAny>>> {
        let evaluation = self.shared.evaluation();
        let row = evaluation
            .milestone_standing(index)
            .map(MilestoneStatusRow::from);
        row.map(|row| to_py(py, &row)).transpose()
    }

    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<MilestoneStatusRow> = self.shared.evaluation().milestone_rows().collect();
        to_py(py, &rows)
    }

    fn batch(&self) -> Option<RecordBatch> {
        batch(&self.shared.evaluation())
    }
}

/// A `mubiao.Table` of every milestone's standing in `shared`.
pub fn table(py: Python<'_>, shared: Arc<SharedEvaluation>) -> PyResult<Bound<'_, PyAny>> {
    wrapped(py, MilestoneTable { shared })
}

/// Days from 0001-01-01 (chrono's day count) to 1970-01-01, Arrow's day zero.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

fn days(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

/// A column of a few distinct values (the names of a core enum, due periods), written as
/// dictionary keys: the dictionary holds each value in the order it first appears, so a
/// variant added in core needs nothing here, and no row is hashed.
struct Dictionary<K> {
    values: Vec<K>,
    keys: Vec<u32>,
    /// Which rows have a value, for a column that may miss some.
    valid: Option<Vec<bool>>,
}

impl<K: Copy + PartialEq> Dictionary<K> {
    fn new(capacity: usize, nullable: bool) -> Self {
        Self {
            values: Vec::new(),
            keys: Vec::with_capacity(capacity),
            valid: nullable.then(|| Vec::with_capacity(capacity)),
        }
    }

    fn append(&mut self, value: Option<K>) {
        let key = value.and_then(|value| {
            // Rows in plan order repeat their neighbours' values: the last one is tried
            // first, then the few met so far.
            let last = self.keys.last().copied().filter(|&k| {
                usize::try_from(k).ok().and_then(|k| self.values.get(k)) == Some(&value)
            });
            last.or_else(|| {
                let place = match self.values.iter().position(|v| *v == value) {
                    Some(place) => place,
                    None => {
                        self.values.push(value);
                        self.values.len() - 1
                    }
                };
                u32::try_from(place).ok()
            })
        });
        self.keys.push(key.unwrap_or(0));
        if let Some(valid) = &mut self.valid {
            valid.push(key.is_some());
        }
    }

    /// The column, each value written as `name` gives it.
    fn finish<S: AsRef<str>>(self, name: impl Fn(&K) -> S) -> Option<ArrayRef> {
        let nulls = self.valid.and_then(nulls);
        let keys = UInt32Array::try_new(ScalarBuffer::from(self.keys), nulls).ok()?;
        let names: Vec<S> = self.values.iter().map(name).collect();
        dictionary(keys, names.iter().map(AsRef::as_ref))
    }
}

/// A dictionary column of `keys` into `names`; a key past the names is refused here (an
/// error, not a panic): no table is better than a wrong one.
fn dictionary<'a>(keys: UInt32Array, names: impl Iterator<Item = &'a str>) -> Option<ArrayRef> {
    // Collected first: Arrow's own collecting needs a list whose length it knows.
    let values = Arc::new(StringArray::from(names.collect::<Vec<&str>>()));
    Some(Arc::new(
        DictionaryArray::<UInt32Type>::try_new(keys, values).ok()?,
    ))
}

/// A column of ids as dictionary keys: positions in one of the plan's lists, whose ids
/// are written once each as the dictionary.
fn keyed<'a>(
    keys: impl IntoIterator<Item = Option<u32>>,
    names: impl Iterator<Item = &'a str>,
) -> Option<ArrayRef> {
    let (keys, valid): (Vec<u32>, Vec<bool>) = keys
        .into_iter()
        .map(|key| (key.unwrap_or(0), key.is_some()))
        .unzip();
    dictionary(
        UInt32Array::try_new(ScalarBuffer::from(keys), nulls(valid)).ok()?,
        names,
    )
}

/// A column of ids every row has, as dictionary keys (taken as they are, not copied).
fn keyed_all<'a>(keys: Vec<u32>, names: impl Iterator<Item = &'a str>) -> Option<ArrayRef> {
    dictionary(UInt32Array::new(ScalarBuffer::from(keys), None), names)
}

/// The validity of a column, or none when every value is there (Arrow's cheaper form).
fn nulls(valid: Vec<bool>) -> Option<NullBuffer> {
    valid.iter().any(|v| !v).then(|| NullBuffer::from(valid))
}

/// Where each value of a text column ends: 32-bit, as every reader expects, until the text
/// passes 2 GiB, then 64-bit.
enum Ends {
    Narrow(Vec<i32>),
    Wide(Vec<i64>),
}

/// A column of text: the bytes of every value one after another, and where each ends.
struct Text {
    ends: Ends,
    bytes: Vec<u8>,
    /// Which values are there, for a column that may miss some.
    valid: Option<Vec<bool>>,
}

impl Text {
    fn new(capacity: usize, bytes: usize, nullable: bool) -> Text {
        let mut ends = Vec::with_capacity(capacity + 1);
        ends.push(0);
        Text {
            ends: Ends::Narrow(ends),
            bytes: Vec::with_capacity(bytes),
            valid: nullable.then(|| Vec::with_capacity(capacity)),
        }
    }

    /// Appends a value to a column whose values are always there.
    fn append_value(&mut self, value: &str) {
        self.bytes.extend_from_slice(value.as_bytes());
        let end = self.bytes.len();
        match &mut self.ends {
            Ends::Narrow(ends) => match i32::try_from(end) {
                Ok(end) => ends.push(end),
                Err(_) => {
                    let mut wide: Vec<i64> = ends.iter().map(|&e| i64::from(e)).collect();
                    wide.push(i64::try_from(end).unwrap_or(i64::MAX));
                    self.ends = Ends::Wide(wide);
                }
            },
            Ends::Wide(ends) => ends.push(i64::try_from(end).unwrap_or(i64::MAX)),
        }
    }

    fn append(&mut self, value: Option<&str>) {
        self.append_value(value.unwrap_or(""));
        if let Some(valid) = &mut self.valid {
            valid.push(value.is_some());
        }
    }

    fn len(&self) -> usize {
        match &self.ends {
            Ends::Narrow(ends) => ends.len().saturating_sub(1),
            Ends::Wide(ends) => ends.len().saturating_sub(1),
        }
    }

    fn finish(self) -> Option<ArrayRef> {
        let nulls = self.valid.and_then(nulls);
        let values = Buffer::from_vec(self.bytes);
        Some(match self.ends {
            Ends::Narrow(ends) => {
                let offsets = OffsetBuffer::new(ScalarBuffer::from(ends));
                Arc::new(StringArray::try_new(offsets, values, nulls).ok()?)
            }
            Ends::Wide(ends) => {
                let offsets = OffsetBuffer::new(ScalarBuffer::from(ends));
                Arc::new(LargeStringArray::try_new(offsets, values, nulls).ok()?)
            }
        })
    }
}

/// A column of numbers or dates, some missing.
struct Numbers<T: ArrowPrimitiveType> {
    values: Vec<T::Native>,
    valid: Vec<bool>,
}

impl<T: ArrowPrimitiveType> Numbers<T> {
    fn new(capacity: usize) -> Self {
        Self {
            values: Vec::with_capacity(capacity),
            valid: Vec::with_capacity(capacity),
        }
    }

    fn append(&mut self, value: Option<T::Native>) {
        self.values.push(value.unwrap_or_default());
        self.valid.push(value.is_some());
    }

    fn finish(self) -> Option<ArrayRef> {
        let array =
            PrimitiveArray::<T>::try_new(ScalarBuffer::from(self.values), nulls(self.valid))
                .ok()?;
        Some(Arc::new(array))
    }
}

fn flags(values: Vec<bool>) -> ArrayRef {
    Arc::new(BooleanArray::from(values))
}

/// The milestones of `evaluation` as one record batch, column for column as the general
/// path would write their rows.
fn batch(evaluation: &Evaluation<'_>) -> Option<RecordBatch> {
    let plan = evaluation.plan();
    let n = plan.milestone_count();
    let standings = evaluation.milestone_standings();
    let text = || Text::new(n, n * 8, false);
    let (mut milestone, mut title) = (text(), text());
    let names = || Dictionary::<&'static str>::new(n, false);
    let (mut kind, mut level, mut status, mut light) = (names(), names(), names(), names());
    let mut due = Vec::with_capacity(n);
    let mut due_period = Dictionary::<Period>::new(n, false);
    let (mut at_risk, mut behind, mut due_soon, mut needs_reason) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut working_days = Vec::with_capacity(n);
    let mut completed_on = Numbers::<Date32Type>::new(n);
    let mut latest_value = Numbers::<Float64Type>::new(n);
    let mut progress_share = Numbers::<Float64Type>::new(n);
    let mut expected_share = Vec::with_capacity(n);
    let mut forecast = Numbers::<Date32Type>::new(n);
    let (mut class, mut cause) = (Dictionary::new(n, true), Dictionary::new(n, true));
    let mut reason_text = Text::new(n, 0, true);
    let mut recorded_on = Numbers::<Date32Type>::new(n);
    let mut pending = Numbers::<UInt64Type>::new(n);
    let mut reason_present = Vec::with_capacity(n);
    // Ids that repeat from milestone to milestone are dictionary keys, their names written
    // once; the milestones' own ids and titles are copied, milestone by milestone.
    for place in plan.milestones() {
        milestone.append_value(place.milestone.id.as_str());
        title.append_value(&place.milestone.title);
    }
    let document = plan.document();
    let positions = plan.milestone_positions();
    let units = || document.units.iter().map(|u| u.id.as_str());
    let people = || document.people.iter().map(|p| p.id.as_str());
    for &k in &positions.key_task {
        let task = usize::try_from(k)
            .ok()
            .and_then(|k| document.key_tasks.get(k));
        kind.append(task.map(|t| t.kind.as_str()));
        level.append(task.map(|t| t.level.as_str()));
    }
    let sub_project = keyed_all(
        positions.sub_project,
        plan.sub_project_ids().map(|id| id.as_str()),
    )?;
    let key_task = keyed_all(
        positions.key_task,
        document.key_tasks.iter().map(|t| t.id.as_str()),
    )?;
    let lead_unit = keyed(positions.lead_unit, units())?;
    let responsible = keyed(positions.responsible_person, people())?;
    let leader = keyed(positions.supervising_leader, people())?;
    for row in standings {
        due.push(days(row.due));
        due_period.append(Some(row.due_period));
        status.append(Some(row.status.as_str()));
        light.append(Some(row.light.as_str()));
        at_risk.push(row.at_risk);
        behind.push(row.behind_trajectory);
        due_soon.push(row.due_soon);
        working_days.push(row.working_days_to_due);
        completed_on.append(row.completed_on.map(days));
        latest_value.append(row.latest_value);
        progress_share.append(row.progress_share);
        expected_share.push(row.expected_share);
        forecast.append(row.forecast.map(days));
        let reason = row.lag_reason;
        class.append(reason.map(|r| r.class.as_str()));
        cause.append(reason.and_then(|r| r.cause).map(|c| c.as_str()));
        reason_text.append(reason.map(|r| r.text.as_str()));
        recorded_on.append(reason.map(|r| days(r.recorded_on)));
        pending.append(reason.and_then(|r| r.pending_request));
        reason_present.push(reason.is_some());
        needs_reason.push(row.needs_reason);
    }
    // Both passes go through the same milestones; a count that differs would misalign the
    // columns, so it is refused (and cannot happen while the plan is unchanged).
    if milestone.len() != due.len() {
        return None;
    }
    let reason_columns: Vec<ArrayRef> = vec![
        class.finish(|name: &&str| *name)?,
        cause.finish(|name: &&str| *name)?,
        reason_text.finish()?,
        recorded_on.finish()?,
        pending.finish()?,
    ];
    let reason_fields: Fields = ["class", "cause", "text", "recorded_on", "pending_request"]
        .iter()
        .zip(&reason_columns)
        .map(|(name, column)| Field::new(*name, column.data_type().clone(), true))
        .collect();
    let lag_reason = StructArray::try_new(
        reason_fields.clone(),
        reason_columns,
        Some(NullBuffer::from(reason_present)),
    )
    .ok()?;
    let due = PrimitiveArray::<Date32Type>::try_new(ScalarBuffer::from(due), None).ok()?;
    let working_days =
        PrimitiveArray::<Int64Type>::try_new(ScalarBuffer::from(working_days), None).ok()?;
    let expected_share =
        PrimitiveArray::<Float64Type>::try_new(ScalarBuffer::from(expected_share), None).ok()?;
    // The schema follows from the columns: each column's type is its array's.
    let columns: [(&str, ArrayRef, bool); 24] = [
        ("milestone", milestone.finish()?, false),
        ("title", title.finish()?, false),
        ("sub_project", sub_project, false),
        ("key_task", key_task, false),
        ("kind", kind.finish(|name: &&str| *name)?, false),
        ("level", level.finish(|name: &&str| *name)?, false),
        ("due", Arc::new(due), false),
        ("due_period", due_period.finish(Period::to_string)?, false),
        ("status", status.finish(|name: &&str| *name)?, false),
        ("light", light.finish(|name: &&str| *name)?, false),
        ("at_risk", flags(at_risk), false),
        ("behind_trajectory", flags(behind), false),
        ("due_soon", flags(due_soon), false),
        ("working_days_to_due", Arc::new(working_days), false),
        ("completed_on", completed_on.finish()?, true),
        ("latest_value", latest_value.finish()?, true),
        ("progress_share", progress_share.finish()?, true),
        ("expected_share", Arc::new(expected_share), false),
        ("forecast", forecast.finish()?, true),
        // Every milestone of a valid plan has a lead unit and a leader; a column that
        // lacks one says so in its schema rather than being refused.
        (
            "lead_unit",
            Arc::clone(&lead_unit),
            lead_unit.null_count() > 0,
        ),
        ("responsible_person", responsible, true),
        (
            "supervising_leader",
            Arc::clone(&leader),
            leader.null_count() > 0,
        ),
        ("lag_reason", Arc::new(lag_reason), true),
        ("needs_reason", flags(needs_reason), false),
    ];
    RecordBatch::try_from_iter_with_nullable(columns).ok()
}
