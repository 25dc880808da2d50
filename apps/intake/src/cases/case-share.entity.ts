import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case shared with another staff member, who may then see and work on it. */
@Entity({ name: 'case_share' })
export class CaseShare {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ name: 'staff_id', type: 'text' })
  staffId: string;

  @Column({ name: 'shared_by', type: 'text' })
  sharedBy: string;

  @Column({ name: 'shared_at', type: 'timestamptz', default: () => 'now()' })
  sharedAt: Date;
}
