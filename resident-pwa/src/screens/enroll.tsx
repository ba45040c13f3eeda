/** @jsxImportSource preact */
/**
 * Enrollment with the code from the community staff: typed (dashes and spaces welcome), opened
 * from the slip's link (#enroll=…), or scanned with the camera where the browser has a built-in
 * BarcodeDetector. No QR decoder is downloaded for this: without one, the resident types.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, NetworkError } from '../api.ts';
import { enrollmentCodeFrom, formatEnrollmentCode } from '../enroll-code.ts';
import type { Words } from '../i18n.ts';
import { enroll } from '../session.ts';
import { useAppState } from '../state.ts';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;
const BarcodeDetectorClass = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
/** The text promises scanning only where the scan button is shown. */
const canScan = (): boolean => BarcodeDetectorClass !== undefined && navigator.mediaDevices !== undefined;

function Scanner({ t, onCode }: { t: Words; onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new BarcodeDetectorClass!({ formats: ['qr_code'] });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        for (const found of await detector.detect(video.current)) {
          const code = enrollmentCodeFrom(found.rawValue);
          if (code) return onCode(code);
        }
      } catch {
        // the frame was not ready yet
      }
      timer = setTimeout(look, 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void look();
      })
      .catch(() => onCode(''));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div class="scanner">
      <video ref={video} muted playsInline />
      <p>{t.enrollScanHint}</p>
    </div>
  );
}

export function EnrollScreen({ t }: { t: Words }) {
  const { signedOut, enrollCode } = useAppState();
  const [text, setText] = useState(enrollCode ? formatEnrollmentCode(enrollCode) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [scanning, setScanning] = useState(false);
  useEffect(() => {
    if (enrollCode) setText(formatEnrollmentCode(enrollCode));
  }, [enrollCode]);

  const submit = async (value: string) => {
    const code = enrollmentCodeFrom(value);
    if (!code) return setError(t.enrollBadCode);
    setBusy(true);
    setError(undefined);
    try {
      await enroll(code);
    } catch (e) {
      if (e instanceof NetworkError) setError(t.errorNetwork);
      else setError(t.problem(e instanceof ApiError ? e.type : 'internal_error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="enroll">
      <h1>{t.enrollTitle}</h1>
      {signedOut && (
        <p class="notice warn" role="status" data-testid="signed-out">
          {signedOut === 'revoked' ? t.signedOutRevoked : t.signedOutByYou}
        </p>
      )}
      <p data-testid="enroll-intro">{canScan() ? t.enrollIntroScan : t.enrollIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(text);
        }}
      >
        <label for="enroll-code">{t.enrollCodeLabel}</label>
        <input
          id="enroll-code"
          class="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder={t.enrollPlaceholder}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.enrollBusy : t.enrollSubmit}
        </button>
      </form>
      {canScan() && (
        <>
          <button type="button" class="secondary" onClick={() => setScanning(!scanning)}>
            {scanning ? t.enrollScanStop : t.enrollScan}
          </button>
          {scanning && (
            <Scanner
              t={t}
              onCode={(code) => {
                setScanning(false);
                if (!code) return;
                setText(formatEnrollmentCode(code));
                void submit(code);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
