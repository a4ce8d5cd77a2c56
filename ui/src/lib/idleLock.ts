// The idle lock (issue 12): after so many minutes without mouse or keyboard the window locks. One
// timer, restarted by any activity; `stop` when no one is signed in or the unit chose 0 (never).
// Activity is counted at most once a second, so moving the mouse does not reset a timer per pixel.

/** What counts as the clerk being at the PC. */
const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const

export interface IdleLock {
  /** Locks after `minutes` without activity (0 or less: never), from now. */
  start(minutes: number): void
  stop(): void
}

export function createIdleLock(onIdle: () => void, target: EventTarget = window): IdleLock {
  let timer: ReturnType<typeof setTimeout> | undefined
  let ms = 0
  let lastReset = 0

  function arm() {
    if (timer !== undefined) clearTimeout(timer)
    lastReset = Date.now()
    timer = setTimeout(() => {
      timer = undefined
      stop()
      onIdle()
    }, ms)
  }

  function activity() {
    if (timer !== undefined && Date.now() - lastReset >= 1000) arm()
  }

  function stop() {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    for (const e of ACTIVITY) target.removeEventListener(e, activity)
  }

  function start(minutes: number) {
    stop()
    if (!(minutes > 0)) return
    ms = minutes * 60_000
    for (const e of ACTIVITY) target.addEventListener(e, activity, { passive: true })
    arm()
  }

  return { start, stop }
}
