import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediationModule } from '../mediation/mediation.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { TrialModule } from '../trial/trial.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AttachmentStore, PostgresAttachmentStore } from './attachment-store.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CaseAttachmentsService } from './case-attachments.service.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { CaseFileController } from './casefile.controller.js';
import { CasefileQueries } from './casefile-queries.js';
import { FilePackageController } from './file-package.controller.js';
import { FilePackageService } from './file-package.service.js';
import { requestFilePackage } from './file-package-ready.js';
import { FilePackageBuilder } from './file-package-builder.js';
import { FilePackageStateService } from './file-package-state.service.js';
import { CaseFilePackage } from './case-file-package.entity.js';
import { Clock } from '../common/clock.js';
import { TransferRecords } from '../cases/file-package-link.js';

/** The case file (卷宗材料): attachments in the attachment store, and the documents printed from the case. */
@Module({
  // The documents issued by their own modules go into the file package as they print them.
  imports: [
    TypeOrmModule.forFeature([CaseAttachment, CaseFilePackage]),
    ReferralModule,
    MediationModule,
    TrialModule,
    NotificationsModule,
  ],
  controllers: [CaseFileController, FilePackageController],
  providers: [
    CasefileQueries,
    CaseAttachmentsService,
    CaseDocumentsService,
    FilePackageService,
    FilePackageBuilder,
    FilePackageStateService,
    { provide: AttachmentStore, useClass: PostgresAttachmentStore },
  ],
  exports: [
    CaseAttachmentsService,
    CaseDocumentsService,
    FilePackageService,
    FilePackageBuilder,
    FilePackageStateService,
  ],
})
export class CaseFileModule implements OnModuleInit {
  constructor(
    private readonly transferRecords: TransferRecords,
    private readonly packages: FilePackageService,
    private readonly builder: FilePackageBuilder,
    private readonly clock: Clock,
  ) {}

  /**
   * Each transfer requests the case's electronic file in its transaction (file-package-ready.ts), and has it
   * built once it committed (file-package-builder.ts).
   */
  onModuleInit(): void {
    const deps = { packages: this.packages, clock: this.clock };
    this.transferRecords.register(
      (m, c, event) => requestFilePackage(m, c, event, deps),
      () => this.builder.buildSoon(),
    );
  }
}
