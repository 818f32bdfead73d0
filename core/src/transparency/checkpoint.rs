//! Checkpoints (the C2SP `tlog-checkpoint` format): the text a log signs to commit to its
//! state — its origin, its size and its tree head — one item a line.
//!
//! ```text
//! xuhui.gov.cn/mubiao/2017
//! 8
//! XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::note::NoteError;
use super::{NoteSigner, NoteVerifier, TreeHash};

/// A log's committed state: whose log (origin), how many entries, and the tree head of
/// those entries. Signed as a note, it is what a host publishes and others countersign.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The log's name, unique to it: e.g. `xuhui.gov.cn/mubiao/2017`.
    pub origin: String,
    /// How many entries the log held.
    pub size: u64,
    /// The tree head of those entries.
    pub root: TreeHash,
    /// Further lines the log commits to, after the three of the format (usually none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
}

fn malformed(problem: &str, problem_zh: &str) -> NoteError {
    NoteError::Malformed {
        problem: format!("not a checkpoint: {problem}"),
        problem_zh: format!("不是检查点:{problem_zh}"),
    }
}

impl Checkpoint {
    /// The checkpoint's text, each line ending in a newline: origin, size, base64 head,
    /// then any extension lines.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root.0)
        );
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Reads a checkpoint's text (the text of a signed note, once opened).
    ///
    /// # Errors
    ///
    /// [`NoteError::Malformed`] for text that is not an origin, a size in decimal without
    /// leading zeros and a 32-byte base64 head, one a line.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| malformed("it must end with a newline", "它应以换行结束"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or_else(|| {
            malformed(
                "the first line, the origin, is empty",
                "第一行(日志名称)为空",
            )
        })?;
        let size = lines
            .next()
            .filter(|s| !s.is_empty() && (s == &"0" || !s.starts_with('0')))
            .and_then(|s| s.bytes().all(|b| b.is_ascii_digit()).then_some(s))
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or_else(|| {
                malformed(
                    "the second line must be the tree size in decimal",
                    "第二行应为十进制的树大小",
                )
            })?;
        let root = lines
            .next()
            .and_then(|r| STANDARD.decode(r).ok())
            .and_then(|r| <[u8; 32]>::try_from(r).ok())
            .ok_or_else(|| {
                malformed(
                    "the third line must be the 32-byte tree head in base64",
                    "第三行应为 base64 编码的 32 字节树根",
                )
            })?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(malformed("an extension line is empty", "有一个扩展行为空"));
        }
        Ok(Self {
            origin: origin.to_owned(),
            size,
            root: TreeHash(root),
            extensions,
        })
    }

    /// The checkpoint signed by `signer`, as a signed note.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadText`] when the origin or an extension holds a newline or a control
    /// character.
    pub fn sign(&self, signer: &NoteSigner) -> Result<String, NoteError> {
        signer.sign(&self.to_text())
    }

    /// Opens a signed checkpoint with `verifier`: the signature is checked first, then the
    /// text read.
    ///
    /// # Errors
    ///
    /// As [`NoteVerifier::open`], and [`NoteError::Malformed`] for a text that is not a
    /// checkpoint.
    pub fn open(note: &str, verifier: &NoteVerifier) -> Result<Self, NoteError> {
        Self::parse(verifier.open(note)?)
    }
}
