import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles.js';

/** A staff account: local (a password of its own), or linked to the identity provider's issuer and subject. */
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

  /** Null for an account of the identity provider (it signs in there only). */
  @Column({ name: 'password_hash', type: 'text', select: false, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'oidc_issuer', type: 'text', nullable: true, select: false })
  oidcIssuer: string | null;

  @Column({ name: 'oidc_subject', type: 'text', nullable: true, select: false })
  oidcSubject: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Set while the account is disabled: no sign-in, and its tokens are refused. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Raised by a disable, role change or new password: every token issued before is refused from the next call. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** A one-time password (set by a reset): the next sign-in must choose a new one. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** The TOTP secret (base32), once the holder confirmed it with a code. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  /** A secret offered for enrolment, not yet confirmed. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true, select: false })
  totpPendingSecret: string | null;

  /** The last 30-second step a code was accepted for: that code and older ones are refused. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;
}

/** What the API shows of an account (never a hash or a secret). */
export interface StaffAccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  disabled: boolean;
  secondFactor: boolean;
  mustChangePassword: boolean;
}
