//! The demo people's 六清楚 profiles, so the working lists (患病、丧偶 … 清单) and the register's
//! profile columns have something to show. Drawn from a generator of their own, so the rest of the
//! demo ledger is the same with or without them.

use super::Rng;
use crate::domain::model::{PersonFields, PersonId};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::profiles::{self, MaritalStatus, Profile};

const ILLNESSES: &[&str] =
    &["高血压", "糖尿病", "冠心病", "高血压、糖尿病", "慢阻肺", "脑梗后遗症"];
const HOBBIES: &[&str] = &["书法", "京剧", "太极拳", "摄影", "园艺", "象棋", "合唱"];
const NEEDS: &[&str] =
    &["希望定期上门理发", "需要代购药品", "希望有人陪同就医", "希望参加老年大学"];
const HARDSHIPS: &[&str] =
    &["独居，子女在外地", "配偶长期卧床", "行动不便，需要轮椅", "家庭经济困难"];

pub(super) fn profiles(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    seed: u64,
    people: &[(PersonId, PersonFields)],
) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x6c69_7569_7169_6e67);
    // The 管理现状 facts draw from a generator of their own, so the other facts stay as they were.
    let mut managed = Rng::new(seed ^ 0x6775_616e_6c69);
    for (id, _) in people {
        let profile = Profile {
            marital_status: Some(if rng.chance(0.25) {
                MaritalStatus::Widowed
            } else if rng.chance(0.03) {
                MaritalStatus::Divorced
            } else {
                MaritalStatus::Married
            }),
            illnesses: if rng.chance(0.35) {
                rng.pick(ILLNESSES).to_string()
            } else {
                String::new()
            },
            hobbies: if rng.chance(0.3) { rng.pick(HOBBIES).to_string() } else { String::new() },
            needs: if rng.chance(0.1) { rng.pick(NEEDS).to_string() } else { String::new() },
            hardship: String::new(),
            has_hardship: false,
            pension_socialized: managed.chance(0.9),
            local_medical_insurance: managed.chance(0.8),
            party_transferred: managed.chance(0.15),
            file_transferred: managed.chance(0.1),
            managed_elsewhere: managed.chance(0.05),
        };
        let profile = if rng.chance(0.05) {
            Profile { hardship: rng.pick(HARDSHIPS).to_string(), has_hardship: true, ..profile }
        } else {
            profile
        };
        profiles::save(conn, stamp, *id, &profile)?;
    }
    Ok(())
}
