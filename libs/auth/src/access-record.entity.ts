import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who touched which record, when, how and from where. */
@Entity({ name: 'access_record' })
export class AccessRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'staff_id', type: 'text' })
  staffId: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  resource: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId: string | null;

  /** METHOD path, as routed (never the body or query). */
  @Column({ type: 'text' })
  route: string;

  @Column({ name: 'from_address', type: 'text', nullable: true })
  fromAddress: string | null;

  /** The record is not hers (a supervisor reading a case worker's case). */
  @Column({ name: 'not_owner', type: 'boolean', default: false })
  notOwner: boolean;

  /** allowed, denied, or failed (the handler answered an error). */
  @Column({ type: 'text' })
  outcome: string;

  /** Position in the chain; set by the database under the chain's lock (never by the node). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  /** The previous row's hash (set by the database). */
  @Column({ name: 'prev_hash', type: 'text', insert: false, update: false })
  prevHash: string;

  /** sha256 over this row's content and `prevHash` (set by the database; see accessRecordDigest). */
  @Column({ type: 'text', insert: false, update: false })
  hash: string;
}
