//! One event per sentence on a story's timeline.
//!
//! Follow-up reports repeat their background, mend a typo or add a clause:
//! "In Iowa, caucuses where held on February 3" and "… were held …" are one
//! event. Both the story summaries of `newsdesk stories` and the store's story
//! pages keep timelines with [`merge_event`].

/// The lower-cased words of a sentence, sorted and deduplicated.
fn sentence_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> =
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// Whether two sentences (their [`sentence_words`]) say the same: at most
/// one word in five of the shorter is missing from the longer.
fn same_sentence(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    let shared = short.iter().filter(|w| long.binary_search(w).is_ok()).count();
    shared * 5 >= short.len() * 4
}

/// Adds `new` to `events` unless an event of the same day has the same
/// sentence, or says it in other words ([`same_sentence`]: a sentence without
/// words is only the same as itself); a clearly fuller form (a fifth longer)
/// takes that event's place. `day` and `sentence` read an event's day and
/// sentence. Returns whether `events` changed.
pub fn merge_event<T>(events: &mut Vec<T>, new: T, day: impl Fn(&T) -> &str, sentence: impl Fn(&T) -> &str) -> bool {
    let words = sentence_words(sentence(&new));
    let same = events.iter().position(|e| {
        day(e) == day(&new) && (sentence(e) == sentence(&new) || same_sentence(&words, &sentence_words(sentence(e))))
    });
    match same {
        Some(k) => {
            if sentence(&new).len() * 5 > sentence(&events[k]).len() * 6 {
                events[k] = new;
                true
            } else {
                false
            }
        }
        None => {
            events.push(new);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(items: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut v = Vec::new();
        for &it in items {
            merge_event(&mut v, it, |e| e.0, |e| e.1);
        }
        v
    }

    #[test]
    fn one_event_per_sentence_said_in_other_words() {
        let v = merged(&[
            ("2020-02-03", "In Iowa, caucuses where held on February 3."),
            ("2020-02-03", "In Iowa, caucuses were held on February 3."),
            ("2020-02-22", "Nevada held its caucuses on February 22."),
            ("2020-02-22", "Nevada held its caucuses on February 22, and South Carolina held its primary."),
            ("2020-02-23", "Nevada held its caucuses on February 22."),
            ("2020-02-22", "Sanders won the Nevada caucuses by a wide margin on Saturday."),
        ]);
        assert_eq!(
            v,
            vec![
                ("2020-02-03", "In Iowa, caucuses where held on February 3."),
                ("2020-02-22", "Nevada held its caucuses on February 22, and South Carolina held its primary."),
                ("2020-02-23", "Nevada held its caucuses on February 22."),
                ("2020-02-22", "Sanders won the Nevada caucuses by a wide margin on Saturday."),
            ]
        );
    }

    #[test]
    fn sentences_without_words_are_the_same_only_as_themselves() {
        let v = merged(&[("2020-01-01", ""), ("2020-01-01", ""), ("2020-01-01", "—"), ("2020-01-01", "...")]);
        assert_eq!(v, vec![("2020-01-01", ""), ("2020-01-01", "—"), ("2020-01-01", "...")]);
    }

    #[test]
    fn words_ignore_case_punctuation_and_repeats() {
        assert_eq!(sentence_words("The  the, THE! Zoë—zoë"), vec!["the", "zoë"]);
        assert!(!same_sentence(&[], &sentence_words("anything")));
    }
}
