//! Named entity recognition: people, organisations, places (and other
//! names), with roles, resolved within the article.
//!
//! - [`model`]: the trained sequence tagger (averaged structured perceptron,
//!   hashed features, Viterbi over IOB2), embedded from `models/ner/`.
//! - [`features`], [`gazetteer`], [`clusters`]: what the tagger sees.
//! - [`train`]: training from CoNLL-2003 files; [`conll`]: reading, writing
//!   and scoring them.
//! - [`resolve`]: entities from tagged text: mentions grouped into entities
//!   (surnames, acronyms), roles and affiliations.

pub mod clusters;
pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod resolve;
pub mod tags;
pub mod train;

pub use model::{NerModel, Workspace};
pub use resolve::{entity_at, entity_index_at, extract_entities, extract_entities_with, is_acronym_of};
pub use tags::{EntType, Tag};
