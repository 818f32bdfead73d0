//! Signed notes (the C2SP `signed-note` format, as Go's `sumdb/note` writes them): text
//! ending in a newline, a blank line, and one line a signature:
//! `— <key name> <base64(key id ‖ Ed25519 signature)>`.
//!
//! The key id is the first four bytes of SHA-256(key name ‖ `\n` ‖ 0x01 ‖ public key); a
//! verifier key is written `<name>+<key id in hex>+<base64(0x01 ‖ public key)>` and a
//! signer key `PRIVATE+KEY+<name>+<key id in hex>+<base64(0x01 ‖ seed)>`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The signature type of Ed25519 in signed notes.
const ED25519: u8 = 0x01;
/// What starts a signature line: an em dash and a space.
const DASH: &str = "\u{2014} ";
/// At most this many signature lines are read, as Go's implementation does.
const MAX_SIGNATURES: usize = 100;
/// A note longer than this is refused unread (a checkpoint is a few hundred bytes).
const MAX_NOTE_BYTES: usize = 1 << 20;

/// Why a key or a note cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// A key name that is empty or holds a space, a `+` or a control character.
    #[error("a key name must be non-empty, without spaces, '+' or control characters: {name:?}")]
    BadKeyName {
        /// The name given.
        name: String,
    },
    /// A verifier or signer key that is not in the format.
    #[error("not a {what} key of the signed-note format (name+keyid+base64 key): {problem}")]
    BadKey {
        /// `verifier` or `signer`.
        what: &'static str,
        /// What is wrong with it.
        problem: String,
        /// The same in Chinese.
        problem_zh: String,
    },
    /// Text to sign that is empty, does not end with a newline, holds a blank line or a
    /// control character.
    #[error("a note's text must be non-empty lines each ending in a newline, without blank lines or control characters")]
    BadText,
    /// A note that is not text, a blank line and signature lines.
    #[error("not a signed note: {problem}")]
    Malformed {
        /// What is wrong with it.
        problem: String,
        /// The same in Chinese.
        problem_zh: String,
    },
    /// No signature by the verifier's key.
    #[error("the note has no signature by {name}")]
    NotSignedBy {
        /// The verifier's key name.
        name: String,
    },
    /// A signature by the verifier's key that does not verify: the text or the signature
    /// was changed.
    #[error("the signature by {name} does not verify: the note was changed after it was signed")]
    BadSignature {
        /// The verifier's key name.
        name: String,
    },
}

impl NoteError {
    /// A stable code for the error.
    pub fn code(&self) -> &'static str {
        match self {
            NoteError::BadKeyName { .. } => "bad-key-name",
            NoteError::BadKey { .. } => "bad-key",
            NoteError::BadText => "bad-note-text",
            NoteError::Malformed { .. } => "malformed-note",
            NoteError::NotSignedBy { .. } => "not-signed-by-key",
            NoteError::BadSignature { .. } => "bad-signature",
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: crate::Language) -> String {
        match language {
            crate::Language::Chinese => match self {
                NoteError::BadKeyName { name } => {
                    format!("密钥名称不能为空,且不能含空格、“+”或控制字符:{name:?}")
                }
                NoteError::BadKey {
                    what, problem_zh, ..
                } => {
                    let what = if *what == "signer" {
                        "签名"
                    } else {
                        "验证"
                    };
                    format!("不是签名笔记格式的{what}密钥(名称+密钥编号+base64 密钥):{problem_zh}")
                }
                NoteError::BadText => {
                    "笔记正文必须是非空的若干行,每行以换行结束,不含空行或控制字符".to_owned()
                }
                NoteError::Malformed { problem_zh, .. } => format!("不是签名笔记:{problem_zh}"),
                NoteError::NotSignedBy { name } => format!("笔记中没有 {name} 的签名"),
                NoteError::BadSignature { name } => {
                    format!("{name} 的签名验证不通过:笔记在签名后被改动过")
                }
            },
            _ => self.to_string(),
        }
    }
}

fn check_name(name: &str) -> Result<(), NoteError> {
    let bad = name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control());
    if bad {
        return Err(NoteError::BadKeyName {
            name: name.chars().take(80).collect(),
        });
    }
    Ok(())
}

/// The key id of an Ed25519 key: SHA-256(name ‖ `\n` ‖ 0x01 ‖ key), first four bytes.
fn key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update(b"\n");
    hasher.update([ED25519]);
    hasher.update(key.as_bytes());
    let digest = hasher.finalize();
    let mut id = [0u8; 4];
    for (out, byte) in id.iter_mut().zip(digest.iter()) {
        *out = *byte;
    }
    id
}

fn hex_id(id: [u8; 4]) -> String {
    id.iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits `name+hexid+base64` into its parts, checking the name and the key material's
/// type byte; returns the name, the id and the 32 key bytes.
fn key_parts<'a>(
    text: &'a str,
    what: &'static str,
) -> Result<(&'a str, &'a str, [u8; 32]), NoteError> {
    let bad = |problem: &str, problem_zh: &str| NoteError::BadKey {
        what,
        problem: problem.to_owned(),
        problem_zh: problem_zh.to_owned(),
    };
    let mut parts = text.splitn(3, '+');
    let (Some(name), Some(id), Some(material)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad(
            "it needs three parts joined by '+'",
            "它应由“+”连接的三部分组成",
        ));
    };
    check_name(name)?;
    if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad(
            "the key id must be 8 hex digits",
            "密钥编号应为 8 位十六进制数字",
        ));
    }
    let raw = STANDARD
        .decode(material)
        .map_err(|_| bad("the key is not base64", "密钥不是 base64 编码"))?;
    let Some((&kind, key)) = raw.split_first() else {
        return Err(bad("the key is empty", "密钥为空"));
    };
    if kind != ED25519 {
        return Err(bad(
            "only Ed25519 keys (type 0x01) are supported",
            "只支持 Ed25519 密钥(类型 0x01)",
        ));
    }
    let key: [u8; 32] = key
        .try_into()
        .map_err(|_| bad("an Ed25519 key is 32 bytes", "Ed25519 密钥应为 32 个字节"))?;
    Ok((name, id, key))
}

/// Checks text to be signed: non-empty lines, each ending in a newline, no blank line and
/// no control character but the newlines.
fn check_text(text: &str) -> Result<(), NoteError> {
    let ok = !text.is_empty()
        && text.ends_with('\n')
        && !text.contains("\n\n")
        && !text.starts_with('\n')
        && !text.chars().any(|c| c.is_control() && c != '\n');
    if ok {
        Ok(())
    } else {
        Err(NoteError::BadText)
    }
}

/// A key that signs notes: an Ed25519 key with a name (usually the log's origin, e.g.
/// `xuhui.gov.cn/mubiao/2017`).
///
/// The library never makes randomness: the host gives the 32-byte seed (from the system's
/// random source) and keeps it secret.
#[derive(Clone)]
pub struct NoteSigner {
    name: String,
    key: SigningKey,
    id: [u8; 4],
}

impl std::fmt::Debug for NoteSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret key is never printed.
        write!(f, "NoteSigner({})", self.verifier().verifier_key())
    }
}

impl NoteSigner {
    /// The signer named `name` whose Ed25519 secret key is `seed`.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadKeyName`] for a name that is empty or holds a space or `+`.
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<Self, NoteError> {
        check_name(name)?;
        let key = SigningKey::from_bytes(&seed);
        let id = key_id(name, &key.verifying_key());
        Ok(Self {
            name: name.to_owned(),
            key,
            id,
        })
    }

    /// The signer named `name` whose secret key is the 32 bytes `seed`, given as the
    /// argument `seed` of a call (a host's random bytes).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Argument`] when `seed` is not 32 bytes, [`crate::Error::Note`] for a
    /// bad name.
    pub fn from_seed_bytes(name: &str, seed: &[u8]) -> Result<Self, crate::Error> {
        let seed: [u8; 32] = seed.try_into().map_err(|_| {
            crate::ArgumentError::new(
                "seed",
                format!(
                    "an Ed25519 secret key is 32 random bytes, not {}",
                    seed.len()
                ),
                format!("Ed25519 私钥是 32 个随机字节,而不是 {} 个", seed.len()),
            )
        })?;
        Ok(Self::from_seed(name, seed)?)
    }

    /// Reads a signer key, `PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ seed)>`.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadKey`] for text not in that form or whose key id does not match.
    pub fn from_signer_key(text: &str) -> Result<Self, NoteError> {
        let rest = text
            .trim_end()
            .strip_prefix("PRIVATE+KEY+")
            .ok_or_else(|| NoteError::BadKey {
                what: "signer",
                problem: "it must start with PRIVATE+KEY+".to_owned(),
                problem_zh: "它应以 PRIVATE+KEY+ 开头".to_owned(),
            })?;
        let (name, id, seed) = key_parts(rest, "signer")?;
        let signer = Self::from_seed(name, seed)?;
        if hex_id(signer.id) != id.to_ascii_lowercase() {
            return Err(NoteError::BadKey {
                what: "signer",
                problem: "the key id does not match the key".to_owned(),
                problem_zh: "密钥编号与密钥不符".to_owned(),
            });
        }
        Ok(signer)
    }

    /// The signer key, to keep secret: `PRIVATE+KEY+<name>+<key id>+<base64>`.
    pub fn signer_key(&self) -> String {
        let mut material = vec![ED25519];
        material.extend_from_slice(self.key.as_bytes());
        format!(
            "PRIVATE+KEY+{}+{}+{}",
            self.name,
            hex_id(self.id),
            STANDARD.encode(material)
        )
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verifier of this signer's signatures, to publish.
    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier {
            name: self.name.clone(),
            key: self.key.verifying_key(),
            id: self.id,
        }
    }

    /// The signature line of this key over `text`, newline included.
    fn signature_line(&self, text: &str) -> String {
        let signature = self.key.sign(text.as_bytes());
        let mut blob = self.id.to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        format!("{DASH}{} {}\n", self.name, STANDARD.encode(blob))
    }

    /// Signs `text` (lines each ending in a newline): the text, a blank line and this
    /// key's signature line.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadText`] for text that is empty, does not end in a newline, or holds
    /// a blank line or a control character.
    pub fn sign(&self, text: &str) -> Result<String, NoteError> {
        check_text(text)?;
        Ok(format!("{text}\n{}", self.signature_line(text)))
    }

    /// Adds this key's signature to a note already signed (a countersignature, as a
    /// witness adds to a log's checkpoint); the note is read, not verified.
    ///
    /// # Errors
    ///
    /// [`NoteError::Malformed`] when `note` is not a signed note.
    pub fn cosign(&self, note: &str) -> Result<String, NoteError> {
        let (text, _) = split(note)?;
        Ok(format!("{note}{}", self.signature_line(text)))
    }
}

/// A published key that checks signed notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteVerifier {
    name: String,
    key: VerifyingKey,
    id: [u8; 4],
}

/// A note's text and its signature lines' names and decoded blobs.
type SplitNote<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// Splits a signed note at its last blank line into the text (newline included) and the
/// signature lines, each as its name and base64 blob.
fn split(note: &str) -> Result<SplitNote<'_>, NoteError> {
    let malformed = |problem: &str, problem_zh: &str| NoteError::Malformed {
        problem: problem.to_owned(),
        problem_zh: problem_zh.to_owned(),
    };
    if note.len() > MAX_NOTE_BYTES {
        return Err(malformed("it is longer than 1 MiB", "它超过 1 MiB"));
    }
    let cut = note.rfind("\n\n").ok_or_else(|| {
        malformed(
            "there is no blank line before the signatures",
            "签名前没有空行",
        )
    })?;
    let (text, signatures) = (note.get(..=cut), note.get(cut.saturating_add(2)..));
    let (Some(text), Some(signatures)) = (text, signatures) else {
        return Err(malformed(
            "there is no blank line before the signatures",
            "签名前没有空行",
        ));
    };
    if !signatures.ends_with('\n') {
        return Err(malformed(
            "the last signature line does not end in a newline",
            "最后一个签名行没有以换行结束",
        ));
    }
    let mut lines = Vec::new();
    for line in signatures.lines() {
        if lines.len() >= MAX_SIGNATURES {
            return Err(malformed(
                "it has more than 100 signatures",
                "签名超过 100 个",
            ));
        }
        let body = line.strip_prefix(DASH).ok_or_else(|| {
            malformed(
                "a signature line must start with an em dash and a space",
                "签名行应以破折号“—”和一个空格开头",
            )
        })?;
        let (name, blob) = body.split_once(' ').ok_or_else(|| {
            malformed(
                "a signature line is '— name signature'",
                "签名行的格式为“— 名称 签名”",
            )
        })?;
        check_name(name)?;
        lines.push((name, blob));
    }
    if lines.is_empty() {
        return Err(malformed("it has no signature line", "它没有签名行"));
    }
    Ok((text, lines))
}

impl NoteVerifier {
    /// Reads a verifier key, `<name>+<key id>+<base64(0x01 ‖ public key)>`.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadKey`] for text not in that form, a key that is not a valid Ed25519
    /// public key, or a key id that does not match.
    pub fn from_verifier_key(text: &str) -> Result<Self, NoteError> {
        let (name, id, key) = key_parts(text.trim_end(), "verifier")?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| NoteError::BadKey {
            what: "verifier",
            problem: "not an Ed25519 public key".to_owned(),
            problem_zh: "不是 Ed25519 公钥".to_owned(),
        })?;
        let verifier = Self {
            name: name.to_owned(),
            id: key_id(name, &key),
            key,
        };
        if hex_id(verifier.id) != id.to_ascii_lowercase() {
            return Err(NoteError::BadKey {
                what: "verifier",
                problem: "the key id does not match the key".to_owned(),
                problem_zh: "密钥编号与密钥不符".to_owned(),
            });
        }
        Ok(verifier)
    }

    /// The verifier key, to publish: `<name>+<key id>+<base64(0x01 ‖ public key)>`.
    pub fn verifier_key(&self) -> String {
        let mut material = vec![ED25519];
        material.extend_from_slice(self.key.as_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            hex_id(self.id),
            STANDARD.encode(material)
        )
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Checks that `note` carries a valid signature by this key and gives its text
    /// (newline included). Signatures by other keys are skipped; the first signature whose
    /// name and key id are this key's decides, as in Go's implementation.
    ///
    /// # Errors
    ///
    /// [`NoteError::Malformed`] for a note not in the format, [`NoteError::NotSignedBy`]
    /// when no signature is by this key, [`NoteError::BadSignature`] when it does not
    /// verify.
    pub fn open<'a>(&self, note: &'a str) -> Result<&'a str, NoteError> {
        let (text, lines) = split(note)?;
        for (name, blob) in lines {
            if name != self.name {
                continue;
            }
            let raw = STANDARD.decode(blob).map_err(|_| NoteError::Malformed {
                problem: "a signature is not base64".to_owned(),
                problem_zh: "签名不是 base64 编码".to_owned(),
            })?;
            let (Some(id), Some(signature)) = (raw.get(..4), raw.get(4..)) else {
                continue;
            };
            if id != self.id {
                continue;
            }
            let bad = || NoteError::BadSignature {
                name: self.name.clone(),
            };
            let signature = Signature::from_slice(signature).map_err(|_| bad())?;
            self.key
                .verify_strict(text.as_bytes(), &signature)
                .map_err(|_| bad())?;
            return Ok(text);
        }
        Err(NoteError::NotSignedBy {
            name: self.name.clone(),
        })
    }
}
