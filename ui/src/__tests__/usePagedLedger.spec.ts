import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import type { Page, PageRequest } from '../api'
import { usePagedLedger } from '../lib/usePagedLedger'
import { settle } from './helpers'

// A small ledger that pages, sorts and filters the way the core does, so the composable is
// driven through the same request / page contract as `api.pageVisits`.
interface Row {
  id: number
  name: string
  amount: number
}
type Filter = { minAmount: number }
type Key = 'name' | 'amount'

function ledgerOf(n: number) {
  const all: Row[] = Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `人员${(i * 7) % n}`, amount: (i % 5) * 100 }))
  const requests: PageRequest<Filter, Key>[] = []
  async function fetch(req: PageRequest<Filter, Key>): Promise<Page<Row, { amount: number }>> {
    requests.push(req)
    let rows = all.filter((r) => r.amount >= req.filter.minAmount)
    if (req.sort) {
      const k = req.sort
      rows = [...rows].sort((a, b) => (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : a.id - b.id) * (req.desc ? -1 : 1))
    }
    const amount = rows.reduce((s, r) => s + r.amount, 0)
    return { rows: rows.slice(req.offset, req.offset + req.limit), total: rows.length, totals: { amount } }
  }
  return { all, requests, fetch }
}

describe('usePagedLedger', () => {
  it('loads one page with the totals of the whole selection, and pages on', async () => {
    const l = ledgerOf(120)
    const p = usePagedLedger({ fetch: l.fetch, filter: () => ({ minAmount: 0 }), pageSize: 50 })
    await settle()
    expect(p.rows.value.map((r) => r.id)).toEqual(l.all.slice(0, 50).map((r) => r.id))
    expect(p.total.value).toBe(120)
    expect(p.totals.value?.amount).toBe(l.all.reduce((s, r) => s + r.amount, 0))
    expect(p.indexOf(0)).toBe(1)

    p.page.value = 3
    await settle()
    expect(l.requests.at(-1)).toMatchObject({ offset: 100, limit: 50 })
    expect(p.rows.value.map((r) => r.id)).toEqual(l.all.slice(100).map((r) => r.id))
    expect(p.indexOf(0)).toBe(101)
  })

  it('goes back to page 1 when the filter or the sort changes', async () => {
    const l = ledgerOf(120)
    const min = ref(0)
    const p = usePagedLedger({ fetch: l.fetch, filter: () => ({ minAmount: min.value }), pageSize: 20 })
    await settle()
    p.page.value = 4
    await settle()
    min.value = 300
    await settle()
    expect(p.page.value).toBe(1)
    const selected = l.all.filter((r) => r.amount >= 300)
    expect(p.total.value).toBe(selected.length)
    expect(p.totals.value?.amount).toBe(selected.reduce((s, r) => s + r.amount, 0))

    p.page.value = 2
    await settle()
    p.onSortChange({ prop: 'name', order: 'descending' })
    await settle()
    expect(p.page.value).toBe(1)
    expect(l.requests.at(-1)).toMatchObject({ sort: 'name', desc: true, offset: 0 })
    const names = p.rows.value.map((r) => r.name)
    expect(names).toEqual([...names].sort().reverse())

    p.onSortChange({ prop: 'name', order: null })
    await settle()
    expect(l.requests.at(-1)).toMatchObject({ sort: null, desc: false })
  })

  it('shows only the answer to the latest request', async () => {
    const l = ledgerOf(30)
    const min = ref(0)
    const resolvers: (() => void)[] = []
    // Each answer waits until the test releases it, so they can arrive out of order.
    const slow = (req: PageRequest<Filter, Key>) =>
      new Promise<Page<Row, { amount: number }>>((resolve) => resolvers.push(() => void l.fetch(req).then(resolve)))
    const p = usePagedLedger({ fetch: slow, filter: () => ({ minAmount: min.value }) })
    await nextTick()
    min.value = 400
    await nextTick()
    expect(resolvers).toHaveLength(2)
    resolvers[1]()
    await settle()
    resolvers[0]()
    await settle()
    expect(p.total.value).toBe(l.all.filter((r) => r.amount >= 400).length)
    expect(p.loading.value).toBe(false)
  })

  it('shows the new last page when a void empties the one shown', async () => {
    const l = ledgerOf(41)
    const p = usePagedLedger({ fetch: l.fetch, filter: () => ({ minAmount: 0 }), pageSize: 20 })
    await settle()
    p.page.value = 3
    await settle()
    expect(p.rows.value).toHaveLength(1)
    l.all.pop() // voided
    await p.reload()
    await settle()
    expect(p.page.value).toBe(2)
    expect(p.rows.value.map((r) => r.id)).toEqual(l.all.slice(20, 40).map((r) => r.id))
  })

  it('asks for nothing while disabled, and loads once enabled', async () => {
    const l = ledgerOf(10)
    const open = ref(false)
    const min = ref(0)
    const p = usePagedLedger({
      fetch: l.fetch,
      filter: () => ({ minAmount: min.value }),
      enabled: () => open.value,
    })
    await settle()
    min.value = 100
    await settle()
    expect(l.requests).toHaveLength(0)
    open.value = true
    min.value = 0
    await settle()
    expect(l.requests).toHaveLength(1)
    expect(p.total.value).toBe(10)
  })
})
