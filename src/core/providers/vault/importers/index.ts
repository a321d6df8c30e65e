/** Vault importers, in detection order: the most specific shapes first. */
import type { JsonImporter, TextImporter } from '../../../importers/types';
import { mountListImporter } from './mounts';
import { readOutputImporter } from './read-output';
import { hclPolicyImporter, policyBodyImporter } from './policies';

export { prescanMounts } from './mounts';

export const VAULT_IMPORTERS: readonly JsonImporter[] = [readOutputImporter, mountListImporter, policyBodyImporter];
export const VAULT_TEXT_IMPORTERS: readonly TextImporter[] = [hclPolicyImporter];
