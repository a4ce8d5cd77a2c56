import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { ImportPreview, PreviewRow } from '../api'
import { fields, plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      pickImportFile: vi.fn(),
      importPreview: vi.fn(),
      importApply: vi.fn(),
      cancelJob: vi.fn(),
    },
    onJobProgress: vi.fn(async () => () => {}),
  }
})

import { api } from '../api'
import ImportDialog from '../components/ImportDialog.vue'

function previewRow(row: number, name: string, status: PreviewRow['status'], extra: Partial<PreviewRow> = {}): PreviewRow {
  return {
    row,
    status,
    fields: fields({ name, id_number: '11010519491231001X', birth: '1949-12' }),
    id_masked: '110105********001X',
    duplicate_of: null,
    duplicate_reason: '',
    issues: [],
    ...extra,
  }
}

function preview(extra: Partial<ImportPreview> = {}): ImportPreview {
  return {
    file_name: '老干部花名册.xlsx',
    sheet_name: 'Sheet1',
    header_rows: [3, 4],
    columns: [
      { column: 'A', header: '序号', field: null },
      { column: 'B', header: '姓名', field: '姓名' },
      { column: 'C', header: '基础信息/身份证号', field: '身份证号码' },
    ],
    rows: [
      previewRow(5, '单卫东', 'new'),
      previewRow(6, '覃秀英', 'new', {
        issues: [{ row: 6, column: '出生年月', message: '出生年月与身份证号码不一致', severity: 'warning' }],
      }),
      previewRow(7, '李四', 'new'),
    ],
    new_count: 3,
    duplicate_count: 0,
    invalid_count: 0,
    warning_count: 1,
    missing_branches: [],
    ...extra,
  }
}

const click = (testid: string) => (document.querySelector(`[data-testid=${testid}]`) as HTMLElement).click()
const text = (testid: string) => document.querySelector(`[data-testid=${testid}]`)?.textContent ?? ''

async function mountDialog() {
  const w = mount(ImportDialog, { props: { open: true }, global: { plugins }, attachTo: document.body })
  await settle()
  return w
}

beforeEach(() => {
  vi.mocked(api.pickImportFile).mockReset().mockResolvedValue('/home/clerk/老干部花名册.xlsx')
  vi.mocked(api.importPreview).mockReset()
  vi.mocked(api.importApply).mockReset()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ImportDialog', () => {
  it('previews the picked file with its counts, then applies it and reports the result', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(preview())
    vi.mocked(api.importApply).mockResolvedValue({ added: 3, updated: 0, skipped: 0, errors: [], warnings: [], branches_created: 0 })
    const w = await mountDialog()

    click('import-pick')
    await settle()
    expect(api.importPreview).toHaveBeenCalledWith('/home/clerk/老干部花名册.xlsx')
    const counts = text('import-counts')
    expect(counts).toContain('新增 3')
    expect(counts).toContain('重复 0')
    expect(counts).toContain('有错误 0')
    expect(counts).toContain('警告 1')
    const body = document.body.textContent ?? ''
    expect(body).toContain('单卫东')
    expect(body).toContain('110105********001X') // the preview never shows a full ID number
    expect(body).toContain('出生年月：出生年月与身份证号码不一致')

    click('import-apply')
    await settle()
    expect(api.importApply).toHaveBeenCalledWith({ on_duplicate: 'update', skip_invalid: false, create_branches: false, overrides: [] })
    expect(text('import-summary')).toContain('新增 3 人，更新 0 人，跳过 0 人')
    expect(w.emitted('imported')).toHaveLength(1)
    w.unmount()
  })

  it('writes nothing while rows have errors, until 跳过有错误的行 is ticked', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(
      preview({
        rows: [
          previewRow(5, '单卫东', 'new'),
          previewRow(6, '无名', 'invalid', {
            issues: [{ row: 6, column: '身份证号码', message: '校验位不对，应为 X', severity: 'error' }],
          }),
        ],
        new_count: 1,
        invalid_count: 1,
        warning_count: 0,
      }),
    )
    vi.mocked(api.importApply).mockResolvedValue({ added: 1, updated: 0, skipped: 1, errors: [], warnings: [], branches_created: 0 })
    const w = await mountDialog()
    click('import-pick')
    await settle()

    const apply = document.querySelector('[data-testid=import-apply]') as HTMLButtonElement
    expect(apply.disabled).toBe(true)
    expect(document.body.textContent).toContain('不会写入任何数据')

    const skip = document.querySelector('[data-testid=import-skip-invalid] input') as HTMLInputElement
    skip.click()
    await settle()
    expect(apply.disabled).toBe(false)
    expect(document.body.textContent).not.toContain('不会写入任何数据')
    apply.click()
    await settle()
    expect(api.importApply).toHaveBeenCalledWith({ on_duplicate: 'update', skip_invalid: true, create_branches: false, overrides: [] })
    expect(text('import-summary')).toContain('新增 1 人，更新 0 人，跳过 1 人')
    w.unmount()
  })

  it('lets the clerk choose per duplicate row, sending only the rows that differ', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(
      preview({
        rows: [
          previewRow(5, '单卫东', 'duplicate', { duplicate_of: 1, duplicate_reason: '身份证号相同' }),
          previewRow(6, '覃秀英', 'duplicate', { duplicate_of: 2, duplicate_reason: '身份证号相同' }),
        ],
        new_count: 0,
        duplicate_count: 2,
        warning_count: 0,
      }),
    )
    vi.mocked(api.importApply).mockResolvedValue({ added: 0, updated: 1, skipped: 1, errors: [], warnings: [], branches_created: 0 })
    const w = await mountDialog()
    click('import-pick')
    await settle()
    const selects = w.findAllComponents({ name: 'ElSelect' })
    expect(selects.length).toBe(2)
    selects[1].vm.$emit('update:modelValue', 'skip')
    await settle()
    click('import-apply')
    await settle()
    expect(api.importApply).toHaveBeenCalledWith({
      on_duplicate: 'update',
      skip_invalid: false,
      create_branches: false,
      overrides: [[6, 'skip']],
    })
    w.unmount()
  })

  it('lists the branches with no record and creates them with the import when ticked', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(preview({ missing_branches: ['离退休第二党支部', '机关退休支部'] }))
    vi.mocked(api.importApply).mockResolvedValue({ added: 3, updated: 0, skipped: 0, errors: [], warnings: [], branches_created: 2 })
    const w = await mountDialog()
    click('import-pick')
    await settle()
    const offer = text('import-missing-branches')
    expect(offer).toContain('2 个所在党支部还没有记录：离退休第二党支部、机关退休支部')
    ;(document.querySelector('[data-testid=import-create-branches] input') as HTMLInputElement).click()
    await settle()
    click('import-apply')
    await settle()
    expect(api.importApply).toHaveBeenCalledWith({ on_duplicate: 'update', skip_invalid: false, create_branches: true, overrides: [] })
    expect(text('import-summary')).toContain('新增 3 人，更新 0 人，跳过 0 人，新建党支部 2 个')
    w.unmount()
  })

  it('offers no branches when every name has a record', async () => {
    vi.mocked(api.importPreview).mockResolvedValue(preview())
    const w = await mountDialog()
    click('import-pick')
    await settle()
    expect(document.querySelector('[data-testid=import-missing-branches]')).toBeNull()
    w.unmount()
  })

  it('stays on the first step when the clerk cancels the file dialog', async () => {
    vi.mocked(api.pickImportFile).mockResolvedValue(null)
    const w = await mountDialog()
    click('import-pick')
    await settle()
    expect(api.importPreview).not.toHaveBeenCalled()
    expect(document.querySelector('[data-testid=import-pick]')).not.toBeNull()
    w.unmount()
  })
})
