// The demo court's roster: one organization and a roster entry for the `mediator`
// user covering every configured case type, so a demo case can be assigned at once.
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate } from '../common/china-time.js';
import { registerDemoExtension, type SeededCourt } from '../demo/demo-seed.js';
import { caseTypeNames } from '../cases/case-types.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { Mediator } from './mediator.entity.js';
import { mediatorSnapshot, organizationSnapshot } from './roster-view.js';

export async function seedDemoRoster(dataSource: DataSource, seeded: SeededCourt): Promise<void> {
  const audit = new AuditService(dataSource);
  await dataSource.transaction(async (m) => {
    const organization = await m.save(
      m.create(MediationOrganization, {
        courtId: seeded.court.id,
        name: '朝阳区人民调解委员会驻朝阳法院诉非联动服务站',
        kind: 'LITIGATION_LINKAGE_STATION',
        registrationNumber: '京朝人调备〔2026〕001号',
        region: '北京市朝阳区',
        contactPerson: '王主任',
        contactPhone: '010-65001234',
      }),
    );
    const mediator = await m.save(
      m.create(Mediator, {
        courtId: seeded.court.id,
        organizationId: organization.id,
        userId: seeded.users.mediator.id,
        name: seeded.users.mediator.displayName,
        type: 'FULL_TIME',
        specialties: caseTypeNames(),
        regions: ['朝阳区', '望京', '建国路'],
        capacity: 30,
        // The court row's creation (database time) stands for "today" of the seed.
        activeFrom: chinaDate(seeded.court.createdAt),
        phone: '13900139000',
      }),
    );
    const entry = { courtId: seeded.court.id };
    await audit.record(m, null, {
      ...entry,
      subjectType: 'MEDIATION_ORGANIZATION',
      subjectId: organization.id,
      action: 'ORGANIZATION_CREATED',
      after: organizationSnapshot(organization),
    });
    await audit.record(m, null, {
      ...entry,
      subjectType: 'MEDIATOR',
      subjectId: mediator.id,
      action: 'MEDIATOR_CREATED',
      after: mediatorSnapshot(mediator),
    });
  });
}

registerDemoExtension(seedDemoRoster);
