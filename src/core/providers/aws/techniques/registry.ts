/** Every modelled technique, with its coverage of the pathfinding.cloud catalogue. */
import { ADMIN_TECHNIQUE } from './admin';
import { EXISTING_TECHNIQUES } from './existing-resources';
import { PRINCIPAL_TECHNIQUES } from './iam-principal';
import { SELF_TECHNIQUES, SET_DEFAULT_VERSION } from './iam-self';
import { PASSROLE_TECHNIQUES } from './passrole';
import type { TechniqueInfo } from './types';

export const TECHNIQUES: readonly TechniqueInfo[] = [
  ...Object.values(SELF_TECHNIQUES),
  ...Object.values(PRINCIPAL_TECHNIQUES),
  ...PASSROLE_TECHNIQUES,
  ...EXISTING_TECHNIQUES,
].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

/** Blastmap's own techniques outside the catalogue. */
export const EXTRA_TECHNIQUES: readonly TechniqueInfo[] = [ADMIN_TECHNIQUE, SET_DEFAULT_VERSION];
