import { describe, expect, it, vi } from 'vitest'
import { useFormDialog } from '../lib/useFormDialog'

vi.mock('element-plus', () => ({ ElMessage: { success: vi.fn(), error: vi.fn() } }))

interface Form {
  title: string
  people: number[]
}

function setup(save = vi.fn(async () => undefined)) {
  const saved = vi.fn()
  const load = vi.fn(async (id: number) => ({ people: [id, id + 1] }))
  const dlg = useFormDialog<Form>({
    blank: () => ({ title: '', people: [] }),
    load,
    validate: (m) => (m.title.trim() ? '' : '请填写活动名称'),
    save,
    saved,
  })
  return { dlg, save, saved, load }
}

describe('useFormDialog', () => {
  it('opens blank for a new record, and blank again after an earlier opening was typed into', () => {
    const { dlg } = setup()
    dlg.openNew({ title: '重阳座谈' })
    expect(dlg.open.value).toBe(true)
    expect(dlg.isNew.value).toBe(true)
    dlg.model.value.people.push(3)
    dlg.openNew()
    expect(dlg.model.value).toEqual({ title: '', people: [] })
    expect(dlg.opening.value).toBe(2)
  })

  it('opens a record for editing with what the row has, then what `load` reads', async () => {
    const { dlg, load } = setup()
    const opened = dlg.openEdit(7, { title: '春游' })
    expect(dlg.loading.value).toBe(true)
    await opened
    expect(load).toHaveBeenCalledWith(7, expect.anything())
    expect(dlg.id.value).toBe(7)
    expect(dlg.isNew.value).toBe(false)
    expect(dlg.model.value).toEqual({ title: '春游', people: [7, 8] })
    expect(dlg.loading.value).toBe(false)
  })

  it('does not save a form that fails its check, and says what to fill in', async () => {
    const { dlg, save, saved } = setup()
    dlg.openNew()
    expect(await dlg.save()).toBe(false)
    expect(dlg.error.value).toBe('请填写活动名称')
    expect(save).not.toHaveBeenCalled()
    expect(saved).not.toHaveBeenCalled()
    expect(dlg.open.value).toBe(true)
  })

  it('saves through the API with the record id, closes and reloads the list', async () => {
    const { dlg, save, saved } = setup()
    await dlg.openEdit(7, { title: '春游' })
    expect(await dlg.save()).toBe(true)
    expect(save).toHaveBeenCalledWith({ title: '春游', people: [7, 8] }, 7)
    expect(dlg.open.value).toBe(false)
    expect(saved).toHaveBeenCalledTimes(1)
    expect(dlg.error.value).toBe('')
  })

  it('keeps the dialog open with the core’s Chinese message when the save is refused', async () => {
    const refused = vi.fn(async () => {
      throw { kind: 'invalid', message: '活动日期不能晚于今天，请改正日期。' }
    })
    const { dlg, saved } = setup(refused)
    dlg.openNew({ title: '座谈会' })
    expect(await dlg.save()).toBe(false)
    expect(dlg.error.value).toBe('活动日期不能晚于今天，请改正日期。')
    expect(dlg.open.value).toBe(true)
    expect(dlg.saving.value).toBe(false)
    expect(saved).not.toHaveBeenCalled()
  })

  it('shows why a record could not be read for editing', async () => {
    const { dlg } = setup()
    const broken = useFormDialog<Form>({
      blank: () => ({ title: '', people: [] }),
      load: async () => {
        throw { kind: 'not_found', message: '这条活动记录已不存在，请刷新列表。' }
      },
      save: vi.fn(),
    })
    await broken.openEdit(9, { title: 'x' })
    expect(broken.error.value).toBe('这条活动记录已不存在，请刷新列表。')
    expect(broken.loading.value).toBe(false)
    expect(dlg.open.value).toBe(false)
  })
})
