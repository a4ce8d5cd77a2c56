//! The import template (导入模板.xlsx): a first sheet with a title, a one-line hint and the
//! roster's header (序号 + [`crate::domain::roster::COLUMNS`], exactly as the 花名册 prints them), and a
//! 填写说明 sheet with what each column accepts and an example. The example lives only in the
//! 说明 sheet, so importing the blank template gives no rows.
//!
//! The body columns of the first sheet are formatted as text, so that what the clerk types stays as
//! typed: an ID number keeps all 18 characters and `1945.10` does not become the number 1945.1.

use super::layout;
use super::sheet::{header_heights, header_widths, write_merged, write_text, Styles, LINE_FONT};
use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::domain::roster::{Field, COLUMNS};
use crate::error::Result;
use crate::tables::profiles::{MaritalStatus, Profile, ProfileField, PROFILE_COLUMNS};
use rust_xlsxwriter::{ColNum, Format, Workbook};

const DATE_HINT: &str =
    "写成 1945.10、1945-10、1945年10月 或 1945-10-03；只知道年月的只写年月，不要编造日";

/// What a column accepts, for the 填写说明 sheet.
fn hint(field: Field) -> (bool, String) {
    use Field as F;
    let choose = |labels: String| format!("可选：{labels}");
    match field {
        F::Name => (true, "必填；姓名中间不要加空格".into()),
        F::Sex => (false, format!("{}；不填时按身份证号识别", choose(Sex::labels_hint()))),
        F::Birth => (false, format!("{DATE_HINT}；不填时按身份证号识别")),
        F::PartyJoined | F::PartyConfirmed | F::RetiredOn => (false, DATE_HINT.into()),
        F::WorkStarted => (false, format!("{DATE_HINT}；离休干部填参加革命工作时间")),
        F::DiedOn => (false, format!("在世的不填；{DATE_HINT}")),
        F::IdNumber => (
            false,
            "18位，末位可为X；15位旧号会自动升级为18位。本列已设为文本格式，请勿改为数值，否则后几位会变成0"
                .into(),
        ),
        F::PoliticalStatus => (false, choose(PoliticalStatus::labels_hint())),
        F::RetirementKind => (false, choose(RetirementKind::labels_hint())),
        F::Grade => (false, choose(Grade::labels_hint())),
        F::UnitKind => (false, choose(UnitKind::labels_hint())),
        F::Health => (false, choose(Health::labels_hint())),
        F::CareLevel => (false, choose(CareLevel::labels_hint())),
        F::Living => (false, choose(Living::labels_hint())),
        F::Residence => (false, choose(Residence::labels_hint())),
        F::LunarBirthday => (false, "按农历过生日的填写，如 八月十五、闰四月初二、腊月廿三".into()),
        F::Phone | F::EmergencyPhone => (false, "手机或座机号码，可填多个，用逗号隔开".into()),
        _ => (false, "文字，可不填".into()),
    }
}

/// The example person of the 说明 sheet.
pub(crate) fn example() -> PersonFields {
    let d = |s: &str| PartialDate::parse(s).ok();
    PersonFields {
        name: "张三".into(),
        sex: Some(Sex::Male),
        ethnicity: "汉族".into(),
        native_place: "山东济南".into(),
        birth: d("1945-10"),
        id_number: "370102194510011237".into(),
        political_status: Some(PoliticalStatus::CpcMember),
        party_joined: d("1965-07"),
        party_confirmed: d("1966-07"),
        education: "大专".into(),
        work_started: d("1963-08"),
        retired_on: d("2005-10"),
        retirement_kind: Some(RetirementKind::Tuixiu),
        former_post: "市财政局副局长".into(),
        grade: Some(Grade::BureauDeputy),
        unit_kind: Some(UnitKind::Organ),
        health: Some(Health::Fair),
        care_level: Some(CareLevel::SelfCaring),
        living: Some(Living::EmptyNest),
        residence: Some(Residence::Local),
        address: "历下区某某路12号3单元401".into(),
        phone: "13800000000".into(),
        emergency_contact: "张小明（儿子）".into(),
        emergency_phone: "13900000000".into(),
        party_branch: "离退休第一党支部".into(),
        liaison: "李四".into(),
        lunar_birthday: Some(LunarBirthday { month: 8, day: 15, leap: false }),
        died_on: None,
        notes: String::new(),
    }
}

/// The blank import template.
/// The 填写说明 of a 六清楚 column.
fn profile_hint(field: ProfileField) -> &'static str {
    match field {
        ProfileField::Marital => "可选：已婚、丧偶、离异、未婚（“有配偶”按已婚）",
        ProfileField::Illnesses => "主要疾病，多个用顿号隔开；用于患病人员清单",
        ProfileField::Hobbies => "特长爱好；用于特长爱好人员清单",
        ProfileField::Needs => "希望得到的个性化服务；用于个性需求人员清单",
        ProfileField::Hardship => "写明困难情况；填写后列入特殊困难人员清单",
        _ => "管理现状：填“是”或“否”，不填按“否”；用于管理现状统计表",
    }
}

/// The example row's 六清楚 values.
fn example_profile() -> Profile {
    Profile {
        marital_status: Some(MaritalStatus::Married),
        illnesses: "高血压".into(),
        hobbies: "书法、太极拳".into(),
        ..Default::default()
    }
}

pub fn template_workbook() -> Result<Workbook> {
    let mut wb = Workbook::new();
    // Fixed properties keep the template's bytes the same from build to build.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("离退休干部花名册导入模板")
            .set_creation_datetime(&created),
    );
    let st = Styles::new();
    let columns = super::roster::columns();
    let last = (columns.len() - 1) as ColNum;

    let ws = wb.add_worksheet();
    ws.set_name("导入模板")?;
    let typed = Format::new().set_font_name("宋体").set_font_size(11).set_num_format("@");
    let widths = header_widths(&columns);
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as ColNum, *w)?;
        ws.set_column_format(i as ColNum, &typed)?;
    }
    ws.set_row_height(0, 40)?;
    write_merged(ws, 0, 0, last, "离退休干部花名册导入模板", &st.title)?;
    write_merged(
        ws,
        1,
        0,
        last,
        "请从第4行起每行填写一人，不要改动第3行的列名；各列的可选值和日期写法见“填写说明”工作表。",
        &st.info_left,
    )?;
    ws.set_row_height(2, header_heights(&columns, &widths).0)?;
    for (i, c) in columns.iter().enumerate() {
        ws.write_string_with_format(2, i as ColNum, &c.header, &st.header)?;
    }
    ws.set_freeze_panes(3, 2)?;
    // Printed blank, the template is a form to fill in by hand: A3 landscape (30 columns), one page
    // wide, the header on every page.
    ws.set_paper_size(8);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(2, 2)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    ws.set_print_first_page_number(1);

    let ws = wb.add_worksheet();
    ws.set_name("填写说明")?;
    let widths = [16.0, 8.0, 60.0, 26.0];
    for (i, w) in widths.into_iter().enumerate() {
        ws.set_column_width(i as ColNum, w)?;
    }
    ws.set_row_height(0, 40)?;
    write_merged(ws, 0, 0, 3, "花名册导入模板填写说明", &st.title)?;
    for (i, h) in ["列名", "是否必填", "填写要求", "示例"].into_iter().enumerate() {
        ws.write_string_with_format(1, i as ColNum, h, &st.header)?;
    }
    let sample = example();
    let mut row = 2;
    let profile = example_profile();
    let hints =
        COLUMNS
            .iter()
            .map(|c| {
                let (required, text) = hint(c.field);
                (c.header, required, text, c.field.text(&sample))
            })
            .chain(PROFILE_COLUMNS.iter().map(|c| {
                (c.header, false, profile_hint(c.field).to_string(), c.field.text(&profile))
            }));
    for (header, required, text, example) in hints {
        ws.write_string_with_format(row, 0, header, &st.center)?;
        ws.write_string_with_format(row, 1, if required { "必填" } else { "" }, &st.center)?;
        write_text(ws, row, 2, &text, &st.text)?;
        write_text(ws, row, 3, &example, &st.text)?;
        // Heights are not recomputed on opening (LibreOffice, WPS): give each wrapped hint its room
        // so the rows do not overlap.
        let lines = [header, text.as_str(), example.as_str()]
            .iter()
            .zip([widths[0], widths[2], widths[3]])
            .map(|(t, w)| layout::lines(t, layout::BODY, w))
            .max()
            .unwrap_or(1);
        ws.set_row_height(row, layout::row_height(lines, layout::BODY))?;
        row += 1;
    }
    row += 1;
    for line in [
        "1.“导入模板”工作表第3行是列名，导入时按列名识别，列的顺序可以调整，不需要的列可以删除。",
        "2.序号列可不填；第4行起每行一人，中间不要留空行和合计行。",
        "3.也可以直接导入本程序导出的花名册，或单位原有的花名册（列名相近即可识别）。",
    ] {
        write_merged(ws, row, 0, 3, line, &st.line)?;
        let lines = layout::lines(line, LINE_FONT, widths.iter().sum());
        ws.set_row_height(row, layout::row_height(lines, LINE_FONT))?;
        row += 1;
    }
    ws.set_row_height(1, layout::row_height(1, layout::HEADER))?;
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    ws.set_print_first_page_number(1);
    ws.set_freeze_panes(2, 0)?;
    Ok(wb)
}
