/**
 * Subjects this import has written, by every reference a later row may use (id, USCC, person ID hash).
 * Relations and records resolve their ends here first and ask the database only for the rest, which
 * halves the work of the second pass. Bounded: past `max` entries it stops remembering and the database
 * answers.
 */
import type { ProtectedSubjectRef } from '../../domain/schemas/protect.ts';
import type { SubjectWrite } from './prepare.ts';

export interface KnownSubject {
  id: string;
  kind: string;
}

export const refKey = (r: ProtectedSubjectRef) => `${r.by}:${r.value}`;

export class KnownSubjects {
  private readonly byRef = new Map<string, KnownSubject>();
  /** Subjects this import created: nothing else can have tied relationships to them yet. */
  private readonly fresh = new Set<string>();
  /** Relationship keys this import wrote, so a repeated row in the input is not created twice. */
  private readonly relationKeys = new Set<string>();

  constructor(private readonly max = 3_000_000) {}

  get(ref: ProtectedSubjectRef): KnownSubject | undefined {
    return this.byRef.get(refKey(ref));
  }

  set(key: string, subject: KnownSubject): void {
    if (this.byRef.size < this.max) this.byRef.set(key, subject);
  }

  isFresh(id: string): boolean {
    return this.fresh.has(id);
  }

  /**
   * True the first time a relationship key is seen in this import. Past the bound it answers false, so
   * the caller falls back to MERGE rather than risk creating a duplicate it could no longer detect.
   */
  claimRelationKey(key: string): boolean {
    if (this.relationKeys.has(key) || this.relationKeys.size >= this.max) return false;
    this.relationKeys.add(key);
    return true;
  }

  /** Remembers committed subject rows (rows the database rejected must not be passed in). */
  addWritten(rows: SubjectWrite[], createdIds: ReadonlySet<string>): void {
    for (const id of createdIds) if (this.fresh.size < this.max) this.fresh.add(id);
    for (const row of rows) {
      const subject = { id: row.id, kind: String(row.props.kind) };
      this.set(`id:${row.id}`, subject);
      if (typeof row.props.uscc === 'string') this.set(`uscc:${row.props.uscc}`, subject);
      if (typeof row.props.idHash === 'string') this.set(`idHash:${row.props.idHash}`, subject);
    }
  }
}
