/**
 * Access levels, shared by every provider: each maps its permissions (AWS actions, Kubernetes
 * verbs, GCP permissions) onto these, so blast radius, scoring and the UI speak one language.
 */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** What an identity can do to one resource: permission names by access level. */
export interface ResourceAccess {
  allowed: Partial<Record<AccessLevel, string[]>>;
  /** Allowed only under conditions the exports cannot decide. */
  conditional: Partial<Record<AccessLevel, string[]>>;
}

export const levelsOf = (r: ResourceAccess): AccessLevel[] => ACCESS_LEVELS.filter((l) => r.allowed[l]?.length || r.conditional[l]?.length);
