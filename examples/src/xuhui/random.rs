//! A small deterministic random number generator (SplitMix64), so that the example data
//! does not depend on any crate's choice of algorithm.

/// SplitMix64: fast, deterministic, good enough to vary example data.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        let bound64 = u64::try_from(bound).unwrap_or(u64::MAX);
        if bound64 == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % bound64).unwrap_or(0)
    }

    /// True with the given chance in percent.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = usize::try_from(high.saturating_sub(low)).unwrap_or(0);
        low + u32::try_from(self.below(span + 1)).unwrap_or(0)
    }
}
