//! The corpus stages of `ingest`: near-duplicate groups and stories over the
//! whole store, in publication order.
//!
//! Hook: the stages come from `newsdesk-corpus` (`Deduper`, then
//! `StoryClusterer`), which is being written on its own branch. Until it is
//! merged this stage records nothing and reports the groups and stories the
//! store already holds; the store side (`Store::for_each_by_date`,
//! `Store::set_groups`) is in place and tested.

use newsdesk_store::Store;

/// What the corpus stages found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub dup_groups: usize,
    pub stories: usize,
    /// Articles whose story or group changed.
    pub regrouped: usize,
}

pub fn run(store: &Store) -> anyhow::Result<Outcome> {
    let stats = store.stats()?;
    Ok(Outcome { dup_groups: stats.dup_groups as usize, stories: stats.stories as usize, regrouped: 0 })
}
