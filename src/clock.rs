//! The current date and instant, injectable so that date and "open now" logic is tested
//! without tests that rot.

use jiff::civil::Date;
use jiff::tz::TimeZone;

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

/// Midnight UTC at the start of `date`. A date at the very edge of the range (where
/// midnight UTC is not an instant `jiff` can hold) gives the nearest instant it can.
#[must_use]
pub fn midnight_utc(date: Date) -> jiff::Timestamp {
    date.to_zoned_datetime(TimeZone::UTC).map_or(
        if date.year() < 0 {
            jiff::Timestamp::MIN
        } else {
            jiff::Timestamp::MAX
        },
        |z| z.timestamp(),
    )
}

/// The date (UTC) of an instant.
#[must_use]
pub fn date_utc(at: jiff::Timestamp) -> Date {
    at.to_zoned_datetime(TimeZone::UTC).date()
}

/// A date written exactly `YYYY-MM-DD`, as the directory format and the HSDS fields
/// write them: four digits, two, two, a real day. Nothing else is read as a date (not
/// `2026-1-5`, not `20260105`, not a date with a time).
#[must_use]
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let year: i16 = s.get(..4)?.parse().ok()?;
    let month: i8 = s.get(5..7)?.parse().ok()?;
    let day: i8 = s.get(8..)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// The system clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        date_utc(jiff::Timestamp::now())
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
        date_utc(self.0)
    }

    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_when_written_yyyy_mm_dd() {
        assert_eq!(
            parse_date("2026-11-27"),
            Some(jiff::civil::date(2026, 11, 27))
        );
        assert_eq!(
            parse_date("2024-02-29"),
            Some(jiff::civil::date(2024, 2, 29))
        );
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-1-05",
            "20261127",
            "2026-11-27T00:00",
            " 2026-11-27",
            "+2026-11-27",
            "２０２６-11-27",
            "",
            "2026-11-2x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            date_utc(midnight_utc(jiff::civil::date(2026, 12, 5))),
            jiff::civil::date(2026, 12, 5)
        );
    }

    use jiff::civil::date;

    #[test]
    fn fixed_clock_now_is_midnight_utc_of_its_date() {
        let c = FixedClock(date(2026, 3, 8));
        assert_eq!(c.now().to_string(), "2026-03-08T00:00:00Z");
    }

    #[test]
    fn fixed_instant_today_is_its_utc_date() {
        let t: jiff::Timestamp = "2026-03-08T23:30:00Z".parse().unwrap_or_default();
        let c = FixedInstant(t);
        assert_eq!(c.now(), t);
        assert_eq!(c.today(), date(2026, 3, 8));
        let t: jiff::Timestamp = "2026-03-09T00:00:00Z".parse().unwrap_or_default();
        assert_eq!(FixedInstant(t).today(), date(2026, 3, 9));
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
