//! Titles, honorifics and role words before people's names: the one lexicon
//! of the entity stage (a person's role, a person's name without its title)
//! and the quote stage (a speaker's name, whether a speaker is a person).
//!
//! Every word has one or more classes:
//!
//! | class | meaning | examples |
//! |---|---|---|
//! | [`HONORIFIC`] | courtesy title: not part of the name, not a role | Mr, Mrs, Dr, Prof, Rev |
//! | [`IN_NAME`] | customary part of how the person is named: kept in the name | Pope, King, Prince, Sheikh, Sir, Dame |
//! | [`ROLE`] | head noun of a role: not part of the name, the person's role | Minister, spokesman, Sen., candidate |
//! | [`MODIFIER`] | word of a role before its head | Deputy, Foreign, Prime, presidential |
//! | [`DESCRIPTOR`] | describes the person, never part of the name | Former, Republican, Democratic, GOP |
//!
//! What the stages ask, all answered here:
//! - [`ends_name`]: a capitalised word right before a name that is not part
//!   of it ("Deputy Foreign **Minister** Sergei Ryabkov", "**Dr** Gazzola",
//!   "**Republican** Donald Trump"); the entity stage strips a leading run of
//!   such words and modifiers that ends in one, the quote stage stops a
//!   speaker's name there. Modifiers alone ("White Jack") and in-name titles
//!   ("Pope Francis") stay in the name in both.
//! - [`is_role_head`] / [`is_role_modifier`]: the words of a role
//!   ("US Secretary of State", "the European Union's foreign policy chief").
//! - [`is_title`]: a word that by itself refers to a person by title ("the
//!   Mayor said", "the Pope said"): no entity of its own, but a person speaker.
//! - [`gender`]: the gender a title word says its bearer has ("Mrs",
//!   "Queen", "spokesman"), which the quote stage uses to resolve "he" and
//!   "she" speakers. Only words whose gender is certain carry one: "Pope",
//!   "Emir" or "Sheikh" do not (the quote stage never counted them).
//!
//! Lookups ignore ASCII case and one trailing full stop ("Sen." = "sen").

/// Courtesy title: not part of the name, not a role.
pub const HONORIFIC: u8 = 1;
/// Customary part of how the person is named: kept in the name.
pub const IN_NAME: u8 = 2;
/// Head noun of a role.
pub const ROLE: u8 = 4;
/// A word of a role before its head.
pub const MODIFIER: u8 = 8;
/// Describes the person; never part of the name; not a role on its own.
pub const DESCRIPTOR: u8 = 16;

const H: u8 = HONORIFIC;
const N: u8 = IN_NAME;
const R: u8 = ROLE;
const M: u8 = MODIFIER;
const D: u8 = DESCRIPTOR;

/// The gender a title word gives the person who bears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

const MALE: Option<Gender> = Some(Gender::Male);
const FEMALE: Option<Gender> = Some(Gender::Female);

/// The lexicon: (word, classes, gender), sorted by word (byte order) for
/// binary search; lower case, no trailing full stop.
pub static LEXICON: &[(&str, u8, Option<Gender>)] = &[
    ("acting", M, None),
    ("adm", R, None),
    ("admiral", R, None),
    ("adviser", R, None),
    ("advisor", R, None),
    ("affairs", M, None),
    ("agriculture", M, None),
    ("aide", R, None),
    ("air", M, None),
    ("amb", R, None),
    ("ambassador", R, None),
    ("analyst", R, None),
    ("archbishop", R, None),
    ("army", M, None),
    ("assistant", M, None),
    ("associate", M, None),
    ("attorney", R | M, None),
    ("ayatollah", N | R, None),
    ("bank", M, None),
    ("billionaire", R, None),
    ("bishop", R, None),
    ("budget", M, None),
    ("businessman", R, MALE),
    ("businesswoman", R, FEMALE),
    ("campaign", M, None),
    ("candidate", R, None),
    ("capt", R, None),
    ("captain", R, None),
    ("cardinal", R, None),
    ("central", M, None),
    ("ceo", R, None),
    ("chair", R, None),
    ("chairman", R, MALE),
    ("chairperson", R, None),
    ("chairwoman", R, FEMALE),
    ("chancellor", R, None),
    ("chaplain", R, None),
    ("chief", R | M, None),
    ("co-", M, None),
    ("coach", R, None),
    ("col", R, None),
    ("colonel", R, None),
    ("columnist", R, None),
    ("commander", R, None),
    ("commerce", M, None),
    ("commissioner", R, None),
    ("communications", M, None),
    ("congressman", R, MALE),
    ("congresswoman", R, FEMALE),
    ("coroner", R, None),
    ("corporal", R, None),
    ("correspondent", R, None),
    ("councillor", R, None),
    ("councilman", R, MALE),
    ("councilwoman", R, FEMALE),
    ("cpl", R, None),
    ("culture", M, None),
    ("dame", N, FEMALE),
    ("defence", M, None),
    ("defense", M, None),
    ("delegate", R, None),
    ("democrat", M | D, None),
    ("democratic", M | D, None),
    ("deputy", R | M, None),
    ("det", R, None),
    ("detective", R, None),
    ("development", M, None),
    ("dictator", R, None),
    ("diplomat", R, None),
    ("director", R, None),
    ("director-general", R, None),
    ("dr", H, None),
    ("economic", M, None),
    ("economist", R, None),
    ("economy", M, None),
    ("editor", R, None),
    ("education", M, None),
    ("emir", N | R, None),
    ("energy", M, None),
    ("environment", M, None),
    ("envoy", R, None),
    ("european", M, None),
    ("executive", R | M, None),
    ("external", M, None),
    ("finance", M, None),
    ("financial", M, None),
    ("firefighter", R, None),
    ("first", M, None),
    ("force", M, None),
    ("foreign", M, None),
    ("foreign-policy", M, None),
    ("former", M | D, None),
    ("founder", R, None),
    ("front-runner", R, None),
    ("gen", R, None),
    ("general", R | M, None),
    ("gop", M | D, None),
    ("gov", R, None),
    ("government", M, None),
    ("governor", R, None),
    ("head", R, None),
    ("health", M, None),
    ("high", M, None),
    ("home", M, None),
    ("hon", H, None),
    ("hopeful", R, None),
    ("house", M, None),
    ("human", M, None),
    ("imam", R, None),
    ("industry", M, None),
    ("information", M, None),
    ("inspector", R, None),
    ("intelligence", M, None),
    ("interior", M, None),
    ("internal", M, None),
    ("international", M, None),
    ("investigator", R, None),
    ("judge", R, None),
    ("junior", M, None),
    ("justice", R | M, None),
    ("king", N | R, MALE),
    ("labor", M, None),
    ("labour", M, None),
    ("lady", N, FEMALE),
    ("lawmaker", R, None),
    ("lead", M, None),
    ("leader", R, None),
    ("legislator", R, None),
    ("lieutenant", R, None),
    ("lord", N, MALE),
    ("lt", R, None),
    ("maj", R, None),
    ("major", R, None),
    ("majority", M, None),
    ("manager", R, None),
    ("managing", M, None),
    ("marshal", R, None),
    ("mayor", R, None),
    ("military", M, None),
    ("minister", R, None),
    ("minority", M, None),
    ("miss", H, FEMALE),
    ("monarch", R, None),
    ("mp", R, None),
    ("mr", H, MALE),
    ("mrs", H, FEMALE),
    ("ms", H, FEMALE),
    ("mx", H, None),
    ("national", M, None),
    ("navy", M, None),
    ("negotiator", R, None),
    ("nominee", R, None),
    ("of", M, None),
    ("officer", R, None),
    ("official", R, None),
    ("operating", M, None),
    ("opposition", M, None),
    ("owner", R, None),
    ("paramedic", R, None),
    ("party", M, None),
    ("pastor", R, None),
    ("permanent", M, None),
    ("police", M, None),
    ("policy", M, None),
    ("pollster", R, None),
    ("pope", N | R, None),
    ("premier", R, None),
    ("pres", R, None),
    ("president", R, None),
    ("president-elect", R, None),
    ("presidential", M, None),
    ("press", M, None),
    ("prime", M, None),
    ("prince", N | R, MALE),
    ("princess", N | R, FEMALE),
    ("prof", H, None),
    ("professor", R, None),
    ("prosecutor", R, None),
    ("public", M, None),
    ("queen", N | R, FEMALE),
    ("rabbi", R, None),
    ("regional", M, None),
    ("rep", R, None),
    ("reporter", R, None),
    ("representative", R, None),
    ("reps", R, None),
    ("republican", M | D, None),
    ("rev", H, None),
    ("reverend", H, None),
    ("rights", M, None),
    ("secretary", R, None),
    ("secretary-general", R, None),
    ("security", M, None),
    ("sen", R, None),
    ("senate", M, None),
    ("senator", R, None),
    ("senior", M, None),
    ("sens", R, None),
    ("sergeant", R, None),
    ("sgt", R, None),
    ("sheikh", N | R, None),
    ("sheriff", R, None),
    ("sir", N, MALE),
    ("speaker", R, None),
    ("special", M, None),
    ("spokesman", R, MALE),
    ("spokesperson", R, None),
    ("spokeswoman", R, FEMALE),
    ("sports", M, None),
    ("state", M, None),
    ("strategist", R, None),
    ("superintendent", R, None),
    ("supreme", M, None),
    ("top", M, None),
    ("trade", M, None),
    ("transport", M, None),
    ("treasury", M, None),
    ("trooper", R, None),
    ("under", M, None),
    ("undersheriff", R, None),
    ("union", M, None),
    ("vice", M, None),
    ("vice-", M, None),
    ("vice-president", R, None),
    ("whip", R, None),
    ("white", M, None),
];

/// The classes of `word` (0 when it is not in the lexicon).
pub fn classes(word: &str) -> u8 {
    entry(word).map_or(0, |e| e.1)
}

/// The gender that title `word` gives its bearer ("Mrs." → female), if any.
pub fn gender(word: &str) -> Option<Gender> {
    entry(word).and_then(|e| e.2)
}

/// The lexicon entry of `word`.
fn entry(word: &str) -> Option<&'static (&'static str, u8, Option<Gender>)> {
    let w = word.strip_suffix('.').unwrap_or(word).as_bytes();
    let mut buf = [0u8; 20];
    if w.is_empty() || w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    let key = &buf[..w.len()];
    // The entries with the key's first letter (the table is sorted), then a binary search.
    let &(lo, hi) = first_letter_ranges().get(key[0].wrapping_sub(b'a') as usize)?;
    let part = &LEXICON[lo as usize..hi as usize];
    part.binary_search_by(|(e, ..)| e.as_bytes().cmp(key)).ok().map(|i| &part[i])
}

/// For each letter a–z, the range of [`LEXICON`] entries starting with it.
fn first_letter_ranges() -> &'static [(u16, u16); 26] {
    static RANGES: std::sync::OnceLock<[(u16, u16); 26]> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        let mut r = [(0u16, 0u16); 26];
        for (l, range) in r.iter_mut().enumerate() {
            let c = b'a' + l as u8;
            let lo = LEXICON.partition_point(|(e, ..)| e.as_bytes()[0] < c);
            let hi = LEXICON.partition_point(|(e, ..)| e.as_bytes()[0] <= c);
            *range = (lo as u16, hi as u16);
        }
        r
    })
}

/// A capitalised word right before a name that is not part of it: an
/// honorific, a role head or a descriptor, and not a title customary in names.
pub fn ends_name(word: &str) -> bool {
    class_ends_name(classes(word))
}

/// [`ends_name`] of a word with classes `c`.
fn class_ends_name(c: u8) -> bool {
    c & (HONORIFIC | ROLE | DESCRIPTOR) != 0 && c & IN_NAME == 0
}

/// A word of a title run before a name: one that ends a name
/// ([`ends_name`]) or a role modifier ("presidential candidate", "First").
pub fn is_title_part(word: &str) -> bool {
    let c = classes(word);
    class_ends_name(c) || c & MODIFIER != 0
}

/// A title customarily kept in the name ("Pope Francis", "Sir Keir Starmer").
pub fn is_in_name(word: &str) -> bool {
    classes(word) & IN_NAME != 0
}

/// The head noun of a role ("minister", "Sen.", "King").
pub fn is_role_head(word: &str) -> bool {
    classes(word) & ROLE != 0
}

/// A word of a role before its head ("deputy", "foreign", "former").
pub fn is_role_modifier(word: &str) -> bool {
    classes(word) & MODIFIER != 0
}

/// A title word that refers to a person by itself ("the Mayor", "the
/// Pope", "Mr."): any class but a modifier alone.
pub fn is_title(word: &str) -> bool {
    classes(word) & (HONORIFIC | IN_NAME | ROLE | DESCRIPTOR) != 0
}

/// A lower-case word that joins the words of a title ("Secretary **of**
/// State", "Speaker **of the** House", "Minister **for** Trade").
pub fn is_connector(word: &str) -> bool {
    matches!(word, "of" | "the" | "for")
}

/// Where the name starts in `words`, a capitalised phrase whose last word
/// is the last word of a name ("Deputy Foreign Minister Sergei Ryabkov" →
/// 3). Both stages ask this: the entity stage of a person mention, the
/// quote stage of the capitalised words before a speaker's head word.
///
/// The name starts after the last title run: capitalised words that end a
/// name ([`ends_name`]) with role modifiers, connectors and full stops
/// around them ("Secretary of State", "Dr .", "Former"). Role modifiers not
/// next to such a word are part of the name ("White Jack", "State
/// Department"), and so are titles customary in names ("Pope Francis") and
/// lower-case words ("president Biden": the tagger put it in the name).
/// The last word always stays.
pub fn name_start(words: &[&str]) -> usize {
    let Some(last) = words.len().checked_sub(1) else {
        return 0;
    };
    // `s`: first word of the name so far; words between `i` and `s` are
    // modifiers, connectors or stops that may yet belong to a title.
    let mut s = last;
    for i in (0..last).rev() {
        let w = words[i];
        let capitalised = w.starts_with(char::is_uppercase);
        let c = if capitalised { classes(w) } else { 0 };
        if class_ends_name(c) {
            return s;
        }
        let pending = w == "." || is_connector(w) || c & MODIFIER != 0;
        if !pending {
            s = i;
        }
    }
    // No title: modifiers before the name are part of it (from the first
    // capitalised one).
    (0..s).find(|&i| words[i].starts_with(char::is_uppercase)).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_lower_case_and_short() {
        for w in LEXICON.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        for &(w, c, g) in LEXICON {
            assert_eq!(w, w.to_ascii_lowercase());
            assert!(!w.ends_with('.') && w.len() <= 20 && c != 0, "{w}");
            assert_eq!(classes(w), c, "{w}");
            assert_eq!(gender(w), g, "{w}");
        }
    }

    #[test]
    fn lookups_ignore_case_and_a_final_stop() {
        assert!(ends_name("Sen.") && ends_name("SEN") && ends_name("sen"));
        assert!(ends_name("Dr.") && ends_name("Minister") && ends_name("Former"));
        assert!(!ends_name("Pope") && is_in_name("Pope") && is_role_head("pope"));
        assert!(!ends_name("Deputy.."), "one stop only");
        assert!(!ends_name("Foreign") && is_role_modifier("Foreign"));
        assert!(is_title("Sir") && !is_title("White") && !is_title("Smith"));
        assert!(is_title_part("Dr.") && is_title_part("Minister") && is_title_part("Foreign"));
        assert!(!is_title_part("Pope") && !is_title_part("Sir") && !is_title_part("Smith"));
        assert_eq!(gender("Mrs."), Some(Gender::Female));
        assert_eq!(gender("SIR"), Some(Gender::Male));
        assert_eq!(gender("spokeswoman"), Some(Gender::Female));
        assert_eq!(gender("Pope"), None, "a title without a certain gender");
        assert_eq!(gender("Smith"), None);
        assert_eq!(gender("Mr.."), None, "one stop only");
        assert_eq!(classes(""), 0);
        assert_eq!(classes("."), 0);
        assert_eq!(classes("Ministère"), 0);
        assert_eq!(classes("a-very-long-word-that-is-not-a-title"), 0);
    }

    #[test]
    fn name_starts_after_the_last_title_run() {
        let at = |p: &str| name_start(&p.split(' ').collect::<Vec<_>>());
        assert_eq!(at("Deputy Foreign Minister Sergei Ryabkov"), 3);
        assert_eq!(at("Secretary of State Antony Blinken"), 3);
        assert_eq!(at("Speaker of the House Nancy Pelosi"), 4);
        assert_eq!(at("Dr . Valeria Gazzola"), 2);
        assert_eq!(at("Former Anna Berg"), 1);
        assert_eq!(at("Ukrainian President Volodymyr Zelensky"), 2);
        assert_eq!(at("Prime Minister Major"), 2, "the last word stays");
        // Kept: modifiers alone, titles in names, lower case, lone titles.
        assert_eq!(at("White Jack"), 0);
        assert_eq!(at("State Department"), 0);
        assert_eq!(at("of the State Department"), 2);
        assert_eq!(at("Pope Francis"), 0);
        assert_eq!(at("Crown Prince Mohammed"), 0);
        assert_eq!(at("president Biden"), 0);
        assert_eq!(at("President"), 0);
        assert_eq!(name_start(&[]), 0);
    }
}
