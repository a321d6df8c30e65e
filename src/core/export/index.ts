/** Exports for other graph engines: BloodHound CE (OpenGraph) and Neo4j (import CSV, Cypher script). docs/graph-engines.md. */
export { toOpenGraph, OPENGRAPH_SOURCE_KIND, type OpenGraph, type OpenGraphNode, type OpenGraphEdge } from './opengraph';
export { toNeo4jCsv, toCypher, cypherString, NEO4J_ARGS_FILE, CYPHER_BATCH, type Neo4jCsv } from './neo4j';
export { engineGraph, nodeLabel, edgeType, categoryLabel, type EngineGraph, type EngineNode, type EngineEdge, type Properties, type PropertyValue } from './engine-model';
