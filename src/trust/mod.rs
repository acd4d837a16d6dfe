//! Trust in a directory file: whether it was signed by a key the person trusts
//! (`signature`), and whether it gives another number where a known one belongs (`known`).

pub mod known;
pub mod signature;
