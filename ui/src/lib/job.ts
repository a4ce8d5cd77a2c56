// Exports that take more than a moment: one shared state for the progress dialog, fed by the core's
// `job-progress` events, and a cancel that asks the core to stop (it then leaves no file behind).

import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { api, errorMessage, isApiError, onJobProgress } from '../api'

export const job = reactive({
  label: '',
  active: false,
  /** Shown once writing has begun, so the dialog never sits behind the native save dialog. */
  visible: false,
  done: 0,
  total: 0,
  cancelling: false,
})

/** Percentage for the progress bar (0 until the total is known). */
export function jobPercent(): number {
  return job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0
}

/**
 * Runs one export: shows progress while it writes, reports where the file went, and says so plainly
 * when the clerk cancelled. Returns the saved path, or null (closed the save dialog, cancelled, failed).
 */
export async function runExport(
  label: string,
  call: () => Promise<string | null>,
  saved: (path: string) => string = (path) => `已导出到 ${path}`,
): Promise<string | null> {
  if (job.active) return null
  Object.assign(job, { label, active: true, visible: false, done: 0, total: 0, cancelling: false })
  const unlisten = await onJobProgress((p) => {
    job.done = p.done
    job.total = p.total
    job.visible = true
  })
  try {
    const path = await call()
    if (path) ElMessage.success(saved(path))
    return path
  } catch (e) {
    if (isApiError(e) && e.kind === 'cancelled') ElMessage.info('已取消导出，没有生成文件。')
    else ElMessage.error(errorMessage(e))
    return null
  } finally {
    unlisten()
    Object.assign(job, { active: false, visible: false, cancelling: false })
  }
}

export async function cancelExport(): Promise<void> {
  job.cancelling = true
  await api.cancelJob()
}
