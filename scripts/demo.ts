/**
 * npm run demo: drives a few realistic cases through a running network
 * (npm start) and prints where to look. Names are invented.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const INTAKE = process.env.INTAKE_URL ?? 'http://127.0.0.1:3001';
const SHELTER = process.env.SHELTER_URL ?? 'http://127.0.0.1:3002';
const HEALTH = process.env.HEALTH_URL ?? 'http://127.0.0.1:3003';
const REPORTING = process.env.REPORTING_URL ?? 'http://127.0.0.1:3007';

const accountsFile = resolve(process.env.DATA_DIR ?? '.data', `demo-accounts.${process.env.DATABASE_PREFIX ?? 'rujukan'}.json`);
const tokens = new Map<string, string>();

/** Signs in as the trial account `username` of the node at `base`. */
async function signIn(node: string, base: string, username: string): Promise<void> {
  const accounts = JSON.parse(readFileSync(accountsFile, 'utf8')) as Record<string, Array<{ username: string; password: string }>>;
  const account = accounts[node].find((a) => a.username === username)!;
  const res = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  if (!res.ok) throw new Error(`sign-in at ${node} answered ${res.status}`);
  tokens.set(base, ((await res.json()) as { accessToken: string }).accessToken);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the demo reads HTTP answers as they come
async function call<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const base = [...tokens.keys()].find((b) => url.startsWith(b));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (base) headers.authorization = `Bearer ${tokens.get(base)}`;
  const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function main(): Promise<void> {
  await signIn('intake', INTAKE, 'pendamping');
  await signIn('shelter', SHELTER, 'pendamping');
  await signIn('health', HEALTH, 'pendamping');
  await signIn('reporting', REPORTING, 'analis');
  // Refer to the agencies of the nodes it watches: the directory may hold others of the same role (npm start adds a second health agency).
  const shelter = (await call<{ agency: string }>('GET', `${SHELTER}/health`)).agency;
  const health = (await call<{ agency: string }>('GET', `${HEALTH}/health`)).agency;

  // 1. Two women deported from Malaysia, met by BP3MI at Tanjungpinang's port.
  const tppo = await call('POST', `${INTAKE}/cases`, {
    channel: 'bp3mi-arrival',
    kind: 'trafficking',
    riskLevel: 'high',
    district: 'Kota Tanjungpinang',
    incident: {
      violenceTypes: ['trafficking', 'exploitation'],
      place: 'workplace',
      perpetratorRelation: 'employer',
      narrative: 'Recruited for a restaurant job; passports held; unpaid.',
    },
    victims: [
      {
        name: 'Rina (contoh)',
        sex: 'female',
        ageYears: 23,
        district: 'Kabupaten Lombok Timur',
        consent: { services: true, statistics: true },
      },
      {
        name: 'Sari (contoh)',
        sex: 'female',
        ageYears: 17,
        district: 'Kabupaten Lombok Timur',
        safetyNotes: 'Recruiter has her phone number',
        consent: { services: true, statistics: true },
      },
    ],
  });
  // 2. A child reported through the SAPA 129 hotline.
  await call('POST', `${INTAKE}/cases`, {
    channel: 'hotline',
    kind: 'violence-against-children',
    riskLevel: 'high',
    district: 'Kota Tanjungpinang',
    incident: { violenceTypes: ['sexual'], place: 'household', perpetratorRelation: 'family' },
    victims: [
      {
        name: 'Anak (contoh)',
        sex: 'female',
        birthDate: '2015-04-02',
        district: 'Kota Tanjungpinang',
        consent: { services: true, statistics: true },
      },
    ],
  });
  // 3. A walk-in complaint of domestic violence, no consent to statistics.
  await call('POST', `${INTAKE}/cases`, {
    channel: 'walk-in',
    kind: 'violence-against-women',
    riskLevel: 'medium',
    district: 'Kota Tanjungpinang',
    incident: { violenceTypes: ['physical', 'psychological'], place: 'household', perpetratorRelation: 'spouse' },
    victims: [
      { name: 'Ibu (contoh)', sex: 'female', ageYears: 34, district: 'Kota Tanjungpinang', consent: { services: true, statistics: false } },
    ],
  });

  const [rina, sari] = tppo.victims;
  const toShelter = await call('POST', `${INTAKE}/cases/${tppo.id}/referrals`, {
    victimId: sari.id,
    service: 'shelter',
    agencyId: shelter,
    requestNotes: 'Minor; needs a safe place tonight',
  });
  const toHealth = await call('POST', `${INTAKE}/cases/${tppo.id}/referrals`, { victimId: rina.id, service: 'health', agencyId: health });

  await until('the shelter to receive the referral', async () => {
    const list: Array<{ referralId: string }> = await call('GET', `${SHELTER}/referrals?state=requested`);
    return list.find((r) => r.referralId === toShelter.id);
  });
  const admission = await call('POST', `${SHELTER}/referrals/${toShelter.id}/admit`, { safetyPlan: 'No visitors; phone kept by staff' });
  await call('POST', `${SHELTER}/admissions/${admission.id}/discharge`, {
    destination: 'repatriation',
    note: 'Stayed 5 nights; handed to BP3MI escort',
  });

  await until('the hospital to receive its referral', async () => {
    const list: Array<{ referralId: string }> = await call('GET', `${HEALTH}/referrals`);
    return list.find((r) => r.referralId === toHealth.id);
  });
  await call('POST', `${HEALTH}/referrals/${toHealth.id}/accept`);

  const view = await until('intake to see the shelter referral completed', async () => {
    const c = await call('GET', `${INTAKE}/cases/${tppo.id}`);
    return c.referrals.find((r: { id: string; state: string }) => r.id === toShelter.id)?.state === 'completed' ? c : undefined;
  });
  console.log(`Trafficking case ${tppo.id}:`);
  for (const r of view.referrals)
    console.log(`  referral to ${r.agencyId} for ${r.service}: ${r.state}${r.outcomeNote ? ` (${r.outcomeNote})` : ''}`);
  const stats = await until('reporting to count the cases', async () => {
    const s = await call('GET', `${REPORTING}/statistics/cases`);
    // Two of the three: under the consent policy (the default) the third victim's refusal leaves her case out.
    return s.cases >= 2 ? s : undefined;
  });
  console.log('\nReporting (de-identified):', JSON.stringify(stats, null, 2));
  console.log(`\nLook at (with a bearer token: README, "Run the whole network"):
  ${INTAKE}/cases/${tppo.id}        the case, its victims and each referral's status
  ${SHELTER}/admissions               the shelter's admissions
  ${REPORTING}/statistics/cases       counts by violence type, sex, age band
  ${REPORTING}/statistics/referrals   referrals by service and status`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
