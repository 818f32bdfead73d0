//! The tree, proofs and notes against published vectors: the Certificate Transparency
//! reference tree (RFC 6962's test data, as the Go and C++ implementations use it) and
//! the signed notes of Go's `sumdb/note` and of the C2SP specification.

// Test code: a failed unwrap or index is a failed test; the sizes are small.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

use super::*;

fn h(hex: &str) -> TreeHash {
    hex.parse().unwrap()
}

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// The eight leaves of the reference tree.
fn reference_leaves() -> Vec<Vec<u8>> {
    [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
    .iter()
    .map(|x| unhex(x))
    .collect()
}

/// Its heads at sizes 0 to 8.
const ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

fn reference_tree() -> MerkleTree {
    let leaves = reference_leaves();
    MerkleTree::from_leaves(HashAlgorithm::Sha256, leaves.iter().map(Vec::as_slice))
}

#[test]
fn heads_of_the_reference_tree_at_every_size() {
    let tree = reference_tree();
    for (size, root) in ROOTS.iter().enumerate() {
        assert_eq!(tree.root(size as u64).unwrap(), h(root), "size {size}");
    }
    assert_eq!(
        tree.root(9),
        Err(ProofError::BeyondTree {
            size: 9,
            tree_size: 8
        })
    );
}

#[test]
fn inclusion_proofs_of_the_reference_tree() {
    let tree = reference_tree();
    let leaves = reference_leaves();
    // (leaf index, tree size, proof) from the reference implementations' tests.
    let vectors: [(u64, u64, &[&str]); 4] = [
        (
            0,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            &[
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
        (
            1,
            5,
            &[
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (index, size, expected) in vectors {
        let proof = tree.inclusion_proof(index, size).unwrap();
        let expected: Vec<TreeHash> = expected.iter().map(|x| h(x)).collect();
        assert_eq!(proof, expected, "leaf {index} of {size}");
        let leaf = leaf_hash(&leaves[index as usize]);
        let root = h(ROOTS[size as usize]);
        verify_inclusion(index, size, &leaf, &proof, &root).unwrap();
        // A wrong leaf, index, size or root, or a changed proof, fails.
        assert!(verify_inclusion(index, size, &h(ROOTS[0]), &proof, &root).is_err());
        assert!(verify_inclusion(index ^ 1, size, &leaf, &proof, &root).is_err());
        assert!(verify_inclusion(index, size * 2, &leaf, &proof, &root).is_err());
        assert!(verify_inclusion(index, size, &leaf, &proof, &h(ROOTS[1])).is_err());
        assert!(verify_inclusion(index, size, &leaf, &proof[1..], &root).is_err());
        let mut longer = proof.clone();
        longer.push(root);
        assert!(verify_inclusion(index, size, &leaf, &longer, &root).is_err());
    }
    assert_eq!(tree.inclusion_proof(0, 1).unwrap(), Vec::new());
    assert!(tree.inclusion_proof(8, 8).is_err());
}

#[test]
fn consistency_proofs_of_the_reference_tree() {
    let tree = reference_tree();
    let vectors: [(u64, u64, &[&str]); 3] = [
        (
            1,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (old, new, expected) in vectors {
        let proof = tree.consistency_proof(old, new).unwrap();
        let expected: Vec<TreeHash> = expected.iter().map(|x| h(x)).collect();
        assert_eq!(proof, expected, "{old} to {new}");
        let (a, b) = (h(ROOTS[old as usize]), h(ROOTS[new as usize]));
        verify_consistency(old, new, &a, &b, &proof).unwrap();
        // Swapped or wrong heads, other sizes, and changed proofs fail.
        assert!(verify_consistency(old, new, &b, &a, &proof).is_err());
        assert!(verify_consistency(old + 1, new, &a, &b, &proof).is_err());
        assert!(verify_consistency(old, new, &a, &b, &proof[1..]).is_err());
        assert!(verify_consistency(old, new, &a, &b, &[]).is_err());
        let mut flipped = proof.clone();
        flipped[0].0[0] ^= 16;
        assert!(verify_consistency(old, new, &a, &b, &flipped).is_err());
    }
    // Trivial cases: the same size needs the same head; every tree extends the empty one.
    let (one, two) = (h(ROOTS[1]), h(ROOTS[2]));
    assert!(verify_consistency(1, 1, &one, &one, &[]).is_ok());
    assert!(verify_consistency(1, 1, &one, &two, &[]).is_err());
    assert!(verify_consistency(0, 1, &one, &two, &[]).is_ok());
    assert!(verify_consistency(1, 0, &one, &two, &[]).is_err());
    assert_eq!(tree.consistency_proof(8, 8).unwrap(), Vec::new());
}

/// Every proof of every leaf and every pair of sizes up to 70 checks, and the heads of a
/// tree built leaf by leaf are those computed from scratch by the RFC's recursion.
#[test]
fn proofs_of_every_shape_check() {
    fn mth(leaves: &[TreeHash]) -> TreeHash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }
    let mut tree = MerkleTree::new();
    let mut leaves = Vec::new();
    for i in 0u32..70 {
        let data = i.to_be_bytes();
        tree.push(&data);
        leaves.push(leaf_hash(&data));
    }
    for size in 0..=70u64 {
        let root = tree.root(size).unwrap();
        assert_eq!(root, mth(&leaves[..size as usize]), "size {size}");
        for index in 0..size {
            let proof = tree.inclusion_proof(index, size).unwrap();
            verify_inclusion(index, size, &leaves[index as usize], &proof, &root).unwrap();
        }
        for old in 0..=size {
            let proof = tree.consistency_proof(old, size).unwrap();
            verify_consistency(old, size, &tree.root(old).unwrap(), &root, &proof).unwrap();
        }
    }
}

const PETER_SIGNER: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const PETER_VERIFIER: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_TEXT: &str = "If you think cryptography is the answer to your problem,\n\
                          then you don't know what your problem is.\n";
const PETER_SIGNATURE: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

/// Ed25519 is deterministic: signing Go's text with Go's key gives Go's note, byte for byte.
#[test]
fn notes_are_those_of_go_sumdb_note() {
    let signer = NoteSigner::from_signer_key(PETER_SIGNER).unwrap();
    assert_eq!(signer.signer_key(), PETER_SIGNER);
    assert_eq!(signer.verifier().verifier_key(), PETER_VERIFIER);
    let note = signer.sign(PETER_TEXT).unwrap();
    assert_eq!(note, format!("{PETER_TEXT}\n{PETER_SIGNATURE}"));
    let verifier = NoteVerifier::from_verifier_key(PETER_VERIFIER).unwrap();
    assert_eq!(verifier.open(&note).unwrap(), PETER_TEXT);
    // One changed letter and the signature fails.
    let changed = note.replace("cryptography", "cryptographY");
    assert_eq!(verifier.open(&changed).unwrap_err().code(), "bad-signature");
}

#[test]
fn the_specification_example_note_verifies() {
    let verifier = NoteVerifier::from_verifier_key(
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
    )
    .unwrap();
    let note = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
    assert_eq!(
        verifier.open(note).unwrap(),
        "This is an example message.\n"
    );
    // Another key's verifier finds no signature of its own.
    let peter = NoteVerifier::from_verifier_key(PETER_VERIFIER).unwrap();
    assert_eq!(peter.open(note).unwrap_err().code(), "not-signed-by-key");
}

#[test]
fn bad_keys_and_notes_are_refused_with_a_reason() {
    for key in [
        "",
        "PeterNeumann",
        "PeterNeumann+c74f20a3",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+AhpjZA==",
        "PeterNeumann+c74f20a3+!!!",
    ] {
        assert!(NoteVerifier::from_verifier_key(key).is_err(), "{key:?}");
    }
    // Each reason is given in both languages.
    let error = NoteVerifier::from_verifier_key("PeterNeumann").unwrap_err();
    assert!(error.message(crate::Language::Chinese).contains("三部分"));
    assert!(error
        .message(crate::Language::English)
        .contains("three parts"));
    let error = Checkpoint::parse("origin\n").unwrap_err();
    assert!(error
        .message(crate::Language::Chinese)
        .contains("不是检查点"));
    let verifier = NoteVerifier::from_verifier_key(PETER_VERIFIER).unwrap();
    for note in [
        "",
        "text\n",
        "text\n\n",
        "text\n\nno dash\n",
        "text\n\n\u{2014} PeterNeumann x08go\n",
        "text\n\n\u{2014} PeterNeumann AAAA\n",
    ] {
        assert!(verifier.open(note).is_err(), "{note:?}");
    }
    let signer = NoteSigner::from_signer_key(PETER_SIGNER).unwrap();
    for text in ["", "no newline", "a\n\nb\n", "\n", "tab\there\n"] {
        assert_eq!(
            signer.sign(text).unwrap_err(),
            NoteError::BadText,
            "{text:?}"
        );
    }
    assert!(NoteSigner::from_seed("a+b", [7; 32]).is_err());
}

#[test]
fn checkpoints_sign_open_and_read_back() {
    let tree = reference_tree();
    let checkpoint = Checkpoint {
        origin: "xuhui.gov.cn/mubiao/2017".into(),
        size: 8,
        root: tree.root(8).unwrap(),
        extensions: vec![],
    };
    let text = checkpoint.to_text();
    assert_eq!(
        text,
        "xuhui.gov.cn/mubiao/2017\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    );
    let log = NoteSigner::from_seed("xuhui.gov.cn/mubiao/2017", [1; 32]).unwrap();
    let witness = NoteSigner::from_seed("witness.example", [2; 32]).unwrap();
    let note = checkpoint.sign(&log).unwrap();
    let cosigned = witness.cosign(&note).unwrap();
    for verifier in [log.verifier(), witness.verifier()] {
        assert_eq!(Checkpoint::open(&cosigned, &verifier).unwrap(), checkpoint);
    }
    assert_eq!(
        Checkpoint::open(&note, &log.verifier()).unwrap(),
        checkpoint
    );
    assert!(Checkpoint::open(&note, &witness.verifier()).is_err());
    for bad in [
        "origin\n",
        "origin\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "origin\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "origin\n8\nXcnaeacG\n",
        "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
    ] {
        assert!(Checkpoint::parse(bad).is_err(), "{bad:?}");
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn tree_of(n: u64) -> MerkleTree {
        let mut tree = MerkleTree::new();
        for i in 0..n {
            tree.push(&i.to_le_bytes());
        }
        tree
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any proof the tree gives checks; the same proof with one byte changed does not.
        #[test]
        fn proofs_check_and_any_changed_byte_fails(
            n in 1u64..300,
            picks in (any::<u64>(), any::<u64>(), any::<u64>()),
            flip in (any::<prop::sample::Index>(), 0usize..32, 1u8..=255),
        ) {
            let tree = tree_of(n);
            let size = 1 + picks.0 % n;
            let index = picks.1 % size;
            let old = picks.2 % (size + 1);
            let root = tree.root(size).unwrap();
            let leaf = leaf_hash(&index.to_le_bytes());
            let proof = tree.inclusion_proof(index, size).unwrap();
            prop_assert!(verify_inclusion(index, size, &leaf, &proof, &root).is_ok());
            if !proof.is_empty() {
                let mut bad = proof.clone();
                let at = flip.0.index(bad.len());
                bad[at].0[flip.1] ^= flip.2;
                prop_assert!(verify_inclusion(index, size, &leaf, &bad, &root).is_err());
            }
            let old_root = tree.root(old).unwrap();
            let proof = tree.consistency_proof(old, size).unwrap();
            prop_assert!(verify_consistency(old, size, &old_root, &root, &proof).is_ok());
            if !proof.is_empty() {
                let mut bad = proof.clone();
                let at = flip.0.index(bad.len());
                bad[at].0[flip.1] ^= flip.2;
                prop_assert!(verify_consistency(old, size, &old_root, &root, &bad).is_err());
            }
        }

        /// Whatever text is given as a key, a note or a checkpoint, reading it returns an
        /// answer or an error, never a panic.
        #[test]
        fn any_text_is_read_without_a_panic(text in ".{0,200}", lines in prop::collection::vec("[^\n]{0,40}", 0..8)) {
            let joined = lines.join("\n");
            for candidate in [text.as_str(), joined.as_str()] {
                let _ = NoteVerifier::from_verifier_key(candidate);
                let _ = NoteSigner::from_signer_key(candidate);
                let _ = Checkpoint::parse(candidate);
                let verifier = NoteVerifier::from_verifier_key(PETER_VERIFIER).unwrap();
                let _ = verifier.open(candidate);
                let note = format!("{candidate}\n\n\u{2014} PeterNeumann {candidate}\n");
                let _ = verifier.open(&note);
                let _ = candidate.parse::<TreeHash>();
            }
        }

        /// Proofs for sizes and indexes past the tree are errors, never panics.
        #[test]
        fn sizes_past_the_tree_are_errors(n in 0u64..50, index in any::<u64>(), size in any::<u64>(), old in any::<u64>()) {
            let tree = tree_of(n);
            let _ = tree.root(size);
            let _ = tree.inclusion_proof(index, size);
            let _ = tree.consistency_proof(old, size);
            let root = tree.root(n).unwrap();
            let _ = verify_inclusion(index, size, &root, &[root, root], &root);
            let _ = verify_consistency(old, size, &root, &root, &[root]);
        }
    }
}

/// SM3 of "abc" and of the 64-byte message, GB/T 32905-2016's examples.
#[test]
fn sm3_is_the_national_standard() {
    assert_eq!(
        HashAlgorithm::Sm3.hash(&[b"abc"]).to_string(),
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    );
    let sixty_four = b"abcd".repeat(16);
    assert_eq!(
        HashAlgorithm::Sm3.hash(&[&sixty_four]).to_string(),
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    );
    assert_eq!("SM3".parse::<HashAlgorithm>().unwrap(), HashAlgorithm::Sm3);
    assert_eq!(
        "sha-256".parse::<HashAlgorithm>().unwrap(),
        HashAlgorithm::Sha256
    );
    assert!("md5".parse::<HashAlgorithm>().is_err());
}

/// An SM3 tree is the RFC's tree with SM3 in place of SHA-256: its proofs check with SM3
/// and not with SHA-256.
#[test]
fn an_sm3_tree_proves_with_sm3_only() {
    let mut tree = MerkleTree::with_algorithm(HashAlgorithm::Sm3);
    let leaves = reference_leaves();
    for leaf in &leaves {
        tree.push(leaf);
    }
    let sm3 = HashAlgorithm::Sm3;
    let by_hand = sm3.node(
        &sm3.node(
            &sm3.node(&sm3.leaf(&leaves[0]), &sm3.leaf(&leaves[1])),
            &sm3.node(&sm3.leaf(&leaves[2]), &sm3.leaf(&leaves[3])),
        ),
        &sm3.node(&sm3.leaf(&leaves[4]), &sm3.leaf(&leaves[5])),
    );
    assert_eq!(tree.root(6).unwrap(), by_hand);
    assert_ne!(tree.root(6).unwrap(), h(ROOTS[6]));
    let proof = tree.inclusion_proof(4, 6).unwrap();
    let head = tree.root(6).unwrap();
    sm3.verify_inclusion(4, 6, &sm3.leaf(&leaves[4]), &proof, &head)
        .unwrap();
    assert!(verify_inclusion(4, 6, &sm3.leaf(&leaves[4]), &proof, &head).is_err());
    let proof = tree.consistency_proof(3, 8).unwrap();
    sm3.verify_consistency(3, 8, &tree.root(3).unwrap(), &tree.root(8).unwrap(), &proof)
        .unwrap();
    assert_eq!(sm3.empty_root(), tree.root(0).unwrap());
}
