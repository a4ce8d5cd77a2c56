//! A realistic synthetic ledger for first-run demos, tests and benchmarks, reproducible per seed:
//! valid ID numbers that agree with birth date and sex, a few 离休 born in the 1920s–30s, most 退休
//! born in the 1940s–60s, some deceased with survivors, and a spread of grades, unit kinds, living
//! situations and party branches.

// One file per group of work ledgers. Each writes through the tables' public functions only, so
// the demo sits above every table and no table knows it exists.
mod activities;
mod checkups;
mod contacts;
mod party;
mod profiles;
mod subsidies;
mod work;

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::error::Result;
use crate::progress::{self, Progress, Stage};
use crate::store::db::{Ledger, Stamp};
use chrono::{Datelike, NaiveDate};

/// SplitMix64: small, fast and stable across versions, so a seed always gives the same ledger.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "单", "解", "覃", "区", "仇",
];
const MALE_CHARS: &[&str] = &[
    "建国", "国华", "志强", "卫东", "振华", "德明", "文斌", "树林", "永昌", "福生", "宝山", "长青",
    "国栋", "学文", "家驹", "世杰", "庆丰", "洪涛", "光明", "立新", "跃进", "红军", "胜利", "援朝",
    "保国", "金生", "明", "刚", "军", "勇", "伟", "斌", "涛", "杰", "峰", "强",
];
const FEMALE_CHARS: &[&str] = &[
    "秀英", "桂兰", "玉兰", "淑珍", "秀兰", "凤英", "玉珍", "桂英", "素芳", "丽华", "淑华", "美玲",
    "红梅", "建华", "秀珍", "春梅", "翠华", "慧敏", "玉梅", "淑琴", "敏", "芳", "静", "英", "丽",
    "华", "萍",
];
const REGIONS: &[(&str, &str)] = &[
    ("110105", "北京朝阳"),
    ("320102", "江苏南京"),
    ("330106", "浙江杭州"),
    ("370102", "山东济南"),
    ("410105", "河南郑州"),
    ("420106", "湖北武汉"),
    ("430103", "湖南长沙"),
    ("510107", "四川成都"),
    ("130102", "河北石家庄"),
    ("140105", "山西太原"),
    ("210102", "辽宁沈阳"),
    ("350102", "福建福州"),
];
const DEPARTMENTS: &[&str] = &[
    "办公室",
    "财务科",
    "人事科",
    "组织部",
    "宣传科",
    "规划科",
    "综合科",
    "法规科",
    "审计科",
    "后勤服务中心",
    "信息中心",
    "档案室",
    "工会",
    "纪检组",
    "第一分局",
    "第二分局",
    "第三分局",
];
const POSTS: &[(&str, Grade)] = &[
    ("局长", Grade::BureauFull),
    ("副局长", Grade::BureauDeputy),
    ("调研员", Grade::CountyFull),
    ("处长", Grade::CountyFull),
    ("副处长", Grade::CountyDeputy),
    ("副调研员", Grade::CountyDeputy),
    ("科长", Grade::SectionFull),
    ("主任科员", Grade::SectionFull),
    ("副科长", Grade::SectionDeputy),
    ("副主任科员", Grade::SectionDeputy),
    ("科员", Grade::StaffOther),
    ("办事员", Grade::StaffOther),
    ("工程师", Grade::StaffOther),
    ("会计", Grade::StaffOther),
];
const STREETS: &[&str] = &[
    "人民路",
    "解放路",
    "建设路",
    "和平街",
    "中山路",
    "文化路",
    "胜利街",
    "光明路",
    "幸福里",
    "长江路",
    "黄河路",
];
const EDUCATION: &[&str] = &["小学", "初中", "高中", "中专", "大专", "大学本科", "研究生"];
const STAFF: &[&str] = &["王丽", "李娜", "张伟", "刘洋", "陈静", "赵敏"];

fn birth_for(rng: &mut Rng, kind: RetirementKind) -> NaiveDate {
    let year = match kind {
        RetirementKind::Lixiu => rng.range(1922, 1934),
        RetirementKind::Tuixiu | RetirementKind::Tuizhi => {
            // Most retirees were born in the 1940s–60s; a tail reaches back to the 1930s.
            if rng.chance(0.08) {
                rng.range(1933, 1939)
            } else {
                rng.range(1940, 1966)
            }
        }
    } as i32;
    let month = rng.range(1, 12) as u32;
    let day = rng.range(1, 28) as u32;
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn id_number(rng: &mut Rng, region: &str, birth: NaiveDate, sex: Sex, serial: u32) -> String {
    let seq = serial % 100;
    let sex_digit = match sex {
        Sex::Male => rng.range(0, 4) * 2 + 1,
        Sex::Female => rng.range(0, 4) * 2,
    };
    let first17 = format!("{region}{}{seq:02}{sex_digit}", birth.format("%Y%m%d"));
    let check = crate::domain::idcard::check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&["135", "136", "137", "138", "139", "150", "151", "158", "186", "189"]);
    format!("{prefix}{:08}", rng.range(0, 99_999_999))
}

fn month_precision(rng: &mut Rng, d: NaiveDate) -> PartialDate {
    // Roughly a third of dates on real rosters are known only to the month.
    if rng.chance(0.35) {
        PartialDate::year_month(d.year(), d.month()).unwrap_or(PartialDate::from_date(d))
    } else {
        PartialDate::from_date(d)
    }
}

/// One synthetic person; `serial` keeps ID numbers unique across a ledger.
pub fn person(rng: &mut Rng, serial: u32, today: NaiveDate) -> PersonInput {
    let kind = if rng.chance(0.03) {
        RetirementKind::Lixiu
    } else if rng.chance(0.01) {
        RetirementKind::Tuizhi
    } else {
        RetirementKind::Tuixiu
    };
    let sex = if rng.chance(0.62) { Sex::Male } else { Sex::Female };
    let surname = *rng.pick(SURNAMES);
    let given = match sex {
        Sex::Male => *rng.pick(MALE_CHARS),
        Sex::Female => *rng.pick(FEMALE_CHARS),
    };
    let birth = birth_for(rng, kind);
    let (region, place) = *rng.pick(REGIONS);
    let id = id_number(rng, region, birth, sex, serial);
    let work_year = match kind {
        RetirementKind::Lixiu => rng.range(1938.max(i64::from(birth.year()) + 14), 1949) as i32,
        _ => birth.year() + rng.range(17, 24) as i32,
    };
    let work_started = if kind == RetirementKind::Lixiu && work_year == 1949 {
        PartialDate::year_month(1949, rng.range(1, 9) as u32)
    } else {
        PartialDate::year_month(work_year, rng.range(1, 12) as u32)
    }
    .ok();
    let retire_age = match (kind, sex) {
        (RetirementKind::Tuizhi, _) => rng.range(45, 54),
        (_, Sex::Male) => 60,
        (_, Sex::Female) => rng.range(55, 60),
    } as i32;
    // Retirement is never in the future: a birthday month still to come this year retires last month.
    let retire_year = (birth.year() + retire_age).min(today.year());
    let retire_month =
        if retire_year == today.year() { birth.month().min(today.month()) } else { birth.month() };
    let retired_on = PartialDate::year_month(retire_year, retire_month).ok();
    let (post, grade) = *rng.pick(POSTS);
    let unit_kind = *rng.pick(&[
        UnitKind::Organ,
        UnitKind::Organ,
        UnitKind::Organ,
        UnitKind::Institution,
        UnitKind::Institution,
        UnitKind::Enterprise,
    ]);
    let grade =
        if kind == RetirementKind::Lixiu && rng.chance(0.4) { Grade::BureauDeputy } else { grade };
    let party = kind == RetirementKind::Lixiu || rng.chance(0.72);
    let party_joined = party.then(|| {
        let y = (birth.year() + rng.range(19, 35) as i32).min(today.year() - 1);
        PartialDate::year_month(y, rng.range(1, 12) as u32).ok()
    });
    let party_joined = party_joined.flatten();
    let party_confirmed = party_joined
        .and_then(|j| PartialDate::year_month(j.year() + 1, j.month().unwrap_or(1)).ok());
    let age = PartialDate::from_date(birth).age_on(today);
    // Older people are more often unwell, alone or disabled.
    let frailty = ((age - 60).max(0) as f64 / 45.0).min(1.0);
    let health = if rng.chance(0.1 + 0.3 * frailty) {
        if rng.chance(0.3) {
            Health::Dependent
        } else {
            Health::Chronic
        }
    } else if rng.chance(0.5) {
        Health::Fair
    } else {
        Health::Good
    };
    let care_level = if health == Health::Dependent {
        if rng.chance(0.5) {
            CareLevel::Disabled
        } else {
            CareLevel::PartlyDisabled
        }
    } else if rng.chance(0.06 * frailty) {
        CareLevel::PartlyDisabled
    } else {
        CareLevel::SelfCaring
    };
    let living = if care_level == CareLevel::Disabled && rng.chance(0.4) {
        Living::CareHome
    } else {
        *rng.pick(&[
            Living::Alone,
            Living::EmptyNest,
            Living::EmptyNest,
            Living::WithChildren,
            Living::WithChildren,
        ])
    };
    let residence = if rng.chance(0.9) {
        Residence::Local
    } else {
        *rng.pick(&[Residence::InProvince, Residence::OutOfProvince, Residence::Abroad])
    };
    // About 6% of the roster has died in the last decade; they keep their records.
    let died_on = (age > 70 && rng.chance(0.06 + 0.1 * frailty)).then(|| {
        let y = rng.range(i64::from(today.year()) - 9, i64::from(today.year())) as i32;
        // A death this year is before today.
        let last_month = if y == today.year() { today.month() } else { 12 };
        let d = PartialDate::ymd(
            y,
            rng.range(1, i64::from(last_month)) as u32,
            rng.range(1, 28) as u32,
        )
        .ok();
        d.filter(|d| d.earliest() <= today)
    });
    let died_on = died_on.flatten();
    let name = format!("{surname}{given}");
    let spouse_sex = if sex == Sex::Male { Sex::Female } else { Sex::Male };
    let spouse_given = match spouse_sex {
        Sex::Male => *rng.pick(MALE_CHARS),
        Sex::Female => *rng.pick(FEMALE_CHARS),
    };
    let spouse_surname = *rng.pick(SURNAMES);
    let child_surname = if sex == Sex::Male { surname } else { spouse_surname };
    let child_pool = if rng.chance(0.5) { MALE_CHARS } else { FEMALE_CHARS };
    let child_given = *rng.pick(child_pool);
    let street = *rng.pick(STREETS);
    let address = format!(
        "{}区{}{}号{}小区{}栋{}单元{}室",
        rng.pick(&["东城", "西城", "南湖", "北塘", "高新", "新华"]),
        street,
        rng.range(1, 300),
        rng.pick(&["幸福", "和谐", "康乐", "机关宿舍", "阳光", "金桂"]),
        rng.range(1, 30),
        rng.range(1, 4),
        rng.range(101, 1802)
    );
    let spouse_alive = rng.chance(if died_on.is_some() { 0.75 } else { 0.8 });
    let mut family = Vec::new();
    if spouse_alive {
        let spouse_birth = birth.year() + rng.range(-3, 4) as i32;
        family.push(FamilyMember {
            id: None,
            name: format!("{spouse_surname}{spouse_given}"),
            relation: "配偶".into(),
            birth: PartialDate::year_month(spouse_birth, rng.range(1, 12) as u32).ok(),
            phone: phone(rng),
            address: address.clone(),
            is_survivor: died_on.is_some(),
            survivor_aid: false,
            notes: String::new(),
        });
    }
    let child_phone = phone(rng);
    family.push(FamilyMember {
        id: None,
        name: format!("{child_surname}{child_given}"),
        relation: rng.pick(&["儿子", "女儿"]).to_string(),
        birth: PartialDate::year_month(
            birth.year() + rng.range(22, 32) as i32,
            rng.range(1, 12) as u32,
        )
        .ok(),
        phone: child_phone.clone(),
        address: String::new(),
        is_survivor: died_on.is_some() && !spouse_alive,
        survivor_aid: false,
        notes: String::new(),
    });
    let branch = format!(
        "离退休干部第{}党支部",
        ["一", "二", "三", "四", "五", "六"][rng.range(0, 5) as usize]
    );
    let fields = PersonFields {
        name,
        sex: Some(sex),
        ethnicity: if rng.chance(0.93) {
            "汉族".into()
        } else {
            rng.pick(&["回族", "满族", "蒙古族", "壮族"]).to_string()
        },
        native_place: place.into(),
        birth: Some(month_precision(rng, birth)),
        id_number: id,
        political_status: Some(if party {
            PoliticalStatus::CpcMember
        } else if rng.chance(0.1) {
            PoliticalStatus::DemocraticParty
        } else {
            PoliticalStatus::Masses
        }),
        party_joined,
        party_confirmed,
        education: rng.pick(EDUCATION).to_string(),
        work_started,
        retired_on,
        retirement_kind: Some(kind),
        former_post: format!("{}{}", rng.pick(DEPARTMENTS), post),
        grade: Some(grade),
        unit_kind: Some(unit_kind),
        health: Some(health),
        care_level: Some(care_level),
        living: Some(living),
        residence: Some(residence),
        address,
        phone: if rng.chance(0.92) { phone(rng) } else { String::new() },
        emergency_contact: family.last().map(|f| f.name.clone()).unwrap_or_default(),
        emergency_phone: child_phone,
        party_branch: if party { branch } else { String::new() },
        liaison: rng.pick(STAFF).to_string(),
        lunar_birthday: rng.chance(0.25).then(|| LunarBirthday {
            month: rng.range(1, 12) as u8,
            day: rng.range(1, 29) as u8,
            leap: false,
        }),
        died_on,
        notes: String::new(),
    };
    PersonInput { fields, family }
}

/// Fills the ledger with `n` synthetic people in one transaction, with the demo unit's settings if
/// none are set. Returns how many were added.
pub fn populate(
    ledger: &mut Ledger,
    stamp: &Stamp,
    n: u32,
    seed: u64,
    today: NaiveDate,
    progress: &dyn Progress,
) -> Result<u32> {
    let mut rng = Rng::new(seed);
    ledger.with_tx(|tx| {
        let settings = crate::tables::settings::get(tx)?;
        if settings.unit_name.is_empty() {
            crate::tables::settings::save(
                tx,
                stamp,
                &UnitSettings {
                    unit_name: "示范市财政局".into(),
                    head: "周建平".into(),
                    reviewer: "吴敏".into(),
                    preparer: "王丽".into(),
                    phone: "0371-65550123".into(),
                },
            )?;
        }
        let start: u32 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM people", [], |r| r.get(0))?;
        // ID numbers must be unique; a random one that repeats an earlier one is drawn again.
        let mut seen: std::collections::HashSet<String> = tx
            .prepare("SELECT id_number FROM people WHERE id_number <> ''")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for i in 0..n {
            let mut input = person(&mut rng, start + i, today);
            while !seen.insert(input.fields.id_number.clone()) {
                input = person(&mut rng, start + i, today);
            }
            crate::tables::people::insert(tx, stamp, &input)?;
            if i % 500 == 0 {
                progress.step(Stage::Saving, u64::from(i), u64::from(n));
                progress::check(progress)?;
            }
        }
        // Three years of work records for the people just added.
        let added: Vec<_> = crate::tables::people::all_fields(tx)?
            .into_iter()
            .filter(|(id, _)| id.0 > i64::from(start))
            .collect();
        work::visits_and_stays(tx, stamp, &mut rng, &added, today)?;
        demo_deaths(tx, stamp, &mut rng, &added, today)?;
        party::posts_and_medals(tx, stamp, &mut rng, &added, today)?;
        subsidies::payments(tx, stamp, &mut rng, &added, today)?;
        checkups::rounds(tx, stamp, &mut rng, &added, today)?;
        activities::plan(tx, stamp, &mut rng, &added, today)?;
        // A stream of its own, so the records above stay what the seed always gave.
        let mut calls = Rng::new(seed ^ 0x0C0A_11ED);
        contacts::keep_in_touch(tx, stamp, &mut calls, &added, today)?;
        contacts::duties(tx, stamp, &mut calls, &added, today)?;
        profiles::profiles(tx, stamp, seed, &added)?;
        Ok(n)
    })
}

/// Death records for the demo people who died in the last three years, the way the clerk records
/// them: through [`crate::tables::deaths::record_death`] (survivors, campaigns left), with the condolence
/// visit it proposes, and the one-off payments.
fn demo_deaths(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    rng: &mut Rng,
    people: &[(crate::domain::model::PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    const CAUSES: &[&str] =
        &["病故（心脏病）", "病故（肺部感染）", "病故（脑梗）", "因病医治无效", "病故（肿瘤）"];
    for (id, p) in people {
        let Some(died) = p.died_on else { continue };
        if died.year() < today.year() - 2 {
            continue;
        }
        let month = died.month().unwrap_or(rng.range(1, 12) as u32);
        let day = died.day().unwrap_or(rng.range(1, 28) as u32);
        let Some(died_on) =
            NaiveDate::from_ymd_opt(died.year(), month, day).filter(|d| *d <= today)
        else {
            continue;
        };
        let spouse_or_child = crate::tables::people::list_family(conn, *id)?
            .into_iter()
            .find(|m| m.is_survivor)
            .map(|m| m.name)
            .unwrap_or_default();
        let paid_on = (died_on + chrono::Duration::days(rng.range(10, 40))).min(today);
        let lixiu = p.retirement_kind == Some(RetirementKind::Lixiu);
        let input = crate::tables::deaths::DeathInput {
            person_id: *id,
            died_on,
            cause: rng.pick(CAUSES).to_string(),
            farewell: "遗体告别仪式".into(),
            funeral: crate::domain::money::Fen(if lixiu { 1_000_000 } else { 500_000 }),
            pension: crate::domain::money::Fen(rng.range(20, 60) * 100_000),
            paid_on: Some(paid_on),
            recipient: spouse_or_child,
            notes: String::new(),
            survivors: Vec::new(),
        };
        let outcome = crate::tables::deaths::record_death(conn, stamp, &input, today)?;
        let mut visit = outcome.proposed_visit;
        visit.date = (died_on + chrono::Duration::days(rng.range(0, 3))).min(today);
        visit.leader = "周建平".into();
        visit.participants = "王丽、李娜".into();
        visit.gifts = "花圈".into();
        visit.amount = crate::domain::money::Fen(100_000);
        visit.handling = "参加遗体告别仪式，慰问家属".into();
        crate::tables::visits::insert(conn, stamp, &visit)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;
    use crate::tables::campaigns::list;
    use crate::tables::subsidies::{list_batches, totals, COMMITTEE_ALLOWANCE};
    use crate::tables::visits;
    use crate::testing::{day, ledger, stamp};

    #[test]
    fn demo_people_are_valid_and_reproducible() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let a: Vec<_> = {
            let mut r = Rng::new(7);
            (0..300).map(|i| person(&mut r, i, today)).collect()
        };
        let b: Vec<_> = {
            let mut r = Rng::new(7);
            (0..300).map(|i| person(&mut r, i, today)).collect()
        };
        assert_eq!(a, b, "same seed, same people");
        let mut lixiu = 0;
        for p in &a {
            let v = crate::tables::people::validate(&p.fields);
            assert!(v.errors.is_empty(), "{:?}: {:?}", p.fields.name, v.errors);
            assert!(v.warnings.is_empty(), "{:?}: {:?}", p.fields.name, v.warnings);
            if p.fields.retirement_kind == Some(RetirementKind::Lixiu) {
                lixiu += 1;
                assert!(p.fields.birth.unwrap().year() < 1935);
            }
        }
        assert!(lixiu > 0 && lixiu < 30, "a few 离休: {lixiu}");
        assert!(a
            .iter()
            .any(|p| p.fields.died_on.is_some() && p.family.iter().any(|f| f.is_survivor)));
    }

    #[test]
    fn demo_records_cover_three_years_and_leave_something_to_do() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = day("2026-11-21");
        crate::demo::populate(&mut ledger, &stamp(), 300, 11, today, &crate::progress::Silent)
            .unwrap();
        let people = crate::tables::people::all_fields(ledger.conn()).unwrap();
        let mut rng = crate::demo::Rng::new(5);
        ledger
            .with_tx(|tx| work::visits_and_stays(tx, &stamp(), &mut rng, &people, today))
            .unwrap();
        let conn = ledger.conn();

        let campaigns = list(conn, None).unwrap();
        let names: Vec<&str> = campaigns.iter().map(|c| c.campaign.name.as_str()).collect();
        for want in ["2024年春节慰问", "2025年重阳节慰问", "2026年重阳节慰问", "2026年七一慰问"]
        {
            assert!(names.contains(&want), "{want} in {names:?}");
        }
        for c in &campaigns {
            assert!(c.total > 0, "{}", c.campaign.name);
            let share = f64::from(c.visited) / f64::from(c.total);
            let want =
                if c.campaign.name == "2026年重阳节慰问" { 0.45..0.9 } else { 0.7..1.0 };
            assert!(want.contains(&share), "{}: {}/{}", c.campaign.name, c.visited, c.total);
        }

        // Every generated visit passes the same checks as one the clerk enters.
        let all = visits::list(conn, &Default::default()).unwrap();
        assert!(all.len() > 300, "{}", all.len());
        for v in &all {
            let check = visits::validate(conn, &v.input).unwrap();
            assert!(check.errors.is_empty(), "{} {:?}: {:?}", v.person_name, v.input, check.errors);
            assert!(v.input.date <= today);
        }
        for kind in [
            VisitKind::Birthday,
            VisitKind::Hospital,
            VisitKind::Routine,
            VisitKind::Phone,
            VisitKind::Survivor,
        ] {
            assert!(all.iter().any(|v| v.input.kind == kind), "{kind:?}");
        }
        let stays = crate::tables::hospital::list(conn, &Default::default(), today).unwrap();
        assert!(stays.len() > 20, "{}", stays.len());
        assert!(stays.iter().any(|s| !s.flags.is_empty()), "some stays need attention");
        assert!(stays.iter().filter(|s| s.flags.is_empty()).count() > stays.len() / 2);
    }

    #[test]
    fn demo_covers_three_years_of_every_ledger() {
        let mut l = ledger();
        let today = day("2026-11-21");
        // populate() adds the people and then calls demo() for their records.
        crate::demo::populate(&mut l, &stamp(), 300, 7, today, &crate::progress::Silent).unwrap();
        let conn = l.conn();
        let batches = list_batches(conn, None).unwrap();
        let committee = batches.iter().filter(|b| b.kind == COMMITTEE_ALLOWANCE).count();
        assert_eq!(
            committee, 11,
            "2024 Q1 to 2026 Q3: the fourth quarter of 2026 is paid in December"
        );
        let t = totals(conn, Period::year(2025)).unwrap();
        assert!(t.kinds.iter().any(|k| k.kind == "困难补贴"), "{t:?}");
        let round = crate::tables::checkups::round(conn, 2025).unwrap();
        assert_eq!(round.not_recorded, 0, "last year's round is complete");
        assert!(round.rate > 0.75 && round.rate < 0.95, "{}", round.rate);
        let this_year = crate::tables::checkups::round(conn, 2026).unwrap();
        assert!(this_year.not_recorded > 0, "this year's round is partly recorded");
        let acts = crate::tables::activities::list(conn, Period::year(2025)).unwrap();
        assert!((8..=12).contains(&acts.len()), "{}", acts.len());
        assert!(acts.iter().all(|a| (10..=60).contains(&a.count)));
        let medals: i64 = conn.query_row("SELECT COUNT(*) FROM medals", [], |r| r.get(0)).unwrap();
        assert!(medals > 0);
        assert!(crate::tables::party::medal_list(conn, 2025)
            .unwrap()
            .iter()
            .all(|c| c.presented.is_some()));
    }
}
