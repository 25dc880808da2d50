import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadRegistry, NodeKeys, verifySignedRegistry, writeBusCredentials } from '@rujukan/messaging';
import { freeFixedPort } from './support/ports.js';
import { waitFor } from './support/wait-for.js';

interface ComposeService {
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  build?: { dockerfile?: string };
  volumes?: string[];
}

/**
 * No Docker engine runs here, so this checks what can go stale without one:
 * every path, script and node the compose file and Dockerfile name exists.
 */
describe('docker files', () => {
  const compose = readFileSync('docker-compose.yml', 'utf8');
  // Parsed as YAML (merge keys resolved), so a file docker compose could not read fails here.
  const services = (parse(compose, { merge: true }) as { services: Record<string, ComposeService> }).services;
  const dockerfile = readFileSync('docker/Dockerfile', 'utf8');

  it('every compiled entry point in docker-compose.yml has its source', () => {
    const entries = Object.values(services)
      .map((s) => s.command?.[0])
      .filter((c): c is string => !!c && c.startsWith('dist/'));
    expect(entries).toEqual(
      expect.arrayContaining(['dist/scripts/bus.js', 'dist/apps/intake/src/main.js', 'dist/apps/reporting/src/main.js']),
    );
    for (const entry of entries)
      expect({ entry, source: existsSync(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')) }).toEqual({ entry, source: true });
  });

  it('every node role has a compose service, and every local file it mounts exists', () => {
    for (const role of ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting']) {
      expect(compose).toMatch(new RegExp(`\\n  ${role}:\\n`));
      expect(existsSync(`apps/${role}/src/main.ts`)).toBe(true);
    }
    const mounts = [...compose.matchAll(/- (\.\/[^:\s]+):/g)].map((m) => m[1]);
    expect(mounts.length).toBeGreaterThanOrEqual(2);
    for (const m of mounts) expect({ m, exists: existsSync(m) }).toEqual({ m, exists: true });
    for (const file of [...compose.matchAll(/dockerfile: (\S+)/g)].map((m) => m[1])) expect(existsSync(file)).toBe(true);
  });

  it('every node service sets the variables a node refuses to start without', () => {
    for (const role of ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting']) {
      const env = services[role].environment ?? {};
      for (const v of ['NODE_ROLE', 'AGENCY_ID', 'DATABASE_URL', 'NATS_URL', 'AUTH_TOKEN_SECRET'])
        expect({ role, v, set: typeof env[v] === 'string' && env[v] !== '' }).toEqual({ role, v, set: true });
      if (role === 'intake') expect(env.STATISTICS_ID_KEY).toMatch(/^\$\{STATISTICS_ID_KEY:\?/);
    }
  });

  it('every node takes its roles from the signed registry, and every file its environment names is in a volume it mounts', () => {
    const volumes = parse(compose, { merge: true }) as { volumes: Record<string, unknown> };
    for (const role of ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting']) {
      const service = services[role];
      const env = service.environment ?? {};
      expect({ role, registry: env.AGENCY_REGISTRY, key: env.AGENCY_REGISTRY_KEY, unsigned: env.AGENCY_REGISTRY_UNSIGNED }).toEqual({
        role,
        registry: expect.stringMatching(/^\//),
        key: expect.stringMatching(/^\//),
        unsigned: undefined,
      });
      const mounts = (service.volumes ?? []).map((v) => v.split(':'));
      for (const name of ['NATS_CREDS', 'NATS_CA', 'AGENCY_REGISTRY', 'AGENCY_REGISTRY_KEY', 'NODE_KEY_FILE', 'ACCESS_RECORD_HEADS_FILE']) {
        const path = env[name];
        const mount = mounts.find(([, target]) => path?.startsWith(`${target}/`));
        expect({ role, name, path, mounted: !!mount }).toEqual({ role, name, path, mounted: true });
        // A named volume must be declared, and something must fill it: a service that mounts it writable.
        const [source] = mount!;
        if (!source.startsWith('.')) {
          expect(Object.keys(volumes.volumes)).toContain(source);
          const writers = Object.values(services).filter((s) =>
            (s.volumes ?? []).some((v) => v.startsWith(`${source}:`) && !v.endsWith(':ro')),
          );
          expect({ source, writers: writers.length > 0 }).toEqual({ source, writers: true });
        }
      }
    }
  });

  it('registry-sign makes every node’s key file and signs its public keys in: the nodes start sealed and signed', () => {
    const command = services['registry-sign'].command ?? [];
    const flag = (name: string) => command[command.indexOf(`--${name}`) + 1];
    expect(command.slice(0, 2)).toEqual(['dist/scripts/registry.js', 'sign-local']);
    expect(services['registry-sign'].volumes).toContain(`node-keys:${flag('node-keys')}`);
    const roles = ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting'];
    const ids = roles.map((role) => services[role].environment!.AGENCY_ID);
    expect(flag('for').split(',').sort()).toEqual([...ids].sort());
    for (const role of roles) {
      const env = services[role].environment!;
      expect({ role, file: env.NODE_KEY_FILE }).toEqual({ role, file: `${flag('node-keys')}/${env.AGENCY_ID}.node-key.json` });
    }

    // The command itself, as the service runs it: the signed registry carries each key file's public keys, and a second
    // run keeps the files (and so the keys every node has pinned).
    const dir = mkdtempSync(join(tmpdir(), 'rujukan-docker-keys-'));
    try {
      const run = () =>
        execFileSync(process.execPath, [
          ...command.map(
            (arg) => ({ '/office': join(dir, 'office'), '/registry': join(dir, 'registry'), '/keys': join(dir, 'keys') })[arg] ?? arg,
          ),
        ]);
      run();
      const first = readFileSync(join(dir, 'keys', `${ids[0]}.node-key.json`), 'utf8');
      run();
      expect(readFileSync(join(dir, 'keys', `${ids[0]}.node-key.json`), 'utf8')).toBe(first);
      const signed = verifySignedRegistry(
        readFileSync(join(dir, 'registry', 'agency-registry.signed.json'), 'utf8'),
        readFileSync(join(dir, 'registry', 'ppa-office.pub.pem'), 'utf8'),
      );
      for (const id of ids) expect(signed.keys[id]).toEqual(NodeKeys.loadOrCreate(join(dir, 'keys', `${id}.node-key.json`)).publicKeys);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no secret has a default value: compose refuses to start until it is set', () => {
    const defaulted = [...compose.matchAll(/\$\{([A-Z_]*(SECRET|KEY|PASSWORD)[A-Z_]*):-/g)].map((m) => m[1]);
    expect(defaulted).toEqual([]);
    expect(compose).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
  });

  it('every agency id in the compose file is in the bus registry', () => {
    const registry = JSON.parse(readFileSync('bus/agencies.json', 'utf8')) as { agencies: Array<{ id: string }> };
    const ids = [...compose.matchAll(/AGENCY_ID: (\S+)/g)].map((m) => m[1]);
    expect(ids).toHaveLength(7);
    for (const id of ids) expect(registry.agencies.map((a) => a.id)).toContain(id);
  });

  it('every path the Dockerfile copies and every npm script it runs exists', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(copies.length).toBeGreaterThan(3);
    for (const c of copies) expect({ c, exists: existsSync(c) }).toEqual({ c, exists: true });
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const s of [...dockerfile.matchAll(/npm run (\S+)/g)].map((m) => m[1])) expect(Object.keys(scripts)).toContain(s);
  });

  it('runs the bus secured: nodes connect over TLS with their own creds, monitoring is not published', () => {
    expect(services.bus.ports).toEqual(['4222:4222']);
    expect(services['bus-credentials'].command?.slice(0, 2)).toEqual(['dist/scripts/bus.js', 'credentials']);
    for (const role of ['intake', 'shelter', 'health', 'rehabilitation', 'legal-aid', 'reintegration', 'reporting']) {
      const env = services[role].environment ?? {};
      expect({ role, url: env.NATS_URL, creds: env.NATS_CREDS, ca: env.NATS_CA }).toEqual({
        role,
        url: 'tls://bus:4222',
        creds: `/bus/${env.AGENCY_ID}.creds`,
        ca: '/bus/tls/ca.pem',
      });
    }
  });

  it("the bus's configuration (docker/nats/nats.conf with the generated one beside it) starts a nats-server", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rujukan-docker-bus-'));
    try {
      const [port, monitor] = [await freeFixedPort(), await freeFixedPort()];
      const out = join(dir, 'etc', 'bus');
      await writeBusCredentials(loadRegistry('bus/agencies.json'), { out, port, monitorPort: monitor, storeDir: join(dir, 'js') });
      copyFileSync('docker/nats/nats.conf', join(dir, 'etc', 'nats.conf'));
      const server = spawn('/usr/sbin/nats-server', ['-c', join(dir, 'etc', 'nats.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      try {
        await waitFor('the server to be ready', () => log.includes('Server is ready') || (server.exitCode !== null && log));
        expect(log).toContain('Server is ready');
        expect(log).toContain('TLS required for client connections');
        expect(log).toContain(`Starting http monitor on 127.0.0.1:${monitor}`);
      } finally {
        server.kill('SIGTERM');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
