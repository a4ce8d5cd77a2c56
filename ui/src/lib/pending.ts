// Date fields check what was typed when they lose focus, asynchronously. Clicking 保存 blurs the
// field first, so the save must wait for those checks or it would send the old value.

const pending = new Set<Promise<unknown>>()

export function trackPending<T>(p: Promise<T>): Promise<T> {
  pending.add(p)
  const done = () => pending.delete(p)
  p.then(done, done)
  return p
}

/** Resolves once every check started so far has finished (a tick first, so a blur can start one). */
export async function settlePending(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0))
  while (pending.size) await Promise.allSettled([...pending])
}
