import {
  mediatorCreateBody,
  mediatorUpdateBody,
  organizationUpdateBody,
  readMediatorForm,
  readOrganizationForm,
  splitRegions,
  withoutUndefined,
} from './roster-form.js';

describe('roster forms', () => {
  const mediatorFields = {
    name: ' 钱调解 ',
    type: 'PART_TIME',
    organizationId: 'org-1',
    userId: '',
    specialties: ['劳动争议', '民间借贷纠纷'],
    regions: '朝阳区、望京街道\n建国路',
    capacity: '12',
    activeFrom: '',
    activeUntil: '',
    phone: '',
    active: 'false',
    version: '3',
  };

  it('splits regions typed one per line or separated by Chinese or Latin commas', () => {
    expect(splitRegions('朝阳区、望京街道\n 建国路 ,，酒仙桥;;')).toEqual(['朝阳区', '望京街道', '建国路', '酒仙桥']);
    expect(splitRegions('  ')).toEqual([]);
  });

  it('makes a create body: numbers as numbers, blank optional fields left out', () => {
    const body = withoutUndefined(mediatorCreateBody(readMediatorForm(mediatorFields)));
    expect(body).toEqual({
      name: '钱调解',
      type: 'PART_TIME',
      organizationId: 'org-1',
      specialties: ['劳动争议', '民间借贷纠纷'],
      regions: ['朝阳区', '望京街道', '建国路'],
      capacity: 12,
      active: false,
    });
  });

  it('makes an update body where a cleared optional field is removed (null), as PATCH takes it', () => {
    const body = mediatorUpdateBody(readMediatorForm(mediatorFields));
    expect(body).toMatchObject({ userId: null, activeUntil: null, phone: null, version: 3 });
    expect(withoutUndefined(body)).not.toHaveProperty('activeFrom');
  });

  it('passes a capacity that is not a whole number on as typed, for the DTO to name the problem', () => {
    expect(mediatorCreateBody(readMediatorForm({ ...mediatorFields, capacity: '3.5' })).capacity).toBe('3.5');
  });

  it('reads one checked specialty as a list, and no specialty as an empty list', () => {
    expect(readMediatorForm({ ...mediatorFields, specialties: '劳动争议' }).specialties).toEqual(['劳动争议']);
    expect(readMediatorForm({ ...mediatorFields, specialties: undefined }).specialties).toEqual([]);
  });

  it('keeps an organization active unless "false" was chosen, and clears its contact when emptied', () => {
    const form = readOrganizationForm({ name: '调委会', kind: 'INDUSTRY', contactPerson: '', version: '2' });
    expect(form.active).toBe(true);
    expect(organizationUpdateBody(form)).toMatchObject({ contactPerson: null, contactPhone: null, version: 2 });
  });
});
