import { Global, Module } from '@nestjs/common';
import { DocumentRenderer } from './document-renderer.service.js';

/** The document renderer (a bounded worker pool), for every module that prints a PDF. */
@Global()
@Module({
  providers: [DocumentRenderer],
  exports: [DocumentRenderer],
})
export class DocumentsModule {}
