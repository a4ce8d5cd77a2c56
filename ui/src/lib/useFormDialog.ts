// One add/edit dialog of a ledger page: open for a new record or for editing one, the form's model,
// a check before saving, the save through the API, then close and reload the list; every error is
// shown in the dialog in the core's Chinese words. Pages keep their own fields and layout.
//
//   const dlg = reactive(useFormDialog({ blank, validate, save: (m, id) => …, saved: reload }))
//   dlg.openNew()  /  dlg.openEdit(row.id, fromRow(row))  /  dlg.save()
//
// The model is replaced on every opening, so nothing typed into one opening leaks into the next.

import { computed, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage } from '../api'

export interface FormDialogOptions<M extends object, Id> {
  /** A blank model, as 新增 opens it. */
  blank: () => M
  /** Reads what the list row lacks before editing (an activity's participants…); merged into the model. */
  load?: (id: Id, model: M) => Promise<Partial<M> | void>
  /** What is missing, as one Chinese sentence saying what to fill in; '' when the form can be saved. */
  validate?: (model: M) => string
  /** Saves the model: a new record when `id` is null, else the record `id`. */
  save: (model: M, id: Id | null) => Promise<unknown>
  /** Called after a save has succeeded and the dialog has closed: reload the paged list. */
  saved?: () => unknown
  /** The toast after saving (default 已保存); '' for none. */
  success?: string
}

export interface FormDialog<M extends object, Id> {
  open: Ref<boolean>
  /** The record being edited; null for a new one. */
  id: Ref<Id | null>
  model: Ref<M>
  /** The message shown in the dialog: what to fill in, or why the core refused. */
  error: Ref<string>
  saving: Ref<boolean>
  /** Reading the record for editing. */
  loading: Ref<boolean>
  /** Counts openings: bind `:key` of a child that must start afresh each time (a person picker). */
  opening: Ref<number>
  isNew: Ref<boolean>
  openNew: (initial?: Partial<M>) => void
  openEdit: (id: Id, initial?: Partial<M>) => Promise<void>
  /** Checks, saves, closes and reloads; returns whether it saved. */
  save: () => Promise<boolean>
  close: () => void
}

export function useFormDialog<M extends object, Id = number>(options: FormDialogOptions<M, Id>): FormDialog<M, Id> {
  const open = ref(false)
  const id = ref(null) as Ref<Id | null>
  const model = ref(options.blank()) as Ref<M>
  const error = ref('')
  const saving = ref(false)
  const loading = ref(false)
  const opening = ref(0)
  let seq = 0

  function start(which: Id | null, initial?: Partial<M>) {
    seq += 1
    id.value = which
    model.value = { ...options.blank(), ...(initial ?? {}) }
    error.value = ''
    saving.value = false
    loading.value = false
    opening.value += 1
    open.value = true
  }

  function openNew(initial?: Partial<M>) {
    start(null, initial)
  }

  async function openEdit(which: Id, initial?: Partial<M>) {
    start(which, initial)
    if (!options.load) return
    const mine = seq
    loading.value = true
    try {
      const more = await options.load(which, model.value)
      if (mine !== seq) return
      if (more) Object.assign(model.value, more)
      opening.value += 1
    } catch (e) {
      if (mine === seq) error.value = errorMessage(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function save(): Promise<boolean> {
    if (saving.value || loading.value) return false
    error.value = options.validate?.(model.value) ?? ''
    if (error.value) return false
    saving.value = true
    try {
      await options.save(model.value, id.value)
    } catch (e) {
      error.value = errorMessage(e)
      return false
    } finally {
      saving.value = false
    }
    open.value = false
    const toast = options.success ?? '已保存'
    if (toast) ElMessage.success(toast)
    await options.saved?.()
    return true
  }

  function close() {
    open.value = false
  }

  return {
    open,
    id,
    model,
    error,
    saving,
    loading,
    opening,
    isNew: computed(() => id.value === null),
    openNew,
    openEdit,
    save,
    close,
  }
}
