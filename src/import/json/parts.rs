//! The parts of a service in HSDS 3.0 JSON: its locations and addresses, phones,
//! schedules, service areas, languages and attributes.

use super::*;

impl Reader {
    /// Adds what a service-at-location holds (its location, phones, schedules and areas)
    /// to `s`.
    pub(super) fn sal_into(
        &mut self,
        v: &Value,
        path: &str,
        s: &mut Service,
    ) -> Result<(), ImportError> {
        let m = self.object(v, path, "service_at_location", &SERVICE_AT_LOCATION)?;
        let sal_id = self.text(m, "id", path)?;
        let mut key = self
            .text(m, "location_id", path)?
            .or_else(|| sal_id.clone())
            .unwrap_or_else(|| path.to_owned());
        let mut location = None;
        if let Some(l) = m.get("location").filter(|l| !l.is_null()) {
            let lp = join(path, "location");
            let lm = self.object(l, &lp, "location", &LOCATION)?;
            if let Some(id) = self.text(lm, "id", &lp)? {
                key = id;
            }
            let name = self.text(lm, "name", &lp)?;
            let scope = Scope::Location(key.clone(), name.clone());
            let mut loc = Location {
                id: Some(key.clone()),
                name,
                description: self.text(lm, "description", &lp)?,
                transportation: self.text(lm, "transportation", &lp)?,
                ..Location::default()
            };
            let adp = join(&lp, "addresses");
            for (i, a) in self.list(lm, "addresses", &lp)?.iter().enumerate() {
                let p = format!("{adp}[{i}]");
                let am = self.object(a, &p, "address", &ADDRESS)?;
                let kind = match self.text(am, "address_type", &p)?.as_deref() {
                    Some(t) if t.eq_ignore_ascii_case("postal") => AddressKind::Postal,
                    Some(t) if t.eq_ignore_ascii_case("virtual") => AddressKind::Virtual,
                    _ => AddressKind::Physical,
                };
                let lines = [
                    self.text(am, "address_1", &p)?,
                    self.text(am, "address_2", &p)?,
                ]
                .into_iter()
                .flatten()
                .collect();
                loc.addresses.push(Address {
                    kind,
                    lines,
                    city: self.text(am, "city", &p)?,
                    state_province: self.text(am, "state_province", &p)?,
                    postal_code: self.text(am, "postal_code", &p)?,
                    country: self.text(am, "country", &p)?,
                });
            }
            let acp = join(&lp, "accessibility");
            for (i, a) in self.list(lm, "accessibility", &lp)?.iter().enumerate() {
                let p = format!("{acp}[{i}]");
                let am = self.object(a, &p, "accessibility", &ACCESSIBILITY)?;
                let text: Vec<String> = [
                    self.text(am, "description", &p)?,
                    self.text(am, "details", &p)?,
                ]
                .into_iter()
                .flatten()
                .collect();
                if !text.is_empty() {
                    loc.accessibility.push(text.join(" "));
                }
            }
            self.phones_into(lm, &lp, &mut s.phones)?;
            self.schedules_into(lm, &lp, &scope, &mut s.schedules)?;
            location = Some(loc);
        }
        let name = location.as_ref().and_then(|l| l.name.clone());
        let scope = Scope::Location(key, name);
        self.phones_into(m, path, &mut s.phones)?;
        self.schedules_into(m, path, &scope, &mut s.schedules)?;
        self.areas_into(m, path, &mut s.areas)?;
        if let Some(loc) = location {
            s.locations.push(loc);
        }
        Ok(())
    }

    pub(super) fn phone(&mut self, v: &Value, path: &str) -> Result<Option<Phone>, ImportError> {
        let m = self.object(v, path, "phone", &PHONE)?;
        let Some(number) = self.text(m, "number", path)? else {
            return Ok(None);
        };
        let mut languages = Vec::new();
        self.languages_into(m, path, &mut languages)?;
        Ok(Some(Phone {
            id: self.text(m, "id", path)?,
            number,
            extension: self.text(m, "extension", path)?,
            kind: self.text(m, "type", path)?,
            description: self.text(m, "description", path)?,
            department: None,
            languages,
        }))
    }

    pub(super) fn phones_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<Phone>,
    ) -> Result<(), ImportError> {
        let pp = join(path, "phones");
        for (i, p) in self.list(m, "phones", path)?.iter().enumerate() {
            if let Some(p) = self.phone(p, &format!("{pp}[{i}]"))? {
                out.push(p);
            }
        }
        Ok(())
    }

    pub(super) fn schedules_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        scope: &Scope,
        out: &mut Vec<Schedule>,
    ) -> Result<(), ImportError> {
        let sp = join(path, "schedules");
        for (i, v) in self.list(m, "schedules", path)?.iter().enumerate() {
            let p = format!("{sp}[{i}]");
            let sm = self.object(v, &p, "schedule", &SCHEDULE)?;
            let t = |r: &Self, k: &str| r.text(sm, k, &p);
            out.push(Schedule {
                id: t(self, "id")?,
                scope: scope.clone(),
                weekday: None,
                freq: t(self, "freq")?,
                interval: t(self, "interval")?,
                byday: t(self, "byday")?,
                byweekno: t(self, "byweekno")?,
                bymonthday: t(self, "bymonthday")?,
                byyearday: t(self, "byyearday")?,
                count: t(self, "count")?,
                until: t(self, "until")?,
                dtstart: t(self, "dtstart")?,
                valid_from: t(self, "valid_from")?,
                valid_to: t(self, "valid_to")?,
                timezone: t(self, "timezone")?,
                opens_at: t(self, "opens_at")?,
                closes_at: t(self, "closes_at")?,
                description: t(self, "description")?,
                notes: t(self, "notes")?,
                attending_type: t(self, "attending_type")?,
            });
        }
        Ok(())
    }

    pub(super) fn areas_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<Area>,
    ) -> Result<(), ImportError> {
        let ap = join(path, "service_areas");
        for (i, v) in self.list(m, "service_areas", path)?.iter().enumerate() {
            let p = format!("{ap}[{i}]");
            let am = self.object(v, &p, "service_area", &SERVICE_AREA)?;
            out.push(Area {
                name: self.text(am, "name", &p)?,
                description: self.text(am, "description", &p)?,
            });
        }
        Ok(())
    }

    pub(super) fn languages_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<String>,
    ) -> Result<(), ImportError> {
        let lp = join(path, "languages");
        for (i, v) in self.list(m, "languages", path)?.iter().enumerate() {
            let p = format!("{lp}[{i}]");
            let lm = self.object(v, &p, "language", &LANGUAGE)?;
            let name = match self.text(lm, "name", &p)? {
                Some(n) => Some(n),
                None => self.text(lm, "code", &p)?,
            };
            if let Some(n) = name {
                out.push(n);
            }
        }
        Ok(())
    }

    pub(super) fn attribute(&mut self, v: &Value, path: &str) -> Result<Option<Term>, ImportError> {
        let m = self.object(v, path, "attribute", &ATTRIBUTE)?;
        let value = self.text(m, "value", path)?;
        let Some(t) = m.get("taxonomy_term").filter(|t| !t.is_null()) else {
            // Only the term's id: nothing to show without the taxonomy terms table.
            return Ok(None);
        };
        let tp = join(path, "taxonomy_term");
        let tm = self.object(t, &tp, "taxonomy_term", &TAXONOMY_TERM)?;
        let detail_name = match tm.get("taxonomy_detail") {
            Some(Value::Object(d)) => self.text(d, "name", &join(&tp, "taxonomy_detail"))?,
            _ => None,
        };
        Ok(Some(Term {
            code: self.text(tm, "code", &tp)?,
            name: self.text(tm, "name", &tp)?,
            taxonomy: match self.text(tm, "taxonomy", &tp)? {
                Some(t) => Some(t),
                None => detail_name,
            },
            value,
        }))
    }
}
