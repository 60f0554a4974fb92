//! The corpus stages of `ingest`: near-duplicate groups ([`Deduper`]) and
//! stories ([`StoryClusterer`]) over the whole store, in publication order.
//!
//! They run over every stored article, not only the new ones, so the groups
//! and stories of a store are always those of one pass over all of it, in
//! date order (articles that arrive late in a later ingest land where they
//! belong). A story is keyed by the id of its first article, so its store id
//! survives re-runs as long as the clustering keeps that article first.
//! Only groups and stories of two or more articles are recorded.

use newsdesk_corpus::{Deduper, StoryClusterer};
use newsdesk_store::{Grouping, Store, StoryInfo};
use std::collections::HashMap;

/// What the corpus stages found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    pub dup_groups: usize,
    pub stories: usize,
    /// Articles whose story or group changed.
    pub regrouped: usize,
    /// Time reading the store and running the deduper and clusterer.
    pub t_cluster: std::time::Duration,
    /// Time recording groups and stories.
    pub t_record: std::time::Duration,
}

pub fn run(store: &Store) -> anyhow::Result<Outcome> {
    let t0 = std::time::Instant::now();
    let mut dedup = Deduper::default();
    // (article id, group label, story id of the clusterer)
    let mut placed: Vec<(String, String, String)> = Vec::new();
    // Three stages at once: the store's reader parses the analyses, this
    // thread deduplicates, a second one clusters (each stage is sequential
    // by nature; together they take about as long as the clustering).
    let clusterer = std::thread::scope(|scope| -> anyhow::Result<StoryClusterer> {
        let (tx, rx) = crossbeam_channel::bounded::<(newsdesk_core::Analysis, String)>(256);
        let worker = scope.spawn(move || {
            let mut clusterer = StoryClusterer::default();
            let placed: Vec<(String, String, String)> = rx
                .iter()
                .map(|(a, group)| {
                    let story = clusterer.add(&a, Some(&group));
                    (a.article.id, group, story)
                })
                .collect();
            (clusterer, placed)
        });
        let walked = store.for_each_by_date(|a| {
            let group = dedup.add(&a.article).group;
            // A closed channel means the clusterer died; join reports it.
            let _ = tx.send((a, group));
            Ok(())
        });
        drop(tx);
        let (clusterer, p) = worker.join().map_err(|_| anyhow::anyhow!("the story clusterer panicked"))?;
        walked?;
        placed = p;
        Ok(clusterer)
    })?;
    let mut group_size: HashMap<&str, usize> = HashMap::new();
    for (_, g, _) in &placed {
        *group_size.entry(g).or_default() += 1;
    }
    let summaries = clusterer.summaries();
    let mut stories = Vec::new();
    let mut key_of: HashMap<&str, String> = HashMap::new();
    for s in &summaries {
        if s.article_count < 2 {
            continue;
        }
        let first = s.articles.first().cloned().unwrap_or_else(|| s.id.clone());
        let key = format!("story:{first}");
        key_of.insert(&s.id, key.clone());
        stories.push(StoryInfo { key, label: s.headline.clone() });
    }
    let groupings: Vec<Grouping> = placed
        .iter()
        .map(|(id, g, s)| Grouping {
            article: id.clone(),
            story: key_of.get(s.as_str()).cloned(),
            dup_group: (group_size[g.as_str()] >= 2).then(|| g.clone()),
        })
        .collect();
    let t_cluster = t0.elapsed();
    let t1 = std::time::Instant::now();
    let mut regrouped = store.set_groups(&stories, &[])?;
    for chunk in groupings.chunks(5000) {
        regrouped += store.set_groups(&[], chunk)?;
    }
    Ok(Outcome {
        dup_groups: group_size.values().filter(|n| **n >= 2).count(),
        stories: stories.len(),
        regrouped,
        t_cluster,
        t_record: t1.elapsed(),
    })
}
