import { raw } from 'hono/html';
import QRCode from 'qrcode';

/** A QR code as inline SVG, for printable slips (no image request, prints sharp). */
export async function qrSvg(text: string, sizePx = 220) {
  const svg = await QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: sizePx,
  });
  return raw(svg);
}
