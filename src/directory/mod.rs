//! The directory: its file format, loading and checking, and the checked model.

pub mod check;
pub mod load;
pub mod merge;
pub mod model;
pub mod phone;
pub mod problems;
pub mod raw;
pub mod sanitize;
pub mod text;
pub mod web;

pub use load::{DEFAULT_MAX_BYTES, LoadError, Problem};
pub use model::*;
