/**
 * Help for every AWS technique (registry.ts: the pathfinding.cloud paths and Blastmap's own), one
 * table per category; registered with the AWS kinds (../kinds.ts).
 */
import type { Help } from '../../../explain/help';
import { EXISTING_HELP } from './help-existing';
import { PASSROLE_HELP } from './help-passrole';
import { PRINCIPAL_HELP } from './help-principal';
import { SELF_HELP } from './help-self';

export const AWS_TECHNIQUE_HELP: Record<string, Help> = { ...SELF_HELP, ...PRINCIPAL_HELP, ...PASSROLE_HELP, ...EXISTING_HELP };
