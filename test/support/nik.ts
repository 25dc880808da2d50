import { randomInt } from 'node:crypto';

/**
 * A well-formed NIK for a test person (Kota Tanjungpinang, Kepulauan Riau:
 * province 21, city 72) that agrees with her sex and birth date: women have
 * 40 added to the birth day. Random district and serial keep runs apart.
 */
export function testNik(sex: 'female' | 'male', birthDate?: string): string {
  const [y, m, d] = birthDate ? birthDate.split('-').map(Number) : [1990 + randomInt(0, 20), randomInt(1, 13), randomInt(1, 29)];
  const day = d + (sex === 'female' ? 40 : 0);
  const two = (n: number) => String(n).padStart(2, '0');
  return `2172${two(randomInt(1, 10))}${two(day)}${two(m)}${two(y % 100)}${String(randomInt(1, 10000)).padStart(4, '0')}`;
}
