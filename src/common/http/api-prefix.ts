/** Every JSON API route lives under this prefix; pages and /health do not. */
export const API = 'api/v1';
