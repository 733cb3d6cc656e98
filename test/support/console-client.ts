import type { Hono } from 'hono';

/**
 * Test support: a browser's side of the console over app.request — its cookies, and the CSRF
 * field of the last page it read — so the tests post forms as a browser would.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  lastHtml = '';

  constructor(private readonly app: Hono) {}

  async get(path: string): Promise<Response> {
    const res = await this.app.request(path, { headers: this.headers() });
    this.take(res);
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      this.lastHtml = await res.clone().text();
      const found = /name="_csrf" value="([^"]*)"/.exec(this.lastHtml);
      if (found?.[1]) this.csrf = found[1];
    }
    return res;
  }

  async post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...fields });
    const res = await this.app.request(path, { method: 'POST', body: body.toString(), headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' } });
    this.take(res);
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }

  async postForm(path: string, form: FormData): Promise<Response> {
    form.set('_csrf', this.csrf);
    const res = await this.app.request(path, { method: 'POST', body: form, headers: this.headers() });
    this.take(res);
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }

  private headers(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
