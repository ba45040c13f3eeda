/** @jsxImportSource preact */
/**
 * 扫一扫: the camera reads the organizer's check-in QR (shared/client/camera.tsx: the browser's
 * BarcodeDetector, else jsQR bundled with the app) and checks in as a link would. Only a link to
 * this app with a whole check-in code is taken; anything else is refused in words, with a button
 * to scan again. Checking in needs the network: offline it says so before the camera opens.
 */
import { useCallback, useState } from 'preact/hooks';
import { CameraScanner } from '../../../shared/client/camera.tsx';
import { checkIn, checkinFromScan } from '../activities.ts';
import type { Words } from '../i18n.ts';
import { useAppState } from '../state.ts';

/** The app's own path (vite.config.ts `base`): a check-in link must point here. */
const APP_PATH = '/resident/';

export function ScanScreen({ t }: { t: Words }) {
  const { online } = useAppState();
  const [scanning, setScanning] = useState(true);
  const [problem, setProblem] = useState<string>();
  const onScan = useCallback(
    (text: string) => {
      setScanning(false);
      const link = checkinFromScan(text, location.origin, APP_PATH);
      if (!link) return setProblem(t.scanNotCheckin);
      void checkIn(link);
    },
    [t],
  );
  const onError = useCallback(() => {
    setScanning(false);
    setProblem(t.scanCameraFailed);
  }, [t]);
  return (
    <section class="scan">
      <h1>{t.scanTitle}</h1>
      {!online && <p class="notice">{t.scanNeedsNetwork}</p>}
      <p>{t.scanHint}</p>
      {problem && (
        <p class="notice error" role="alert" data-testid="scan-problem">
          {problem}
        </p>
      )}
      {scanning ? (
        <>
          <CameraScanner onScan={onScan} onError={onError} />
          <button type="button" class="secondary" onClick={() => setScanning(false)}>
            {t.scanStop}
          </button>
        </>
      ) : (
        <button
          type="button"
          class="primary"
          data-testid="scan-start"
          onClick={() => {
            setProblem(undefined);
            setScanning(true);
          }}
        >
          {problem ? t.checkinScanAgain : t.scanStart}
        </button>
      )}
    </section>
  );
}
