import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { AppInfo, LiaisonPage, Reminder } from '../api'
import { plugins, settle } from './helpers'

vi.mock('../api', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api')>()
  return {
    ...original,
    api: {
      listLiaisons: vi.fn(),
      liaisonPeople: vi.fn(),
      listReminders: vi.fn(),
      deliveryMonth: vi.fn(),
      mustVisitReasons: vi.fn(),
      openMustVisitCase: vi.fn(),
      listPeople: vi.fn(),
    },
  }
})

import { api } from '../api'
import DutiesPage from '../pages/DutiesPage.vue'

const info: AppInfo = {
  version: '0.1.0',
  db_path: '/tmp/ledger.db',
  first_run: false,
  unit_name: '示范市审计局',
  people_count: 3,
  today: '2026-11-20',
}

const careContact: Reminder = {
  kind: 'care_contact',
  key: 'care_contact:7',
  person_id: 7,
  name: '丙老',
  due: '2026-08-01',
  overdue: true,
  message: '高龄，每90天至少联系一次，上次联系2026年5月3日',
  liaison: '王联络',
  action: '登记联系',
  fulfil: { record: 'visit', kind: 'phone', reason: '电话问候', hospital_stay_id: null, survivor_id: null },
  dismiss_until: '2027-02-18',
}

const page: LiaisonPage = {
  liaison: '王联络',
  total: 2,
  overdue_people: 1,
  rows: [
    {
      person_id: 7,
      name: '丙老',
      sex: 'female',
      age: 86,
      phone_masked: '138****5678',
      address: '北京市东城区****',
      last_contact: '2026-05-03',
      last_contact_kind: 'routine',
      last_contact_by: '张科长',
      due: [careContact],
    },
    {
      person_id: 8,
      name: '甲老',
      sex: 'male',
      age: 78,
      phone_masked: '',
      address: '',
      last_contact: '2026-10-01',
      last_contact_kind: 'phone',
      last_contact_by: '王联络',
      due: [],
    },
  ],
}

beforeEach(() => {
  vi.mocked(api.listLiaisons).mockResolvedValue([
    { liaison: '王联络', people: 2 },
    { liaison: '李联络', people: 1 },
  ])
  vi.mocked(api.liaisonPeople).mockReset().mockResolvedValue(page)
  vi.mocked(api.listReminders).mockResolvedValue([])
  vi.mocked(api.deliveryMonth).mockResolvedValue([])
  vi.mocked(api.mustVisitReasons).mockResolvedValue(['生病', '住院'])
  vi.mocked(api.listPeople).mockResolvedValue({ rows: [], total: 0 })
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('DutiesPage', () => {
  it('opens on the first liaison with their people, last contact and what is due', async () => {
    const w = mount(DutiesPage, { props: { info }, global: { plugins }, attachTo: document.body })
    await settle(5)
    expect(api.liaisonPeople).toHaveBeenCalledWith({ liaison: '王联络', on: '2026-11-20', days: 30, offset: 0, limit: 20 })
    const summary = w.find('[data-testid=liaison-summary]').text()
    expect(summary).toContain('负责 2 人')
    expect(summary).toContain('有逾期事项 1 人')
    const table = w.find('[data-testid=liaison-table]').text()
    expect(table).toContain('2026.05.03 日常走访（张科长）')
    expect(table).toContain('一对一联系·逾期')
    expect(table).toContain('2026.10.01 电话问候（王联络）')
    expect(api.listReminders).toHaveBeenCalledWith({ on: '2026-11-20', days: 30, kinds: ['must_visit'], liaison: null })
    w.unmount()
  })
})
