//! Word lists: attribution cues (speech, writing and belief verbs in all their
//! forms), pronouns, and the closed-class words that bound a speaker phrase.
//!
//! Lookups are `match`es on short lowercase strings, compiled to length +
//! byte comparisons; no allocation.

/// What a cue verb can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Speech or writing: "said", "told", "wrote", "added". Takes quotes,
    /// inversion ("…," said X) and reported clauses.
    Speech,
    /// Takes a reported clause but is rarely used with direct quotes or
    /// inversion: "believes", "thinks", "hopes", "argued".
    Belief,
    /// "seems", "appears", "is expected": the content is around the verb and
    /// there is no source in the sentence.
    Raising,
}

/// Form of a cue verb that matters for attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    Finite,
    /// "saying", "adding": a participle clause that borrows its subject.
    Gerund,
}

/// Verbs that take an addressee object before the content: "told CNN that".
pub fn takes_addressee(lemma: &str) -> bool {
    matches!(lemma, "tell" | "ask" | "warn" | "assure" | "inform" | "remind" | "urge" | "promise")
}

/// Looks up a lowercase token; returns (lemma, class, form).
pub fn cue(word: &str) -> Option<(&'static str, CueClass, CueForm)> {
    use CueClass::*;
    use CueForm::*;
    let r = match word {
        "said" | "says" | "say" => ("say", Speech, Finite),
        "saying" => ("say", Speech, Gerund),
        "told" | "tells" | "tell" => ("tell", Speech, Finite),
        "telling" => ("tell", Speech, Gerund),
        "added" | "adds" => ("add", Speech, Finite),
        "adding" => ("add", Speech, Gerund),
        "wrote" | "writes" => ("write", Speech, Finite),
        "writing" => ("write", Speech, Gerund),
        "asked" | "asks" => ("ask", Speech, Finite),
        "asking" => ("ask", Speech, Gerund),
        "noted" | "notes" => ("note", Speech, Finite),
        "noting" => ("note", Speech, Gerund),
        "stressed" | "stresses" => ("stress", Speech, Finite),
        "stressing" => ("stress", Speech, Gerund),
        "urged" | "urges" => ("urge", Speech, Finite),
        "warned" | "warns" => ("warn", Speech, Finite),
        "warning" => ("warn", Speech, Gerund),
        "insisted" | "insists" => ("insist", Speech, Finite),
        "insisting" => ("insist", Speech, Gerund),
        "explained" | "explains" => ("explain", Speech, Finite),
        "explaining" => ("explain", Speech, Gerund),
        "claimed" | "claims" => ("claim", Speech, Finite),
        "claiming" => ("claim", Speech, Gerund),
        "announced" | "announces" => ("announce", Speech, Finite),
        "declared" | "declares" => ("declare", Speech, Finite),
        "stated" | "states" => ("state", Speech, Finite),
        "reads" => ("read", Speech, Finite),
        "tweeted" | "tweets" => ("tweet", Speech, Finite),
        "tweeting" => ("tweet", Speech, Gerund),
        "replied" | "replies" => ("reply", Speech, Finite),
        "responded" | "responds" => ("respond", Speech, Finite),
        "answered" => ("answer", Speech, Finite),
        "continued" | "continues" => ("continue", Speech, Finite),
        "acknowledged" | "acknowledges" => ("acknowledge", Speech, Finite),
        "acknowledging" => ("acknowledge", Speech, Gerund),
        "admitted" | "admits" => ("admit", Speech, Finite),
        "conceded" | "concedes" => ("concede", Speech, Finite),
        "recalled" | "recalls" => ("recall", Speech, Finite),
        "reported" | "reports" => ("report", Speech, Finite),
        "confirmed" | "confirms" => ("confirm", Speech, Finite),
        "denied" | "denies" => ("deny", Speech, Finite),
        "complained" | "complains" => ("complain", Speech, Finite),
        "commented" => ("comment", Speech, Finite),
        "observed" | "observes" => ("observe", Speech, Finite),
        "remarked" => ("remark", Speech, Finite),
        "emphasized" | "emphasised" | "emphasizes" | "emphasises" => ("emphasize", Speech, Finite),
        "reiterated" => ("reiterate", Speech, Finite),
        "asserted" | "asserts" => ("assert", Speech, Finite),
        "contended" | "contends" => ("contend", Speech, Finite),
        "maintained" => ("maintain", Speech, Finite),
        "countered" => ("counter", Speech, Finite),
        "joked" | "jokes" => ("joke", Speech, Finite),
        "quipped" => ("quip", Speech, Finite),
        "boasted" | "boasts" => ("boast", Speech, Finite),
        "concluded" | "concludes" => ("conclude", Speech, Finite),
        "testified" => ("testify", Speech, Finite),
        "revealed" => ("reveal", Speech, Finite),
        "wondered" => ("wonder", Speech, Finite),
        "cautioned" => ("caution", Speech, Finite),
        "charged" => ("charge", Speech, Finite),
        "alleged" | "alleges" => ("allege", Speech, Finite),
        "shouted" | "yelled" => ("shout", Speech, Finite),
        "posted" => ("post", Speech, Finite),
        "predicted" | "predicts" => ("predict", Speech, Finite),
        "promised" | "promises" => ("promise", Speech, Finite),
        "vowed" | "vows" => ("vow", Speech, Finite),
        "pledged" => ("pledge", Speech, Finite),
        "declined" => ("decline", Belief, Finite),
        "argued" | "argues" | "argue" => ("argue", Belief, Finite),
        "arguing" => ("argue", Speech, Gerund),
        "suggested" | "suggests" => ("suggest", Belief, Finite),
        "suggesting" => ("suggest", Belief, Gerund),
        "believe" | "believes" | "believed" => ("believe", Belief, Finite),
        "think" | "thinks" | "thought" => ("think", Belief, Finite),
        "hope" | "hopes" | "hoped" => ("hope", Belief, Finite),
        "fear" | "fears" | "feared" => ("fear", Belief, Finite),
        "worry" | "worries" | "worried" => ("worry", Belief, Finite),
        "expect" | "expects" => ("expect", Belief, Finite),
        "know" | "knows" | "knew" => ("know", Belief, Finite),
        "feel" | "feels" | "felt" => ("feel", Belief, Finite),
        "estimated" | "estimates" => ("estimate", Belief, Finite),
        "agreed" | "agree" | "agrees" => ("agree", Belief, Finite),
        "show" | "shows" | "showed" => ("show", Belief, Finite),
        "found" | "finds" => ("find", Belief, Finite),
        "indicated" | "indicates" => ("indicate", Belief, Finite),
        "mentioned" => ("mention", Speech, Finite),
        "demanded" => ("demand", Speech, Finite),
        "proposed" => ("propose", Belief, Finite),
        "accused" => ("accuse", Belief, Finite),
        "described" => ("describe", Belief, Finite),
        "called" => ("call", Belief, Finite),
        "praised" => ("praise", Belief, Finite),
        "criticized" | "criticised" => ("criticize", Belief, Finite),
        "shown" | "showing" => ("show", Belief, Gerund),
        "finding" => ("find", Belief, Gerund),
        "wanted" | "wants" | "want" => ("want", Belief, Finite),
        "endorse" | "endorses" | "endorsed" => ("endorse", Belief, Finite),
        "endorsing" => ("endorse", Belief, Gerund),
        "supports" | "support" | "supported" => ("support", Belief, Finite),
        "supporting" => ("support", Belief, Gerund),
        "opposes" | "oppose" | "opposed" => ("oppose", Belief, Finite),
        "sees" | "see" => ("see", Belief, Finite),
        "views" | "viewed" => ("view", Belief, Finite),
        "considers" | "considered" => ("consider", Belief, Finite),
        "refused" | "refuses" => ("refuse", Belief, Finite),
        "declines" => ("decline", Belief, Finite),
        "blamed" | "blames" => ("blame", Belief, Finite),
        "blaming" => ("blame", Belief, Gerund),
        "attacked" | "attacks" => ("attack", Belief, Finite),
        "slammed" | "slams" | "blasted" | "blasts" => ("slam", Belief, Finite),
        "condemned" | "condemns" => ("condemn", Belief, Finite),
        "defended" | "defends" => ("defend", Belief, Finite),
        "questioned" | "questions" => ("question", Belief, Finite),
        "rejected" | "rejects" => ("reject", Belief, Finite),
        "dismissed" | "dismisses" => ("dismiss", Belief, Finite),
        "calls" => ("call", Belief, Finite),
        "calling" => ("call", Belief, Gerund),
        "describes" => ("describe", Belief, Finite),
        "describing" => ("describe", Belief, Gerund),
        "accuses" => ("accuse", Belief, Finite),
        "accusing" => ("accuse", Belief, Gerund),
        "referred" | "refers" => ("refer", Belief, Finite),
        "referring" => ("refer", Belief, Gerund),
        "citing" => ("cite", Belief, Gerund),
        "cited" | "cites" => ("cite", Belief, Finite),
        "mocked" | "mocks" => ("mock", Belief, Finite),
        "lamented" | "laments" => ("lament", Belief, Finite),
        "thanked" => ("thank", Belief, Finite),
        "declaring" => ("declare", Speech, Gerund),
        "stating" => ("state", Speech, Gerund),
        "promising" => ("promise", Speech, Gerund),
        "vowing" => ("vow", Speech, Gerund),
        "urging" => ("urge", Speech, Gerund),
        "recalling" => ("recall", Speech, Gerund),
        "predicting" => ("predict", Belief, Gerund),
        "chanted" | "chanting" => ("chant", Speech, Finite),
        "plans" | "planned" => ("plan", Belief, Finite),
        "sought" | "seeks" => ("seek", Belief, Finite),
        "decided" | "decides" => ("decide", Belief, Finite),
        "offered" | "offers" => ("offer", Belief, Finite),
        "threatened" | "threatens" => ("threaten", Belief, Finite),
        "backed" => ("back", Belief, Finite),
        "backing" => ("back", Belief, Gerund),
        "intends" | "intended" => ("intend", Belief, Finite),
        "seemed" | "seems" | "seem" => ("seem", Raising, Finite),
        "appeared" | "appears" | "appear" => ("appear", Raising, Finite),
        "expected" => ("expect", Raising, Finite),
        _ => return None,
    };
    Some(r)
}

/// Cue forms in -s that are also plural nouns ("the states", "his claims").
pub fn is_noun_plural_homograph(word: &str) -> bool {
    matches!(
        word,
        "states"
            | "attacks"
            | "notes"
            | "claims"
            | "calls"
            | "questions"
            | "views"
            | "plans"
            | "reports"
            | "shows"
            | "supports"
            | "finds"
            | "fears"
            | "hopes"
            | "worries"
            | "estimates"
            | "promises"
            | "vows"
            | "charges"
            | "jokes"
            | "answers"
            | "blasts"
            | "slams"
            | "tweets"
            | "counters"
            | "reads"
            | "boasts"
            | "quotes"
    )
}

/// Cue base forms that are also singular nouns ("their support", "a fear").
pub fn is_noun_base_homograph(word: &str) -> bool {
    matches!(word, "support" | "show" | "hope" | "fear" | "worry")
}

/// Verbs whose content can be an infinitive: "declined to comment", "vowed to fight".
pub fn takes_infinitive(lemma: &str) -> bool {
    matches!(
        lemma,
        "decline"
            | "refuse"
            | "plan"
            | "seek"
            | "want"
            | "urge"
            | "hope"
            | "promise"
            | "offer"
            | "decide"
            | "vow"
            | "pledge"
            | "intend"
            | "threaten"
            | "agree"
            | "expect"
            | "ask"
            | "tell"
            | "warn"
            | "call"
    )
}

/// A lowercase word that is probably a past-tense verb ("threw", "celebrated"):
/// ends a name phrase read rightwards.
pub fn looks_like_past_verb(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && !matches!(word, "based" | "elected" | "retired" | "unnamed" | "armed"))
        || matches!(
            word,
            "took"
                | "shot"
                | "met"
                | "threw"
                | "went"
                | "made"
                | "gave"
                | "came"
                | "got"
                | "ran"
                | "won"
                | "lost"
                | "led"
                | "held"
                | "kept"
                | "left"
                | "sent"
                | "spent"
                | "brought"
                | "bought"
                | "fought"
                | "began"
                | "became"
                | "stood"
                | "sat"
                | "spoke"
                | "broke"
                | "chose"
                | "drew"
                | "drove"
                | "hit"
                | "put"
                | "set"
                | "cut"
                | "struck"
                | "sought"
                | "felt"
                | "heard"
                | "paid"
                | "sold"
                | "let"
        )
}

/// Verbs that may come before their subject after a quote: "…," said Smith.
pub fn invertible(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "add"
            | "write"
            | "ask"
            | "note"
            | "explain"
            | "continue"
            | "reply"
            | "respond"
            | "tell"
            | "warn"
            | "insist"
            | "declare"
            | "state"
            | "tweet"
            | "recall"
            | "answer"
            | "counter"
            | "joke"
            | "quip"
            | "observe"
            | "remark"
            | "conclude"
            | "caution"
            | "argue"
            | "stress"
            | "emphasize"
            | "boast"
            | "complain"
            | "admit"
            | "concede"
            | "acknowledge"
            | "announce"
            | "report"
            | "predict"
            | "promise"
            | "wonder"
            | "read"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Plural,
    Neuter,
    First,
}

/// The gender a title gives its bearer ([`crate::titles::gender`]).
impl From<crate::titles::Gender> for Gender {
    fn from(g: crate::titles::Gender) -> Self {
        match g {
            crate::titles::Gender::Male => Gender::Male,
            crate::titles::Gender::Female => Gender::Female,
        }
    }
}

/// Subject pronouns that can be speakers.
pub fn pronoun(word: &str) -> Option<Gender> {
    Some(match word {
        "he" => Gender::Male,
        "she" => Gender::Female,
        "they" => Gender::Plural,
        "it" => Gender::Neuter,
        "we" | "i" => Gender::First,
        _ => return None,
    })
}

/// Words that open an indirect question or a wh-clause: "asked whether",
/// "do not know where the gun came from".
pub fn is_wh_word(word: &str) -> bool {
    matches!(word, "what" | "where" | "why" | "how" | "who" | "whether" | "if" | "when")
}

/// Words skipped between a speaker and its cue: "he also said", "Smith has said".
pub fn is_cue_adverb(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "later"
            | "again"
            | "then"
            | "previously"
            | "repeatedly"
            | "recently"
            | "once"
            | "still"
            | "further"
            | "too"
            | "often"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "just"
            | "publicly"
            | "privately"
            | "separately"
            | "quickly"
            | "flatly"
            | "simply"
            | "frequently"
            | "reportedly"
            | "earlier"
            | "never"
            | "not"
            | "n't"
            | "n’t"
            | "has,"
            | "later,"
            | "first"
            | "already"
            | "openly"
            | "himself"
            | "herself"
            | "themselves"
            | "even"
            | "subsequently"
            | "confidently"
            | "bluntly"
            | "angrily"
            | "plainly"
            | "candidly"
            | "clearly"
            | "explicitly"
            | "sharply"
            | "sometimes"
            | "always"
            | "should"
            | "can"
            | "must"
            | "'s"
            | "’s"
            | "'ve"
            | "’ve"
            | "'d"
            | "’d"
            | "'ll"
            | "’ll"
            | "is"
            | "was"
            | "are"
            | "were"
            | "been"
            | "be"
            | "being"
            | "wo"
            | "ca"
    )
}

/// Weekdays and similar time words: "Ryabkov said Sunday", "he told CNN on Sunday".
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "recently"
            | "earlier"
            | "later"
            | "afterward"
            | "afterwards"
            | "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "weekend"
    )
}

/// Determiners and possessives that may start a nominal speaker phrase.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "another"
            | "one"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "most"
            | "other"
            | "both"
            | "each"
            | "every"
            | "few"
            | "all"
            | "no"
            | "any"
    )
}

/// Closed-class words that end a speaker phrase when walking outwards.
pub fn is_np_boundary(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "for"
            | "with"
            | "to"
            | "from"
            | "by"
            | "about"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "into"
            | "over"
            | "under"
            | "than"
            | "as"
            | "like"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "yet"
            | "because"
            | "while"
            | "when"
            | "where"
            | "if"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "whether"
            | "though"
            | "although"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "not"
            | "also"
            | "then"
            | "however"
            | "meanwhile"
            | "still"
            | "even"
            | "just"
            | "now"
            | "there"
            | "here"
            | "why"
            | "how"
            | "said"
            | "says"
            | "told"
            | "against"
            | "through"
            | "without"
            | "within"
            | "among"
            | "between"
            | "per"
            | "via"
            | "upon"
            | "amid"
            | "do"
            | "does"
            | "did"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "him"
            | "them"
            | "me"
            | "us"
            | "ahead"
            | "instead"
            | "whereas"
            | "unless"
            | "once"
            | "up"
            | "out"
            | "off"
            | "down"
            | "back"
            | "too"
            | "very"
            | "only"
            | "never"
    )
}

/// Capitalised words that are not names: sentence openers and function words.
pub fn is_capitalised_function_word(lower: &str) -> bool {
    is_np_boundary(lower)
        || is_determiner(lower)
        || matches!(
            lower,
            "according"
                | "asked"
                | "speaking"
                | "earlier"
                | "later"
                | "today"
                | "yesterday"
                | "last"
                | "next"
                | "this"
                | "despite"
                | "meanwhile"
                | "in"
                | "on"
                | "asked,"
                | "still"
                | "indeed"
                | "instead"
                | "yes"
                | "no"
                | "well"
                | "oh"
                | "perhaps"
                | "maybe"
                | "of"
                | "for"
                | "also"
        )
}

/// Common nouns that name sources, also when capitalised at a sentence's
/// start ("Police in Jonesboro say", "Officials at UK Hospital said", "The
/// government of Oman announced"): groups of people, spokespeople and
/// public bodies.
pub fn is_source_noun(w: &str) -> bool {
    is_group_noun(w)
        || matches!(
            w,
            "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "government"
                | "court"
                | "city"
                | "council"
                | "office"
                | "department"
                | "agency"
        )
}

/// Source nouns for a group of people, whom a later "they" refers to
/// ("Phoenix police said … They said …").
pub fn is_group_noun(w: &str) -> bool {
    matches!(
        w,
        "police"
            | "officials"
            | "authorities"
            | "investigators"
            | "deputies"
            | "detectives"
            | "officers"
            | "troopers"
            | "prosecutors"
            | "witnesses"
            | "neighbors"
            | "neighbours"
            | "residents"
            | "sources"
            | "doctors"
            | "experts"
            | "analysts"
            | "researchers"
            | "scientists"
            | "workers"
            | "students"
            | "parents"
            | "relatives"
            | "friends"
            | "family"
            | "traders"
            | "makers"
            | "lawmakers"
            | "leaders"
            | "members"
            | "representatives"
            | "staff"
            | "employees"
            | "managers"
            | "executives"
    )
}

/// Prepositions that open a modifier of a speaker phrase's head ("a
/// spokesman for the campaign", "Police in Jonesboro").
pub fn is_modifier_preposition(w: &str) -> bool {
    matches!(w, "of" | "for" | "from" | "with" | "at" | "in")
}

/// A document or a spokesperson, who speak for whoever issued or employs
/// them: "a news release from the Sheriff's Office", "county jail
/// records", "CML figures", "a UKIP spokesman", "the club's board".
pub fn speaks_for_another(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "statements"
            | "release"
            | "releases"
            | "report"
            | "reports"
            | "record"
            | "records"
            | "website"
            | "documents"
            | "affidavit"
            | "complaint"
            | "filing"
            | "post"
            | "letter"
            | "memo"
            | "announcement"
            | "figures"
            | "data"
            | "poll"
            | "survey"
            | "study"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesmen"
            | "spokeswomen"
            | "spokespeople"
            | "representative"
            | "representatives"
            | "board"
    )
}

/// Nouns and adjectives in -ly that end a speaker phrase ("Griego's
/// family"); other words in -ly there are adverbs ("Griego allegedly").
pub fn is_noun_in_ly(w: &str) -> bool {
    matches!(
        w,
        "family"
            | "assembly"
            | "ally"
            | "rally"
            | "supply"
            | "monopoly"
            | "anomaly"
            | "elderly"
            | "bully"
            | "belly"
            | "fly"
            | "lily"
            | "holly"
            | "polly"
            | "daily"
            | "weekly"
            | "monthly"
            | "quarterly"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms() {
        assert_eq!(cue("said").map(|c| c.0), Some("say"));
        assert_eq!(cue("adding").map(|c| c.2), Some(CueForm::Gerund));
        assert_eq!(cue("stressed").map(|c| c.0), Some("stress"));
        assert!(cue("table").is_none());
        assert!(invertible("say") && !invertible("believe"));
        assert!(takes_addressee("tell"));
    }
}
