//! The current date and instant, injectable so that date and "open now" logic is tested
//! without tests that rot.

use time::{Date, OffsetDateTime};

/// Something that knows today's date and the current instant.
pub trait Clock {
    /// Today's date (UTC).
    fn today(&self) -> Date;

    /// The current instant. By default, midnight UTC at the start of [`Clock::today`]:
    /// a clock that only knows the date (such as [`FixedClock`]) gives that.
    fn now(&self) -> jiff::Timestamp {
        midnight_utc(self.today())
    }
}

/// Midnight UTC at the start of `date`. Dates outside the range `jiff` can hold (which
/// `time` can, by a few days at the edges) give the nearest instant it can.
#[must_use]
pub fn midnight_utc(date: Date) -> jiff::Timestamp {
    let seconds = date.midnight().assume_utc().unix_timestamp();
    jiff::Timestamp::from_second(seconds).unwrap_or(if seconds < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    })
}

/// The system clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        OffsetDateTime::now_utc().date()
    }

    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}

/// A clock stopped at one date, for tests: [`Clock::now`] is midnight UTC of that date.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Date);

impl Clock for FixedClock {
    fn today(&self) -> Date {
        self.0
    }
}

/// A clock stopped at one instant, for tests of "open now": [`Clock::today`] is the
/// instant's date in UTC.
#[derive(Debug, Clone, Copy)]
pub struct FixedInstant(pub jiff::Timestamp);

impl Clock for FixedInstant {
    fn today(&self) -> Date {
        OffsetDateTime::from_unix_timestamp(self.0.as_second())
            .map_or(Date::MIN, OffsetDateTime::date)
    }

    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fixed_clock_now_is_midnight_utc_of_its_date() {
        let c = FixedClock(date!(2026 - 03 - 08));
        assert_eq!(c.now().to_string(), "2026-03-08T00:00:00Z");
    }

    #[test]
    fn fixed_instant_today_is_its_utc_date() {
        let t: jiff::Timestamp = "2026-03-08T23:30:00Z".parse().unwrap_or_default();
        let c = FixedInstant(t);
        assert_eq!(c.now(), t);
        assert_eq!(c.today(), date!(2026 - 03 - 08));
        let t: jiff::Timestamp = "2026-03-09T00:00:00Z".parse().unwrap_or_default();
        assert_eq!(FixedInstant(t).today(), date!(2026 - 03 - 09));
    }

    #[test]
    fn system_clock_now_and_today_agree() {
        let c = SystemClock;
        let before = c.today();
        let now = FixedInstant(c.now()).today();
        let after = c.today();
        assert!(before <= now && now <= after);
    }
}
