//! The age bands the roster filter offers (DOMAIN rule 6: care lists use 80–89, 90–99 and 100 and
//! over), as inclusive bounds in whole years of age. The UI's filter comes from here through
//! `contract.rs`.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    /// The filter's code; `""` is every age.
    pub value: &'static str,
    pub label: &'static str,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
}

const fn band(
    value: &'static str,
    label: &'static str,
    min: Option<i32>,
    max: Option<i32>,
) -> AgeBand {
    AgeBand { value, label, age_min: min, age_max: max }
}

/// Every age first (no bounds), then the bands from the youngest, each starting the year after the
/// last one ends.
pub const AGE_BANDS: [AgeBand; 6] = [
    band("", "全部年龄", None, None),
    band("under70", "70岁以下", None, Some(69)),
    band("70s", "70–79岁", Some(70), Some(79)),
    band("80s", "80–89岁", Some(80), Some(89)),
    band("90s", "90–99岁", Some(90), Some(99)),
    band("100plus", "100岁及以上", Some(100), None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bands_cover_every_age_once_and_keep_the_care_list_decades() {
        let bands = &AGE_BANDS[1..];
        assert_eq!(bands[0].age_min, None, "the youngest band is open below");
        assert_eq!(bands[bands.len() - 1].age_max, None, "the oldest band is open above");
        for pair in bands.windows(2) {
            assert_eq!(pair[0].age_max.map(|m| m + 1), pair[1].age_min, "{pair:?}");
        }
        // DOMAIN rule 6: the care lists' bands are filters of their own.
        for (min, max) in [(80, Some(89)), (90, Some(99)), (100, None)] {
            assert!(bands.iter().any(|b| b.age_min == Some(min) && b.age_max == max), "{min}");
        }
        let codes: std::collections::HashSet<_> = AGE_BANDS.iter().map(|b| b.value).collect();
        assert_eq!(codes.len(), AGE_BANDS.len());
    }
}
