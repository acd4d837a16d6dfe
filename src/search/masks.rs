//! Letter masks: which letters and digits a word holds, one bit each, to rule records
//! out before any text is read.

/// The mask bit of a byte of folded text: a–z, 0–9, nothing for a space, and one bit
/// for anything else.
pub(super) const fn bit_of(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b' ' => 0,
        _ => 1 << 36,
    }
}

/// Bit mask of the characters in folded text: a–z, 0–9, and one bit for anything else.
pub(super) fn mask_of(folded: &str) -> u64 {
    folded.bytes().fold(0u64, |m, b| m | bit_of(b))
}

/// Masks of the letters and digits of folded text that begin a word, and of those that
/// are a whole word alone, as [`text_score`] sees words (with the character mask of
/// [`mask_of`], all three in one pass): a character is at the start
/// of a word when no ASCII letter or digit comes before it, and at its end when none
/// comes after it.
pub(super) fn word_masks(folded: &[u8]) -> [u64; 3] {
    let (mut mask, mut starts, mut alone) = (0u64, 0u64, 0u64);
    // The bit of the current word's first character while the word is one long.
    let mut single = 0u64;
    let mut before_alnum = false;
    // Without branches (the index reads every byte of the directory's text once):
    // all-ones or all-zeros masks stand for the conditions.
    for &b in folded {
        let class = BYTE_CLASS.get(usize::from(b)).copied().unwrap_or_default();
        let bit = class & !ALNUM;
        let alnum = class & ALNUM != 0;
        let word_start = 0u64.wrapping_sub(u64::from(alnum && !before_alnum));
        let word_end = 0u64.wrapping_sub(u64::from(!alnum));
        mask |= bit;
        starts |= bit & word_start;
        alone |= single & word_end;
        single = bit & word_start;
        before_alnum = alnum;
    }
    [mask, starts, alone | single]
}

/// The flag in [`BYTE_CLASS`] of an ASCII letter or digit (a bit [`bit_of`] never uses).
pub(super) const ALNUM: u64 = 1 << 63;

/// Each byte's [`bit_of`], with [`ALNUM`] for ASCII letters and digits.
pub(super) const BYTE_CLASS: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b: u8 = 0;
    loop {
        let alnum = if b.is_ascii_alphanumeric() { ALNUM } else { 0 };
        #[allow(clippy::indexing_slicing)] // b < 256 = the table's length
        {
            table[b as usize] = bit_of(b) | alnum;
        }
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    table
};

/// The score of a one-character query word (a lower-case letter or a digit, whose
/// bit is `bit`) in a field, from the field's masks: the same as [`text_score`] gives
/// on the field's text.
pub(super) fn mask_score(
    bit: u64,
    [mask, starts, alone]: [u64; 3],
    [whole, prefix, inside]: [i64; 3],
) -> Option<i64> {
    if alone & bit != 0 {
        Some(whole)
    } else if starts & bit != 0 {
        Some(prefix)
    } else if mask & bit != 0 {
        Some(inside)
    } else {
        None
    }
}
