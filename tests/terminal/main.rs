//! The real binary in a pseudo-terminal and under strace: what a person sees, the terminal given back, and privacy.

#[path = "../common/mod.rs"]
mod common;

mod loading;
mod privacy;
mod pty;
mod screen_reader;
