import { AckPolicy, DeliverPolicy, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { BROADCAST, broadcastFilter, parseSubject } from '@rujukan/contracts';
import { consumerNames } from '../messaging.config.js';
import type { BusRegistry } from './bus-registry.js';
import { oldLayout, provisionBus, type ProvisionReport } from './provision-bus.js';

export interface MigrationReport {
  /** Whether this run narrowed the network's stream to the broadcasts (false: an earlier run had). */
  narrowed: boolean;
  provision: ProvisionReport;
  /** Per agency whose old inbox consumer was still on the network's stream: what it had not acknowledged, copied over. */
  moved: Array<{ agency: string; fromSeq: number; copied: number }>;
  /** Addressed events left in the network's stream, removed once every undelivered one was copied. */
  purged: number;
}

/**
 * Moves a bus laid out the old way (one stream for every subject under the prefix) to the layout of
 * `provisionBus`: the network's stream keeps only the broadcasts, each agency's addressed events get a stream of
 * their own (docs/messaging.md "Streams"). Nothing undelivered is lost, and it may be stopped and run again:
 *
 * 1. The network's stream stops taking addressed events: from here until each agency's stream exists, a sender's
 *    publish finds no stream and the event waits in its outbox, which retries.
 * 2. Provisioning makes the agencies' streams and their inbox consumers there (and the buckets, as always).
 * 3. Per agency whose inbox consumer still sits on the network's stream: every addressed event above that
 *    consumer's acknowledged floor is copied, in order and with its headers, to the agency's stream; then the old
 *    consumers are deleted. A node on this release finds its consumer there by itself; its inbox makes an event it
 *    had already applied a no-op, so a copy too many is harmless and a copy too few cannot happen.
 * 4. The addressed events left in the network's stream are purged.
 *
 * The backups' consumer floors refer to the old stream: take a new backup of every node afterwards.
 */
export async function migrateStreams(
  jsm: JetStreamManager,
  registry: BusRegistry,
  options: { log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const log = options.log ?? (() => undefined);
  const { stream, prefix } = registry.network;
  const old = await oldLayout(jsm, registry);
  if (old) {
    await jsm.streams.update(stream, { subjects: [broadcastFilter(prefix)] });
    log(`stream ${stream}: now takes only broadcasts (was ${old.join(', ')}); addressed events wait in the outboxes`);
  }
  const provision = await provisionBus(jsm, registry);
  for (const s of provision.streams.slice(1)) log(`stream ${s.name}: ${s.action} (subjects ${s.subjects.join(', ')})`);

  // Where each old inbox consumer stood: everything above its acknowledged floor is copied.
  const floors = new Map<string, number>();
  for (const agency of registry.agencies) {
    const consumer = await jsm.consumers.info(stream, consumerNames(agency.id).inbox).catch((err: { name?: string }) => {
      if (err.name === 'ConsumerNotFoundError') return undefined;
      throw err;
    });
    if (consumer) floors.set(agency.id, consumer.ack_floor.stream_seq);
  }
  const copied = await copyAddressed(jsm, registry, floors);
  const moved: MigrationReport['moved'] = [];
  for (const [agency, floor] of floors) {
    const name = consumerNames(agency).inbox;
    await jsm.consumers.delete(stream, name);
    moved.push({ agency, fromSeq: floor + 1, copied: copied.get(agency) ?? 0 });
    log(
      `agency ${agency}: ${copied.get(agency) ?? 0} event(s) from sequence ${floor + 1} copied to its stream; ${name} removed from ${stream}`,
    );
  }

  // What is left under addressed subjects: events already acknowledged, and any to an agency no longer registered.
  const info = await jsm.streams.info(stream, { subjects_filter: `${prefix}.>` });
  let purged = 0;
  for (const subject of Object.keys(info.state.subjects ?? {})) {
    if (parseSubject(prefix, subject)?.to === BROADCAST) continue;
    purged += (await jsm.streams.purge(stream, { filter: subject })).purged;
  }
  if (purged) log(`stream ${stream}: ${purged} addressed event(s) purged`);
  return { narrowed: old !== undefined, provision, moved, purged };
}

/**
 * Copies, in the network stream's order and with their headers and message ids, the addressed events each agency's
 * old inbox consumer had not acknowledged (above its floor, up to the stream's last sequence of the moment) to
 * wherever their subjects are captured now: the agencies' streams. Read through a consumer of its own without a
 * filter (the stream no longer takes addressed subjects, so no filter on one would be accepted), removed at the end.
 */
async function copyAddressed(jsm: JetStreamManager, registry: BusRegistry, floors: Map<string, number>): Promise<Map<string, number>> {
  const { stream, prefix } = registry.network;
  const copied = new Map<string, number>();
  if (!floors.size) return copied;
  const js = jsm.jetstream();
  const last = (await jsm.streams.info(stream)).state.last_seq;
  const fromSeq = Math.min(...floors.values()) + 1;
  if (fromSeq > last) return copied;
  const reader = 'migrate-streams';
  await jsm.consumers.delete(stream, reader).catch(() => undefined); // left by an interrupted run
  await jsm.consumers.add(stream, {
    durable_name: reader,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSeq,
    inactive_threshold: nanos(10 * 60 * 1000),
  });
  try {
    const consumer = await js.consumers.get(stream, reader);
    let done = false;
    while (!done) {
      const batch: JsMsg[] = [];
      for await (const m of await consumer.fetch({ max_messages: 500, expires: 2000 })) {
        if (m.seq > last) break;
        batch.push(m);
        if (m.seq === last) break;
      }
      done = !batch.length || batch[batch.length - 1].seq >= last;
      const wanted = batch.filter((m) => {
        const to = parseSubject(prefix, m.subject)?.to;
        const floor = to === undefined ? undefined : floors.get(to);
        return floor !== undefined && m.seq > floor;
      });
      // Published in order, a window at a time; a failed window fails the run, and running it again copies anew.
      await Promise.all(
        wanted.map((m) =>
          js.publish(m.subject, m.data, { headers: m.headers, msgID: m.headers?.get('Nats-Msg-Id') || `${stream}:${m.seq}` }),
        ),
      );
      for (const m of wanted) {
        const to = parseSubject(prefix, m.subject)!.to;
        copied.set(to, (copied.get(to) ?? 0) + 1);
      }
    }
  } finally {
    await jsm.consumers.delete(stream, reader).catch(() => undefined);
  }
  return copied;
}
