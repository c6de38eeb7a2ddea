/**
 * Typed errors of the analytics layer (conventions 5): small classes with a stable `code` and a message that
 * names the module and what to do. Non-convergence is an error, never a silent result.
 */

export type AnalyticsErrorCode =
  | 'ANALYTICS_INVALID_INPUT'
  | 'ANALYTICS_INVALID_OPTIONS'
  | 'ANALYTICS_UNKNOWN_SUBJECT'
  | 'ANALYTICS_NOT_CONVERGED'
  | 'ANALYTICS_INVALID_CONFIG';

export class AnalyticsError extends Error {
  readonly code: AnalyticsErrorCode;
  constructor(code: AnalyticsErrorCode, message: string) {
    super(message);
    this.name = 'AnalyticsError';
    this.code = code;
  }
}

/** One problem found in a projection input: where (`path`, e.g. `edges[12].stakePct`) and why. */
export interface InputIssue {
  path: string;
  reason: string;
}

/** The projection input breaks its contract (unknown endpoints, duplicate ids, stakes outside 0–100, bad dates…). */
export class InvalidInputError extends AnalyticsError {
  readonly issues: readonly InputIssue[];
  constructor(module: string, issues: readonly InputIssue[]) {
    const shown = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.reason}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(
      'ANALYTICS_INVALID_INPUT',
      `${module}: invalid input — ${shown}${more}. Fix the rows and build again.`,
    );
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

/** An option is outside its domain (negative hop limit, threshold above 1, …). */
export class InvalidOptionsError extends AnalyticsError {
  readonly option: string;
  constructor(module: string, option: string, reason: string) {
    super('ANALYTICS_INVALID_OPTIONS', `${module}: option "${option}" ${reason}.`);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}

/** A subject id asked about is not in the projection. */
export class UnknownSubjectError extends AnalyticsError {
  readonly subjectId: string;
  constructor(module: string, subjectId: string) {
    super(
      'ANALYTICS_UNKNOWN_SUBJECT',
      `${module}: subject "${subjectId}" is not in the projection; check the id or build the projection with it.`,
    );
    this.name = 'UnknownSubjectError';
    this.subjectId = subjectId;
  }
}

/** An iterative method did not reach its tolerance within its iteration budget. */
export class NotConvergedError extends AnalyticsError {
  readonly iterations: number;
  readonly residual: number;
  constructor(module: string, iterations: number, residual: number, hint: string) {
    super(
      'ANALYTICS_NOT_CONVERGED',
      `${module}: did not converge after ${iterations} iterations (residual ${residual.toExponential(3)}); ${hint}.`,
    );
    this.name = 'NotConvergedError';
    this.iterations = iterations;
    this.residual = residual;
  }
}

/** The risk model configuration is inconsistent (class boundaries out of order, negative weights, …). */
export class InvalidConfigError extends AnalyticsError {
  constructor(module: string, reason: string) {
    super('ANALYTICS_INVALID_CONFIG', `${module}: invalid configuration — ${reason}.`);
    this.name = 'InvalidConfigError';
  }
}
