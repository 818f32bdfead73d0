//! The change ledger.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::assessment::{Assessment, Scheme};
use crate::convert::{from_py, to_bytes, to_date, to_datetime, to_py, to_text, Text, WholeNumber};
use crate::errors::{integrity_error, refused, to_py_err};
use crate::plan::{default_options, read_plan, Calendar, Plan, Report, Status};
use crate::rows::table;
use crate::transparency::{NoteSigner, NoteVerifier};

/// Published heads from a list of dicts (`sequence`, `hash`).
fn heads(published: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<mubiao::Head>> {
    published.map_or_else(|| Ok(Vec::new()), |value| from_py(value))
}

impl Ledger {
    /// A tree size given, or the whole ledger's.
    fn size_or_all(&self, size: Option<WholeNumber>, argument: &str) -> PyResult<u64> {
        size.map_or(Ok(self.inner.tree_size()), |s| {
            s.count(argument, 0, u64::MAX)
        })
    }
}

/// An adopted plan with every change made to it since, checked, recorded and hash-chained.
#[pyclass(module = "mubiao")]
pub struct Ledger {
    inner: mubiao::Ledger,
}

#[pymethods]
impl Ledger {
    /// Starts a ledger with `plan` (a Plan, JSON text or a dict) adopted by the district
    /// head `actor` at `at` (a datetime or ISO string); its chain and tree are hashed with
    /// `hash`, "sha256" or "sm3".
    #[staticmethod]
    #[pyo3(signature = (plan, *, actor, at, reason = None, hash = Text::from("sha256")), text_signature = "(plan, *, actor, at, reason=None, hash='sha256')")]
    fn adopt(
        py: Python<'_>,
        plan: &Bound<'_, PyAny>,
        actor: Text,
        at: &Bound<'_, PyAny>,
        reason: Option<Text>,
        hash: Text,
    ) -> PyResult<Self> {
        let algorithm: mubiao::transparency::HashAlgorithm = hash
            .0
            .parse()
            .map_err(|e| crate::errors::argument_error(&e))?;
        let (actor, reason) = (actor.0, reason.map(|r| r.0));
        let actor = actor.as_str();
        let document = match plan.cast::<Plan>() {
            Ok(plan) => plan.get().inner.document().clone(),
            Err(_) => read_plan(py, plan)?.into_document(),
        };
        let at = to_datetime(at, "at")?;
        let inner = mubiao::Ledger::adopt_with_hash(document, actor, at, reason, algorithm)
            .map_err(|e| refused(py, &e))?;
        Ok(Self { inner })
    }

    /// Reads a ledger from JSON Lines (`str`, or the file's `bytes`, whose encoding is then
    /// checked line by line): verifies every line's hash on its bytes, checks that every
    /// `published` head (a dict from `head()`) is in it with the same hash, and replays
    /// every entry under the rules of its version.
    #[staticmethod]
    #[pyo3(signature = (text, *, published = None))]
    fn from_jsonl(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        published: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let published = heads(published)?;
        let bytes = to_bytes(text, "text")?;
        let inner =
            mubiao::Ledger::from_jsonl_bytes(&bytes, &published).map_err(|e| to_py_err(py, e))?;
        Ok(Self { inner })
    }

    /// Verifies a ledger's integrity without replaying any rule; returns its head as a
    /// dict (`sequence`, `hash`).
    #[staticmethod]
    #[pyo3(signature = (text, *, published = None))]
    fn verify_jsonl<'py>(
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        published: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let published = heads(published)?;
        let head = mubiao::Ledger::verify_jsonl(&to_text(text, "text")?, &published)
            .map_err(|e| to_py_err(py, e))?;
        to_py(py, &head)
    }

    /// The hash function of the ledger's chain and tree: "sha256" or "sm3".
    #[getter]
    fn hash_algorithm(&self) -> &'static str {
        self.inner.hash_algorithm().as_str()
    }

    /// How many entries the ledger holds: the size of its Merkle tree.
    #[getter]
    fn tree_size(&self) -> u64 {
        self.inner.tree_size()
    }

    /// The Merkle tree head (RFC 9162) of the first `size` entries (all of them by
    /// default), as 64 hex digits.
    #[pyo3(signature = (size = None))]
    fn tree_head(&self, py: Python<'_>, size: Option<WholeNumber>) -> PyResult<String> {
        let size = self.size_or_all(size, "size")?;
        let head = self
            .inner
            .tree_head(size)
            .map_err(|e| to_py_err(py, e.into()))?;
        Ok(head.to_string())
    }

    /// The ledger's checkpoint, signed by `signer`: the text to publish. Its origin is
    /// `origin`, or the signer's name (a key named after the log, e.g.
    /// "xuhui.gov.cn/mubiao/2017").
    #[pyo3(signature = (signer, *, origin = None))]
    fn signed_checkpoint(
        &self,
        py: Python<'_>,
        signer: PyRef<'_, NoteSigner>,
        origin: Option<Text>,
    ) -> PyResult<String> {
        signer.sign_checkpoint(py, &self.inner, origin.as_ref().map(|o| o.0.as_str()))
    }

    /// Checks a ledger's text (`str` or `bytes`) against a checkpoint signed by
    /// `verifier` without replaying any rule: the chain of every line, then the
    /// checkpoint. Returns the checkpoint as a dict.
    #[staticmethod]
    fn verify_jsonl_checkpoint<'py>(
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        note: Text,
        verifier: PyRef<'_, NoteVerifier>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(text, "text")?;
        let checkpoint = mubiao::Ledger::verify_jsonl_checkpoint(&text, &note.0, &verifier.inner)
            .map_err(|e| to_py_err(py, e))?;
        to_py(py, &checkpoint)
    }

    /// The proof that entry `sequence` is in the tree of the first `size` entries (all by
    /// default): a list of hashes.
    #[pyo3(signature = (sequence, size = None))]
    fn inclusion_proof(
        &self,
        py: Python<'_>,
        sequence: WholeNumber,
        size: Option<WholeNumber>,
    ) -> PyResult<Vec<String>> {
        let size = self.size_or_all(size, "size")?;
        let sequence = sequence.count("sequence", 0, u64::MAX)?;
        let proof = self
            .inner
            .inclusion_proof(sequence, size)
            .map_err(|e| to_py_err(py, e.into()))?;
        Ok(proof.iter().map(ToString::to_string).collect())
    }

    /// The proof that the tree of the first `new` entries (all by default) extends that of
    /// the first `old`: a list of hashes.
    #[pyo3(signature = (old, new = None))]
    fn consistency_proof(
        &self,
        py: Python<'_>,
        old: WholeNumber,
        new: Option<WholeNumber>,
    ) -> PyResult<Vec<String>> {
        let new = self.size_or_all(new, "new")?;
        let old = old.count("old", 0, u64::MAX)?;
        let proof = self
            .inner
            .consistency_proof(old, new)
            .map_err(|e| to_py_err(py, e.into()))?;
        Ok(proof.iter().map(ToString::to_string).collect())
    }

    /// Checks the ledger against a published checkpoint signed by `verifier`: the
    /// signature, then that the ledger holds the checkpoint's entries with its tree head
    /// (a dropped tail, a rewrite or a fork raises `IntegrityError`). Returns the
    /// checkpoint as a dict.
    fn verify_checkpoint<'py>(
        &self,
        py: Python<'py>,
        note: Text,
        verifier: PyRef<'_, NoteVerifier>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let checkpoint = self
            .inner
            .verify_checkpoint(&note.0, &verifier.inner)
            .map_err(|e| to_py_err(py, e))?;
        to_py(py, &checkpoint)
    }

    /// The last entry's sequence number and hash, as a dict: publish it so that a later
    /// reading can tell a dropped or rewritten tail.
    fn head<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.head())
    }

    /// The plan as it stood at the end of `day` (a date or ISO string). A status of a
    /// past date comes from this plan; `plan` is the plan as it stands now.
    fn plan_on(&self, py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<Plan> {
        let plan = self
            .inner
            .plan_on(to_date(day, "day")?)
            .map_err(|e| refused(py, &e))?;
        Ok(Plan {
            inner: Arc::new(plan),
        })
    }

    /// Where everything stood at the end of `as_of`, from the plan as it stood that day:
    /// a deadline moved later since does not change what that day looked like.
    #[pyo3(signature = (as_of, *, calendar = None))]
    fn status(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Status> {
        let plan = self.plan_on(py, as_of)?;
        Status::of(
            py,
            plan.inner,
            to_date(as_of, "as_of")?,
            default_options(calendar.as_deref()),
        )
    }

    /// Checks and records a change (a dict with a `kind`, e.g.
    /// `{"kind": "report_progress", "milestone": "m1", "date": "2017-03-31", "progress": "done"}`);
    /// returns the entry as a dict.
    #[pyo3(signature = (change, *, actor, at, reason = None))]
    fn record<'py>(
        &mut self,
        py: Python<'py>,
        change: &Bound<'_, PyAny>,
        actor: Text,
        at: &Bound<'_, PyAny>,
        reason: Option<Text>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (actor, reason) = (actor.0, reason.map(|r| r.0));
        let actor = actor.as_str();
        let change: mubiao::Change = from_py(change)?;
        let at = to_datetime(at, "at")?;
        let entry = self
            .inner
            .record(actor, at, change, reason)
            .map_err(|e| refused(py, &e))?;
        to_py(py, &entry)
    }

    /// Every entry, as dicts.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.entries())
    }

    /// The plan as it stands now.
    #[getter]
    fn plan(&self) -> Plan {
        Plan {
            inner: Arc::new(self.inner.plan().clone()),
        }
    }

    /// The plan as adopted.
    #[getter]
    fn adopted_plan(&self) -> Plan {
        Plan {
            inner: Arc::new(self.inner.adopted_plan().clone()),
        }
    }

    /// The plan as it stood at `at`.
    fn plan_at(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<Plan> {
        let plan = self
            .inner
            .plan_at(to_datetime(at, "at")?)
            .map_err(|e| refused(py, &e))?;
        Ok(Plan {
            inner: Arc::new(plan),
        })
    }

    /// The entries that concern an item (key task, sub-project, milestone, unit, person).
    fn history<'py>(&self, py: Python<'py>, id: Text) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.history(&id.0))
    }

    /// Every request for a later date, with its decision, one row each.
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<_> = self.inner.requests().cloned().collect();
        table(py, rows)
    }

    /// The plan as adopted beside the plan as adjusted, one row per milestone changed.
    fn adjustments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, self.inner.adjustments())
    }

    /// Checks the hash chain; raises IntegrityError at the first bad entry.
    fn verify(&self, py: Python<'_>) -> PyResult<()> {
        self.inner.verify().map_err(|e| integrity_error(py, &e))
    }

    /// The ledger as JSON Lines.
    fn to_jsonl(&self) -> String {
        self.inner.to_jsonl()
    }

    /// The ledger as an `.xlsx` workbook, written to `path` or returned as bytes: with
    /// `as_of`, the supervision report of that day with its adjustments sheet; without, the
    /// adjustments alone (original and current deadlines and targets, every move with who
    /// approved it); in `language` ("zh" or "en").
    #[pyo3(
        signature = (path = None, *, as_of = None, language = crate::convert::Text::from("zh"), calendar = None),
        text_signature = "(self, /, path=None, *, as_of=None, language='zh', calendar=None)"
    )]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        language: crate::convert::Text,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Option<Py<pyo3::types::PyBytes>>> {
        let language: mubiao::Language = crate::convert::named(&language.0, "language")?;
        let as_of = as_of.map(|day| to_date(day, "as_of")).transpose()?;
        let options = default_options(calendar.as_deref());
        let workbook = mubiao::tables::ledger_workbook(&self.inner, as_of, &options, language)
            .map_err(|e| to_py_err(py, e))?;
        crate::tables::write_workbook(py, &workbook, path)
    }

    /// The supervision report of the plan as it stood at the end of `as_of`, with the
    /// adjustments recorded by then.
    #[pyo3(signature = (as_of, *, calendar = None))]
    fn supervision_report(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Report> {
        let options = default_options(calendar.as_deref());
        let inner = self
            .inner
            .supervision_report(to_date(as_of, "as_of")?, &options)
            .map_err(|e| to_py_err(py, e))?;
        Ok(Report { inner })
    }

    /// The supervision bulletin of the plan as it stood at the end of `as_of`, with the
    /// adjustments recorded by then; as `Status.bulletin`.
    #[pyo3(
        signature = (as_of, *, calendar = None, language = Text::from("zh"), step = Text::from("month"), trajectories_per_leader = 6),
        text_signature = "(self, /, as_of, *, calendar=None, language='zh', step='month', trajectories_per_leader=6)"
    )]
    fn bulletin(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        calendar: Option<PyRef<'_, Calendar>>,
        language: Text,
        step: Text,
        trajectories_per_leader: usize,
    ) -> PyResult<crate::bulletin::Bulletin> {
        let options = default_options(calendar.as_deref());
        let bulletin =
            crate::bulletin::bulletin_options(&language, &step, trajectories_per_leader)?;
        let html = self
            .inner
            .bulletin(to_date(as_of, "as_of")?, &options, &bulletin)
            .map_err(|e| to_py_err(py, e))?;
        Ok(crate::bulletin::Bulletin::new("supervision", html))
    }

    /// The year-end assessment of the plan as it stood at the end of `as_of`; a refused
    /// request for a later date puts a lagging milestone on the accountability list.
    #[pyo3(signature = (as_of, *, components, scheme = None, calendar = None))]
    fn assess(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        components: &Bound<'_, PyDict>,
        scheme: Option<PyRef<'_, Scheme>>,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Assessment> {
        let (components, scheme, options) =
            crate::assessment::inputs(components, scheme, calendar)?;
        let inner = self
            .inner
            .assess(to_date(as_of, "as_of")?, &scheme, &components, &options)
            .map_err(|e| to_py_err(py, e))?;
        Ok(Assessment {
            inner,
            plan: Some(std::sync::Arc::new(self.inner.plan().clone())),
        })
    }

    fn __len__(&self) -> usize {
        self.inner.entries().len()
    }
}
