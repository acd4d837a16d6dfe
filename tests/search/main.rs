//! Search and filters: ranking, the index file, the filter logic and the filters through the commands.

#[path = "../common/mod.rs"]
mod common;

mod filter;
mod filters;
mod one_search;
mod search_index;
mod search_ranking;
