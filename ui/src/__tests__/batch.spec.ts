import { describe, expect, it } from 'vitest'
import { checkBatch, mergeRecipients, type BatchForm, type BatchRecipientRow } from '../lib/batch'

function form(extra: Partial<BatchForm> = {}): BatchForm {
  return {
    kind: '支委工作补贴',
    period: { scope: 'quarter', year: 2026, quarter: 3, month: 7 },
    amountText: '300',
    paid_on: '2026-09-28',
    method: 'cash',
    handler: ' 王丽 ',
    approver: '周建平',
    notes: '',
    recipients: [
      { person_id: 1, survivor_id: null, name: '张三丰', amountText: '' },
      { person_id: 2, survivor_id: null, name: '李四', amountText: '450.50' },
    ],
    allow_repeat: false,
    ...extra,
  }
}

describe('checkBatch', () => {
  it('builds the batch with the default amount, one override, the period code and the total', () => {
    const c = checkBatch(form())
    expect(c.ok).toBe(true)
    if (!c.ok) return
    expect(c.total).toBe(30000 + 45050)
    expect(c.input).toEqual({
      kind: '支委工作补贴',
      period: '2026-Q3',
      paid_on: '2026-09-28',
      method: 'cash',
      handler: '王丽',
      approver: '周建平',
      notes: '',
      amount: 30000,
      recipients: [
        { person_id: 1, survivor_id: null, amount: null },
        { person_id: 2, survivor_id: null, amount: 45050 },
      ],
      allow_repeat: false,
    })
  })

  it('does not need the default amount when everyone has their own', () => {
    const c = checkBatch(
      form({
        amountText: '',
        recipients: [{ person_id: 1, survivor_id: null, name: '张三丰', amountText: '100' }],
      }),
    )
    expect(c.ok).toBe(true)
  })

  it('names every problem: no recipients, a bad amount, a bad override, no date', () => {
    expect(checkBatch(form({ recipients: [] }))).toEqual({ ok: false, errors: ['请至少选择一位领取人'] })
    const c = checkBatch(
      form({
        amountText: '三百',
        paid_on: '',
        recipients: [
          { person_id: 1, survivor_id: null, name: '张三丰', amountText: '' },
          { person_id: 2, survivor_id: null, name: '李四', amountText: '1.234' },
        ],
      }),
    )
    expect(c.ok).toBe(false)
    if (c.ok) return
    expect(c.errors[0]).toBe('请填写发放日期')
    expect(c.errors[1]).toContain('每人金额')
    expect(c.errors[2]).toContain('李四的金额')
  })

  it('refuses a zero amount', () => {
    const c = checkBatch(form({ amountText: '0' }))
    expect(c.ok).toBe(false)
  })

  it('wants a survivor for every recipient of 遗属困难补助', () => {
    const c = checkBatch(form({ kind: '遗属困难补助' }))
    expect(c.ok).toBe(false)
    if (!c.ok) expect(c.errors.join()).toContain('张三丰：遗属困难补助须发给遗属')
    const ok = checkBatch(
      form({ kind: '遗属困难补助', recipients: [{ person_id: 9, survivor_id: 31, name: '宋秀英（宋建国遗属）', amountText: '' }] }),
    )
    expect(ok.ok).toBe(true)
  })
})

describe('mergeRecipients', () => {
  it('adds only those not listed, keeping typed amounts; a survivor is apart from the retiree', () => {
    const current: BatchRecipientRow[] = [{ person_id: 1, survivor_id: null, name: '张三丰', amountText: '500' }]
    const merged = mergeRecipients(current, [
      { person_id: 1, survivor_id: null, name: '张三丰', amountText: '' },
      { person_id: 1, survivor_id: 7, name: '王秀（张三丰遗属）', amountText: '' },
      { person_id: 2, survivor_id: null, name: '李四', amountText: '' },
    ])
    expect(merged.map((r) => r.name)).toEqual(['张三丰', '王秀（张三丰遗属）', '李四'])
    expect(merged[0].amountText).toBe('500')
  })
})
