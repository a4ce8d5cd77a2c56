// The 批量发放 form: what the clerk fills in, checked and turned into the core's `BatchInput`.
// Pure, so the rules the form applies before asking the core are unit-tested
// (src/__tests__/batch.spec.ts). The core checks everything again and has the last word.

import type { BatchInput, PayMethod, PersonId } from '../api'
import { parseYuan, payPeriodCode, type PayPeriodParts } from './money'

/** 遗属困难补助 goes to a survivor of a deceased retiree, not to the retiree. */
export const SURVIVOR_AID = '遗属困难补助'
/** 支委工作补贴: the quarterly allowance of the branch committee members. */
export const COMMITTEE_ALLOWANCE = '支委工作补贴'

export interface BatchRecipientRow {
  person_id: PersonId
  survivor_id: number | null
  /** `张三` or `李秀英（张建国遗属）`, as the list shows it. */
  name: string
  /** Empty: the batch's amount. */
  amountText: string
}

export interface BatchForm {
  kind: string
  period: PayPeriodParts
  /** 每人金额 (yuan, as typed). */
  amountText: string
  paid_on: string
  method: PayMethod
  handler: string
  approver: string
  notes: string
  recipients: BatchRecipientRow[]
  allow_repeat: boolean
}

export type BatchCheck = { ok: true; input: BatchInput; total: number } | { ok: false; errors: string[] }

/** Checks the form; the errors are in the order the fields appear. */
export function checkBatch(form: BatchForm): BatchCheck {
  const errors: string[] = []
  if (!form.kind) errors.push('请选择补贴类型')
  if (!form.paid_on) errors.push('请填写发放日期')
  const needsDefault = form.recipients.length === 0 || form.recipients.some((r) => r.amountText.trim() === '')
  let amount = 0
  if (form.amountText.trim() !== '' || needsDefault) {
    const parsed = parseYuan(form.amountText)
    if (!parsed.ok) errors.push(`每人金额：${parsed.error}`)
    else if (parsed.fen <= 0 && needsDefault) errors.push('每人金额必须大于0元')
    else amount = parsed.fen
  }
  if (form.recipients.length === 0) errors.push('请至少选择一位领取人')
  let total = 0
  const recipients: BatchInput['recipients'] = []
  for (const r of form.recipients) {
    if (form.kind === SURVIVOR_AID && r.survivor_id === null) {
      errors.push(`${r.name}：遗属困难补助须发给遗属，请从遗属名单中选择`)
    }
    let own: number | null = null
    if (r.amountText.trim() !== '') {
      const parsed = parseYuan(r.amountText)
      if (!parsed.ok) errors.push(`${r.name}的金额：${parsed.error}`)
      else if (parsed.fen <= 0) errors.push(`${r.name}的金额必须大于0元`)
      else own = parsed.fen
    }
    total += own ?? amount
    recipients.push({ person_id: r.person_id, survivor_id: r.survivor_id, amount: own })
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    total,
    input: {
      kind: form.kind,
      period: payPeriodCode(form.period),
      paid_on: form.paid_on,
      method: form.method,
      handler: form.handler.trim(),
      approver: form.approver.trim(),
      notes: form.notes.trim(),
      amount,
      recipients,
      allow_repeat: form.allow_repeat,
    },
  }
}

/** A recipient's key in the list: a survivor is a recipient apart from the retiree. */
export function recipientKey(r: Pick<BatchRecipientRow, 'person_id' | 'survivor_id'>): string {
  return `${r.person_id}:${r.survivor_id ?? ''}`
}

/** Adds rows not already listed, keeping the order and any amounts typed so far. */
export function mergeRecipients(current: BatchRecipientRow[], adding: BatchRecipientRow[]): BatchRecipientRow[] {
  const seen = new Set(current.map(recipientKey))
  const out = [...current]
  for (const r of adding) {
    const k = recipientKey(r)
    if (!seen.has(k)) {
      seen.add(k)
      out.push(r)
    }
  }
  return out
}
