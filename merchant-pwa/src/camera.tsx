/**
 * The merchant app's camera scanner: the shared one (shared/client/camera.tsx), which the
 * resident app's 扫一扫 uses too.
 */
export { CameraScanner, warmQrDecoder } from '../../shared/client/camera.tsx';
