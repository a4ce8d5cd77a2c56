//! Domain types of the roster. English code names as in DOMAIN.md's glossary; each enum knows its
//! Chinese label (what the clerk sees and what tables print) and the synonyms found in real files.

use crate::domain::date::PartialDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares a closed set of values with their Chinese label and the spellings accepted on import.
macro_rules! zh_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:literal $(| $syn:literal)*,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub enum $name { $(#[serde(rename = $code)] $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The Chinese label printed in tables and shown in the UI.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads a label or one of its synonyms, ignoring spaces and full-width forms.
            pub fn from_label(text: &str) -> Option<Self> {
                let t = crate::domain::text::compact(text);
                $(if t == $label $(|| t == $syn)* { return Some($name::$variant); })+
                None
            }

            /// The accepted labels, for messages such as "应为：离休、退休、退职".
            pub fn labels_hint() -> String {
                [$($label,)+].join("、")
            }

            /// The stored code (`lixiu`), as serde writes it.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::from_code(s).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} code {s}", stringify!($name)).into()))
            }
        }
    };
}

zh_enum! {
    /// 性别
    Sex { Male = "male" => "男" | "男性", Female = "female" => "女" | "女性", }
}

zh_enum! {
    /// 离休 / 退休 / 退职
    RetirementKind {
        Lixiu = "lixiu" => "离休" | "离休干部",
        Tuixiu = "tuixiu" => "退休" | "退休干部",
        Tuizhi = "tuizhi" => "退职",
    }
}

zh_enum! {
    /// 人员类别: the unit kind statistics are split by.
    UnitKind {
        Organ = "organ" => "机关" | "公务员含参公" | "公务员(含参公)" | "公务员" | "参公" | "行政" | "行政机关",
        Institution = "institution" => "事业单位" | "事业" | "事业编" | "事业编制",
        Enterprise = "enterprise" => "企业" | "国有企业" | "国企",
    }
}

zh_enum! {
    /// 职级 / 待遇
    Grade {
        ProvincialFull = "provincial_full" => "正省部级" | "省部级正职",
        ProvincialDeputy = "provincial_deputy" => "副省部级" | "省部级副职",
        BureauFull = "bureau_full" => "正厅局级" | "正厅级" | "正局级" | "厅局级正职",
        BureauDeputy = "bureau_deputy" => "副厅局级" | "副厅级" | "副局级" | "厅局级副职",
        CountyFull = "county_full" => "正县处级" | "正处级" | "正县级" | "县处级正职",
        CountyDeputy = "county_deputy" => "副县处级" | "副处级" | "副县级" | "县处级副职",
        SectionFull = "section_full" => "正乡科级" | "正科级" | "乡科级正职",
        SectionDeputy = "section_deputy" => "副乡科级" | "副科级" | "乡科级副职",
        StaffOther = "staff_other" => "科员办事员及其他" | "科员" | "办事员" | "其他" | "科员及以下",
    }
}

zh_enum! {
    /// 健康状况
    Health {
        Good = "good" => "健康" | "良好",
        Fair = "fair" => "一般" | "较好",
        Chronic = "chronic" => "长年有病" | "长期有病" | "慢性病" | "多病",
        Dependent = "dependent" => "生活不能自理" | "不能自理",
    }
}

zh_enum! {
    /// 居住状况
    Living {
        Alone = "alone" => "独居",
        EmptyNest = "empty_nest" => "空巢",
        WithChildren = "with_children" => "与子女同住" | "与子女共同居住" | "子女同住",
        CareHome = "care_home" => "养老机构" | "养老院" | "敬老院",
    }
}

zh_enum! {
    /// 自理能力: 失能 and 半失能 drive priority visits and the "not self-sufficient" statistic.
    CareLevel {
        SelfCaring = "self_caring" => "能自理" | "自理",
        PartlyDisabled = "partly_disabled" => "半失能",
        Disabled = "disabled" => "失能",
    }
}

zh_enum! {
    /// 居住地
    Residence {
        Local = "local" => "本市" | "本地",
        InProvince = "in_province" => "省内异地" | "省内",
        OutOfProvince = "out_of_province" => "省外" | "省外异地",
        Abroad = "abroad" => "境外" | "国外",
    }
}

zh_enum! {
    /// 政治面貌
    PoliticalStatus {
        CpcMember = "cpc_member" => "中共党员" | "党员" | "共产党员",
        CpcProbationary = "cpc_probationary" => "中共预备党员" | "预备党员",
        DemocraticParty = "democratic_party" => "民主党派",
        Masses = "masses" => "群众",
    }
}

impl PoliticalStatus {
    pub fn is_party_member(self) -> bool {
        matches!(self, PoliticalStatus::CpcMember | PoliticalStatus::CpcProbationary)
    }
}

zh_enum! {
    /// 走访类型 (DOMAIN.md, visit ledger).
    VisitKind {
        Birthday = "birthday" => "生日" | "生日慰问" | "祝寿",
        Hospital = "hospital" => "住院" | "住院探视" | "探视",
        Holiday = "holiday" => "节日" | "节日慰问",
        Routine = "routine" => "日常走访" | "走访" | "家访",
        Phone = "phone" => "电话问候" | "电话" | "电话慰问",
        Condolence = "condolence" => "吊唁" | "送别" | "吊唁慰问",
        Survivor = "survivor" => "遗属慰问" | "遗属",
        MustVisit = "must_visit" => "五必访",
        // 上门三送 (DOMAIN.md "Duties that come round"): what the 送学上门 list is owed monthly.
        DeliverDocuments = "deliver_documents" => "送文件",
        DeliverStudy = "deliver_study" => "送学习资料",
        DeliverPapers = "deliver_papers" => "送报刊",
    }
}

zh_enum! {
    /// The festival a campaign is for; `Other` is any campaign the unit names itself.
    Festival {
        SpringFestival = "spring_festival" => "春节",
        PartyDay = "party_day" => "七一" | "建党节",
        DoubleNinth = "double_ninth" => "重阳节" | "重阳" | "老人节",
        Other = "other" => "其他",
    }
}

zh_enum! {
    /// 发放方式
    PayMethod {
        Cash = "cash" => "现金",
        Transfer = "transfer" => "转账" | "银行转账" | "打卡",
        Goods = "goods" => "物资" | "实物",
    }
}

zh_enum! {
    /// 活动类型
    ActivityKind {
        Study = "study" => "学习" | "学习会" | "政治学习",
        PartyDay = "party_day" => "主题党日" | "党日活动",
        Forum = "forum" => "座谈会" | "座谈",
        Outing = "outing" => "春秋游" | "春游" | "秋游",
        Recreation = "recreation" => "文体" | "文体活动",
        HealthTalk = "health_talk" => "体检讲座" | "健康讲座",
        Other = "other" => "其他",
    }
}

zh_enum! {
    /// 流动/失联: whether a party member can be reached through the branch.
    PartyContact {
        Normal = "normal" => "正常",
        Flowing = "flowing" => "流动" | "流动党员",
        Lost = "lost" => "失联" | "失联党员",
    }
}

/// The row id of a person in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
pub struct PersonId(pub i64);

/// A lunar birthday as the family celebrates it (DOMAIN.md rule 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LunarBirthday {
    pub month: u8,
    pub day: u8,
    pub leap: bool,
}

/// Everything the clerk records about a retiree: the 花名册 columns of DOMAIN.md. Empty text means
/// "not recorded"; `None` likewise for typed values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonFields {
    pub name: String,
    pub sex: Option<Sex>,
    /// 民族
    pub ethnicity: String,
    /// 籍贯
    pub native_place: String,
    pub birth: Option<PartialDate>,
    /// Stored in its 18-character form; may be empty when unknown.
    pub id_number: String,
    pub political_status: Option<PoliticalStatus>,
    /// 入党时间
    pub party_joined: Option<PartialDate>,
    /// 转正时间
    pub party_confirmed: Option<PartialDate>,
    /// 文化程度
    pub education: String,
    /// 参加工作时间 (for 离休: the date of joining revolutionary work)
    pub work_started: Option<PartialDate>,
    /// 离退休时间
    pub retired_on: Option<PartialDate>,
    pub retirement_kind: Option<RetirementKind>,
    /// 原单位及职务
    pub former_post: String,
    pub grade: Option<Grade>,
    pub unit_kind: Option<UnitKind>,
    pub health: Option<Health>,
    pub care_level: Option<CareLevel>,
    pub living: Option<Living>,
    pub residence: Option<Residence>,
    pub address: String,
    pub phone: String,
    pub emergency_contact: String,
    pub emergency_phone: String,
    /// 所在党支部
    pub party_branch: String,
    /// 一对一联系人: the staff member who keeps in touch.
    pub liaison: String,
    pub lunar_birthday: Option<LunarBirthday>,
    /// 去世日期; `None` while alive.
    pub died_on: Option<PartialDate>,
    pub notes: String,
}

impl PersonFields {
    pub fn is_party_member(&self) -> bool {
        self.political_status.is_some_and(PoliticalStatus::is_party_member)
    }

    /// Not self-sufficient (生活不能自理) for the yearly statistics: disabled or partly disabled, or
    /// recorded as unable to look after themselves.
    pub fn is_dependent(&self) -> bool {
        matches!(self.care_level, Some(CareLevel::Disabled | CareLevel::PartlyDisabled))
            || self.health == Some(Health::Dependent)
    }
}

/// 家属: a family member, who may also be a survivor after the retiree's death.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FamilyMember {
    /// `None` for a member not yet saved.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    /// 关系: 配偶, 子, 女 …
    pub relation: String,
    pub birth: Option<PartialDate>,
    pub phone: String,
    pub address: String,
    /// 遗属: a survivor of the deceased retiree.
    pub is_survivor: bool,
    /// 是否享受遗属补助
    pub survivor_aid: bool,
    pub notes: String,
}

/// A person as stored: the fields, the family, and the record's bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Person {
    pub id: PersonId,
    #[serde(flatten)]
    pub fields: PersonFields,
    pub family: Vec<FamilyMember>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the clerk submits when adding or editing a person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonInput {
    #[serde(flatten)]
    pub fields: PersonFields,
    #[serde(default)]
    pub family: Vec<FamilyMember>,
}

/// 单位设置: printed on every table sent upward.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UnitSettings {
    /// 填报单位
    pub unit_name: String,
    /// 单位负责人
    pub head: String,
    /// 审核人
    pub reviewer: String,
    /// 填表人
    pub preparer: String,
    /// 联系电话
    pub phone: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_synonyms_round_trip() {
        for k in RetirementKind::ALL {
            assert_eq!(RetirementKind::from_label(k.label()), Some(*k));
            assert_eq!(RetirementKind::from_code(k.code()), Some(*k));
        }
        assert_eq!(UnitKind::from_label("公务员（含参公）"), Some(UnitKind::Organ));
        assert_eq!(Grade::from_label(" 正处级 "), Some(Grade::CountyFull));
        assert_eq!(Grade::ProvincialFull.code(), "provincial_full");
        assert_eq!(Health::from_label("不知道"), None);
        assert!(RetirementKind::labels_hint().contains("离休、退休"));
    }

    #[test]
    fn serde_uses_codes() {
        let json = serde_json::to_string(&RetirementKind::Lixiu).unwrap();
        assert_eq!(json, "\"lixiu\"");
        assert_eq!(CareLevel::PartlyDisabled.code(), "partly_disabled");
    }
}
