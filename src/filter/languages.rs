//! The language filter: a data table of the languages people ask for, by their names
//! in English and Spanish and their codes, and how a record's stated languages match.

use super::*;

/// A language: the codes it may be written as (ISO 639-1 and -2/3), and its names
/// (English, own name, Spanish name, other common names), folded: the directory may be
/// read in Spanish, where its languages are "inglés", "chino".
#[derive(Debug)]
pub(super) struct Language {
    pub(super) codes: &'static [&'static str],
    pub(super) names: &'static [&'static str],
    /// Names of varieties a record may state, which are found by this language but do
    /// not name it in a query ("Mandarin" is Chinese, "Chinese" is not Mandarin).
    pub(super) also: &'static [&'static str],
}

/// The languages most spoken in the United States, and a few more. Mandarin and
/// Cantonese are their own entries: a record that says only "Chinese" is found by
/// "Chinese" or "zh", which also find records naming Mandarin or Cantonese.
pub(super) const LANGUAGES: &[Language] = &[
    Language {
        codes: &["en", "eng"],
        names: &["english", "ingles"],
        also: &[],
    },
    Language {
        codes: &["es", "spa"],
        names: &["spanish", "espanol", "castellano", "castilian"],
        also: &[],
    },
    Language {
        codes: &["zh", "zho", "chi"],
        names: &["chinese", "chino", "zhongwen", "zhong wen", "hanyu"],
        also: &[
            "mandarin",
            "putonghua",
            "guoyu",
            "cantonese",
            "cantones",
            "taishanese",
            "toisanese",
        ],
    },
    Language {
        codes: &["cmn"],
        names: &["mandarin", "putonghua", "pu tong hua", "guoyu", "guo yu"],
        also: &[],
    },
    Language {
        codes: &["yue"],
        names: &[
            "cantonese",
            "cantones",
            "guangdonghua",
            "guang dong hua",
            "yueyu",
        ],
        also: &[],
    },
    Language {
        codes: &["vi", "vie"],
        names: &["vietnamese", "vietnamita", "tieng viet"],
        also: &[],
    },
    Language {
        codes: &["tl", "tgl", "fil"],
        names: &["tagalog", "tagalo", "filipino", "pilipino"],
        also: &[],
    },
    Language {
        codes: &["ko", "kor"],
        names: &["korean", "coreano", "hangugeo", "hangukeo", "han gug eo"],
        also: &[],
    },
    Language {
        codes: &["ru", "rus"],
        names: &["russian", "ruso", "russkii", "russkiy", "russkij"],
        also: &[],
    },
    Language {
        codes: &["ar", "ara"],
        names: &["arabic", "arabe", "arabiyya", "arabiya", "al-arabiyya"],
        also: &[],
    },
    Language {
        codes: &["fa", "fas", "per", "prs"],
        names: &["persian", "persa", "farsi", "dari"],
        also: &[],
    },
    Language {
        codes: &["hi", "hin"],
        names: &["hindi"],
        also: &[],
    },
    Language {
        codes: &["pt", "por"],
        names: &["portuguese", "portugues"],
        also: &[],
    },
    Language {
        codes: &["fr", "fra", "fre"],
        names: &["french", "francais", "frances"],
        also: &[],
    },
    Language {
        codes: &["ht", "hat"],
        names: &[
            "haitian creole",
            "haitian",
            "haitiano",
            "kreyol ayisyen",
            "kreyol",
        ],
        also: &[],
    },
    Language {
        codes: &["ja", "jpn"],
        names: &["japanese", "japones", "nihongo"],
        also: &[],
    },
    Language {
        codes: &["so", "som"],
        names: &["somali", "soomaali", "af-soomaali"],
        also: &[],
    },
    Language {
        codes: &["am", "amh"],
        names: &["amharic", "amarinya", "amarigna"],
        also: &[],
    },
    Language {
        codes: &["ti", "tir"],
        names: &["tigrinya", "tigrigna"],
        also: &[],
    },
    Language {
        codes: &["de", "deu", "ger"],
        names: &["german", "deutsch", "aleman"],
        also: &[],
    },
    Language {
        codes: &["it", "ita"],
        names: &["italian", "italiano"],
        also: &[],
    },
    Language {
        codes: &["pl", "pol"],
        names: &["polish", "polski"],
        also: &[],
    },
    Language {
        codes: &["uk", "ukr"],
        names: &["ukrainian", "ukrainska", "ukrayinska"],
        also: &[],
    },
    Language {
        codes: &["hy", "hye", "arm"],
        names: &["armenian", "hayeren"],
        also: &[],
    },
    Language {
        codes: &["km", "khm"],
        names: &["khmer", "cambodian"],
        also: &[],
    },
    Language {
        codes: &["lo", "lao"],
        names: &["lao", "laotian"],
        also: &[],
    },
    Language {
        codes: &["hmn"],
        names: &["hmong"],
        also: &[],
    },
    Language {
        codes: &["pa", "pan"],
        names: &["punjabi", "panjabi"],
        also: &[],
    },
    Language {
        codes: &["ur", "urd"],
        names: &["urdu"],
        also: &[],
    },
    Language {
        codes: &["bn", "ben"],
        names: &["bengali", "bangla"],
        also: &[],
    },
    Language {
        codes: &["th", "tha"],
        names: &["thai"],
        also: &[],
    },
    Language {
        codes: &["my", "mya", "bur"],
        names: &["burmese"],
        also: &[],
    },
    Language {
        codes: &["ne", "nep"],
        names: &["nepali"],
        also: &[],
    },
    Language {
        codes: &["sw", "swa"],
        names: &["swahili", "kiswahili"],
        also: &[],
    },
    Language {
        codes: &["ase"],
        names: &["american sign language", "asl", "lengua de senas americana"],
        also: &[],
    },
];

/// Whether a record stating `languages` speaks the language `query` (folded, trimmed,
/// not empty) names.
pub(super) fn language_matches(languages: &[Shared], query: &str) -> bool {
    stated_language_matches(languages, query, &known_languages(query))
}

/// The languages of the table a (folded) query names.
pub(super) fn known_languages(query: &str) -> Vec<&'static Language> {
    LANGUAGES
        .iter()
        .filter(|l| l.codes.contains(&query) || l.names.contains(&query))
        .collect()
}

pub(super) fn stated_language_matches(
    languages: &[Shared],
    query: &str,
    known: &[&Language],
) -> bool {
    languages.iter().any(|stated| {
        let stated = squash(fold(stated));
        if known.is_empty() {
            return stated.contains(query);
        }
        known.iter().any(|l| {
            l.names.iter().chain(l.also).any(|n| has_word(&stated, n))
                || l.codes.iter().any(|c| is_code(&stated, c))
        })
    })
}

/// Whether `word` occurs in `text` between non-alphanumeric characters (or the ends).
pub(super) fn has_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|rest| rest.find(word)) {
        let start = from + pos;
        let end = start + word.len();
        let before = start
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric);
        let after = bytes.get(end).is_some_and(u8::is_ascii_alphanumeric);
        if !before && !after {
            return true;
        }
        from = start + 1;
        if from > text.len() {
            break;
        }
    }
    false
}

/// Whether a stated language is the code itself, or the code with a region or script
/// (`es-MX`, `zh_Hant`).
pub(super) fn is_code(stated: &str, code: &str) -> bool {
    stated == code
        || stated
            .strip_prefix(code)
            .is_some_and(|rest| rest.starts_with(['-', '_']))
}
