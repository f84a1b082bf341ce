// The former AuthService, split into CredentialsService (credentials.service.ts) and SessionTokensService
// (session-tokens.service.ts). Only src/auth/guards.ts still imports this name, while the permissions work
// (issue 34, item 2) has that file open; it moves to SessionTokensService when that lands, and this file goes.
export { SessionTokensService as AuthService } from './session-tokens.service.js';
