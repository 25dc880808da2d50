import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from './roles.js';

/** own: hers (assigned, shared, or open to her); other: exists, someone else's; missing: no such record. */
export type Ownership = 'own' | 'other' | 'missing';
export type OwnershipResolver = (manager: EntityManager, id: string, principal: Principal) => Promise<Ownership>;

/** Each node registers how to tell whose a record is, per resource kind. */
@Injectable()
export class OwnershipRegistry {
  private readonly resolvers = new Map<string, OwnershipResolver>();

  register(resource: string, resolver: OwnershipResolver): void {
    this.resolvers.set(resource, resolver);
  }

  get(resource: string): OwnershipResolver | undefined {
    return this.resolvers.get(resource);
  }
}
