//! Demo visits, campaigns and hospital stays.

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::domain::money::Fen;
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::campaigns::{self, CampaignInput};
use crate::tables::visits::{self, VisitId, VisitInput};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashSet;

/// Demo data for the work ledgers this module and its neighbours keep: for each of the last three
/// years a 春节 and a 重阳 campaign (living 离休 and everyone 80 and over; about 90% visited, the
/// current year's 重阳 about 70%), 七一 visits to party members 80 and over, 整寿 birthday visits,
/// hospital stays for about 8% of people a year with visits and follow-ups (a few missing, so the
/// flags have something to show), routine visits, calls, 五必访 and survivor visits. Written
/// straight through the prepared insert paths, so 10,000 people take a few seconds in release.
/// The caller runs it inside the demo's transaction.
pub(super) fn visits_and_stays(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, crate::domain::model::PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    use crate::tables::hospital::HospitalStayInput;
    use chrono::{Datelike, Duration};
    const LEADERS: &[&str] = &["周建平", "吴敏", "陈志刚", "刘德华"];
    const STAFF: &[&str] = &["王丽、李娜", "张伟、刘洋", "陈静、赵敏", "王丽"];
    const CONDITIONS: &[&str] = &[
        "身体健康，精神状态良好",
        "患高血压，病情稳定",
        "行动不便，需人照料",
        "听力下降，思维清晰",
        "糖尿病，按时服药",
        "卧床，由子女照顾",
    ];
    const PROBLEMS: &[(&str, &str)] = &[
        ("希望多组织集体活动", "已纳入下季度活动安排"),
        ("反映小区电梯维修问题", "已协调街道办理"),
        ("咨询医药费报销政策", "当场解答"),
        ("希望增加体检项目", "已向单位领导汇报"),
    ];
    const HOSPITALS: &[(&str, &str)] = &[
        ("市第一人民医院", "心内科"),
        ("市中心医院", "呼吸内科"),
        ("省人民医院", "神经内科"),
        ("市中医院", "老年病科"),
        ("市第二人民医院", "骨科"),
    ];
    const ILLNESSES: &[&str] = &["冠心病", "肺部感染", "脑梗塞", "髋部骨折", "慢阻肺急性加重"];

    let alive_on = |p: &crate::domain::model::PersonFields, day: NaiveDate| {
        p.died_on.is_none_or(|d| !d.is_on_or_before(day))
    };
    let day_in = |rng: &mut super::Rng, from: NaiveDate, to: NaiveDate| {
        let span = (to - from).num_days().max(0);
        from + Duration::days(rng.range(0, span))
    };
    let visit = |rng: &mut super::Rng, v: VisitInput| -> Result<VisitId> {
        let mut v = v;
        if v.leader.is_empty() && rng.chance(0.6) {
            v.leader = rng.pick(LEADERS).to_string();
        }
        if v.participants.is_empty() {
            v.participants = rng.pick(STAFF).to_string();
        }
        if v.kind != VisitKind::Phone && v.kind != VisitKind::Condolence && v.survivor_id.is_none()
        {
            v.condition = rng.pick(CONDITIONS).to_string();
            if rng.chance(0.12) {
                let (problem, handling) = *rng.pick(PROBLEMS);
                v.problems = problem.into();
                v.handling = handling.into();
            }
        }
        visits::insert_validated(conn, stamp, &v)
    };

    let lixiu_ids: HashSet<PersonId> = people
        .iter()
        .filter(|(_, p)| p.retirement_kind == Some(RetirementKind::Lixiu))
        .map(|(id, _)| *id)
        .collect();
    let first_year = today.year() - 2;
    for year in first_year..=today.year() {
        // 春节 and 重阳: living 离休 and everyone 80 and over on the day.
        for festival in [Festival::SpringFestival, Festival::DoubleNinth] {
            let Some(date) = festival.date(year).filter(|d| *d <= today) else {
                continue;
            };
            let targets: Vec<PersonId> = people
                .iter()
                .filter(|(_, p)| {
                    alive_on(p, date)
                        && (p.retirement_kind == Some(RetirementKind::Lixiu)
                            || p.birth.is_some_and(|b| b.age_on(date) >= 80))
                })
                .map(|(id, _)| *id)
                .collect();
            let input = CampaignInput {
                name: String::new(),
                festival,
                year,
                date: Some(date),
                notes: String::new(),
                targets: targets.clone(),
            };
            let id = campaigns::create(conn, stamp, &input)?;
            let share =
                if year == today.year() && festival == Festival::DoubleNinth { 0.7 } else { 0.9 };
            let gifts = if festival == Festival::SpringFestival {
                "米、油、春联"
            } else {
                "牛奶、水果、重阳糕"
            };
            for person in targets {
                if !rng.chance(share) {
                    continue;
                }
                let on = day_in(rng, date - Duration::days(12), date.min(today));
                let lixiu = lixiu_ids.contains(&person);
                let mut v = VisitInput::new(person, VisitKind::Holiday, on);
                v.reason = festival.label().into();
                v.campaign_id = Some(id.0);
                v.gifts = gifts.into();
                v.amount = Fen(if lixiu { 100_000 } else { *rng.pick(&[50_000, 80_000]) });
                visit(rng, v)?;
            }
        }

        // 七一: party members 80 and over.
        if let Some(july) = Festival::PartyDay.date(year).filter(|d| *d <= today) {
            let targets: Vec<PersonId> = people
                .iter()
                .filter(|(_, p)| {
                    alive_on(p, july)
                        && p.is_party_member()
                        && p.birth.is_some_and(|b| b.age_on(july) >= 80)
                })
                .map(|(id, _)| *id)
                .collect();
            let input = CampaignInput {
                name: String::new(),
                festival: Festival::PartyDay,
                year,
                date: Some(july),
                notes: "走访80岁以上老党员".into(),
                targets: targets.clone(),
            };
            let id = campaigns::create(conn, stamp, &input)?;
            for person in targets {
                if rng.chance(0.9) {
                    let mut v = VisitInput::new(
                        person,
                        VisitKind::Holiday,
                        day_in(rng, july - Duration::days(7), july),
                    );
                    v.reason = "七一".into();
                    v.campaign_id = Some(id.0);
                    v.gifts = "党史读物".into();
                    v.amount = Fen(50_000);
                    visit(rng, v)?;
                }
            }
        }

        let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today).min(today);
        for (id, p) in people {
            // 整寿 birthdays.
            if let (Some(birth), Some(month)) = (p.birth, p.birth.and_then(|b| b.month())) {
                let age = year - birth.year();
                let day = birth.day().unwrap_or_else(|| rng.range(1, 28) as u32);
                let on = NaiveDate::from_ymd_opt(year, month, day)
                    .or_else(|| NaiveDate::from_ymd_opt(year, month, 28));
                if let Some(on) = on.filter(|d| *d <= today && alive_on(p, *d)) {
                    if [70, 80, 90, 100].contains(&age) && rng.chance(0.85) {
                        let mut v = VisitInput::new(*id, VisitKind::Birthday, on);
                        v.reason = format!("{age}岁生日");
                        v.gifts = "生日蛋糕、鲜花".into();
                        v.amount = Fen(match age {
                            70 => 50_000,
                            80 => 80_000,
                            _ => 100_000,
                        });
                        visit(rng, v)?;
                    }
                }
            }
            if !alive_on(p, year_start) || year_end < year_start {
                continue;
            }
            let old = p.birth.is_some_and(|b| b.age_on(year_end) >= 80);
            // Hospital stays, with a visit during the stay and a call within the week after.
            if rng.chance(if old { 0.14 } else { 0.07 }) {
                let admitted = day_in(rng, year_start, year_end);
                let out = admitted + Duration::days(rng.range(4, 20));
                if alive_on(p, out) {
                    let (hospital, department) = *rng.pick(HOSPITALS);
                    let stay = HospitalStayInput {
                        person_id: *id,
                        hospital: hospital.into(),
                        department: department.into(),
                        condition: rng.pick(ILLNESSES).to_string(),
                        admitted_on: admitted,
                        discharged_on: (out <= today).then_some(out),
                        notes: String::new(),
                    };
                    let stay_id = crate::tables::hospital::insert_validated(conn, stamp, &stay)?;
                    let seen = admitted + Duration::days(rng.range(1, 3));
                    if seen <= today && seen <= out && rng.chance(0.85) {
                        let mut v = VisitInput::new(*id, VisitKind::Hospital, seen);
                        v.reason = "住院".into();
                        v.hospital_stay_id = Some(stay_id.0);
                        v.gifts = "鲜花、营养品".into();
                        v.amount = Fen(50_000);
                        visit(rng, v)?;
                    }
                    let late = rng.chance(0.1);
                    let call =
                        out + Duration::days(if late { rng.range(8, 12) } else { rng.range(1, 6) });
                    if call <= today && alive_on(p, call) && rng.chance(0.85) {
                        let mut v = VisitInput::new(*id, VisitKind::Phone, call);
                        v.reason = "出院回访".into();
                        v.hospital_stay_id = Some(stay_id.0);
                        visit(rng, v)?;
                    }
                }
            }
            // Routine visits, the liaison's calls (several a year for many) and the occasional
            // 五必访.
            for (kind, chance) in [
                (VisitKind::Routine, if old { 0.5 } else { 0.2 }),
                (VisitKind::Phone, 0.4),
                (VisitKind::Phone, 0.4),
                (VisitKind::Phone, if old { 0.5 } else { 0.3 }),
                (VisitKind::MustVisit, 0.03),
            ] {
                if !rng.chance(chance) {
                    continue;
                }
                let on = day_in(rng, year_start, year_end);
                if !alive_on(p, on) {
                    continue;
                }
                let mut v = VisitInput::new(*id, kind, on);
                match kind {
                    VisitKind::MustVisit => {
                        v.reason = rng.pick(&visits::DEFAULT_MUST_VISIT_REASONS).to_string();
                        v.amount = Fen(50_000);
                    }
                    VisitKind::Phone => v.reason = "电话问候".into(),
                    _ => v.reason = "日常走访".into(),
                }
                visit(rng, v)?;
            }
        }

        // 春节 visits to survivors of retirees who died before the festival.
        if let Some(date) = Festival::SpringFestival.date(year).filter(|d| *d <= today) {
            let mut stmt = conn.prepare_cached(
                "SELECT f.id, f.person_id, p.died_on FROM family_members f
                 JOIN people p ON p.id = f.person_id
                 WHERE f.is_survivor = 1 AND f.voided_at IS NULL AND p.died_on IS NOT NULL",
            )?;
            let survivors: Vec<(i64, i64, PartialDate)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (member, person, died) in survivors {
                if died.is_on_or_before(date - Duration::days(15)) && rng.chance(0.6) {
                    let mut v = VisitInput::new(
                        PersonId(person),
                        VisitKind::Survivor,
                        date - Duration::days(rng.range(3, 12)),
                    );
                    v.survivor_id = Some(member);
                    v.reason = "春节".into();
                    v.amount = Fen(50_000);
                    v.gifts = "米、油".into();
                    visit(rng, v)?;
                }
            }
        }
    }
    Ok(())
}
