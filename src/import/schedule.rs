//! Opening hours from HSDS schedules, rendered only where the schedule says them exactly.
//!
//! A schedule is rendered ("Mon–Fri 9:00–17:00", "24/7") only when every row is a plain
//! weekly rule: days of the week, an opening and a closing time, and nothing the
//! rendering would leave out (no interval other than 1, no count, `until`, `dtstart`,
//! week, month or year days; times and validity dates all alike). Anything else keeps
//! the source's own words (the schedules' `description` and `notes`); when there are
//! none, the record gets no hours rather than a guess.

mod week;

use week::*;

use clap::ValueEnum;

use super::model::{Holiday, Schedule, Scope};
use crate::directory::raw::{RawSchedule, RawWeeklyHours};

/// What weekday number 1 means in a 1.1 `regular_schedules` table. HSDS 1.1 gives
/// `weekday` as an integer without saying which day 1 is, so numbers are rendered only
/// when the importer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeekdayOne {
    /// 1 is Monday, 7 is Sunday (ISO 8601).
    Monday,
    /// 1 is Sunday, 7 is Saturday.
    Sunday,
}

/// The hours of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hours {
    /// No schedule at all.
    None,
    /// Rendered from the schedule, exactly.
    Rendered(String),
    /// The source's own words for the hours.
    Text(String),
    /// Schedules that say neither exactly nor in words: left out.
    Unrendered {
        /// Because weekday numbers were given without `--weekday-one`.
        weekday_numbers: bool,
    },
}

impl Hours {
    /// The text to put in the record, if any.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Rendered(s) | Self::Text(s) => Some(s),
            Self::None | Self::Unrendered { .. } => None,
        }
    }
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Days as the directory format's `schedule` writes them.
const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// Why a schedule cannot be rendered exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    WeekdayNumber,
    NotExact,
}

/// Minutes since midnight, 0 to 1440.
type Minutes = u16;

/// Renders the hours of a service from its schedules and holiday schedules.
/// `hide_locations` keeps location names out (they would tell where a service is).
#[must_use]
pub fn hours(
    schedules: &[Schedule],
    holidays: &[Holiday],
    hide_locations: bool,
    weekday_one: Option<WeekdayOne>,
) -> Hours {
    if schedules.is_empty() && holidays.is_empty() {
        return Hours::None;
    }
    let (unique, groups) = grouped(schedules);
    let rendered = render_groups(&groups, hide_locations, weekday_one).and_then(|text| {
        let extra = holidays
            .iter()
            .map(holiday)
            .collect::<Result<Vec<String>, Why>>()?;
        let mut parts: Vec<String> = Vec::new();
        if let Some(t) = text {
            parts.push(t);
        }
        parts.extend(extra);
        if parts.is_empty() {
            return Err(Why::NotExact);
        }
        Ok(parts.join("; "))
    });
    match rendered {
        Ok(text) => {
            let notes = unique_texts(unique.iter().filter_map(|s| s.notes.as_deref()));
            if notes.is_empty() {
                Hours::Rendered(text)
            } else {
                Hours::Rendered(format!("{text}. {notes}"))
            }
        }
        Err(why) => {
            let words = unique_texts(
                unique
                    .iter()
                    .flat_map(|s| [s.description.as_deref(), s.notes.as_deref()])
                    .flatten(),
            );
            if words.is_empty() {
                Hours::Unrendered {
                    weekday_numbers: why == Why::WeekdayNumber,
                }
            } else {
                Hours::Text(words)
            }
        }
    }
}

/// A service's schedules without repeats, and grouped: the service's own (one group),
/// else one group per location.
fn grouped(schedules: &[Schedule]) -> (Vec<&Schedule>, Vec<Group<'_>>) {
    // The same schedule may be given at the service, its service-at-location and its
    // location (HSDS 3.0 JSON repeats it): keep the first of each id.
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<&Schedule> = schedules
        .iter()
        .filter(|s| s.id.as_ref().is_none_or(|id| seen.insert(id.clone())))
        .collect();
    let service_wide: Vec<&Schedule> = unique
        .iter()
        .copied()
        .filter(|s| s.scope == Scope::Service)
        .collect();
    let mut groups: Vec<Group<'_>> = Vec::new();
    if service_wide.is_empty() {
        for s in &unique {
            if let Scope::Location(key, _) = &s.scope {
                match groups.iter_mut().find(|(k, _)| *k == Some(key.as_str())) {
                    Some((_, list)) => list.push(s),
                    None => groups.push((Some(key.as_str()), vec![s])),
                }
            }
        }
    } else {
        groups.push((None, service_wide));
    }
    (unique, groups)
}

/// Schedules of the service itself (`None`) or of one location (its key).
type Group<'a> = (Option<&'a str>, Vec<&'a Schedule>);

/// Structured hours for "open now", and the zone the schedule states (offset from UTC in
/// minutes), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structured {
    /// The schedule, as the directory format writes it.
    pub schedule: RawSchedule,
    /// The offset from UTC, in minutes, that the schedule's times state (a `Z` or
    /// `-05:00` after the times, or the 3.0 `timezone`); `None` when it states none.
    pub offset: Option<i32>,
}

/// The schedule as structured hours, only where [`hours`] renders it exactly and it
/// is a plain week: the schedules of the service itself or of one location only, no
/// holiday schedules and no validity dates (the directory format has neither). The
/// schedules' notes stay in the text hours only.
#[must_use]
pub fn structured(
    schedules: &[Schedule],
    holidays: &[Holiday],
    weekday_one: Option<WeekdayOne>,
) -> Option<Structured> {
    if !holidays.is_empty() {
        return None;
    }
    let (_, groups) = grouped(schedules);
    let [(_, rows)] = groups.as_slice() else {
        return None;
    };
    let (per_day, (zone, timezone, valid_from, valid_to)) = weekly_rows(rows, weekday_one).ok()?;
    if valid_from.is_some() || valid_to.is_some() {
        return None;
    }
    let offset = zone.or(timezone).map(|(_, minutes)| minutes);
    let whole =
        |l: &Vec<(Minutes, Minutes)>| matches!(l.as_slice(), [(o, c)] if is_whole_day(*o, *c));
    if per_day.iter().all(whole) {
        return Some(Structured {
            schedule: RawSchedule {
                always: true,
                weekly: Vec::new(),
            },
            offset,
        });
    }
    // One entry per distinct hours, with every day that has them, in the order of
    // their first day. 00:00–23:59 is the specification's whole day: 00:00–24:00.
    let mut weekly: Vec<((Minutes, Minutes), Vec<String>)> = Vec::new();
    for (d, list) in per_day.iter().enumerate() {
        for &(o, c) in list {
            let c = if is_whole_day(o, c) { 24 * 60 } else { c };
            let day = *DAY_KEYS.get(d)?;
            match weekly.iter_mut().find(|(t, _)| *t == (o, c)) {
                Some((_, days)) => days.push(day.to_owned()),
                None => weekly.push(((o, c), vec![day.to_owned()])),
            }
        }
    }
    Some(Structured {
        schedule: RawSchedule {
            always: false,
            weekly: weekly
                .into_iter()
                .map(|((o, c), days)| RawWeeklyHours {
                    days,
                    opens: hhmm(o),
                    closes: hhmm(c),
                })
                .collect(),
        },
        offset,
    })
}

/// `HH:MM`, as the directory format writes times.
fn hhmm(m: Minutes) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A fixed offset from UTC as the directory's `time_zone`: `UTC`, or `+03:00`, `-05:00`.
#[must_use]
pub fn offset_time_zone(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

fn unique_texts<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in texts {
        let t = t.trim();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out.join(" ")
}

fn render_groups(
    groups: &[Group<'_>],
    hide_locations: bool,
    weekday_one: Option<WeekdayOne>,
) -> Result<Option<String>, Why> {
    match groups {
        [] => Ok(None),
        [(_, rows)] => exact(rows, weekday_one).map(Some),
        many => {
            if hide_locations {
                return Err(Why::NotExact);
            }
            let mut parts = Vec::new();
            for (_, rows) in many {
                let name = rows
                    .first()
                    .and_then(|s| match &s.scope {
                        Scope::Location(_, name) => name.clone(),
                        Scope::Service => None,
                    })
                    .ok_or(Why::NotExact)?;
                parts.push(format!("{name}: {}", exact(rows, weekday_one)?));
            }
            Ok(Some(parts.join("; ")))
        }
    }
}

/// The days (bit 0 = Monday) a row applies to.
fn days_of(s: &Schedule, weekday_one: Option<WeekdayOne>) -> Result<u8, Why> {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
    for extra in [
        &s.byweekno,
        &s.bymonthday,
        &s.byyearday,
        &s.count,
        &s.until,
        &s.dtstart,
    ] {
        if !blank(extra) {
            return Err(Why::NotExact);
        }
    }
    if let Some(interval) = s.interval.as_deref().map(str::trim)
        && !interval.is_empty()
        && interval != "1"
    {
        return Err(Why::NotExact);
    }
    if let Some(w) = s
        .weekday
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        if !blank(&s.freq) || !blank(&s.byday) {
            return Err(Why::NotExact);
        }
        return weekday(w, weekday_one).map(|d| 1 << d);
    }
    let freq = s.freq.as_deref().map(|f| f.trim().to_ascii_uppercase());
    match freq.as_deref() {
        Some("WEEKLY") => {
            let byday = s.byday.as_deref().unwrap_or_default();
            let mut days = 0u8;
            for part in byday.split(',').map(str::trim) {
                let i = BYDAY
                    .iter()
                    .position(|d| d.eq_ignore_ascii_case(part))
                    .ok_or(Why::NotExact)?;
                days |= 1 << i;
            }
            Ok(days)
        }
        Some("DAILY") if blank(&s.byday) => Ok(0x7f),
        _ => Err(Why::NotExact),
    }
}

/// Index (0 = Monday) of a 1.1 weekday, written as a name or a number.
fn weekday(w: &str, weekday_one: Option<WeekdayOne>) -> Result<u8, Why> {
    if let Ok(n) = w.parse::<u8>() {
        if !(1..=7).contains(&n) {
            return Err(Why::NotExact);
        }
        return match weekday_one {
            Some(WeekdayOne::Monday) => Ok(n - 1),
            Some(WeekdayOne::Sunday) => Ok((n + 5) % 7),
            None => Err(Why::WeekdayNumber),
        };
    }
    let lower = w.to_ascii_lowercase();
    let names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    names
        .iter()
        .zip(BYDAY)
        .position(|(full, two)| {
            lower == *full || lower == full[..3] || lower.eq_ignore_ascii_case(two)
        })
        .and_then(|i| u8::try_from(i).ok())
        .ok_or(Why::NotExact)
}

/// A zone as the schedule states it: as said in the hours, and its offset from UTC in
/// minutes.
type Zone = (String, i32);

/// A time written `HH:MM` or `HH:MM:SS`, with an optional zone (`Z`, `+02:00`, `-0500`).
fn time(s: &str) -> Option<(Minutes, Option<Zone>)> {
    let s = s.trim();
    let (clock, zone) = if let Some(c) = s.strip_suffix(['Z', 'z']) {
        (c, Some(("UTC".to_owned(), 0)))
    } else if let Some(pos) = s.rfind(['+', '-']).filter(|&p| p > 0) {
        let (c, z) = s.split_at(pos);
        let digits: String = z.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 4 && digits.len() != 2 {
            return None;
        }
        let (hh, mm) = digits.split_at(2);
        let sign = if z.starts_with('-') { '−' } else { '+' };
        let mm = if mm.is_empty() { "00" } else { mm };
        let minutes = hh.parse::<i32>().ok()? * 60 + mm.parse::<i32>().ok()?;
        let minutes = if sign == '−' { -minutes } else { minutes };
        (c, Some((format!("UTC{sign}{hh}:{mm}"), minutes)))
    } else {
        (s, None)
    };
    let mut parts = clock.split(':');
    let h: u16 = parts.next()?.parse().ok()?;
    let m: u16 = parts.next()?.parse().ok()?;
    if let Some(sec) = parts.next()
        && sec.parse::<f64>().ok()? != 0.0
    {
        return None;
    }
    if parts.next().is_some() || m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some((h * 60 + m, zone))
}

fn clock(m: Minutes) -> String {
    format!("{}:{:02}", m / 60, m % 60)
}

fn is_whole_day(open: Minutes, close: Minutes) -> bool {
    open == 0 && (close == 1439 || close == 1440)
}

fn range(open: Minutes, close: Minutes) -> String {
    if is_whole_day(open, close) {
        "24 hours".to_owned()
    } else {
        format!("{}–{}", clock(open), clock(close))
    }
}

fn date(s: &str) -> Option<String> {
    let s = s.trim();
    crate::clock::parse_date(s).map(|_| s.to_owned())
}

/// What every row of a rendered schedule must share: the zone of its times, its
/// `timezone`, and its validity dates.
type Shared = (Option<Zone>, Option<Zone>, Option<String>, Option<String>);

/// Opening and closing times, for each day (0 = Monday).
type PerDay = [Vec<(Minutes, Minutes)>; 7];

/// Every row's days and times, or why they cannot be said exactly.
fn exact(rows: &[&Schedule], weekday_one: Option<WeekdayOne>) -> Result<String, Why> {
    let (per_day, (zone, timezone, valid_from, valid_to)) = weekly_rows(rows, weekday_one)?;
    render_week(&per_day, zone.or(timezone), valid_from, valid_to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly(byday: &str, open: &str, close: &str) -> Schedule {
        Schedule {
            freq: Some("WEEKLY".into()),
            byday: Some(byday.into()),
            opens_at: Some(open.into()),
            closes_at: Some(close.into()),
            ..Schedule::default()
        }
    }

    fn render(rows: &[Schedule]) -> Hours {
        hours(rows, &[], false, None)
    }

    #[test]
    fn weekdays_and_split_shifts() {
        assert_eq!(
            render(&[weekly("MO,TU,WE,TH,FR", "09:00", "17:00")]),
            Hours::Rendered("Mon–Fri 9:00–17:00".into())
        );
        assert_eq!(
            render(&[
                weekly("MO,TU,WE,TH", "09:00", "12:00"),
                weekly("MO,TU,WE,TH", "15:00", "17:00"),
                weekly("SA", "10:00:00", "14:30:00"),
            ]),
            Hours::Rendered("Mon–Thu 9:00–12:00, 15:00–17:00; Sat 10:00–14:30".into())
        );
        assert_eq!(
            render(&[weekly("MO,WE,FR", "08:00", "16:00")]),
            Hours::Rendered("Mon, Wed, Fri 8:00–16:00".into())
        );
    }

    #[test]
    fn round_the_clock() {
        assert_eq!(
            render(&[weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]),
            Hours::Rendered("24/7".into())
        );
        let daily = Schedule {
            freq: Some("DAILY".into()),
            opens_at: Some("00:00".into()),
            closes_at: Some("24:00".into()),
            ..Schedule::default()
        };
        assert_eq!(render(&[daily]), Hours::Rendered("24/7".into()));
        assert_eq!(
            render(&[
                weekly("SA,SU", "00:00", "23:59"),
                weekly("MO,TU,WE,TH,FR", "09:00", "17:00")
            ]),
            Hours::Rendered("Mon–Fri 9:00–17:00; Sat–Sun 24 hours".into())
        );
    }

    #[test]
    fn anything_not_plainly_weekly_keeps_the_sources_words() {
        let mut monthly = weekly("1SA", "09:00", "17:00");
        monthly.freq = Some("MONTHLY".into());
        monthly.description = Some("First Saturday of the month, 9am-5pm".into());
        assert_eq!(
            render(&[monthly]),
            Hours::Text("First Saturday of the month, 9am-5pm".into())
        );
        let mut fortnightly = weekly("MO", "09:00", "17:00");
        fortnightly.interval = Some("2".into());
        assert_eq!(
            render(&[fortnightly]),
            Hours::Unrendered {
                weekday_numbers: false
            }
        );
        let mut no_close = weekly("MO", "09:00", "17:00");
        no_close.closes_at = None;
        no_close.notes = Some("Call ahead.".into());
        assert_eq!(render(&[no_close]), Hours::Text("Call ahead.".into()));
    }

    #[test]
    fn zones_and_validity_are_said() {
        let mut a = weekly("MO", "09:00-05:00", "17:00-05:00");
        a.valid_from = Some("2020-04-01".into());
        a.valid_to = Some("2020-12-20".into());
        assert_eq!(
            render(&[a]),
            Hours::Rendered("Mon 9:00–17:00 (UTC−05:00) (from 2020-04-01 to 2020-12-20)".into())
        );
        let mut b = weekly("MO", "09:00", "17:00");
        b.valid_to = Some("2020-12-20".into());
        let c = weekly("TU", "09:00", "17:00");
        assert_eq!(
            render(&[b, c]),
            Hours::Unrendered {
                weekday_numbers: false
            }
        );
    }

    #[test]
    fn weekday_numbers_need_to_be_told() {
        let row = |n: &str| Schedule {
            weekday: Some(n.into()),
            opens_at: Some("09:00:00".into()),
            closes_at: Some("17:00:00".into()),
            ..Schedule::default()
        };
        let rows = [row("1"), row("2"), row("3")];
        assert_eq!(
            hours(&rows, &[], false, None),
            Hours::Unrendered {
                weekday_numbers: true
            }
        );
        assert_eq!(
            hours(&rows, &[], false, Some(WeekdayOne::Monday)),
            Hours::Rendered("Mon–Wed 9:00–17:00".into())
        );
        assert_eq!(
            hours(&rows, &[], false, Some(WeekdayOne::Sunday)),
            Hours::Rendered("Mon–Tue, Sun 9:00–17:00".into())
        );
        assert_eq!(
            hours(&[row("Saturday"), row("sun")], &[], false, None),
            Hours::Rendered("Sat–Sun 9:00–17:00".into())
        );
    }

    #[test]
    fn holidays_and_locations() {
        let closed = Holiday {
            closed: Some("true".into()),
            start_date: Some("2019-12-24".into()),
            end_date: Some("2019-12-26".into()),
            ..Holiday::default()
        };
        assert_eq!(
            hours(&[weekly("MO", "09:00", "17:00")], &[closed], false, None),
            Hours::Rendered("Mon 9:00–17:00; closed 2019-12-24 to 2019-12-26".into())
        );
        let mut a = weekly("MO", "09:00", "17:00");
        a.scope = Scope::Location("a".into(), Some("North Office".into()));
        let mut b = weekly("TU", "10:00", "12:00");
        b.scope = Scope::Location("b".into(), Some("South Office".into()));
        let both = [a, b];
        assert_eq!(
            hours(&both, &[], false, None),
            Hours::Rendered("North Office: Mon 9:00–17:00; South Office: Tue 10:00–12:00".into())
        );
        assert_eq!(
            hours(&both, &[], true, None),
            Hours::Unrendered {
                weekday_numbers: false
            }
        );
    }
}
