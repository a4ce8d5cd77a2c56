//! The commands the page may call. Each is a few lines: take the state, call the core, map the error
//! to `{ kind, message }`. File paths are chosen in native dialogs opened here, never by the page.

use crate::state::{stamp, today, AppState, WindowProgress};
use ledger::app::AppInfo;
use ledger::domain::date::DateCheck;
use ledger::domain::model::{Person, PersonFields, PersonId, PersonInput, UnitSettings};
use ledger::import::{ImportOptions, ImportPreview, ImportSummary};
use ledger::store::audit::AuditEntry;
use ledger::tables::people::{self, Contact, PeoplePage, PeopleQuery, Saved, Validation};
use ledger::{Error, ErrorKind};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// An error as the page receives it.
#[derive(Debug, Serialize)]
pub struct CommandError {
    kind: ErrorKind,
    message: String,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        Self { kind: e.kind(), message: e.to_string() }
    }
}

pub(crate) type CmdResult<T> = Result<T, CommandError>;

pub(crate) fn background_failed(e: impl std::fmt::Display) -> CommandError {
    Error::Database(format!("后台任务意外中断：{e}。台账未被修改，请重试。")).into()
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    let ledger = state.ledger()?;
    Ok(ledger::app::info(&ledger, today())?)
}

#[tauri::command]
pub async fn setup_ledger(app: AppHandle, unit_name: String, demo: bool) -> CmdResult<AppInfo> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut ledger = state.ledger()?;
        ledger::app::setup(&mut ledger, &stamp(), &unit_name, demo.then_some(600), today())
    })
    .await
    .map_err(background_failed)?
    .map_err(Into::into)
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> CmdResult<UnitSettings> {
    Ok(ledger::tables::settings::get(state.ledger()?.conn())?)
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: UnitSettings) -> CmdResult<()> {
    Ok(state.ledger()?.with_tx(|tx| ledger::tables::settings::save(tx, &stamp(), &settings))?)
}

#[tauri::command(async)]
pub fn list_people(state: State<'_, AppState>, query: PeopleQuery) -> CmdResult<PeoplePage> {
    Ok(people::list(state.ledger()?.conn(), &query, today())?)
}

/// The party branches on the roster, for the filters that choose one.
#[tauri::command(async)]
pub fn list_branches(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(people::branches(state.ledger()?.conn())?)
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppState>, id: PersonId) -> CmdResult<Person> {
    // Masked: the full ID, phone and address only through `reveal_contact`, which is logged.
    Ok(ledger::tables::people_masked::get(state.ledger()?.conn(), id)?)
}

#[tauri::command(async)]
pub fn reveal_contact(state: State<'_, AppState>, id: PersonId) -> CmdResult<Contact> {
    Ok(state.ledger()?.with_tx(|tx| people::reveal(tx, &stamp(), id))?)
}

/// The full phones and addresses of a person's family (or of one member), each reveal logged.
#[tauri::command(async)]
pub fn reveal_family(
    state: State<'_, AppState>,
    person: PersonId,
    member: Option<i64>,
) -> CmdResult<Vec<ledger::tables::people_masked::FamilyContact>> {
    Ok(state
        .ledger()?
        .with_tx(|tx| ledger::tables::people_masked::reveal_family(tx, &stamp(), person, member))?)
}

#[tauri::command(async)]
pub fn check_date(text: String) -> DateCheck {
    ledger::domain::date::check(&text)
}

#[tauri::command(async)]
pub fn validate_person(
    state: State<'_, AppState>,
    fields: PersonFields,
    id: Option<PersonId>,
) -> CmdResult<Validation> {
    // A saved person's form may still show masked values: the stored ones are checked.
    match id {
        Some(id) => {
            Ok(ledger::tables::people_masked::validate(state.ledger()?.conn(), id, &fields)?)
        }
        None => Ok(people::validate(&fields)),
    }
}

#[tauri::command(async)]
pub fn create_person(state: State<'_, AppState>, input: PersonInput) -> CmdResult<Saved> {
    Ok(state.ledger()?.with_tx(|tx| people::insert(tx, &stamp(), &input))?)
}

#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppState>,
    id: PersonId,
    input: PersonInput,
) -> CmdResult<Saved> {
    Ok(state
        .ledger()?
        .with_tx(|tx| ledger::tables::people_masked::update(tx, &stamp(), id, &input))?)
}

#[tauri::command(async)]
pub fn void_person(state: State<'_, AppState>, id: PersonId, reason: String) -> CmdResult<()> {
    Ok(state.ledger()?.with_tx(|tx| people::void(tx, &stamp(), id, &reason))?)
}

#[tauri::command(async)]
pub fn person_audit(state: State<'_, AppState>, id: PersonId) -> CmdResult<Vec<AuditEntry>> {
    Ok(ledger::store::audit::list_for(state.ledger()?.conn(), "person", id.0)?)
}

/// For automated end-to-end tests only (debug builds): a native dialog cannot be driven through
/// WebDriver, so these variables stand in for the clerk's choice of file.
pub(crate) fn test_override(var: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)
    } else {
        None
    }
}

#[tauri::command]
pub async fn pick_import_file(app: AppHandle) -> CmdResult<Option<String>> {
    if let Some(path) = test_override("CADRE_LEDGER_PICK_FILE") {
        return Ok(Some(path.display().to_string()));
    }
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("选择要导入的花名册")
            .add_filter("表格文件", &["xlsx", "xls", "et", "csv"])
            .blocking_pick_file()
    })
    .await
    .map_err(background_failed)?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn import_preview(app: AppHandle, path: String) -> CmdResult<ImportPreview> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let progress = WindowProgress::new(app.clone(), state.cancel.clone());
        let preview =
            ledger::import::preview(state.ledger()?.conn(), &PathBuf::from(path), &progress)?;
        // The page sees the rows masked; the full values stay here for `import_apply`.
        let page = preview.masked();
        if let Ok(mut slot) = state.preview.lock() {
            *slot = Some(preview);
        }
        Ok::<_, Error>(page)
    })
    .await
    .map_err(background_failed)?
    .map_err(Into::into)
}

#[tauri::command]
pub async fn import_apply(app: AppHandle, options: ImportOptions) -> CmdResult<ImportSummary> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let preview = state
            .preview
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .ok_or_else(|| Error::invalid("请先选择文件并检查，再开始导入。"))?;
        let progress = WindowProgress::new(app.clone(), state.cancel.clone());
        let stamp = stamp();
        let mut ledger = state.ledger()?;
        let summary =
            ledger::import::apply_with_backup(&mut ledger, &stamp, &preview, &options, &progress)?;
        let nothing_written = !summary.errors.is_empty() && !options.skip_invalid;
        if !nothing_written {
            if let Ok(mut slot) = state.preview.lock() {
                *slot = None;
            }
        }
        Ok::<_, Error>(summary)
    })
    .await
    .map_err(background_failed)?
    .map_err(Into::into)
}

#[tauri::command(async)]
pub fn cancel_job(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

/// What a save dialog saves: its title, and the name and extension of its files.
pub(crate) struct SaveAs {
    pub title: &'static str,
    pub filter: &'static str,
    pub extension: &'static str,
}

/// An exported table.
pub(crate) const WORKBOOK: SaveAs =
    SaveAs { title: "保存为", filter: "Excel 工作簿", extension: "xlsx" };

/// Where to save an exported table; `None` when the clerk cancels.
pub(crate) fn pick_save_path(app: &AppHandle, default_name: &str) -> Option<PathBuf> {
    pick_save_path_as(app, default_name, &WORKBOOK)
}

/// Where to save a file of kind `what`, offering `default_name`; a name typed without an extension
/// gets the kind's. In the tests, `CADRE_LEDGER_SAVE_DIR` answers instead of the dialog.
pub(crate) fn pick_save_path_as(
    app: &AppHandle,
    default_name: &str,
    what: &SaveAs,
) -> Option<PathBuf> {
    if let Some(dir) = test_override("CADRE_LEDGER_SAVE_DIR") {
        return Some(dir.join(default_name));
    }
    app.dialog()
        .file()
        .set_title(what.title)
        .set_file_name(default_name)
        .add_filter(what.filter, &[what.extension])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| if p.extension().is_none() { p.with_extension(what.extension) } else { p })
}

pub(crate) fn unit_name(app: &AppHandle) -> String {
    let state = app.state::<AppState>();
    state
        .ledger()
        .ok()
        .and_then(|l| ledger::tables::settings::get(l.conn()).ok())
        .map(|s| s.unit_name)
        .unwrap_or_default()
}

#[tauri::command]
pub async fn export_roster(app: AppHandle, masked: Option<bool>) -> CmdResult<Option<String>> {
    let masked = masked.unwrap_or(false);
    tauri::async_runtime::spawn_blocking(move || {
        let name = if masked {
            ledger::export::names::masked_roster_file_name(&unit_name(&app), today())
        } else {
            ledger::export::names::roster_file_name(&unit_name(&app), today())
        };
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        if masked {
            // 脱敏导出: ID numbers, phones and addresses masked on every sheet.
            let options = ledger::export::roster_print::RosterOptions {
                masked: true,
                columns: None,
                notes: vec!["本表为脱敏版：身份证号码、电话和住址已部分隐藏。".into()],
                ..Default::default()
            };
            ledger::export::lists::roster_view(
                state.ledger()?.conn(),
                &[],
                &options,
                today(),
                &path,
            )?;
            return Ok(Some(path.display().to_string()));
        }
        let progress = WindowProgress::new(app.clone(), state.cancel.clone());
        ledger::export::roster(state.ledger()?.conn(), today(), &path, &progress)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

#[tauri::command]
pub async fn export_stats(app: AppHandle, year: i32) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let name = ledger::export::names::stats_file_name(&unit_name(&app), year);
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        state.ledger()?.with_tx(|tx| ledger::export::stats(tx, year, today(), &path))?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

#[tauri::command]
pub async fn export_template(app: AppHandle) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(path) = pick_save_path(&app, ledger::export::names::TEMPLATE_FILE_NAME) else {
            return Ok(None);
        };
        ledger::export::template(&path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

/// The work-report figures for a quarter (`quarter` 1–4) or, with no quarter, a whole year.
#[tauri::command(async)]
pub fn work_summary(
    state: State<'_, AppState>,
    year: i32,
    quarter: Option<u8>,
) -> CmdResult<ledger::reports::summary::Summary> {
    let period = ledger::domain::period::Period::new(year, quarter)?;
    Ok(ledger::reports::summary::compute(state.ledger()?.conn(), period)?)
}
