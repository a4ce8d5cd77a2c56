// Small dialogs shared by the ledgers' pages.

import { ElMessageBox } from 'element-plus'

/**
 * Asks why a record is being voided. Returns the reason, or null when the clerk cancels. Nothing is
 * deleted: the record stays in the ledger and the audit log with this reason.
 */
export async function askVoidReason(what: string): Promise<string | null> {
  try {
    const answer = await ElMessageBox.prompt(
      `作废后这条${what}不再出现在台账和报表中，但仍保留在修改记录里。请填写作废原因：`,
      `作废${what}`,
      {
        confirmButtonText: '作废',
        cancelButtonText: '取消',
        inputPlaceholder: '例如：录入错误、重复录入',
        inputValidator: (v: string) => (v && v.trim() ? true : '请填写作废原因'),
      },
    )
    return (answer as { value: string }).value.trim()
  } catch {
    return null
  }
}

/** Today as an ISO date in local time (the UI's default for new records). */
export function todayIso(today?: string): string {
  if (today) return today
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
