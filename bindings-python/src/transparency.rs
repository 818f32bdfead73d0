//! Signed notes, checkpoints and Merkle proofs: keys and checks for a ledger that others
//! can verify. Hashes are 64 hex digits, as the ledger writes them.

use mubiao::transparency::{self as core, TreeHash};
use pyo3::prelude::*;

use crate::convert::{to_bytes, Text, WholeNumber};
use crate::errors::{argument_error, to_py_err};

fn hash(argument: &str, text: &str) -> PyResult<TreeHash> {
    TreeHash::from_argument(argument, text).map_err(|e| argument_error(&e))
}

fn hashes(argument: &str, texts: &[Text]) -> PyResult<Vec<TreeHash>> {
    texts.iter().map(|t| hash(argument, &t.0)).collect()
}

fn note_error(py: Python<'_>, error: core::NoteError) -> PyErr {
    to_py_err(py, error.into())
}

fn count(value: &WholeNumber, argument: &str) -> PyResult<u64> {
    value.count(argument, 0, u64::MAX)
}

/// A key that signs notes and checkpoints: an Ed25519 key with a name (the log's origin,
/// e.g. "xuhui.gov.cn/mubiao/2017"). Make one from 32 random bytes
/// (`NoteSigner("name", os.urandom(32))`) or read a signer key; keep it secret.
#[pyclass(module = "mubiao", frozen)]
pub struct NoteSigner {
    inner: core::NoteSigner,
}

#[pymethods]
impl NoteSigner {
    #[new]
    fn new(py: Python<'_>, name: Text, seed: &Bound<'_, PyAny>) -> PyResult<Self> {
        let seed = to_bytes(seed, "seed")?;
        let inner =
            core::NoteSigner::from_seed_bytes(&name.0, &seed).map_err(|e| to_py_err(py, e))?;
        Ok(Self { inner })
    }

    /// Reads a signer key, `PRIVATE+KEY+<name>+<key id>+<base64>`.
    #[staticmethod]
    fn from_signer_key(py: Python<'_>, key: Text) -> PyResult<Self> {
        let inner = core::NoteSigner::from_signer_key(&key.0).map_err(|e| note_error(py, e))?;
        Ok(Self { inner })
    }

    /// The signer key, to keep secret.
    #[getter]
    fn signer_key(&self) -> String {
        self.inner.signer_key()
    }

    /// The key's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The verifier of this key's signatures, to publish.
    fn verifier(&self) -> NoteVerifier {
        NoteVerifier {
            inner: self.inner.verifier(),
        }
    }

    /// Signs `text` (lines each ending in a newline) as a note.
    fn sign(&self, py: Python<'_>, text: Text) -> PyResult<String> {
        self.inner.sign(&text.0).map_err(|e| note_error(py, e))
    }

    /// Adds this key's signature to a signed note (a countersignature).
    fn cosign(&self, py: Python<'_>, note: Text) -> PyResult<String> {
        self.inner.cosign(&note.0).map_err(|e| note_error(py, e))
    }

    fn __repr__(&self) -> String {
        format!("<mubiao.NoteSigner {}>", self.inner.name())
    }
}

impl NoteSigner {
    /// The checkpoint of `ledger` under `origin` (this key's name when `None`), signed by
    /// this key.
    pub fn sign_checkpoint(
        &self,
        py: Python<'_>,
        ledger: &mubiao::Ledger,
        origin: Option<&str>,
    ) -> PyResult<String> {
        ledger
            .signed_checkpoint(&self.inner, origin)
            .map_err(|e| note_error(py, e))
    }
}

/// A published key that checks signed notes: `NoteVerifier("name+keyid+base64")`.
#[pyclass(module = "mubiao", frozen)]
pub struct NoteVerifier {
    pub(crate) inner: core::NoteVerifier,
}

#[pymethods]
impl NoteVerifier {
    #[new]
    fn new(py: Python<'_>, verifier_key: Text) -> PyResult<Self> {
        let inner = core::NoteVerifier::from_verifier_key(&verifier_key.0)
            .map_err(|e| note_error(py, e))?;
        Ok(Self { inner })
    }

    /// The verifier key, to publish: `<name>+<key id>+<base64>`.
    #[getter]
    fn verifier_key(&self) -> String {
        self.inner.verifier_key()
    }

    /// The key's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Checks that `note` carries a valid signature by this key; returns its text.
    fn open(&self, py: Python<'_>, note: Text) -> PyResult<String> {
        self.inner
            .open(&note.0)
            .map(str::to_owned)
            .map_err(|e| note_error(py, e))
    }

    /// Opens a signed checkpoint: its `origin`, `size` and `root`, as a dict.
    fn open_checkpoint<'py>(&self, py: Python<'py>, note: Text) -> PyResult<Bound<'py, PyAny>> {
        let checkpoint =
            core::Checkpoint::open(&note.0, &self.inner).map_err(|e| note_error(py, e))?;
        crate::convert::to_py(py, &checkpoint)
    }

    fn __repr__(&self) -> String {
        format!("<mubiao.NoteVerifier {}>", self.inner.verifier_key())
    }
}

/// The Merkle leaf hash of `data` (an entry's line, as bytes or text): SHA-256(0x00 ‖ data).
#[pyfunction]
pub fn leaf_hash(data: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(core::leaf_hash(&to_bytes(data, "data")?).to_string())
}

/// Checks that entry `index`, whose leaf hash is `leaf`, is in the tree of `size` entries
/// whose head is `root`; raises `MubiaoError` (code `proof-does-not-verify`) if not.
#[pyfunction]
#[pyo3(signature = (index, size, leaf, proof, root))]
pub fn verify_inclusion(
    py: Python<'_>,
    index: WholeNumber,
    size: WholeNumber,
    leaf: Text,
    proof: Vec<Text>,
    root: Text,
) -> PyResult<()> {
    core::verify_inclusion(
        count(&index, "index")?,
        count(&size, "size")?,
        &hash("leaf", &leaf.0)?,
        &hashes("proof", &proof)?,
        &hash("root", &root.0)?,
    )
    .map_err(|e| to_py_err(py, e.into()))
}

/// Checks that the tree of `new` entries with head `new_root` extends the tree of `old`
/// entries with head `old_root`; raises `MubiaoError` if not.
#[pyfunction]
#[pyo3(signature = (old, new, old_root, new_root, proof))]
pub fn verify_consistency(
    py: Python<'_>,
    old: WholeNumber,
    new: WholeNumber,
    old_root: Text,
    new_root: Text,
    proof: Vec<Text>,
) -> PyResult<()> {
    core::verify_consistency(
        count(&old, "old")?,
        count(&new, "new")?,
        &hash("old_root", &old_root.0)?,
        &hash("new_root", &new_root.0)?,
        &hashes("proof", &proof)?,
    )
    .map_err(|e| to_py_err(py, e.into()))
}
