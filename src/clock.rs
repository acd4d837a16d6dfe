//! The current date, injectable so that date logic is tested without tests that rot.

use time::{Date, OffsetDateTime};

/// Something that knows today's date.
pub trait Clock {
    /// Today's date.
    fn today(&self) -> Date;
}

/// The system clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        OffsetDateTime::now_utc().date()
    }
}

/// A clock stopped at one date, for tests.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Date);

impl Clock for FixedClock {
    fn today(&self) -> Date {
        self.0
    }
}
