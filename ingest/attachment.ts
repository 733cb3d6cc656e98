/**
 * A download's Content-Disposition: `attachment` with an ASCII name for old clients and the real
 * (Chinese) name in RFC 6266 / 5987's `filename*`, which browsers and WeChat's system browser use.
 * Characters a file name cannot hold are replaced, so a title never makes a broken header.
 */
export function attachmentDisposition(asciiFallback: string, name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').slice(0, 120);
  return `attachment; filename="${asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
