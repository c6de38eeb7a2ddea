/**
 * Normalised contact keys, so "Room 1, No. 5 Road" and "room1,no.5road" meet: addresses lose case, spaces and
 * punctuation; phones keep digits only (a leading 86/0086 country code dropped); e-mails lose case and spaces.
 */
import type { ContactKind } from '../../domain/vocabulary.ts';

export function normaliseContact(kind: ContactKind, value: string): string {
  if (kind === 'phone') {
    let d = value.replace(/\D+/g, '');
    if (d.startsWith('0086')) d = d.slice(4);
    else if (d.startsWith('86') && d.length === 13) d = d.slice(2);
    return d;
  }
  if (kind === 'email') return value.trim().toLowerCase();
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
