/**
 * Deterministic identifier generators for tests, fixtures and benchmarks. They take the random source as an
 * argument so that a seed reproduces a whole synthetic province; nothing here reads a clock or Math.random.
 */
import { addDays, toEpochDay } from '../dates/iso-date.ts';
import { DomainError } from '../errors.ts';
import type { IsoDate } from '../vocabulary.ts';
import { computeResidentIdCheckChar } from './resident-id.ts';
import { completeUscc, USCC_ALPHABET } from './uscc.ts';

/** Returns a float in [0, 1), like Math.random. */
export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough to spread synthetic data; not for anything secret. */
export const mulberry32 = (seed: number): Rng => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

export const randomInt = (rng: Rng, minInclusive: number, maxInclusive: number): number =>
  minInclusive + Math.floor(rng() * (maxInclusive - minInclusive + 1));

export const pick = <T>(rng: Rng, items: readonly T[]): T => {
  if (items.length === 0) throw new DomainError('PICK_EMPTY', 'cannot pick from an empty list');
  return items[randomInt(rng, 0, items.length - 1)]!;
};

/**
 * Real GB/T 2260 county-level divisions, a few per province, so generated data groups into plausible regions.
 * 440300 Shenzhen, 440524 Chaoyang (Shantou), 445200 Jieyang, 440700 Jiangmen, 450400 Wuzhou: the seed cities.
 */
export const SAMPLE_DIVISIONS = [
  '110105',
  '110108',
  '310115',
  '330106',
  '320506',
  '440106',
  '440300',
  '440305',
  '440524',
  '440700',
  '445200',
  '450400',
  '510107',
  '420106',
] as const;

/**
 * Registration authority + category pairs from GB 32100-2015 appendix A that occur in practice; weighted towards
 * market-regulation enterprises (91) and individual businesses (92) as registries are.
 */
const USCC_KIND_PREFIXES = [
  '91',
  '91',
  '91',
  '91',
  '91',
  '92',
  '92',
  '93',
  '11',
  '12',
  '51',
  '52',
  '53',
] as const;

export interface GenerateUsccOptions {
  /** Two characters: registration authority and organisation category. */
  prefix?: string;
  division?: string;
}

export const generateUscc = (rng: Rng, options: GenerateUsccOptions = {}): string => {
  const prefix = options.prefix ?? pick(rng, USCC_KIND_PREFIXES);
  const division = options.division ?? pick(rng, SAMPLE_DIVISIONS);
  // Codes issued since 2015 mostly start MA…; older ones embed a numeric organisation code.
  const orgBody =
    rng() < 0.3
      ? `MA${Array.from({ length: 6 }, () => pick(rng, [...USCC_ALPHABET])).join('')}`
      : Array.from({ length: 8 }, () => String(randomInt(rng, 0, 9))).join('');
  const code = completeUscc(prefix + division + orgBody);
  if (code === null) {
    throw new DomainError(
      'USCC_GENERATE',
      `cannot build a code from prefix ${prefix} and division ${division}`,
    );
  }
  return code;
};

export interface GenerateResidentIdOptions {
  division?: string;
  birthFrom?: IsoDate;
  birthTo?: IsoDate;
  sex?: 'male' | 'female';
}

export const generateResidentId = (rng: Rng, options: GenerateResidentIdOptions = {}): string => {
  const division = options.division ?? pick(rng, SAMPLE_DIVISIONS);
  const from = options.birthFrom ?? '1940-01-01';
  const to = options.birthTo ?? '2005-12-31';
  const span = toEpochDay(to) - toEpochDay(from);
  if (span < 0) throw new DomainError('BIRTH_RANGE', `birthFrom ${from} is after birthTo ${to}`);
  const birth = addDays(from, randomInt(rng, 0, span)).replaceAll('-', '');
  let sequence = randomInt(rng, 0, 999);
  if (options.sex !== undefined && (sequence % 2 === 1) !== (options.sex === 'male'))
    sequence = (sequence + 1) % 1000;
  const body = division + birth + String(sequence).padStart(3, '0');
  return body + computeResidentIdCheckChar(body);
};
