// The export progress dialog: progress from the core's events, 取消, the ~300 ms grace before it
// appears, and what the clerk is told for each outcome.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import type { AppInfo, JobProgress as Progress } from '../api'
import { plugins, settle } from './helpers'

let progressHandler: ((p: Progress) => void) | null = null
const unlisten = vi.fn()

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>()
  return {
    ...real,
    api: {
      cancelJob: vi.fn(async () => undefined),
      exportRoster: vi.fn(),
      exportStats: vi.fn(),
      exportTemplate: vi.fn(),
    },
    onJobProgress: vi.fn(async (handler: (p: Progress) => void) => {
      progressHandler = handler
      return unlisten
    }),
  }
})

import { api, onJobProgress } from '../api'
import { job, runJob, SHOW_DELAY_MS } from '../lib/job'
import JobProgress from '../components/JobProgress.vue'
import ReportsPage from '../pages/ReportsPage.vue'

const cancelled = { kind: 'cancelled', message: '操作已取消，台账未作任何改动。' }
const el = (testid: string) => document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null
const text = (testid: string) => el(testid)?.textContent?.trim() ?? ''
/** Whether the progress dialog is on screen (Element Plus hides its overlay with v-show). */
function dialogShown(): boolean {
  const dialog = el('job-progress')
  if (!dialog) return false
  const overlay = dialog.closest('.el-overlay') as HTMLElement | null
  return !!overlay && overlay.style.display !== 'none'
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const send = (done: number, total: number) => progressHandler?.({ stage: 'writing', done, total })

/** Calls still pending, settled after each test so one failure cannot leave an export running. */
const open: { reject: (e: unknown) => void }[] = []

/** A call that stays pending until the test settles it. */
function pending() {
  let resolve: (path: string | null) => void = () => {}
  let reject: (e: unknown) => void = () => {}
  const promise = new Promise<string | null>((res, rej) => {
    resolve = res
    reject = rej
  })
  const handle = { call: () => promise, resolve, reject }
  open.push(handle)
  return handle
}

function mountDialog() {
  return mount(JobProgress, { global: { plugins }, attachTo: document.body })
}

type MessageSpy = MockInstance<(typeof ElMessage)['success']>
let success: MessageSpy
let info: MessageSpy
let error: MessageSpy

beforeEach(() => {
  progressHandler = null
  unlisten.mockClear()
  vi.mocked(api.cancelJob).mockClear()
  vi.mocked(onJobProgress).mockClear()
  success = vi.spyOn(ElMessage, 'success')
  info = vi.spyOn(ElMessage, 'info')
  error = vi.spyOn(ElMessage, 'error')
})
afterEach(async () => {
  for (const p of open.splice(0)) p.reject(cancelled)
  await settle()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('export progress dialog', () => {
  it('appears once writing has run a moment, counts rows as events arrive, and closes on success', async () => {
    const w = mountDialog()
    const exp = pending()
    const running = runJob('正在导出花名册…', exp.call)
    await settle()
    expect(onJobProgress).toHaveBeenCalledTimes(1)
    expect(dialogShown()).toBe(false) // the native save dialog may still be open

    send(0, 10000)
    await wait(SHOW_DELAY_MS / 2)
    await settle()
    expect(dialogShown()).toBe(false) // not in the first ~300 ms of writing
    await wait(SHOW_DELAY_MS / 2 + 100)
    await settle()
    expect(dialogShown()).toBe(true)
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('正在导出花名册…')
    expect(text('job-progress-text')).toBe('已写入 0 / 10000 行')

    send(2500, 10000)
    await settle()
    expect(text('job-progress-text')).toBe('已写入 2500 / 10000 行')
    expect(el('job-progress')?.querySelector('.el-progress')?.getAttribute('aria-valuenow')).toBe('25')

    send(7300, 10000)
    await settle()
    expect(text('job-progress-text')).toBe('已写入 7300 / 10000 行')

    exp.resolve('/home/clerk/花名册.xlsx')
    expect(await running).toBe('/home/clerk/花名册.xlsx')
    await settle()
    expect(success).toHaveBeenCalledWith('已导出到 /home/clerk/花名册.xlsx')
    expect(dialogShown()).toBe(false)
    expect(unlisten).toHaveBeenCalledTimes(1)
    expect(job.active).toBe(false)
    w.unmount()
  })

  it('counts sheets, not rows, for a workbook of tables', async () => {
    const w = mountDialog()
    const exp = pending()
    const running = runJob('正在生成季度报送工作簿…', exp.call, undefined, '张表')
    await settle()
    send(3, 7)
    await wait(SHOW_DELAY_MS + 100)
    await settle()
    expect(text('job-progress-text')).toBe('已写入 3 / 7 张表')
    exp.resolve('/home/clerk/季度.xlsx')
    await running
    expect(job.unit).toBe('行') // the next export counts rows again
    w.unmount()
  })

  it('取消 asks the core to stop, says so on the button, and a cancelled export reports no file', async () => {
    const w = mountDialog()
    const exp = pending()
    const running = runJob('正在导出花名册…', exp.call)
    await settle()
    send(100, 10000)
    await wait(SHOW_DELAY_MS + 50)
    await settle()
    expect(dialogShown()).toBe(true)
    expect(text('job-cancel')).toBe('取消')

    el('job-cancel')!.click()
    await settle()
    expect(api.cancelJob).toHaveBeenCalledTimes(1)
    expect(text('job-cancel')).toBe('正在取消…')
    expect((el('job-cancel') as HTMLButtonElement).disabled).toBe(true)

    exp.reject(cancelled)
    expect(await running).toBeNull()
    await settle()
    expect(info).toHaveBeenCalledWith('已取消导出，没有生成文件。')
    expect(success).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    expect(dialogShown()).toBe(false)
    expect(unlisten).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('a fast export never shows the dialog but still reports the file', async () => {
    const w = mountDialog()
    const exp = pending()
    const running = runJob('正在导出花名册…', exp.call)
    await settle()
    send(50, 100)
    send(100, 100)
    exp.resolve('/tmp/花名册.xlsx')
    await running
    await wait(SHOW_DELAY_MS + 50)
    await settle()
    expect(dialogShown()).toBe(false)
    expect(success).toHaveBeenCalledWith('已导出到 /tmp/花名册.xlsx')
    w.unmount()
  })

  it('closing the save dialog ends quietly', async () => {
    expect(await runJob('正在导出花名册…', async () => null)).toBeNull()
    expect(success).not.toHaveBeenCalled()
    expect(info).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    expect(unlisten).toHaveBeenCalledTimes(1)
  })

  it('shows other errors as the core words them', async () => {
    await runJob('正在导出花名册…', async () => {
      throw { kind: 'file', message: '无法写入文件，请关闭在 Excel 中打开的同名文件后重试。' }
    })
    expect(error).toHaveBeenCalledWith('无法写入文件，请关闭在 Excel 中打开的同名文件后重试。')
    expect(info).not.toHaveBeenCalled()
  })

  it('still exports when progress events cannot be subscribed to', async () => {
    vi.mocked(onJobProgress).mockRejectedValueOnce(new Error('no event bridge'))
    expect(await runJob('正在导出花名册…', async () => '/tmp/a.xlsx')).toBe('/tmp/a.xlsx')
    expect(success).toHaveBeenCalledWith('已导出到 /tmp/a.xlsx')
    expect(job.active).toBe(false)
  })
})

describe('ReportsPage exports', () => {
  const info0 = { today: '2026-03-01' } as AppInfo

  it('exports the statistics of the chosen year through the progress runner', async () => {
    vi.mocked(api.exportStats).mockReset().mockResolvedValue('/home/clerk/2026年统计表.xlsx')
    const w = mount(ReportsPage, { props: { info: info0 }, global: { plugins }, attachTo: document.body })
    await settle()
    el('export-stats')!.click()
    await settle()
    expect(api.exportStats).toHaveBeenCalledWith(2026)
    expect(onJobProgress).toHaveBeenCalledTimes(1)
    expect(success).toHaveBeenCalledWith('已导出到 /home/clerk/2026年统计表.xlsx')
    expect(unlisten).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('a cancelled roster export from the reports page shows the info message', async () => {
    vi.mocked(api.exportRoster).mockReset().mockRejectedValue(cancelled)
    const w = mount(ReportsPage, { props: { info: info0 }, global: { plugins }, attachTo: document.body })
    await settle()
    el('reports-export-roster')!.click()
    await settle()
    expect(api.exportRoster).toHaveBeenCalledTimes(1)
    expect(info).toHaveBeenCalledWith('已取消导出，没有生成文件。')
    expect(error).not.toHaveBeenCalled()
    w.unmount()
  })
})
