// Exports that take more than a moment: one shared state for the progress dialog (JobProgress.vue,
// mounted once in App.vue), fed by the core's `job-progress` events, and a cancel that asks the core
// to stop (it then leaves no file behind).
//
// The export commands open the native save dialog themselves, so the promise is pending while the
// clerk is still choosing where to save. The dialog therefore waits for the first `writing` event
// (writing has begun) and then another SHOW_DELAY_MS, so it never sits behind the save dialog and a
// fast export never flashes it. Exports that send no progress (统计表, 模板) finish without it.

import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { api, errorMessage, isApiError, onJobProgress } from '../api'

/** How long writing must run before the dialog appears. */
export const SHOW_DELAY_MS = 300

export const job = reactive({
  label: '',
  active: false,
  visible: false,
  /** Whether a progress event has arrived (before that the bar is indeterminate). */
  started: false,
  done: 0,
  total: 0,
  /** What `done` and `total` count: 行 (rows) for a table, 张表 for a workbook of tables. */
  unit: '行',
  cancelling: false,
})

/** Percentage for the progress bar (0 until the total is known). */
export function jobPercent(): number {
  return job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0
}

let showTimer: ReturnType<typeof setTimeout> | undefined

function reset() {
  if (showTimer !== undefined) clearTimeout(showTimer)
  showTimer = undefined
  Object.assign(job, { label: '', active: false, visible: false, started: false, done: 0, total: 0, unit: '行', cancelling: false })
}

/**
 * Runs one export: shows progress while it writes, reports where the file went, and says so plainly
 * when the clerk cancelled. Returns the saved path, or null (closed the save dialog, cancelled, failed,
 * or another export was still running).
 */
export async function runJob(
  label: string,
  call: () => Promise<string | null>,
  saved: (path: string) => string = (path) => `已导出到 ${path}`,
  unit = '行',
): Promise<string | null> {
  if (job.active) {
    ElMessage.warning('上一个导出还没有完成，请稍候。')
    return null
  }
  reset()
  Object.assign(job, { label, active: true, unit })
  let unlisten: (() => void) | null = null
  try {
    unlisten = await onJobProgress((p) => {
      if (!job.active || p.stage !== 'writing') return
      job.done = p.done
      job.total = p.total
      if (!job.started) {
        job.started = true
        showTimer = setTimeout(() => {
          showTimer = undefined
          if (job.active) job.visible = true
        }, SHOW_DELAY_MS)
      }
    })
  } catch {
    unlisten = null // progress is a nicety; the export works without it
  }
  try {
    const path = await call()
    if (path) ElMessage.success(saved(path))
    return path
  } catch (e) {
    if (isApiError(e) && e.kind === 'cancelled') ElMessage.info('已取消导出，没有生成文件。')
    else ElMessage.error(errorMessage(e))
    return null
  } finally {
    unlisten?.()
    reset()
  }
}

/** 取消 in the dialog: asks the core to stop; the export then fails with `cancelled`. */
export async function cancelJob(): Promise<void> {
  if (!job.active || job.cancelling) return
  job.cancelling = true
  try {
    await api.cancelJob()
  } catch (e) {
    job.cancelling = false
    ElMessage.error(errorMessage(e))
  }
}
