// Who is working (issue 12), shared by the window (header, sign-in step, idle lock) and the
// settings page's 操作员 card. With no operators on the ledger nothing changes: `required` is false
// and the sign-in step never shows. With operators, the step covers the window until someone signs
// in; the page behind it stays as it was.
import { computed, ref } from 'vue'
import { api, type OperatorSession } from '../api'

export const operatorSession = ref<OperatorSession | null>(null)

/** The window is locked: the ledger has operators and no one is signed in. */
export const operatorLocked = computed(
  () => !!operatorSession.value && operatorSession.value.required && !operatorSession.value.operator,
)

export async function refreshOperatorSession(): Promise<OperatorSession> {
  const s = await api.operatorSession()
  operatorSession.value = s
  return s
}

/** Signs out (切换 / 锁定 / the idle lock): the sign-in step shows. */
export async function lockNow(): Promise<void> {
  operatorSession.value = await api.signOutOperator()
}
