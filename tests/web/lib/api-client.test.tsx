import { describe, expect, it, vi } from 'vitest';
import { createApiClient, newIdempotencyKey } from '../../../web/src/lib/api-client';

const ok = () => new Response(JSON.stringify({ id: 1 }), { status: 201, headers: { 'content-type': 'application/json' } });

describe('api client: writes with an Idempotency-Key', () => {
  it('sends the key and, when the network drops the answer, sends the same request again with the same key', async () => {
    const keys: (string | null)[] = [];
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      keys.push(new Headers(init?.headers).get('idempotency-key'));
      if (keys.length === 1) throw new TypeError('network error');
      return ok();
    });
    const client = createApiClient({ fetch, getLocale: () => 'vi' });
    await expect(client.post('/observations', { value: 1 }, { idempotencyKey: 'k-123', auth: false })).resolves.toEqual({ id: 1 });
    expect(keys).toEqual(['k-123', 'k-123']);
  });

  it('does not resend a write without a key, and gives up after three tries', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('network error');
    });
    const client = createApiClient({ fetch, getLocale: () => 'vi' });
    await expect(client.post('/observations', {}, { auth: false })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(fetch).toHaveBeenCalledTimes(1);
    await expect(client.post('/observations', {}, { auth: false, idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(fetch).toHaveBeenCalledTimes(4);
  });

  it('makes fresh 128-bit keys', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
