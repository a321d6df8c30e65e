/** The report exports: the self-contained HTML risk report and the CSV files (findings, inventory, edges). */
export { htmlReport, pathSvg, escapeHtml, REPORT_CSP, DEFAULT_MAX_FINDINGS, type HtmlReportOptions } from './html-report';
export { findingsCsv, inventoryCsv, edgesCsv, csvCell, csvRow, toCsv, evidenceLine, CSV_EOL, CSV_BOM, MAX_CSV_CELL, FINDINGS_CSV_HEADER, INVENTORY_CSV_HEADER, EDGES_CSV_HEADER } from './csv';
