// The export progress dialog's state: progress from the core's events, cancel, and what the clerk
// is told for each outcome.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import type { JobProgress } from '../api'

let progressHandler: ((p: JobProgress) => void) | null = null
const unlisten = vi.fn()

vi.mock('../api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api')>()
  return {
    ...real,
    api: { cancelJob: vi.fn(async () => undefined) },
    onJobProgress: vi.fn(async (handler: (p: JobProgress) => void) => {
      progressHandler = handler
      return unlisten
    }),
  }
})

import { api } from '../api'
import { cancelExport, job, jobPercent, runExport } from '../lib/job'

describe('runExport', () => {
  beforeEach(() => {
    progressHandler = null
    unlisten.mockClear()
    vi.restoreAllMocks()
  })

  it('shows progress once writing starts and reports the saved path', async () => {
    const success = vi.spyOn(ElMessage, 'success')
    let finish: (path: string | null) => void = () => {}
    const running = runExport('正在导出花名册…', () => new Promise((resolve) => (finish = resolve)))
    await Promise.resolve()
    await Promise.resolve()
    expect(job.active).toBe(true)
    expect(job.visible).toBe(false)
    progressHandler?.({ stage: 'writing', done: 2500, total: 10000 })
    expect(job.visible).toBe(true)
    expect(jobPercent()).toBe(25)
    finish('/tmp/花名册.xlsx')
    expect(await running).toBe('/tmp/花名册.xlsx')
    expect(success).toHaveBeenCalledWith('已导出到 /tmp/花名册.xlsx')
    expect(job.active).toBe(false)
    expect(job.visible).toBe(false)
    expect(unlisten).toHaveBeenCalled()
  })

  it('says plainly that a cancelled export made no file', async () => {
    const info = vi.spyOn(ElMessage, 'info')
    const result = await runExport('正在导出花名册…', async () => {
      await cancelExport()
      throw { kind: 'cancelled', message: '操作已取消，台账未作任何改动。' }
    })
    expect(result).toBeNull()
    expect(api.cancelJob).toHaveBeenCalled()
    expect(info).toHaveBeenCalledWith('已取消导出，没有生成文件。')
  })

  it('shows other errors as the core words them', async () => {
    const error = vi.spyOn(ElMessage, 'error')
    await runExport('正在导出花名册…', async () => {
      throw { kind: 'file', message: '无法写入文件，请关闭在 Excel 中打开的同名文件后重试。' }
    })
    expect(error).toHaveBeenCalledWith('无法写入文件，请关闭在 Excel 中打开的同名文件后重试。')
  })

  it('a closed save dialog ends quietly', async () => {
    const success = vi.spyOn(ElMessage, 'success')
    expect(await runExport('正在导出花名册…', async () => null)).toBeNull()
    expect(success).not.toHaveBeenCalled()
  })
})
