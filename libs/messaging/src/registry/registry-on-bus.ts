import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';

/**
 * The bus's copy of the signed agency registry: a key-value bucket beside the
 * network's stream holding one entry. The bus team puts there what the PPA
 * office signed; every node reads it and verifies the signature itself, so
 * whoever runs the bus can withhold an update but not change one (an older
 * version is refused too).
 */
export function registryBucket(stream: string): string {
  return `${stream}_REGISTRY`;
}

/** The one key the signed registry is kept under. */
export const REGISTRY_KEY = 'signed';

/** Reads the bus's copy (undefined when none was published yet). Needs only read access to the bucket. */
export async function readRegistryFromBus(nc: NatsConnection, stream: string): Promise<string | undefined> {
  const kv = await new Kvm(nc).open(registryBucket(stream));
  const entry = await kv.get(REGISTRY_KEY);
  return entry && entry.operation === 'PUT' ? entry.string() : undefined;
}

/** Puts a signed registry on the bus (the bus team's credentials); returns the entry's revision. */
export async function publishRegistryToBus(nc: NatsConnection, stream: string, signedText: string): Promise<number> {
  const kv = await new Kvm(nc).open(registryBucket(stream));
  return kv.put(REGISTRY_KEY, signedText);
}
