import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers for every answer: pages, API JSON, problems, the API reference. The web build
 * and the reference page have no inline scripts or styles, so the policy allows none.
 */
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    // Helmet's defaults would add `upgrade-insecure-requests`, which breaks a plain-HTTP LAN install.
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Sent per request by the server (app.ts), only over HTTPS.
  strictTransportSecurity: false,
};

/** The headers helmet sets with these options (they depend on nothing in the request). */
function securityHeaderValues(options: HelmetOptions): Record<string, string> {
  const set: Record<string, string> = {};
  const res = { setHeader: (name: string, value: unknown) => void (set[name.toLowerCase()] = String(value)), removeHeader: (name: string) => void delete set[name.toLowerCase()] };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
  });
  return set;
}

/** The headers every answer carries, worked out once (HSTS is added per request, over HTTPS only). */
export const SECURITY_HEADER_VALUES: Readonly<Record<string, string>> = Object.freeze(securityHeaderValues(SECURITY_HEADERS));
