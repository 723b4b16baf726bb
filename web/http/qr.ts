import bwipjs from 'bwip-js';

/** A QR code as inline SVG (paths only, no script or style, so the CSP needs no exception). */
export function qrSvg(text: string): string {
  return bwipjs.toSVG({ bcid: 'qrcode', text, scale: 3, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' } as Parameters<typeof bwipjs.toSVG>[0]);
}
