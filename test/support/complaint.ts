import { randomBytes } from 'node:crypto';

/**
 * A walk-in complaint of domestic violence with one adult woman who consents
 * to services and statistics: the body of `POST /cases` that tests start from.
 * `overrides` replace fields of the case, `victim` fields of its one victim.
 */
export function walkInComplaint(overrides: Record<string, unknown> = {}, victim: Record<string, unknown> = {}) {
  return {
    channel: 'walk-in',
    kind: 'violence-against-women',
    riskLevel: 'medium',
    district: 'Kota Tanjungpinang',
    incident: { violenceTypes: ['physical'], place: 'household' },
    victims: [
      {
        name: `Korban ${randomBytes(6).toString('hex')}`,
        sex: 'female',
        ageYears: 30,
        district: 'Kota Tanjungpinang',
        consent: { services: true, statistics: true },
        ...victim,
      },
    ],
    ...overrides,
  };
}
