//! Signed notes, checkpoints and Merkle proofs in the browser and Node: keys and checks for
//! a ledger that others can verify. Hashes are 64 hex digits, as the ledger writes them.

use mubiao::transparency::{self as core, TreeHash};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, to_js, whole_number};
use crate::error::{argument_error, to_js_error};

fn hash(argument: &str, text: &str) -> Result<TreeHash, JsValue> {
    TreeHash::from_argument(argument, text).map_err(|e| argument_error(&e))
}

fn hashes(argument: &str, value: JsValue) -> Result<Vec<TreeHash>, JsValue> {
    let texts: Vec<String> = from_js(value, argument)?;
    texts.iter().map(|t| hash(argument, t)).collect()
}

fn note_error(error: core::NoteError) -> JsValue {
    to_js_error(error.into())
}

/// A proof error as a JavaScript error.
pub(crate) fn proof_error(error: core::ProofError) -> JsValue {
    to_js_error(error.into())
}

/// A tree size given, or `all`.
pub(crate) fn size_or(value: Option<f64>, argument: &str, all: u64) -> Result<u64, JsValue> {
    value.map_or(Ok(all), |v| whole_number(v, argument, 0, u64::MAX))
}

/// A key that signs notes and checkpoints: an Ed25519 key with a name (the log's origin).
/// Make one from 32 random bytes (`new NoteSigner(name, crypto.getRandomValues(new
/// Uint8Array(32)))`) or read a signer key; keep it secret.
#[wasm_bindgen]
pub struct NoteSigner {
    pub(crate) inner: core::NoteSigner,
}

#[wasm_bindgen]
impl NoteSigner {
    /// The signer named `name` whose secret key is the 32 bytes `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, seed: &[u8]) -> Result<NoteSigner, JsValue> {
        Ok(NoteSigner {
            inner: core::NoteSigner::from_seed_bytes(name, seed).map_err(to_js_error)?,
        })
    }

    /// Reads a signer key, `PRIVATE+KEY+<name>+<key id>+<base64>`.
    #[wasm_bindgen(js_name = fromSignerKey)]
    pub fn from_signer_key(key: &str) -> Result<NoteSigner, JsValue> {
        Ok(NoteSigner {
            inner: core::NoteSigner::from_signer_key(key).map_err(note_error)?,
        })
    }

    /// The signer key, to keep secret.
    #[wasm_bindgen(getter, js_name = signerKey)]
    pub fn signer_key(&self) -> String {
        self.inner.signer_key()
    }

    /// The key's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The verifier of this key's signatures, to publish.
    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier {
            inner: self.inner.verifier(),
        }
    }

    /// Signs `text` (lines each ending in a newline) as a note.
    pub fn sign(&self, text: &str) -> Result<String, JsValue> {
        self.inner.sign(text).map_err(note_error)
    }

    /// Adds this key's signature to a signed note (a countersignature).
    pub fn cosign(&self, note: &str) -> Result<String, JsValue> {
        self.inner.cosign(note).map_err(note_error)
    }
}

/// A published key that checks signed notes: `new NoteVerifier("name+keyid+base64")`.
#[wasm_bindgen]
pub struct NoteVerifier {
    pub(crate) inner: core::NoteVerifier,
}

#[wasm_bindgen]
impl NoteVerifier {
    /// Reads a verifier key, `<name>+<key id>+<base64(0x01 ‖ public key)>`.
    #[wasm_bindgen(constructor)]
    pub fn new(verifier_key: &str) -> Result<NoteVerifier, JsValue> {
        Ok(NoteVerifier {
            inner: core::NoteVerifier::from_verifier_key(verifier_key).map_err(note_error)?,
        })
    }

    /// The verifier key, to publish.
    #[wasm_bindgen(getter, js_name = verifierKey)]
    pub fn verifier_key(&self) -> String {
        self.inner.verifier_key()
    }

    /// The key's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Checks that `note` carries a valid signature by this key; returns its text.
    pub fn open(&self, note: &str) -> Result<String, JsValue> {
        self.inner.open(note).map(str::to_owned).map_err(note_error)
    }

    /// Opens a signed checkpoint: `{ origin, size, root }`.
    #[wasm_bindgen(js_name = openCheckpoint, unchecked_return_type = "Checkpoint")]
    pub fn open_checkpoint(&self, note: &str) -> Result<JsValue, JsValue> {
        to_js(&core::Checkpoint::open(note, &self.inner).map_err(note_error)?)
    }
}

/// The Merkle leaf hash of `data` (an entry's line, as text or bytes): SHA-256(0x00 ‖ data).
#[wasm_bindgen(js_name = leafHash)]
pub fn leaf_hash(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
) -> Result<String, JsValue> {
    let data = crate::convert::text_or_bytes(
        &data,
        &mubiao::ArgumentError::new(
            "data",
            "give an entry's line as text or bytes (a Uint8Array)",
            "请以文本或字节(Uint8Array)给出一条记录的行",
        ),
    )?;
    Ok(core::leaf_hash(&data).to_string())
}

/// Checks that entry `index`, whose leaf hash is `leaf`, is in the tree of `size` entries
/// whose head is `root`; throws a `MubiaoError` (code `proof-does-not-verify`) if not.
#[wasm_bindgen(js_name = verifyInclusion)]
pub fn verify_inclusion(
    index: f64,
    size: f64,
    leaf: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] proof: JsValue,
    root: &str,
) -> Result<(), JsValue> {
    core::verify_inclusion(
        whole_number(index, "index", 0, u64::MAX)?,
        whole_number(size, "size", 0, u64::MAX)?,
        &hash("leaf", leaf)?,
        &hashes("proof", proof)?,
        &hash("root", root)?,
    )
    .map_err(proof_error)
}

/// Checks that the tree of `newSize` entries with head `newRoot` extends the tree of
/// `oldSize` entries with head `oldRoot`; throws a `MubiaoError` if not.
#[wasm_bindgen(js_name = verifyConsistency)]
pub fn verify_consistency(
    old_size: f64,
    new_size: f64,
    old_root: &str,
    new_root: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] proof: JsValue,
) -> Result<(), JsValue> {
    core::verify_consistency(
        whole_number(old_size, "oldSize", 0, u64::MAX)?,
        whole_number(new_size, "newSize", 0, u64::MAX)?,
        &hash("oldRoot", old_root)?,
        &hash("newRoot", new_root)?,
        &hashes("proof", proof)?,
    )
    .map_err(proof_error)
}

/// Hashes as their hex text.
pub(crate) fn hex_list(proof: &[TreeHash]) -> Vec<String> {
    proof.iter().map(ToString::to_string).collect()
}
