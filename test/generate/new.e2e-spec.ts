import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Files } from '../../scripts/generate/files.js';
import { generateHandler } from '../../scripts/generate/handler-generator.js';
import { generateNode } from '../../scripts/generate/node-generator.js';

/**
 * The generator against this checkout, staged in memory only (nothing is
 * written): every file it edits still has the layout it looks for, and it
 * refuses what would break released nodes. docs/extending.md's test runs it
 * for real, builds the result and runs what it wrote.
 */
describe('npm run new', () => {
  it('stages a node: its app, and the role in contracts, the launcher, the test support, the bus registry and compose', () => {
    const files = new Files('.');
    generateNode(files, { role: 'education', agency: 'disdik-tanjungpinang', name: 'Dinas Pendidikan Kota Tanjungpinang' });
    const staged = files.staged();
    expect([...staged.keys()].sort()).toEqual([
      'apps/education/src/education.module.ts',
      'apps/education/src/main.ts',
      'bus/agencies.json',
      'docker-compose.yml',
      'docker/compose.env.example',
      'docker/postgres/init-databases.sh',
      'libs/contracts/src/domain/vocabulary.ts',
      'scripts/network/nodes.ts',
      'test/support/node-modules.ts',
    ]);
    expect(staged.get('scripts/network/nodes.ts')).toMatch(/'reporting', 'education'\] as const;[\s\S]*education: 3008,\n\};/);
    expect(staged.get('libs/contracts/src/domain/vocabulary.ts')).toContain("'reporting', 'education'] as const;");
    const registry = JSON.parse(staged.get('bus/agencies.json')!) as { agencies: Array<{ id: string; node: string }> };
    expect(registry.agencies.at(-1)).toMatchObject({ id: 'disdik-tanjungpinang', node: 'education' });
    expect(staged.get('docker-compose.yml')).toContain('NATS_CREDS: /bus/disdik-tanjungpinang.creds');
    expect(existsSync('apps/education')).toBe(false);
  });

  it('stages a use case for a new contract in the node it just made', () => {
    const files = new Files('.');
    generateNode(files, { role: 'education' });
    generateHandler(files, {
      node: 'education',
      pattern: 'school.enrolment-requested.v1',
      from: 'reintegration',
      useCase: 'enrol-in-school',
      reaction: 'enrol',
      aggregate: 'school-enrolment',
    });
    const staged = files.staged();
    expect(staged.get('apps/education/src/education.module.ts')).toMatch(/controllers: \[EnrolWhenSchoolEnrolmentRequested\]/);
    expect(staged.get('apps/education/src/education.module.ts')).toMatch(/providers: \[EnrolInSchoolService, SchoolEnrolmentRepository\]/);
    expect(staged.get('libs/contracts/src/events/school-enrolment-requested.events.ts')).toMatch(
      /senders: \['reintegration'\],\s*receivers: \['education'\]/,
    );
    expect(staged.get('libs/contracts/src/index.ts')).toContain(
      "export { SchoolEnrolmentRequested, SchoolEnrolmentRequestedV1 } from './events/school-enrolment-requested.events.js';",
    );
    expect([...staged.keys()]).toEqual(
      expect.arrayContaining([
        'apps/education/src/enrol-in-school/enrol-when-school-enrolment-requested.event-handler.ts',
        'apps/education/src/enrol-in-school/enrol-in-school.service.ts',
        'apps/education/src/school-enrolment/school-enrolment.repository.ts',
        'apps/education/src/school-enrolment/school-enrolment-row.spec.ts',
        'test/education/enrol-in-school.e2e-spec.ts',
      ]),
    );
  });

  it('refuses what would break released nodes or the network, naming why', () => {
    const node = () => {
      const files = new Files('.');
      generateNode(files, { role: 'education' });
      return files;
    };
    expect(() => generateHandler(node(), { node: 'education', pattern: 'visum.requested.v1', from: 'legal-aid' })).toThrow(
      'visum.requested.v1 is sent only to health agencies: a new receiver would break released nodes; define visum.requested.v2 beside it',
    );
    expect(() => generateHandler(new Files('.'), { node: 'health', pattern: 'visum.requested.v1', from: 'legal-aid' })).toThrow(
      /handles visum\.requested\.v1 already/,
    );
    expect(() => generateHandler(node(), { node: 'education', pattern: 'referral.status-changed.v1', from: 'intake' })).toThrow(
      /is a broadcast/,
    );
    expect(() => generateHandler(node(), { node: 'education', pattern: 'school.enrolled', from: 'intake' })).toThrow(
      /<area>\.<event>\.v<N>/,
    );
    expect(() => generateNode(new Files('.'), { role: 'shelter' })).toThrow('apps/shelter exists already');
    expect(() => generateNode(new Files('.'), { role: 'education', agency: 'all' })).toThrow(/broadcast address/);
    expect(() => generateNode(new Files('.'), { role: 'Education' })).toThrow(/lower case/);
  });
});
