import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles.js';

/** A local account (agencies without an identity provider). */
@Entity({ name: 'staff_account' })
export class StaffAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
