/** A minimal browser for HTTP tests: a cookie jar and manual redirects (each hop is visible). */
export class CookieBrowser {
  readonly cookies = new Map<string, string>();

  /** One request; Set-Cookie answers go into the jar (Max-Age=0 removes). */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(at + 1).trim());
    }
    return res;
  }

  /** Follows redirects (GET) until a non-redirect answer, returning every hop. */
  async follow(url: string): Promise<Response[]> {
    const hops: Response[] = [];
    let next: string | null = url;
    for (let i = 0; next && i < 10; i++) {
      const res: Response = await this.request(next);
      hops.push(res);
      const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
      next = location ? new URL(location, next).href : null;
      if (!location) await res.text();
    }
    return hops;
  }
}
