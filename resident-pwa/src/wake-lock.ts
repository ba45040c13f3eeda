/**
 * Keeps the screen on while a code is shown (Screen Wake Lock API, where the browser has it).
 * The browser drops the lock whenever the page is hidden, so it is asked for again on return.
 */
export function holdScreenAwake(): () => void {
  let sentinel: WakeLockSentinel | undefined;
  let released = false;
  const acquire = async () => {
    if (released || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    try {
      sentinel = await navigator.wakeLock.request('screen');
    } catch {
      // refused (battery saver, no user gesture yet): the brightness hint still shows
    }
  };
  const onVisibility = () => void acquire();
  document.addEventListener('visibilitychange', onVisibility);
  void acquire();
  return () => {
    released = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release().catch(() => {});
  };
}
