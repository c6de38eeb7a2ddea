/**
 * Who may do what (issue 7). One table, read by the server's route guard, the web app's layout and the README's
 * permission table (a test keeps the README in step with it). Roles follow the users of domain.md §1:
 * regulators investigate, the credit office runs joint punishment, banks screen and monitor their own borrowers,
 * analysts explore the graph; admins run the service.
 */
export const ROLES = ['admin', 'regulator', 'credit_office', 'bank', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Permission → why it exists. Route families declare exactly one permission each. */
export const PERMISSIONS = {
  'subjects:read': 'search subjects by name or USCC and open their profiles',
  'subjects:lookup-person-id': 'find a person by resident ID number (matched through its keyed hash)',
  'analytics:read': "a subject's ownership, controllers, network, paths and risk explanation",
  'detectors:read': 'whole-graph detectors (circles, shell clusters, nominees, communities)',
  'reports:read': 'credit reports (JSON and printable HTML)',
  'screening:run': 'screen one or many subjects against records, lists and related parties',
  'watchlists:manage': 'keep watchlists and bulk-add subjects to them',
  'authorisations:manage': "record a bank's authorisation to look at a subject (portfolio scope)",
  'alerts:read': 'read the alert inbox',
  'alerts:work': 'acknowledge, investigate, confirm or dismiss alerts, assign and comment',
  'imports:read': 'see import runs and their errors',
  'imports:write': 'import subjects, relationships and records',
  'check:run': 'check before handling (应查必查) for an administrative matter',
  'punishment:read': 'record histories, measure statistics and the measures catalogue',
  'punishment:file': 'file objections and repair applications',
  'punishment:decide': 'decide objections and repair applications',
  'audit:read': 'read and verify the audit log',
  'accounts:manage': 'create, disable and re-key accounts',
  'queues:admin': 'the job queues dashboard and failed jobs',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  regulator: [
    'subjects:read',
    'subjects:lookup-person-id',
    'analytics:read',
    'detectors:read',
    'reports:read',
    'screening:run',
    'watchlists:manage',
    'alerts:read',
    'alerts:work',
    'imports:read',
    'check:run',
    'punishment:read',
    'audit:read',
  ],
  credit_office: [
    'subjects:read',
    'subjects:lookup-person-id',
    'analytics:read',
    'detectors:read',
    'reports:read',
    'screening:run',
    'watchlists:manage',
    'alerts:read',
    'alerts:work',
    'imports:read',
    'imports:write',
    'check:run',
    'punishment:read',
    'punishment:file',
    'punishment:decide',
  ],
  bank: [
    'subjects:read',
    'subjects:lookup-person-id',
    'analytics:read',
    'reports:read',
    'screening:run',
    'watchlists:manage',
    'authorisations:manage',
    'alerts:read',
    'alerts:work',
  ],
  analyst: [
    'subjects:read',
    'analytics:read',
    'detectors:read',
    'reports:read',
    'watchlists:manage',
    'alerts:read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Roles whose answers are limited to a portfolio: the subjects the organisation watches or holds an authorisation
 * for, and their linked parties up to the configured depth (BANK_SCOPE_DEPTH).
 */
export function isPortfolioScoped(role: Role): boolean {
  return role === 'bank';
}
