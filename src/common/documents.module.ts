import { Module, type DynamicModule } from '@nestjs/common';
import {
  DEFAULT_DOCUMENT_POOL,
  DOCUMENT_POOL,
  DocumentRenderer,
  type DocumentPoolOptions,
} from './document-renderer.js';

/** The document renderer (a bounded pool of worker threads), for every module that prints a PDF. */
@Module({})
export class DocumentsModule {
  static forRoot(pool: DocumentPoolOptions = DEFAULT_DOCUMENT_POOL): DynamicModule {
    return {
      module: DocumentsModule,
      global: true,
      providers: [{ provide: DOCUMENT_POOL, useValue: pool }, DocumentRenderer],
      exports: [DocumentRenderer],
    };
  }
}
