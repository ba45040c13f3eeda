/** @jsxImportSource preact */
/**
 * Enrollment (登记): the 登记码 from the coordinator's slip (登记单), typed, taken from the slip's
 * link (`/merchant/#enroll=…`, which the phone's own camera app opens) or scanned here, and a
 * name for this phone (前台手机) so the day's list can tell the shop's phones apart. Every
 * refusal is said in the registry's words for its code, never the API's English detail.
 */
import { useCallback, useState } from 'preact/hooks';
import { problemWords } from '../../../shared/problems.ts';
import { ApiError, NetworkError } from '../api.ts';
import { CameraScanner } from '../camera.tsx';
import { Field } from '../field.tsx';
import { words } from '../i18n.ts';
import { enroll } from '../session.ts';
import { useAppState } from '../state.ts';

/** The 12 digits from whatever was scanned or typed: the bare code, with dashes, or the slip's URL. */
export function enrollmentCodeFrom(text: string): string {
  const fromUrl = /[#&?]enroll=([\d-]+)/.exec(text)?.[1];
  return (fromUrl ?? text).replace(/\D/g, '');
}

export function EnrollScreen(props: { initialCode: string; onEnrolled: () => void }) {
  const state = useAppState();
  const t = words[state.lang];
  const [code, setCode] = useState(props.initialCode);
  const [name, setName] = useState(t.defaultDeviceName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [camera, setCamera] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await enroll(enrollmentCodeFrom(code), name);
      props.onEnrolled();
    } catch (e) {
      if (e instanceof NetworkError) setError(t.enrollNeedsNetwork);
      else
        setError(
          t.enrollFailed + problemWords(e instanceof ApiError ? e.type : 'internal_error', state.lang),
        );
    } finally {
      setBusy(false);
    }
  };
  const onScan = useCallback((text: string) => {
    setCamera(false);
    setCode(enrollmentCodeFrom(text));
  }, []);
  const cameraFailed = t.cameraFailed;
  const onCameraError = useCallback(
    (_message: string) => {
      setCamera(false);
      setError(cameraFailed);
    },
    [cameraFailed],
  );

  return (
    <div class="screen enroll-screen">
      <h1>{t.enrollTitle}</h1>
      {state.signedOut && (
        <p class="problem" role="alert" id="signed-out">
          {state.signedOut === 'revoked' ? t.signedOutRevoked : t.signedOutExpired}
        </p>
      )}
      <p>{t.enrollIntro}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t.enrollCode}
          id="enroll-code"
          inputMode="numeric"
          placeholder="1234-5678-9012"
          value={code}
          onValue={setCode}
        />
        <Field label={t.deviceName} id="device-name" maxLength={60} value={name} onValue={setName} />
        <p class="hint">{t.deviceNameHint}</p>
        <button type="submit" class="primary wide" id="enroll" disabled={busy || code.trim() === ''}>
          {busy ? t.enrolling : t.enrollButton}
        </button>
      </form>
      {error && (
        <p class="problem" role="alert" id="enroll-error">
          {error}
        </p>
      )}
      {camera ? (
        <CameraScanner onScan={onScan} onError={onCameraError} />
      ) : (
        <button type="button" class="secondary wide" id="enroll-camera" onClick={() => setCamera(true)}>
          {t.enrollScan}
        </button>
      )}
    </div>
  );
}
