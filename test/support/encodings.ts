/**
 * A secret as it could sit in a dump or a file: plain, hex, or base64 at any
 * of the three byte alignments (only the base64 characters that depend on the
 * secret's bytes alone, not its neighbours'). A text holding none of them holds nothing of it.
 */
export function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms = [secret, bytes.toString('hex')];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes, Buffer.alloc(3)]).toString('base64');
    forms.push(b64.slice(4, -8));
  }
  return forms;
}
