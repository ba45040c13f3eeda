/**
 * Draws a voucher as a QR code on a canvas: one numeric segment at level M (shared/voucher-qr.ts),
 * whole device pixels per module, a 4-module white quiet zone, no smoothing. Crisp square modules
 * on a bright white field are what a shop's camera reads best from a phone screen.
 * Loaded with the code screen only, so the qrcode package stays out of the first download.
 */
import QRCode from 'qrcode';
import { VOUCHER_QR_ERROR_CORRECTION, voucherQrSegments } from '../../shared/voucher-qr.ts';

const QUIET_ZONE = 4;

/** Draws `text` to fit `cssSize` CSS pixels; returns the CSS size actually used. */
export function drawVoucherQr(canvas: HTMLCanvasElement, text: string, cssSize: number): number {
  const { modules } = QRCode.create(voucherQrSegments(text), {
    errorCorrectionLevel: VOUCHER_QR_ERROR_CORRECTION,
  });
  const dpr = window.devicePixelRatio || 1;
  const count = modules.size + QUIET_ZONE * 2;
  const scale = Math.max(1, Math.floor((cssSize * dpr) / count));
  const pixels = scale * count;
  canvas.width = pixels;
  canvas.height = pixels;
  const css = pixels / dpr;
  canvas.style.width = `${css}px`;
  canvas.style.height = `${css}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pixels, pixels);
  ctx.fillStyle = '#000';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) {
        ctx.fillRect((col + QUIET_ZONE) * scale, (row + QUIET_ZONE) * scale, scale, scale);
      }
    }
  }
  return css;
}
