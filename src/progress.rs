//! How far a load has come: shared between the thread that loads a directory and the
//! event loop that shows "Loading local services… 40%".
//!
//! The load is cut into spans of the whole (reading the file, converting its services,
//! indexing them); each reports how much of its own work is done, and the whole only
//! ever moves forward, so the line on screen never goes back.

use std::sync::atomic::{AtomicU32, Ordering};

/// The whole, in thousandths.
const WHOLE: u32 = 1000;

/// How far a load has come, in thousandths; only ever moves forward.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU32,
}

impl Progress {
    /// A load not yet begun.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            done: AtomicU32::new(0),
        }
    }

    /// How far the load has come, in percent (0 to 100).
    #[must_use]
    pub fn percent(&self) -> u8 {
        let done = self.done.load(Ordering::Relaxed).min(WHOLE);
        u8::try_from(done / 10).unwrap_or(100)
    }

    /// The part of the whole from `from` to `to` percent.
    #[must_use]
    pub fn span(&self, from: u8, to: u8) -> Span<'_> {
        let from = u32::from(from.min(100)) * 10;
        let to = (u32::from(to.min(100)) * 10).max(from);
        Span {
            progress: self,
            from,
            to,
        }
    }

    fn reach(&self, thousandths: u32) {
        self.done
            .fetch_max(thousandths.min(WHOLE), Ordering::Relaxed);
    }
}

/// A part of a load: its work reported as `done` of `total`, placed within the whole.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    progress: &'a Progress,
    from: u32,
    to: u32,
}

impl<'a> Span<'a> {
    /// `done` of `total` of this span's work is done (more than `total` counts as all).
    pub fn at(&self, done: u64, total: u64) {
        let width = self.to - self.from;
        let part = if total == 0 {
            u128::from(width)
        } else {
            u128::from(width) * u128::from(done.min(total)) / u128::from(total)
        };
        self.progress
            .reach(self.from + u32::try_from(part).unwrap_or(width));
    }

    /// This span's work is all done.
    pub fn done(&self) {
        self.at(1, 1);
    }

    /// The `k`-th of `n` equal parts of this span (`k` from 0).
    #[must_use]
    pub fn part(&self, k: usize, n: usize) -> Span<'a> {
        let n = n.max(1) as u64;
        let k = (k as u64).min(n);
        self.between(k, k + 1, n)
    }

    /// The part of this span from `from` to `to` percent of it.
    #[must_use]
    pub fn within(&self, from: u8, to: u8) -> Span<'a> {
        self.between(u64::from(from.min(100)), u64::from(to.min(100)), 100)
    }

    /// The part of this span from `from`/`n` to `to`/`n` of it (`from` ≤ `to` ≤ `n`).
    fn between(&self, from: u64, to: u64, n: u64) -> Span<'a> {
        let width = u64::from(self.to - self.from);
        let at = |k: u64| self.from + u32::try_from(width * k.min(n) / n.max(1)).unwrap_or(0);
        Span {
            progress: self.progress,
            from: at(from),
            to: at(to).max(at(from)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_place_their_work_within_the_whole_and_never_go_back() {
        let p = Progress::new();
        assert_eq!(p.percent(), 0);
        let reading = p.span(0, 10);
        reading.at(50, 100);
        assert_eq!(p.percent(), 5);
        reading.at(200, 100);
        assert_eq!(p.percent(), 10);
        let converting = p.span(10, 70);
        converting.at(1, 2);
        assert_eq!(p.percent(), 40);
        // A span reporting less than is already done moves nothing back.
        reading.at(0, 100);
        assert_eq!(p.percent(), 40);
        converting.part(1, 2).at(1, 2);
        assert_eq!(p.percent(), 55);
        converting.part(1, 2).within(50, 100).at(1, 2);
        assert_eq!(p.percent(), 62);
        p.span(70, 100).done();
        assert_eq!(p.percent(), 100);
    }

    #[test]
    fn odd_arguments_stay_within_the_whole() {
        let p = Progress::new();
        p.span(90, 10).at(5, 0);
        assert_eq!(p.percent(), 90);
        p.span(200, 255).done();
        assert_eq!(p.percent(), 100);
        let q = Progress::new();
        q.span(0, 100).part(7, 3).done();
        assert_eq!(q.percent(), 100);
        q.span(0, 100).part(0, 0).at(u64::MAX, u64::MAX);
        assert_eq!(q.percent(), 100);
    }
}
