// One paged ledger table: the core filters, sorts and counts in SQL and sends one page of rows
// with the totals of the whole selection; the page holds only that page. A WebView holding a
// quarter's 5,000 visits took seconds and gigabytes; a page of 50 takes milliseconds.
//
// The page gives a `fetch` (one `api.page*` call) and a `filter` getter; whenever the filter
// changes the table goes back to page 1. Sorting comes from el-table's `sort-change` on columns
// with `sortable="custom"` whose `prop` is the core's sort key; paging from el-pagination.

import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage, type Page, type PageRequest } from '../api'

export const PAGE_SIZES = [20, 50, 100, 200]

export interface PagedLedgerOptions<F, K extends string, T, S> {
  fetch: (request: PageRequest<F, K>) => Promise<Page<T, S>>
  /** The ledger's filters; read reactively, so a change reloads from page 1. */
  filter: () => F
  pageSize?: number
  /** Load at once (default); a page that loads on mount can pass false and call `reload`. */
  immediate?: boolean
  /** Whether there is anything to ask for (e.g. a campaign is open); nothing loads while false. */
  enabled?: () => boolean
}

export interface PagedLedger<K extends string, T, S> {
  rows: Ref<T[]>
  /** How many rows match in all. */
  total: Ref<number>
  /** The totals of the whole selection; null before the first load. */
  totals: Ref<S | null>
  /** 1-based, as el-pagination counts. */
  page: Ref<number>
  pageSize: Ref<number>
  sort: Ref<{ key: K; desc: boolean } | null>
  loading: Ref<boolean>
  /** Whether a load has finished (decides between an empty hint and nothing). */
  loaded: Ref<boolean>
  /** Loads the current page again (after a save or a void). */
  reload: () => Promise<void>
  /** el-table's `sort-change`: `prop` is the sort key, `order` ascending / descending / null. */
  onSortChange: (e: { prop?: string | null; order?: string | null }) => void
  /** The 序号 of the i-th row of the page, counted over the whole selection. */
  indexOf: (i: number) => number
}

export function usePagedLedger<F, K extends string, T, S>(
  options: PagedLedgerOptions<F, K, T, S>,
): PagedLedger<K, T, S> {
  const rows = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const totals = shallowRef<S | null>(null) as Ref<S | null>
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 50)
  const sort = ref(null) as Ref<{ key: K; desc: boolean } | null>
  const loading = ref(false)
  const loaded = ref(false)
  const filter = computed(options.filter)

  // Answers can come back out of order (a clerk typing); only the latest one is shown.
  let seq = 0
  async function reload(): Promise<void> {
    if (options.enabled && !options.enabled()) return
    const mine = ++seq
    loading.value = true
    try {
      const request: PageRequest<F, K> = {
        filter: filter.value,
        sort: sort.value?.key ?? null,
        desc: sort.value?.desc ?? false,
        offset: (page.value - 1) * pageSize.value,
        limit: pageSize.value,
      }
      const result = await options.fetch(request)
      if (mine !== seq) return
      // A void can empty the last page: show the new last page instead of an empty table.
      const lastPage = Math.max(1, Math.ceil(result.total / pageSize.value))
      if (result.rows.length === 0 && page.value > lastPage) {
        page.value = lastPage
        return
      }
      rows.value = result.rows
      total.value = result.total
      totals.value = result.totals
      loaded.value = true
    } catch (e) {
      if (mine === seq) ElMessage.error(errorMessage(e))
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function onSortChange(e: { prop?: string | null; order?: string | null }) {
    sort.value = e.prop && e.order ? { key: e.prop as K, desc: e.order === 'descending' } : null
    if (page.value === 1) void reload()
    else page.value = 1
  }

  watch(
    filter,
    () => {
      if (page.value === 1) void reload()
      else page.value = 1
    },
    { deep: true },
  )
  watch([page, pageSize], () => void reload())
  if (options.immediate !== false) void reload()

  return {
    rows,
    total,
    totals,
    page,
    pageSize,
    sort,
    loading,
    loaded,
    reload,
    onSortChange,
    indexOf: (i: number) => (page.value - 1) * pageSize.value + i + 1,
  }
}
