// The benchmark's courts: Beijing's basic-level courts (法院代字 京01xx), one per district.

export interface BenchCourt {
  code: string;
  name: string;
  district: string;
  population: number;
}

export const BENCH_COURTS: BenchCourt[] = [
  { code: '京0105', name: '北京市朝阳区人民法院', district: '朝阳区', population: 3_446_000 },
  { code: '京0108', name: '北京市海淀区人民法院', district: '海淀区', population: 3_133_000 },
  { code: '京0106', name: '北京市丰台区人民法院', district: '丰台区', population: 2_019_000 },
  { code: '京0102', name: '北京市西城区人民法院', district: '西城区', population: 1_106_000 },
  { code: '京0101', name: '北京市东城区人民法院', district: '东城区', population: 704_000 },
  { code: '京0112', name: '北京市通州区人民法院', district: '通州区', population: 1_846_000 },
  { code: '京0114', name: '北京市昌平区人民法院', district: '昌平区', population: 2_269_000 },
  { code: '京0115', name: '北京市大兴区人民法院', district: '大兴区', population: 1_993_000 },
  { code: '京0113', name: '北京市顺义区人民法院', district: '顺义区', population: 1_325_000 },
  { code: '京0111', name: '北京市房山区人民法院', district: '房山区', population: 1_313_000 },
  { code: '京0107', name: '北京市石景山区人民法院', district: '石景山区', population: 567_000 },
  { code: '京0109', name: '北京市门头沟区人民法院', district: '门头沟区', population: 396_000 },
];

/** Usernames of a court's staff start with this (b0105_clerk, b0105_mediator7...). */
export function usernamePrefix(court: BenchCourt): string {
  return `b${court.code.slice(1)}_`;
}

/** The six-digit administrative area code in identity numbers (京0105 → 110105). */
export function areaCode(court: BenchCourt): string {
  return `11${court.code.slice(1)}`;
}
