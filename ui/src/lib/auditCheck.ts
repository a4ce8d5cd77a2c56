// The audit chain check, shared by the window and the 修改记录 page: it runs once in the background
// when the ledger opens, and again whenever the clerk asks. A broken chain is shown, never repaired.
import { ref } from 'vue'
import { api, errorMessage, type Verification } from '../api'

export const auditCheck = ref<Verification | null>(null)
export const auditChecking = ref(false)
export const auditCheckError = ref('')

export async function runAuditCheck(): Promise<void> {
  if (auditChecking.value) return
  auditChecking.value = true
  auditCheckError.value = ''
  try {
    auditCheck.value = await api.verifyAuditBackground()
  } catch (e) {
    auditCheckError.value = errorMessage(e)
  } finally {
    auditChecking.value = false
  }
}
