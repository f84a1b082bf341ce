import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import type { Actor } from '../common/actor.js';
import { CredentialsService } from './credentials.service.js';
import type { LoginClient } from './session-tokens.service.js';

/** Where a request comes from, for the history of a login (the address through trusted proxies only). */
export const loginClientOf = (request: FastifyRequest): LoginClient => ({
  clientAddress: request.ip,
  requestId: String(request.id),
});

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<Actor> {
    return this.credentials.verifyCredentials(username, password, loginClientOf(request));
  }
}
