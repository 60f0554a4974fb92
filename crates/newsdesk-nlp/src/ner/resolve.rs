//! Entities from tagged text (placeholder, replaced below).
use super::model::{NerModel, Workspace};
use crate::Doc;
use newsdesk_core::{Entity, Span};

pub fn extract_entities(doc: &Doc) -> Vec<Entity> {
    match NerModel::embedded() {
        Some(m) => extract_entities_with(m, doc, &mut Workspace::default()),
        None => Vec::new(),
    }
}

pub fn extract_entities_with(_m: &NerModel, _doc: &Doc, _ws: &mut Workspace) -> Vec<Entity> {
    Vec::new()
}

pub fn entity_index_at(entities: &[Entity], span: Span) -> Option<usize> {
    entities.iter().position(|e| {
        e.mentions
            .iter()
            .any(|m| m.start <= span.start && span.end <= m.end)
    })
}

pub fn entity_at(entities: &[Entity], span: Span) -> Option<&Entity> {
    entity_index_at(entities, span).map(|i| &entities[i])
}
