import { it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { suppress } from './suppress.js';
import { cityYear } from './zz-fixture.js';

it('scratch', () => {
  const [seed, d, n] = (process.env.SCR ?? '20240611,6,220').split(',').map(Number);
  const micro = cityYear(seed, d, n);
  const t0 = Date.now();
  const full = suppress(micro.atoms, micro.cells, { linearOnly: process.env.LIN === "1" });
  console.log('ms', Date.now() - t0, 'cells', micro.cells.length, 'primary', full.primary.size, 'comp', full.complementary.size, 'unprot', full.unprotected.size);
  const dump = (r: typeof full) => ({ published: [...r.published], primary: [...r.primary], complementary: [...r.complementary], unprotected: [...r.unprotected] });
  writeFileSync('/tmp/scratch/inst.json', JSON.stringify({ atoms: micro.atoms, cells: micro.cells, full: dump(full) }));
});
