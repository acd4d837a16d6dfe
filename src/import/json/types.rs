//! HSDS 3.0 JSON objects as serde types, read with `serde_path_to_error` so that a
//! value of the wrong type is reported at its path (`contents[2].phones[0].number`).
//!
//! The specification is lenient about types in practice, and so is this reader: text
//! may come as a string, a number or true/false; `null` is no value; a list or an
//! object may be absent or `null`. What cannot be read is said in the reader's words:
//! "expected text, found a list", "expected an object (phone), found text".

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What a JSON value is, in words.
fn found(v: &de::Unexpected<'_>) -> &'static str {
    match v {
        de::Unexpected::Bool(_) => "true or false",
        de::Unexpected::Unsigned(_) | de::Unexpected::Signed(_) | de::Unexpected::Float(_) => {
            "a number"
        }
        de::Unexpected::Str(_) | de::Unexpected::Char(_) => "text",
        de::Unexpected::Seq => "a list",
        de::Unexpected::Map => "an object",
        de::Unexpected::Unit | de::Unexpected::Option => "null",
        _ => "something else",
    }
}

/// A text field: trimmed, empty as none; a number or true/false as its text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Text(pub(super) Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(Some(v.trim().to_owned()).filter(|s| !s.is_empty())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                // As serde_json writes the number ("1.0", not "1").
                Ok(Text(serde_json::Number::from_f64(v).map(|n| n.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Text, A::Error> {
                Err(de::Error::custom("expected text, found a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Text, A::Error> {
                Err(de::Error::custom("expected text, found an object"))
            }
        }
        d.deserialize_any(V)
    }
}

/// An HSDS object, by the name the reader gives it in messages.
pub(super) trait Kind {
    /// "phone", "service" …
    const KIND: &'static str;
}

/// An object where one is wanted: anything else is an error naming the object.
#[derive(Debug, Default)]
pub(super) struct Obj<T>(pub(super) T);

struct ObjVisitor<T>(PhantomData<T>);

impl<'de, T: Kind + Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", T::KIND)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Str(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Unsigned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Signed(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Float(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(wrong::<T, E>(&de::Unexpected::Unit))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(wrong::<T, A::Error>(&de::Unexpected::Seq))
    }
}

fn wrong<T: Kind, E: de::Error>(v: &de::Unexpected<'_>) -> E {
    E::custom(format!(
        "expected an object ({}), found {}",
        T::KIND,
        found(v)
    ))
}

impl<'de, T: Kind + Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ObjVisitor(PhantomData)).map(Obj)
    }
}

/// An object that may be absent or `null`.
#[derive(Debug)]
pub(super) struct Opt<T>(pub(super) Option<T>);

impl<T> Default for Opt<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: Kind + Deserialize<'de>> Deserialize<'de> for Opt<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Kind + Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Opt<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an object ({}) or null", T::KIND)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Opt<T>, E> {
                Ok(Opt(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Opt<T>, E> {
                Ok(Opt(None))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Opt<T>, D2::Error> {
                Obj::<T>::deserialize(d).map(|o| Opt(Some(o.0)))
            }
        }
        d.deserialize_option(V(PhantomData))
    }
}

/// A list of objects that may be absent or `null`; anything else is an error.
#[derive(Debug)]
pub(super) struct List<T>(pub(super) Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Kind + Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Kind + Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(Obj(item)) = seq.next_element::<Obj<T>>()? {
                    out.push(item);
                }
                Ok(List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<List<T>, A::Error> {
                Err(not_a_list(&de::Unexpected::Map))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<List<T>, E> {
                Err(not_a_list(&de::Unexpected::Str(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<List<T>, E> {
                Err(not_a_list(&de::Unexpected::Unsigned(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<List<T>, E> {
                Err(not_a_list(&de::Unexpected::Signed(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<List<T>, E> {
                Err(not_a_list(&de::Unexpected::Float(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<List<T>, E> {
                Err(not_a_list(&de::Unexpected::Bool(v)))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

fn not_a_list<E: de::Error>(v: &de::Unexpected<'_>) -> E {
    E::custom(format!("expected a list, found {}", found(v)))
}

/// An object read only when it is one (`taxonomy_detail`): anything else is no value.
#[derive(Debug)]
pub(super) struct IfObj<T>(pub(super) Option<T>);

impl<T> Default for IfObj<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IfObj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(Self(match v {
            serde_json::Value::Object(_) => T::deserialize(v).ok(),
            _ => None,
        }))
    }
}

macro_rules! hsds_object {
    ($(#[$doc:meta])* $name:ident, $kind:literal { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(default)]
        pub(super) struct $name {
            $(pub(super) $field: $ty,)*
        }
        impl Kind for $name {
            const KIND: &'static str = $kind;
        }
    };
}

hsds_object!(
    /// `service`: what the importer reads of it.
    Service, "service" {
        id: Text, name: Text, alternate_name: Text, description: Text, url: Text,
        email: Text, status: Text, interpretation_services: Text, application_process: Text,
        fees_description: Text, fees: Text, wait_time: Text, accreditations: Text,
        licenses: Text, eligibility_description: Text, minimum_age: Text,
        maximum_age: Text, alert: Text, assured_date: Text, last_modified: Text,
        organization: Opt<Organization>, program: Opt<Program>, phones: List<Phone>,
        schedules: List<Schedule>, service_areas: List<ServiceArea>,
        languages: List<Language>, service_at_locations: List<ServiceAtLocation>,
        cost_options: List<CostOption>, required_documents: List<RequiredDocument>,
        attributes: List<Attribute>,
    }
);

hsds_object!(
    /// `organization`, without its services (read apart, at the top of a file).
    Organization, "organization" {
        name: Text, website: Text, url: Text, email: Text, phones: List<Phone>,
    }
);

hsds_object!(
    /// `program`.
    Program, "program" { name: Text }
);

hsds_object!(
    /// `phone`.
    Phone, "phone" {
        id: Text, number: Text, extension: Text, r#type: Text, description: Text,
        languages: List<Language>,
    }
);

hsds_object!(
    /// `schedule`.
    Schedule, "schedule" {
        id: Text, freq: Text, interval: Text, byday: Text, byweekno: Text, bymonthday: Text,
        byyearday: Text, count: Text, until: Text, dtstart: Text, valid_from: Text,
        valid_to: Text, timezone: Text, opens_at: Text, closes_at: Text,
        description: Text, notes: Text, attending_type: Text,
    }
);

hsds_object!(
    /// `service_area`.
    ServiceArea, "service_area" { name: Text, description: Text }
);

hsds_object!(
    /// `language`.
    Language, "language" { name: Text, code: Text }
);

hsds_object!(
    /// `service_at_location`, without its service (read apart, at the top of a file).
    ServiceAtLocation, "service_at_location" {
        id: Text, location_id: Text, location: Opt<Location>, phones: List<Phone>,
        schedules: List<Schedule>, service_areas: List<ServiceArea>,
    }
);

hsds_object!(
    /// `location`.
    Location, "location" {
        id: Text, name: Text, description: Text, transportation: Text,
        addresses: List<Address>, accessibility: List<Accessibility>, phones: List<Phone>,
        schedules: List<Schedule>,
    }
);

hsds_object!(
    /// `address`.
    Address, "address" {
        address_type: Text, address_1: Text, address_2: Text, city: Text,
        state_province: Text, postal_code: Text, country: Text,
    }
);

hsds_object!(
    /// `accessibility`.
    Accessibility, "accessibility" { description: Text, details: Text }
);

hsds_object!(
    /// `cost_option`.
    CostOption, "cost_option" {
        option: Text, amount: Text, currency: Text, amount_description: Text,
        valid_from: Text, valid_to: Text,
    }
);

hsds_object!(
    /// `required_document`.
    RequiredDocument, "required_document" { document: Text }
);

hsds_object!(
    /// `attribute`.
    Attribute, "attribute" { value: Text, taxonomy_term: Opt<TaxonomyTerm> }
);

hsds_object!(
    /// `taxonomy_term`.
    TaxonomyTerm, "taxonomy_term" {
        code: Text, name: Text, taxonomy: Text, taxonomy_detail: IfObj<TaxonomyDetail>,
    }
);

/// `taxonomy_detail`: only its name.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct TaxonomyDetail {
    pub(super) name: Text,
}
