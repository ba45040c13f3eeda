/** @jsxImportSource preact */
/**
 * Scanning a QR code with the phone's camera, for both phone apps (the merchant app's vouchers,
 * the resident app's 扫一扫 for activity check-in): the browser's BarcodeDetector where it has
 * one, else jsQR, bundled with the app (a separate chunk, precached by the service worker:
 * nothing comes from a CDN). Frames are read a few times a second; the first QR that decodes
 * ends the scan. The app judges the text; a camera that will not open is reported with the
 * browser's message, and the app says what to do in its own words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type Decoder = (video: HTMLVideoElement) => Promise<string | null>;

async function nativeDecoder(): Promise<Decoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

/**
 * Loads the fallback decoder while the network is surely there (at open), so the camera works
 * offline even before the service worker controls the page.
 */
export const warmQrDecoder = (): Promise<unknown> => import('jsqr').catch(() => undefined);

async function jsqrDecoder(): Promise<Decoder> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) return null;
    // Half a megapixel is plenty for a version-6 code filling part of the frame.
    const scale = Math.min(1, Math.sqrt(480_000 / (width * height)));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

export function CameraScanner(props: { onScan: (text: string) => void; onError: (message: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [engine, setEngine] = useState('');
  const { onScan, onError } = props;

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
        if (stopped) return;
        const element = video.current!;
        element.srcObject = stream;
        await element.play();
        const native = await nativeDecoder();
        const decode = native ?? (await jsqrDecoder());
        setEngine(native ? 'BarcodeDetector' : 'jsQR');
        const tick = async () => {
          if (stopped) return;
          const text = await decode(element).catch(() => null);
          if (stopped) return;
          if (text) onScan(text);
          else timer = setTimeout(tick, 120);
        };
        void tick();
      } catch (e) {
        if (!stopped) onError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onScan, onError]);

  return (
    <div class="camera">
      <video ref={video} muted playsInline data-engine={engine} />
    </div>
  );
}
