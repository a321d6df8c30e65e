/** Kubernetes importers, in detection order: the most specific shapes first. */
import type { JsonImporter, TextImporter } from '../../../importers/types';
import { aksShowImporter, eksDescribeClusterImporter, gkeDescribeClusterImporter } from './clusters';
import { accessPoliciesImporter, describeAccessEntryImporter, listAccessEntriesImporter } from './access-entries';
import { kubectlJsonImporter, kubectlYamlImporter } from './kubectl';
import { describePodIdentityImporter, listPodIdentityImporter } from './pod-identity';

export { prescanClusters } from './clusters';

export const K8S_IMPORTERS: readonly JsonImporter[] = [
  eksDescribeClusterImporter,
  gkeDescribeClusterImporter,
  aksShowImporter,
  describeAccessEntryImporter,
  accessPoliciesImporter,
  listAccessEntriesImporter,
  describePodIdentityImporter,
  listPodIdentityImporter,
  kubectlJsonImporter,
];

export const K8S_TEXT_IMPORTERS: readonly TextImporter[] = [kubectlYamlImporter];
