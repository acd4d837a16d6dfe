//! The interactive app: its state and `update` (`app`), the actions and the key table,
//! the terminal and its event loop, and the view that draws the state.

pub mod action;
pub mod app;
pub mod bidi;
pub mod keymap;
pub mod privacy;
pub mod reader;
pub mod terminal;
pub mod theme;
pub mod view;
