import { Global, Module } from '@nestjs/common';
import { IdempotencyQueries } from './idempotency-queries.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency.store.js';

/** Global: any controller may use `@Idempotent()`. Imported once by AppModule. */
@Global()
@Module({
  providers: [IdempotencyQueries, IdempotencyStore, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
