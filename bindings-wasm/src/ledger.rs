//! The change ledger.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::convert::{from_js, to_date, to_datetime, to_js};
use crate::error::{refused, to_js_error};
use crate::{status_options, Assessment, Plan, Report};

/// Published heads from an optional array of `{sequence, hash}`.
fn heads(published: JsValue) -> Result<Vec<mubiao::Head>, JsValue> {
    if published.is_undefined() || published.is_null() {
        Ok(Vec::new())
    } else {
        from_js(published, "published")
    }
}

/// A ledger's text as its UTF-8 bytes, or the bytes of its file as given.
fn text_bytes(text: &JsValue) -> Result<Vec<u8>, JsValue> {
    crate::convert::text_or_bytes(
        text,
        &mubiao::ArgumentError::new(
            "text",
            "a ledger is JSON Lines text or the bytes of its file (a Uint8Array)",
            "台账须为 JSON Lines 文本或其文件的字节(Uint8Array)",
        ),
    )
}

/// An adopted plan with every change since, checked, recorded and hash-chained.
#[wasm_bindgen]
pub struct Ledger {
    pub(crate) inner: mubiao::Ledger,
}

#[wasm_bindgen]
impl Ledger {
    /// Starts a ledger with `plan` adopted by the district head `actor` at `at`; its chain
    /// and tree are hashed with `hash`, "sha256" (the default) or "sm3".
    pub fn adopt(
        plan: &Plan,
        actor: &str,
        at: &str,
        reason: Option<String>,
        hash: Option<String>,
    ) -> Result<Ledger, JsValue> {
        let algorithm: mubiao::transparency::HashAlgorithm = hash
            .as_deref()
            .unwrap_or("sha256")
            .parse()
            .map_err(|e| crate::error::argument_error(&e))?;
        let inner = mubiao::Ledger::adopt_with_hash(
            plan.inner.document().clone(),
            actor,
            to_datetime(at, "at")?,
            reason,
            algorithm,
        )
        .map_err(|e| refused(&e))?;
        Ok(Ledger { inner })
    }

    /// Reads a ledger from JSON Lines (text, or the file's bytes, whose encoding is then
    /// checked): verifies every line's hash on its bytes, checks every `published` head,
    /// and replays every entry under the rules of its version.
    #[wasm_bindgen(js_name = fromJsonl)]
    pub fn from_jsonl(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Head[] | undefined")] published: JsValue,
    ) -> Result<Ledger, JsValue> {
        let published = heads(published)?;
        let bytes = text_bytes(&text)?;
        Ok(Ledger {
            inner: mubiao::Ledger::from_jsonl_bytes(&bytes, &published).map_err(to_js_error)?,
        })
    }

    /// The hash function of the ledger's chain and tree: "sha256" or "sm3".
    #[wasm_bindgen(getter, js_name = hashAlgorithm)]
    pub fn hash_algorithm(&self) -> String {
        self.inner.hash_algorithm().as_str().to_owned()
    }

    /// How many entries the ledger holds: the size of its Merkle tree.
    #[wasm_bindgen(getter, js_name = treeSize)]
    pub fn tree_size(&self) -> f64 {
        // Ledgers hold far fewer than 2^53 entries: the number is exact.
        #[allow(clippy::cast_precision_loss)]
        let size = self.inner.tree_size() as f64;
        size
    }

    /// The Merkle tree head (RFC 9162) of the first `size` entries (all by default), as 64
    /// hex digits.
    #[wasm_bindgen(js_name = treeHead)]
    pub fn tree_head(&self, size: Option<f64>) -> Result<String, JsValue> {
        let size = crate::transparency::size_or(size, "size", self.inner.tree_size())?;
        let head = self
            .inner
            .tree_head(size)
            .map_err(crate::transparency::proof_error)?;
        Ok(head.to_string())
    }

    /// The ledger's checkpoint signed by `signer`: the text to publish. Its origin is
    /// `origin`, or the signer's name (a key named after the log).
    #[wasm_bindgen(js_name = signedCheckpoint)]
    pub fn signed_checkpoint(
        &self,
        signer: &crate::transparency::NoteSigner,
        origin: Option<String>,
    ) -> Result<String, JsValue> {
        self.inner
            .signed_checkpoint(&signer.inner, origin.as_deref())
            .map_err(|e| to_js_error(e.into()))
    }

    /// Checks a ledger's text against a checkpoint signed by `verifier` without replaying
    /// any rule: the chain of every line, then the checkpoint. Returns the checkpoint.
    #[wasm_bindgen(js_name = verifyJsonlCheckpoint, unchecked_return_type = "Checkpoint")]
    pub fn verify_jsonl_checkpoint(
        text: &str,
        note: &str,
        verifier: &crate::transparency::NoteVerifier,
    ) -> Result<JsValue, JsValue> {
        let checkpoint = mubiao::Ledger::verify_jsonl_checkpoint(text, note, &verifier.inner)
            .map_err(to_js_error)?;
        crate::convert::to_js(&checkpoint)
    }

    /// The proof that entry `sequence` is in the tree of the first `size` entries (all by
    /// default): an array of hashes.
    #[wasm_bindgen(js_name = inclusionProof)]
    pub fn inclusion_proof(
        &self,
        sequence: f64,
        size: Option<f64>,
    ) -> Result<Vec<String>, JsValue> {
        let size = crate::transparency::size_or(size, "size", self.inner.tree_size())?;
        let sequence = crate::convert::whole_number(sequence, "sequence", 0, u64::MAX)?;
        let proof = self
            .inner
            .inclusion_proof(sequence, size)
            .map_err(crate::transparency::proof_error)?;
        Ok(crate::transparency::hex_list(&proof))
    }

    /// The proof that the tree of the first `newSize` entries (all by default) extends
    /// that of the first `oldSize`: an array of hashes.
    #[wasm_bindgen(js_name = consistencyProof)]
    pub fn consistency_proof(
        &self,
        old_size: f64,
        new_size: Option<f64>,
    ) -> Result<Vec<String>, JsValue> {
        let new = crate::transparency::size_or(new_size, "newSize", self.inner.tree_size())?;
        let old = crate::convert::whole_number(old_size, "oldSize", 0, u64::MAX)?;
        let proof = self
            .inner
            .consistency_proof(old, new)
            .map_err(crate::transparency::proof_error)?;
        Ok(crate::transparency::hex_list(&proof))
    }

    /// Checks the ledger against a published checkpoint signed by `verifier`: the
    /// signature, then that the ledger holds its entries with its tree head (a dropped
    /// tail, a rewrite or a fork throws an `IntegrityError`). Returns the checkpoint.
    #[wasm_bindgen(js_name = verifyCheckpoint, unchecked_return_type = "Checkpoint")]
    pub fn verify_checkpoint(
        &self,
        note: &str,
        verifier: &crate::transparency::NoteVerifier,
    ) -> Result<JsValue, JsValue> {
        let checkpoint = self
            .inner
            .verify_checkpoint(note, &verifier.inner)
            .map_err(to_js_error)?;
        crate::convert::to_js(&checkpoint)
    }

    /// Verifies a ledger's integrity without replaying any rule; returns its head.
    #[wasm_bindgen(js_name = verifyJsonl, unchecked_return_type = "Head")]
    pub fn verify_jsonl(
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "Head[] | undefined")] published: JsValue,
    ) -> Result<JsValue, JsValue> {
        let published = heads(published)?;
        to_js(&mubiao::Ledger::verify_jsonl(text, &published).map_err(to_js_error)?)
    }

    /// The last entry's sequence number and hash, to publish.
    #[wasm_bindgen(unchecked_return_type = "Head")]
    pub fn head(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.head())
    }

    /// The plan as it stood at the end of `day` (`YYYY-MM-DD`).
    #[wasm_bindgen(js_name = planOn)]
    pub fn plan_on(&self, day: &str) -> Result<Plan, JsValue> {
        let plan = self
            .inner
            .plan_on(to_date(day, "day")?)
            .map_err(|e| refused(&e))?;
        Ok(Plan {
            inner: Rc::new(plan),
        })
    }

    /// Where everything stood at the end of `asOf`, from the plan as it stood that day: a
    /// deadline moved later since does not change what that day looked like.
    pub fn status(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<crate::Status, JsValue> {
        self.plan_on(as_of)?.status(as_of, options)
    }

    /// Checks and records a change; returns the entry.
    #[wasm_bindgen(unchecked_return_type = "Entry")]
    pub fn record(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Change")] change: JsValue,
        actor: &str,
        at: &str,
        reason: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let change: mubiao::Change = from_js(change, "the change")?;
        let entry = self
            .inner
            .record(actor, to_datetime(at, "at")?, change, reason)
            .map_err(|e| refused(&e))?;
        to_js(&entry)
    }

    /// Every entry.
    #[wasm_bindgen(unchecked_return_type = "Entry[]")]
    pub fn entries(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.entries())
    }

    /// The plan as it stands now.
    pub fn plan(&self) -> Plan {
        Plan {
            inner: Rc::new(self.inner.plan().clone()),
        }
    }

    /// The plan as adopted.
    #[wasm_bindgen(js_name = adoptedPlan)]
    pub fn adopted_plan(&self) -> Plan {
        Plan {
            inner: Rc::new(self.inner.adopted_plan().clone()),
        }
    }

    /// The plan as it stood at `at`.
    #[wasm_bindgen(js_name = planAt)]
    pub fn plan_at(&self, at: &str) -> Result<Plan, JsValue> {
        let plan = self
            .inner
            .plan_at(to_datetime(at, "at")?)
            .map_err(|e| refused(&e))?;
        Ok(Plan {
            inner: Rc::new(plan),
        })
    }

    /// The entries that concern an item.
    #[wasm_bindgen(unchecked_return_type = "Entry[]")]
    pub fn history(&self, id: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.history(id))
    }

    /// Every request for a later date, with its decision.
    #[wasm_bindgen(unchecked_return_type = "LaterDateRequest[]")]
    pub fn requests(&self) -> Result<JsValue, JsValue> {
        let rows: Vec<_> = self.inner.requests().collect();
        to_js(&rows)
    }

    /// The plan as adopted beside the plan as adjusted.
    #[wasm_bindgen(unchecked_return_type = "MilestoneAdjustment[]")]
    pub fn adjustments(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.adjustments())
    }

    /// Checks the hash chain; throws at the first bad entry.
    pub fn verify(&self) -> Result<(), JsValue> {
        self.inner.verify().map_err(|e| to_js_error(e.into()))
    }

    /// The ledger as JSON Lines.
    #[wasm_bindgen(js_name = toJsonl)]
    pub fn to_jsonl(&self) -> String {
        self.inner.to_jsonl()
    }

    /// The supervision report of the plan as it stood at the end of `asOf`.
    #[wasm_bindgen(js_name = supervisionReport)]
    pub fn supervision_report(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<Report, JsValue> {
        let inner = self
            .inner
            .supervision_report(to_date(as_of, "asOf")?, &status_options(options)?)
            .map_err(to_js_error)?;
        Ok(Report { inner })
    }

    /// The year-end assessment of the plan as it stood at the end of `asOf`.
    pub fn assess(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "ComponentScores")] components: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoringScheme | undefined")] scheme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<Assessment, JsValue> {
        let (components, scheme, options) = crate::assessment_inputs(components, scheme, options)?;
        let inner = self
            .inner
            .assess(to_date(as_of, "asOf")?, &scheme, &components, &options)
            .map_err(to_js_error)?;
        Ok(Assessment {
            inner,
            plan: Some(std::rc::Rc::new(self.inner.plan().clone())),
        })
    }

    /// How many entries the ledger holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.entries().len()
    }
}
