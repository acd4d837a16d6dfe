//! Schedules row by row into words: the weekly rows grouped by their hours, runs of
//! days ("Mon–Fri"), and holidays.

use super::*;

/// Every row's days and times, with what they share, or why they cannot be said exactly.
pub(super) fn weekly_rows(
    rows: &[&Schedule],
    weekday_one: Option<WeekdayOne>,
) -> Result<(PerDay, Shared), Why> {
    let mut per_day: PerDay = Default::default();
    let mut shared: Option<Shared> = None;
    let mut worst = Ok(());
    for s in rows {
        let days = match days_of(s, weekday_one) {
            Ok(d) => d,
            Err(why) => {
                // A weekday number is a reason worth telling only if nothing else is wrong.
                if why == Why::NotExact {
                    return Err(why);
                }
                worst = Err(why);
                continue;
            }
        };
        let (open, open_zone) =
            time(s.opens_at.as_deref().ok_or(Why::NotExact)?).ok_or(Why::NotExact)?;
        let (close, close_zone) =
            time(s.closes_at.as_deref().ok_or(Why::NotExact)?).ok_or(Why::NotExact)?;
        if open_zone != close_zone || open == close {
            return Err(Why::NotExact);
        }
        let valid_from = match s.valid_from.as_deref() {
            Some(v) => Some(date(v).ok_or(Why::NotExact)?),
            None => None,
        };
        let valid_to = match s.valid_to.as_deref() {
            Some(v) => Some(date(v).ok_or(Why::NotExact)?),
            None => None,
        };
        let timezone = match s.timezone.as_deref().map(str::trim) {
            Some(tz) => {
                let n: i32 = tz.parse().map_err(|_| Why::NotExact)?;
                if !(-14..=14).contains(&n) {
                    return Err(Why::NotExact);
                }
                Some(if n < 0 {
                    (format!("UTC−{}", -n), n * 60)
                } else {
                    (format!("UTC+{n}"), n * 60)
                })
            }
            None => None,
        };
        let these = (open_zone, timezone, valid_from, valid_to);
        match &shared {
            None => shared = Some(these),
            Some(prev) if *prev == these => {}
            Some(_) => return Err(Why::NotExact),
        }
        for (d, list) in per_day.iter_mut().enumerate() {
            if days & (1 << d) != 0 {
                list.push((open, close));
            }
        }
    }
    worst?;
    let Some(shared) = shared else {
        return Err(Why::NotExact);
    };
    if shared.0.is_some() && shared.1.is_some() {
        return Err(Why::NotExact);
    }
    for list in &mut per_day {
        list.sort_unstable();
        list.dedup();
    }
    Ok((per_day, shared))
}

/// The week as text: "Mon–Fri 9:00–17:00", with its zone and validity dates.
#[allow(clippy::unnecessary_wraps)]
pub(super) fn render_week(
    per_day: &PerDay,
    zone: Option<Zone>,
    valid_from: Option<String>,
    valid_to: Option<String>,
) -> Result<String, Why> {
    let mut text = if per_day
        .iter()
        .all(|l| matches!(l.as_slice(), [(o, c)] if is_whole_day(*o, *c)))
    {
        "24/7".to_owned()
    } else {
        // Days with the same hours together, in the order of their first day.
        let mut groups: Vec<(&Vec<(Minutes, Minutes)>, u8)> = Vec::new();
        for (d, list) in per_day.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            match groups.iter_mut().find(|(l, _)| *l == list) {
                Some((_, days)) => *days |= 1 << d,
                None => groups.push((list, 1 << d)),
            }
        }
        groups
            .iter()
            .map(|(list, days)| {
                let ranges: Vec<String> = list.iter().map(|&(o, c)| range(o, c)).collect();
                format!("{} {}", day_runs(*days), ranges.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Some((z, _)) = zone {
        text.push_str(&format!(" ({z})"));
    }
    match (valid_from, valid_to) {
        (Some(f), Some(t)) => text.push_str(&format!(" (from {f} to {t})")),
        (Some(f), None) => text.push_str(&format!(" (from {f})")),
        (None, Some(t)) => text.push_str(&format!(" (until {t})")),
        (None, None) => {}
    }
    Ok(text)
}

/// "Mon–Fri", "Mon, Wed, Fri", "Mon–Wed, Sat".
pub(super) fn day_runs(days: u8) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut d = 0usize;
    while d < 7 {
        if days & (1 << d) == 0 {
            d += 1;
            continue;
        }
        let start = d;
        while d + 1 < 7 && days & (1 << (d + 1)) != 0 {
            d += 1;
        }
        let (a, b) = (
            DAY_NAMES.get(start).copied().unwrap_or_default(),
            DAY_NAMES.get(d).copied().unwrap_or_default(),
        );
        runs.push(if start == d {
            a.to_owned()
        } else {
            format!("{a}–{b}")
        });
        d += 1;
    }
    runs.join(", ")
}

/// One holiday row: "closed 2019-12-24 to 2019-12-26" or "2019-12-24 10:00–14:00".
pub(super) fn holiday(h: &Holiday) -> Result<String, Why> {
    let start = date(h.start_date.as_deref().ok_or(Why::NotExact)?).ok_or(Why::NotExact)?;
    let end = date(h.end_date.as_deref().unwrap_or(&start)).ok_or(Why::NotExact)?;
    let when = if start == end {
        start
    } else {
        format!("{start} to {end}")
    };
    let closed = h.closed.as_deref().map(|c| c.trim().to_ascii_lowercase());
    match closed.as_deref() {
        Some("true" | "1" | "yes") => Ok(format!("closed {when}")),
        Some("false" | "0" | "no") | None => {
            let (o, oz) = time(h.opens_at.as_deref().ok_or(Why::NotExact)?).ok_or(Why::NotExact)?;
            let (c, cz) =
                time(h.closes_at.as_deref().ok_or(Why::NotExact)?).ok_or(Why::NotExact)?;
            if oz.is_some() || cz.is_some() || o == c {
                return Err(Why::NotExact);
            }
            Ok(format!("{when} {}", range(o, c)))
        }
        Some(_) => Err(Why::NotExact),
    }
}
