//! Word classes induced from unlabeled text by our own code: distributional
//! clusters (spherical k-means over left/right context-word count vectors,
//! at two granularities) and each word's corpus capitalisation ratio
//! (how often it is capitalised when not sentence-initial).

use super::features::{hash_lower, ClassTable, WordClass};
use std::collections::HashMap;

/// Collects counts from sentences, then clusters.
#[derive(Default)]
pub struct ClusterBuilder {
    ids: HashMap<String, u32>,
    count: Vec<u32>,
    mid: Vec<u32>,
    mid_cap: Vec<u32>,
    /// All sentences as word ids, each followed by `u32::MAX`.
    stream: Vec<u32>,
}

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words clustered (the most frequent).
    pub vocab: usize,
    /// Context words (the most frequent), each giving a left and a right dimension.
    pub contexts: usize,
    pub fine: usize,
    pub coarse: usize,
    pub iterations: usize,
    /// Minimum count for a word to get a capitalisation ratio.
    pub min_count: u32,
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            vocab: 30_000,
            contexts: 300,
            fine: 256,
            coarse: 32,
            iterations: 10,
            min_count: 3,
            seed: 7,
        }
    }
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

impl ClusterBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one sentence of tokens.
    pub fn add_sentence(&mut self, words: &[&str]) {
        let alpha: Vec<&&str> = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let caps = alpha
            .iter()
            .filter(|w| !w.chars().any(char::is_lowercase))
            .count();
        let caps_line = alpha.len() >= 2 && caps * 10 >= alpha.len() * 8;
        for (i, w) in words.iter().enumerate() {
            let l = lower(w);
            let next = self.count.len() as u32;
            let id = *self.ids.entry(l).or_insert(next);
            if id == next {
                self.count.push(0);
                self.mid.push(0);
                self.mid_cap.push(0);
            }
            let id_u = id as usize;
            self.count[id_u] += 1;
            if i > 0 && !caps_line && w.chars().next().is_some_and(char::is_alphabetic) {
                self.mid[id_u] += 1;
                if w.chars().next().is_some_and(char::is_uppercase) {
                    self.mid_cap[id_u] += 1;
                }
            }
            self.stream.push(id);
        }
        self.stream.push(u32::MAX);
    }

    pub fn tokens(&self) -> usize {
        self.stream.len()
    }

    /// Clusters and returns the class table.
    pub fn finish(self, cfg: &ClusterConfig, mut log: impl FnMut(&str)) -> ClassTable {
        let nv = self.count.len();
        let mut by_freq: Vec<u32> = (0..nv as u32).collect();
        by_freq.sort_by_key(|&i| (std::cmp::Reverse(self.count[i as usize]), i));
        // Word id -> row in the clustered vocabulary / context dimension.
        let mut row = vec![u32::MAX; nv];
        let mut ctx = vec![u32::MAX; nv];
        let words: Vec<u32> = by_freq
            .iter()
            .copied()
            .filter(|&i| self.count[i as usize] >= cfg.min_count)
            .take(cfg.vocab)
            .collect();
        for (r, &w) in words.iter().enumerate() {
            row[w as usize] = r as u32;
        }
        for (c, &w) in by_freq.iter().take(cfg.contexts).enumerate() {
            ctx[w as usize] = c as u32;
        }
        let dim = 2 * cfg.contexts + 2;
        let n = words.len();
        let mut x = vec![0f32; n * dim];
        let s = &self.stream;
        for i in 0..s.len() {
            let w = s[i];
            if w == u32::MAX || row[w as usize] == u32::MAX {
                continue;
            }
            let r = row[w as usize] as usize;
            let left = if i > 0 { s[i - 1] } else { u32::MAX };
            let right = s.get(i + 1).copied().unwrap_or(u32::MAX);
            let ld = if left == u32::MAX {
                2 * cfg.contexts
            } else if ctx[left as usize] != u32::MAX {
                ctx[left as usize] as usize
            } else {
                usize::MAX
            };
            let rd = if right == u32::MAX {
                2 * cfg.contexts + 1
            } else if ctx[right as usize] != u32::MAX {
                cfg.contexts + ctx[right as usize] as usize
            } else {
                usize::MAX
            };
            if ld != usize::MAX {
                x[r * dim + ld] += 1.0;
            }
            if rd != usize::MAX {
                x[r * dim + rd] += 1.0;
            }
        }
        for v in x.chunks_exact_mut(dim) {
            let mut norm = 0f32;
            for a in v.iter_mut() {
                *a = a.sqrt();
                norm += *a * *a;
            }
            let norm = norm.sqrt().max(1e-6);
            for a in v.iter_mut() {
                *a /= norm;
            }
        }
        log(&format!("clustering {n} words, {dim} context dimensions"));
        let fine = kmeans(&x, dim, cfg.fine, cfg.iterations, cfg.seed, &mut log);
        let coarse = kmeans(
            &x,
            dim,
            cfg.coarse,
            cfg.iterations,
            cfg.seed ^ 0xABCD,
            &mut log,
        );
        let mut table = ClassTable::default();
        for (wstr, &id) in &self.ids {
            let id = id as usize;
            if self.count[id] < cfg.min_count {
                continue;
            }
            let m = self.mid[id];
            let capbin = if m < 2 {
                0
            } else {
                let f = self.mid_cap[id] as f32 / m as f32;
                if f < 0.05 {
                    1
                } else if f < 0.3 {
                    2
                } else if f < 0.7 {
                    3
                } else if f < 0.95 {
                    4
                } else {
                    5
                }
            };
            let r = row[id];
            let (fi, co) = if r == u32::MAX {
                (0, 0)
            } else {
                (fine[r as usize] as u16 + 1, coarse[r as usize] as u8 + 1)
            };
            if fi == 0 && capbin == 0 {
                continue;
            }
            table.insert(
                hash_lower(wstr),
                WordClass {
                    fine: fi,
                    coarse: co,
                    capbin,
                },
            );
        }
        table
    }
}

/// Spherical k-means over unit rows of `x`; returns each row's cluster.
fn kmeans(
    x: &[f32],
    dim: usize,
    k: usize,
    iters: usize,
    seed: u64,
    log: &mut impl FnMut(&str),
) -> Vec<u32> {
    let n = x.len() / dim;
    let k = k.clamp(1, n.max(1)).min(255 * 256);
    let mut assign = vec![0u32; n];
    if n == 0 {
        return assign;
    }
    let mut state = seed | 1;
    let mut cent = vec![0f32; k * dim];
    for c in 0..k {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let r = (state % n as u64) as usize;
        cent[c * dim..(c + 1) * dim].copy_from_slice(&x[r * dim..(r + 1) * dim]);
    }
    for it in 0..iters {
        let mut changed = 0;
        for i in 0..n {
            let v = &x[i * dim..(i + 1) * dim];
            let mut best = 0;
            let mut bs = f32::NEG_INFINITY;
            for c in 0..k {
                let cv = &cent[c * dim..(c + 1) * dim];
                let s: f32 = v.iter().zip(cv).map(|(a, b)| a * b).sum();
                if s > bs {
                    bs = s;
                    best = c;
                }
            }
            if assign[i] != best as u32 {
                changed += 1;
                assign[i] = best as u32;
            }
        }
        cent.iter_mut().for_each(|c| *c = 0.0);
        for i in 0..n {
            let c = assign[i] as usize;
            for (a, b) in cent[c * dim..(c + 1) * dim]
                .iter_mut()
                .zip(&x[i * dim..(i + 1) * dim])
            {
                *a += b;
            }
        }
        for c in cent.chunks_exact_mut(dim) {
            let norm = c.iter().map(|a| a * a).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|a| *a /= norm);
            }
        }
        log(&format!(
            "k-means k={k} iteration {}: {changed} changed",
            it + 1
        ));
        if changed == 0 {
            break;
        }
    }
    assign
}

/// Writes a class table as text: `hash fine coarse capbin` per line, sorted.
pub fn write_table(t: &ClassTable) -> String {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| **k);
    let mut s = String::with_capacity(v.len() * 28);
    for (k, c) in v {
        s += &format!("{k:016x} {} {} {}\n", c.fine, c.coarse, c.capbin);
    }
    s
}

/// Reads a table written by [`write_table`] (bad lines are skipped).
pub fn read_table(s: &str) -> ClassTable {
    let mut t = ClassTable::default();
    for line in s.lines() {
        let mut it = line.split_whitespace();
        let (Some(k), Some(f), Some(c), Some(b)) = (it.next(), it.next(), it.next(), it.next())
        else {
            continue;
        };
        if let (Ok(k), Ok(fine), Ok(coarse), Ok(capbin)) =
            (u64::from_str_radix(k, 16), f.parse(), c.parse(), b.parse())
        {
            t.insert(
                k,
                WordClass {
                    fine,
                    coarse,
                    capbin,
                },
            );
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_same_contexts_share_a_cluster() {
        let mut b = ClusterBuilder::new();
        for i in 0..50 {
            let city = ["Paris", "London", "Rome"][i % 3];
            let verb = ["said", "added", "noted"][i % 3];
            b.add_sentence(&["He", "flew", "to", city, "today", "."]);
            b.add_sentence(&["The", "minister", verb, "that", "it", "rained", "."]);
        }
        let cfg = ClusterConfig {
            vocab: 100,
            contexts: 20,
            fine: 4,
            coarse: 2,
            iterations: 10,
            min_count: 1,
            seed: 3,
        };
        let t = b.finish(&cfg, |_| {});
        let c = |w: &str| t[&hash_lower(w)];
        assert_eq!(c("paris").fine, c("london").fine);
        assert_eq!(c("said").fine, c("noted").fine);
        assert_ne!(c("paris").fine, c("said").fine);
        assert_eq!(c("paris").capbin, 5);
        assert_eq!(c("flew").capbin, 1);
        assert_eq!(read_table(&write_table(&t)), t);
    }
}
