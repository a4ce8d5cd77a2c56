// Generated from crates/ledger (src/contract.rs) by `UPDATE_BINDINGS=1 cargo test -p ledger bindings`.
// Do not edit by hand.

import type { CareFilter, Festival, LedgerTable, Recurrence, Stage, StayFlag, TargetFilters } from './bindings'

/** 第一季度 … 第四季度, as `Period::label` names them. */
export const QUARTER_NAMES: string[] = [
  "第一季度",
  "第二季度",
  "第三季度",
  "第四季度"
];

/** The ledger tables sent upward, in the order of the quarterly workbook. */
export const LEDGER_TABLES: { code: LedgerTable; label: string }[] = [
  {
    "code": "visits",
    "label": "走访慰问台账"
  },
  {
    "code": "hospital",
    "label": "住院探视登记"
  },
  {
    "code": "subsidies",
    "label": "补贴发放明细"
  },
  {
    "code": "checkups",
    "label": "健康体检台账"
  },
  {
    "code": "deaths",
    "label": "去世及遗属登记"
  },
  {
    "code": "medals",
    "label": "光荣在党50年名单"
  },
  {
    "code": "activities",
    "label": "活动登记"
  }
];

export const STAY_FLAG_LABELS: Record<StayFlag, string> = {
  not_visited: "未探视",
  no_follow_up: "出院一周内未回访",
};
export const CARE_FILTER_LABELS: Record<CareFilter, string> = {
  alone: "独居",
  empty_nest: "空巢",
  disabled: "失能半失能",
};
export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  month: "每月",
  quarter: "每季度",
  year: "每年",
};

/** Who a campaign for each festival is due to unless the clerk changes it. */
export const FESTIVAL_TARGETS: Record<Festival, TargetFilters> = {
  "double_ninth": {
    "aged80": true,
    "branch": "",
    "care": [],
    "everyone": false,
    "lixiu": true,
    "mode": "any",
    "party_members": false
  },
  "other": {
    "aged80": true,
    "branch": "",
    "care": [],
    "everyone": false,
    "lixiu": true,
    "mode": "any",
    "party_members": false
  },
  "party_day": {
    "aged80": true,
    "branch": "",
    "care": [],
    "everyone": false,
    "lixiu": false,
    "mode": "all",
    "party_members": true
  },
  "spring_festival": {
    "aged80": true,
    "branch": "",
    "care": [],
    "everyone": false,
    "lixiu": true,
    "mode": "any",
    "party_members": false
  }
};

/** How the person form edits a field (`roster_form.rs`). `choice` fields name their label table. */
export type FormInput = 'text' | 'date' | 'choice' | 'lunar' | 'branch'
export type FormSection = 'basic' | 'work' | 'party' | 'living' | 'contact' | 'other'
export interface FormField {
  field: string
  label: string
  input: FormInput
  labels: string | null
  section: FormSection
  wide: boolean
  placeholder: string
  masked: boolean
}
export const FORM_SECTIONS: Record<FormSection, string> = {
  "basic": "基本信息",
  "contact": "联系方式",
  "living": "健康与居住",
  "other": "其他",
  "party": "党组织",
  "work": "工作与待遇"
};
/** Every roster field, in the form's order. */
export const PERSON_FORM: FormField[] = [
  {
    "field": "name",
    "label": "姓名",
    "input": "text",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "sex",
    "label": "性别",
    "input": "choice",
    "labels": "SEX_LABELS",
    "section": "basic",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "ethnicity",
    "label": "民族",
    "input": "text",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "如 汉族",
    "masked": false
  },
  {
    "field": "native_place",
    "label": "籍贯",
    "input": "text",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "如 山东济南",
    "masked": false
  },
  {
    "field": "birth",
    "label": "出生年月",
    "input": "date",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "id_number",
    "label": "身份证号码",
    "input": "text",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "",
    "masked": true
  },
  {
    "field": "education",
    "label": "文化程度",
    "input": "text",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "如 大学、中专、初中",
    "masked": false
  },
  {
    "field": "lunar_birthday",
    "label": "农历生日",
    "input": "lunar",
    "labels": null,
    "section": "basic",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "work_started",
    "label": "参加工作时间",
    "input": "date",
    "labels": null,
    "section": "work",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "retired_on",
    "label": "离退休时间",
    "input": "date",
    "labels": null,
    "section": "work",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "retirement_kind",
    "label": "离休/退休",
    "input": "choice",
    "labels": "RETIREMENT_KIND_LABELS",
    "section": "work",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "former_post",
    "label": "原单位及职务",
    "input": "text",
    "labels": null,
    "section": "work",
    "wide": true,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "grade",
    "label": "职级/待遇",
    "input": "choice",
    "labels": "GRADE_LABELS",
    "section": "work",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "unit_kind",
    "label": "人员类别",
    "input": "choice",
    "labels": "UNIT_KIND_LABELS",
    "section": "work",
    "wide": false,
    "placeholder": "机关/事业单位/企业",
    "masked": false
  },
  {
    "field": "political_status",
    "label": "政治面貌",
    "input": "choice",
    "labels": "POLITICAL_STATUS_LABELS",
    "section": "party",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "party_joined",
    "label": "入党时间",
    "input": "date",
    "labels": null,
    "section": "party",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "party_confirmed",
    "label": "转正时间",
    "input": "date",
    "labels": null,
    "section": "party",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "party_branch",
    "label": "所在党支部",
    "input": "branch",
    "labels": null,
    "section": "party",
    "wide": false,
    "placeholder": "选择支部，或直接填写名称",
    "masked": false
  },
  {
    "field": "health",
    "label": "健康状况",
    "input": "choice",
    "labels": "HEALTH_LABELS",
    "section": "living",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "care_level",
    "label": "自理能力",
    "input": "choice",
    "labels": "CARE_LEVEL_LABELS",
    "section": "living",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "living",
    "label": "居住状况",
    "input": "choice",
    "labels": "LIVING_LABELS",
    "section": "living",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "residence",
    "label": "居住地",
    "input": "choice",
    "labels": "RESIDENCE_LABELS",
    "section": "living",
    "wide": false,
    "placeholder": "请选择",
    "masked": false
  },
  {
    "field": "address",
    "label": "现住址",
    "input": "text",
    "labels": null,
    "section": "living",
    "wide": true,
    "placeholder": "",
    "masked": true
  },
  {
    "field": "phone",
    "label": "联系电话",
    "input": "text",
    "labels": null,
    "section": "contact",
    "wide": false,
    "placeholder": "",
    "masked": true
  },
  {
    "field": "emergency_contact",
    "label": "紧急联系人",
    "input": "text",
    "labels": null,
    "section": "contact",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "emergency_phone",
    "label": "紧急联系人电话",
    "input": "text",
    "labels": null,
    "section": "contact",
    "wide": false,
    "placeholder": "",
    "masked": true
  },
  {
    "field": "liaison",
    "label": "一对一联系人",
    "input": "text",
    "labels": null,
    "section": "contact",
    "wide": false,
    "placeholder": "负责联系的工作人员",
    "masked": false
  },
  {
    "field": "died_on",
    "label": "去世日期",
    "input": "date",
    "labels": null,
    "section": "other",
    "wide": false,
    "placeholder": "",
    "masked": false
  },
  {
    "field": "notes",
    "label": "备注",
    "input": "text",
    "labels": null,
    "section": "other",
    "wide": true,
    "placeholder": "",
    "masked": false
  }
];

/** The Chinese name of every person field, for the audit log (the core logs code names). */
export const FIELD_LABELS: Record<string, string> = {
  "address": "现住址",
  "birth": "出生年月",
  "care_level": "自理能力",
  "died_on": "去世日期",
  "education": "文化程度",
  "emergency_contact": "紧急联系人",
  "emergency_phone": "紧急联系人电话",
  "ethnicity": "民族",
  "family": "家属",
  "former_post": "原单位及职务",
  "grade": "职级/待遇",
  "health": "健康状况",
  "id_number": "身份证号码",
  "liaison": "一对一联系人",
  "living": "居住状况",
  "lunar_birthday": "农历生日",
  "name": "姓名",
  "native_place": "籍贯",
  "notes": "备注",
  "party_branch": "所在党支部",
  "party_confirmed": "转正时间",
  "party_joined": "入党时间",
  "phone": "联系电话",
  "political_status": "政治面貌",
  "residence": "居住地",
  "retired_on": "离退休时间",
  "retirement_kind": "离休/退休",
  "sex": "性别",
  "unit_kind": "人员类别",
  "work_started": "参加工作时间"
};

/** The 花名册's columns in print order, for 导出当前列表 (`domain::roster::COLUMNS`). */
export const ROSTER_COLUMNS: { field: string; header: string }[] = [
  {
    "field": "name",
    "header": "姓名"
  },
  {
    "field": "sex",
    "header": "性别"
  },
  {
    "field": "ethnicity",
    "header": "民族"
  },
  {
    "field": "native_place",
    "header": "籍贯"
  },
  {
    "field": "birth",
    "header": "出生年月"
  },
  {
    "field": "id_number",
    "header": "身份证号码"
  },
  {
    "field": "political_status",
    "header": "政治面貌"
  },
  {
    "field": "party_joined",
    "header": "入党时间"
  },
  {
    "field": "party_confirmed",
    "header": "转正时间"
  },
  {
    "field": "education",
    "header": "文化程度"
  },
  {
    "field": "work_started",
    "header": "参加工作时间"
  },
  {
    "field": "retired_on",
    "header": "离退休时间"
  },
  {
    "field": "retirement_kind",
    "header": "离休/退休"
  },
  {
    "field": "former_post",
    "header": "原单位及职务"
  },
  {
    "field": "grade",
    "header": "职级/待遇"
  },
  {
    "field": "unit_kind",
    "header": "人员类别"
  },
  {
    "field": "health",
    "header": "健康状况"
  },
  {
    "field": "care_level",
    "header": "自理能力"
  },
  {
    "field": "living",
    "header": "居住状况"
  },
  {
    "field": "residence",
    "header": "居住地"
  },
  {
    "field": "address",
    "header": "现住址"
  },
  {
    "field": "phone",
    "header": "联系电话"
  },
  {
    "field": "emergency_contact",
    "header": "紧急联系人"
  },
  {
    "field": "emergency_phone",
    "header": "紧急联系人电话"
  },
  {
    "field": "party_branch",
    "header": "所在党支部"
  },
  {
    "field": "liaison",
    "header": "联系人"
  },
  {
    "field": "lunar_birthday",
    "header": "农历生日"
  },
  {
    "field": "died_on",
    "header": "去世日期"
  },
  {
    "field": "notes",
    "header": "备注"
  }
];
/** The columns the printed roster carries unless the clerk picks others. */
export const ROSTER_PRINT_DEFAULT: string[] = [
  "name",
  "sex",
  "birth",
  "id_number",
  "retirement_kind",
  "unit_kind",
  "grade",
  "former_post",
  "phone",
  "notes"
];
/** The most characters each roster field takes (a spreadsheet cell's limit, or the field's rule). */
export const MAX_LENGTH: Record<string, number> = {
  "address": 32767,
  "birth": 32767,
  "care_level": 32767,
  "died_on": 32767,
  "education": 32767,
  "emergency_contact": 32767,
  "emergency_phone": 32767,
  "ethnicity": 32767,
  "former_post": 32767,
  "grade": 32767,
  "health": 32767,
  "id_number": 20,
  "liaison": 32767,
  "living": 32767,
  "lunar_birthday": 32767,
  "name": 30,
  "native_place": 32767,
  "notes": 32767,
  "party_branch": 32767,
  "party_confirmed": 32767,
  "party_joined": 32767,
  "phone": 32767,
  "political_status": 32767,
  "residence": 32767,
  "retired_on": 32767,
  "retirement_kind": 32767,
  "sex": 32767,
  "unit_kind": 32767,
  "work_started": 32767
};
/** What a spreadsheet cell holds: the limit of every other text. */
export const CELL_MAX_CHARS = 32767;

/** The Chinese name of every action the audit log records. */
export const ACTION_LABELS: Record<string, string> = {
  "add": "加入",
  "add_targets": "添加走访对象",
  "create": "新增",
  "decrypt": "取消加密",
  "encrypt": "启用加密",
  "import": "导入新增",
  "import_add": "导入新增",
  "import_update": "导入更新",
  "insert": "新增",
  "passwd": "修改密码",
  "remove": "移出",
  "remove_target": "移出走访对象",
  "restore": "恢复",
  "reveal": "查看完整信息",
  "reveal_contact": "查看完整信息",
  "update": "修改",
  "void": "作废"
};

export const STAGE_LABELS: Record<Stage, string> = {
  reading: "正在读取并检查数据",
  checking: "正在检查数据",
  saving: "正在写入台账",
  writing: "正在写出文件",
};

/** The roster filter's age bands (DOMAIN rule 6), inclusive bounds in years. */
export const AGE_BANDS: { value: string; label: string; age_min: number | null; age_max: number | null }[] = [
  {
    "value": "",
    "label": "全部年龄",
    "age_min": null,
    "age_max": null
  },
  {
    "value": "under70",
    "label": "70岁以下",
    "age_min": null,
    "age_max": 69
  },
  {
    "value": "70s",
    "label": "70–79岁",
    "age_min": 70,
    "age_max": 79
  },
  {
    "value": "80s",
    "label": "80–89岁",
    "age_min": 80,
    "age_max": 89
  },
  {
    "value": "90s",
    "label": "90–99岁",
    "age_min": 90,
    "age_max": 99
  },
  {
    "value": "100plus",
    "label": "100岁及以上",
    "age_min": 100,
    "age_max": null
  }
];
