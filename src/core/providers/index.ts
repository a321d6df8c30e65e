/**
 * The providers Blastmap knows, in detection order. This list is the only place that names them:
 * removing a provider is deleting its folder and its line here.
 */
import { registerKinds } from '../model/kinds';
import type { ProviderPlugin } from './types';
import { awsPlugin } from './aws/plugin';
import { kubernetesPlugin } from './kubernetes/plugin';
import { gcpPlugin } from './gcp/plugin';
import { vaultPlugin } from './vault/plugin';
import { azurePlugin } from './azure/plugin';

export const PROVIDERS: readonly ProviderPlugin[] = [awsPlugin, kubernetesPlugin, gcpPlugin, vaultPlugin, azurePlugin];

for (const p of PROVIDERS) registerKinds(p.nodeKinds, p.edgeKinds, p.id);

export const providerLabel = (id: string): string => PROVIDERS.find((p) => p.id === id)?.label ?? id;
