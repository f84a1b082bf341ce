// The HTTP tier's one API client: a user's bearer header, and the verbs as that user. Paths are under
// /api/v1 unless they start with `/`. Each call resolves to supertest's response.
import type { Stream } from 'node:stream';
import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** A supertest parser that keeps a response body as bytes (PDF, xlsx, zip): `.buffer(true).parse(binary)`. */
export function binary(res: Stream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** `cases/1` is `/api/v1/cases/1`; `/health` stays as it is. */
export const apiPath = (path: string): string => (path.startsWith('/') ? path : `/api/v1/${path}`);

/** The Authorization header of a user of the test app (the app caches each user's token). */
export async function bearer(t: TestApp, username: string): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await t.token(username)}` };
}

export interface ApiClient {
  /** The bearer header of `username` (default: the client's user). */
  auth(username?: string): Promise<{ Authorization: string }>;
  get(username: string, path: string): Promise<Response>;
  post(username: string, path: string, body?: object): Promise<Response>;
  put(username: string, path: string, body?: object): Promise<Response>;
  patch(username: string, path: string, body?: object): Promise<Response>;
  delete(username: string, path: string): Promise<Response>;
}

/**
 * A client of the app, or of the app a spec's `beforeAll` sets later (`apiClient(() => t)`): calls read it
 * when they run. `user` is who `auth()` speaks for when no username is given.
 */
export function apiClient(app: TestApp | (() => TestApp), options: { user?: string } = {}): ApiClient {
  const t = () => (typeof app === 'function' ? app() : app);
  const auth = (username = options.user) => {
    if (!username) throw new Error('apiClient: auth() without a username needs the client’s default user');
    return bearer(t(), username);
  };
  const withBody =
    (method: 'post' | 'put' | 'patch') =>
    async (username: string, path: string, body: object = {}) => {
      const request = t().http()[method](apiPath(path));
      return request.set(await auth(username)).send(body);
    };
  return {
    auth,
    get: async (username, path) =>
      t()
        .http()
        .get(apiPath(path))
        .set(await auth(username)),
    post: withBody('post'),
    put: withBody('put'),
    patch: withBody('patch'),
    delete: async (username, path) =>
      t()
        .http()
        .delete(apiPath(path))
        .set(await auth(username)),
  };
}
