//! Search the way a Chinese clerk expects: by name, full pinyin (`zhangsanfeng`), initials (`zsf`),
//! a fragment of the ID number or of the phone number. Each person carries a precomputed
//! `search_key`; a query is one `instr()` over it (a 10,000-name scan takes well under a millisecond).

use pinyin::ToPinyin;

/// Surnames whose reading as a surname differs from the character's most common reading.
/// Source: 《百家姓》 readings, as listed in 现代汉语词典 for each character used as a surname.
const SURNAME_READINGS: &[(&str, &str)] = &[
    ("单", "shan"),
    ("曾", "zeng"),
    ("解", "xie"),
    ("仇", "qiu"),
    ("区", "ou"),
    ("覃", "qin"),
    ("查", "zha"),
    ("朴", "piao"),
    ("乐", "yue"),
    ("盖", "ge"),
    ("繁", "po"),
    ("种", "chong"),
    ("缪", "miao"),
    ("翟", "zhai"),
    ("尉迟", "yuchi"),
    ("万俟", "moqi"),
    ("长孙", "zhangsun"),
    ("澹台", "tantai"),
];

/// Full pinyin and initials of a name, reading the surname as a surname. Characters without a
/// reading (Latin letters, digits, `·` in minority names) are kept as they are, lower-cased.
pub fn pinyin_of_name(name: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    push_pinyin(&crate::domain::text::compacted(name), &mut full, &mut initials);
    (full, initials)
}

/// Appends the full pinyin and the initials of an already compacted name.
fn push_pinyin(name: &str, full: &mut String, initials: &mut String) {
    let mut rest = name;
    if let Some((surname, reading)) = SURNAME_READINGS.iter().find(|(s, _)| name.starts_with(s)) {
        full.push_str(reading);
        // Initials of a compound surname: one letter per character (尉迟 → yc).
        let chars = surname.chars().count();
        let syllables = split_compound(reading, chars);
        for s in syllables {
            initials.push_str(&s[..1]);
        }
        rest = &name[surname.len()..];
    }
    for c in rest.chars() {
        match c.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    full.push(lower);
                    initials.push(lower);
                }
            }
            None => {}
        }
    }
}

/// Splits a compound surname's reading into per-character syllables for its initials.
fn split_compound(reading: &'static str, chars: usize) -> Vec<&'static str> {
    match (reading, chars) {
        ("yuchi", 2) => vec!["yu", "chi"],
        ("moqi", 2) => vec!["mo", "qi"],
        ("zhangsun", 2) => vec!["zhang", "sun"],
        ("tantai", 2) => vec!["tan", "tai"],
        _ => vec![reading],
    }
}

/// The text a person is found by: `name|pinyin|initials|id|phone digits`, lower-case.
pub fn search_key(name: &str, id_number: &str, phone: &str, emergency_phone: &str) -> String {
    // Built in one string: the importer makes a key for every person it adds.
    let name = crate::domain::text::compacted(name);
    let mut key = String::with_capacity(name.len() * 4 + id_number.len() + phone.len() + 32);
    let mut initials = String::new();
    key.push_str(&name);
    key.push('|');
    push_pinyin(&name, &mut key, &mut initials);
    key.push('|');
    key.push_str(&initials);
    key.push('|');
    fn digits(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(char::is_ascii_alphanumeric)
    }
    key.extend(digits(id_number).map(|c| c.to_ascii_lowercase()));
    key.push('|');
    key.extend(digits(phone));
    key.push('|');
    key.extend(digits(emergency_phone));
    key
}

/// Normalises a typed query the same way: spaces and full-width forms removed, lower-case.
pub fn normalize_query(q: &str) -> String {
    crate::domain::text::compact(q).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_to_pinyin() {
        // (name, full pinyin, initials)
        let cases = [
            ("张三丰", "zhangsanfeng", "zsf"),
            ("单雄信", "shanxiongxin", "sxx"),
            ("曾国藩", "zengguofan", "zgf"),
            ("解缙", "xiejin", "xj"),
            ("仇英", "qiuying", "qy"),
            ("区寄", "ouji", "oj"),
            ("覃振", "qinzhen", "qz"),
            ("尉迟恭", "yuchigong", "ycg"),
            ("李 明", "liming", "lm"),
            ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
        ];
        for (name, full, initials) in cases {
            assert_eq!(pinyin_of_name(name), (full.to_string(), initials.to_string()), "{name}");
        }
    }

    #[test]
    fn key_holds_every_searchable_part() {
        let key = search_key("张三丰", "11010519491231002X", "138 1234 5678", "");
        assert_eq!(key, "张三丰|zhangsanfeng|zsf|11010519491231002x|13812345678|");
        assert_eq!(search_key(" 尉迟 Ａb ", "", "", "ａ1-2"), "尉迟Ab|yuchiab|ycab|||12");
        for q in ["张三", "zsf", "zhangsan", "1949123", "002x", "12345678"] {
            assert!(key.contains(&normalize_query(q)), "{q} in {key}");
        }
    }
}
