import type { AgeBand, CaseKind, ComplaintChannel, ServiceType, Sex, ViolenceType } from './vocabulary.js';

/** Words users see, in Bahasa Indonesia: one place, so reports and UIs agree. */
export const LABELS_ID = {
  sex: { female: 'Perempuan', male: 'Laki-laki' } satisfies Record<Sex, string>,
  violenceType: {
    physical: 'Fisik',
    psychological: 'Psikis',
    sexual: 'Seksual',
    exploitation: 'Eksploitasi',
    trafficking: 'Perdagangan orang (TPPO)',
    neglect: 'Penelantaran',
    other: 'Lainnya',
  } satisfies Record<ViolenceType, string>,
  caseKind: {
    'violence-against-women': 'Kekerasan terhadap perempuan',
    'violence-against-children': 'Kekerasan terhadap anak',
    trafficking: 'Tindak pidana perdagangan orang',
    'child-in-conflict-with-law': 'Anak berhadapan dengan hukum (pelaku)',
    'child-marriage': 'Perkawinan anak',
  } satisfies Record<CaseKind, string>,
  channel: {
    'walk-in': 'Datang langsung',
    hotline: 'Hotline (SAPA 129)',
    police: 'Rujukan kepolisian',
    'bp3mi-arrival': 'Kedatangan deportasi (BP3MI)',
    outreach: 'Penjangkauan',
    online: 'Pengaduan daring',
  } satisfies Record<ComplaintChannel, string>,
  service: {
    shelter: 'Penampungan sementara',
    health: 'Layanan kesehatan',
    'social-rehabilitation': 'Rehabilitasi sosial',
    'spiritual-guidance': 'Bimbingan rohani',
    'law-enforcement': 'Penegakan hukum',
    'legal-aid': 'Bantuan hukum',
    repatriation: 'Pemulangan',
    'social-reintegration': 'Reintegrasi sosial',
  } satisfies Record<ServiceType, string>,
  ageBand: {
    '0-5': '0-5 tahun',
    '6-12': '6-12 tahun',
    '13-17': '13-17 tahun',
    '18-24': '18-24 tahun',
    '25-44': '25-44 tahun',
    '45-59': '45-59 tahun',
    '60+': '60 tahun ke atas',
  } satisfies Record<AgeBand, string>,
};
